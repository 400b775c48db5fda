//! Data embedded in pages (issue 25): the JSON inside a `<script>` element never holds `<`, `>`,
//! `&`, U+2028 or U+2029 and parses back to the same value; escaped HTML text holds no markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::io::html::{script_json, text};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let value = serde_json::json!({ "name": s, "list": [s, "x"] });
    let json = serde_json::to_string(&value).expect("a JSON value serialises");
    let safe = script_json(&json);
    assert!(!safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{safe}");
    let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back, value);
    let escaped = text(&s);
    assert!(!escaped.contains(['<', '>', '"']), "{escaped}");
    assert_eq!(escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"), s);
});
