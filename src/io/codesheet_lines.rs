//! What one line of an ATOP coding sheet is, for the grammar of [`super::codesheet_questions`]:
//! a question number (`4.`, `4,`) and whether the text after it may be a question (not a date,
//! a time or a URL), a questionnaire fragment (`(Yes, No)`, `If Yes, describe`), a page line, a
//! section heading. All functions work on the line's own text and slice it only at offsets
//! found in it.

/// A line without the spaces (any Unicode space), form feeds and byte-order marks around it.
pub(crate) fn trim_line(raw: &str) -> &str {
    raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// `N. Text` or `N, Text` with one or two digits: the number and the text after the mark.
pub(crate) fn numbered(t: &str) -> Option<(u16, &str)> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let number: u16 = t[..digits].parse().ok()?;
    let rest = t[digits..].trim_start().strip_prefix(['.', ','])?.trim_start();
    Some((number, rest))
}

/// Whether the text after a number may be a question: it starts with a letter (so a time such
/// as `4.30 p.m.` or a count such as `5, 10 and 15 years` is none) and is not a date
/// (`April 1949`, `Jan. 4`) or a URL (`http://…`, `www.…`).
pub(crate) fn may_start(rest: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if !rest.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let lower = rest.to_lowercase();
    if lower.starts_with("http") && lower.contains("://") || lower.starts_with("www.") {
        return false;
    }
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("").trim_end_matches(['.', ',']);
    let is_month = MONTHS.contains(&first) || first == "sept" || MONTHS.iter().any(|m| first == &m[..3]);
    !(is_month && words.next().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())))
}

/// The length of a questionnaire fragment at the start of `t`: an option list (`(Yes, No)`,
/// `(yes/no/unclear)`, `(High, Medium, Low)`: two or more options of one to three capitalised
/// words, or yes/no words) or `If Yes, describe` (`If so, please specify`, …, with the few
/// lower-case words up to a `:` after it).
pub(crate) fn fragment_len(t: &str) -> Option<usize> {
    option_list_len(t).or_else(|| if_yes_len(t))
}

/// See [`fragment_len`].
pub(crate) fn option_list_len(t: &str) -> Option<usize> {
    let inner = t.strip_prefix('(')?;
    // Options hold letters, spaces and `,/.-` only: stop at anything else (so a long line of
    // `(` costs no more than one look at each).
    let close = inner
        .char_indices()
        .take(80)
        .take_while(|&(_, c)| c == ')' || c.is_alphabetic() || c.is_whitespace() || ",/.-".contains(c))
        .find(|&(_, c)| c == ')')?
        .0;
    let options: Vec<&str> = inner[..close].split([',', '/']).flat_map(|o| o.split(" or ")).map(str::trim).collect();
    let yes_no = |o: &str| ["yes", "no", "unclear", "unknown", "n.a."].contains(&o.to_lowercase().as_str());
    let capitalised = |o: &str| {
        let words: Vec<&str> = o.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && o.starts_with(|c: char| c.is_uppercase())
            && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
    };
    let list = options.len() >= 2 && (options.iter().all(|o| yes_no(o)) || options.iter().all(|o| capitalised(o)));
    list.then_some(1 + close + 1)
}

/// The verbs of `If Yes, describe` and its variants.
const IF_YES_VERBS: [&str; 6] = ["describe", "specify", "list", "explain", "identify", "name"];

/// See [`fragment_len`].
pub(crate) fn if_yes_len(t: &str) -> Option<usize> {
    // The length of the ASCII prefix `p` of `s` in any case (compared on `s`'s own bytes).
    let strip = |s: &'_ str, p: &str| -> Option<usize> {
        s.get(..p.len()).filter(|h| h.eq_ignore_ascii_case(p)).map(|_| p.len())
    };
    let after_if = &t[strip(t, "if yes").or_else(|| strip(t, "if so")).or_else(|| strip(t, "if no"))?..];
    if after_if.starts_with(char::is_alphanumeric) {
        return None;
    }
    let rest = after_if.trim_start_matches([',', ' ']);
    let rest = &rest[strip(rest, "please ").unwrap_or(0)..];
    let verb =
        IF_YES_VERBS.iter().find_map(|v| strip(rest, v).filter(|&n| !rest[n..].starts_with(char::is_alphabetic)))?;
    let mut len = t.len() - rest.len() + verb;
    // `If Yes, describe the conditions:` — a few lower-case words up to a colon.
    let tail = &t[len..];
    if let Some((colon, _)) = tail.char_indices().take(60).find(|&(_, c)| c == ':') {
        let words: Vec<&str> = tail[..colon].split_whitespace().collect();
        if words.len() <= 6 && words.iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == ',')) {
            len += colon;
        }
    }
    Some(len)
}

/// Whether `t` is the first words of `If Yes, describe` (or `If so, please specify`, …) and no
/// more: `If`, `If Yes`, `If Yes,`, `If yes, please`.
pub(crate) fn is_if_yes_start(t: &str) -> bool {
    if t.is_empty() || t.len() > 24 || !t.starts_with(['I', 'i']) {
        return false;
    }
    let words: Vec<String> = t.split_whitespace().map(str::to_ascii_lowercase).collect();
    let said = words.join(" ");
    ["if yes,", "if so,", "if no,"].iter().any(|start| {
        IF_YES_VERBS.iter().any(|verb| {
            [format!("{start} {verb}"), format!("{start} please {verb}")]
                .iter()
                .any(|full| full.starts_with(&said) || full.replace(',', "").starts_with(&said))
        })
    }) && if_yes_len(t).is_none()
}

/// `Page 2`, `Page 2 of 5`.
pub(crate) fn is_page_line(t: &str) -> bool {
    let lower = t.to_lowercase();
    let mut words = lower.split_whitespace();
    words.next() == Some("page") && words.all(|w| w == "of" || w.chars().all(|c| c.is_ascii_digit()))
}

/// Section headings: `Section II: …`, `SECTION 3 – …`, `Part 3 …`, and `III. TEXT` with a Roman
/// numeral and no lower-case letter.
pub(crate) fn is_heading(t: &str) -> bool {
    let numeral = |w: &str| {
        let w = w.trim_end_matches([':', '.', ',']);
        !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || "IVXLivxl".contains(c))
    };
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    if first.eq_ignore_ascii_case("section") || first.eq_ignore_ascii_case("part") {
        return words.next().is_some_and(numeral);
    }
    let roman = first.trim_end_matches(['.', ':']);
    first.len() > roman.len()
        && !roman.is_empty()
        && roman.chars().all(|c| "IVX".contains(c))
        && t.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        assert_eq!(option_list_len("(Yes, No) If"), Some(9));
        assert_eq!(option_list_len("(yes/no/unclear)"), Some(16));
        assert_eq!(
            [option_list_len("(month day, year)"), option_list_len("(use COW codes)"), option_list_len("(1951)")],
            [None; 3]
        );
        assert_eq!(if_yes_len("If Yes, describe: No"), Some(16));
        assert_eq!(if_yes_len("If so, please specify the terms: none"), Some(31));
        assert_eq!(
            [if_yes_len("If Yes,"), if_yes_len("If yesterday, describe"), if_yes_len("Ifyes, describe")],
            [None; 3]
        );
        assert!(is_if_yes_start("If") && is_if_yes_start("If Yes,") && is_if_yes_start("if yes, please"));
        assert!(!is_if_yes_start("If Yes, describe") && !is_if_yes_start("Iceland") && !is_if_yes_start(""));
    }

    #[test]
    fn numbers_and_what_may_follow_them() {
        assert_eq!(numbered("4, Members"), Some((4, "Members")));
        assert_eq!(numbered("45 ,\u{3000}Are there"), Some((45, "Are there")));
        assert_eq!([numbered("200 United Kingdom"), numbered("123. x"), numbered("Members")], [None; 3]);
        assert_eq!(numbered("4.30 p.m."), Some((4, "30 p.m.")));
        let may = ["Members (COW codes):", "Is it? (Yes, No)", "Mayor's office:", "Decision 12 of the Council"]
            .map(may_start);
        assert_eq!(may, [true; 4]);
        let may_not = [
            "30 p.m.",
            "April 1949",
            "Jan. 10",
            "sept. 3, 1950",
            "http://x.org/a",
            "HTTPS://x.org",
            "www.nato.int: x",
            "(1951)",
        ]
        .map(may_start);
        assert_eq!(may_not, [false; 8]);
    }

    #[test]
    fn pages_and_headings() {
        assert!(["Page 2", "page 2 of 5", "PAGE 10 OF 12"].iter().all(|t| is_page_line(t)));
        assert!(!is_page_line("Page two") && !is_page_line("Pages 2-3"));
        assert!(["Section II: Membership", "SECTION 3 – Context", "Part 3", "III. OBLIGATIONS", "IV: OTHER"]
            .iter()
            .all(|t| is_heading(t)));
        assert!(!["Section of the treaty", "III. Obligations of members", "I. E. the parties", "Iceland"]
            .iter()
            .any(|t| is_heading(t)));
    }

    #[test]
    fn trimming_removes_unicode_spaces_form_feeds_and_byte_order_marks() {
        assert_eq!(trim_line("\u{feff}\u{c}\u{2003}\u{3000}\u{a0}4. Text\u{a0}\u{3000}\u{2003}\t"), "4. Text");
        assert_eq!(trim_line("2\u{a0}United States"), "2\u{a0}United States");
    }
}
