//! `pactnet similarity`: alliance-portfolio similarity of dyads, year by year.

use crate::args::{find_state, usage, InputArgs, OutputArgs, Session, WindowArgs, YearArgs};
use clap::{Args, ValueEnum};
use pactnet::api::choices::parse_state_set;
use pactnet::measures::similarity::{similarity, Coding, Measure, SimilarityRequest};
use pactnet::Layer;

/// Alliance-portfolio similarity of dyads, year by year.
///
/// Alliance-portfolio similarity (Signorino & Ritter's S, Kendall's tau-b, Cohen's kappa, Scott's
/// pi) of every unordered pair of system members per year, or of the dyads given: rows
/// `year,a,b,<measure>` with a < b (COW codes).
///
/// Example: `pactnet similarity --years 1946..1991 --measure kappa --dyads USA,RUS UKG,FRN`;
/// regional S over the European states: `pactnet similarity --years 1914 --among europe`
#[derive(Debug, Args)]
pub struct SimilarityArgs {
    #[command(flatten)]
    years: YearArgs,
    #[command(flatten)]
    window: WindowArgs,
    /// The layer whose ties make the portfolios.
    #[arg(long, alias = "layers", default_value = "any")]
    layer: Layer,
    /// The measure: s (absolute distances), s2 (squared), taub, kappa or pi.
    #[arg(long, default_value = "s")]
    measure: Measure,
    /// Tie scores: valued (3 defense/offense, 2 neutrality/consultation, 1 nonaggression), binary,
    /// or cow (COW's ordinal scores: 3 defense, 2 neutrality/nonaggression, 1 entente).
    #[arg(long, value_enum, default_value_t = CodingArg::Valued)]
    coding: CodingArg,
    /// Weights of the portfolio positions for s and s2: a CSV file with columns ccode,weight
    /// (e.g. capability shares); states missing from it weigh 0.
    #[arg(long, value_name = "FILE")]
    weights: Option<std::path::PathBuf>,
    /// Only these dyads, each `A,B` (COW codes, abbreviations or names).
    #[arg(long, value_name = "A,B", num_args = 1..)]
    dyads: Vec<String>,
    /// Portfolio positions only over these states (Signorino & Ritter's regional S): COW codes,
    /// abbreviations, names or regions (americas, europe, africa, middle-east, asia, oceania),
    /// comma-separated. A dyad's two states always hold their own positions at the highest
    /// score, inside the set or not; the dyads are not limited (use --dyads).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    among: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CodingArg {
    Valued,
    Binary,
    Cow,
}

pub fn run(args: &SimilarityArgs, input: &InputArgs) -> anyhow::Result<()> {
    let s = args.window.open(input)?;
    let dyads = if args.dyads.is_empty() {
        None
    } else {
        let mut out = Vec::new();
        for d in &args.dyads {
            let (a, b) = d.split_once(',').ok_or_else(|| usage(format!("--dyads {d}: expected two states as A,B")))?;
            out.push((find_state(&s, a)?, find_state(&s, b)?));
        }
        Some(out)
    };
    let coding = match args.coding {
        CodingArg::Valued => Coding::Valued,
        CodingArg::Binary => Coding::Binary,
        CodingArg::Cow => Coding::Cow,
    };
    let weights = match &args.weights {
        None => None,
        Some(path) => {
            if !matches!(args.measure, Measure::S | Measure::S2) {
                return Err(usage(format!("--weights applies to --measure s or s2, not {}", args.measure)));
            }
            Some(read_weights(path, &s)?)
        }
    };
    let among = if args.among.is_empty() {
        None
    } else {
        Some(parse_state_set(&s.graph.data.states, &args.among).map_err(|e| usage(format!("--among: {e}")))?)
    };
    let request = SimilarityRequest {
        years: args.years.range(),
        layer: args.layer,
        coding,
        measure: args.measure,
        dyads,
        weights,
        among,
    };
    let table = similarity(&s.graph, &s.timeline, &request)?;
    let unweighted = table.unweighted_years();
    if let (Some(first), false) = (unweighted.first(), input.quiet) {
        eprintln!(
            "pactnet: warning: similarity: in {} {} (first: {first}) no state{} with a --weights weight is a node: those values are empty",
            unweighted.len(),
            if unweighted.len() == 1 { "year" } else { "years" },
            if args.among.is_empty() { "" } else { " of --among" }
        );
    }
    args.output.write(&table, input)
}

/// Reads `ccode,weight` rows into a weight per state (dense index); absent states weigh 0.
/// Largest sum of `--weights` weights: far below `f64::MAX / 9`, so that s's weighted sums stay
/// finite.
const MAX_TOTAL_WEIGHT: f64 = 1e300;

fn read_weights(path: &std::path::Path, s: &Session) -> anyhow::Result<Vec<f64>> {
    use pactnet::error::{Location, ValidateError};
    use pactnet::io::records::{read_table, Columns};
    const COLUMNS: Columns = Columns { required: &["ccode", "weight"], optional: &[] };
    let table = read_table(&pactnet::io::Source::File(path.to_path_buf()), COLUMNS)?;
    if let Some(problem) = table.problems.first() {
        anyhow::bail!("{problem}");
    }
    let states = &s.graph.data.states;
    let mut weights = vec![0.0; states.len()];
    // The line of each state's weight, so that a second one is an error naming both.
    let mut lines: Vec<Option<u64>> = vec![None; states.len()];
    let mut total = 0.0;
    for row in &table.rows {
        let at = Location::new(&table.file, row.line);
        let bad = |field: &'static str, value: &str, expected: &str| ValidateError::BadField {
            at: at.clone(),
            field,
            value: value.to_string(),
            expected: expected.to_string(),
        };
        let (code, weight) = (row.cells[0].as_str(), row.cells[1].as_str());
        let v = code
            .parse::<u16>()
            .ok()
            .and_then(|c| states.index_of(pactnet::StateId(c)))
            .ok_or_else(|| bad("ccode", code, "not a COW code of a state in the data"))?;
        let w = weight
            .parse::<f64>()
            .ok()
            .filter(|w| w.is_finite() && *w >= 0.0)
            .ok_or_else(|| bad("weight", weight, "not a weight (a number, 0 or more)"))?;
        if let Some(first) = lines[v as usize] {
            let expected = format!("one weight per state (line {first} already gives state {code} one)");
            return Err(bad("ccode", code, &expected).into());
        }
        lines[v as usize] = Some(row.line);
        weights[v as usize] = w;
        total += w;
        // s sums weights times squared distances (at most 9): past this the sums overflow to
        // infinity and s would be NaN.
        if total > MAX_TOTAL_WEIGHT {
            let expected = format!("weights summing to at most {MAX_TOTAL_WEIGHT:e} (the sum reaches {total:e} here)");
            return Err(bad("weight", weight, &expected).into());
        }
    }
    Ok(weights)
}
