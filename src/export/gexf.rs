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
use crate::model::{AllianceId, DateSpan, DenseIndex, Obligation, ObligationSet};
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
    let mut out = Vec::new();
    let done: Result<(), std::convert::Infallible> = for_each_edge(graph, |e| {
        out.push(e.clone());
        Ok(())
    });
    match done {
        Ok(()) => out,
        Err(never) => match never {},
    }
}

/// Number of GEXF edges of `graph`: (pair, type) with a multigraph edge of the type that counts
/// on some day. One pass, no allocation.
fn edge_count(graph: &AllianceGraph) -> usize {
    let edges = graph.edges();
    let mut n = 0;
    let mut start = 0;
    while start < edges.len() {
        let (a, b) = (edges[start].a, edges[start].b);
        let mut kinds = ObligationSet::EMPTY;
        let mut i = start;
        while i < edges.len() && (edges[i].a, edges[i].b) == (a, b) {
            if !graph.counted(i).is_empty() {
                kinds = kinds.union(edges[i].types());
            }
            i += 1;
        }
        n += kinds.iter().count();
        start = i;
    }
    n
}

/// Calls `f` on each GEXF edge of `graph` in (a, b, kind) order. One [`GexfEdge`] and its
/// scratch vectors are reused from edge to edge: millions of edges, no allocation per edge.
fn for_each_edge<E>(graph: &AllianceGraph, mut f: impl FnMut(&GexfEdge) -> Result<(), E>) -> Result<(), E> {
    let edges = graph.edges();
    let mut edge = GexfEdge {
        a: 0,
        b: 0,
        kind: Obligation::Defense,
        spells: Vec::new(),
        alliances: Vec::new(),
        weights: Vec::new(),
    };
    let mut of_kind: Vec<usize> = Vec::new();
    let mut events: Vec<(NaiveDate, i32)> = Vec::new();
    let mut days: Vec<DateSpan> = Vec::new();
    let mut start = 0;
    while start < edges.len() {
        let (a, b) = (edges[start].a, edges[start].b);
        let end = start + edges[start..].iter().take_while(|e| (e.a, e.b) == (a, b)).count();
        for &kind in graph.data.source.obligations() {
            of_kind.clear();
            of_kind.extend((start..end).filter(|&i| edges[i].types().contains(kind)));
            edge.spells.clear();
            edge.spells.extend(of_kind.iter().flat_map(|&i| graph.counted(i).iter().copied()));
            merge_spans(&mut edge.spells);
            if edge.spells.is_empty() {
                continue;
            }
            (edge.a, edge.b, edge.kind) = (a, b, kind);
            // Edges are sorted by (a, b, alliance, start), so `of_kind` comes in alliance runs.
            edge.alliances.clear();
            edge.alliances.extend(of_kind.iter().map(|&i| edges[i].alliance));
            edge.alliances.dedup();
            // Per alliance, its days (phases joined); then count alliances per day by a sweep.
            events.clear();
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
            edge.weights.clear();
            let mut count = 0i32;
            for (k, &(day, delta)) in events.iter().enumerate() {
                count += delta;
                let next = events.get(k + 1).map(|e| e.0);
                let Some(span) = next.and_then(|n| DateSpan::new(day, n)) else { continue };
                if count <= 0 {
                    continue;
                }
                match edge.weights.last_mut() {
                    Some((last, w)) if *w == count as u32 && last.end() == span.start() => {
                        *last = DateSpan::new(last.start(), span.end()).unwrap_or(*last);
                    }
                    _ => edge.weights.push((span, count as u32)),
                }
            }
            f(&edge)?;
        }
        start = end;
    }
    Ok(())
}

/// Appends `start="…" end="…"`: a half-open span written as a closed interval of dates.
fn push_interval(buf: &mut Vec<u8>, span: DateSpan) {
    buf.extend_from_slice(b"start=\"");
    push_date(buf, span.start());
    buf.extend_from_slice(b"\" end=\"");
    push_date(buf, span.last_day());
    buf.push(b'"');
}

/// Appends `YYYY-MM-DD` digit by digit (years 0..=9999; others through chrono's formatting):
/// exports of millions of spells spend their time here.
fn push_date(buf: &mut Vec<u8>, d: NaiveDate) {
    use chrono::Datelike;
    let y = d.year();
    if !(0..=9999).contains(&y) {
        buf.extend_from_slice(d.to_string().as_bytes());
        return;
    }
    let y = y as u32;
    let (m, day) = (d.month(), d.day());
    let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, 10, m / 10, m % 10, 10, day / 10, day % 10];
    buf.extend(digits.map(|x| if x == 10 { b'-' } else { b'0' + x as u8 }));
}

/// Appends one `<edge>` element (COW codes `a` < `b`), indented as the rest of the file.
fn push_edge(buf: &mut Vec<u8>, e: &GexfEdge, (a, b): (u16, u16), int: &mut itoa::Buffer) {
    let kind = e.kind.name().as_bytes();
    let mut ab = [0u8; 12];
    let la = itoa_into(&mut ab[..6], a, int);
    let lb = itoa_into(&mut ab[6..], b, int);
    let (a, b) = (&ab[..la], &ab[6..6 + lb]);
    let head: [&[u8]; 13] = [
        b"      <edge id=\"",
        a,
        b"-",
        b,
        b"-",
        kind,
        b"\" source=\"",
        a,
        b"\" target=\"",
        b,
        b"\" kind=\"",
        kind,
        b"\">\n        <attvalues>\n          <attvalue for=\"atopids\" value=\"",
    ];
    head.iter().for_each(|part| buf.extend_from_slice(part));
    for (k, id) in e.alliances.iter().enumerate() {
        if k > 0 {
            buf.push(b';');
        }
        buf.extend_from_slice(int.format(id.0).as_bytes());
    }
    buf.extend_from_slice(b"\"/>\n");
    for (span, w) in &e.weights {
        buf.extend_from_slice(b"          <attvalue for=\"weight\" value=\"");
        buf.extend_from_slice(int.format(*w).as_bytes());
        buf.extend_from_slice(b"\" ");
        push_interval(buf, *span);
        buf.extend_from_slice(b"/>\n");
    }
    buf.extend_from_slice(b"        </attvalues>\n        <spells>\n");
    for s in &e.spells {
        buf.extend_from_slice(b"          <spell ");
        push_interval(buf, *s);
        buf.extend_from_slice(b"/>\n");
    }
    buf.extend_from_slice(b"        </spells>\n      </edge>\n");
}

/// Writes the digits of `n` (at most 5) at the start of `to`; returns how many.
fn itoa_into(to: &mut [u8], n: u16, int: &mut itoa::Buffer) -> usize {
    let s = int.format(n).as_bytes();
    to[..s.len()].copy_from_slice(s);
    s.len()
}

/// Writes `graph` as a GEXF 1.3 dynamic graph.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_gexf(graph: &AllianceGraph, out: &mut dyn Write) -> io::Result<()> {
    let data = &graph.data;
    let spells = node_spells(graph);
    let nodes: Vec<DenseIndex> = (0..spells.len() as DenseIndex).filter(|&v| !spells[v as usize].is_empty()).collect();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 18);
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
            buf.clear();
            buf.extend_from_slice(b"          <spell ");
            push_interval(&mut buf, *s);
            buf.extend_from_slice(b"/>\n");
            out.write_all(&buf)?;
        }
        writeln!(out, "        </spells>")?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, r#"    <edges count="{}">"#, edge_count(graph))?;
    // Written in 256 KiB chunks straight from bytes: no formatting machinery per edge.
    let mut int = itoa::Buffer::new();
    buf.clear();
    for_each_edge(graph, |e| {
        push_edge(&mut buf, e, (data.states.state(e.a).id.0, data.states.state(e.b).id.0), &mut int);
        if buf.len() >= 1 << 18 {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok::<(), io::Error>(())
    })?;
    out.write_all(&buf)?;
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
