# Times the R package against the CLI on the full data (not a test: timings vary with the machine).
#   Rscript r/bench.R            (PACTNET_DATA_DIR, PACTNET_BIN as for the tests)
library(pactnet)
d <- Sys.getenv("PACTNET_DATA_DIR", "../shared/data")
bin <- Sys.getenv("PACTNET_BIN", "target/release/pactnet")
m <- file.path(d, "atop-4.01", "atop4_01m.csv")
s <- file.path(d, "cow", "states2016.csv")
best <- function(n, f) min(vapply(seq_len(n), function(i) system.time(f())[["elapsed"]], 0))
net <- pn_load(members = m, states = s, quiet = TRUE)
cat(sprintf("pn_load, full data:                          %.3f s (best of 5)\n",
            best(5, function() pn_load(members = m, states = s, quiet = TRUE))))
cat(sprintf("pn_metrics(layers = \"all\", level = \"node\"):   %.3f s (best of 3)\n",
            best(3, function() pn_metrics(net, layers = "all", level = "node"))))
out <- tempfile(fileext = ".csv")
cli <- function() system2(bin, c("-q", "--members", m, "--states", s, "metrics", "--layers", "all",
                                 "--level", "node", "-o", out))
cat(sprintf("pactnet metrics --layers all --level node: %.3f s (best of 3, load and CSV included)\n",
            best(3, cli)))
