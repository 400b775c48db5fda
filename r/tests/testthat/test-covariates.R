# Covariate files joined to the dyad-years and state-years, and the model fitted with them, as
# the CLI's --state-covariates / --dyad-covariates / --network-nodes (full data).

covariate_files <- function() {
  d <- file.path(data_dir(), "covariates-1981-2000")
  files <- c(state = file.path(d, "state_years.csv"), contig = file.path(d, "contiguity.csv"))
  if (!all(file.exists(files))) skip_or_fail(sprintf("covariates-1981-2000 not found in %s", data_dir()))
  as.list(files)
}

test_that("dyad-years and state-years with covariates equal the CLI's", {
  f <- real_files()
  cov <- covariate_files()
  net <- pn_load(members = f$members, states = f$states, quiet = TRUE)
  dy <- suppressMessages(pn_dyadyears(net, years = 1981:2000, undirected = TRUE,
                                      state_covariates = cov$state, dyad_covariates = c(contig = cov$contig)))
  csv <- cli_csv("--members", f$members, "--states", f$states, "--state-covariates", cov$state,
                 "--dyad-covariates", paste0("contig=", cov$contig), "export", "dyadyears",
                 "--years", "1981..2000", "--undirected")
  expect_frame_is_csv(dy, csv, "dyadyears with covariates")
  expect_true(all(c("cinc1", "cinc2", "polity1", "polity2", "contig") %in% names(dy)))
  expect_type(dy$cinc1, "double")
  sl <- suppressMessages(pn_statelevel(net, years = 1981:2000, state_covariates = cov$state))
  csv <- cli_csv("--members", f$members, "--states", f$states, "--state-covariates", cov$state,
                 "export", "statelevel", "--years", "1981..2000")
  expect_frame_is_csv(sl, csv, "statelevel with covariates")
})

test_that("pn_tergm with covariates equals the CLI's tergm", {
  f <- real_files()
  cov <- covariate_files()
  net <- pn_load(members = f$members, states = f$states, quiet = TRUE)
  model <- "edges + gwesp(0, fixed=TRUE) + edgecov(contig) + nodecov(cinc) + absdiff(polity)"
  m <- suppressMessages(pn_tergm(net, model, years = 1981:2000, layer = "defense",
                                 state_covariates = cov$state, dyad_covariates = c(contig = cov$contig),
                                 network_nodes = cov$state))
  csv <- cli_csv("--members", f$members, "--states", f$states, "--state-covariates", cov$state,
                 "--dyad-covariates", paste0("contig=", cov$contig), "--network-nodes", cov$state,
                 "tergm", "--years", "1981..2000", "--layer", "defense", "--model", model, "--format", "csv")
  expect_frame_is_csv(m$terms, csv, "tergm with covariates")
  # The dyad-years of the design, as the Python package's test states them.
  expect_identical(m$fit$dyad_years, 267320L)
})
