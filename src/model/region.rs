//! COW regions by country-code range (the Correlates of War numbering: 2–165 Americas, 200–399
//! Europe, 400–626 Africa, 630–698 Middle East, 700–899 Asia, 900–999 Oceania). Used by the plots'
//! region colours and layouts and by the region assortativity metric.

use super::StateId;

/// A COW region, by country-code range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// Codes 2–165.
    Americas,
    /// Codes 200–399.
    Europe,
    /// Codes 400–626.
    Africa,
    /// Codes 630–698.
    MiddleEast,
    /// Codes 700–899.
    Asia,
    /// Codes 900–999.
    Oceania,
    /// Any other code (not in the COW scheme's ranges).
    Other,
}

impl Region {
    /// The six regions and `Other`, in COW-code order.
    pub const ALL: [Region; 7] = [
        Region::Americas,
        Region::Europe,
        Region::Africa,
        Region::MiddleEast,
        Region::Asia,
        Region::Oceania,
        Region::Other,
    ];

    /// The region of a COW code.
    pub fn of(id: StateId) -> Region {
        match id.0 {
            2..=165 => Region::Americas,
            200..=399 => Region::Europe,
            400..=626 => Region::Africa,
            630..=698 => Region::MiddleEast,
            700..=899 => Region::Asia,
            900..=999 => Region::Oceania,
            _ => Region::Other,
        }
    }

    /// The region named `name` ([`Region::name`] in any case, blanks, `-` or `_` between the
    /// words of `Middle East` or none: `europe`, `middle-east`, `MiddleEast`), if any.
    pub fn from_name(name: &str) -> Option<Region> {
        let key: String = name
            .chars()
            .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Region::ALL.into_iter().find(|r| r.name().replace(' ', "").to_lowercase() == key)
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Region::Americas => "Americas",
            Region::Europe => "Europe",
            Region::Africa => "Africa",
            Region::MiddleEast => "Middle East",
            Region::Asia => "Asia",
            Region::Oceania => "Oceania",
            Region::Other => "Other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_the_cow_code_ranges() {
        let r = |c| Region::of(StateId(c));
        assert_eq!(
            [r(2), r(165), r(200), r(399), r(400), r(626)],
            [Region::Americas, Region::Americas, Region::Europe, Region::Europe, Region::Africa, Region::Africa]
        );
        assert_eq!(
            [r(630), r(698), r(700), r(899), r(900), r(999)],
            [Region::MiddleEast, Region::MiddleEast, Region::Asia, Region::Asia, Region::Oceania, Region::Oceania]
        );
        assert_eq!([r(1), r(180), r(627), r(1000)], [Region::Other; 4]);
    }

    #[test]
    fn regions_are_found_by_name_in_any_spelling() {
        assert_eq!(Region::from_name("europe"), Some(Region::Europe));
        assert_eq!(Region::from_name(" Middle-East "), Some(Region::MiddleEast));
        assert_eq!(Region::from_name("middle\u{2003}east"), Some(Region::MiddleEast));
        assert_eq!(Region::from_name("MIDDLE_EAST"), Some(Region::MiddleEast));
        assert_eq!(Region::from_name("\u{3000}Oceania\u{a0}"), Some(Region::Oceania));
        assert_eq!(Region::from_name("eurasia"), None);
        assert_eq!(Region::from_name(""), None);
    }
}
