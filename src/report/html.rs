//! The report's `index.html`: a single static page (inline CSS, no network access) with short
//! captions, the pictures, and the first rows of each table.

use crate::analysis::MetricTables;
use crate::graph::AllianceGraph;
use crate::io::table::{format_float, Cell, RowSink, Table};
use crate::measures::blocs::BlocTable;
use crate::measures::dynamics::ChangeTable;
use std::fmt::Write as _;
use std::ops::RangeInclusive;

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Collects the first `max` rows of a table as HTML cells.
struct HtmlRows {
    max: usize,
    rows: Vec<Vec<String>>,
    current: Vec<String>,
    total: usize,
}

impl RowSink for HtmlRows {
    fn cell(&mut self, cell: Cell<'_>) -> std::io::Result<()> {
        if self.total < self.max {
            self.current.push(match cell {
                Cell::Int(i) => i.to_string(),
                Cell::Float(f) => {
                    let mut b = ryu::Buffer::new();
                    let s = format_float(f, &mut b);
                    // Short enough to read: 6 significant digits on the page (the CSV has them all).
                    s.parse::<f64>().map_or_else(
                        |_| s.to_string(),
                        |v| format!("{v:.6}").trim_end_matches('0').trim_end_matches('.').to_string(),
                    )
                }
                Cell::Text(t) => esc(t),
            });
        }
        Ok(())
    }

    fn end_row(&mut self) -> std::io::Result<()> {
        if self.total < self.max {
            self.rows.push(std::mem::take(&mut self.current));
        }
        self.total += 1;
        Ok(())
    }
}

/// An HTML table of the first `max` rows of `table`, and a note of how many there are.
fn html_table(table: &dyn Table, max: usize, file: &str) -> String {
    let mut rows = HtmlRows { max, rows: Vec::new(), current: Vec::new(), total: 0 };
    // Collecting into memory cannot fail.
    let _ = table.write_rows(&mut rows);
    let mut out = String::from("<table><thead><tr>");
    for c in table.columns() {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &rows.rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        "</tbody></table><p class=\"note\">First {} of {} rows; all in <a href=\"{file}\">{file}</a>.</p>",
        rows.rows.len(),
        rows.total
    );
    out
}

/// The page.
pub(super) fn page(
    graph: &AllianceGraph,
    years: &RangeInclusive<i32>,
    network_years: &[i32],
    tables: &MetricTables<'_>,
    blocs: &BlocTable<'_>,
    closure: &ChangeTable,
    caption: &str,
) -> String {
    let data = &graph.data;
    let alliances: std::collections::BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pactnet report: alliance network {first}–{last}</title>
<style>
body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1250px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ margin-top: 2em; border-bottom: 1px solid #ccc; }}
figure {{ margin: 1.5em 0; }} figure img {{ max-width: 100%; border: 1px solid #ddd; }}
figcaption {{ color: #444; font-size: 0.95em; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }}
th, td {{ border: 1px solid #ddd; padding: 2px 6px; text-align: right; }} th {{ background: #f3f3f3; }}
.note {{ color: #666; font-size: 0.85em; }}
</style>
</head>
<body>
<h1>Alliance network {first}–{last}</h1>
<p>{caption}. {n_alliances} alliances, {n_rows} member rows, {n_states} states; {n_snapshots} yearly snapshots
({n_layers} layers), of which {distinct} distinct. System filter: {filter}. Made by pactnet {version}.</p>
<p>Files: <a href="graph_metrics.csv">graph_metrics.csv</a>, <a href="node_metrics.csv">node_metrics.csv</a>,
<a href="blocs.csv">blocs.csv</a>, <a href="blocs_summary.csv">blocs_summary.csv</a>, <a href="closure.csv">closure.csv</a>.</p>
"#,
        first = years.start(),
        last = years.end(),
        caption = esc(caption),
        n_alliances = alliances.len(),
        n_rows = data.members.len(),
        n_states = data.states.len(),
        n_snapshots = tables.snapshots(),
        n_layers = tables.graph_rows().map(|r| r.layer).collect::<std::collections::BTreeSet<_>>().len(),
        distinct = tables.distinct_snapshots(),
        filter = graph.filter,
        version = env!("CARGO_PKG_VERSION"),
    );
    let figure = |s: &mut String, file: &str, text: &str| {
        let _ = writeln!(s, "<figure><img src=\"{file}\" alt=\"{0}\"><figcaption>{0}</figcaption></figure>", esc(text));
    };
    s.push_str("<h2>Structure over time</h2>\n");
    figure(
        &mut s,
        "series-structure.png",
        "Density and transitivity of the simple alliance network, per layer (shaded: the world wars and the Cold War).",
    );
    figure(&mut s, "series-alliances.png", "Alliances in force each year, in all and per obligation type.");
    s.push_str(&html_table(&tables.graph_table(), 12, "graph_metrics.csv"));
    s.push_str("<h2>Blocs</h2>\n");
    figure(
        &mut s,
        "series-blocs.png",
        "Number of blocs (Louvain communities, isolated states counted as their own bloc) and modularity Q.",
    );
    s.push_str(&html_table(&blocs.summary_table(), 12, "blocs_summary.csv"));
    s.push_str("<h2>Triadic closure and turnover</h2>\n");
    s.push_str(&html_table(closure, 12, "closure.csv"));
    s.push_str("<h2>Networks of chosen years</h2>\n");
    for y in network_years {
        figure(&mut s, &format!("network-{y}.png"), &format!("{y}, all alliances: states coloured by region, sized by degree; edges coloured by their strongest obligation."));
        figure(&mut s, &format!("network-{y}-defense.png"), &format!("{y}, defense pacts: states coloured by bloc (legend: largest members and size), states without a defense pact left out."));
    }
    s.push_str("<h2>Node metrics</h2>\n");
    s.push_str(&html_table(&tables.node_table(), 12, "node_metrics.csv"));
    // Marks how many pictures the browser could display (read by the report's browser test).
    s.push_str(
        "<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n  \
         for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }\n  \
         document.body.setAttribute('data-images', ok + '/' + imgs.length);\n});\n</script>\n",
    );
    s.push_str("</body>\n</html>\n");
    s
}
