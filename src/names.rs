//! Closed sets of names (metrics, levels, plot choices): one macro makes the enum, its `name`,
//! `Display` and a case-insensitive `FromStr` whose error lists the valid names.

/// A name that is not one of a closed set of choices (a metric, a level, a plot choice).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {name:?}: expected one of {expected}")]
pub struct UnknownName {
    /// What was being parsed (`graph metric`, `level`, `layout`, …).
    pub what: &'static str,
    /// The name given.
    pub name: String,
    /// The valid names, comma-separated.
    pub expected: String,
}

/// A name made `'static` (column names are `&'static str`): each distinct name is leaked once and
/// reused, so the memory is bounded by the distinct names of a run (its columns).
pub(crate) fn static_name(name: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<std::collections::BTreeSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(n) = names.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

macro_rules! named_enum {
    ($(#[$doc:meta])* $ty:ident, $what:literal, [$($(#[$vdoc:meta])* $var:ident = $name:literal),+ $(,)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $ty {
            $($(#[$vdoc])* $var),+
        }

        impl $ty {
            /// Every choice, in output (column) order.
            pub const ALL: &'static [$ty] = &[$($ty::$var),+];

            /// The name on the command line and as a column header.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$var => $name),+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::names::UnknownName;
            /// Parses a name, case-insensitively (`-` and `_` alike).
            fn from_str(s: &str) -> Result<Self, $crate::names::UnknownName> {
                let key = s.trim().to_ascii_lowercase().replace('-', "_");
                $ty::ALL.iter().copied().find(|m| m.name() == key).ok_or_else(|| $crate::names::UnknownName {
                    what: $what,
                    name: s.to_string(),
                    expected: $ty::ALL.iter().map(|m| m.name()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}
pub(crate) use named_enum;
