//! How the network changes from year to year: triadic closure (edgewise shared partners,
//! GWESP, the share of new ties that close a triangle) and turnover (ties added and removed,
//! Jaccard similarity of consecutive edge sets, alliances formed and ended, bilateral ties).

use crate::error::QueryError;
use crate::graph::{AllianceGraph, Period, Snapshot, SnapshotBuilder, Timeline};
use crate::io::table::{Cell, RowSink, Table};
use crate::model::{AllianceId, DenseIndex, Layer};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

/// Shared partners of every edge: `esp[k]` = edges whose endpoints have exactly k common
/// neighbours (Hunter 2007). O(Σ_edges (d_a + d_b)) by merging sorted neighbour lists.
pub fn edgewise_shared_partners(n: usize, edges: &[(u32, u32)]) -> Vec<u64> {
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        adj[a as usize].push(b);
        adj[b as usize].push(a);
    }
    adj.iter_mut().for_each(|l| l.sort_unstable());
    let mut esp = vec![0u64; 1];
    for &(a, b) in edges {
        let k = common(&adj[a as usize], &adj[b as usize]);
        if esp.len() <= k {
            esp.resize(k + 1, 0);
        }
        esp[k] += 1;
    }
    esp
}

/// Size of the intersection of two sorted lists.
fn common(x: &[u32], y: &[u32]) -> usize {
    let (mut i, mut j, mut c) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                c += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c
}

/// GWESP with fixed decay α, as statnet's `gwesp(decay = α, fixed = TRUE)`:
/// e^α Σ_k (1 − (1 − e^−α)^k) ESP_k. A triangle gives 3 for every α. For α > 0 each term is
/// computed as −e^α·expm1(k·ln_1p(−e^−α)), free of the cancellation in 1 − (1 − e^−α)^k; as α
/// grows it tends to Σ_k k·ESP_k = 3 × triangles, the value used past α = 700 (where the
/// difference is below 1e−300 and e^α nears overflow).
pub fn gwesp(esp: &[u64], alpha: f64) -> f64 {
    let terms = esp.iter().enumerate().skip(1);
    if alpha > 700.0 {
        return terms.map(|(k, &c)| k as f64 * c as f64).sum();
    }
    if alpha > 0.0 {
        let log_r = (-(-alpha).exp()).ln_1p();
        return alpha.exp() * terms.map(|(k, &c)| -(k as f64 * log_r).exp_m1() * c as f64).sum::<f64>();
    }
    let r = 1.0 - (-alpha).exp();
    alpha.exp() * terms.map(|(k, &c)| (1.0 - r.powi(k as i32)) * c as f64).sum::<f64>()
}

/// One year's change and closure figures.
#[derive(Debug, Clone, PartialEq)]
pub struct YearChange {
    /// The year.
    pub year: i32,
    /// Edges of the snapshot.
    pub edges: usize,
    /// Edges not in the previous year's snapshot (`None` the first year).
    pub added: Option<usize>,
    /// Previous year's edges no longer present.
    pub removed: Option<usize>,
    /// |E_Y ∩ E_{Y−1}| / |E_Y ∪ E_{Y−1}| (1 when both are empty).
    pub jaccard: Option<f64>,
    /// Of the added edges, those whose endpoints had a common neighbour in the previous year.
    pub closed: Option<usize>,
    /// `closed / added` (empty without added edges).
    pub closure_share: Option<f64>,
    /// Edgewise shared partners: `esp[k]` edges with k common neighbours.
    pub esp: Vec<u64>,
    /// GWESP at the request's α.
    pub gwesp: f64,
    /// Alliances whose first member entry falls in this year.
    pub alliances_formed: usize,
    /// Alliances whose last member exit falls in this year (in-force ones never end).
    pub alliances_ended: usize,
    /// Share of the counted multigraph edges that come from bilateral alliances (two states).
    pub bilateral_share: f64,
}

/// What [`changes`] computes.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRequest {
    /// Years (inclusive); `None`: every year of the timeline.
    pub years: Option<RangeInclusive<i32>>,
    /// The layer. Default: any.
    pub layer: Layer,
    /// GWESP decay α. Default: 0.5.
    pub alpha: f64,
}

impl Default for ChangeRequest {
    fn default() -> Self {
        ChangeRequest { years: None, layer: Layer::Any, alpha: 0.5 }
    }
}

/// Change and closure of every requested year. The year before the first requested one (when
/// it is in the data) serves as the first comparison.
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when a requested year lies outside the timeline.
pub fn changes(graph: &AllianceGraph, timeline: &Timeline, request: &ChangeRequest) -> Result<ChangeTable, QueryError> {
    let years = timeline.select(request.years.clone())?;
    let (formed, ended, bilateral) = alliance_years(graph, timeline);
    let mut builder = SnapshotBuilder::new(graph, timeline);
    let mut snap = Snapshot::default();
    let mut previous: Option<EdgesAndNeighbours> = None;
    let start = *years.start();
    if start > *timeline.years().start() {
        builder.build_into(Period::Year(start - 1), request.layer, &mut snap)?;
        previous = Some(edge_set_and_adjacency(graph, &snap));
    }
    let mut rows = Vec::new();
    for year in years {
        builder.build_into(Period::Year(year), request.layer, &mut snap)?;
        let (edges, adj) = edge_set_and_adjacency(graph, &snap);
        let local: Vec<(u32, u32)> = snap
            .edges
            .iter()
            .filter_map(|e| Some((snap.local_index(e.a)? as u32, snap.local_index(e.b)? as u32)))
            .collect();
        let esp = edgewise_shared_partners(snap.nodes.len(), &local);
        let counted = timeline.edges(year);
        let in_layer: Vec<AllianceId> = counted
            .iter()
            .map(|&i| &graph.edges()[i as usize])
            .filter(|e| request.layer.admits(e.types()))
            .map(|e| e.alliance)
            .collect();
        let bilateral_share = if in_layer.is_empty() {
            0.0
        } else {
            in_layer.iter().filter(|a| bilateral.contains(a)).count() as f64 / in_layer.len() as f64
        };
        let mut row = YearChange {
            year,
            edges: edges.len(),
            added: None,
            removed: None,
            jaccard: None,
            closed: None,
            closure_share: None,
            gwesp: gwesp(&esp, request.alpha),
            esp,
            alliances_formed: formed.get(&year).copied().unwrap_or(0),
            alliances_ended: ended.get(&year).copied().unwrap_or(0),
            bilateral_share,
        };
        if let Some((prev_edges, prev_adj)) = &previous {
            let added: Vec<_> = edges.difference(prev_edges).collect();
            let union = edges.union(prev_edges).count();
            let closed =
                added.iter().filter(|(a, b)| common(&prev_adj[*a as usize], &prev_adj[*b as usize]) > 0).count();
            row.added = Some(added.len());
            row.removed = Some(prev_edges.difference(&edges).count());
            row.jaccard =
                Some(if union == 0 { 1.0 } else { edges.intersection(prev_edges).count() as f64 / union as f64 });
            row.closed = Some(closed);
            row.closure_share = (!added.is_empty()).then(|| closed as f64 / added.len() as f64);
        }
        previous = Some((edges, adj));
        rows.push(row);
    }
    Ok(ChangeTable { layer: request.layer, rows })
}

/// A snapshot's edges as dense pairs, and each state's sorted neighbours (by dense index).
type EdgesAndNeighbours = (BTreeSet<(DenseIndex, DenseIndex)>, Vec<Vec<DenseIndex>>);

/// The snapshot's edges as a set of dense pairs, and its adjacency by dense index (sorted lists).
fn edge_set_and_adjacency(graph: &AllianceGraph, snap: &Snapshot) -> EdgesAndNeighbours {
    let mut adj = vec![Vec::new(); graph.data.states.len()];
    for e in &snap.edges {
        adj[e.a as usize].push(e.b);
        adj[e.b as usize].push(e.a);
    }
    adj.iter_mut().for_each(|l| l.sort_unstable());
    (snap.edges.iter().map(|e| (e.a, e.b)).collect(), adj)
}

/// Per year, alliances formed and ended (first entry, last exit of any member row, in the
/// timeline's years), and the set of bilateral alliances (exactly two member states).
fn alliance_years(
    graph: &AllianceGraph,
    timeline: &Timeline,
) -> (BTreeMap<i32, usize>, BTreeMap<i32, usize>, BTreeSet<AllianceId>) {
    let data_end = chrono::NaiveDate::from_ymd_opt(graph.data.data_end + 1, 1, 1);
    let mut span: BTreeMap<AllianceId, (chrono::NaiveDate, chrono::NaiveDate, BTreeSet<u16>)> = BTreeMap::new();
    for m in &graph.data.members {
        let e = span.entry(m.alliance).or_insert((m.span.start(), m.span.end(), BTreeSet::new()));
        e.0 = e.0.min(m.span.start());
        e.1 = e.1.max(m.span.end());
        e.2.insert(m.state.0);
    }
    let (mut formed, mut ended) = (BTreeMap::new(), BTreeMap::new());
    let mut bilateral = BTreeSet::new();
    for (id, (start, end, states)) in span {
        use chrono::Datelike;
        if timeline.contains(start.year()) {
            *formed.entry(start.year()).or_insert(0) += 1;
        }
        let last_day = end.pred_opt().unwrap_or(end);
        if Some(end) != data_end && timeline.contains(last_day.year()) {
            *ended.entry(last_day.year()).or_insert(0) += 1;
        }
        if states.len() == 2 {
            bilateral.insert(id);
        }
    }
    (formed, ended, bilateral)
}

/// Change and closure per year.
#[derive(Debug, Clone)]
pub struct ChangeTable {
    layer: Layer,
    /// One row per year.
    pub rows: Vec<YearChange>,
}

impl ChangeTable {
    /// The edgewise-shared-partner distribution as rows `year,layer,shared_partners,edges`.
    pub fn esp_table(&self) -> EspTable<'_> {
        EspTable(self)
    }
}

impl Table for ChangeTable {
    fn columns(&self) -> Vec<&'static str> {
        vec![
            "year",
            "layer",
            "edges",
            "added",
            "removed",
            "jaccard",
            "new_ties_closing_triangles",
            "closure_share",
            "gwesp",
            "alliances_formed",
            "alliances_ended",
            "bilateral_share",
        ]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        let opt_int = |v: Option<usize>| v.map_or(Cell::Missing, |v| Cell::Int(v as i64));
        let opt_float = |v: Option<f64>| v.map_or(Cell::Missing, Cell::Float);
        for r in &self.rows {
            for cell in [
                Cell::Int(i64::from(r.year)),
                Cell::Text(self.layer.name()),
                Cell::Int(r.edges as i64),
                opt_int(r.added),
                opt_int(r.removed),
                opt_float(r.jaccard),
                opt_int(r.closed),
                opt_float(r.closure_share),
                Cell::Float(r.gwesp),
                Cell::Int(r.alliances_formed as i64),
                Cell::Int(r.alliances_ended as i64),
                Cell::Float(r.bilateral_share),
            ] {
                sink.cell(cell)?;
            }
            sink.end_row()?;
        }
        Ok(())
    }
}

/// Rows `year,layer,shared_partners,edges` of a [`ChangeTable`] (only k with edges).
#[derive(Debug, Clone, Copy)]
pub struct EspTable<'t>(&'t ChangeTable);

impl Table for EspTable<'_> {
    fn columns(&self) -> Vec<&'static str> {
        vec!["year", "layer", "shared_partners", "edges"]
    }

    fn write_rows(&self, sink: &mut dyn RowSink) -> std::io::Result<()> {
        for r in &self.0.rows {
            for (k, &c) in r.esp.iter().enumerate().filter(|(_, &c)| c > 0) {
                sink.cell(Cell::Int(i64::from(r.year)))?;
                sink.cell(Cell::Text(self.0.layer.name()))?;
                sink.cell(Cell::Int(k as i64))?;
                sink.cell(Cell::Int(c as i64))?;
                sink.end_row()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_gives_gwesp_three_for_every_decay() {
        let esp = edgewise_shared_partners(3, &[(0, 1), (0, 2), (1, 2)]);
        assert_eq!(esp, [0, 3]);
        for alpha in [0.1, 0.5, 1.0, 2.5] {
            assert!((gwesp(&esp, alpha) - 3.0).abs() < 1e-12, "{alpha}");
        }
    }

    #[test]
    fn issue12_gwesp_is_exact_for_large_decay_and_tends_to_three_times_the_triangles() {
        // K4 minus an edge: 2 triangles, ESP = [0, 4, 1], Σ k·ESP_k = 4 + 2 = 6 = 3 × 2.
        // Exactly: e^α (4·e^−α + (1 − (1 − q)²)) with q = e^−α, = 4 + 2 − q = 6 − e^−α.
        let esp = [0, 4, 1];
        for alpha in [5.0, 20.0, 37.0, 40.0, 100.0, 700.0, 709.0, 710.0, 1000.0, f64::INFINITY] {
            let g = gwesp(&esp, alpha);
            assert!((g - (6.0 - (-alpha).exp())).abs() < 1e-12, "α = {alpha}: {g}");
        }
        // A lone triangle stays 3 whatever the decay.
        for alpha in [40.0, 709.5, 800.0] {
            assert!((gwesp(&[0, 3], alpha) - 3.0).abs() < 1e-12, "{alpha}");
        }
        // α = 0: every edge with a shared partner counts 1.
        assert_eq!(gwesp(&esp, 0.0), 5.0);
    }

    #[test]
    fn shared_partners_of_k4_minus_an_edge() {
        // K4 without 2–3: edges 0–1 (partners 2, 3 → 2), 0–2, 0–3, 1–2, 1–3 (one partner each).
        let esp = edgewise_shared_partners(4, &[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]);
        assert_eq!(esp, [0, 4, 1]);
        // GWESP(α = ln 2): e^α = 2, 1 − e^−α = ½: 2·(4·(1 − ½) + 1·(1 − ¼)) = 5.5.
        assert!((gwesp(&esp, std::f64::consts::LN_2) - 5.5).abs() < 1e-12);
        assert_eq!(edgewise_shared_partners(2, &[(0, 1)]), [1]);
    }
}
