# Snapshots as igraph and network objects, exports, pictures and the model.

test_that("pn_igraph has the snapshot's nodes, edges and GraphML attributes", {
  skip_if_not_installed("igraph")
  net <- pn_load()
  g <- pn_igraph(net, 1914, layer = "defense")
  nodes <- pn_snapshot(net, 1914, layer = "defense", nodes = TRUE)
  edges <- pn_snapshot(net, 1914, layer = "defense")
  expect_equal(igraph::vcount(g), nrow(nodes))
  expect_equal(igraph::ecount(g), nrow(edges))
  expect_false(igraph::is_directed(g))
  expect_setequal(as.integer(igraph::V(g)$ccode), nodes$ccode)
  # The weights of the GraphML edges are the snapshot's, edge for edge.
  el <- igraph::as_edgelist(g, names = FALSE)
  cc <- as.integer(igraph::V(g)$ccode)
  a <- pmin(cc[el[, 1]], cc[el[, 2]])
  b <- pmax(cc[el[, 1]], cc[el[, 2]])
  got <- igraph::E(g)$weight[order(a, b)]
  expect_equal(as.numeric(got), as.numeric(edges$weight[order(edges$a, edges$b)]))
  # Degrees: the CLI's node table.
  deg <- igraph::degree(g)[match(nodes$ccode, cc)]
  expect_identical(as.integer(deg), nodes$degree)
})

test_that("pn_network is a statnet network of the same snapshot", {
  skip_if_not_installed("network")
  skip_if_not_installed("igraph")
  net <- pn_load()
  n <- pn_network(net, 1914)
  nodes <- pn_snapshot(net, 1914, nodes = TRUE)
  edges <- pn_snapshot(net, 1914)
  expect_equal(network::network.size(n), nrow(nodes))
  expect_equal(network::network.edgecount(n), nrow(edges))
  expect_false(network::is.directed(n))
  expect_setequal(as.integer(network::get.vertex.attribute(n, "ccode")), nodes$ccode)
  expect_identical(sum(as.numeric(network::get.edge.attribute(n, "weight"))), sum(as.numeric(edges$weight)))
})

test_that("exports are the CLI's bytes", {
  net <- pn_load()
  expect_identical(pn_export(net, "graphml", year = 1914, layer = "defense"),
                   paste0(paste(cli("export", "graphml", "--year", "1914", "--layer", "defense"), collapse = "\n"), "\n"))
  expect_identical(pn_export(net, "json", year = 1960),
                   paste0(paste(cli("export", "json", "--year", "1960"), collapse = "\n"), "\n"))
  f <- tempfile(fileext = ".gexf")
  expect_identical(pn_export(net, "gexf", file = f), f)
  expect_identical(readLines(f), cli("export", "gexf"))
})

test_that("pictures are the CLI's pictures", {
  net <- pn_load()
  f <- tempfile(fileext = ".png")
  g <- tempfile(fileext = ".png")
  expect_identical(pn_plot_network(net, 1914, file = f), f)
  cli("plot", "network", "--year", "1914", "-o", g)
  expect_identical(unname(tools::md5sum(f)), unname(tools::md5sum(g)))
  p <- pn_plot_series(net, metrics = "density", format = "svg")
  expect_s3_class(p, "pactnet_picture")
  h <- tempfile(fileext = ".svg")
  cli("plot", "series", "--metrics", "density", "-o", h)
  expect_identical(rawToChar(unclass(p)), paste0(paste(readLines(h), collapse = "\n"), "\n"))
  expect_error(pn_plot_network(net, 1914, file = tempfile(fileext = ".jpg")), class = "pactnet_usage_error")
})

test_that("pn_explore's page is the CLI's explore page, byte for byte", {
  net <- pn_load()
  f <- tempfile(fileext = ".html")
  g <- tempfile(fileext = ".html")
  html <- pn_explore(net, years = 1900:1920)
  expect_identical(pn_explore(net, file = f, years = 1900:1920), html)
  cli("explore", "--years", "1900..1920", "-o", g)
  expect_identical(unname(tools::md5sum(f)), unname(tools::md5sum(g)))
  expect_true(startsWith(html, "<!DOCTYPE html>"))
  expect_true(grepl("Alliance network 1900\u20131920", html, fixed = TRUE))
  expect_error(pn_explore(net, years = 1700:1701), class = "pactnet_query_error")
})

test_that("pn_tergm's terms equal the CLI's tergm table", {
  net <- pn_load()
  model <- 'edges + gwesp(0.5, fixed=TRUE) + nodematch(region) + memory(type="stability")'
  m <- pn_tergm(net, model, years = 1946:1991, layer = "defense", bootstrap = 20, seed = 3)
  csv <- cli_csv("tergm", "--years", "1946..1991", "--layer", "defense", "--model", model,
                 "--bootstrap", "20", "--seed", "3", "--format", "csv")
  expect_frame_is_csv(m$terms, csv, "tergm")
  expect_identical(m$fit$replicates, 20L)
  expect_match(m$summary[1], "^MPLE of 4 term\\(s\\) on 46 year\\(s\\) 1946")
  expect_error(pn_tergm(net, "edges + foo"), class = "pactnet_usage_error", regexp = "unknown term `foo`")
})

test_that("state, matrix, durations and reach pictures are the CLI's, byte for byte", {
  net <- pn_load(quiet = TRUE)
  same <- function(r_file, ...) {
    cli_file <- tempfile(fileext = paste0(".", tools::file_ext(r_file)))
    cli(..., "-o", cli_file)
    expect_identical(unname(tools::md5sum(r_file)), unname(tools::md5sum(cli_file)), label = paste(..., collapse = " "))
  }
  f <- pn_plot_state(net, "FRN", file = tempfile(fileext = ".png"), eras = TRUE, width = 900, height = 600)
  same(f, "plot", "state", "FRN", "--eras", "--width", "900", "--height", "600")
  f <- pn_plot_state(net, 2, file = tempfile(fileext = ".svg"), layer = "defense", years = 1940:1990)
  same(f, "plot", "state", "2", "--layer", "defense", "--years", "1940..1990")
  f <- pn_plot_matrix(net, 1914, file = tempfile(fileext = ".png"))
  same(f, "plot", "matrix", "--year", "1914")
  f <- pn_plot_durations(net, file = tempfile(fileext = ".svg"), by = "type")
  same(f, "plot", "durations", "--by", "type")
  f <- pn_plot_reach(net, "FRN", 1914, file = tempfile(fileext = ".png"))
  same(f, "plot", "reach", "FRN", "--year", "1914")
  f <- pn_plot_reach(net, "USA", 1960, file = tempfile(fileext = ".svg"), direction = "out", layer = "any")
  same(f, "plot", "reach", "USA", "--year", "1960", "--direction", "out", "--layer", "any")
  expect_error(pn_plot_matrix(net, 1914, width = 100), class = "pactnet_usage_error", regexp = "width 100")
})

test_that("the animation is the CLI's GIF, byte for byte", {
  net <- pn_load(quiet = TRUE)
  f <- pn_plot_animate(net, 1910:1916, file = tempfile(fileext = ".gif"), fps = 3, width = 600, height = 450)
  g <- tempfile(fileext = ".gif")
  cli("plot", "animate", "--years", "1910..1916", "--fps", "3", "--width", "600", "--height", "450", "-o", g)
  expect_identical(unname(tools::md5sum(f)), unname(tools::md5sum(g)))
  expect_identical(readBin(f, "raw", 6), charToRaw("GIF89a"))
  expect_error(pn_plot_animate(net, 1910:1916, file = tempfile(fileext = ".png")), class = "pactnet_usage_error")
})
