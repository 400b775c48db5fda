//! Every question of a coding sheet with its answer as written (`pactnet codesheet --questions`).
//!
//! The same line rules as [`super::codesheet`] (a question starts with `N.` or `N,` — `4,`,
//! `45,` — and text holding `:`, `(` or `?`; numbers increase), with numbers up to 99 (a full
//! ATOP sheet has 61 questions), and what a reader of the answers needs kept: URLs and pasted
//! text inside an answer stay in it; only `Page N of M` lines, the title lines repeated on later
//! pages, and section headings (`Section II: …`, `PART 3`, `III. OBLIGATIONS`, repeated or
//! misnumbered alike) are left out. An answer after `?` on the question's line (`Are the
//! obligations asymmetric? Yes`) is split off like one after `:`.

use super::codesheet::{is_section_header, question_start_upto, split_answer};
use super::source::Source;
use crate::error::LoadError;
use std::io::Read;

/// One question of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The number as written.
    pub number: u16,
    /// Line of the question (1-based).
    pub line: u64,
    /// The question's text.
    pub question: String,
    /// The answer's lines, trimmed, joined with `\n` ("" when blank).
    pub answer: String,
}

impl Question {
    /// `Some(true)` when the answer starts with the word Yes, `Some(false)` with No (any case).
    pub fn yes_no(&self) -> Option<bool> {
        let first: String = self.answer.chars().take_while(|c| c.is_alphabetic()).collect();
        match first.to_ascii_lowercase().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }
}

/// `Page 2`, `Page 2 of 5`.
fn is_page_line(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    let mut words = lower.split_whitespace();
    words.next() == Some("page") && words.all(|w| w == "of" || w.chars().all(|c| c.is_ascii_digit()))
}

/// Section headings: `Section II: …` (as the record reader), `Part 3 …`, and `III. TEXT` with a
/// Roman numeral.
fn is_heading(t: &str) -> bool {
    if is_section_header(t) {
        return true;
    }
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    if first.eq_ignore_ascii_case("part") {
        return words.next().is_some_and(|w| {
            w.trim_end_matches([':', '.']).chars().all(|c| c.is_ascii_digit() || "IVXivx".contains(c))
        });
    }
    let numeral = first.trim_end_matches(['.', ':']);
    first.len() > numeral.len()
        && !numeral.is_empty()
        && numeral.chars().all(|c| "IVX".contains(c))
        && t.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

/// Splits `Question? answer` after the last `?` when `:` did not split it.
fn split_question(rest: &str) -> (&str, &str) {
    let (q, a) = split_answer(rest);
    if !a.is_empty() || !q.contains('?') {
        return (q, a);
    }
    match q.rfind('?') {
        Some(i) if !q[i + 1..].trim().is_empty() => (q[..=i].trim(), q[i + 1..].trim()),
        _ => (q, a),
    }
}

/// Reads the questions of a sheet (UTF-8 text; invalid bytes are replaced).
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read.
pub fn read_questions(source: &Source) -> Result<Vec<Question>, LoadError> {
    let mut bytes = Vec::new();
    source.open()?.read_to_end(&mut bytes).map_err(|error| LoadError::Io {
        path: source.path().map_or_else(|| source.display_name().to_string().into(), |p| p.to_path_buf()),
        error,
    })?;
    Ok(questions(&String::from_utf8_lossy(&bytes)))
}

/// The questions of a sheet's text, in file order.
pub fn questions(text: &str) -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    let mut title: Vec<String> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}' || c == '\u{feff}');
        if t.is_empty() || is_page_line(t) {
            continue;
        }
        let last = out.last().map_or(0, |q| q.number);
        if let Some((number, rest)) = question_start_upto(t, 99).filter(|(n, _)| *n > last) {
            let (question, answer) = split_question(rest);
            out.push(Question { number, line, question: question.to_string(), answer: answer.to_string() });
            continue;
        }
        match out.last_mut() {
            None => title.push(t.to_string()),
            Some(_) if title.iter().any(|h| h == t) || is_heading(t) => {}
            Some(q) => {
                if !q.answer.is_empty() {
                    q.answer.push('\n');
                }
                q.answer.push_str(t);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quirk_of_real_sheets() {
        let text = "ATOP Coding Sheet\nAlliance 7001\n\
            1. ATOP ID: 7001\n\
            Section I: Formation\n\
            2. Name of the agreement:\n\n\
            4, Members of alliance (use COW country codes):\n2 United States\n2. Canada\n\
            Page 2 of 9\nATOP Coding Sheet\n\
            Section I: Formation\n\
            III. OBLIGATIONS\n\
            15. Are the obligations asymmetric? Yes, for the guarantor\n\
            45, Does the agreement name a specific threat?\nNo\n\
            Section 7: Context\n\
            46. Notes (other text):\nsee https://example.org/t?x=1 and the pasted article 3:\n\"The parties shall consult.\"\n";
        let qs = questions(text);
        let got: Vec<(u16, u64, &str, &str, Option<bool>)> =
            qs.iter().map(|q| (q.number, q.line, q.question.as_str(), q.answer.as_str(), q.yes_no())).collect();
        assert_eq!(
            got,
            [
                (1, 3, "ATOP ID", "7001", None),
                (2, 5, "Name of the agreement", "", None),
                (4, 7, "Members of alliance (use COW country codes)", "2 United States\n2. Canada", None),
                (15, 14, "Are the obligations asymmetric?", "Yes, for the guarantor", Some(true)),
                (45, 15, "Does the agreement name a specific threat?", "No", Some(false)),
                (
                    46,
                    18,
                    "Notes (other text)",
                    "see https://example.org/t?x=1 and the pasted article 3:\n\"The parties shall consult.\"",
                    None
                ),
            ]
        );
    }

    #[test]
    fn yes_no_needs_the_whole_word() {
        let q = |a: &str| Question { number: 1, line: 1, question: "Q?".into(), answer: a.into() };
        assert_eq!(
            ["Yes", "no.", "YES (art. 2)", "None", "Not stated", "Nov. 1950", "", "unknown"].map(|a| q(a).yes_no()),
            [Some(true), Some(false), Some(true), None, None, None, None, None]
        );
    }
}
