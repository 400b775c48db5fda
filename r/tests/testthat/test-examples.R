# Every help page's example runs on the sample (what R CMD check would run; \dontrun parts not).
test_that("every exported function has a help page whose examples run", {
  db <- tools::Rd_db("pactnet")
  documented <- unlist(lapply(db, function(rd) {
    unlist(lapply(rd[vapply(rd, attr, "", "Rd_tag") == "\\alias"], as.character))
  }))
  expect_setequal(setdiff(getNamespaceExports("pactnet"), documented), character())
  for (page in names(db)) {
    out <- tempfile(fileext = ".R")
    tools::Rd2ex(db[[page]], out)
    if (!file.exists(out)) {
      if (page != "pactnet-package.Rd") fail(sprintf("%s has no example", page))
      next
    }
    env <- new.env(parent = globalenv())
    expect_no_error(suppressMessages(capture.output(sys.source(out, envir = env))), message = page)
  }
})
