//! The report's `index.html`: a single static page (inline CSS, no network access) with short
//! plain-language captions, a summary paragraph computed from the tables, the pictures, and the
//! informative rows of each table (the drawn years and the extremes) in boxes that scroll.

use crate::analysis::{GraphRow, MetricTables};
use crate::graph::AllianceGraph;
use crate::io::table::{format_fixed, Cell, RowSink, Table};
use crate::measures::blocs::BlocTable;
use crate::measures::dynamics::ChangeTable;
use crate::model::Layer;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::RangeInclusive;

use crate::io::html::text as esc;

/// Collects every row of a table as HTML cells, with its year and layer (the first two cells, when
/// they are an integer and a text).
struct HtmlRows {
    rows: Vec<(Option<i64>, String, Vec<String>)>,
    current: Vec<String>,
    key: (Option<i64>, String),
}

impl RowSink for HtmlRows {
    fn cell(&mut self, cell: Cell<'_>) -> std::io::Result<()> {
        match (self.current.len(), cell) {
            (0, Cell::Int(y)) => self.key.0 = Some(y),
            (1, Cell::Text(l)) => self.key.1 = l.to_string(),
            _ => {}
        }
        self.current.push(match cell {
            Cell::Int(i) => i.to_string(),
            // Short enough to read: 6 decimals on the page (the CSV has them all), never `-0`.
            Cell::Float(f) => {
                let s = format_fixed(f, 6);
                if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                }
            }
            Cell::Text(t) => esc(t),
            Cell::List(items, sep) => esc(&items.join(sep.to_string().as_str())),
            Cell::Missing => String::new(),
        });
        Ok(())
    }

    fn end_row(&mut self) -> std::io::Result<()> {
        let (year, layer) = std::mem::take(&mut self.key);
        self.rows.push((year, layer, std::mem::take(&mut self.current)));
        Ok(())
    }
}

/// Which rows of a table the page shows.
enum Pick<'a> {
    /// The rows of these years (in the given layer, when the table has layers).
    Years(&'a [i32], &'a str),
    /// The `n` rows of one year and layer with the largest value in a column.
    Top { year: i32, layer: &'a str, column: &'a str, n: usize },
}

/// An HTML table of the picked rows of `table`, in a box that scrolls on its own, with a note
/// linking the full CSV.
fn html_table(table: &dyn Table, pick: &Pick<'_>, file: &str, what: &str) -> String {
    let mut all = HtmlRows { rows: Vec::new(), current: Vec::new(), key: (None, String::new()) };
    // Collecting into memory cannot fail.
    let _ = table.write_rows(&mut all);
    let columns = table.columns();
    let total = all.rows.len();
    let layered = all.rows.iter().any(|(_, l, _)| !l.is_empty());
    let shown: Vec<&Vec<String>> = match pick {
        Pick::Years(years, layer) => all
            .rows
            .iter()
            .filter(|(y, l, _)| y.is_some_and(|y| years.iter().any(|&w| i64::from(w) == y)) && (!layered || l == layer))
            .map(|(_, _, r)| r)
            .collect(),
        Pick::Top { year, layer, column, n } => {
            let c = columns.iter().position(|x| x == column);
            let mut rows: Vec<&Vec<String>> = all
                .rows
                .iter()
                .filter(|(y, l, _)| *y == Some(i64::from(*year)) && l == layer)
                .map(|(_, _, r)| r)
                .collect();
            let value = |r: &Vec<String>| c.and_then(|c| r.get(c)).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            rows.sort_by(|a, b| value(b).total_cmp(&value(a)));
            rows.truncate(*n);
            rows
        }
    };
    let mut out = String::from("<div class=\"scroll\"><table><thead><tr>");
    for c in &columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &shown {
        out.push_str("<tr>");
        for c in r.iter() {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        "</tbody></table></div><p class=\"note\">{what}: {} of {total} rows. All of them: <a href=\"{file}\">{file}</a>.</p>",
        shown.len(),
    );
    out
}

/// `1 tie`, `3 ties`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The facts of the summary paragraph, computed from the tables.
struct Facts {
    layer: Layer,
    largest: (i32, usize, usize),
    smallest: (i32, usize, usize),
    densest: (i32, f64),
    busiest: Option<(i32, usize)>,
}

impl Facts {
    /// Largest and smallest year by ties (then states), the densest year, the year most alliances
    /// were formed; of the `any` layer when the tables have it, else of their first layer.
    fn of(tables: &MetricTables<'_>, closure: &ChangeTable) -> Option<Facts> {
        let rows: Vec<GraphRow> = tables.graph_rows().collect();
        let layer = if rows.iter().any(|r| r.layer == Layer::Any) { Layer::Any } else { rows.first()?.layer };
        let rows: Vec<&GraphRow> = rows.iter().filter(|r| r.layer == layer).collect();
        // Ties first, then states; the earliest year wins a tie.
        let largest = rows.iter().max_by_key(|r| (r.edges, r.nodes, std::cmp::Reverse(r.year)))?;
        let smallest = rows.iter().min_by_key(|r| (r.edges, r.nodes, r.year))?;
        let densest = rows.iter().fold(None::<&&GraphRow>, |best, r| match best {
            Some(b) if b.density >= r.density => Some(b),
            _ => Some(r),
        })?;
        let busiest = closure
            .rows
            .iter()
            .filter(|r| r.alliances_formed > 0)
            .fold(None::<&crate::measures::dynamics::YearChange>, |best, r| match best {
                Some(b) if b.alliances_formed >= r.alliances_formed => Some(b),
                _ => Some(r),
            })
            .map(|r| (r.year, r.alliances_formed));
        Some(Facts {
            layer,
            largest: (largest.year, largest.edges, largest.nodes),
            smallest: (smallest.year, smallest.edges, smallest.nodes),
            densest: (densest.year, densest.density),
            busiest,
        })
    }

    /// The paragraph.
    fn paragraph(&self) -> String {
        let (ly, le, ln) = self.largest;
        let (sy, se, sn) = self.smallest;
        let layer = if self.layer == Layer::Any { String::new() } else { format!(" ({} ties only)", self.layer) };
        let mut p = format!(
            "<p class=\"summary\">The network{layer} was largest in {ly}, with {} among {}, and smallest in {sy}, with {} among {}. \
             It was densest in {} (density {}: the share of all possible pairs of states that were allied).",
            count(le, "tie"),
            count(ln, "state"),
            count(se, "tie"),
            count(sn, "state"),
            self.densest.0,
            format_fixed(self.densest.1, 3),
        );
        if let Some((y, n)) = self.busiest {
            let _ = write!(p, " The busiest year of alliance formation was {y}, with {}.", count(n, "new alliance"));
        }
        p.push_str("</p>\n");
        p
    }

    /// The years the summary names.
    fn years(&self) -> Vec<i32> {
        let mut y = vec![self.largest.0, self.smallest.0, self.densest.0];
        y.extend(self.busiest.map(|b| b.0));
        y
    }
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
    let alliances: BTreeSet<_> = data.members.iter().map(|m| m.alliance).collect();
    // The counts `pactnet info` prints.
    let in_cow = data.system.iter().filter(|s| !s.is_empty()).count();
    let member_states: BTreeSet<_> = data.members.iter().map(|m| m.state).collect();
    let layers: BTreeSet<Layer> = tables.graph_rows().map(|r| r.layer).collect();
    let facts = Facts::of(tables, closure);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>pactnet report: alliance network {first}–{last}{where_}</title>
<style>
body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1250px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.6em; }} h2 {{ margin-top: 2em; border-bottom: 1px solid #ccc; }}
figure {{ margin: 1.5em 0; }} figure img {{ max-width: 100%; border: 1px solid #ddd; }}
figcaption {{ color: #444; font-size: 0.95em; }}
.summary {{ font-size: 1.05em; line-height: 1.5; }}
.scroll {{ max-width: 100%; max-height: 32em; overflow: auto; border: 1px solid #ddd; margin: 0.5em 0; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ddd; padding: 2px 6px; text-align: right; white-space: nowrap; }}
th {{ background: #f3f3f3; position: sticky; top: 0; }}
.note {{ color: #666; font-size: 0.85em; }}
</style>
</head>
<body>
<h1>Alliance network {first}–{last}{where_}</h1>
{summary}<p>{caption}. {n_alliances} alliances, {n_rows} member rows; states: {in_cow} in the COW list, {n_members} in alliances;
{n_years} years ({first}–{last}), {n_layers} layers ({layer_names}). System filter: {filter}. Made by pactnet {version}.</p>
<p>Files: <a href="graph_metrics.csv">graph_metrics.csv</a>, <a href="node_metrics.csv">node_metrics.csv</a>,
<a href="blocs.csv">blocs.csv</a>, <a href="blocs_summary.csv">blocs_summary.csv</a>, <a href="closure.csv">closure.csv</a>.</p>
<p><a href="explore.html"><b>Explore the network</b></a>: every year and layer in the browser (slider, search, a state's partners and treaties).</p>
"#,
        first = years.start(),
        where_ = esc(&crate::plot::style::filter_suffix(data)),
        last = years.end(),
        summary = facts.as_ref().map(Facts::paragraph).unwrap_or_default(),
        caption = esc(caption),
        n_alliances = alliances.len(),
        n_rows = data.members.len(),
        n_members = member_states.len(),
        n_years = years.clone().count(),
        n_layers = layers.len(),
        layer_names = layers.iter().map(|l| l.name()).collect::<Vec<_>>().join(", "),
        filter = graph.filter,
        version = env!("CARGO_PKG_VERSION"),
    );
    // The rows the tables show: the drawn years and the years the summary names.
    let mut picked: Vec<i32> = network_years.to_vec();
    if let Some(f) = &facts {
        picked.extend(f.years());
    }
    picked.sort_unstable();
    picked.dedup();
    let layer = facts.as_ref().map_or(Layer::Any, |f| f.layer).name();
    let rows_note = format!("Layer {layer}, the years drawn below and the years the summary names");
    let figure = |s: &mut String, file: &str, text: &str| {
        let _ = writeln!(s, "<figure><img src=\"{file}\" alt=\"{0}\"><figcaption>{0}</figcaption></figure>", esc(text));
    };
    s.push_str("<h2>Structure over time</h2>\n");
    figure(
        &mut s,
        "series-structure.png",
        "How tightly knit the network was each year: density (the share of pairs of states that were allied) and transitivity (how often two allies of a state were allied too), for each type of obligation. Shaded: the two world wars and the Cold War.",
    );
    figure(
        &mut s,
        "series-alliances.png",
        "How many alliances were in force each year, in all and for each type of obligation.",
    );
    s.push_str(&html_table(&tables.graph_table(), &Pick::Years(&picked, layer), "graph_metrics.csv", &rows_note));
    s.push_str("<h2>Blocs</h2>\n");
    figure(
        &mut s,
        "series-blocs.png",
        "How many blocs (groups of states more allied with each other than with the rest) the network split into each year, and how clearly (modularity: 0 no clear split, towards 1 sharply separated). A state without allies counts as a bloc of its own.",
    );
    // Blocs and closure are of the `any` layer.
    let any_note = "Layer any, the years drawn below and the years the summary names";
    s.push_str(&html_table(&blocs.summary_table(), &Pick::Years(&picked, "any"), "blocs_summary.csv", any_note));
    s.push_str("<h2>New ties and closed triangles</h2>\n");
    s.push_str(
        "<p>Each year: how many ties were added and removed, and how many new ties joined two states that already shared an ally.</p>\n",
    );
    s.push_str(&html_table(closure, &Pick::Years(&picked, "any"), "closure.csv", any_note));
    s.push_str("<h2>Networks of chosen years</h2>\n");
    for y in network_years {
        figure(&mut s, &format!("network-{y}.png"), &format!("{y}, all alliances: states coloured by region, sized by degree; edges coloured by their strongest obligation."));
        figure(&mut s, &format!("network-{y}-defense.png"), &format!("{y}, defense pacts: states coloured by bloc (legend: largest members and size), states without a defense pact left out."));
    }
    if let Some(&last) = network_years.last() {
        s.push_str("<h2>The most connected states</h2>\n");
        let note = format!("The states with the most allies in {last} (layer {layer})");
        let pick = Pick::Top { year: last, layer, column: "degree", n: 12 };
        s.push_str(&html_table(&tables.node_table(), &pick, "node_metrics.csv", &note));
    }
    // Marks how many pictures the browser could display (read by the report's browser test).
    s.push_str(
        "<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n  \
         for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) ok++; }\n  \
         document.body.setAttribute('data-images', ok + '/' + imgs.length);\n});\n</script>\n",
    );
    s.push_str("</body>\n</html>\n");
    s
}
