//! Lists of names from a front end (`--layers any,defense`, `--metrics density,degree`,
//! `--among europe,USA`) parsed into the analysis stage's types, with the CLI's messages.

use crate::analysis::{GraphMetric, Level, NodeMetric};
use crate::model::obligation::UnknownLayer;
use crate::model::{DenseIndex, Region, StateIndex};
use crate::names::UnknownName;
use crate::Layer;

/// A metric name that is no metric, or not one of the requested level's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricChoiceError {
    /// Neither a graph nor a node metric.
    #[error("{graph}; or a node metric: {node_expected}")]
    Unknown {
        /// The graph-metric parse error (it names the valid graph metrics).
        graph: UnknownName,
        /// The valid node metrics, comma-separated.
        node_expected: String,
    },
    /// A metric of the other level.
    #[error("metric {name:?} is not a {level} metric")]
    WrongLevel {
        /// The name given.
        name: String,
        /// The requested level.
        level: Level,
    },
}

/// A name in a list of states that is neither a state nor a region.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateChoiceError {
    /// Not a state of the data, nor a region name.
    #[error("unknown state or region {name:?}: not a COW code, abbreviation, name or alias of a state in the data, nor a region ({}){}", region_names(), if .suggestions.is_empty() { String::new() } else { format!(" (close matches: {})", .suggestions.join(", ")) })]
    Unknown {
        /// The name as given.
        name: String,
        /// Close matches among the states, `ABB (code) Name`.
        suggestions: Vec<String>,
    },
    /// The list is empty.
    #[error("no states given: expected COW codes, abbreviations, names or regions")]
    Empty,
}

/// The region names, lower-case and comma-separated.
fn region_names() -> String {
    Region::ALL.iter().map(|r| r.name().to_lowercase()).collect::<Vec<_>>().join(", ")
}

/// Parses a list of states: each name a COW code, abbreviation, name or alias
/// ([`StateIndex::lookup`]), or a region ([`Region::from_name`]: every state of the data whose
/// code lies in it). A state name is tried before a region name. Returns the dense indices,
/// sorted and without repeats.
///
/// # Errors
/// [`StateChoiceError::Unknown`] for a name that is neither (with close state names);
/// [`StateChoiceError::Empty`] for an empty list.
pub fn parse_state_set<S: AsRef<str>>(states: &StateIndex, names: &[S]) -> Result<Vec<DenseIndex>, StateChoiceError> {
    if names.is_empty() {
        return Err(StateChoiceError::Empty);
    }
    let mut out = Vec::new();
    for name in names {
        let name = name.as_ref();
        if let Some(v) = states.lookup(name) {
            out.push(v);
        } else if let Some(region) = Region::from_name(name) {
            out.extend((0..states.len() as DenseIndex).filter(|&v| Region::of(states.state(v).id) == region));
        } else {
            return Err(StateChoiceError::Unknown { name: name.to_string(), suggestions: states.suggestions(name) });
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Parses a list of layer names; `all` (anywhere in the list) means `all`, the layers of the
/// data's source (`crate::MemberSource::layers`; [`Layer::ALL`] for ATOP).
///
/// # Errors
/// [`UnknownLayer`] for a name that is no layer (its message lists the valid ones).
pub fn parse_layers<S: AsRef<str>>(names: &[S], all: &[Layer]) -> Result<Vec<Layer>, UnknownLayer> {
    if names.iter().any(|n| n.as_ref().eq_ignore_ascii_case("all")) {
        return Ok(all.to_vec());
    }
    names.iter().map(|n| n.as_ref().parse::<Layer>()).collect()
}

/// Splits metric names into graph and node metrics; each must belong to `level`. No names
/// means every metric of both levels.
///
/// # Errors
/// [`MetricChoiceError`] for an unknown name or one of the other level.
pub fn split_metrics<S: AsRef<str>>(
    names: &[S],
    level: Level,
) -> Result<(Vec<GraphMetric>, Vec<NodeMetric>), MetricChoiceError> {
    if names.is_empty() {
        return Ok((GraphMetric::ALL.to_vec(), NodeMetric::ALL.to_vec()));
    }
    let (mut graph, mut node) = (Vec::new(), Vec::new());
    for name in names {
        let name = name.as_ref();
        match (name.parse::<GraphMetric>(), name.parse::<NodeMetric>()) {
            (Ok(g), _) if level.graph() => graph.push(g),
            (_, Ok(n)) if level.node() => node.push(n),
            (Err(g), Err(n)) => return Err(MetricChoiceError::Unknown { graph: g, node_expected: n.expected }),
            _ => return Err(MetricChoiceError::WrongLevel { name: name.to_string(), level }),
        }
    }
    Ok((graph, node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_lists_parse_with_all_and_reject_unknown_names() {
        assert_eq!(parse_layers(&["all"], &Layer::ALL).unwrap(), Layer::ALL.to_vec());
        assert_eq!(parse_layers(&["any", "all"], &Layer::COW).unwrap(), Layer::COW.to_vec());
        assert_eq!(parse_layers(&["defense", "any"], &Layer::ALL).unwrap().len(), 2);
        assert!(parse_layers(&["defence"], &Layer::ALL).unwrap_err().to_string().contains("defense"));
    }

    #[test]
    fn state_sets_take_codes_names_and_regions() {
        use crate::model::{State, StateId};
        let state = |id, abbr: &str, name: &str| State { id: StateId(id), abbr: abbr.into(), name: name.into() };
        let states = StateIndex::new(vec![
            state(2, "USA", "United States of America"),
            state(200, "UKG", "United Kingdom"),
            state(220, "FRN", "France"),
            state(365, "RUS", "Russia"),
            state(710, "CHN", "China"),
        ]);
        // Dense indices follow code order: USA 0, UKG 1, FRN 2, RUS 3, CHN 4.
        assert_eq!(parse_state_set(&states, &["europe"]).unwrap(), vec![1, 2, 3]);
        assert_eq!(parse_state_set(&states, &["710", "usa", "France", "RUS", "Europe"]).unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(parse_state_set(&states, &["Middle East"]).unwrap(), Vec::<DenseIndex>::new());
        assert_eq!(parse_state_set::<&str>(&states, &[]), Err(StateChoiceError::Empty));
        let err = parse_state_set(&states, &["Frnce"]).unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown state or region \"Frnce\": not a COW code, abbreviation, name or alias of a state in the data, nor a region (americas, europe, africa, middle east, asia, oceania, other) (close matches: FRN (220) France)"
        );
    }

    #[test]
    fn metric_lists_split_by_level() {
        let (g, n) = split_metrics(&["density", "degree"], Level::Both).unwrap();
        assert_eq!((g, n), (vec![GraphMetric::Density], vec![NodeMetric::Degree]));
        let wrong = split_metrics(&["degree"], Level::Graph).unwrap_err();
        assert_eq!(wrong.to_string(), "metric \"degree\" is not a graph metric");
        assert!(matches!(split_metrics(&["nope"], Level::Node), Err(MetricChoiceError::Unknown { .. })));
        let (g, n) = split_metrics::<&str>(&[], Level::Graph).unwrap();
        assert_eq!((g.len(), n.len()), (GraphMetric::ALL.len(), NodeMetric::ALL.len()));
    }
}
