# R CMD check's entry; or, after `R CMD INSTALL r`: cd r/tests && Rscript testthat.R
library(testthat)
library(pactnet)
test_check("pactnet")
