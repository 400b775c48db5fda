# The other inputs reach the tables as the CLI's flags: COW Formal Alliances (alone or combined),
# ATOP coding sheets, ATOP 5.1 with its own directed dyad-years and system = "atop".

cow_alliances <- c(
  "version4id,ccode,state_name,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente,version",
  "300,2,United States of America,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1",
  "300,365,Russia,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1",
  "301,200,United Kingdom,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1",
  "301,220,France,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1"
)

test_that("COW alone equals the CLI, with COW's layers; double counting is refused", {
  root <- repo_root()
  if (is.na(root)) skip_or_fail("the repository (with data/sample) was not found above the tests")
  cow <- tempfile(fileext = ".csv")
  writeLines(cow_alliances, cow)
  states <- file.path(root, "data", "sample", "states.csv")
  net <- pn_load(cow_alliances = cow, states = states, quiet = TRUE)
  csv <- cli_csv("--cow-alliances", cow, "--states", states, "export", "dyadyears")
  expect_frame_is_csv(pn_dyadyears(net), csv, "dyadyears of COW alone")
  expect_identical(names(csv), c("ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg",
                                 "cow_entente", "cow_number"))
  m <- pn_metrics(net, layers = "all")
  expect_frame_is_csv(m, cli_csv("--cow-alliances", cow, "--states", states, "metrics", "--layers", "all",
                                 "--format", "csv"), "metrics of COW alone")
  expect_identical(unique(m$layer), c("any", "defense", "neutrality", "nonaggression", "entente"))
  expect_identical(capture.output(print(pn_info(net))), cli("--cow-alliances", cow, "--states", states, "info"))
  expect_error(pn_load(members = file.path(root, "data", "sample", "members.csv"), states = states,
                       cow_alliances = cow), class = "pactnet_usage_error", regexp = "count most alliances twice")
  expect_error(pn_load(cow_alliances = cow), class = "pactnet_usage_error", regexp = "needs states")
})

test_that("COW rows combined with the sample, and coding sheets, equal the CLI", {
  root <- repo_root()
  if (is.na(root)) skip_or_fail("the repository (with data/sample) was not found above the tests")
  cow <- tempfile(fileext = ".csv")
  writeLines(cow_alliances, cow)
  sheets <- file.path(root, "tests", "fixtures", "codesheets", "good")
  net <- pn_load(cow_alliances = cow, codesheets = sheets, combine_sources = TRUE, quiet = TRUE)
  csv <- cli_csv("--cow-alliances", cow, "--combine-sources", "--codesheets", sheets,
                 "export", "dyadyears", "--undirected")
  dy <- pn_dyadyears(net, undirected = TRUE)
  expect_frame_is_csv(dy, csv, "dyadyears with COW alliances and coding sheets")
  expect_gt(nrow(dy), nrow(pn_dyadyears(pn_load(quiet = TRUE), undirected = TRUE)))
  text <- cli("--cow-alliances", cow, "--combine-sources", "--codesheets", sheets, "info")
  expect_identical(capture.output(print(pn_info(net))), text)
})

test_that("ATOP 5.1 with ATOP's own dyads and system = \"atop\" equals the CLI", {
  d <- data_dir()
  files <- c(file.path(d, "atop-5.1", "atop5_1m.csv"), file.path(d, "cow", "states2016.csv"),
             file.path(d, "reference", "atop5_1_directed_dyad_years.csv"))
  missing <- files[!file.exists(files)]
  if (length(missing)) skip_or_fail(sprintf("real data not found (%s): set PACTNET_DATA_DIR", paste(missing, collapse = ", ")))
  net <- pn_load(members = files[1], states = files[2], system = "atop", atop_dyads = files[3], quiet = TRUE)
  csv <- cli_csv("--members", files[1], "--states", files[2], "--system", "atop", "--atop-dyads", files[3],
                 "export", "dyadyears", "--years", "1980..2018")
  expect_frame_is_csv(pn_dyadyears(net, years = 1980:2018), csv, "dyadyears --system atop --atop-dyads")
  info <- pn_info(net)
  expect_identical(c(info$first_year, info$last_year), c(1815L, 2018L))
  expect_identical(capture.output(print(info)),
                   cli("--members", files[1], "--states", files[2], "--system", "atop", "--atop-dyads", files[3], "info"))
  # system_end = "list": no state is a system member after the list's last day (2016).
  listed <- pn_load(members = files[1], states = files[2], system_end = "list", quiet = TRUE)
  expect_identical(nrow(pn_snapshot(listed, 2017, nodes = TRUE)), 0L)
  expect_identical(nrow(pn_snapshot(pn_load(members = files[1], states = files[2], quiet = TRUE), 2017, nodes = TRUE)), 195L)
})
