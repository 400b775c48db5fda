//! GEXF 1.3 for Gephi's timeline: the whole time-indexed multigraph as a dynamic graph.
//!
//! `mode="dynamic"`, `timeformat="date"`. A node per state with its node spells
//! ([`super::node_spells`]); one edge per (pair, obligation type) whose multigraph edges count on
//! some day, with `kind` = the type (`defense`, …), the days it counts as `<spell>`s, the atopids
//! behind it, and a dynamic `weight` attribute = the number of alliances of that type linking the
//! pair on each day. GEXF intervals are closed, so a half-open span `[s, e)` is written
//! `start="s" end="e − 1 day"`. Spells of one element never overlap or touch (touching ones are
//! joined), and edge ids (`a-b-kind`) are unique: Gephi misbehaves on either, although the schema
//! allows them.

use super::xml::escape;
use super::{node_spells, region};
use crate::dataset::merge_spans;
use crate::graph::AllianceGraph;
use crate::model::{AllianceId, DateSpan, DenseIndex, Obligation};
use chrono::NaiveDate;
use std::io::{self, Write};

/// One GEXF edge: a pair, a type, and when it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GexfEdge {
    /// Endpoint with the smaller COW code.
    pub a: DenseIndex,
    /// Endpoint with the larger COW code.
    pub b: DenseIndex,
    /// The obligation type (the edge's `kind`).
    pub kind: Obligation,
    /// Days on which a multigraph edge of this type counts: sorted, disjoint, never touching.
    pub spells: Vec<DateSpan>,
    /// The alliances behind it, sorted.
    pub alliances: Vec<AllianceId>,
    /// Number of alliances of this type linking the pair, per span (sorted, disjoint; adjacent
    /// spans have different counts).
    pub weights: Vec<(DateSpan, u32)>,
}

/// The GEXF edges of `graph`, sorted by (a, b, kind).
pub fn gexf_edges(graph: &AllianceGraph) -> Vec<GexfEdge> {
    let edges = graph.edges();
    let mut out = Vec::new();
    let mut start = 0;
    while start < edges.len() {
        let (a, b) = (edges[start].a, edges[start].b);
        let end = start + edges[start..].iter().take_while(|e| (e.a, e.b) == (a, b)).count();
        for kind in Obligation::ALL {
            let of_kind: Vec<usize> = (start..end).filter(|&i| edges[i].types().contains(kind)).collect();
            let mut spells: Vec<DateSpan> = of_kind.iter().flat_map(|&i| graph.counted(i).iter().copied()).collect();
            merge_spans(&mut spells);
            if spells.is_empty() {
                continue;
            }
            // Edges are sorted by (a, b, alliance, start), so `of_kind` comes in alliance runs.
            let mut alliances: Vec<AllianceId> = of_kind.iter().map(|&i| edges[i].alliance).collect();
            alliances.dedup();
            // Per alliance, its days (phases joined); then count alliances per day by a sweep.
            let mut events: Vec<(NaiveDate, i32)> = Vec::new();
            let mut days: Vec<DateSpan> = Vec::new();
            for run in of_kind.chunk_by(|&i, &j| edges[i].alliance == edges[j].alliance) {
                days.clear();
                days.extend(run.iter().flat_map(|&i| graph.counted(i).iter().copied()));
                merge_spans(&mut days);
                for d in &days {
                    events.push((d.start(), 1));
                    events.push((d.end(), -1));
                }
            }
            events.sort_unstable();
            let mut weights: Vec<(DateSpan, u32)> = Vec::new();
            let mut count = 0i32;
            for (k, &(day, delta)) in events.iter().enumerate() {
                count += delta;
                let next = events.get(k + 1).map(|e| e.0);
                let Some(span) = next.and_then(|n| DateSpan::new(day, n)) else { continue };
                if count <= 0 {
                    continue;
                }
                match weights.last_mut() {
                    Some((last, w)) if *w == count as u32 && last.end() == span.start() => {
                        *last = DateSpan::new(last.start(), span.end()).unwrap_or(*last);
                    }
                    _ => weights.push((span, count as u32)),
                }
            }
            out.push(GexfEdge { a, b, kind, spells, alliances, weights });
        }
        start = end;
    }
    out
}

/// `start="…" end="…"` of a half-open span written as a closed interval of dates (written
/// digit by digit: exports of millions of spells spend their time here).
struct Interval(DateSpan);

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("start=\"")?;
        write_date(f, self.0.start())?;
        f.write_str("\" end=\"")?;
        write_date(f, self.0.last_day())?;
        f.write_str("\"")
    }
}

/// `YYYY-MM-DD` (years 0..=9999; others through chrono's formatting).
fn write_date(f: &mut std::fmt::Formatter<'_>, d: NaiveDate) -> std::fmt::Result {
    use chrono::Datelike;
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return write!(f, "{d}");
    }
    let y = y as u32;
    let (m, day) = (d.month(), d.day());
    let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, 10, m / 10, m % 10, 10, day / 10, day % 10];
    let text: [u8; 10] = digits.map(|x| if x == 10 { b'-' } else { b'0' + x as u8 });
    f.write_str(std::str::from_utf8(&text).map_err(|_| std::fmt::Error)?)
}

fn interval(span: DateSpan) -> Interval {
    Interval(span)
}

/// Writes `graph` as a GEXF 1.3 dynamic graph.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_gexf(graph: &AllianceGraph, out: &mut dyn Write) -> io::Result<()> {
    let data = &graph.data;
    let spells = node_spells(graph);
    let nodes: Vec<DenseIndex> = (0..spells.len() as DenseIndex).filter(|&v| !spells[v as usize].is_empty()).collect();
    let edges = gexf_edges(graph);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>pactnet {}</creator>", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "    <description>Alliance multigraph of {} (system filter {}): one edge per pair and obligation type</description>",
        escape(&data.member_file),
        graph.filter
    )?;
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval">"#
    )?;
    writeln!(out, r#"    <attributes class="node" mode="static">"#)?;
    for (id, ty) in [("ccode", "integer"), ("abbr", "string"), ("name", "string"), ("region", "string")] {
        writeln!(out, r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#)?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge" mode="static">"#)?;
    writeln!(out, r#"      <attribute id="atopids" title="atopids" type="string"/>"#)?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge" mode="dynamic">"#)?;
    writeln!(out, r#"      <attribute id="weight" title="weight" type="integer"/>"#)?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <nodes count="{}">"#, nodes.len())?;
    for &v in &nodes {
        let st = data.states.state(v);
        let label = if st.abbr.is_empty() { st.id.to_string() } else { st.abbr.clone() };
        writeln!(out, r#"      <node id="{}" label="{}">"#, st.id, escape(&label))?;
        writeln!(out, "        <attvalues>")?;
        writeln!(out, r#"          <attvalue for="ccode" value="{}"/>"#, st.id)?;
        writeln!(out, r#"          <attvalue for="abbr" value="{}"/>"#, escape(&st.abbr))?;
        writeln!(out, r#"          <attvalue for="name" value="{}"/>"#, escape(&st.name))?;
        writeln!(out, r#"          <attvalue for="region" value="{}"/>"#, region(st.id))?;
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "        <spells>")?;
        for s in &spells[v as usize] {
            writeln!(out, "          <spell {}/>", interval(*s))?;
        }
        writeln!(out, "        </spells>")?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, r#"    <edges count="{}">"#, edges.len())?;
    for e in &edges {
        let (a, b) = (data.states.state(e.a).id, data.states.state(e.b).id);
        let kind = e.kind.name();
        writeln!(out, r#"      <edge id="{a}-{b}-{kind}" source="{a}" target="{b}" kind="{kind}">"#)?;
        writeln!(out, "        <attvalues>")?;
        write!(out, r#"          <attvalue for="atopids" value=""#)?;
        for (k, id) in e.alliances.iter().enumerate() {
            write!(out, "{}{id}", if k == 0 { "" } else { ";" })?;
        }
        writeln!(out, r#""/>"#)?;
        for (span, w) in &e.weights {
            writeln!(out, r#"          <attvalue for="weight" value="{w}" {}/>"#, interval(*span))?;
        }
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "        <spells>")?;
        for s in &e.spells {
            writeln!(out, "          <spell {}/>", interval(*s))?;
        }
        writeln!(out, "        </spells>")?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Source;
    use crate::{Dataset, Inputs, LoadOptions, SystemFilter};

    const STATES: &str = "ccode,stateabb,statenme,styear,stmonth,stday,endyear,endmonth,endday\n\
        200,UKG,United Kingdom,1816,1,1,2016,12,31\n300,AUH,Austria-Hungary,1816,1,1,1918,11,11\n";

    fn graph(members: &'static str) -> AllianceGraph {
        let inputs = Inputs {
            members: Source::Embedded { name: "m.csv", text: members },
            states: Source::Embedded { name: "s.csv", text: STATES },
            alliances: None,
        };
        let options = LoadOptions { data_end: Some(2016), ..LoadOptions::default() };
        let (data, mut diag) = Dataset::load(&inputs, &options).unwrap();
        AllianceGraph::build(data, SystemFilter::Cow, &mut diag)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn overlapping_and_touching_rows_become_one_spell_and_weights_count_alliances() {
        // 1001 defense 1900-01-01..1905-01-01 (phase 1) and 1905-01-01..1910-01-01 (phase 2,
        // touching); 1002 defense+consultation 1903-06-01..1907-01-01 overlapping both.
        let g = graph(concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1001,200,1900,1,1,1905,1,1,1,1,0,0,0,0\n1001,300,1900,1,1,1905,1,1,1,1,0,0,0,0\n",
            "1001,200,1905,1,1,1910,1,1,2,1,0,0,0,0\n1001,300,1905,1,1,1910,1,1,2,1,0,0,0,0\n",
            "1002,200,1903,6,1,1907,1,1,0,1,0,0,0,1\n1002,300,1903,6,1,1907,1,1,0,1,0,0,0,1\n",
        ));
        let edges = gexf_edges(&g);
        assert_eq!(edges.len(), 2, "{edges:?}");
        let def = &edges[0];
        assert_eq!(def.kind, Obligation::Defense);
        assert_eq!(def.spells, [DateSpan::new(d("1900-01-01"), d("1910-01-01")).unwrap()]);
        assert_eq!(def.alliances, [AllianceId(1001), AllianceId(1002)]);
        let w: Vec<(String, u32)> = def.weights.iter().map(|(s, w)| (s.to_string(), *w)).collect();
        assert_eq!(
            w,
            [
                ("[1900-01-01, 1903-06-01)".to_string(), 1),
                ("[1903-06-01, 1907-01-01)".to_string(), 2),
                ("[1907-01-01, 1910-01-01)".to_string(), 1)
            ]
        );
        let con = &edges[1];
        assert_eq!(con.kind, Obligation::Consultation);
        assert_eq!(con.alliances, [AllianceId(1002)]);
        let mut xml = Vec::new();
        write_gexf(&g, &mut xml).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        // Closed intervals: the half-open [1900-01-01, 1910-01-01) ends on 31 December 1909.
        assert!(xml.contains(r#"<spell start="1900-01-01" end="1909-12-31"/>"#), "{xml}");
        assert!(xml.contains(r#"<edge id="200-300-defense" source="200" target="300" kind="defense">"#));
        // AUH's node spell ends on its last day in the system, 11 November 1918 (inclusive).
        assert!(xml.contains(r#"<spell start="1816-01-01" end="1918-11-11"/>"#), "{xml}");
    }
}
