# Every table function equals the CLI's CSV for the same request, cell for cell: on the embedded
# sample always, on the full ATOP 4.01 data when present (mandatory under CI=true).

cases <- list(
  snapshot = list(c("snapshot", "--year", "1914"), function(n) pn_snapshot(n, 1914)),
  snapshot_defense = list(c("snapshot", "--year", "1960", "--layer", "defense"),
                          function(n) pn_snapshot(n, 1960, layer = "defense")),
  snapshot_date = list(c("snapshot", "--date", "1939-09-01"),
                       function(n) pn_snapshot(n, date = as.Date("1939-09-01"))),
  nodes = list(c("snapshot", "--year", "1914", "--nodes"), function(n) pn_snapshot(n, 1914, nodes = TRUE)),
  metrics_graph = list(c("metrics"), function(n) pn_metrics(n)),
  metrics_node_all = list(c("metrics", "--layers", "all", "--level", "node", "--years", "1900..1950"),
                          function(n) pn_metrics(n, years = 1900:1950, layers = "all", level = "node")),
  metrics_chosen = list(c("metrics", "--level", "node", "--metrics", "degree,betweenness",
                          "--only-states", "USA,RUS", "--years", "1946..1991"),
                        function(n) pn_metrics(n, years = c(1946, 1991), level = "node",
                                               metrics = c("degree", "betweenness"), only_states = c("USA", 365))),
  metrics_layers = list(c("metrics", "--layers", "defense,consultation", "--metrics", "density,transitivity", "--years", "1950"),
                        function(n) pn_metrics(n, years = 1950, layers = c("defense", "consultation"),
                                               metrics = "density,transitivity")),
  blocs = list(c("blocs", "--years", "1900..1960"), function(n) pn_blocs(n, years = "1900..1960")),
  blocs_summary = list(c("blocs", "--layer", "defense", "--summary", "--seed", "3", "--resolution", "1.5"),
                       function(n) pn_blocs(n, layer = "defense", summary = TRUE, seed = 3, resolution = 1.5)),
  similarity = list(c("similarity", "--years", "1946..1950", "--measure", "kappa"),
                    function(n) pn_similarity(n, years = c(1946, 1950), measure = "kappa")),
  similarity_among = list(c("similarity", "--years", "1914", "--among", "europe,USA", "--measure", "taub"),
                          function(n) pn_similarity(n, years = 1914, among = c("europe", 2), measure = "taub")),
  closure = list(c("closure"), function(n) pn_closure(n)),
  closure_esp = list(c("closure", "--esp", "--layer", "defense", "--years", "1900..1990"),
                     function(n) pn_closure(n, years = 1900:1990, layer = "defense", esp = TRUE)),
  cliques = list(c("cliques", "--years", "1900..1990"), function(n) pn_cliques(n, years = c(1900, 1990))),
  cliques_overlap = list(c("cliques", "--overlap", "--min-size", "4", "--layer", "consultation", "--years", "1950..1960"),
                         function(n) pn_cliques(n, years = 1950:1960, layer = "consultation", min_size = 4, overlap = TRUE)),
  dyadyears = list(c("export", "dyadyears", "--years", "1946..1989"), function(n) pn_dyadyears(n, years = c(1946, 1989))),
  dyadyears_undirected_all = list(c("export", "dyadyears", "--years", "1950", "--undirected", "--all-dyads"),
                                  function(n) pn_dyadyears(n, years = 1950, undirected = TRUE, all_dyads = TRUE)),
  statelevel = list(c("export", "statelevel"), function(n) pn_statelevel(n)),
  alliances = list(c("export", "alliances"), function(n) pn_alliances(n)),
  state = list(c("state", "FRN", "--format", "csv"), function(n) pn_state(n, "FRN")),
  state_by_year = list(c("state", "220", "--by-year", "--format", "csv"), function(n) pn_state(n, 220, by_year = TRUE)),
  dyad = list(c("dyad", "GMY", "AUH", "--format", "csv"), function(n) pn_dyad(n, "GMY", "AUH")),
  dyad_reversed = list(c("dyad", "RUS", "FRN", "--format", "csv"), function(n) pn_dyad(n, "RUS", "FRN")),
  separation = list(c("separation", "--years", "1914..1920"), function(n) pn_separation(n, years = 1914:1920)),
  separation_dyads = list(c("separation", "--years", "1914", "--dyads", "USA,RUS", "GMY,FRN"),
                          function(n) pn_separation(n, years = 1914, dyads = c("USA,RUS", "GMY,FRN"))),
  separation_summary = list(c("separation", "--summary", "--layer", "defense"),
                            function(n) pn_separation(n, layer = "defense", summary = TRUE)),
  reach = list(c("reach", "FRN", "--year", "1914"), function(n) pn_reach(n, "FRN", 1914)),
  reach_out = list(c("reach", "USA", "--year", "1960", "--direction", "out", "--layer", "any"),
                   function(n) pn_reach(n, "USA", 1960, direction = "out", layer = "any")),
  durations = list(c("durations"), function(n) pn_durations(n)),
  snapshot_window = list(c("snapshot", "--year", "1914", "--window", "5"), function(n) pn_snapshot(n, 1914, window = 5)),
  metrics_window = list(c("metrics", "--window", "5", "--years", "1900..1950"),
                        function(n) pn_metrics(n, years = 1900:1950, window = 5)),
  dyadyears_window = list(c("export", "dyadyears", "--window", "3", "--years", "1946..1950"),
                          function(n) pn_dyadyears(n, years = 1946:1950, window = 3)),
  blocs_window = list(c("blocs", "--window", "10", "--years", "1900..1960"),
                      function(n) pn_blocs(n, years = 1900:1960, window = 10)),
  similarity_dyads = list(c("similarity", "--dyads", "USA,RUS", "UKG,FRN", "--coding", "binary", "--measure", "s2"),
                          function(n) pn_similarity(n, dyads = data.frame(a = c("USA", "UKG"), b = c("RUS", "FRN")),
                                                    coding = "binary", measure = "s2")),
  durations_type = list(c("durations", "--by", "type", "--summary"), function(n) pn_durations(n, by = "type", summary = TRUE))
)

# `--format csv` for the commands that take it (export tables are CSV already).
csv_args <- function(args) {
  if (args[1] == "export" || "--format" %in% args) args else c(args, "--format", "csv")
}

test_that("every table of the sample equals the CLI's CSV", {
  net <- pn_load()
  for (name in names(cases)) {
    case <- cases[[name]]
    expect_frame_is_csv(case[[2]](net), cli_csv(csv_args(case[[1]])), name)
  }
})

test_that("every table of the full data equals the CLI's CSV", {
  f <- real_files()
  net <- pn_load(members = f$members, states = f$states)
  for (name in names(cases)) {
    case <- cases[[name]]
    csv <- cli_csv(c("--members", f$members, "--states", f$states, csv_args(case[[1]])))
    expect_frame_is_csv(case[[2]](net), csv, paste("full data:", name))
  }
})

test_that("node metrics of every layer on the full data equal the CLI's", {
  f <- real_files()
  net <- pn_load(members = f$members, states = f$states)
  df <- pn_metrics(net, layers = "all", level = "node")
  csv <- cli_csv("--members", f$members, "--states", f$states, "metrics", "--layers", "all", "--level", "node")
  expect_frame_is_csv(df, csv, "metrics --layers all --level node")
  expect_gt(nrow(df), 90000) # 95,706 (year, layer, state) rows in ATOP 4.01
})

test_that("where, system and year_rule reach the tables as the CLI's flags", {
  f <- real_files()
  net <- pn_load(members = f$members, states = f$states, alliances = f$alliances,
                 where = "conditio = 0", system = "none", year_rule = "end")
  csv <- cli_csv("--members", f$members, "--states", f$states, "--alliances", f$alliances,
                 "--where", "conditio = 0", "--system", "none", "--year-rule", "end",
                 "export", "dyadyears", "--years", "1914..1918")
  expect_frame_is_csv(pn_dyadyears(net, years = 1914:1918), csv, "where + system + year_rule")
  expect_identical(pn_info(net)$where, "conditio = 0")
})

test_that("pn_alliance is the CLI's record, as text and as JSON", {
  net <- pn_load()
  expect_identical(strsplit(unclass(pn_alliance(net, 1350)), "\n")[[1]], cli("alliance", "1350"))
  expect_identical(strsplit(pn_alliance(net, 1350, format = "json"), "\n")[[1]],
                   cli("alliance", "1350", "--format", "json"))
  expect_error(pn_alliance(net, 1), class = "pactnet_usage_error", regexp = "no alliance 1 in ")
})

test_that("pn_info has the figures pactnet info prints", {
  net <- pn_load()
  info <- pn_info(net)
  text <- cli("info")
  # Printed, it is the CLI's text line for line.
  expect_identical(capture.output(print(info)), text)
  expect_true(any(text == sprintf("alliances:         %d", as.integer(info$alliances))))
  expect_true(any(text == sprintf("multigraph edges:  %d", as.integer(info$multigraph_edges))))
  expect_identical(info$first_year, 1816L)
  expect_identical(info$last_year, 2016L)
})

test_that("pn_report writes the CLI's files", {
  net <- pn_load()
  dir <- tempfile("report")
  files <- pn_report(net, dir, years = 1900:1920, layers = "any", network_years = 1914)
  expect_true(file.exists(file.path(dir, "index.html")))
  expect_true(all(file.exists(file.path(dir, files))))
  cli_dir <- tempfile("report-cli")
  cli("report", "--years", "1900..1920", "--layers", "any", "--network-years", "1914", "-o", cli_dir)
  expect_setequal(files, list.files(cli_dir, recursive = TRUE))
  for (f in files) {
    expect_identical(unname(tools::md5sum(file.path(dir, f))), unname(tools::md5sum(file.path(cli_dir, f))),
                     label = f)
  }
})

test_that("pn_info of the full data prints as pactnet info", {
  f <- real_files()
  net <- pn_load(members = f$members, states = f$states, alliances = f$alliances, quiet = TRUE)
  text <- cli("--members", f$members, "--states", f$states, "--alliances", f$alliances, "info")
  expect_identical(capture.output(print(pn_info(net))), text)
  expect_false(pn_info(net)$sample)
})
