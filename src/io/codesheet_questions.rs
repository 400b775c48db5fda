//! The line grammar of an ATOP coding sheet: its text read into numbered questions, each with the
//! lines of its answer (what a single line is — a question number, a heading, a questionnaire
//! fragment — is decided in [`super::codesheet_lines`]). This is the one reading of a sheet:
//! `pactnet codesheet --questions` prints it, and [`super::codesheet_record`] interprets the same
//! questions as an alliance.
//!
//! Sheets come from PDF extraction of the coders' questionnaire, so the reader tolerates:
//! - a question number written `N.` or `N,` (`4, Members of alliance …`), also alone on its line
//!   with the text on the next;
//! - a question's text running onto following lines (`5. Was any member … at the time of` /
//!   `signature? (Yes, No) If Yes, describe`), and the questionnaire's own fragments —
//!   an option list such as `(Yes, No)` and `If Yes, describe` — on the question's line or on
//!   the next ones, even after blank lines;
//! - the answer after the first `:` or `?` outside parentheses on the question's line (or after
//!   the fragments that follow the `?`), or on any number of following lines;
//! - blank lines anywhere (an empty answer followed by blank lines is an empty answer),
//!   `Page N of M` lines, the title lines at the top repeated on later pages, and section
//!   headings (`Section II: …`, `PART 3`, `III. OBLIGATIONS`) — all left out;
//! - URLs, pasted treaty text, numbered lists, dates and times inside an answer, kept in it.
//!
//! A line starts question N when it reads `N. Text` or `N, Text` with N in 1..=[`MAX_QUESTION`]
//! and larger than the previous question's number, the text starts with a letter, is not a date
//! (`1. January 1950`) or a URL, and the question — with the lines its text runs onto — reads as
//! one: the next number needs a `?`, `:`, `(` or a questionnaire fragment, or else an empty
//! answer with the number after it on the next line (`58. Coder` / `59. …`); a number that skips
//! questions needs a `?`, a fragment or a `(` before the answer (so member lines such as
//! `20. Canada: defense pact` never start one). Inside an answer that lists `1.`, `2.`, … the
//! list's next item is not the next question unless it holds a `?`, `:` or a fragment.

use super::codesheet_lines::{
    fragment_len, if_yes_len, is_heading, is_if_yes_start, is_page_line, may_start, numbered, option_list_len,
    trim_line,
};
use std::collections::HashSet;

/// Largest question number read (a full ATOP sheet has 61 questions).
pub const MAX_QUESTION: u16 = 99;

/// Lines of a question's text read past its first line (a text wrapped over more lines is not
/// taken as one question).
const MAX_WRAPPED_LINES: usize = 3;

/// One question of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The number as written.
    pub number: u16,
    /// Line of the question (1-based).
    pub line: u64,
    /// The question's text, its wrapped lines joined by one space, without the answer.
    pub question: String,
    /// The answer's lines with their line numbers (1-based), trimmed; blank lines left out.
    pub answer_lines: Vec<(u64, String)>,
}

impl Question {
    /// The answer's lines joined with `\n` ("" when blank).
    pub fn answer(&self) -> String {
        let lines: Vec<&str> = self.answer_lines.iter().map(|(_, a)| a.as_str()).collect();
        lines.join("\n")
    }

    /// `Some(true)` when the answer starts with the word Yes, `Some(false)` with No (any case).
    pub fn yes_no(&self) -> Option<bool> {
        let first = self.answer_lines.first().map_or("", |(_, a)| a.as_str());
        let word: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
        match word.to_lowercase().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (old Mac files: a CR-only sheet
/// was one line, "no question 1").
fn physical_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let tail = &rest[end..];
        rest = tail.strip_prefix("\r\n").or_else(|| tail.strip_prefix(['\n', '\r'])).unwrap_or(tail);
        Some(line)
    })
}

/// The questions of a sheet's text, in file order.
pub fn questions(text: &str) -> Vec<Question> {
    let lines: Vec<&str> = physical_lines(text).map(trim_line).collect();
    let mut out: Vec<Question> = Vec::new();
    // The lines above the first question (looked up, never iterated).
    let mut title: HashSet<&str> = HashSet::new();
    // The number a list inside the current answer would go on with (`1.`, `2.` → 3).
    let mut list_next: Option<u16> = None;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i];
        let line = i as u64 + 1;
        let skipped =
            |t: &str| t.is_empty() || is_page_line(t) || (!out.is_empty() && (is_heading(t) || title.contains(&t)));
        if skipped(t) {
            i += 1;
            continue;
        }
        let last = out.last().map_or(0, |q| q.number);
        // The number and the text after it, on this line or, for a number alone (`5.`), the next.
        let start = numbered(t).and_then(|(n, rest)| match rest {
            "" => (i + 1..lines.len())
                .find(|&j| !skipped(lines[j]))
                .filter(|&j| numbered(lines[j]).is_none())
                .map(|j| (n, lines[j], j)),
            _ => Some((n, rest, i)),
        });
        if let Some((number, rest, at)) =
            start.filter(|(n, rest, _)| *n > last && *n <= MAX_QUESTION && may_start(rest))
        {
            let (text, end) = question_text(&lines, at, rest, &skipped);
            let parts = split(&text);
            let accepted = if list_next == Some(number) && number == last + 1 {
                parts.question_mark || parts.fragment || parts.colon
            } else if number == last + 1 {
                parts.question_mark || parts.fragment || parts.colon || parts.paren || {
                    // `58. Coder` with an empty answer: the next line is question 59.
                    let next = (i + 1..lines.len()).find(|&j| !skipped(lines[j]));
                    rest.starts_with(char::is_uppercase)
                        && next.and_then(|j| numbered(lines[j])).is_some_and(|(n, r)| n == number + 1 && may_start(r))
                }
            } else {
                parts.question_mark || parts.fragment || parts.paren
            };
            if accepted {
                let mut q = Question { number, line, question: parts.question.to_string(), answer_lines: Vec::new() };
                if !parts.answer.is_empty() {
                    q.answer_lines.push((end as u64 + 1, parts.answer.to_string()));
                }
                out.push(q);
                list_next = None;
                i = end + 1;
                continue;
            }
        }
        match out.last_mut() {
            None => {
                title.insert(t);
            }
            Some(q) => {
                if let Some((n, _)) = numbered(t) {
                    list_next = (n == 1 || list_next == Some(n)).then_some(n + 1).or(list_next);
                }
                q.answer_lines.push((line, t.to_string()));
            }
        }
        i += 1;
    }
    out
}

/// The question's text from line `i` (its text after the number is `rest`) and the index of its
/// last line: the first line, the lines an unfinished text runs onto (a `(` still open, or a
/// line that goes on in lower case or closes the question with `?` or a fragment; up to
/// [`MAX_WRAPPED_LINES`], else the first line alone), then questionnaire fragment lines while
/// no answer has been given. Lines `skipped` may stand between them.
fn question_text(lines: &[&str], i: usize, rest: &str, skipped: &dyn Fn(&str) -> bool) -> (String, usize) {
    let next = |from: usize| (from + 1..lines.len()).find(|&j| !skipped(lines[j]));
    let mut text = rest.to_string();
    let mut end = i;
    let first = split(&text);
    if !first.closed || first.open_fragment {
        let (mut wrapped, mut at) = (text.clone(), i);
        for _ in 0..MAX_WRAPPED_LINES {
            let Some(j) = next(at) else { break };
            let l = lines[j];
            let goes_on = l.starts_with(|c: char| c.is_lowercase() || c == '(')
                || paren_depth(&wrapped) > 0
                || split(&wrapped).open_fragment
                || fragment_len(l).is_some()
                || l.contains('?');
            if numbered(l).is_some() || !goes_on {
                break;
            }
            wrapped = format!("{wrapped} {l}");
            at = j;
            let parts = split(&wrapped);
            if parts.closed && !parts.open_fragment {
                (text, end) = (wrapped, at);
                break;
            }
        }
    }
    while split(&text).answer.is_empty() {
        match next(end) {
            Some(j) if fragment_len(lines[j]).is_some() => {
                text = format!("{text} {}", lines[j]);
                end = j;
            }
            _ => break,
        }
    }
    (text, end)
}

/// Parentheses opened and not closed in `t`.
fn paren_depth(t: &str) -> i32 {
    t.chars().fold(0, |d, c| match c {
        '(' => d + 1,
        ')' => d - 1,
        _ => d,
    })
}

/// A question's text split from the answer on its line.
#[derive(Debug, PartialEq, Eq)]
struct Split<'a> {
    /// The question, trimmed.
    question: &'a str,
    /// The answer after it, trimmed ("" when none).
    answer: &'a str,
    /// The question ends: a `?` or `:` outside parentheses, or a fragment.
    closed: bool,
    /// A `?` outside parentheses.
    question_mark: bool,
    /// A `:` outside parentheses ends the question.
    colon: bool,
    /// A questionnaire fragment (`(Yes, No)`, `If Yes, describe`).
    fragment: bool,
    /// A `(` in the question.
    paren: bool,
    /// The question ends in the first words of `If Yes, describe` (`… (Yes, No) If Yes,`), so
    /// its text goes on on the next line.
    open_fragment: bool,
}

/// Splits `Question text? (Yes, No) If Yes, describe: answer` after the question: at the first
/// `:` outside parentheses, or after the first `?` outside parentheses and the fragments and
/// `?`s that follow it, or after a fragment (then a `:` or `.` right after is dropped).
fn split(rest: &str) -> Split<'_> {
    let mut depth = 0i32;
    let mut s = Split {
        question: rest.trim(),
        answer: "",
        closed: false,
        question_mark: false,
        colon: false,
        fragment: false,
        paren: false,
        open_fragment: false,
    };
    let mut end = None;
    for (i, c) in rest.char_indices() {
        // An option list anywhere, `If Yes, describe` written with a capital (not `… if so, list
        // them` inside a question's sentence).
        let at_word = rest[..i].chars().next_back().is_none_or(|p| !p.is_alphanumeric());
        let fragment = match c {
            '(' => option_list_len(&rest[i..]).is_some(),
            'I' => at_word && if_yes_len(&rest[i..]).is_some(),
            _ => false,
        };
        if depth <= 0 && fragment {
            end = Some(i);
            break;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth <= 0 => {
                s.colon = true;
                (s.question, s.answer) = (rest[..i].trim(), rest[i + 1..].trim());
                break;
            }
            '?' if depth <= 0 => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    if let Some(mut at) = end {
        // Take the `?`s and fragments from `at` on into the question.
        loop {
            let tail = &rest[at..];
            let gap = tail.len() - tail.trim_start().len();
            let tail = tail.trim_start();
            if tail.starts_with('?') {
                s.question_mark = true;
                at += gap + 1;
            } else if let Some(len) = fragment_len(tail) {
                s.fragment = true;
                at += gap + len;
            } else {
                break;
            }
        }
        let tail = rest[at..].trim_start();
        if is_if_yes_start(tail) {
            s.open_fragment = true;
            at = rest.len();
        }
        let tail = rest[at..].trim_start();
        let answer = tail.strip_prefix([':', '.']).unwrap_or(tail);
        s.colon = answer.len() < tail.len() && tail.starts_with(':');
        (s.question, s.answer) = (rest[..at].trim(), answer.trim());
    }
    s.closed = s.colon || s.question_mark || s.fragment;
    s.paren = s.question.contains('(');
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn issue25_cr_only_and_crlf_lines_are_lines() {
        let lines: Vec<&str> = physical_lines("a\rb\r\nc\n\rd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        let text =
            "1. ATOP ID: 9\r2. Name: X\r3. Signature date(s): June 1, 1950\r14. Termination date(s): June 1955\r";
        let got: Vec<(u16, u64)> = questions(text).iter().map(|q| (q.number, q.line)).collect();
        assert_eq!(got, [(1, 1), (2, 2), (3, 3), (14, 4)]);
    }

    use super::*;

    /// (number, line, question, answer) of every question read from `text`.
    fn read(text: &str) -> Vec<(u16, u64, String, String)> {
        questions(text).into_iter().map(|q| (q.number, q.line, q.question.clone(), q.answer())).collect()
    }

    fn row(number: u16, line: u64, question: &str, answer: &str) -> (u16, u64, String, String) {
        (number, line, question.to_string(), answer.to_string())
    }

    #[test]
    fn a_question_text_wrapped_onto_the_next_lines_is_one_question() {
        let text = "4. Members (COW codes):\n2 United States\n\
            5. Was any member of the alliance at war with a third state at the time\n\
            the alliance was signed? (Yes, No) If Yes, describe\nNo\n\
            6. Are the defense obligations conditional on the location of the\nconflict, the identity of the adversary, or the number of\nadversaries? (Yes, No) If Yes, describe\nYes, location\n\
            7. Does the agreement refer to the\nUnited Nations Charter? (Yes, No)\nYes\n\
            8. Type of alliance (defense pact, neutrality pact,\nconsultation pact): defense pact\n\
            9. Length in months (enter 0 if the length is\nnot specified):\n240\n";
        assert_eq!(
            read(text),
            [
                row(4, 1, "Members (COW codes)", "2 United States"),
                row(
                    5,
                    3,
                    "Was any member of the alliance at war with a third state at the time the alliance was signed? (Yes, No) If Yes, describe",
                    "No"
                ),
                row(
                    6,
                    6,
                    "Are the defense obligations conditional on the location of the conflict, the identity of the adversary, or the number of adversaries? (Yes, No) If Yes, describe",
                    "Yes, location"
                ),
                row(7, 10, "Does the agreement refer to the United Nations Charter? (Yes, No)", "Yes"),
                row(8, 13, "Type of alliance (defense pact, neutrality pact, consultation pact)", "defense pact"),
                row(9, 15, "Length in months (enter 0 if the length is not specified)", "240"),
            ]
        );
    }

    #[test]
    fn yes_no_and_if_yes_describe_on_the_second_line_even_after_blank_lines_or_split_in_two() {
        let text = "8. Does the agreement provide for new members?\n(Yes, No) If Yes, describe\nYes, article 10\n\
            9. Are commitments to third parties restricted?\n\n(Yes, No) If Yes, describe\n\nNo\n\
            10. Do members promise not to aid enemies? (Yes, No) If Yes,\ndescribe\nNo\n\
            11. Are there companion agreements? (Yes, No) If\nYes, describe: No\n\
            12. Is the agreement public? (Public, Secret articles, Secret)\nPublic\n\
            13. Is the duration specified? (Yes, No) If Yes, describe: Yes, 20 years\n\
            14. Are the obligations the same for all? (Yes, No) If No, describe\nYes\n";
        assert_eq!(
            read(text),
            [
                row(8, 1, "Does the agreement provide for new members? (Yes, No) If Yes, describe", "Yes, article 10"),
                row(9, 4, "Are commitments to third parties restricted? (Yes, No) If Yes, describe", "No"),
                row(10, 9, "Do members promise not to aid enemies? (Yes, No) If Yes, describe", "No"),
                row(11, 12, "Are there companion agreements? (Yes, No) If Yes, describe", "No"),
                row(12, 14, "Is the agreement public? (Public, Secret articles, Secret)", "Public"),
                row(13, 16, "Is the duration specified? (Yes, No) If Yes, describe", "Yes, 20 years"),
                row(14, 17, "Are the obligations the same for all? (Yes, No) If No, describe", "Yes"),
            ]
        );
        let q = questions(text);
        assert_eq!(q[3].answer_lines, [(13, "No".to_string())], "the answer's line is the line it is on");
    }

    #[test]
    fn empty_answers_followed_by_blank_lines_stay_empty_questions() {
        let text = "20. Are any other obligations conditional? (Yes, No) If Yes, describe\n\n\n\n\
            21. Are the forces of one member subordinated to another?\n(Yes, No)\n\n\n\
            22. Does the agreement provide for the division of gains? (Yes, No)\n   \n\t\n\
            23. Coder's confidence (High, Medium, Low)\n\n\
            24. Notes:\n\n";
        let got: Vec<(u16, String)> = questions(text).into_iter().map(|q| (q.number, q.answer())).collect();
        assert_eq!(got, [20, 21, 22, 23, 24].map(|n| (n, String::new())));
    }

    #[test]
    fn a_question_without_punctuation_counts_when_the_next_question_follows_its_empty_answer() {
        let text = "56. Is it? No\n57. Sources:\nUNTS\n58. Coder\n\n\n59. Date coded:\nDecember 7, 2026\n60. Confidence\nhigh\n\
            61. Notes\n";
        let got: Vec<(u16, String, String)> =
            questions(text).into_iter().map(|q| (q.number, q.question.clone(), q.answer())).collect();
        let want = [
            (56, "Is it?", "No"),
            (57, "Sources", "UNTS"),
            (58, "Coder", ""),
            (59, "Date coded", "December 7, 2026\n60. Confidence\nhigh\n61. Notes"),
        ]
        .map(|(n, q, a)| (n, q.to_string(), a.to_string()));
        assert_eq!(got, want, "`60. Confidence` has an answer and `61. Notes` no question after it: answer lines");
    }

    #[test]
    fn urls_in_answers_stay_there_and_never_start_a_question() {
        let text = "57. Treaty text (collection): UNTS vol. 34, http://example.org/t?x=1\n\
            58. Sources:\nhttps://avalon.law.yale.edu/20th_century/nato.asp\n\
            59. http://www.nato.int/ (official texts)\n60. www.example.org: the text\n\
            61. Notes (anything else):\nsee https://example.org/a:b\n";
        assert_eq!(
            read(text),
            [
                row(57, 1, "Treaty text (collection)", "UNTS vol. 34, http://example.org/t?x=1"),
                row(
                    58,
                    2,
                    "Sources",
                    "https://avalon.law.yale.edu/20th_century/nato.asp\n59. http://www.nato.int/ (official texts)\n60. www.example.org: the text"
                ),
                row(61, 6, "Notes (anything else)", "see https://example.org/a:b"),
            ]
        );
    }

    #[test]
    fn numbered_lists_dates_and_times_inside_answers_start_no_question() {
        let text = "2. Name(s) of the agreement(s):\n1. North Atlantic Treaty\n2. Status of Forces agreement\n\
            3. Protocol on the Accession of Greece and Turkey (1951)\n\
            3. Signature date(s) (month day, year):\nApril 4, 1949\n4.30 p.m., Washington\n\
            4. April 1949 in the French text\n5. Jan. 10 (the second signature)\n\
            4, Members (COW codes):\n20. Canada: defense pact\n5, 10 and 15 years\n\
            5. Was any member at war? (Yes, No) If Yes, describe\n\
            6. Does the agreement establish an organization? (Yes, No) If Yes, describe\nYes, article 9:\n\
            1. The Parties hereby establish a Council.\n2. The Council shall set up a defence committee.\n\
            7. Is the agreement public? (Yes, No)\nNo\n";
        assert_eq!(
            read(text),
            [
                row(
                    2,
                    1,
                    "Name(s) of the agreement(s)",
                    "1. North Atlantic Treaty\n2. Status of Forces agreement\n3. Protocol on the Accession of Greece and Turkey (1951)"
                ),
                row(
                    3,
                    5,
                    "Signature date(s) (month day, year)",
                    "April 4, 1949\n4.30 p.m., Washington\n4. April 1949 in the French text\n5. Jan. 10 (the second signature)"
                ),
                row(4, 10, "Members (COW codes)", "20. Canada: defense pact\n5, 10 and 15 years"),
                row(5, 13, "Was any member at war? (Yes, No) If Yes, describe", ""),
                row(
                    6,
                    14,
                    "Does the agreement establish an organization? (Yes, No) If Yes, describe",
                    "Yes, article 9:\n1. The Parties hereby establish a Council.\n2. The Council shall set up a defence committee."
                ),
                row(7, 18, "Is the agreement public? (Yes, No)", "No"),
            ]
        );
    }

    #[test]
    fn a_number_alone_on_its_line_takes_the_text_on_the_next() {
        let text = "4. Members (COW codes):\n2 United States\n5.\n\nWas any member at war at the time\nof signature? (Yes, No) If Yes, describe\nNo\n\
            6,\nIs the agreement public? Yes\n7.\n8. Are there companion agreements? No\n";
        assert_eq!(
            read(text),
            [
                row(4, 1, "Members (COW codes)", "2 United States"),
                row(5, 3, "Was any member at war at the time of signature? (Yes, No) If Yes, describe", "No"),
                row(6, 8, "Is the agreement public?", "Yes\n7."),
                row(8, 11, "Are there companion agreements?", "No"),
            ],
            "`7.` is followed by a numbered line: not a question"
        );
    }

    #[test]
    fn comma_numbered_questions() {
        let text = "4, Members of alliance (use COW country codes):\n2 United States\n\
            45, Are there companion agreements? No\n46 , Notes: none\n";
        assert_eq!(
            read(text),
            [
                row(4, 1, "Members of alliance (use COW country codes)", "2 United States"),
                row(45, 3, "Are there companion agreements?", "No"),
                row(46, 4, "Notes", "none"),
            ]
        );
    }

    #[test]
    fn unicode_spaces_around_and_inside_lines() {
        // U+2003 (em space), U+3000 (ideographic space), U+00A0 (no-break space): trimmed at the
        // ends and after the number, kept inside; no slicing falls inside them.
        let text = "\u{2003}1.\u{3000}ATOP ID:\u{a0}3180\u{a0}\n\
            \u{3000}4,\u{2003}Members (COW codes):\u{2003}\n\u{2003}2\u{a0}United States\u{3000}\n\
            5.\u{a0}Was any member at war with a third state at the\u{2003}\n\u{3000}time of signature?\u{a0}(Yes,\u{a0}No) If Yes, describe\u{3000}\n\u{a0}No\u{a0}\n";
        assert_eq!(
            read(text),
            [
                row(1, 1, "ATOP ID", "3180"),
                row(4, 2, "Members (COW codes)", "2\u{a0}United States"),
                row(
                    5,
                    4,
                    "Was any member at war with a third state at the time of signature?\u{a0}(Yes,\u{a0}No) If Yes, describe",
                    "No"
                ),
            ]
        );
    }

    #[test]
    fn headings_pages_and_the_repeated_title_are_left_out() {
        let text = "ATOP Coding Sheet\nAlliance 7001\n\
            1. ATOP ID: 7001\nSection I: Formation\n2. Name of the agreement:\n\n\
            4, Members of alliance (use COW country codes):\n2 United States\n2. Canada\n\
            Page 2 of 9\n\u{c}ATOP Coding Sheet\nSection I: Formation\nIII. OBLIGATIONS\nPART 3\n\
            15. Are the obligations asymmetric? Yes, for the guarantor\n\
            45, Does the agreement name a specific threat?\nNo\n\
            46. Notes (other text):\nsee the pasted article 3:\n\"The parties shall consult.\"\n";
        let got: Vec<(u16, u64, String, String, Option<bool>)> = questions(text)
            .into_iter()
            .map(|q| (q.number, q.line, q.question.clone(), q.answer(), q.yes_no()))
            .collect();
        let want = [
            (1, 3, "ATOP ID", "7001", None),
            (2, 5, "Name of the agreement", "", None),
            (4, 7, "Members of alliance (use COW country codes)", "2 United States\n2. Canada", None),
            (15, 15, "Are the obligations asymmetric?", "Yes, for the guarantor", Some(true)),
            (45, 16, "Does the agreement name a specific threat?", "No", Some(false)),
            (46, 18, "Notes (other text)", "see the pasted article 3:\n\"The parties shall consult.\"", None),
        ]
        .map(|(n, l, q, a, y)| (n, l, q.to_string(), a.to_string(), y));
        assert_eq!(got, want);
    }

    #[test]
    fn a_number_that_skips_questions_needs_a_question_mark_fragment_or_parenthesis() {
        let text = "1. ATOP ID: 9\n4. Members:\n20 Canada\n14. Termination date(s): June 1955\n\
            20. Is it conditional?\n30. Coder (High, Low)\n40. Canada: defense pact\n";
        let got: Vec<(u16, String)> = questions(text).into_iter().map(|q| (q.number, q.answer())).collect();
        assert_eq!(
            got,
            [
                (1, "9\n4. Members:\n20 Canada".to_string()),
                (14, "June 1955".to_string()),
                (20, String::new()),
                (30, "40. Canada: defense pact".to_string())
            ],
            "`4. Members:` skips 2 and 3 with neither `?` nor `(`, so it is part of question 1's answer"
        );
        assert_eq!(
            questions(text)[0].answer_lines,
            [(1, "9".to_string()), (2, "4. Members:".to_string()), (3, "20 Canada".to_string())]
        );
    }

    #[test]
    fn a_wrapped_text_that_never_closes_is_the_first_line_alone() {
        let text = "2. Name of the agreement (as in the treaty)\nNorth Atlantic Treaty\nsigned in Washington\n\
            3. Notes (other\nText of the treaty\n4. Coder\nhand-made\n";
        assert_eq!(
            read(text),
            [
                row(2, 1, "Name of the agreement (as in the treaty)", "North Atlantic Treaty\nsigned in Washington"),
                row(3, 4, "Notes (other", "Text of the treaty\n4. Coder\nhand-made"),
            ],
            "`4. Coder` has no `?`, `:` or `(`: an answer line"
        );
    }

    #[test]
    fn yes_no_needs_the_whole_word() {
        let q =
            |a: &str| Question { number: 1, line: 1, question: "Q?".into(), answer_lines: vec![(2, a.to_string())] };
        assert_eq!(
            ["Yes", "no.", "YES (art. 2)", "None", "Not stated", "Nov. 1950", "", "unknown"].map(|a| q(a).yes_no()),
            [Some(true), Some(false), Some(true), None, None, None, None, None]
        );
    }
}
