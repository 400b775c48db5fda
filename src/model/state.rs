//! States: COW country codes, their names, and the dense index every graph uses.

use std::fmt;

/// A state's Correlates of War country code (`ccode`, ATOP's `member`), 1..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateId(pub u16);

impl StateId {
    /// Largest valid code.
    pub const MAX: u16 = 9999;
}

impl fmt::Display for StateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What is known of a state: its code and, when it is in the COW list, abbreviation and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// COW code.
    pub id: StateId,
    /// COW abbreviation (`RUS`); empty for a code missing from the COW list.
    pub abbr: String,
    /// COW name (`Russia`); empty for a code missing from the COW list.
    pub name: String,
}

/// Dense index of a state in a [`StateIndex`]: `0..len`, in ascending COW-code order.
pub type DenseIndex = u32;

/// The states of a data set, sorted by COW code, with code ↔ dense index look-ups.
///
/// Because dense indices follow code order, sorting by dense index sorts by code.
#[derive(Debug, Clone, Default)]
pub struct StateIndex {
    states: Vec<State>,
    /// `by_code[code]` = dense index + 1, 0 when absent.
    by_code: Vec<u32>,
}

impl StateIndex {
    /// An index over `states` (duplicates of a code keep the first with a name).
    pub fn new(mut states: Vec<State>) -> Self {
        states.sort_by_key(|s| (s.id, s.abbr.is_empty()));
        states.dedup_by_key(|s| s.id);
        let mut by_code = vec![0u32; usize::from(StateId::MAX) + 1];
        for (i, s) in states.iter().enumerate() {
            by_code[usize::from(s.id.0)] = i as u32 + 1;
        }
        StateIndex { states, by_code }
    }

    /// Number of states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// The dense index of a code, if the state is known.
    pub fn index_of(&self, id: StateId) -> Option<DenseIndex> {
        match self.by_code.get(usize::from(id.0)) {
            Some(&i) if i > 0 => Some(i - 1),
            _ => None,
        }
    }

    /// The state at a dense index.
    ///
    /// # Panics
    /// If `i` did not come from this index.
    pub fn state(&self, i: DenseIndex) -> &State {
        &self.states[i as usize]
    }

    /// All states in code order.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// Finds a state by COW code (`365`), abbreviation (`RUS`), COW name (`Russia`) or a
    /// historical name of [`STATE_ALIASES`] (`USSR`); names in any case, blanks collapsed.
    pub fn lookup(&self, name: &str) -> Option<DenseIndex> {
        let name = name.trim();
        if let Ok(code) = name.parse::<u16>() {
            return self.index_of(StateId(code));
        }
        let key = name_key(name);
        let found = |f: &dyn Fn(&State) -> bool| self.states.iter().position(f).map(|i| i as DenseIndex);
        found(&|s: &State| !s.abbr.is_empty() && s.abbr.eq_ignore_ascii_case(name))
            .or_else(|| found(&|s: &State| !s.name.is_empty() && name_key(&s.name) == key))
            .or_else(|| {
                let &(_, code) = STATE_ALIASES.iter().find(|(alias, _)| name_key(alias) == key)?;
                self.index_of(StateId(code))
            })
    }

    /// Up to five states whose abbreviation, name or alias is closest to `name` by edit distance
    /// (a name containing it counts as distance 0), as `ABB (code) Name`.
    pub fn suggestions(&self, name: &str) -> Vec<String> {
        let needle = name_key(name);
        let distance = |form: &str| {
            let form = name_key(form);
            if form.contains(&needle) && needle.chars().count() >= 3 {
                0
            } else {
                edit_distance(&needle, &form)
            }
        };
        let mut best = vec![usize::MAX; self.states.len()];
        for (i, s) in self.states.iter().enumerate().filter(|(_, s)| !s.abbr.is_empty()) {
            best[i] = distance(&s.abbr).min(distance(&s.name));
        }
        for &(alias, code) in STATE_ALIASES {
            if let Some(i) = self.index_of(StateId(code)) {
                let i = i as usize;
                best[i] = best[i].min(distance(alias));
            }
        }
        let limit = 1.max(needle.chars().count() / 4);
        let mut scored: Vec<(usize, &State)> =
            best.iter().zip(&self.states).filter(|(d, _)| **d <= limit).map(|(d, s)| (*d, s)).collect();
        scored.sort_by_key(|(d, s)| (*d, s.id));
        scored.iter().take(5).map(|(_, s)| format!("{} ({}) {}", s.abbr, s.id, s.name)).collect()
    }
}

/// Well-known historical or common names of states, with the COW code they stand for (the COW
/// list names the state otherwise: Prussia is COW's Germany, 255).
pub const STATE_ALIASES: &[(&str, u16)] = &[
    ("United States", 2),
    ("America", 2),
    ("Britain", 200),
    ("Great Britain", 200),
    ("UK", 200),
    ("Holland", 210),
    ("Prussia", 255),
    ("West Germany", 260),
    ("East Germany", 265),
    ("Wurttemberg", 271),
    ("Württemberg", 271),
    ("Czechia", 316),
    ("Sardinia", 325),
    ("Piedmont", 325),
    ("Naples", 329),
    ("Serbia", 345),
    ("Soviet Union", 365),
    ("USSR", 365),
    ("Dahomey", 434),
    ("Upper Volta", 439),
    ("Zaire", 490),
    ("Abyssinia", 530),
    ("Rhodesia", 552),
    ("Persia", 630),
    ("Ottoman Empire", 640),
    ("North Yemen", 678),
    ("South Yemen", 680),
    ("Formosa", 713),
    ("Burma", 775),
    ("Ceylon", 780),
    ("Siam", 800),
    ("Kampuchea", 811),
    ("North Vietnam", 816),
    ("South Vietnam", 817),
];

/// A name compared case-insensitively with blanks collapsed.
fn name_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Levenshtein distance between two short strings.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(code: u16, abbr: &str, name: &str) -> State {
        State { id: StateId(code), abbr: abbr.into(), name: name.into() }
    }

    #[test]
    fn dense_indices_follow_code_order() {
        let idx = StateIndex::new(vec![st(365, "RUS", "Russia"), st(2, "USA", "United States"), st(8152, "", "")]);
        assert_eq!(idx.len(), 3);
        assert_eq!(idx.index_of(StateId(2)), Some(0));
        assert_eq!(idx.index_of(StateId(365)), Some(1));
        assert_eq!(idx.index_of(StateId(8152)), Some(2));
        assert_eq!(idx.index_of(StateId(200)), None);
        assert_eq!(idx.lookup("rus"), Some(1));
        assert_eq!(idx.lookup("365"), Some(1));
        assert_eq!(idx.lookup("XYZ"), None);
    }

    #[test]
    fn suggestions_find_near_abbreviations_and_names() {
        let idx = StateIndex::new(vec![
            st(365, "RUS", "Russia"),
            st(2, "USA", "United States"),
            st(200, "UKG", "United Kingdom"),
        ]);
        assert_eq!(idx.suggestions("RUSS")[0], "RUS (365) Russia");
        assert!(idx.suggestions("united").len() == 2);
        assert!(idx.suggestions("qqqqqq").is_empty());
        // An alias counts as a form of its state: "Sovjet Union" is 1 edit from "Soviet Union".
        assert_eq!(idx.suggestions("Sovjet Union"), vec!["RUS (365) Russia"]);
    }

    /// Issue 13: states by code, abbreviation, COW name or alias, case-insensitively.
    #[test]
    fn states_are_found_by_name_and_alias_in_any_case() {
        let idx = StateIndex::new(vec![
            st(200, "UKG", "United Kingdom"),
            st(220, "FRN", "France"),
            st(255, "GMY", "Germany"),
            st(260, "GFR", "German Federal Republic"),
            st(365, "RUS", "Russia"),
        ]);
        let code = |n: &str| idx.lookup(n).map(|i| idx.state(i).id.0);
        assert_eq!(code("france"), Some(220));
        assert_eq!(code("  United   kingdom "), Some(200));
        assert_eq!(code("frn"), Some(220));
        assert_eq!(code("Prussia"), Some(255));
        assert_eq!(code("ussr"), Some(365));
        assert_eq!(code("Soviet Union"), Some(365));
        assert_eq!(code("West Germany"), Some(260));
        assert_eq!(code("german federal republic"), Some(260));
        // An alias of a state missing from the data finds nothing.
        assert_eq!(code("Persia"), None);
        assert_eq!(code("Frence"), None);
        assert_eq!(idx.suggestions("Frence"), vec!["FRN (220) France"]);
    }
}
