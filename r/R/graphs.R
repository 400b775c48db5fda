#' Pictures: a year's network, metrics over time
#'
#' `pactnet plot network` and `pactnet plot series`: the CLI's pictures, drawn by the same code.
#' With `file`, the picture is written there (atomically, never onto an input; PNG or SVG by the
#' extension) and the path returned invisibly; without, it is returned as a `pactnet_picture`
#' (a raw vector of PNG or SVG bytes) that prints on the current graphics device when the `png`
#' package is installed, and can be saved with `writeBin(as.vector(p), "file.png")`.
#'
#' @param net A network from [pn_load()].
#' @param year A year; or give `date`.
#' @param file A `.png` or `.svg` file to write, or `NULL`.
#' @param layer The layer (see [pn_snapshot()]).
#' @param date A day instead of `year`.
#' @param layout,color,size,labels The CLI's `--layout` (`"stable"`, ...), `--color`
#'   (`"region"`, ...), `--size` (a node metric or `"none"`) and `--labels` (`"auto"`, ...).
#' @param hide_isolates Leave out states without ties.
#' @param width,height The picture's size in pixels.
#' @param seed The layout's seed.
#' @param format `"png"` or `"svg"` when `file` is `NULL`.
#' @return The path (invisibly), or a `pactnet_picture`.
#' @examples
#' net <- pn_load()
#' f <- pn_plot_network(net, 1914, file = tempfile(fileext = ".png"))
#' file.size(f)
#' p <- pn_plot_series(net, metrics = "density", format = "svg")
#' length(p)
#' @export
pn_plot_network <- function(net, year = NULL, file = NULL, layer = "any", date = NULL,
                            layout = "stable", color = "region", size = "degree",
                            labels = "auto", hide_isolates = FALSE, width = 1600,
                            height = 1200, seed = 0, format = "png") {
  format <- picture_format(file, format)
  bytes <- pn_call(rs_plot_network, arg_net(net), format, arg_int(year, null = TRUE),
                   arg_date(date), arg_string(layer), arg_string(layout), arg_string(color),
                   arg_string(size), arg_string(labels), arg_flag(hide_isolates), arg_int(width),
                   arg_int(height), arg_number(seed))
  picture_out(net, bytes, format, file)
}

#' @rdname pn_plot_network
#' @param metrics Graph metrics to draw, one panel each.
#' @param layers Layers, one line each.
#' @param years `NULL` (every year), `c(first, last)`, `first:last` or `"A..B"`.
#' @param eras Shade the eras (world wars, cold war).
#' @export
pn_plot_series <- function(net, metrics = c("density", "transitivity"), file = NULL,
                           layers = "any", years = NULL, eras = FALSE, width = 1600,
                           height = 1200, format = "png") {
  format <- picture_format(file, format)
  bytes <- pn_call(rs_plot_series, arg_net(net), format, arg_strings(metrics),
                   arg_strings(layers), arg_years(years), arg_flag(eras), arg_int(width),
                   arg_int(height))
  picture_out(net, bytes, format, file)
}

picture_format <- function(file, format) {
  if (is.null(file)) return(match.arg(format, c("png", "svg")))
  ext <- tolower(tools::file_ext(arg_string(file, "file")))
  if (!ext %in% c("png", "svg")) {
    pn_usage(sprintf("%s: the output must end in .png or .svg", file), sys.call(-1))
  }
  ext
}

picture_out <- function(net, bytes, format, file) {
  if (is.null(file)) {
    return(structure(bytes, format = format, class = "pactnet_picture"))
  }
  invisible(pn_call(rs_write, arg_net(net), path.expand(file), bytes))
}

#' @export
print.pactnet_picture <- function(x, ...) {
  fmt <- attr(x, "format")
  if (identical(fmt, "png") && requireNamespace("png", quietly = TRUE)) {
    img <- png::readPNG(unclass(x))
    grid::grid.newpage()
    grid::grid.raster(img)
  } else {
    cat(sprintf("<pactnet picture: %s, %d bytes; writeBin(as.vector(x), \"file.%s\") saves it>\n",
                fmt, length(x), fmt))
  }
  invisible(x)
}

#' Files for Gephi, igraph, networkx
#'
#' `pactnet export`: a snapshot as GraphML or networkx node-link JSON, or the whole dated
#' multigraph as GEXF, as text or written to `file` (atomically, never onto an input).
#'
#' @param net A network from [pn_load()].
#' @param format `"graphml"`, `"json"` (a snapshot) or `"gexf"` (the multigraph).
#' @param year,date The snapshot's year or day (not for `"gexf"`).
#' @param layer The snapshot's layer (see [pn_snapshot()]).
#' @param with_metrics Add every node metric as a node attribute.
#' @param provisions Provision columns as edge attributes (the CLI's `--provisions`).
#' @param file A file to write, or `NULL` to return the text.
#' @return The text, or the path (invisibly).
#' @examples
#' net <- pn_load()
#' x <- pn_export(net, "graphml", year = 1914)
#' substr(x, 1, 38)
#' @export
pn_export <- function(net, format = c("graphml", "json", "gexf"), year = NULL, date = NULL,
                      layer = "any", with_metrics = FALSE, provisions = NULL, file = NULL) {
  format <- match.arg(format)
  text <- if (format == "gexf") {
    pn_call(rs_gexf, arg_net(net))
  } else {
    pn_call(rs_snapshot_text, arg_net(net), format, arg_int(year, null = TRUE), arg_date(date),
            arg_string(layer), arg_flag(with_metrics), arg_strings(provisions))
  }
  if (is.null(file)) return(text)
  invisible(pn_call(rs_write, arg_net(net), path.expand(arg_string(file)), text))
}

#' A snapshot as an igraph or statnet network
#'
#' `pn_igraph()` reads the snapshot's GraphML export (the CLI's `export graphml`) with igraph, so
#' the graph has GraphML's node attributes (`ccode`, `abbr`, `name`, `region`, ...) and edge
#' attributes (`weight`, `types`, `atopids`, ...). `pn_network()` builds a statnet `network`
#' object (undirected) with the same attributes. Each needs its package installed.
#'
#' @param net A network from [pn_load()].
#' @param year,date The snapshot's year or day.
#' @param layer The layer (see [pn_snapshot()]).
#' @param with_metrics Add every node metric as a node attribute.
#' @param provisions Provision columns as edge attributes (the CLI's `--provisions`).
#' @return An `igraph` or `network` object.
#' @examples
#' net <- pn_load()
#' if (requireNamespace("igraph", quietly = TRUE)) {
#'   g <- pn_igraph(net, 1914)
#'   igraph::vcount(g)
#' }
#' if (requireNamespace("network", quietly = TRUE)) {
#'   n <- pn_network(net, 1914)
#'   network::network.size(n)
#' }
#' @export
pn_igraph <- function(net, year = NULL, layer = "any", date = NULL, with_metrics = FALSE,
                      provisions = NULL) {
  if (!requireNamespace("igraph", quietly = TRUE)) {
    pn_usage("pn_igraph needs the igraph package (install.packages(\"igraph\") or r-cran-igraph)")
  }
  text <- pn_export(net, "graphml", year = year, date = date, layer = layer,
                    with_metrics = with_metrics, provisions = provisions)
  tmp <- tempfile(fileext = ".graphml")
  on.exit(unlink(tmp))
  writeLines(text, tmp, useBytes = TRUE, sep = "")
  igraph::read_graph(tmp, format = "graphml")
}

#' @rdname pn_igraph
#' @export
pn_network <- function(net, year = NULL, layer = "any", date = NULL, with_metrics = FALSE,
                       provisions = NULL) {
  if (!requireNamespace("network", quietly = TRUE)) {
    pn_usage("pn_network needs the network package (install.packages(\"network\") or r-cran-network)")
  }
  if (!requireNamespace("igraph", quietly = TRUE)) {
    pn_usage("pn_network reads the GraphML export with igraph: it needs the igraph package too")
  }
  g <- pn_igraph(net, year = year, layer = layer, date = date, with_metrics = with_metrics,
                 provisions = provisions)
  vattr <- igraph::vertex_attr(g)
  eattr <- igraph::edge_attr(g)
  el <- igraph::as_edgelist(g, names = FALSE)
  n <- network::network.initialize(igraph::vcount(g), directed = FALSE)
  # statnet's vertex.names are the state names, as igraph's name attribute.
  for (a in names(vattr)) {
    network::set.vertex.attribute(n, if (a == "name") "vertex.names" else a, vattr[[a]])
  }
  if (nrow(el) > 0) {
    network::add.edges(n, el[, 1], el[, 2])
    for (a in names(eattr)) network::set.edge.attribute(n, a, eattr[[a]])
  }
  n
}
