#' pactnet: alliance networks from ATOP and COW data
#'
#' The R face of pactnet: the same Rust library the `pactnet` command line runs, so every table
#' is the CLI's own, column for column and cell for cell. Load the data once with [pn_load()],
#' then call one function per CLI command ([pn_snapshot()], [pn_metrics()], [pn_dyadyears()],
#' [pn_tergm()], ...); hand snapshots to igraph with [pn_igraph()] or to statnet with
#' [pn_network()].
#'
#' @section Tables:
#' Every table is a base `data.frame` with the CLI's CSV column names, in the CLI's order and row
#' order. Column types follow the cells: whole numbers are `integer`, floats `double` (bit for
#' bit the CLI's values; `nan` is `NaN`), days (`YYYY-MM-DD`) `Date`, `yes`/`no` and
#' `true`/`false` columns `logical`, lists (`1;2` in the CSV) list columns of integer (or
#' character) vectors with the CSV separator in the column's `sep` attribute; a missing cell is
#' `NA`.
#'
#' @section Errors:
#' Errors are conditions of class `pactnet_usage_error` (a bad argument; the CLI exits 2),
#' `pactnet_data_error` (a file that is not valid data, with fields `file`, `line`, `field`,
#' `value`), `pactnet_io_error` (a file that cannot be read or written), `pactnet_query_error`
#' (a year outside the data, an unknown state) or `pactnet_internal_error` (a bug; a Rust panic
#' is caught and never ends the R session), each also of class `pactnet_error`. The message is
#' the CLI's.
#'
#' @keywords internal
"_PACKAGE"

#' @useDynLib pactnet, .registration = TRUE
NULL

#' Load the alliance data
#'
#' Loads, validates and builds the dated, typed alliance multigraph, as every `pactnet` command
#' does with the same global flags. Without files, the embedded sample (ATOP 4.01's alliances of
#' the great powers, 1816-2016, with the COW state list) is used.
#'
#' @param members ATOP member-level CSV (e.g. `atop4_01m.csv`); goes with `states`.
#' @param states COW state-system CSV (e.g. `states2016.csv`).
#' @param alliances ATOP alliance-level CSV (optional; cross-checked against the members, and
#'   needed for `where` expressions on `alliance.NAME`).
#' @param cow_alliances COW Formal Alliances member-level CSV. Without `members` (and with
#'   `states`) the network is COW's alone; with `members` it needs `combine_sources = TRUE`.
#' @param system Which states and ties count: `"cow"` (states only while COW system members),
#'   `"none"` (every member and tie) or `"atop"` (ATOP's own rule).
#' @param where Only member rows for which this expression is true take part (the CLI's
#'   `--where`), e.g. `"conditio = 0"` or `"intcom = 1 or base > 0"`.
#' @param codesheets A directory of ATOP coding sheets, read in name order.
#' @param atop_dyads ATOP's directed dyad-year file, whose obligations replace the member-file
#'   rule for the years it covers.
#' @param data_end Last year of the data (default: the largest year in the member file).
#' @param year_rule What "in year Y" means: `"any"` day of Y, `"end"` (31 December) or
#'   `"start"` (1 January).
#' @param system_end Where system membership stops when the state list ends before the data:
#'   `"data"` or `"list"`.
#' @param lenient Skip invalid rows (counted as warnings) instead of stopping at the first.
#' @param combine_sources Add `cow_alliances` rows to the ATOP rows (treaties both code count
#'   twice).
#' @param max_edges Most multigraph edges to build (default 4 million).
#' @param quiet If `FALSE` (the default), a message counts the load's data warnings
#'   (`pn_info(net)$warnings` lists them).
#' @return A `pactnet_network` object.
#' @examples
#' net <- pn_load()
#' net
#' \dontrun{
#' full <- pn_load(members = "atop4_01m.csv", states = "states2016.csv")
#' uncond <- pn_load(members = "atop4_01m.csv", states = "states2016.csv", where = "conditio = 0")
#' }
#' @export
pn_load <- function(members = NULL, states = NULL, alliances = NULL, cow_alliances = NULL,
                    system = "cow", where = NULL, codesheets = NULL, atop_dyads = NULL,
                    data_end = NULL, year_rule = "any", system_end = "data", lenient = FALSE,
                    combine_sources = FALSE, max_edges = NULL, quiet = FALSE) {
  ptr <- pn_call(rs_load,
    arg_path(members), arg_path(states), arg_path(alliances), arg_path(cow_alliances),
    arg_path(codesheets), arg_path(atop_dyads), arg_string(system), arg_string(system_end),
    arg_string(year_rule), arg_int(data_end, null = TRUE), arg_flag(lenient),
    arg_flag(combine_sources), arg_string(where, null = TRUE), arg_int(max_edges, null = TRUE)
  )
  net <- structure(list(ptr = ptr), class = "pactnet_network")
  if (!arg_flag(quiet)) {
    n <- length(pn_info(net)$warnings)
    if (n > 0) {
      message(structure(
        class = c("pactnet_data_warnings", "message", "condition"),
        list(message = sprintf("pactnet: %d data warning%s (pn_info(net)$warnings lists %s)\n",
                               n, if (n == 1) "" else "s", if (n == 1) "it" else "them"),
             call = NULL)
      ))
    }
  }
  net
}

#' What the data holds
#'
#' The figures `pactnet info` prints: the files, alliance and member-row counts, states, years,
#' multigraph edges by obligation type, and the load's warnings.
#'
#' @param net A network from [pn_load()].
#' @return A named list: `source` (`"atop"`, `"cow"` or `"combined"`), `members_file`,
#'   `states_file`, `cow_alliance_file`, `atop_dyads` (file, rows, years; or `NULL`),
#'   `alliance_file`, `sample`, `where`,
#'   `alliance_rows`, `alliances`, `member_rows`, `states_in_cow`, `states_in_alliances`,
#'   `first_year`, `last_year`, `data_end`, `system_filter`, `year_rule`, `multigraph_edges`,
#'   `edges_by_type` (a named list), `untyped_edges`, `counted_edges`, `layers`, `snapshots`,
#'   `warnings` (character).
#' @examples
#' info <- pn_info(pn_load())
#' info$alliances
#' info$first_year:info$last_year
#' @export
pn_info <- function(net) {
  out <- pn_call(rs_info, arg_net(net))
  class(out) <- "pactnet_info"
  out
}

#' @export
print.pactnet_info <- function(x, ...) {
  suffix <- if (identical(x$source, "cow")) " (COW Formal Alliances alone)" else if (isTRUE(x$sample)) " (embedded sample)" else ""
  cat(sprintf("members file:      %s%s\n", x$members_file, suffix))
  cat(sprintf("states file:       %s\n", x$states_file))
  if (identical(x$source, "combined")) {
    cat(sprintf("COW alliance file: %s (added by --combine-sources: treaties both code count twice)\n",
                x$cow_alliance_file))
  }
  if (!is.na(x$alliance_file)) {
    cat(sprintf("alliance file:     %s (%d alliances)\n", x$alliance_file, as.integer(x$alliance_rows)))
  }
  if (!is.null(x$atop_dyads)) {
    d <- x$atop_dyads
    years <- if (length(d$years) == 2) sprintf(", %d..%d", d$years[1], d$years[2]) else ""
    cat(sprintf("ATOP dyad file:    %s (%d directed dyad-years%s: its obligations are used)\n",
                d$file, as.integer(d$rows), years))
  }
  cat(sprintf("alliances:         %d\n", as.integer(x$alliances)))
  cat(sprintf("member rows:       %d%s\n", as.integer(x$member_rows),
              if (is.na(x$where)) "" else sprintf(" (where %s)", x$where)))
  cat(sprintf("states:            %d in the COW list, %d in alliances\n",
              as.integer(x$states_in_cow), as.integer(x$states_in_alliances)))
  cat(sprintf("years:             %d..%d (data end %d, system filter %s)\n",
              x$first_year, x$last_year, x$data_end, x$system_filter))
  cat(sprintf("multigraph edges:  %d\n", as.integer(x$multigraph_edges)))
  for (t in names(x$edges_by_type)) {
    cat(sprintf("  %-16s %d\n", paste0(t, ":"), as.integer(x$edges_by_type[[t]])))
  }
  cat(sprintf("  %-16s %d\n", "no type:", as.integer(x$untyped_edges)))
  cat(sprintf("  %-16s %d\n", "ever counted:", as.integer(x$counted_edges)))
  cat(sprintf("snapshots:         %d years x %d layers\n",
              x$last_year - x$first_year + 1L, as.integer(x$layers)))
  if (length(x$warnings) == 0) {
    cat("warnings:          none\n")
  } else {
    cat("warnings:\n", paste0("  ", x$warnings, "\n"), sep = "")
  }
  invisible(x)
}

#' @export
print.pactnet_network <- function(x, ...) {
  i <- pn_info(x)
  cat(sprintf("<pactnet network: %s%s, %d alliances, %d..%d, %d multigraph edges>\n",
              i$members_file, if (isTRUE(i$sample)) " (embedded sample)" else "",
              as.integer(i$alliances), i$first_year, i$last_year, as.integer(i$multigraph_edges)))
  invisible(x)
}
