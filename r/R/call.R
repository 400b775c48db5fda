# The bridge to the Rust core: every entry point returns its value or a `pactnet_failure` list,
# which `pn_call()` signals as an R condition (see errors in ?pactnet). Rust never raises an R
# error itself, so no R longjmp crosses Rust frames and a Rust panic never ends the session.

pn_call <- function(fn, ..., call = sys.call(sys.parent())) {
  out <- fn(...)
  if (inherits(out, "pactnet_failure")) {
    pn_signal(out, call)
  }
  out
}

pn_signal <- function(failure, call = NULL) {
  cond <- structure(
    class = c(failure$class, "pactnet_error", "error", "condition"),
    list(
      message = failure$message,
      call = call,
      file = failure$file,
      line = failure$line,
      field = failure$field,
      value = failure$value
    )
  )
  stop(cond)
}

pn_usage <- function(message, call = sys.call(-1)) {
  pn_signal(list(class = "pactnet_usage_error", message = message, file = NA_character_,
                 line = NA_real_, field = NA_character_, value = NA_character_), call)
}

# A named list of columns from Rust as a base data.frame (list columns kept as they are).
pn_frame <- function(cols) {
  n <- attr(cols, "pactnet_rows")
  attr(cols, "pactnet_rows") <- NULL
  structure(cols, class = "data.frame", row.names = .set_row_names(as.integer(n)))
}

# Argument checks: each returns the value normalised for Rust, or signals a usage error
# naming the argument.
arg_string <- function(x, name = deparse(substitute(x)), null = FALSE) {
  if (is.null(x) && null) return(NULL)
  if (is.factor(x)) x <- as.character(x)
  if (!is.character(x) || length(x) != 1L || is.na(x)) {
    pn_usage(sprintf("%s: expected one string%s", name, if (null) " or NULL" else ""), sys.call(sys.parent()))
  }
  x
}

arg_strings <- function(x, name = deparse(substitute(x))) {
  if (is.null(x)) return(character())
  if (is.factor(x)) x <- as.character(x)
  if (is.numeric(x) && all(x == round(x), na.rm = TRUE)) x <- as.character(as.integer(x))
  if (!is.character(x) || anyNA(x)) {
    pn_usage(sprintf("%s: expected a character vector", name), sys.call(sys.parent()))
  }
  # "a,b" as the CLI's comma-separated lists.
  x <- trimws(unlist(strsplit(x, ",", fixed = TRUE)))
  x[nzchar(x)]
}

arg_int <- function(x, name = deparse(substitute(x)), null = FALSE) {
  if (is.null(x) && null) return(NULL)
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x != round(x) || abs(x) > .Machine$integer.max) {
    pn_usage(sprintf("%s: expected one whole number%s", name, if (null) " or NULL" else ""), sys.call(sys.parent()))
  }
  as.integer(x)
}

arg_number <- function(x, name = deparse(substitute(x))) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x)) {
    pn_usage(sprintf("%s: expected one number", name), sys.call(sys.parent()))
  }
  as.double(x)
}

arg_flag <- function(x, name = deparse(substitute(x))) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    pn_usage(sprintf("%s: expected TRUE or FALSE", name), sys.call(sys.parent()))
  }
  x
}

arg_path <- function(x, name = deparse(substitute(x))) {
  if (is.null(x)) return(NULL)
  path.expand(arg_string(x, name))
}

# Years: NULL (all), one year, c(first, last), a range first:last, or the CLI's "A..B".
arg_years <- function(years) {
  if (is.null(years)) return(NULL)
  if (is.character(years) && length(years) == 1L && grepl("..", years, fixed = TRUE)) {
    parts <- strsplit(sub("..=", "..", years, fixed = TRUE), "..", fixed = TRUE)[[1]]
    years <- suppressWarnings(as.numeric(parts))
  }
  if (!is.numeric(years) || length(years) < 1L || anyNA(years) || any(years != round(years))) {
    pn_usage("years: expected NULL, a year, c(first, last), first:last or \"A..B\"", sys.call(sys.parent()))
  }
  r <- as.integer(c(min(years), max(years)))
  if (length(years) == 2L && years[1] > years[2]) {
    pn_usage(sprintf("years %d..%d: the first year is after the last", years[1], years[2]), sys.call(sys.parent()))
  }
  r
}

arg_net <- function(net) {
  if (!inherits(net, "pactnet_network")) {
    pn_usage("net: expected a network from pn_load()", sys.call(sys.parent()))
  }
  net$ptr
}
