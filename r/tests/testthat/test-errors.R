# Errors are R conditions with the CLI's message and a class; a panic never ends the session.

test_that("a year outside the data is a pactnet_query_error with the CLI's message", {
  net <- pn_load()
  err <- tryCatch(pn_snapshot(net, 1700), error = function(e) e)
  expect_s3_class(err, "pactnet_query_error")
  expect_s3_class(err, "pactnet_error")
  expect_identical(conditionMessage(err), "year 1700 is outside the data (1816..=2016)")
  expect_error(pn_state(net, "Atlantis"), class = "pactnet_query_error", regexp = "unknown state \"Atlantis\"")
})

test_that("bad arguments are pactnet_usage_errors", {
  net <- pn_load()
  expect_error(pn_snapshot(net, 1914, layer = "friendship"), class = "pactnet_usage_error")
  expect_error(pn_snapshot(net), class = "pactnet_usage_error", regexp = "give year")
  expect_error(pn_snapshot(net, 1914, date = "1914-08-04"), class = "pactnet_usage_error", regexp = "not both")
  expect_error(pn_metrics(net, level = "nodes"), class = "pactnet_usage_error")
  expect_error(pn_snapshot("net", 1914), class = "pactnet_usage_error", regexp = "pn_load")
  expect_error(pn_load(system = "un"), class = "pactnet_usage_error", regexp = "expected one of cow, none, atop")
  expect_error(pn_load(where = "conditio ="), class = "pactnet_usage_error", regexp = "^where: ")
  expect_error(pn_load(states = "x.csv"), class = "pactnet_usage_error",
               regexp = "^states needs members \\(the ATOP member-level file\\) too$")
  # The library's rules, told in R's spelling.
  expect_error(pn_load(combine_sources = TRUE), class = "pactnet_usage_error",
               regexp = "^combine_sources = TRUE adds COW rows to the ATOP rows: it needs cow_alliances$")
  expect_error(pn_load(data_end = 999), class = "pactnet_usage_error",
               regexp = "^data_end 999: expected a year in 1000..=2100$")
  expect_error(pn_load(max_edges = -1), class = "pactnet_usage_error", regexp = "^max_edges -1: expected a number")
  expect_error(pn_load(year_rule = "mid"), class = "pactnet_usage_error", regexp = "^year_rule: unknown year rule")
  expect_error(pn_load(codesheets = tempfile()), class = "pactnet_io_error", regexp = "cannot list the coding sheets")
})

test_that("a bad data file is a pactnet_data_error naming file, line and field", {
  dir <- tempfile()
  dir.create(dir)
  members <- file.path(dir, "members.csv")
  sample_states <- file.path(dir, "states.csv")
  writeLines(c("ccode,stateabb,statenme,styear,stmonth,stday,endyear,endmonth,endday,version",
               "2,USA,United States of America,1816,1,1,2016,12,31,2016"), sample_states)
  writeLines(c("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul",
               "1001,2,19x5,1,1,0,0,0,1,1,0,0,0,0"), members)
  err <- tryCatch(pn_load(members = members, states = sample_states), error = function(e) e)
  expect_s3_class(err, "pactnet_data_error")
  expect_identical(err$file, "members.csv")
  expect_identical(err$line, 2)
  expect_identical(err$field, "yrent")
  expect_identical(err$value, "19x5")
  # The CLI's message, after its "pactnet: error: cannot load the data: ".
  cli_err <- tempfile()
  status <- suppressWarnings(system2(pactnet_bin(), c("--members", members, "--states", sample_states, "info"),
                                     stdout = FALSE, stderr = cli_err))
  expect_identical(status, 1L)
  expect_identical(readLines(cli_err), paste("pactnet: error: cannot load the data:", conditionMessage(err)))
  expect_error(pn_load(members = file.path(dir, "none.csv"), states = sample_states),
               class = "pactnet_io_error", regexp = "none.csv")
})

test_that("a Rust panic is a pactnet_internal_error and the session goes on", {
  err <- tryCatch(pactnet:::pn_call(pactnet:::rs_panic_for_tests), error = function(e) e)
  expect_s3_class(err, "pactnet_internal_error")
  expect_match(conditionMessage(err), "test panic")
  # The session still works.
  expect_s3_class(pn_snapshot(pn_load(), 1914), "data.frame")
})

test_that("an output never overwrites an input", {
  dir <- tempfile()
  dir.create(dir)
  root <- repo_root()
  if (is.na(root)) skip_or_fail("the repository (with data/sample) was not found above the tests")
  f <- list(members = file.path(dir, "members.csv"), states = file.path(dir, "states.csv"))
  file.copy(file.path(root, "data", "sample", "members.csv"), f$members)
  file.copy(file.path(root, "data", "sample", "states.csv"), f$states)
  net <- pn_load(members = f$members, states = f$states)
  before <- readLines(f$members)
  expect_error(pn_export(net, "graphml", year = 1914, file = f$members), class = "pactnet_usage_error",
               regexp = "refusing to overwrite an input")
  expect_identical(readLines(f$members), before)
})
