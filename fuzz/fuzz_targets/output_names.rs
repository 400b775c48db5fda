//! Output names built from data (`plot state` without `-o`) and values quoted in messages:
//! a sanitised name is one plain file name in the current folder; a shown value stays short.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactnet::error::{shown, SHOWN_CHARS};
use pactnet::io::atomic::safe_file_name;
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let name = safe_file_name(&s);
    let components: Vec<Component> = Path::new(&name).components().collect();
    assert!(
        matches!(components[..], [Component::Normal(_)]) && !name.starts_with('.'),
        "{s:?} gives {name:?}"
    );
    let v = shown(&s);
    // Quotes and escapes aside, at most SHOWN_CHARS characters of the value and its length.
    assert!(v.chars().count() <= 10 * SHOWN_CHARS + 40, "{}", v.len());
});
