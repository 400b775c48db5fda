//! ATOP coding sheets interpreted as alliances (for `--codesheets DIR` and `pactnet codesheet`):
//! the questions read by [`super::codesheet_questions`] → a [`CodesheetRecord`] with its member
//! rows, or every problem as a located error (file, line, question, value, expected).
//!
//! Answers used: question 1 (the ATOP id), 3 (signature date), 4 (members), 14 (termination
//! date), 16 (type of alliance), and any question about asymmetric obligations. Answer lines
//! holding a URL (`http://…`, `www.…`) are left out of the values. The accepted ranges (ids,
//! years, state codes) are those of the member file, [`crate::validate`]'s.

use super::codesheet::RawSheet;
use super::codesheet_questions::Question;
use crate::error::{Location, ValidateError};
use crate::model::date::{entry_date, exit_date};
use crate::model::limits::{ALLIANCE_IDS, STATE_CODES, YEARS};
use crate::model::{AllianceId, DateSpan, MemberSpell, Obligation, ObligationSet, StateId};
use chrono::NaiveDate;
use std::sync::Arc;

/// A date as written: year, month, day (0 = missing day).
type Written = (i64, u32, u32);

/// One member of an alliance read from a coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesheetMember {
    /// Line of the member in the sheet.
    pub line: u64,
    /// The member state.
    pub state: StateId,
    /// The name as written after the code (may be empty).
    pub name: String,
    /// The member's own obligations.
    pub obligations: ObligationSet,
}

/// An alliance read from an ATOP coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesheetRecord {
    /// The sheet's display name.
    pub file: Arc<str>,
    /// The alliance (question 1).
    pub id: AllianceId,
    /// Signature date, the members' first day (question 3; the earliest date given).
    pub signed: NaiveDate,
    /// First day after termination (question 14), `None` while still in effect.
    pub terminated: Option<NaiveDate>,
    /// Obligation types of question 16.
    pub obligations: ObligationSet,
    /// Whether the sheet says obligations are asymmetric (then members' lines may name their own).
    pub asymmetric: bool,
    /// Members (question 4) in sheet order.
    pub members: Vec<CodesheetMember>,
}

impl CodesheetRecord {
    /// The member rows the CSV would give: one per member, `[signed, terminated)`, or in force
    /// until the end of `data_end`; `None` if termination falls on or before signature there.
    pub fn spells(&self, data_end: i32) -> Vec<MemberSpell> {
        let end = self.terminated.unwrap_or_else(|| DateSpan::year(data_end).map_or(NaiveDate::MAX, DateSpan::end));
        let Some(span) = DateSpan::new(self.signed, end) else { return Vec::new() };
        self.members
            .iter()
            .map(|m| MemberSpell {
                line: m.line,
                alliance: self.id,
                state: m.state,
                phase: 0,
                span,
                obligations: m.obligations,
                // A sheet's termination may be a month or a year: not an exact exit day.
                exact_exit: false,
            })
            .collect()
    }
}

const Q_ID: &str = "question 1 (ATOP ID)";
const Q_SIGNED: &str = "question 3 (signature date)";
const Q_MEMBERS: &str = "question 4 (members)";
const Q_TERMINATED: &str = "question 14 (termination date)";
const Q_TYPES: &str = "question 16 (type of alliance)";
const EXPECT_DATE: &str = "not a date (expected e.g. \"April 4, 1949\", \"4 April 1949\" or 1949-04-04)";
const EXPECT_TYPES: &str =
    "no alliance type (expected one or more of defense pact, neutrality pact, nonaggression pact, consultation pact, offense pact)";

/// Obligation types named anywhere in `text` (defense/defence, offense/offence, neutrality,
/// nonaggression/non-aggression, consultation).
fn types_in(text: &str) -> ObligationSet {
    let t = text.to_lowercase().replace(['-', ' '], "");
    [
        ("defen", Obligation::Defense),
        ("offen", Obligation::Offense),
        ("neutral", Obligation::Neutrality),
        ("nonagg", Obligation::Nonaggression),
        ("consult", Obligation::Consultation),
    ]
    .into_iter()
    .filter(|(w, _)| t.contains(w))
    .fold(ObligationSet::EMPTY, |s, (_, o)| s.with(o))
}

/// Every date written in `text`, as (year, month, day) with 0 for a missing day: `April 4,
/// 1949`, `Apr. 4 1949`, `4 April 1949`, `April 1949`, `1949-04-04`. A date with a day that
/// cannot be one (`35 June 1992`, `0 June 1992`, `June 35, 1992`, `the 3rd of June 1992`) is an
/// `Err` holding what was written, never read as the month alone.
fn dates_in(text: &str) -> Vec<Result<Written, String>> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .flat_map(|t| {
            if t.matches('-').count() == 2 {
                vec![t.to_string()]
            } else {
                t.split('-').map(str::to_string).collect()
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    let year = |t: &str| t.parse::<i64>().ok().filter(|y| t.len() == 4 && YEARS.contains(y));
    let day = |t: &str| t.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && t.len() <= 2);
    let month = |t: &str| {
        let l = t.to_lowercase();
        MONTHS
            .iter()
            .position(|m| {
                l.len() >= 3
                    && l.starts_with(m)
                    && (l.len() == 3
                        || "january february march april may june july august september october november december sept"
                            .split(' ')
                            .any(|f| f == l))
            })
            .map(|i| i as u32 + 1)
    };
    // A token that stands for a day but is none: digits that are not 1..=31 (`35`, `0`), or an
    // ordinal (`3rd`), which the sheets' forms do not use.
    let not_a_day = |t: &str| {
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && day(t).is_none() && year(t).is_none()
    };
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..] {
            if let (Some(y), Ok(m), Ok(d)) = (year(y), m.parse::<u32>(), d.parse::<u32>()) {
                out.push(Ok((y, m, d)));
            }
            continue;
        }
        let Some(m) = month(t) else { continue };
        let next = tokens.get(i + 1).map(String::as_str);
        let after = tokens.get(i + 2).map(String::as_str);
        let before = i.checked_sub(1).and_then(|j| tokens.get(j)).map(String::as_str);
        // `3rd of June`: the day two tokens before, across "of".
        let before_of = (before.is_some_and(|b| b.eq_ignore_ascii_case("of")))
            .then(|| i.checked_sub(2).and_then(|j| tokens.get(j)).map(String::as_str))
            .flatten();
        let written = |from: usize, to: usize| tokens[from..=to.min(tokens.len() - 1)].join(" ");
        match (next.and_then(day), after.and_then(year), next.and_then(year)) {
            (Some(d), Some(y), _) => out.push(Ok((y, m, d))),
            (_, _, Some(_)) if before.is_some_and(not_a_day) => out.push(Err(written(i - 1, i + 1))),
            (_, _, Some(_)) if before_of.is_some_and(not_a_day) => out.push(Err(written(i - 2, i + 1))),
            (_, _, Some(y)) => out.push(Ok((y, m, before.and_then(day).unwrap_or(0)))),
            (None, Some(_), _) if next.is_some_and(not_a_day) => out.push(Err(written(i, i + 2))),
            _ => {}
        }
    }
    out
}

/// The dates written in `text`, each made a day by `rule` ([`entry_date`] or [`exit_date`]); an
/// impossible one (`35 June 1992`, `1992-02-30`) is an error saying what was expected.
fn checked_dates(
    text: &str,
    rule: fn(i32, u32, u32) -> Result<NaiveDate, crate::model::date::DateProblem>,
) -> Result<Vec<NaiveDate>, String> {
    dates_in(text)
        .into_iter()
        .map(|written| {
            let impossible =
                |w: &str| format!("a possible date: {w:?} is none (expected e.g. \"3 June 1992\" or 1992-06-03)");
            match written {
                Ok((y, m, d)) => rule(y as i32, m, d).map_err(|_| impossible(&format!("{y}-{m:02}-{d:02}"))),
                Err(w) => Err(impossible(&w)),
            }
        })
        .collect()
}

/// Interprets a coding sheet as an alliance record. Required: question
/// 1 (the ATOP id), 3 (a signature date; the earliest if several), 4 (members: one per line, a
/// COW code then the name; a line without a code continues the name above), 14 (a date, or text
/// such as "Still in effect" for an alliance in force), 16 (one or more types anywhere in the
/// answer). Question 16's types apply to every member unless the sheet says the obligations are
/// asymmetric (the word in question 16's answer, or "yes" to a question that mentions it): then
/// a member line that names types (`220 France: defense pact`) gets those.
///
/// # Errors
/// Every problem found (in the order checked; [`crate::validate::codesheet`] sorts them by
/// line): [`ValidateError::BadField`] with the file, line, question, value and what was
/// expected, [`ValidateError::ExitBeforeEntry`].
pub fn record(sheet: &RawSheet) -> Result<CodesheetRecord, Vec<ValidateError>> {
    let file = &sheet.file;
    let mut errors: Vec<ValidateError> = Vec::new();
    let mut bad = |line: u64, field: &'static str, value: &str, expected: &str| {
        errors.push(ValidateError::BadField {
            at: Location::new(file, line),
            field,
            value: value.to_string(),
            expected: expected.to_string(),
        });
    };
    // The answer of a question joined into one text, with the line of its first answer line.
    let answer = |n: u16| {
        sheet.question(n).map(|q| {
            let lines = value_lines(q);
            let text: Vec<&str> = lines.iter().map(|(_, a)| *a).collect();
            (lines.first().map_or(q.line, |(l, _)| *l), text.join(" "))
        })
    };
    let missing = |n: u16, example: &str| format!("missing: the sheet has no question {n} (expected e.g. {example:?})");
    let id = match answer(1) {
        None => {
            bad(0, Q_ID, "", &missing(1, "1. ATOP ID: 3180"));
            None
        }
        Some((line, text)) => {
            let first = text.split_whitespace().next().unwrap_or("");
            match first.parse::<i64>().ok().filter(|v| ALLIANCE_IDS.contains(v)) {
                Some(v) => Some(AllianceId(v as u32)),
                None => {
                    bad(line, Q_ID, &text, "not an alliance id (1..=999999)");
                    None
                }
            }
        }
    };
    let signed = match answer(3) {
        None => {
            bad(0, Q_SIGNED, "", &missing(3, "3. Signature date(s): April 4, 1949"));
            None
        }
        Some((line, text)) => match checked_dates(&text, entry_date) {
            Err(expected) => {
                bad(line, Q_SIGNED, &text, &expected);
                None
            }
            Ok(dates) => match dates.into_iter().min() {
                Some(d) => Some(d),
                None => {
                    bad(line, Q_SIGNED, &text, EXPECT_DATE);
                    None
                }
            },
        },
    };
    let terminated = match answer(14) {
        None => {
            bad(0, Q_TERMINATED, "", &missing(14, "14. Termination date(s): Still in effect"));
            None
        }
        Some((line, text)) => {
            // Any space (a no-break U+00A0, U+2003, U+3000) as a blank: "Still in\u{a0}effect".
            let lower: String = text.to_lowercase().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
            let date = checked_dates(&text, exit_date).map(|dates| dates.into_iter().max());
            match date {
                Err(expected) => {
                    bad(line, Q_TERMINATED, &text, &expected);
                    None
                }
                Ok(Some(d)) => Some(Some(d)),
                Ok(None)
                    if ["in effect", "in force", "still valid", "not terminated"].iter().any(|w| lower.contains(w)) =>
                {
                    Some(None)
                }
                Ok(None) => {
                    bad(
                        line,
                        Q_TERMINATED,
                        &text,
                        "not a date or \"Still in effect\" (expected e.g. \"April 4, 1949\" or \"Still in effect\")",
                    );
                    None
                }
            }
        }
    };
    let (types, asymmetric) = match answer(16) {
        None => {
            bad(0, Q_TYPES, "", &missing(16, "16. Type of alliance (...): defense pact"));
            (None, false)
        }
        Some((line, text)) => {
            let said = sheet
                .questions
                .iter()
                .any(|q| q.question.to_lowercase().contains("asymmetric") && q.yes_no() == Some(true));
            let asym = said || text.to_lowercase().contains("asymmetric");
            match types_in(&text) {
                t if t.is_empty() => {
                    bad(line, Q_TYPES, &text, EXPECT_TYPES);
                    (None, asym)
                }
                t => (Some(t), asym),
            }
        }
    };
    let mut members: Vec<CodesheetMember> = Vec::new();
    match sheet.question(4) {
        None => bad(0, Q_MEMBERS, "", &missing(4, "4. Members of alliance (use COW country codes): 2 United States")),
        Some(q) => {
            for (line, a) in value_lines(q) {
                let digits = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                if digits == 0 {
                    match members.last_mut() {
                        Some(m) => {
                            m.name = format!("{} {a}", m.name).trim().to_string();
                        }
                        None => bad(
                            line,
                            Q_MEMBERS,
                            a,
                            "not a member line (expected a COW code and a name, e.g. \"2 United States\")",
                        ),
                    }
                    continue;
                }
                let code = a[..digits].parse::<i64>().ok().filter(|c| STATE_CODES.contains(c));
                let Some(code) = code else {
                    bad(line, Q_MEMBERS, a, "not a COW state code (1..=9999) at the start of the line");
                    continue;
                };
                let rest = a[digits..].trim_start_matches(['.', ',', ':', '-', ' ', '\t']);
                // `head` is a prefix of `rest` (the name before any `:`, dash or ` - `); the
                // types follow it. Slicing by `head`, not by the trimmed name, stays on a char
                // boundary whatever spaces surround the name.
                let head = rest.split([':', '—', '–']).next().unwrap_or("").split(" - ").next().unwrap_or("");
                let name = head.trim();
                let own = if asymmetric { types_in(&rest[head.len()..]) } else { ObligationSet::EMPTY };
                members.push(CodesheetMember {
                    line,
                    state: StateId(code as u16),
                    name: name.to_string(),
                    obligations: own,
                });
            }
            if members.is_empty() && value_lines(q).is_empty() {
                bad(q.line, Q_MEMBERS, "", "no members (expected one line per member, e.g. \"2 United States\")");
            }
        }
    }
    let (Some(id), Some(signed), Some(terminated), Some(types)) = (id, signed, terminated, types) else {
        return Err(errors);
    };
    if let Some(end) = terminated.filter(|end| *end <= signed) {
        let line = sheet.question(14).map_or(0, |q| q.line);
        errors.push(ValidateError::ExitBeforeEntry {
            at: Location::new(file, line),
            field: Q_TERMINATED,
            value: end.to_string(),
            start: signed,
            end,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for m in &mut members {
        if m.obligations.is_empty() {
            m.obligations = types;
        }
    }
    Ok(CodesheetRecord { file: file.clone(), id, signed, terminated, obligations: types, asymmetric, members })
}

/// The answer lines of `q` that are values: all but URL lines.
fn value_lines(q: &Question) -> Vec<(u64, &str)> {
    let url = |a: &str| {
        let lower = a.to_lowercase();
        lower.contains("http://") || lower.contains("https://") || lower.starts_with("www.")
    };
    q.answer_lines.iter().filter(|(_, a)| !url(a)).map(|(l, a)| (*l, a.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::codesheet::parse_codesheet;

    #[test]
    fn a_sheet_in_the_real_layout_gives_its_alliance() {
        // Wrapped questions 3, 4, 5 and 16, `(Yes, No)` after question 15's `?`, an empty answer
        // followed by blank lines, a URL holding a date inside question 3's answer (not a value).
        let text = "1. ATOP ID: 3180\n3. Signature date(s) (month day,\nyear):\nhttps://example.org/1949-01-01\nApril 4, 1949\n\
            4, Members of alliance (use COW country codes and\nnames):\n2\u{a0}United States\n\u{2003}20 Canada\u{3000}\n\
            5. Was any member at war at the time of\nsignature? (Yes, No) If Yes, describe\n\n\n\
            14. Termination date(s) (if any):\nStill in effect\n15. Are the obligations asymmetric? (Yes, No) Yes\n\
            16. Type of alliance (defense pact, neutrality pact,\nconsultation pact): defense pact\n";
        let record = record(&parse_codesheet("s.txt".into(), text)).unwrap();
        let members: Vec<(u64, u16, &str)> =
            record.members.iter().map(|m| (m.line, m.state.0, m.name.as_str())).collect();
        assert_eq!(members, [(8, 2, "United States"), (9, 20, "Canada")]);
        assert_eq!(
            (record.id, record.signed, record.terminated, record.obligations, record.asymmetric),
            (
                AllianceId(3180),
                NaiveDate::from_ymd_opt(1949, 4, 4).unwrap(),
                None,
                ObligationSet::EMPTY.with(Obligation::Defense),
                true
            )
        );
    }

    #[test]
    fn errors_name_the_line_of_the_answer_of_a_wrapped_question() {
        let text = "1. ATOP ID: 12x\n3. Signature date(s) (month day,\nyear):\nsometime in spring\n\
            4. Members (COW codes):\n12345 Nowhere\n14. Termination date(s):\nStill in effect\n16. Type of alliance (...): defense pact\n";
        let errors: Vec<String> =
            record(&parse_codesheet("s.txt".into(), text)).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "s.txt:1: field question 1 (ATOP ID) = \"12x\": not an alliance id (1..=999999)",
                "s.txt:4: field question 3 (signature date) = \"sometime in spring\": not a date (expected e.g. \"April 4, 1949\", \"4 April 1949\" or 1949-04-04)",
                "s.txt:6: field question 4 (members) = \"12345 Nowhere\": not a COW state code (1..=9999) at the start of the line",
            ]
        );
    }
}
