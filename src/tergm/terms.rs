//! A model's terms: ergm's and btergm's terms read from a formula's [`TermCall`]s, checked, and
//! named as ergm and btergm print them.
//!
//! The statistics themselves (their change when a dyad is toggled) are in [`super::change`].

use super::formula::{self, FormulaError, TermCall, Value};
use super::Attributes;
use std::fmt;

/// The built-in state attributes, present unless a covariate of the same name replaces them.
pub const BUILT_IN_ATTRIBUTES: [&str; 2] = ["year", "region"];

/// btergm's `memory` types: the value of the lagged network as a dyad covariate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryKind {
    /// 1 where the dyad was tied `lag` years before, else 0.
    Autoregression,
    /// 1 where it was tied, −1 where it was not (btergm's default).
    Stability,
    /// 1 where it was not tied, else 0.
    Innovation,
    /// −1 where it was tied, else 0.
    Loss,
}

impl MemoryKind {
    fn parse(s: &str) -> Option<MemoryKind> {
        Some(match s {
            "autoregression" => MemoryKind::Autoregression,
            "stability" => MemoryKind::Stability,
            "innovation" => MemoryKind::Innovation,
            "loss" => MemoryKind::Loss,
            _ => return None,
        })
    }

    /// The covariate's value for a lagged tie (`true`) or non-tie.
    pub fn value(self, was_tied: bool) -> f64 {
        match (self, was_tied) {
            (MemoryKind::Autoregression, t) => f64::from(u8::from(t)),
            (MemoryKind::Stability, true) => 1.0,
            (MemoryKind::Stability, false) => -1.0,
            (MemoryKind::Innovation, t) => f64::from(u8::from(!t)),
            (MemoryKind::Loss, true) => -1.0,
            (MemoryKind::Loss, false) => 0.0,
        }
    }
}

/// A term of the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// `edges`: 1 for every dyad.
    Edges,
    /// `triangle`: the dyad's shared partners.
    Triangle,
    /// `kstar(k)`: the k-stars a tie adds.
    KStar(u32),
    /// `gwesp(decay, fixed=TRUE)`: geometrically weighted edgewise shared partners.
    Gwesp(f64),
    /// `gwdsp(decay, fixed=TRUE)`: geometrically weighted dyadwise shared partners.
    Gwdsp(f64),
    /// `gwdegree(decay, fixed=TRUE)`: geometrically weighted degree.
    Gwdegree(f64),
    /// `nodecov(x)`: x_i + x_j.
    NodeCov(String),
    /// `absdiff(x, pow=1)`: |x_i − x_j|^pow.
    AbsDiff(String, f64),
    /// `nodematch(x, diff=FALSE)`: 1 when x_i = x_j (with `diff`, one statistic per value).
    NodeMatch(String, bool),
    /// `nodefactor(x)`: per value v but the first, [x_i = v] + [x_j = v].
    NodeFactor(String),
    /// `edgecov(x)`: the dyad covariate x.
    EdgeCov(String),
    /// `memory(type, lag)`: btergm's lagged network as a dyad covariate.
    Memory(MemoryKind, u32),
    /// `timecov(x, minimum, maximum)`: btergm's time trend t (t = 1 in the first year of the
    /// model's years) between `minimum` and `maximum`, times the dyad covariate x if given.
    TimeCov {
        /// The dyad covariate, if any.
        x: Option<String>,
        /// First time step with a non-zero value.
        minimum: i64,
        /// Last time step with a non-zero value (`None`: the last year).
        maximum: Option<i64>,
        /// Which `timecov` of the formula this is (1, 2, …), for its name.
        number: usize,
    },
    /// `lagsp(lag)`: the dyad's shared partners `lag` years before.
    LagSp(u32),
}

/// A term and the formula text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelTerm {
    /// The term.
    pub term: Term,
    /// Where it was written.
    pub call: TermCall,
}

/// A term that cannot be used as written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TermError {
    /// The formula does not parse.
    #[error(transparent)]
    Formula(#[from] FormulaError),
    /// A term's name or arguments are wrong.
    #[error("--model: `{term}` (character {}): {message}", at + 1)]
    Term {
        /// The term as written.
        term: String,
        /// Where it starts (0-based character).
        at: usize,
        /// What is wrong and what was expected.
        message: String,
    },
}

/// Terms pactnet knows, for messages.
pub const KNOWN_TERMS: &str = "edges, triangle, kstar(k), gwesp(decay, fixed=TRUE), gwdsp(decay, fixed=TRUE), \
gwdegree(decay, fixed=TRUE), nodecov(x), absdiff(x), nodematch(x), nodefactor(x), edgecov(x), \
memory(type, lag), timecov(x, minimum, maximum), lagsp(lag)";

/// Reads `formula` into the model's terms.
///
/// # Errors
/// [`TermError`] for a formula that does not parse, an unknown term, or arguments that are
/// missing, unknown or of the wrong kind.
pub fn parse_model(formula: &str) -> Result<Vec<ModelTerm>, TermError> {
    let calls = formula::parse(formula)?;
    let mut timecovs = 0;
    let mut terms = Vec::with_capacity(calls.len());
    for call in calls {
        let term = read_term(&call, &mut timecovs)?;
        if let Some(other) = terms.iter().find(|t: &&ModelTerm| t.term == term) {
            return Err(error(&call, format!("the same term as `{}`: each term once", other.call.text)));
        }
        terms.push(ModelTerm { term, call });
    }
    Ok(terms)
}

fn error(call: &TermCall, message: impl Into<String>) -> TermError {
    TermError::Term { term: shorten(&call.text), at: call.at, message: message.into() }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 80 {
        s.chars().take(77).chain("...".chars()).collect()
    } else {
        s.to_string()
    }
}

/// A term's arguments, read by position or name as R matches them.
struct Arguments<'a> {
    call: &'a TermCall,
    /// `(names, kind)` of each formal argument in order.
    formals: &'a [&'a [&'a str]],
    values: Vec<Option<&'a Value>>,
}

impl<'a> Arguments<'a> {
    fn new(call: &'a TermCall, formals: &'a [&'a [&'a str]]) -> Result<Self, TermError> {
        let mut values: Vec<Option<&Value>> = vec![None; formals.len()];
        let mut next = 0;
        for a in &call.arguments {
            let slot = match &a.name {
                Some(n) => formals.iter().position(|names| names.contains(&n.as_str())).ok_or_else(|| {
                    error(call, format!("no argument `{n}`; {} takes {}", call.name, list_formals(formals)))
                })?,
                None => {
                    while next < formals.len() && values[next].is_some() {
                        next += 1;
                    }
                    if next == formals.len() {
                        return Err(error(
                            call,
                            format!("too many arguments; {} takes {}", call.name, list_formals(formals)),
                        ));
                    }
                    next
                }
            };
            if values[slot].is_some() {
                return Err(error(call, format!("argument `{}` given twice", formals[slot][0])));
            }
            values[slot] = Some(&a.value);
        }
        Ok(Arguments { call, formals, values })
    }

    fn number(&self, slot: usize) -> Result<Option<f64>, TermError> {
        match self.values[slot] {
            None => Ok(None),
            Some(Value::Number(v)) => Ok(Some(*v)),
            Some(other) => Err(error(self.call, format!("`{}` must be a number, not {other}", self.formals[slot][0]))),
        }
    }

    fn whole(&self, slot: usize, min: i64) -> Result<Option<i64>, TermError> {
        match self.number(slot)? {
            None => Ok(None),
            Some(v) if v.fract() == 0.0 && v >= min as f64 && v <= 1e6 => Ok(Some(v as i64)),
            Some(v) => {
                Err(error(self.call, format!("`{}` must be a whole number ≥ {min}, not {v}", self.formals[slot][0])))
            }
        }
    }

    fn logical(&self, slot: usize) -> Result<Option<bool>, TermError> {
        match self.values[slot] {
            None => Ok(None),
            Some(Value::Logical(b)) => Ok(Some(*b)),
            Some(other) => {
                Err(error(self.call, format!("`{}` must be TRUE or FALSE, not {other}", self.formals[slot][0])))
            }
        }
    }

    fn text(&self, slot: usize) -> Result<Option<String>, TermError> {
        match self.values[slot] {
            None => Ok(None),
            Some(Value::Text(t)) if !t.trim().is_empty() => Ok(Some(t.clone())),
            Some(other) => Err(error(self.call, format!("`{}` must be a name, not {other}", self.formals[slot][0]))),
        }
    }

    fn required_text(&self, slot: usize) -> Result<String, TermError> {
        self.text(slot)?
            .ok_or_else(|| error(self.call, format!("needs the attribute's name, e.g. `{}(cinc)`", self.call.name)))
    }
}

fn list_formals(formals: &[&[&str]]) -> String {
    if formals.is_empty() {
        return "no arguments".into();
    }
    formals.iter().map(|n| format!("`{}`", n[0])).collect::<Vec<_>>().join(", ")
}

fn decay_term(call: &TermCall) -> Result<f64, TermError> {
    let args = Arguments::new(call, &[&["decay", "alpha"], &["fixed"], &["cutoff"]])?;
    let decay = args
        .number(0)?
        .ok_or_else(|| error(call, format!("needs the decay, e.g. `{}(0.5, fixed=TRUE)`", call.name)))?;
    if !(0.0..=1e6).contains(&decay) {
        return Err(error(call, format!("the decay must be ≥ 0, not {decay}")));
    }
    match args.logical(1)? {
        Some(true) => {}
        Some(false) => {
            return Err(error(
                call,
                "fixed=FALSE makes the decay a parameter (a curved term) that only MCMC estimation can fit; \
                 give the decay and fixed=TRUE",
            ))
        }
        // ergm's default is fixed=FALSE, which ignores the decay: say which one is meant.
        None => {
            return Err(error(
                call,
                format!(
                    "ergm reads this as fixed=FALSE (a curved term, the decay ignored); for the decay {}, write `{}({}, fixed=TRUE)`",
                    r_number(decay),
                    call.name,
                    r_number(decay)
                ),
            ))
        }
    }
    // `cutoff` only bounds the curved form's statistics; accepted and without effect.
    args.whole(2, 1)?;
    Ok(decay)
}

fn read_term(call: &TermCall, timecovs: &mut usize) -> Result<Term, TermError> {
    let none: &[&[&str]] = &[];
    Ok(match call.name.as_str() {
        "edges" => {
            Arguments::new(call, none)?;
            Term::Edges
        }
        "triangle" | "triangles" => {
            Arguments::new(call, none)?;
            Term::Triangle
        }
        "kstar" => {
            let args = Arguments::new(call, &[&["k"]])?;
            let k = args.whole(0, 1)?.ok_or_else(|| error(call, "needs k, e.g. `kstar(2)`"))?;
            Term::KStar(k as u32)
        }
        "gwesp" => Term::Gwesp(decay_term(call)?),
        "gwdsp" => Term::Gwdsp(decay_term(call)?),
        "gwdegree" => Term::Gwdegree(decay_term(call)?),
        "nodecov" => Term::NodeCov(Arguments::new(call, &[&["attr", "attrname"]])?.required_text(0)?),
        "absdiff" => {
            let args = Arguments::new(call, &[&["attr", "attrname"], &["pow"]])?;
            let pow = args.number(1)?.unwrap_or(1.0);
            if !(pow > 0.0 && pow <= 100.0) {
                return Err(error(call, format!("`pow` must be above 0, not {pow}")));
            }
            Term::AbsDiff(args.required_text(0)?, pow)
        }
        "nodematch" => {
            let args = Arguments::new(call, &[&["attr", "attrname"], &["diff"]])?;
            Term::NodeMatch(args.required_text(0)?, args.logical(1)?.unwrap_or(false))
        }
        "nodefactor" => Term::NodeFactor(Arguments::new(call, &[&["attr", "attrname"]])?.required_text(0)?),
        "edgecov" => Term::EdgeCov(Arguments::new(call, &[&["x"], &["attrname"]])?.required_text(0)?),
        "memory" => {
            let args = Arguments::new(call, &[&["type"], &["lag"]])?;
            let kind = match args.text(0)? {
                None => MemoryKind::Stability,
                Some(t) => MemoryKind::parse(&t).ok_or_else(|| {
                    error(call, format!("unknown type {t:?}: expected stability, autoregression, innovation or loss"))
                })?,
            };
            Term::Memory(kind, args.whole(1, 1)?.unwrap_or(1) as u32)
        }
        "timecov" => {
            let args =
                Arguments::new(call, &[&["x"], &["minimum", "min"], &["maximum", "max"], &["transform", "trans"]])?;
            if args.values[3].is_some() {
                return Err(error(
                    call,
                    "`transform` takes an R function, which pactnet cannot run; the trend is t itself \
                     (btergm's default); for another shape give a dyad covariate with its values",
                ));
            }
            *timecovs += 1;
            let minimum = args.whole(1, 1)?.unwrap_or(1);
            let maximum = args.whole(2, 1)?;
            if maximum.is_some_and(|m| m < minimum) {
                return Err(error(call, "`maximum` is below `minimum`"));
            }
            Term::TimeCov { x: args.text(0)?, minimum, maximum, number: *timecovs }
        }
        "lagsp" => Term::LagSp(Arguments::new(call, &[&["lag"]])?.whole(0, 1)?.unwrap_or(1) as u32),
        other => return Err(error(call, format!("unknown term `{other}`; pactnet knows {KNOWN_TERMS}"))),
    })
}

/// `x` as R prints a number (`0.5`, `0`, `2`, `1e-04` aside: shortest round-trip form).
pub fn r_number(x: f64) -> String {
    let s = format!("{x}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

impl Term {
    /// How many years back the term looks (0 for a term of the year alone).
    pub fn lag(&self) -> u32 {
        match self {
            Term::Memory(_, lag) | Term::LagSp(lag) => *lag,
            _ => 0,
        }
    }

    /// The state attribute the term reads, if any.
    pub fn node_attribute(&self) -> Option<&str> {
        match self {
            Term::NodeCov(a) | Term::AbsDiff(a, _) | Term::NodeMatch(a, _) | Term::NodeFactor(a) => Some(a),
            _ => None,
        }
    }

    /// The dyad attribute the term reads, if any.
    pub fn dyad_attribute(&self) -> Option<&str> {
        match self {
            Term::EdgeCov(x) => Some(x),
            Term::TimeCov { x: Some(x), .. } => Some(x),
            _ => None,
        }
    }

    /// The term's name as ergm (or btergm, for its temporal terms) prints its coefficient; terms
    /// with one statistic per level add the level ([`super::change::Column`]).
    pub fn name(&self) -> String {
        match self {
            Term::Edges => "edges".into(),
            Term::Triangle => "triangle".into(),
            Term::KStar(k) => format!("kstar{k}"),
            Term::Gwesp(d) => format!("gwesp.fixed.{}", r_number(*d)),
            Term::Gwdsp(d) => format!("gwdsp.fixed.{}", r_number(*d)),
            Term::Gwdegree(d) => format!("gwdeg.fixed.{}", r_number(*d)),
            Term::NodeCov(a) => format!("nodecov.{a}"),
            Term::AbsDiff(a, pow) if *pow == 1.0 => format!("absdiff.{a}"),
            Term::AbsDiff(a, pow) => format!("absdiff{}.{a}", r_number(*pow)),
            Term::NodeMatch(a, _) => format!("nodematch.{a}"),
            Term::NodeFactor(a) => format!("nodefactor.{a}"),
            Term::EdgeCov(x) => format!("edgecov.{x}"),
            Term::Memory(..) => "edgecov.memory[[i]]".into(),
            Term::TimeCov { x: None, number, .. } => format!("edgecov.timecov{number}[[i]]"),
            Term::TimeCov { x: Some(x), number, .. } => format!("edgecov.timecov{number}.{x}[[i]]"),
            Term::LagSp(lag) => format!("lagsp.{lag}"),
        }
    }
}

impl ModelTerm {
    /// Checks that the attributes the term reads exist.
    ///
    /// # Errors
    /// [`TermError::Term`] naming the attribute and those there are.
    pub fn check_attributes(&self, attributes: &dyn Attributes) -> Result<(), TermError> {
        if let Some(a) = self.term.node_attribute() {
            let names = attributes.node_names();
            if !names.iter().any(|n| n == a) && !BUILT_IN_ATTRIBUTES.contains(&a) {
                let mut known: Vec<String> = names;
                known.extend(BUILT_IN_ATTRIBUTES.iter().map(|s| s.to_string()));
                return Err(error(
                    &self.call,
                    format!(
                        "no state attribute `{a}` (there are: {}; add one with --state-covariates)",
                        known.join(", ")
                    ),
                ));
            }
            if matches!(self.term, Term::NodeCov(_) | Term::AbsDiff(..))
                && a == "region"
                && !names.iter().any(|n| n == a)
            {
                return Err(error(&self.call, "`region` is a category: use nodematch(region) or nodefactor(region)"));
            }
        }
        if let Some(x) = self.term.dyad_attribute() {
            let names = attributes.dyad_names();
            if !names.iter().any(|n| n == x) {
                let there = if names.is_empty() { "none".to_string() } else { names.join(", ") };
                return Err(error(
                    &self.call,
                    format!("no dyad attribute `{x}` (there are: {there}; add one with --dyad-covariates NAME=FILE)"),
                ));
            }
        }
        Ok(())
    }
}

impl fmt::Display for ModelTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.term.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(f: &str) -> Vec<Term> {
        parse_model(f).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn reads_every_term_and_names_it_as_ergm_and_btergm_print_it() {
        let t = terms(
            "edges + triangle + kstar(2) + gwesp(0.5, fixed=TRUE) + gwdsp(decay=0, fixed=T) + gwdegree(1, fixed=TRUE) \
             + nodecov(\"cinc\") + absdiff(polity) + absdiff(cinc, pow=2) + nodematch(region) + nodefactor(region) \
             + edgecov(contig) + memory(type=\"autoregression\") + timecov() + timecov(war, maximum=10) + lagsp(lag=2)",
        );
        let names: Vec<String> = t.iter().map(Term::name).collect();
        assert_eq!(
            names,
            [
                "edges",
                "triangle",
                "kstar2",
                "gwesp.fixed.0.5",
                "gwdsp.fixed.0",
                "gwdeg.fixed.1",
                "nodecov.cinc",
                "absdiff.polity",
                "absdiff2.cinc",
                "nodematch.region",
                "nodefactor.region",
                "edgecov.contig",
                "edgecov.memory[[i]]",
                "edgecov.timecov1[[i]]",
                "edgecov.timecov2.war[[i]]",
                "lagsp.2"
            ]
        );
        assert_eq!(t[12], Term::Memory(MemoryKind::Autoregression, 1));
        assert_eq!(t[14], Term::TimeCov { x: Some("war".into()), minimum: 1, maximum: Some(10), number: 2 });
        assert_eq!(terms("memory")[0], Term::Memory(MemoryKind::Stability, 1));
        assert_eq!(t.iter().map(Term::lag).max(), Some(2));
    }

    #[test]
    fn memory_values_are_btergms() {
        use MemoryKind::*;
        let v = |k: MemoryKind| (k.value(true), k.value(false));
        assert_eq!(v(Autoregression), (1.0, 0.0));
        assert_eq!(v(Stability), (1.0, -1.0));
        assert_eq!(v(Innovation), (0.0, 1.0));
        assert_eq!(v(Loss), (-1.0, 0.0));
    }

    #[test]
    fn bad_terms_are_located_errors_that_say_what_was_expected() {
        let message = |f: &str| parse_model(f).unwrap_err().to_string();
        let m = message("edges + gwesp(0.5, fixed=FALSE)");
        assert!(m.contains("`gwesp(0.5, fixed=FALSE)` (character 9)") && m.contains("MCMC"), "{m}");
        assert!(message("edges + foo").contains("unknown term `foo`; pactnet knows edges"));
        assert!(message("kstar(1.5)").contains("whole number"));
        assert!(message("kstar").contains("needs k"));
        assert!(message("nodecov()").contains("needs the attribute's name"));
        assert!(message("nodecov(cinc, 2)").contains("too many arguments"));
        assert!(message("memory(type=\"stable\")").contains("expected stability, autoregression"));
        assert!(message("memory(kind=1)").contains("no argument `kind`"));
        assert!(message("gwesp(-1, fixed=TRUE)").contains("≥ 0"));
        assert!(message("gwesp(0.25)").contains("ergm reads this as fixed=FALSE"), "{}", message("gwesp(0.25)"));
        assert!(message("gwesp(0.25)").contains("write `gwesp(0.25, fixed=TRUE)`"));
        assert!(message("timecov(transform=sqrt)").contains("R function"));
        assert!(message("edges + edges").contains("each term once"));
        assert!(message("edges +").contains("character 8"));
    }

    #[test]
    fn attributes_must_exist() {
        let t =
            parse_model("nodecov(cinc) + nodecov(year) + nodematch(region) + edgecov(war) + nodecov(region)").unwrap();
        let a = super::super::NoAttributes;
        assert!(t[0]
            .check_attributes(&a)
            .unwrap_err()
            .to_string()
            .contains("no state attribute `cinc` (there are: year, region"));
        assert!(t[1].check_attributes(&a).is_ok() && t[2].check_attributes(&a).is_ok());
        assert!(t[3]
            .check_attributes(&a)
            .unwrap_err()
            .to_string()
            .contains("no dyad attribute `war` (there are: none"));
        assert!(t[4].check_attributes(&a).unwrap_err().to_string().contains("category"));
    }

    #[test]
    fn numbers_print_as_r_prints_them() {
        assert_eq!(r_number(0.0), "0");
        assert_eq!(r_number(0.5), "0.5");
        assert_eq!(r_number(2.0), "2");
        assert_eq!(r_number(0.25), "0.25");
    }
}
