# Weights, provisions and the multigraph.

test_that("similarity with weights equals the CLI's --weights", {
  net <- pn_load(quiet = TRUE)
  w <- tempfile(fileext = ".csv")
  writeLines(c("ccode,weight", "2,2", "365,1", "200,0.5"), w)
  csv <- cli_csv("similarity", "--years", "1946..1950", "--weights", w, "--format", "csv")
  expect_frame_is_csv(pn_similarity(net, years = 1946:1950, weights = c(USA = 2, RUS = 1, "200" = 0.5)),
                      csv, "similarity --weights")
  expect_error(pn_similarity(net, weights = c(USA = 1), measure = "kappa"), class = "pactnet_usage_error",
               regexp = "weights apply to measure s or s2")
  expect_error(pn_similarity(net, weights = c(1, 2)), class = "pactnet_usage_error", regexp = "named by state")
})

test_that("the multigraph has one row per edge, with dated spans", {
  net <- pn_load(quiet = TRUE)
  m <- pn_multigraph(net)
  expect_identical(nrow(m), as.integer(pn_info(net)$multigraph_edges))
  expect_s3_class(m$start, "Date")
  expect_true(all(m$start < m$end))
  expect_true(all(m$a < m$b | m$a > m$b))
})

test_that("provision columns reach dyad-years and GraphML as the CLI's --provisions (full data)", {
  f <- real_files()
  net <- pn_load(members = f$members, states = f$states, quiet = TRUE)
  p <- c("intcom", "milcon", "base")
  csv <- cli_csv("--members", f$members, "--states", f$states, "export", "dyadyears", "--years", "1992",
                 "--undirected", "--provisions", "intcom,milcon,base")
  expect_frame_is_csv(pn_dyadyears(net, years = 1992, undirected = TRUE, provisions = p), csv, "dyadyears --provisions")
  out <- tempfile(fileext = ".graphml")
  cli("--members", f$members, "--states", f$states, "export", "graphml", "--year", "1992", "--provisions",
      "intcom,milcon,base", "-o", out)
  expect_identical(pn_export(net, "graphml", year = 1992, provisions = p), readChar(out, file.size(out), useBytes = TRUE))
  if (requireNamespace("igraph", quietly = TRUE)) {
    g <- pn_igraph(net, 1992, provisions = p)
    expect_true(all(p %in% igraph::edge_attr_names(g)))
  }
})
