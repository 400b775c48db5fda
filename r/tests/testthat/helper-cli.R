# The pactnet CLI to compare with (PACTNET_BIN, else the repository's target/release/pactnet),
# the real data (PACTNET_DATA_DIR, else ../shared/data beside the repository), and the
# cell-by-cell comparison of a data.frame with the CLI's CSV.

in_ci <- function() identical(tolower(Sys.getenv("CI")), "true")

# The repository's root, from r/tests/testthat (or r/tests when run by test_check).
repo_root <- function() {
  for (up in c("../../..", "../..", "..")) {
    if (file.exists(file.path(up, "r", "DESCRIPTION")) && file.exists(file.path(up, "Cargo.toml"))) {
      return(normalizePath(up))
    }
  }
  NA_character_
}

# Skips with the reason, or fails under CI=true, where nothing may be skipped.
skip_or_fail <- function(reason) {
  if (in_ci()) fail(paste(reason, "(mandatory under CI=true)")) else skip(reason)
}

pactnet_bin <- function() {
  bin <- Sys.getenv("PACTNET_BIN")
  if (!nzchar(bin)) {
    root <- repo_root()
    bin <- if (is.na(root)) "" else file.path(root, "target", "release", "pactnet")
  }
  if (!nzchar(bin) || !file.exists(bin)) {
    skip_or_fail(sprintf("the pactnet CLI was not found (%s): build it with cargo build --release, or set PACTNET_BIN", bin))
  }
  bin
}

# The CLI's stdout for these arguments (a failure shows its stderr).
cli <- function(...) {
  args <- c("-q", ...)
  err <- tempfile()
  on.exit(unlink(err))
  out <- suppressWarnings(system2(pactnet_bin(), shQuote(args), stdout = TRUE, stderr = err))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) {
    stop(sprintf("pactnet %s failed (exit %d):\n%s", paste(args, collapse = " "), status,
                 paste(readLines(err), collapse = "\n")))
  }
  enc2utf8(out)
}

# The CLI's CSV for these arguments, every cell as its text ("" for an empty cell).
cli_csv <- function(...) {
  lines <- cli(...)
  utils::read.csv(text = lines, colClasses = "character", na.strings = character(),
                  check.names = FALSE, encoding = "UTF-8", strip.white = FALSE)
}

data_dir <- function() {
  d <- Sys.getenv("PACTNET_DATA_DIR")
  if (nzchar(d)) return(d)
  root <- repo_root()
  if (is.na(root)) return("../shared/data")
  file.path(dirname(root), "shared", "data")
}

# ATOP 4.01 and the COW state list, or a skip naming what is missing.
real_files <- function() {
  d <- data_dir()
  files <- c(members = file.path(d, "atop-4.01", "atop4_01m.csv"),
             states = file.path(d, "cow", "states2016.csv"),
             alliances = file.path(d, "atop-4.01", "atop4_01a.csv"))
  missing <- files[!file.exists(files)]
  if (length(missing)) {
    skip_or_fail(sprintf("real data not found (%s): set PACTNET_DATA_DIR", paste(missing, collapse = ", ")))
  }
  as.list(files)
}

# A column as the CLI writes its cells.
column_text <- function(x, csv) {
  if (is.list(x)) {
    sep <- attr(x, "sep")
    expect_false(is.null(sep), label = "a list column has its sep attribute")
    return(vapply(x, function(items) {
      if (length(items) == 1L && is.na(items)) "" else paste(items, collapse = sep)
    }, ""))
  }
  text <- if (inherits(x, "Date")) {
    format(x, "%Y-%m-%d")
  } else if (is.logical(x)) {
    words <- if (any(csv %in% c("true", "false"))) c("true", "false") else c("yes", "no")
    ifelse(x, words[1], words[2])
  } else if (is.integer(x)) {
    as.character(x)
  } else if (is.double(x)) {
    pactnet:::pn_call(pactnet:::rs_format_doubles, x)
  } else {
    x
  }
  text[is.na(x)] <- ""
  text
}

# `df` equals the CLI's CSV `csv`: the same columns in the same order, the same rows, and every
# cell the same text (floats round-trip exact, so equal text is equal bits).
expect_frame_is_csv <- function(df, csv, what = "") {
  expect_s3_class(df, "data.frame")
  expect_identical(names(df), names(csv), label = paste(what, "columns"))
  expect_identical(nrow(df), nrow(csv), label = paste(what, "rows"))
  for (col in names(csv)) {
    x <- df[[col]]
    if (is.double(x) && !inherits(x, "Date")) {
      # Numbers, bit for bit: the CSV's text read by Rust's correctly rounded parser (a whole
      # number may be written "0" in one row and "0.5" in the next).
      want <- pactnet:::pn_call(pactnet:::rs_parse_doubles, csv[[col]])
      same <- (x == want & !is.na(x) & !is.na(want)) | (is.nan(x) & is.nan(want)) |
        (is.na(x) & !is.nan(x) & is.na(want) & !is.nan(want))
      bad <- which(!same)
      if (length(bad)) {
        i <- bad[1]
        fail(sprintf("%s: column %s differs in %d rows; first row %d: R %s, CLI %s", what, col, length(bad), i,
                     pactnet:::pn_call(pactnet:::rs_format_doubles, x[i]), encodeString(csv[[col]][i], quote = "\"")))
      }
      next
    }
    got <- column_text(x, csv[[col]])
    bad <- which(got != csv[[col]])
    if (length(bad)) {
      i <- bad[1]
      fail(sprintf("%s: column %s differs in %d rows; first row %d: R %s, CLI %s", what, col,
                   length(bad), i, encodeString(got[i], quote = "\""), encodeString(csv[[col]][i], quote = "\"")))
    }
  }
  succeed()
}
