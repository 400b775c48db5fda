//! Text and data written into HTML pages (the explore page and the report's index): one escape
//! for text in elements and attributes, one for JSON inside a `<script>` element.
//!
//! Data reaches pages through state names, file names and captions, so every such string goes
//! through these two functions and nowhere else.

/// `text` escaped for HTML element content and double-quoted attributes: `&`, `<`, `>`, `"`.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `json` (a serialised JSON value) made safe inside a `<script>` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e` and `\u0026`, so that no `</script>`, `<!--` or `<script` can end
/// or change the element (HTML's script data states), and U+2028 and U+2029 become `\u2028` and
/// `\u2029` (line terminators to older JavaScript). Outside strings JSON has none of these
/// characters, so the value parses back unchanged.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue25_script_json_has_no_markup_and_parses_back() {
        let hostile = "<!--<script></script>&amp;\u{2028}\u{2029}Côte d’Ivoire";
        let json = serde_json::to_string(&serde_json::json!({ "name": hostile })).unwrap();
        let safe = script_json(&json);
        assert!(!safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{safe}");
        assert_eq!(
            safe,
            r#"{"name":"\u003c!--\u003cscript\u003e\u003c/script\u003e\u0026amp;\u2028\u2029Côte d’Ivoire"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], hostile);
    }

    #[test]
    fn text_escapes_markup_and_quotes() {
        assert_eq!(text(r#"<b a="1">&</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&lt;/b&gt;");
        assert_eq!(text("Côte d’Ivoire"), "Côte d’Ivoire");
    }
}
