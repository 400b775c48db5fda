//! The little XML the exporters need: escaping text for attributes and element content.

use std::borrow::Cow;

/// `s` with `& < > " '` replaced by entities, and characters XML 1.0 forbids dropped.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters XML 1.0 does not allow (its `Char` production): control characters other than
/// tab, newline and carriage return, and U+FFFE, U+FFFF (a Rust string holds no lone surrogates).
fn forbidden(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("Côte d'Ivoire"), "Côte d&apos;Ivoire");
        assert_eq!(escape("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn issue12_noncharacters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\u{fffe}b\u{ffff}c\u{fffd}\u{10000}\u{0}\t"), "abc\u{fffd}\u{10000}\t");
    }
}
