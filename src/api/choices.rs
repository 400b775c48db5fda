//! Lists of names from a front end (`--layers any,defense`, `--metrics density,degree`) parsed
//! into the analysis stage's types, with the CLI's messages.

use crate::analysis::{GraphMetric, Level, NodeMetric};
use crate::model::obligation::UnknownLayer;
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
