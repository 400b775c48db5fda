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
#' @return A list of class `pactnet_tergm`: `terms` (one row per term: estimate, standard error,
#'   interval, ...), `fit` (the fit statistics, one row each) and `summary` (the CLI's summary
#'   lines).
#' @examples
#' m <- pn_tergm(pn_load(), "edges + triangle", years = 1900:1914)
#' m$terms
#' @export
pn_tergm <- function(net, model, years = NULL, layer = "any", bootstrap = 0, seed = 0,
                     level = 0.95, predict = NULL) {
  out <- pn_call(rs_tergm, arg_net(net), arg_string(model), arg_years(years), arg_string(layer),
                 arg_int(bootstrap), arg_number(seed), arg_number(level),
                 arg_int(predict, null = TRUE))
  structure(list(terms = pn_frame(out$terms), fit = pn_frame(out$fit), summary = out$summary),
            class = "pactnet_tergm")
}

#' @export
print.pactnet_tergm <- function(x, ...) {
  cat(x$summary, sep = "\n")
  print(x$terms)
  invisible(x)
}
