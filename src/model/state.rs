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

    /// Finds a state by COW code (`365`) or abbreviation (`RUS`, any case).
    pub fn lookup(&self, name: &str) -> Option<DenseIndex> {
        let name = name.trim();
        if let Ok(code) = name.parse::<u16>() {
            return self.index_of(StateId(code));
        }
        self.states
            .iter()
            .position(|s| !s.abbr.is_empty() && s.abbr.eq_ignore_ascii_case(name))
            .map(|i| i as DenseIndex)
    }

    /// Up to five states whose abbreviation or name resembles `name`, as `ABB (code) Name`.
    pub fn suggestions(&self, name: &str) -> Vec<String> {
        let needle = name.trim().to_ascii_lowercase();
        let mut scored: Vec<(usize, &State)> = self
            .states
            .iter()
            .filter(|s| !s.abbr.is_empty())
            .filter_map(|s| {
                let abbr = s.abbr.to_ascii_lowercase();
                let full = s.name.to_ascii_lowercase();
                let d = edit_distance(&needle, &abbr).min(if full.contains(&needle) && needle.len() >= 3 {
                    0
                } else {
                    edit_distance(&needle, &full)
                });
                (d <= 1.max(needle.len() / 4)).then_some((d, s))
            })
            .collect();
        scored.sort_by_key(|(d, s)| (*d, s.id));
        scored.iter().take(5).map(|(_, s)| format!("{} ({}) {}", s.abbr, s.id, s.name)).collect()
    }
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
    }
}
