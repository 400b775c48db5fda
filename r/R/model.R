#' Temporal ERGMs: why ties form
#'
#' `pactnet tergm MODEL`: a temporal ERGM fitted by maximum pseudo-likelihood to the yearly
#' snapshots (btergm's method), with optional bootstrap confidence intervals.
#'
#' @param net A network from [pn_load()].
#' @param model The model formula, in the CLI's term language, e.g.
#'   `"edges + gwesp(0.5, fixed = TRUE) + memory(stability)"`.
#' @param years `NULL` (every year), `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer whose snapshots are the networks (see [pn_snapshot()]).
#' @param bootstrap Bootstrap replicates (0: none).
#' @param seed The bootstrap's seed.
#' @param level The confidence level of the intervals.
#' @param predict A year whose ties the model predicts out of sample (optional).
#' @param state_covariates,dyad_covariates,directed_covariates Covariate files, as for
#'   [pn_dyadyears()] (the CLI's `--state-covariates`, `--dyad-covariates [NAME=]FILE`,
#'   `--directed-covariates`): the attributes of `nodecov()`, `edgecov()` and the other terms.
#' @param network A network file instead of the snapshots (the CLI's `--network`: year,
#'   ccode1/ccode2 or stateabb1/stateabb2, optional weight).
#' @param network_nodes The states of each year for `network` (the CLI's `--network-nodes`).
#' @param lenient Skip invalid rows of those files (counted in a message) instead of stopping.
#' @return A list of class `pactnet_tergm`: `terms` (one row per term: estimate, standard error,
#'   interval, ...), `fit` (the fit statistics, one row each) and `summary` (the CLI's summary
#'   lines).
#' @examples
#' m <- pn_tergm(pn_load(), "edges + triangle", years = 1900:1914)
#' m$terms
#' @export
pn_tergm <- function(net, model, years = NULL, layer = "any", bootstrap = 0, seed = 0,
                     level = 0.95, predict = NULL, state_covariates = NULL,
                     dyad_covariates = NULL, directed_covariates = FALSE, network = NULL,
                     network_nodes = NULL, lenient = FALSE) {
  out <- pn_call(rs_tergm, arg_net(net), arg_string(model), arg_years(years), arg_string(layer),
                 arg_int(bootstrap), arg_number(seed), arg_number(level),
                 arg_int(predict, null = TRUE), arg_files(state_covariates),
                 arg_files(dyad_covariates), arg_flag(directed_covariates), arg_path(network),
                 arg_path(network_nodes), arg_flag(lenient))
  if (length(out$warnings)) {
    message(paste0("pactnet: warning: ", out$warnings, "\n", collapse = ""))
  }
  structure(list(terms = pn_frame(out$terms), fit = pn_frame(out$fit), summary = out$summary),
            class = "pactnet_tergm")
}

#' @export
print.pactnet_tergm <- function(x, ...) {
  cat(x$summary, sep = "\n")
  print(x$terms)
  invisible(x)
}
