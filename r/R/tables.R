#' The network of one year (or day) and layer
#'
#' `pactnet snapshot`: the edges of the simple projection of one year (or one day) and layer,
#' or, with `nodes = TRUE`, its nodes.
#'
#' @param net A network from [pn_load()].
#' @param year A year (e.g. 1914); or give `date`.
#' @param layer `"any"`, `"defense"`, `"offense"`, `"neutrality"`, `"nonaggression"` or
#'   `"consultation"` (ATOP); with COW alone `"entente"` instead of offense and consultation.
#' @param date A day, `"YYYY-MM-DD"` or a `Date`, instead of `year`.
#' @param nodes Return the nodes (`ccode, abbr, name, degree`) instead of the edges
#'   (`a, b, weight, atopids`, a < b).
#' @param window Years per window (the CLI's `--window N`): a year's network is then the union
#'   of the N years ending with it.
#' @return A data.frame; `atopids` is a list column of integer vectors.
#' @examples
#' net <- pn_load()
#' pn_snapshot(net, 1914, layer = "defense")
#' head(pn_snapshot(net, date = "1939-09-01", nodes = TRUE))
#' @export
pn_snapshot <- function(net, year = NULL, layer = "any", date = NULL, nodes = FALSE, window = 1) {
  pn_frame(pn_call(rs_snapshot, arg_net(net), arg_int(year, null = TRUE), arg_date(date),
                   arg_string(layer), arg_flag(nodes), arg_int(window)))
}

arg_date <- function(date) {
  if (inherits(date, "Date")) date <- format(date, "%Y-%m-%d")
  arg_string(date, "date", null = TRUE)
}

#' Graph- and node-level metrics per year and layer
#'
#' `pactnet metrics`: graph-level metrics (one row per year and layer) or node-level metrics
#' (one row per year, layer and state), exactly as networkx computes them on each snapshot.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layers Layers (a vector or one comma-separated string), or `"all"`.
#' @param level `"graph"` or `"node"`.
#' @param metrics Only these metric columns (default: all of the level's).
#' @param only_states Only these states' rows of the node table (codes, abbreviations or names).
#' @param window Years per window (the CLI's `--window N`, see [pn_snapshot()]).
#' @return A data.frame with the CLI's columns.
#' @examples
#' net <- pn_load()
#' g <- pn_metrics(net, years = 1900:1920, layers = "all")
#' head(g)
#' pn_metrics(net, years = 1914, level = "node", metrics = c("degree", "betweenness"))
#' @export
pn_metrics <- function(net, years = NULL, layers = "any", level = "graph", metrics = NULL,
                       only_states = NULL, window = 1) {
  pn_frame(pn_call(rs_metrics, arg_net(net), arg_years(years), arg_strings(layers),
                   arg_string(level), arg_strings(metrics), arg_strings(only_states),
                   arg_int(window)))
}

#' A state's alliances over time
#'
#' `pactnet state`: a state's memberships (atopid, phase, start, end (exclusive), its own
#' obligations, partners) or, with `by_year = TRUE`, its degree, strength and alliances per year.
#'
#' @param net A network from [pn_load()].
#' @param state A COW code (365), abbreviation (`"RUS"`) or name (`"Russia"`), any case.
#' @param by_year The per-year table instead of the memberships.
#' @return A data.frame.
#' @examples
#' net <- pn_load()
#' head(pn_state(net, "RUS"))
#' head(pn_state(net, 2, by_year = TRUE))
#' @export
pn_state <- function(net, state, by_year = FALSE) {
  pn_frame(pn_call(rs_state, arg_net(net), arg_state(state), arg_flag(by_year)))
}

arg_state <- function(x, name = deparse(substitute(x))) {
  if (is.numeric(x) && length(x) == 1L && !is.na(x)) x <- as.character(as.integer(x))
  arg_string(x, name)
}

#' Every tie between two states
#'
#' `pactnet dyad`: every multigraph edge between two states, with its alliance, dates and types.
#'
#' @param net A network from [pn_load()].
#' @param a,b States: COW codes, abbreviations or names.
#' @return A data.frame.
#' @examples
#' pn_dyad(pn_load(), "GMY", "AUH")
#' @export
pn_dyad <- function(net, a, b) {
  pn_frame(pn_call(rs_dyad, arg_net(net), arg_state(a), arg_state(b)))
}

#' Dyad-years and state-years for a merge
#'
#' `pactnet export dyadyears` and `pactnet export statelevel`: one row per (directed or
#' undirected) dyad and year, or per state and year, with the alliance indicators by type, ready
#' to merge with peacesciencer's tables on `ccode1, ccode2, year` or `ccode, year`.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param undirected One row per unordered dyad (ccode1 < ccode2) instead of both directions.
#' @param all_dyads Every dyad of system members, allied or not, instead of allied dyads only.
#' @param provisions Provision columns to add (the CLI's `--provisions`).
#' @param window Years per window (the CLI's `--window N`, see [pn_snapshot()]).
#' @param state_covariates State covariate CSV files (the CLI's `--state-covariates`): ccode or
#'   stateabb, optional year, then numeric columns, joined as `<name>1, <name>2` (dyad-years) or
#'   `<name>` (state-years).
#' @param dyad_covariates Dyad covariate CSV files (`--dyad-covariates`); an element's name is
#'   the CLI's `NAME=` (e.g. `c(contig = "contiguity.csv")`).
#' @param directed_covariates Read dyad covariate rows as directed.
#' @param lenient Skip invalid covariate rows (counted in a message) instead of stopping.
#' @return A data.frame. The covariate files' warnings, if any, are shown as a message.
#' @examples
#' net <- pn_load()
#' head(pn_dyadyears(net, years = 1914))
#' head(pn_statelevel(net, years = c(1914, 1918)))
#' @export
pn_dyadyears <- function(net, years = NULL, undirected = FALSE, all_dyads = FALSE,
                         provisions = NULL, window = 1, state_covariates = NULL,
                         dyad_covariates = NULL, directed_covariates = FALSE, lenient = FALSE) {
  out <- pn_call(rs_dyadyears, arg_net(net), arg_years(years), arg_flag(undirected),
                 arg_flag(all_dyads), arg_strings(provisions), arg_int(window),
                 arg_files(state_covariates), arg_files(dyad_covariates),
                 arg_flag(directed_covariates), arg_flag(lenient))
  with_warnings(out)
}

#' @rdname pn_dyadyears
#' @export
pn_statelevel <- function(net, years = NULL, state_covariates = NULL, lenient = FALSE) {
  out <- pn_call(rs_statelevel, arg_net(net), arg_years(years), arg_files(state_covariates),
                 arg_flag(lenient))
  with_warnings(out)
}

# Files (names kept: a dyad covariate file's NAME=), paths expanded.
arg_files <- function(x, name = deparse(substitute(x))) {
  if (is.null(x)) return(character())
  if (!is.character(x) || anyNA(x)) pn_usage(sprintf("%s: expected file names", name), sys.call(sys.parent()))
  out <- path.expand(x)
  names(out) <- names(x)
  out
}

# list(table, warnings) from Rust: the table, the warnings shown as one message.
with_warnings <- function(out) {
  n <- length(out$warnings)
  if (n > 0) {
    message(structure(
      class = c("pactnet_data_warnings", "message", "condition"),
      list(message = paste0("pactnet: warning: ", out$warnings, "\n", collapse = ""), call = NULL)
    ))
  }
  pn_frame(out$table)
}

#' Every alliance and its provisions
#'
#' `pactnet export alliances`: one row per alliance with its dates, members and provisions.
#'
#' @param net A network from [pn_load()].
#' @return A data.frame.
#' @examples
#' head(pn_alliances(pn_load()))
#' @export
pn_alliances <- function(net) {
  pn_frame(pn_call(rs_alliances, arg_net(net)))
}

#' Communities per year
#'
#' `pactnet blocs`: Louvain communities of each year's snapshot (seeded, so the same input gives
#' the same blocs), per state, or with `summary = TRUE` one row per year.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param seed The seed of the community search.
#' @param resolution The modularity resolution (positive).
#' @param alpha The summary's bloc-strength exponent, 0 to 1.6 (the CLI's `--alpha`).
#' @param summary One row per year instead of one per state.
#' @param window Years per window (the CLI's `--window N`, see [pn_snapshot()]).
#' @return A data.frame.
#' @examples
#' net <- pn_load()
#' head(pn_blocs(net, years = 1914))
#' pn_blocs(net, years = 1910:1914, summary = TRUE)
#' @export
pn_blocs <- function(net, years = NULL, layer = "any", seed = 0, resolution = 1, alpha = 1,
                     summary = FALSE, window = 1) {
  pn_frame(pn_call(rs_blocs, arg_net(net), arg_years(years), arg_string(layer),
                   arg_number(seed), arg_number(resolution), arg_number(alpha), arg_flag(summary),
                   arg_int(window)))
}

#' Triadic closure and turnover per year
#'
#' `pactnet closure`: per year, the ties formed and dissolved, the share of new ties that close
#' a triangle, and geometrically weighted edgewise shared partners; `esp = TRUE` gives the
#' edgewise shared-partner distribution instead.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param decay The GWESP decay (above 0).
#' @param esp The shared-partner distribution instead.
#' @return A data.frame.
#' @examples
#' head(pn_closure(pn_load(), years = 1900:1914))
#' @export
pn_closure <- function(net, years = NULL, layer = "any", decay = 0.5, esp = FALSE) {
  pn_frame(pn_call(rs_closure, arg_net(net), arg_years(years), arg_string(layer),
                   arg_number(decay), arg_flag(esp)))
}

#' Maximal cliques and their overlap
#'
#' `pactnet cliques`: the maximal cliques of each year's snapshot of at least `min_size` states,
#' or with `overlap = TRUE` how many cliques each state belongs to.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param min_size The smallest clique listed (2 or more).
#' @param overlap Clique membership per state instead.
#' @return A data.frame; `members` is a list column.
#' @examples
#' pn_cliques(pn_load(), years = 1914)
#' @export
pn_cliques <- function(net, years = NULL, layer = "any", min_size = 3, overlap = FALSE) {
  pn_frame(pn_call(rs_cliques, arg_net(net), arg_years(years), arg_string(layer),
                   arg_int(min_size), arg_flag(overlap)))
}

#' Alliance-portfolio similarity of dyads
#'
#' `pactnet similarity`: S (Signorino and Ritter), its squared variant, or Cohen's kappa, of
#' each dyad's alliance portfolios per year.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param measure `"s"`, `"s2"`, `"kappa"` or the other names the CLI's `--measure` takes.
#' @param coding `"valued"` or `"binary"`, as the CLI's `--coding`.
#' @param among Only dyads among these states (names, codes, or regions such as `"europe"`).
#' @param dyads Only these dyads: `"A,B"` strings, or a two-column data.frame or matrix of states.
#' @param window Years per window (the CLI's `--window N`, see [pn_snapshot()]).
#' @param weights State weights for measure `"s"` or `"s2"` (the CLI's `--weights FILE`): a
#'   numeric vector named by state, e.g. `c(USA = 2, RUS = 1)`; unnamed states weigh 0.
#' @return A data.frame.
#' @examples
#' head(pn_similarity(pn_load(), years = 1914))
#' @export
pn_similarity <- function(net, years = NULL, layer = "any", measure = "s", coding = "valued",
                          among = NULL, dyads = NULL, window = 1, weights = NULL) {
  if (!is.null(weights) && (!is.numeric(weights) || is.null(names(weights)))) {
    pn_usage("weights: expected a numeric vector named by state, e.g. c(USA = 2, RUS = 1)")
  }
  w <- if (is.null(weights)) NULL else structure(as.double(weights), names = names(weights))
  out <- pn_call(rs_similarity, arg_net(net), arg_years(years), arg_string(layer),
                 arg_string(measure), arg_string(coding), arg_strings(among), arg_dyads(dyads),
                 arg_int(window), w)
  with_warnings(out)
}

# Dyads as "A,B" strings: from such strings, or from a two-column data.frame or matrix.
arg_dyads <- function(dyads) {
  if (is.null(dyads)) return(character())
  if (is.data.frame(dyads) || is.matrix(dyads)) {
    if (ncol(dyads) != 2L) pn_usage("dyads: a data.frame or matrix of dyads has two columns", sys.call(sys.parent()))
    dyads <- paste(as.character(dyads[, 1]), as.character(dyads[, 2]), sep = ",")
  }
  if (!is.character(dyads) || anyNA(dyads) || !all(grepl(",", dyads, fixed = TRUE))) {
    pn_usage("dyads: expected \"A,B\" strings (e.g. \"USA,RUS\") or a two-column data.frame", sys.call(sys.parent()))
  }
  dyads
}

#' Every edge of the dated, typed multigraph
#'
#' One row per multigraph edge: the two states, the alliance and phases, the span `[start, end)`
#' (`Date`s; `end` exclusive), the obligation types, the directed obligations and whether the
#' edge ever counts under the system filter. The snapshots of [pn_snapshot()] are its projections.
#'
#' @param net A network from [pn_load()].
#' @return A data.frame.
#' @examples
#' head(pn_multigraph(pn_load()))
#' @export
pn_multigraph <- function(net) {
  pn_frame(pn_call(rs_multigraph, arg_net(net)))
}
