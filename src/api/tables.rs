//! The small tables the CLI builds from a snapshot or the multigraph: snapshot edges and nodes
//! (`pactnet snapshot`), a state's memberships and years (`pactnet state`), the ties of a dyad
//! (`pactnet dyad`) and every multigraph edge. Dates are ISO `YYYY-MM-DD`; spans are half-open,
//! `[start, end)`.

use crate::graph::{AllianceGraph, MultiEdge, Snapshot, Timeline};
use crate::io::table::{Cell, OwnedTable, RowSink, Table, Value};
use crate::model::{AllianceId, DenseIndex};

/// `ABB`, or the bare COW code for a state missing from the COW list.
fn label(graph: &AllianceGraph, v: DenseIndex) -> String {
    let st = graph.data.states.state(v);
    if st.abbr.is_empty() {
        st.id.to_string()
    } else {
        st.abbr.clone()
    }
}

/// A snapshot's edges: `a,b,weight,atopids` (COW codes, a < b; alliance ids, a list: joined by `;` in CSV, an array in JSON).
pub fn snapshot_edges<'a>(graph: &'a AllianceGraph, snap: &'a Snapshot) -> SnapshotEdges<'a> {
    SnapshotEdges { graph, snap }
}

/// The table of [`snapshot_edges`], written row by row as it is read from the snapshot (a
/// complete graph of millions of edges is never held a second time as a table).
#[derive(Debug, Clone, Copy)]
pub struct SnapshotEdges<'a> {
    graph: &'a AllianceGraph,
    snap: &'a Snapshot,
}

impl Table for SnapshotEdges<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["a", "b", "weight", "atopids"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        let states = &self.graph.data.states;
        // The alliance ids as strings, their buffers reused from edge to edge.
        let (mut ids, mut int) = (Vec::<String>::new(), itoa::Buffer::new());
        for e in &self.snap.edges {
            let alliances = self.snap.edge_alliances(e);
            ids.resize_with(alliances.len(), String::new);
            for (s, id) in ids.iter_mut().zip(alliances) {
                s.clear();
                s.push_str(int.format(id.0));
            }
            sink.cell(Cell::Int(i64::from(states.state(e.a).id.0)))?;
            sink.cell(Cell::Int(i64::from(states.state(e.b).id.0)))?;
            sink.cell(Cell::Int(i64::from(e.weight)))?;
            sink.cell(Cell::List(&ids, ';'))?;
            sink.end_row()?;
        }
        Ok(())
    }
}

/// A snapshot's nodes: `ccode,abbr,name,degree`.
pub fn snapshot_nodes(graph: &AllianceGraph, snap: &Snapshot) -> OwnedTable {
    let states = &graph.data.states;
    let mut t = OwnedTable::new(&["ccode", "abbr", "name", "degree"]);
    for (&v, deg) in snap.nodes.iter().zip(snap.degrees()) {
        let st = states.state(v);
        t.push(vec![
            i64::from(st.id.0).into(),
            st.abbr.as_str().into(),
            st.name.as_str().into(),
            i64::from(deg).into(),
        ]);
    }
    t
}

/// A state's memberships: `atopid,phase,start,end,obligations,partners` (partners: labels of the
/// other members whose rows overlap, space-separated), by start, alliance and phase.
pub fn state_memberships(graph: &AllianceGraph, v: DenseIndex) -> OwnedTable {
    let data = &graph.data;
    let mut t = OwnedTable::new(&["atopid", "phase", "start", "end", "obligations", "partners"]);
    let mut rows: Vec<_> = data.members.iter().filter(|m| data.member_index(m) == v).collect();
    rows.sort_by_key(|m| (m.span.start(), m.alliance, m.phase));
    // The rows of the state's alliances, by alliance: one pass over the member rows.
    let mut by_alliance: std::collections::BTreeMap<_, Vec<_>> =
        rows.iter().map(|m| (m.alliance, Vec::new())).collect();
    for m in &data.members {
        if let Some(list) = by_alliance.get_mut(&m.alliance) {
            list.push(m);
        }
    }
    for m in rows {
        let mut partners: Vec<u32> = by_alliance[&m.alliance]
            .iter()
            .filter(|p| p.state != m.state && p.span.overlaps(m.span))
            .map(|p| data.member_index(p))
            .collect();
        partners.sort_unstable();
        partners.dedup();
        let names: Vec<String> = partners.iter().map(|&p| label(graph, p)).collect();
        t.push(vec![
            i64::from(m.alliance.0).into(),
            i64::from(m.phase).into(),
            m.span.start().to_string().into(),
            m.span.end().to_string().into(),
            m.obligations.to_string().into(),
            Value::list(names, ' '),
        ]);
    }
    t
}

/// A state's years in the `any` layer: `year,in_system,degree,strength,alliances` (degree,
/// strength and alliances as in the year's snapshot: partners, alliance ties summed over
/// partners, distinct alliances).
///
/// Derived from the state's own edges and the years each counts in
/// ([`Timeline::years_counting`]), not from whole snapshots: O(E + k log k) for E multigraph
/// edges and k edge-years of the state.
pub fn state_years(graph: &AllianceGraph, timeline: &Timeline, v: DenseIndex) -> OwnedTable {
    let mut t = OwnedTable::new(&["year", "in_system", "degree", "strength", "alliances"]);
    // (year, partner, alliance) of every counted tie of v, then (year, alliance).
    let mut ties: Vec<(i32, DenseIndex, AllianceId)> = Vec::new();
    for (i, e) in graph.edges().iter().enumerate() {
        let other = match (e.a == v, e.b == v) {
            (true, _) => e.b,
            (_, true) => e.a,
            _ => continue,
        };
        for s in graph.counted(i) {
            ties.extend(timeline.years_counting(*s).map(|y| (y, other, e.alliance)));
        }
    }
    ties.sort_unstable();
    ties.dedup();
    let mut alliances: Vec<(i32, AllianceId)> = ties.iter().map(|&(y, _, a)| (y, a)).collect();
    alliances.sort_unstable();
    alliances.dedup();
    let (mut ties, mut alliances) = (ties.as_slice(), alliances.as_slice());
    for year in timeline.years() {
        let n = ties.iter().take_while(|t| t.0 == year).count();
        let (of_year, rest) = ties.split_at(n);
        ties = rest;
        let n = alliances.iter().take_while(|a| a.0 == year).count();
        alliances = &alliances[n..];
        let degree = of_year.chunk_by(|x, y| x.1 == y.1).count();
        t.push(vec![
            i64::from(year).into(),
            (if timeline.nodes(year).binary_search(&v).is_ok() { "yes" } else { "no" }).into(),
            (degree as i64).into(),
            (of_year.len() as i64).into(),
            (n as i64).into(),
        ]);
    }
    t
}

/// Every multigraph edge between `a` and `b`, from `a`'s side:
/// `atopid,phase_a,phase_b,start,end,types,a_to_b,b_to_a,counted` (`counted`: the spans on which
/// the tie counts under the system filter, space-separated).
pub fn dyad_edges(graph: &AllianceGraph, a: DenseIndex, b: DenseIndex) -> OwnedTable {
    let mut t =
        OwnedTable::new(&["atopid", "phase_a", "phase_b", "start", "end", "types", "a_to_b", "b_to_a", "counted"]);
    for i in graph.edges_between(a, b) {
        let e = &graph.edges()[i];
        let (pa, pb) = if e.a == a { (e.a_phase, e.b_phase) } else { (e.b_phase, e.a_phase) };
        t.push(vec![
            i64::from(e.alliance.0).into(),
            i64::from(pa).into(),
            i64::from(pb).into(),
            e.span.start().to_string().into(),
            e.span.end().to_string().into(),
            e.types().to_string().into(),
            e.obligations_of(a).to_string().into(),
            e.obligations_of(b).to_string().into(),
            counted(graph, i).into(),
        ]);
    }
    t
}

/// The spans on which edge `i` counts, space-separated.
fn counted(graph: &AllianceGraph, i: usize) -> String {
    let spans: Vec<String> = graph.counted(i).iter().map(ToString::to_string).collect();
    spans.join(" ")
}

/// Every edge of the typed, dated multigraph, in the graph's order (by pair, then alliance):
/// `a,b,atopid,phase_a,phase_b,start,end,types,a_to_b,b_to_a,counted` (COW codes, a < b).
pub fn multigraph_edges(graph: &AllianceGraph) -> OwnedTable {
    let states = &graph.data.states;
    let mut t = OwnedTable::new(&[
        "a", "b", "atopid", "phase_a", "phase_b", "start", "end", "types", "a_to_b", "b_to_a", "counted",
    ]);
    for (i, e) in graph.edges().iter().enumerate() {
        let MultiEdge { alliance, a, b, span, a_obligations, b_obligations, a_phase, b_phase } = e;
        t.push(vec![
            i64::from(states.state(*a).id.0).into(),
            i64::from(states.state(*b).id.0).into(),
            i64::from(alliance.0).into(),
            i64::from(*a_phase).into(),
            i64::from(*b_phase).into(),
            span.start().to_string().into(),
            span.end().to_string().into(),
            e.types().to_string().into(),
            a_obligations.to_string().into(),
            b_obligations.to_string().into(),
            counted(graph, i).into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::Value;
    use crate::{Dataset, Inputs, LoadOptions, SystemFilter};

    #[test]
    fn multigraph_rows_hold_each_dyads_edges() {
        let (data, mut diag) = Dataset::load(&Inputs::sample(), &LoadOptions::default()).unwrap();
        let graph = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let all = multigraph_edges(&graph);
        assert_eq!(all.rows.len(), graph.edges().len());
        let e = &graph.edges()[0];
        let dyad = dyad_edges(&graph, e.a, e.b);
        let same: Vec<_> = all.rows.iter().filter(|r| r[0] == all.rows[0][0] && r[1] == all.rows[0][1]).collect();
        assert_eq!(same.len(), dyad.rows.len());
        // The dyad table is the multigraph row less the two codes.
        assert_eq!(&same[0][2..], &dyad.rows[0][..]);
        assert!(matches!(all.rows[0][0], Value::Int(a) if matches!(all.rows[0][1], Value::Int(b) if a < b)));
    }
}
