//! The covariates of `--state-covariates` and `--dyad-covariates` ([`Covariates`]) as the
//! attributes a model's terms read ([`Attributes`]). (A year of `--network`'s
//! [`YearlyNetworks`](crate::model::covariates::YearlyNetworks) is
//! `YearNetwork::new(year, nodes, networks.ties(year).iter().copied())`.)

use super::{Attributes, NodeValue};
use crate::model::covariates::Covariates;
use crate::model::{StateId, StateIndex};

/// State covariates are numbers (`None` when missing); a dyad covariate is 0 for a dyad-year
/// its file does not list, NaN for a listed one with an empty cell (a term reading it stops
/// with an error naming the dyad).
/// State and dyad covariates, with the state list to name states in messages.
pub struct CovariateAttributes<'a> {
    covariates: &'a Covariates,
    states: &'a StateIndex,
}

impl<'a> CovariateAttributes<'a> {
    /// The attributes of `covariates`.
    pub fn new(covariates: &'a Covariates, states: &'a StateIndex) -> Self {
        CovariateAttributes { covariates, states }
    }
}

impl Attributes for CovariateAttributes<'_> {
    fn node_names(&self) -> Vec<String> {
        self.covariates.state.names().to_vec()
    }

    fn node(&self, name: &str, state: StateId, year: i32) -> Option<NodeValue> {
        self.covariates.state.value(name, state, year).map(NodeValue::Number)
    }

    fn dyad_names(&self) -> Vec<String> {
        self.covariates.dyad.names().to_vec()
    }

    fn dyad(&self, name: &str, a: StateId, b: StateId, year: i32) -> f64 {
        self.covariates.dyad.value(name, a, b, year)
    }

    fn state_label(&self, state: StateId) -> String {
        match self.states.index_of(state).map(|i| self.states.state(i)) {
            Some(s) if !s.abbr.is_empty() => format!("{} ({})", s.abbr, s.id),
            _ => state.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::covariates::{DyadCovariates, DyadTable, StateCovariates, StateTable, YearlyNetworks};
    use crate::tergm::YearNetwork;

    #[test]
    fn covariates_are_attributes_and_network_years_are_year_networks() {
        let s = StateId;
        let st = StateTable::new("sy.csv".into(), vec!["cinc".into()], true, vec![(s(2), Some(1981), vec![Some(0.5)])]);
        let dy = DyadTable::new(
            "c.csv".into(),
            vec!["contiguity".into()],
            false,
            false,
            vec![(s(20), s(2), None, vec![Some(1.0)])],
        );
        let covariates =
            Covariates { state: StateCovariates::new(vec![st]).unwrap(), dyad: DyadCovariates::new(vec![dy]).unwrap() };
        let states = StateIndex::default();
        let c = CovariateAttributes::new(&covariates, &states);
        assert_eq!(c.state_label(s(2)), "2");
        assert_eq!(c.node_names(), ["cinc"]);
        assert_eq!(c.node("cinc", s(2), 1981), Some(NodeValue::Number(0.5)));
        assert_eq!(c.node("cinc", s(20), 1981), None);
        assert_eq!((c.dyad("contiguity", s(2), s(20), 1990), c.dyad("contiguity", s(2), s(40), 1990)), (1.0, 0.0));
        let n = YearlyNetworks::new("n.csv".into(), false, vec![(1981, s(2), s(20), None), (1981, s(2), s(40), None)]);
        let (y, left_out) = YearNetwork::new(1981, vec![s(20), s(2)], n.ties(1981).iter().copied());
        assert_eq!((y.ties, left_out), (vec![(s(2), s(20))], vec![(s(2), s(40))]));
    }
}
