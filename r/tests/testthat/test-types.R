# Column types: Dates, logicals, integer codes, list columns, NA for a missing cell.

test_that("tables have R types, not CSV text", {
  net <- pn_load()
  e <- pn_snapshot(net, 1914)
  expect_type(e$a, "integer")
  expect_type(e$weight, "integer")
  expect_type(e$atopids, "list")
  expect_type(e$atopids[[1]], "integer")
  expect_identical(attr(e$atopids, "sep"), ";")
  # In 1914 Germany (255) and Austria-Hungary (300) were tied by the Dual Alliance of 1879 (ATOP
  # 1335) and the Triple Alliance (ATOP 1350), which also tied both to Italy (325).
  gmy_auh <- e[e$a == 255 & e$b == 300, ]
  expect_identical(gmy_auh$atopids, list(c(1335L, 1350L)))
  expect_identical(gmy_auh$weight, 2L)
  expect_identical(e$atopids[e$a == 255 & e$b == 325], list(1350L))

  m <- pn_state(net, "FRN")
  expect_s3_class(m$start, "Date")
  expect_s3_class(m$end, "Date")
  expect_true(all(m$start < m$end))

  d <- pn_dyadyears(net, years = 1914)
  expect_type(d$ccode1, "integer")
  expect_identical(sort(unique(d$year)), 1914L)

  g <- pn_metrics(net, years = 1914)
  expect_type(g$density, "double")
  expect_true(all(g$density >= 0 & g$density <= 1))
})

test_that("logical columns come from yes/no cells", {
  net <- pn_load()
  s <- pn_statelevel(net, years = 1914)
  logicals <- names(s)[vapply(s, is.logical, TRUE)]
  csv <- cli_csv("export", "statelevel", "--years", "1914")
  for (col in logicals) {
    expect_true(all(csv[[col]] %in% c("yes", "no", "true", "false", "")), label = col)
  }
  expect_frame_is_csv(s, csv, "statelevel 1914")
})
