//! Directed obligations per dyad-year: what each state owes each of its partners in a year.
//!
//! The one place the year-based tables read directed obligations from (today the state-year
//! columns of [`crate::export::statelevel`]). They come from the member rows: over the multigraph
//! edges counted in the year (so under the system filter and the timeline's [`super::YearRule`]),
//! state a owes b the union of a's own flags in their common alliances
//! ([`super::MultiEdge::obligations_of`]). ATOP's own directed dyad-year file (`--atop-dyads`)
//! replaces the member-file rule in the edges themselves ([`super::dyad_override`]), so these ties
//! follow it too.

use super::{AllianceGraph, Timeline};
use crate::model::{DenseIndex, ObligationSet};

/// One directed dyad of a year: `from`'s obligations toward `to` (possibly none, when the two
/// share an alliance in which `from` pledges nothing to `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectedTie {
    /// The state that holds the obligations.
    pub from: DenseIndex,
    /// The state they are owed to.
    pub to: DenseIndex,
    /// `from`'s obligations toward `to`, over all their alliances counted in the year.
    pub obligations: ObligationSet,
}

/// Every directed tie of `year` (both directions of each allied pair), sorted by (from, to).
/// Empty for a year outside the timeline. O(m log m) for the year's m counted edges.
pub fn directed_ties(graph: &AllianceGraph, timeline: &Timeline, year: i32) -> Vec<DirectedTie> {
    let edges = graph.edges();
    let mut ties: Vec<DirectedTie> = Vec::with_capacity(2 * timeline.edges(year).len());
    for &i in timeline.edges(year) {
        let e = &edges[i as usize];
        for (from, to) in [(e.a, e.b), (e.b, e.a)] {
            ties.push(DirectedTie { from, to, obligations: e.obligations_of(from) });
        }
    }
    ties.sort_unstable_by_key(|t| (t.from, t.to));
    ties.dedup_by(|later, kept| {
        let same = (later.from, later.to) == (kept.from, kept.to);
        if same {
            kept.obligations = kept.obligations.union(later.obligations);
        }
        same
    });
    ties
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Obligation;
    use crate::{LoadOptions, SystemFilter};

    #[test]
    fn ties_join_both_directions_of_every_alliance_in_the_year() {
        // 1950: alliance 1 UKG (defense) – FRN (nothing, a guaranteed state); alliance 2 UKG
        // (consultation) – FRN (consultation); alliance 3 UKG – RUS from 1951 only.
        let members =
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul
1,200,1950,1,1,1960,1,1,1,1,0,0,0,0
1,220,1950,1,1,1960,1,1,1,0,0,0,0,0
2,200,1950,6,1,1960,1,1,1,0,0,0,0,1
2,220,1950,6,1,1960,1,1,1,0,0,0,0,1
3,200,1951,1,1,1960,1,1,1,0,0,1,0,0
3,365,1951,1,1,1960,1,1,1,0,0,1,0,0
";
        let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
FRN,220,France,1816,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
";
        let (data, mut diag) = crate::testdata::load_texts(members, states, &LoadOptions::default()).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let consul = ObligationSet::EMPTY.with(Obligation::Consultation);
        // Dense indices: UKG 0, FRN 1, RUS 2.
        assert_eq!(
            directed_ties(&g, &t, 1950),
            [
                DirectedTie { from: 0, to: 1, obligations: consul.with(Obligation::Defense) },
                DirectedTie { from: 1, to: 0, obligations: consul },
            ]
        );
        let neutral = ObligationSet::EMPTY.with(Obligation::Neutrality);
        let ties = directed_ties(&g, &t, 1951);
        assert_eq!(ties.len(), 4);
        assert_eq!(ties[1], DirectedTie { from: 0, to: 2, obligations: neutral });
        assert_eq!(ties[3], DirectedTie { from: 2, to: 0, obligations: neutral });
        assert!(directed_ties(&g, &t, 1700).is_empty());
    }
}
