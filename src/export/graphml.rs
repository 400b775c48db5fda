//! GraphML of one snapshot: an undirected simple graph with node and edge attributes.
//!
//! Node ids are COW codes; node data `ccode`, `abbr`, `name`, `region` (and `degree`,
//! the node metrics of [`super::NodeMetrics`] when given); edge data `weight` (alliances), `types`
//! and `atopids` (`;`-separated), and each `--provisions` column (absent when empty); graph
//! data the period (`year` or `date`) and `layer`.

use super::xml::escape;
use super::{region, SnapshotExport};
use crate::graph::Period;
use crate::io::table::{format_float, Cell};
use std::io::{self, Write};

/// Writes a snapshot as GraphML.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_graphml(x: &SnapshotExport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let snap = x.snapshot;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let mut keys = vec![("graph", "layer", "string")];
    keys.push(match snap.period {
        Some(Period::Date(_)) => ("graph", "date", "string"),
        _ => ("graph", "year", "int"),
    });
    keys.extend([("node", "ccode", "int"), ("node", "abbr", "string"), ("node", "name", "string")]);
    keys.push(("node", "region", "string"));
    for (m, cells) in &x.metrics.columns {
        let ty = if matches!(cells.first(), Some(Cell::Int(_))) { "int" } else { "double" };
        keys.push(("node", m.name(), ty));
    }
    keys.extend([("edge", "weight", "int"), ("edge", "types", "string"), ("edge", "atopids", "string")]);
    keys.extend(x.provisions.iter().map(|(name, _)| ("edge", *name, "int")));
    for (target, name, ty) in keys {
        writeln!(out, r#"  <key id="{name}" for="{target}" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(out, r#"  <graph id="G" edgedefault="undirected">"#)?;
    if let Some(layer) = snap.layer {
        writeln!(out, r#"    <data key="layer">{}</data>"#, layer.name())?;
    }
    match snap.period {
        Some(Period::Year(y)) => writeln!(out, r#"    <data key="year">{y}</data>"#)?,
        Some(Period::Date(d)) => writeln!(out, r#"    <data key="date">{d}</data>"#)?,
        None => {}
    }
    for (i, &v) in snap.nodes.iter().enumerate() {
        let st = x.graph.data.states.state(v);
        writeln!(out, r#"    <node id="{}">"#, st.id)?;
        writeln!(out, r#"      <data key="ccode">{}</data>"#, st.id)?;
        writeln!(out, r#"      <data key="abbr">{}</data>"#, escape(&st.abbr))?;
        writeln!(out, r#"      <data key="name">{}</data>"#, escape(&st.name))?;
        writeln!(out, r#"      <data key="region">{}</data>"#, region(st.id))?;
        for (m, cells) in &x.metrics.columns {
            match cells.get(i) {
                Some(Cell::Int(n)) => writeln!(out, r#"      <data key="{}">{n}</data>"#, m.name())?,
                Some(Cell::Float(f)) => writeln!(
                    out,
                    r#"      <data key="{}">{}</data>"#,
                    m.name(),
                    format_float(*f, &mut ryu::Buffer::new())
                )?,
                _ => {}
            }
        }
        writeln!(out, "    </node>")?;
    }
    for (k, e) in snap.edges.iter().enumerate() {
        writeln!(out, r#"    <edge id="e{k}" source="{}" target="{}">"#, x.code(e.a), x.code(e.b))?;
        writeln!(out, r#"      <data key="weight">{}</data>"#, e.weight)?;
        writeln!(out, r#"      <data key="types">{}</data>"#, e.types)?;
        writeln!(out, r#"      <data key="atopids">{}</data>"#, x.atopids(e))?;
        for (name, values) in &x.provisions {
            if let Some(Some(v)) = values.get(k) {
                writeln!(out, r#"      <data key="{name}">{v}</data>"#)?;
            }
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}
