//! Node-link JSON of one snapshot, laid out as networkx's `node_link_data` writes it (networkx
//! 3.4+ defaults), so that `networkx.node_link_graph(data)` reads it back:
//! `{"directed": false, "multigraph": false, "graph": {…}, "nodes": [{"id": …}, …],
//! "edges": [{"source": …, "target": …}, …]}`.
//!
//! Node ids are COW codes (integers); nodes carry `ccode`, `abbr`, `name`, `region` (and
//! the node metrics of [`super::NodeMetrics`] when given); edges carry `weight` (alliances),
//! `types` (`+`-joined, as in every table), `atopids` (an array of integers; GraphML, whose
//! attributes are scalar, joins them with `;`), and each `--provisions` column (null when
//! empty). The graph attributes name the period and layer. Keys are written in sorted order.

use super::{region, SnapshotExport};
use crate::graph::Period;
use crate::io::table::Cell;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// The node-link document of a snapshot.
pub fn node_link(x: &SnapshotExport<'_>) -> Value {
    let snap = x.snapshot;
    let mut graph = Map::new();
    match snap.period {
        Some(Period::Year(y)) => {
            graph.insert("year".into(), json!(y));
        }
        Some(Period::Date(d)) => {
            graph.insert("date".into(), json!(d.to_string()));
        }
        None => {}
    }
    if let Some(layer) = snap.layer {
        graph.insert("layer".into(), json!(layer.name()));
    }
    let nodes: Vec<Value> = snap
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let st = x.graph.data.states.state(v);
            let mut n = json!({
                "id": st.id.0, "ccode": st.id.0, "abbr": st.abbr, "name": st.name, "region": region(st.id),
            });
            for (m, cells) in &x.metrics.columns {
                match cells.get(i) {
                    Some(Cell::Int(k)) => n[m.name()] = json!(k),
                    Some(Cell::Float(f)) => n[m.name()] = json!(if *f == 0.0 { 0.0 } else { *f }),
                    _ => {}
                }
            }
            n
        })
        .collect();
    let edges: Vec<Value> = snap
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let mut edge = json!({
                "source": x.code(e.a).0, "target": x.code(e.b).0, "weight": e.weight,
                "types": e.types.to_string(),
                "atopids": snap.edge_alliances(e).iter().map(|id| id.0).collect::<Vec<u32>>(),
            });
            for (name, values) in &x.provisions {
                edge[*name] = json!(values.get(k).copied().flatten());
            }
            edge
        })
        .collect();
    json!({"directed": false, "multigraph": false, "graph": graph, "nodes": nodes, "edges": edges})
}

/// Writes the node-link document of a snapshot, pretty-printed, with a final newline.
///
/// # Errors
/// I/O errors of `out`.
pub fn write_node_link(x: &SnapshotExport<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &node_link(x)).map_err(|e| match e.io_error_kind() {
        // Keep the kind (a closed pipe, say) so that the caller can tell it apart.
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    })?;
    out.write_all(b"\n")
}
