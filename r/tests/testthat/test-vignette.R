# The vignette runs as written: every R chunk, in order (knitr's purl extracts them).
test_that("the vignette 'From ATOP to a TERGM in R' runs", {
  skip_if_not_installed("knitr")
  root <- repo_root()
  rmd <- if (is.na(root)) "" else file.path(root, "r", "vignettes", "atop-to-tergm.Rmd")
  if (!file.exists(rmd)) skip_or_fail("the vignette source r/vignettes/atop-to-tergm.Rmd was not found")
  code <- tempfile(fileext = ".R")
  knitr::purl(rmd, output = code, quiet = TRUE)
  env <- new.env()
  expect_no_error(sys.source(code, envir = env))
  expect_s3_class(env$m$terms, "data.frame")
  expect_gt(nrow(env$dy), 0)
})
