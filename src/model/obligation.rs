//! Obligation types of an alliance member (ATOP's five flags and COW's entente), sets of them,
//! and layers.
//!
//! Pure types, no I/O. Which types and layers a data set has depends on where its member rows
//! came from (`crate::MemberSource`): ATOP codes the first five, COW Formal Alliances codes
//! defense, neutrality, nonaggression and entente. An [`ObligationSet`] is a `u8` bitset; a [`Layer`] selects the edges of a
//! snapshot: `any` keeps every edge, a type layer keeps the edges whose type set contains it.

use std::fmt;
use std::str::FromStr;

/// One obligation type, in ATOP's order followed by COW's entente (which is also the order of
/// strength for drawing: defense > offense > neutrality > nonaggression > consultation > entente).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Obligation {
    /// `defense`: active military support if a partner is attacked.
    Defense,
    /// `offense`: active military support in an offensive war.
    Offense,
    /// `neutral`: neutrality if a partner is in a war.
    Neutrality,
    /// `nonagg`: no military conflict with the partners.
    Nonaggression,
    /// `consul`: consultation in a crisis.
    Consultation,
    /// COW's `entente` (Type III): consultation and cooperation in a crisis, COW's weakest type.
    /// ATOP has no such flag.
    Entente,
}

impl Obligation {
    /// ATOP's five, in ATOP's order (`defense offense neutral nonagg consul`): the types of the
    /// default source, an ATOP member file. Every type, entente included: [`Obligation::EVERY`];
    /// a data set's own list: `crate::MemberSource::obligations`.
    pub const ALL: [Obligation; 5] = [
        Obligation::Defense,
        Obligation::Offense,
        Obligation::Neutrality,
        Obligation::Nonaggression,
        Obligation::Consultation,
    ];

    /// COW Formal Alliances' four (`defense neutrality nonaggression entente`).
    pub const COW: [Obligation; 4] =
        [Obligation::Defense, Obligation::Neutrality, Obligation::Nonaggression, Obligation::Entente];

    /// All six, in bit order: ATOP's five, then COW's entente (a combined ATOP + COW data set).
    pub const EVERY: [Obligation; 6] = [
        Obligation::Defense,
        Obligation::Offense,
        Obligation::Neutrality,
        Obligation::Nonaggression,
        Obligation::Consultation,
        Obligation::Entente,
    ];

    /// The name used on the command line and in output (`defense`, …, `consultation`, `entente`).
    pub fn name(self) -> &'static str {
        match self {
            Obligation::Defense => "defense",
            Obligation::Offense => "offense",
            Obligation::Neutrality => "neutrality",
            Obligation::Nonaggression => "nonaggression",
            Obligation::Consultation => "consultation",
            Obligation::Entente => "entente",
        }
    }

    /// The ATOP column holding this flag (`defense offense neutral nonagg consul`; COW's
    /// `entente`, which ATOP does not have, keeps its COW name).
    pub fn atop_column(self) -> &'static str {
        match self {
            Obligation::Defense => "defense",
            Obligation::Offense => "offense",
            Obligation::Neutrality => "neutral",
            Obligation::Nonaggression => "nonagg",
            Obligation::Consultation => "consul",
            Obligation::Entente => "entente",
        }
    }

    /// This type's bit in an [`ObligationSet`].
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of obligation types, as a bitset (bit i = `Obligation::ALL[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct ObligationSet(u8);

impl ObligationSet {
    /// The empty set.
    pub const EMPTY: ObligationSet = ObligationSet(0);

    /// The set with these bits (bits above the sixth are dropped).
    pub fn from_bits(bits: u8) -> Self {
        ObligationSet(bits & 0b11_1111)
    }

    /// The raw bits.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Whether `o` is in the set.
    pub fn contains(self, o: Obligation) -> bool {
        self.0 & o.bit() != 0
    }

    /// The set with `o` added.
    #[must_use]
    pub fn with(self, o: Obligation) -> Self {
        ObligationSet(self.0 | o.bit())
    }

    /// The union of two sets.
    #[must_use]
    pub fn union(self, other: ObligationSet) -> Self {
        ObligationSet(self.0 | other.0)
    }

    /// The obligations in both sets.
    #[must_use]
    pub fn intersection(self, other: ObligationSet) -> Self {
        ObligationSet(self.0 & other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The members in bit order (ATOP's order, then entente).
    pub fn iter(self) -> impl Iterator<Item = Obligation> {
        Obligation::EVERY.into_iter().filter(move |o| self.contains(*o))
    }

    /// The strongest member (defense > offense > neutrality > nonaggression > consultation >
    /// entente).
    pub fn strongest(self) -> Option<Obligation> {
        self.iter().next()
    }
}

impl fmt::Display for ObligationSet {
    /// Names joined by `+` in ATOP's order (`defense+consultation`); `none` for the empty set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (i, o) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            f.write_str(o.name())?;
        }
        Ok(())
    }
}

/// Which edges a snapshot keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Every edge, whatever its types.
    Any,
    /// The edges whose type set contains this obligation.
    Only(Obligation),
}

impl Layer {
    /// ATOP's six layers in output order: any, defense, offense, neutrality, nonaggression,
    /// consultation (those of the default source). Every layer: [`Layer::EVERY`]; a data set's
    /// own: `crate::MemberSource::layers`.
    pub const ALL: [Layer; 6] = [
        Layer::Any,
        Layer::Only(Obligation::Defense),
        Layer::Only(Obligation::Offense),
        Layer::Only(Obligation::Neutrality),
        Layer::Only(Obligation::Nonaggression),
        Layer::Only(Obligation::Consultation),
    ];

    /// COW Formal Alliances' five layers: any, defense, neutrality, nonaggression, entente.
    pub const COW: [Layer; 5] = [
        Layer::Any,
        Layer::Only(Obligation::Defense),
        Layer::Only(Obligation::Neutrality),
        Layer::Only(Obligation::Nonaggression),
        Layer::Only(Obligation::Entente),
    ];

    /// All seven in output order: ATOP's six, then entente.
    pub const EVERY: [Layer; 7] = [
        Layer::Any,
        Layer::Only(Obligation::Defense),
        Layer::Only(Obligation::Offense),
        Layer::Only(Obligation::Neutrality),
        Layer::Only(Obligation::Nonaggression),
        Layer::Only(Obligation::Consultation),
        Layer::Only(Obligation::Entente),
    ];

    /// Name on the command line and in output.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Any => "any",
            Layer::Only(o) => o.name(),
        }
    }

    /// Whether an edge with these types belongs to the layer.
    pub fn admits(self, types: ObligationSet) -> bool {
        match self {
            Layer::Any => true,
            Layer::Only(o) => types.contains(o),
        }
    }

    /// Position in [`Layer::EVERY`] (the output order; the same in [`Layer::ALL`]).
    pub fn index(self) -> usize {
        match self {
            Layer::Any => 0,
            Layer::Only(o) => 1 + o as usize,
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A layer name that is not one of the seven.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown layer {0:?}: expected one of any, defense, offense, neutrality, nonaggression, entente, consultation")]
pub struct UnknownLayer(pub String);

impl FromStr for Layer {
    type Err = UnknownLayer;

    /// Parses a layer name, case-insensitively; ATOP's column names (`neutral`, `nonagg`,
    /// `consul`) are accepted too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        if lower == "any" {
            return Ok(Layer::Any);
        }
        Obligation::EVERY
            .into_iter()
            .find(|o| o.name() == lower || o.atop_column() == lower)
            .map(Layer::Only)
            .ok_or_else(|| UnknownLayer(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_union_contains_and_display() {
        let s = ObligationSet::EMPTY.with(Obligation::Defense).with(Obligation::Consultation);
        assert!(s.contains(Obligation::Defense));
        assert!(!s.contains(Obligation::Offense));
        assert_eq!(s.to_string(), "defense+consultation");
        assert_eq!(ObligationSet::EMPTY.to_string(), "none");
        let u = s.union(ObligationSet::from_bits(Obligation::Neutrality.bit()));
        assert_eq!(u.bits(), 0b1_0101);
        assert_eq!(u.strongest(), Some(Obligation::Defense));
        assert_eq!(ObligationSet::from_bits(0xff).bits(), 0b11_1111);
        let e = ObligationSet::EMPTY.with(Obligation::Entente);
        assert_eq!(e.bits(), 0b10_0000);
        assert_eq!(e.with(Obligation::Nonaggression).strongest(), Some(Obligation::Nonaggression));
        assert_eq!(e.to_string(), "entente");
    }

    #[test]
    fn source_lists_are_subsets_of_all_in_order() {
        // ATOP's and COW's lists keep ALL's order, so output sorted by index matches them.
        for list in [&Layer::ALL[..], &Layer::COW[..], &Layer::EVERY[..]] {
            let idx: Vec<usize> = list.iter().map(|l| l.index()).collect();
            assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
        }
        assert_eq!(
            Layer::COW.iter().map(|l| l.name()).collect::<Vec<_>>(),
            ["any", "defense", "neutrality", "nonaggression", "entente"]
        );
        assert_eq!(Layer::Only(Obligation::Entente).index(), 6);
        assert_eq!(Obligation::COW.len() + 1, Layer::COW.len());
        assert_eq!("Entente".parse::<Layer>(), Ok(Layer::Only(Obligation::Entente)));
        for (i, l) in Layer::EVERY.into_iter().enumerate() {
            assert_eq!(l.index(), i);
        }
    }

    #[test]
    fn layers_admit_by_type() {
        let s = ObligationSet::EMPTY.with(Obligation::Nonaggression);
        assert!(Layer::Any.admits(s));
        assert!(Layer::Any.admits(ObligationSet::EMPTY));
        assert!(Layer::Only(Obligation::Nonaggression).admits(s));
        assert!(!Layer::Only(Obligation::Defense).admits(s));
    }

    #[test]
    fn layer_names_round_trip_and_unknown_lists_choices() {
        for (i, l) in Layer::ALL.into_iter().enumerate() {
            assert_eq!(l.name().parse::<Layer>(), Ok(l));
            assert_eq!(l.index(), i);
        }
        assert_eq!("NEUTRAL".parse::<Layer>(), Ok(Layer::Only(Obligation::Neutrality)));
        let err = "defence".parse::<Layer>().unwrap_err().to_string();
        assert!(err.contains("\"defence\"") && err.contains("consultation"), "{err}");
    }
}
