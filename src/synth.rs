//! Seeded synthetic alliance data in the ATOP member and COW state formats, for scale tests.
//!
//! The model, drawn from one [`SplitMix64`] stream so that a seed always gives the same files:
//! - **States**: `states` codes 2, 3, …; six regions of consecutive codes. A quarter are in the
//!   system from the first year; the others enter at a uniform year (waves of new states). One in
//!   eight leaves the system for 2–10 years and re-enters (a second COW spell); one in ten leaves
//!   for good before the last year.
//! - **Alliances**: `alliances` treaties, their signing years uniform over the years. 70 % are
//!   bilateral; the others have 3 + a geometric number of members (mean 5, at most 40), drawn
//!   mostly (80 %) from the founder's region, among the states in the system at signing.
//! - **Obligations**: each alliance draws its types (defense 50 %, offense 10 %, neutrality 8 %,
//!   nonaggression 55 %, consultation 40 %; at least one); one bilateral alliance in ten is
//!   asymmetric (the second member has no defense or offense pledge).
//! - **Phases and dates**: a duration of 1 + an exponential number of years (mean 15); alliances
//!   that run past the last year stay in force (`yrexit` 0). One in four multilateral alliances
//!   has a second phase (later members join at the phase date; the founders' rows split there).
//!   Days and months are uniform (day ≤ 28); 2 % of exits have an empty day.

use crate::model::Obligation;
use crate::rng::SplitMix64;
use std::fmt::Write as _;
use std::ops::RangeInclusive;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthOptions {
    /// Number of states (at most 9,998: COW codes run to 9,999).
    pub states: u16,
    /// Number of alliances.
    pub alliances: u32,
    /// Years of the data.
    pub years: RangeInclusive<i32>,
    /// The seed.
    pub seed: u64,
}

/// The generated files' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthData {
    /// ATOP member-level CSV (`atopid,member,yrent,…,consul`).
    pub members: String,
    /// COW state-system CSV (`stateabb,ccode,statenme,…,version`).
    pub states: String,
    /// Member rows written.
    pub member_rows: usize,
}

/// A state's system spells as (first year, last year) pairs.
struct SynthState {
    code: u16,
    spells: Vec<(i32, i32)>,
}

impl SynthState {
    fn in_system(&self, year: i32) -> bool {
        self.spells.iter().any(|&(a, b)| a <= year && year <= b)
    }
}

/// Options that would give data pactnet rejects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    /// The years are reversed or outside the years pactnet reads.
    #[error("years {first}..{last}: expected A..B with {} <= A <= B <= {}", crate::validate::YEARS.start(), crate::validate::YEARS.end())]
    Years {
        /// First year asked for.
        first: i32,
        /// Last year asked for.
        last: i32,
    },
    /// No alliances (a member file without rows, which pactnet refuses to load), or more
    /// alliances than atopids (1000 + k must stay within the accepted ids).
    #[error(
        "{count} alliances: expected 1 to {MAX_ALLIANCES} (a member file needs a row; atopids run from 1000 to 999999)"
    )]
    Alliances {
        /// Alliances asked for.
        count: u32,
    },
}

/// Most alliances [`generate`] writes: atopids 1000.. must stay within
/// [`crate::validate::ALLIANCE_IDS`].
pub const MAX_ALLIANCES: u32 = 999_000;

/// Generates the two files.
///
/// # Errors
/// [`SynthError`] for years outside [`crate::validate::YEARS`] or reversed, and for no or more than
/// [`MAX_ALLIANCES`] alliances.
pub fn generate(options: &SynthOptions) -> Result<SynthData, SynthError> {
    let (first, last) = (*options.years.start(), *options.years.end());
    let years = crate::validate::YEARS;
    if first > last || !years.contains(&i64::from(first)) || !years.contains(&i64::from(last)) {
        return Err(SynthError::Years { first, last });
    }
    if options.alliances == 0 || options.alliances > MAX_ALLIANCES {
        return Err(SynthError::Alliances { count: options.alliances });
    }
    Ok(generate_valid(options))
}

/// [`generate`] for options already checked.
fn generate_valid(options: &SynthOptions) -> SynthData {
    let mut rng = SplitMix64::new(options.seed);
    let (first, last) = (*options.years.start(), *options.years.end());
    let span = (last - first).max(0) as u64 + 1;
    let n = options.states.clamp(2, 9998);
    let states: Vec<SynthState> = (0..n)
        .map(|i| {
            let start = if rng.chance(0.25) { first } else { first + rng.below(span) as i32 };
            let mut spells = Vec::new();
            if rng.chance(0.125) && start + 12 < last {
                let leave = start + 1 + rng.below((last - start - 11) as u64) as i32;
                let back = leave + 2 + rng.below(9) as i32;
                spells.push((start, leave));
                spells.push((back.min(last), last));
            } else if rng.chance(0.1) && start + 2 < last {
                spells.push((start, start + 1 + rng.below((last - start - 1) as u64) as i32));
            } else {
                spells.push((start, last));
            }
            SynthState { code: 2 + i, spells }
        })
        .collect();
    let region_of = |i: usize| i * 6 / n as usize;
    let mut states_csv = String::from("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n");
    for s in &states {
        for &(a, b) in &s.spells {
            let _ = writeln!(states_csv, "S{0},{0},State {0},{a},1,1,{b},12,31,2016", s.code);
        }
    }
    let mut members = String::from(
        "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
    );
    let mut rows = 0;
    let date = |rng: &mut SplitMix64| (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    for k in 0..options.alliances {
        let atopid = 1000 + k;
        let year = first + rng.below(span) as i32;
        let in_system: Vec<usize> = (0..states.len()).filter(|&i| states[i].in_system(year)).collect();
        if in_system.len() < 2 {
            continue;
        }
        let founder = in_system[rng.below(in_system.len() as u64) as usize];
        let size = if rng.chance(0.7) { 2 } else { (3 + geometric(&mut rng, 0.2)).min(40) };
        let mut chosen = vec![founder];
        let mut tries = 0;
        while chosen.len() < size.min(in_system.len()) && tries < 50 * size {
            tries += 1;
            let pick = in_system[rng.below(in_system.len() as u64) as usize];
            let same_region = region_of(pick) == region_of(founder);
            if !chosen.contains(&pick) && (same_region || rng.chance(0.2)) {
                chosen.push(pick);
            }
        }
        let mut types = [0u8; 5];
        for (t, p) in types.iter_mut().zip([0.5, 0.1, 0.08, 0.55, 0.4]) {
            *t = u8::from(rng.chance(p));
        }
        if types.iter().all(|&t| t == 0) {
            types[Obligation::Nonaggression as usize] = 1;
        }
        let asymmetric = chosen.len() == 2 && rng.chance(0.1);
        let (mo, da) = date(&mut rng);
        let duration = 1 + (-(1.0 - rng.unit()).ln() * 15.0) as i32;
        let end_year = year + duration;
        let (emo, eda) = date(&mut rng);
        let exit = if end_year > last { (0, 0, 0) } else { (end_year, emo, if rng.chance(0.02) { 0 } else { eda }) };
        let phased = chosen.len() > 2 && rng.chance(0.25) && year + 2 < end_year.min(last);
        let phase_year = if phased { year + 1 + rng.below((end_year.min(last) - year - 1) as u64) as i32 } else { 0 };
        for (m, &i) in chosen.iter().enumerate() {
            let mut t = types;
            if asymmetric && m == 1 {
                t[Obligation::Defense as usize] = 0;
                t[Obligation::Offense as usize] = 0;
                if t.iter().all(|&x| x == 0) {
                    t[Obligation::Consultation as usize] = 1;
                }
            }
            let flags = format!("{},{},{},{},{}", t[0], t[1], t[2], t[3], t[4]);
            let code = states[i].code;
            let exit_text = |e: (i32, u32, u32)| match e {
                (0, _, _) => "0,,".to_string(),
                (y, mo, 0) => format!("{y},{mo},"),
                (y, mo, d) => format!("{y},{mo},{d}"),
            };
            if phased {
                // Founders (first half) sign in phase 1 and continue in phase 2; the rest join at
                // the phase date.
                let joins_later = m >= chosen.len().div_ceil(2);
                if !joins_later {
                    let _ = writeln!(members, "{atopid},{code},{year},{mo},{da},{phase_year},1,1,1,{flags}");
                    rows += 1;
                }
                let _ = writeln!(members, "{atopid},{code},{phase_year},1,1,{},2,{flags}", exit_text(exit));
            } else {
                let _ = writeln!(members, "{atopid},{code},{year},{mo},{da},{},0,{flags}", exit_text(exit));
            }
            rows += 1;
        }
    }
    SynthData { members, states: states_csv, member_rows: rows }
}

/// Number of failures before the first success, success probability `p`.
fn geometric(rng: &mut SplitMix64, p: f64) -> usize {
    let mut k = 0;
    while !rng.chance(p) && k < 1000 {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Source;
    use crate::{AllianceGraph, Dataset, Inputs, LoadOptions, SystemFilter, Timeline};

    #[test]
    fn synthetic_data_is_seeded_valid_and_structured() {
        let options = SynthOptions { states: 150, alliances: 400, years: 1816..=2016, seed: 7 };
        let data = generate(&options).unwrap();
        assert_eq!(data, generate(&options).unwrap(), "same seed, same files");
        assert_ne!(data.members, generate(&SynthOptions { seed: 8, ..options.clone() }).unwrap().members);
        let inputs = Inputs {
            members: Source::Bytes { name: "members.csv", data: data.members.as_bytes().into() },
            states: Source::Bytes { name: "states.csv", data: data.states.as_bytes().into() },
            alliances: None,
        };
        let (dataset, mut diag) = Dataset::load(&inputs, &LoadOptions::default()).expect("valid");
        assert!(diag.errors.is_empty());
        assert_eq!(dataset.members.len(), data.member_rows);
        let alliances: std::collections::BTreeSet<_> = dataset.members.iter().map(|m| m.alliance).collect();
        assert!(alliances.len() > 380, "{}", alliances.len());
        assert!(dataset.members.iter().any(|m| m.phase == 2), "phases");
        assert!(dataset.system.iter().any(|s| s.len() == 2), "states leaving and re-entering");
        let g = AllianceGraph::build(dataset, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        assert_eq!(t.years(), 1816..=2016);
        assert!(g.edges().iter().any(|e| e.a_obligations != e.b_obligations), "asymmetric alliances");
        assert!(g.edges().len() > 1000);
    }

    #[test]
    fn issue12_options_giving_data_pactnet_rejects_are_errors() {
        let base = SynthOptions { states: 10, alliances: 5, years: 1816..=2016, seed: 1 };
        for (first, last) in [(-5, 5), (1816, i32::MAX), (i32::MAX - 1, i32::MAX), (2000, 1990), (999, 1100)] {
            let e = generate(&SynthOptions { years: first..=last, ..base.clone() }).unwrap_err();
            assert_eq!(e, SynthError::Years { first, last });
            assert_eq!(e.to_string(), format!("years {first}..{last}: expected A..B with 1000 <= A <= B <= 2100"));
        }
        assert!(generate(&SynthOptions { years: 1000..=2100, ..base.clone() }).is_ok());
        assert!(generate(&SynthOptions { years: 2100..=2100, ..base.clone() }).is_ok());
        let e = generate(&SynthOptions { alliances: 999_001, ..base.clone() }).unwrap_err();
        assert_eq!(
            e.to_string(),
            "999001 alliances: expected 1 to 999000 (a member file needs a row; atopids run from 1000 to 999999)"
        );
        // Issue 25: no alliance is no member row, which pactnet refuses to load.
        let e = generate(&SynthOptions { alliances: 0, ..base }).unwrap_err();
        assert_eq!(e, SynthError::Alliances { count: 0 });
    }
}
