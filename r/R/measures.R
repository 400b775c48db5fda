#' Degrees of separation between states
#'
#' `pactnet separation`: the shortest-path length (in ties) between each pair of states per
#' year, `NA` when they are not connected; `summary = TRUE` gives the distance histogram of each
#' year instead.
#'
#' @param net A network from [pn_load()].
#' @param years `NULL` (every year), a year, `c(first, last)`, `first:last` or `"A..B"`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param dyads Only these pairs: `"A,B"` strings (e.g. `c("USA,RUS", "UKG,FRN")`), or a
#'   two-column data.frame or matrix of states.
#' @param summary The histogram per year instead of pair rows.
#' @return A data.frame.
#' @examples
#' net <- pn_load()
#' pn_separation(net, years = 1914, dyads = c("USA,RUS", "GMY,FRN"))
#' head(pn_separation(net, years = 1900:1914, summary = TRUE))
#' @export
pn_separation <- function(net, years = NULL, layer = "any", dyads = NULL, summary = FALSE) {
  pn_frame(pn_call(rs_separation, arg_net(net), arg_years(years), arg_string(layer),
                   arg_dyads(dyads), arg_flag(summary)))
}

#' Chains of obligation to or from a state
#'
#' `pactnet reach STATE`: the states whose pledges reach `state` through chains of directed
#' obligations (`direction = "in"`), or that its pledges reach (`"out"`), with the chain's length.
#'
#' @param net A network from [pn_load()].
#' @param state A COW code, abbreviation or name.
#' @param year,date The year or day.
#' @param layer The obligation (default `"defense"`), or `"any"`.
#' @param direction `"in"` or `"out"`.
#' @return A data.frame.
#' @examples
#' pn_reach(pn_load(), "FRN", 1914)
#' @export
pn_reach <- function(net, state, year = NULL, date = NULL, layer = "defense", direction = "in") {
  pn_frame(pn_call(rs_reach, arg_net(net), arg_state(state), arg_int(year, null = TRUE),
                   arg_date(date), arg_string(layer), arg_string(direction)))
}

#' How long alliances last
#'
#' `pactnet durations`: the Kaplan-Meier survival of alliances (time to the end of the alliance,
#' censored at the data's end), overall or by group; `summary = TRUE` gives one row per group.
#'
#' @param net A network from [pn_load()].
#' @param by `"none"`, or a grouping the CLI's `--by` takes (e.g. `"type"`).
#' @param summary One row per group (median and quartiles) instead of the survival curve.
#' @return A data.frame.
#' @examples
#' net <- pn_load()
#' head(pn_durations(net))
#' pn_durations(net, by = "type", summary = TRUE)
#' @export
pn_durations <- function(net, by = "none", summary = FALSE) {
  pn_frame(pn_call(rs_durations, arg_net(net), arg_string(by), arg_flag(summary)))
}

#' One alliance's whole record
#'
#' `pactnet alliance ATOPID`: the alliance's phases, members and every coded variable, in the
#' coding sheet's sections, as the CLI's text (printed by `print()`) or JSON.
#'
#' @param net A network from [pn_load()].
#' @param atopid The alliance's ATOP id.
#' @param format `"text"` or `"json"`.
#' @return A string of class `pactnet_alliance` (`"text"`) or the JSON text.
#' @examples
#' pn_alliance(pn_load(), 1350)
#' @export
pn_alliance <- function(net, atopid, format = c("text", "json")) {
  format <- match.arg(format)
  out <- pn_call(rs_alliance, arg_net(net), arg_int(atopid), format)
  if (format == "text") class(out) <- "pactnet_alliance"
  out
}

#' @export
print.pactnet_alliance <- function(x, ...) {
  cat(unclass(x))
  invisible(x)
}

#' The whole study in one directory
#'
#' `pactnet report`: metric tables, series and network pictures and an `index.html` that shows
#' them, written to `directory`.
#'
#' @param net A network from [pn_load()].
#' @param directory The directory to write (created if needed).
#' @param years `NULL` (every year), `c(first, last)`, `first:last` or `"A..B"`.
#' @param layers Layers of the tables and series, or `"all"`.
#' @param network_years Years drawn as network pictures (default: the CLI's, 1816, 1870, 1914,
#'   1939, 1955, 1989, 2016, those with ties).
#' @param width,height Picture size in pixels.
#' @param seed The layouts' seed.
#' @return The files written (relative to `directory`), invisibly.
#' @examples
#' files <- pn_report(pn_load(), tempfile("report"), years = 1900:1920, network_years = 1914)
#' head(files)
#' @export
pn_report <- function(net, directory = "report", years = NULL, layers = "all",
                      network_years = NULL, width = 1200, height = 900, seed = 0) {
  if (is.null(network_years)) {
    network_years <- c(1816L, 1870L, 1914L, 1939L, 1955L, 1989L, 2016L)
    network_years <- network_years[vapply(network_years, function(y) {
      isTRUE(tryCatch(nrow(pn_snapshot(net, y)) > 0, pactnet_error = function(e) FALSE))
    }, TRUE)]
  }
  if (!is.numeric(network_years) || anyNA(network_years)) pn_usage("network_years: expected years")
  invisible(pn_call(rs_report, arg_net(net), path.expand(arg_string(directory)), arg_years(years),
                    arg_strings(layers), as.integer(network_years), arg_int(width), arg_int(height),
                    arg_number(seed)))
}

#' An interactive page to look around the network in a browser
#'
#' `pactnet explore`: one self-contained HTML file (no network access) with a year slider, a
#' layer choice, colours by region or bloc, search and details on click; the same bytes as the
#' CLI's page for the same years and seed.
#'
#' @param net A network from [pn_load()].
#' @param file Where to write the page (atomically); `NULL`: only return it.
#' @param years `NULL` (every year), `c(first, last)`, `first:last` or `"A..B"`.
#' @param seed The layout's and the blocs' seed.
#' @return The page's HTML as one string (invisibly when written to `file`).
#' @examples
#' html <- pn_explore(pn_load(), years = 1900:1920)
#' substr(html, 1, 15)
#' @export
pn_explore <- function(net, file = NULL, years = NULL, seed = 0) {
  html <- pn_call(rs_explore, arg_net(net), arg_years(years), arg_number(seed))
  if (is.null(file)) return(html)
  pn_call(rs_write, arg_net(net), path.expand(arg_string(file)), html)
  invisible(html)
}
