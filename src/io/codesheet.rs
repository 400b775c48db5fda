//! ATOP coding sheets: the questionnaire text a coder fills in for one alliance, read into
//! numbered questions and the lines of their answers (values are interpreted by
//! `validate::codesheet`).
//!
//! Sheets come from PDF extraction, so the reader tolerates: answers on the question's line
//! (after the first `:` outside parentheses) or spilling over any number of following lines;
//! blank lines, stray URLs and `Page N` lines anywhere (skipped); the title lines at the top
//! repeated on later pages and `Section …` headers (skipped); a `,` instead of a `.` after a
//! question number (`4, Members of alliance …`). A line starts a question when it reads
//! `N. Text` or `N, Text` with N in 1..=60 and larger than the previous question's number, and
//! the text starts with a letter and holds a `:`, `(` or `?` (so member lines such as
//! `20 Canada` or `2. United States` never start one).

use super::source::Source;
use crate::error::LoadError;
use std::io::Read;
use std::sync::Arc;

/// One numbered question and its answer lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawQuestion {
    /// The question's number.
    pub number: u16,
    /// Line of the question (1-based).
    pub line: u64,
    /// The question's text, without its number and without an answer on the same line.
    pub text: String,
    /// Non-empty answer lines with their line numbers, trimmed.
    pub answer: Vec<(u64, String)>,
}

/// A whole coding sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSheet {
    /// Display name of the file.
    pub file: Arc<str>,
    /// The questions in file order.
    pub questions: Vec<RawQuestion>,
}

impl RawSheet {
    /// The question with this number, if the sheet has it.
    pub fn question(&self, number: u16) -> Option<&RawQuestion> {
        self.questions.iter().find(|q| q.number == number)
    }
}

/// Largest coding sheet read: 4 MiB (a sheet's text is a few KB).
pub const MAX_SHEET_BYTES: u64 = 4 << 20;

/// Reads a coding sheet (UTF-8 text; invalid bytes are replaced).
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read, [`LoadError::Encoding`] for a UTF-16/32
/// file, [`LoadError::TooLarge`] past [`MAX_SHEET_BYTES`].
pub fn read_codesheet(source: &Source) -> Result<RawSheet, LoadError> {
    let file = source.display_name();
    let mut bytes = Vec::new();
    let reader = super::records::open_utf8(source, &file)?;
    reader.take(MAX_SHEET_BYTES + 1).read_to_end(&mut bytes).map_err(|e| LoadError::Io {
        path: source.path().map_or_else(|| source.display_name().to_string().into(), |p| p.to_path_buf()),
        error: e,
    })?;
    if bytes.len() as u64 > MAX_SHEET_BYTES {
        return Err(LoadError::TooLarge { at: crate::error::Location::new(&file, 0), limit: MAX_SHEET_BYTES });
    }
    Ok(parse_codesheet(file, &String::from_utf8_lossy(&bytes)))
}

/// Parses the text of a coding sheet named `file`.
pub fn parse_codesheet(file: Arc<str>, text: &str) -> RawSheet {
    let mut questions: Vec<RawQuestion> = Vec::new();
    let mut title: Vec<String> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}' || c == '\u{feff}');
        if t.is_empty() || is_noise(t) {
            continue;
        }
        let last = questions.last().map_or(0, |q| q.number);
        if let Some((number, rest)) = question_start(t).filter(|(n, _)| *n > last) {
            let (text, answer) = split_answer(rest);
            let mut q = RawQuestion { number, line, text: text.to_string(), answer: Vec::new() };
            if !answer.is_empty() {
                q.answer.push((line, answer.to_string()));
            }
            questions.push(q);
            continue;
        }
        match questions.last_mut() {
            None => title.push(t.to_string()),
            Some(_) if title.iter().any(|h| h == t) || is_section_header(t) => {}
            Some(q) => q.answer.push((line, t.to_string())),
        }
    }
    RawSheet { file, questions }
}

/// URLs and page numbers left by PDF extraction.
pub(crate) fn is_noise(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    if lower.contains("http://") || lower.contains("https://") || lower.starts_with("www.") {
        return true;
    }
    let mut words = lower.split_whitespace();
    words.next() == Some("page") && words.all(|w| w == "of" || w.chars().all(|c| c.is_ascii_digit()))
}

/// `Section II: Membership`, `SECTION 3 – …`.
pub(crate) fn is_section_header(t: &str) -> bool {
    let mut words = t.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("section"))
        && words.next().is_some_and(|w| {
            let w = w.trim_end_matches([':', '.', ',']);
            !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || "IVXLivxl".contains(c))
        })
}

/// `N. Text` or `N, Text` (see the module docs): the number and the text after it.
fn question_start(t: &str) -> Option<(u16, &str)> {
    question_start_upto(t, 60)
}

/// [`question_start`] with numbers up to `max`.
pub(crate) fn question_start_upto(t: &str, max: u16) -> Option<(u16, &str)> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let number: u16 = t[..digits].parse().ok()?;
    let rest = t[digits..].trim_start();
    let rest = rest.strip_prefix(['.', ','])?.trim_start();
    let looks_like_question = rest.chars().next().is_some_and(char::is_alphabetic)
        && rest.contains([':', '(', '?'])
        && (1..=max).contains(&number);
    looks_like_question.then_some((number, rest))
}

/// Splits `Question text (…): answer` at the first `:` outside parentheses.
pub(crate) fn split_answer(rest: &str) -> (&str, &str) {
    let mut depth = 0i32;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth <= 0 => return (rest[..i].trim(), rest[i + 1..].trim()),
            _ => {}
        }
    }
    (rest.trim(), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_answers_and_pdf_noise() {
        let text = "ATOP Coding Sheet\n\n1. ATOP ID: 3180\n3, Signature date(s) (month day, year)\nhttps://atop.example/3180\n\nApril 4,\n1949\nATOP Coding Sheet\nPage 2 of 3\nSection II: Members\n4. Members of alliance (use COW country codes):\n2 United States\n2. Canada\n";
        let s = parse_codesheet(Arc::from("s.txt"), text);
        type Shown<'a> = (u16, u64, &'a str, Vec<(u64, &'a str)>);
        let got: Vec<Shown> = s
            .questions
            .iter()
            .map(|q| (q.number, q.line, q.text.as_str(), q.answer.iter().map(|(l, a)| (*l, a.as_str())).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (1, 3, "ATOP ID", vec![(3, "3180")]),
                (3, 4, "Signature date(s) (month day, year)", vec![(7, "April 4,"), (8, "1949")]),
                (
                    4,
                    12,
                    "Members of alliance (use COW country codes)",
                    vec![(13, "2 United States"), (14, "2. Canada")]
                ),
            ]
        );
    }
}
