//! The ATOP variables by coding-sheet section, with one-line descriptions and value labels.
//!
//! Provenance, checked on 2026-11-30. The ATOP codebook (Brett Ashley Leeds, "Alliance Treaty
//! Obligations and Provisions (ATOP) Codebook"; version 3.0 of 12 July 2005, Rice University,
//! atop.rice.edu; versions 4.0 and 5.x at atopdata.org) could not be read: no reachable copy showed
//! its variable definitions and no public repository holds its text. Hence:
//! - Descriptions are paraphrases, not the codebook's words; "see the codebook" marks the unknown.
//! - Labels checked against a published source: `defense` and `consul`, 0 no and 1 yes (QoG Data
//!   Finder, ATOP 5.1 page, datafinder.qog.gu.se/dataset/atop, quoting the codebook); `offense`,
//!   `neutral`, `nonagg`, 1 = the pledge (R package peacesciencer, `atop_alliance`, on CRAN).
//! - Every other label is unverified: no and yes on the other flags (each holds only 0 and 1 in
//!   ATOP 4.01), the words of `conditio` and `pubsecr` (its codes agree with `secrart` in 4.01:
//!   0 where `secrart` is 0, 2 where it is 8, 1 where it is 1 to 7), and every label of code 0
//!   ("none", "not specified", "in force", "not ended"). Beware `reflnun` (0, 1, 2; 2 is the
//!   commonest) and `natrefal` (0 to 3 and 9): their 0 may not mean "none".
//! - Bare codes (no label): the other codes of `secrart`, `proadd`, `futmem`, `speclgth`,
//!   `renounce`, `proren`, `term`, `termmode`, `termcaus`, `estmode`, `notaiden`, `seppeace`,
//!   `specthrt`, `conwtin`, `milcon`, `milaid`, `subord`, `organ1`/`organ2`, `orgpurp1`/`orgpurp2`,
//!   `base`, `armred`, `acqterr`, `reflnun`, `natrefal`, `compag`, `conres`, `agprois`, `ecaid`,
//!   `interv`, `milinst`, `formal`, `source`. Public replication code (not the codebook) reads
//!   `milcon` 2 as military contact and 3 as common defense policy, and `renounce` 1, 2, 3 as
//!   renunciation allowed, prohibited, conditional; these are not used as labels.
//! - `hinst`/`minst` follow Leeds & Anac (2005), "Alliance Institutionalization and Alliance
//!   Performance", International Interactions 31(3): 183-202; in `atop4_01a.csv` `milinst` is 2
//!   exactly where `hinst` is 1 and 1 exactly where `minst` is 1.
//!
//! `question` is the coding-sheet question that asks for the variable, where known (issue 14:
//! alliance 4255's sheet, questions 31, 33, 35, 36, 38, 50, 56). A column not listed here (a
//! newer release's) is shown under [`Section::Other`].

/// A section of the coding sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Formation and duration: dates, phases, secrecy, length, renewal, termination.
    Formation,
    /// Obligations: the five types and their conditions, threats, further promises.
    Obligations,
    /// Institutionalization: military contact and aid, command, organizations, bases.
    Institutionalization,
    /// Context and other provisions: territory, references to other treaties, cooperation.
    Context,
    /// Columns the codebook table does not list.
    Other,
}

impl Section {
    /// Every section, in sheet order.
    pub const ALL: [Section; 5] =
        [Section::Formation, Section::Obligations, Section::Institutionalization, Section::Context, Section::Other];

    /// The section's title.
    pub fn title(self) -> &'static str {
        match self {
            Section::Formation => "Formation and duration",
            Section::Obligations => "Obligations",
            Section::Institutionalization => "Institutionalization",
            Section::Context => "Context and other provisions",
            Section::Other => "Other columns",
        }
    }
}

/// One ATOP variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    /// Column name, lower case.
    pub name: &'static str,
    /// Its coding-sheet section.
    pub section: Section,
    /// One line on what it records.
    pub description: &'static str,
    /// `(code, label)` pairs known for it (possibly none).
    pub labels: &'static [(i32, &'static str)],
    /// The coding-sheet question that asks for it, where known.
    pub question: Option<u16>,
}

impl Variable {
    /// The label of `code`, if the table has one.
    pub fn label(&self, code: i32) -> Option<&'static str> {
        self.labels.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
    }
}

/// The variable named `name` (case-insensitive), if the table lists it.
pub fn variable(name: &str) -> Option<&'static Variable> {
    VARIABLES.iter().find(|v| v.name.eq_ignore_ascii_case(name))
}

/// Every variable of the table, by section in sheet order.
pub const VARIABLES: &[Variable] = &[
    Variable {
        name: "atopid",
        section: Section::Formation,
        description: "ATOP alliance identification number",
        labels: &[],
        question: None,
    },
    Variable {
        name: "cowid",
        section: Section::Formation,
        description: "COW Formal Alliances (v3) number of the alliance, if any",
        labels: &[],
        question: None,
    },
    Variable {
        name: "cow4id",
        section: Section::Formation,
        description: "COW Formal Alliances v4 number of the alliance, if any",
        labels: &[],
        question: None,
    },
    Variable {
        name: "member",
        section: Section::Formation,
        description: "Member state (COW country code)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "cowsys",
        section: Section::Formation,
        description: "COW state-system membership of the member, as ATOP codes it",
        labels: &[],
        question: None,
    },
    Variable {
        name: "yrent",
        section: Section::Formation,
        description: "Year the member entered this phase",
        labels: &[],
        question: None,
    },
    Variable { name: "moent", section: Section::Formation, description: "Month of entry", labels: &[], question: None },
    Variable { name: "dayent", section: Section::Formation, description: "Day of entry", labels: &[], question: None },
    Variable {
        name: "yrexit",
        section: Section::Formation,
        description: "Year the member left this phase (0: still in force at the end of the data)",
        labels: &[(0, "in force")],
        question: None,
    },
    Variable { name: "moexit", section: Section::Formation, description: "Month of exit", labels: &[], question: None },
    Variable { name: "dayexit", section: Section::Formation, description: "Day of exit", labels: &[], question: None },
    Variable {
        name: "begyr",
        section: Section::Formation,
        description: "Year the alliance began",
        labels: &[],
        question: None,
    },
    Variable {
        name: "begmo",
        section: Section::Formation,
        description: "Month the alliance began",
        labels: &[],
        question: None,
    },
    Variable {
        name: "begday",
        section: Section::Formation,
        description: "Day the alliance began",
        labels: &[],
        question: None,
    },
    Variable {
        name: "endyr",
        section: Section::Formation,
        description: "Year the alliance ended (0: in force at the end of the data)",
        labels: &[(0, "in force")],
        question: None,
    },
    Variable {
        name: "endmo",
        section: Section::Formation,
        description: "Month the alliance ended",
        labels: &[],
        question: None,
    },
    Variable {
        name: "endday",
        section: Section::Formation,
        description: "Day the alliance ended",
        labels: &[],
        question: None,
    },
    Variable {
        name: "ineffect",
        section: Section::Formation,
        description: "In effect at the end of the data",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "bilat",
        section: Section::Formation,
        description: "Bilateral (two members)",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "phase",
        section: Section::Formation,
        description: "Phase of the alliance this row belongs to (0: a single phase)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "maxphase",
        section: Section::Formation,
        description: "Number of phases of the alliance (0: a single phase)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "wartime",
        section: Section::Formation,
        description: "Formed during a war in which a member was fighting",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "cowwar",
        section: Section::Formation,
        description: "COW war number of that war (0: none)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "estmode",
        section: Section::Formation,
        description: "Mode of establishment (see the codebook)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "pubsecr",
        section: Section::Formation,
        description: "Public or secret agreement",
        labels: &[(0, "public"), (1, "public with secret articles"), (2, "entirely secret")],
        question: None,
    },
    Variable {
        name: "secrart",
        section: Section::Formation,
        description: "Which articles are secret (0: none)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "proadd",
        section: Section::Formation,
        description: "Provisions for adding members",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "futmem",
        section: Section::Formation,
        description: "Future members named or invited",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "speclgth",
        section: Section::Formation,
        description: "Whether and how the duration is specified",
        labels: &[],
        question: None,
    },
    Variable {
        name: "length",
        section: Section::Formation,
        description: "Specified duration, in months (0: not specified)",
        labels: &[(0, "not specified")],
        question: None,
    },
    Variable {
        name: "renounce",
        section: Section::Formation,
        description: "Provisions for renunciation (withdrawal)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "proren",
        section: Section::Formation,
        description: "Provisions for renewal",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "renewlgt",
        section: Section::Formation,
        description: "Length of a renewal, in months (0: none specified)",
        labels: &[(0, "not specified")],
        question: None,
    },
    Variable {
        name: "term",
        section: Section::Formation,
        description: "Conditions for termination stated in the agreement",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "termmode",
        section: Section::Formation,
        description: "How the alliance (or phase) ended (0: not ended)",
        labels: &[(0, "not ended")],
        question: None,
    },
    Variable {
        name: "termcaus",
        section: Section::Formation,
        description: "Why the alliance (or phase) ended (0: not ended)",
        labels: &[(0, "not ended")],
        question: None,
    },
    Variable {
        name: "defense",
        section: Section::Obligations,
        description: "Defense obligation: active military support if a partner is attacked",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offense",
        section: Section::Obligations,
        description: "Offense obligation: active military support in a conflict not provoked by the partner's attack",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neutral",
        section: Section::Obligations,
        description: "Neutrality obligation: not to aid an attacker of the partner",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "nonagg",
        section: Section::Obligations,
        description: "Non-aggression obligation: not to attack the partner",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "consul",
        section: Section::Obligations,
        description: "Consultation obligation: to consult in a crisis",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "active",
        section: Section::Obligations,
        description: "Any active military support promised (defense or offense)",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "conditio",
        section: Section::Obligations,
        description: "Any obligation is conditional (0: unconditional)",
        labels: &[(0, "unconditional"), (1, "conditional")],
        question: None,
    },
    Variable {
        name: "defcon",
        section: Section::Obligations,
        description: "Defense obligation conditional",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offcon",
        section: Section::Obligations,
        description: "Offense obligation conditional",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucon",
        section: Section::Obligations,
        description: "Neutrality obligation conditional",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "concon",
        section: Section::Obligations,
        description: "Consultation obligation conditional",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defcoadv",
        section: Section::Obligations,
        description: "Defense limited to attacks by specific adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defcoloc",
        section: Section::Obligations,
        description: "Defense limited to specific locations",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defcocon",
        section: Section::Obligations,
        description: "Defense limited to conflicts of specific kinds",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defconum",
        section: Section::Obligations,
        description: "Defense conditional on the number of attackers",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defcodem",
        section: Section::Obligations,
        description: "Defense only if the adversary does not comply with demands",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "defconpr",
        section: Section::Obligations,
        description: "Defense conditional on non-provocation by the partner",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offcoadv",
        section: Section::Obligations,
        description: "Offense limited to specific adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offcoloc",
        section: Section::Obligations,
        description: "Offense limited to specific locations",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offcocon",
        section: Section::Obligations,
        description: "Offense limited to conflicts of specific kinds",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offconum",
        section: Section::Obligations,
        description: "Offense conditional on the number of adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "offcodem",
        section: Section::Obligations,
        description: "Offense conditional on demands on the adversary",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucoadv",
        section: Section::Obligations,
        description: "Neutrality limited to specific adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucoloc",
        section: Section::Obligations,
        description: "Neutrality limited to specific locations",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucocon",
        section: Section::Obligations,
        description: "Neutrality limited to conflicts of specific kinds",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neuconum",
        section: Section::Obligations,
        description: "Neutrality conditional on the number of adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucodem",
        section: Section::Obligations,
        description: "Neutrality conditional on demands",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neuconpr",
        section: Section::Obligations,
        description: "Neutrality conditional on non-provocation by the partner",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "neucoatt",
        section: Section::Obligations,
        description: "Neutrality applies if the partner is attacked",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "concoadv",
        section: Section::Obligations,
        description: "Consultation limited to specific adversaries",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "concoloc",
        section: Section::Obligations,
        description: "Consultation limited to specific locations",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "concocon",
        section: Section::Obligations,
        description: "Consultation limited to conflicts of specific kinds",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "concoreq",
        section: Section::Obligations,
        description: "Consultation only when a member requests it",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "olimob",
        section: Section::Obligations,
        description: "Obligations limited to mobilization",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "asymm",
        section: Section::Obligations,
        description: "Obligations differ between members (asymmetric)",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "obvary",
        section: Section::Obligations,
        description: "Obligations vary over the alliance's life",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "notaiden",
        section: Section::Obligations,
        description: "Promise not to aid the partner's enemies",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "dipaid",
        section: Section::Obligations,
        description: "Promise of diplomatic support",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "terrres",
        section: Section::Obligations,
        description: "Promise to make territory or resources available",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "seppeace",
        section: Section::Obligations,
        description: "Promise not to make a separate peace",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "thirdcom",
        section: Section::Obligations,
        description: "Restrictions on commitments to third parties",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "noothall",
        section: Section::Obligations,
        description: "Promise not to join competing alliances",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "specthrt",
        section: Section::Obligations,
        description: "A specific threat named in the agreement",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "statthr1",
        section: Section::Obligations,
        description: "First state named as a threat (COW code; 0: none)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "statthr2",
        section: Section::Obligations,
        description: "Second state named as a threat (COW code; 0: none)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "milcon",
        section: Section::Institutionalization,
        description: "Military contact between members required (peacetime consultation, common defense policy)",
        labels: &[(0, "none")],
        question: Some(31),
    },
    Variable {
        name: "milaid",
        section: Section::Institutionalization,
        description: "Military aid provided to a member",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "intcom",
        section: Section::Institutionalization,
        description: "Integrated military command in peace and war",
        labels: &[(0, "no"), (1, "yes")],
        question: Some(33),
    },
    Variable {
        name: "subord",
        section: Section::Institutionalization,
        description: "Subordination of one member's forces to another's command in war",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "organ1",
        section: Section::Institutionalization,
        description: "An organization established or meetings scheduled by the agreement",
        labels: &[(0, "none")],
        question: Some(35),
    },
    Variable {
        name: "orgpurp1",
        section: Section::Institutionalization,
        description: "Purpose of that organization",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "organ2",
        section: Section::Institutionalization,
        description: "A second organization",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "orgpurp2",
        section: Section::Institutionalization,
        description: "Purpose of the second organization",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "base",
        section: Section::Institutionalization,
        description: "Troop placements or basing rights in a member's territory",
        labels: &[(0, "none")],
        question: Some(36),
    },
    Variable {
        name: "contrib",
        section: Section::Institutionalization,
        description: "Specific contributions of troops, supplies or funds",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "armred",
        section: Section::Institutionalization,
        description: "Arms-related provisions (coordination, limits or requirements on arms)",
        labels: &[(0, "none")],
        question: Some(38),
    },
    Variable {
        name: "hinst",
        section: Section::Institutionalization,
        description: "Highly institutionalized alliance (Leeds & Anac 2005)",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "minst",
        section: Section::Institutionalization,
        description: "Moderately institutionalized alliance (Leeds & Anac 2005)",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "milorg",
        section: Section::Institutionalization,
        description: "A military organization established",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "milinst",
        section: Section::Institutionalization,
        description: "Military institutionalization: 2 where hinst is 1, 1 where minst is 1 (ATOP 4.01)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "formorg",
        section: Section::Institutionalization,
        description: "A formal organization established",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "formal",
        section: Section::Institutionalization,
        description: "Formality of the alliance, codes 0 to 2 (Leeds & Anac 2005; see the codebook)",
        labels: &[],
        question: None,
    },
    Variable {
        name: "pubtreat",
        section: Section::Institutionalization,
        description: "Treaty text published",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "acqterr",
        section: Section::Context,
        description: "Provisions on acquisition of territory",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "divgains",
        section: Section::Context,
        description: "Division of gains specified",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "demwith",
        section: Section::Context,
        description: "Demand for the withdrawal of foreign troops",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "reflnun",
        section: Section::Context,
        description: "Reference to the League of Nations or the United Nations",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "refothio",
        section: Section::Context,
        description: "Reference to other international organizations",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "natrefal",
        section: Section::Context,
        description: "Coded NATREFAL (see the codebook)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "compag",
        section: Section::Context,
        description: "Companion agreements signed with the alliance",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "nomicoop",
        section: Section::Context,
        description: "Non-military cooperation (economic, cultural, …) promised",
        labels: &[(0, "no"), (1, "yes")],
        question: Some(50),
    },
    Variable {
        name: "conres",
        section: Section::Context,
        description: "Conflict-resolution provisions among members",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "agprois",
        section: Section::Context,
        description: "Commitment to negotiate further agreements",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "conmen",
        section: Section::Context,
        description: "Conflict among members mentioned",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "ecaid",
        section: Section::Context,
        description: "Economic aid provisions",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "interv",
        section: Section::Context,
        description: "Provisions on intervention in members' domestic affairs",
        labels: &[(0, "none")],
        question: Some(56),
    },
    Variable {
        name: "conwtin",
        section: Section::Context,
        description: "Coded CONWTIN (see the codebook)",
        labels: &[(0, "none")],
        question: None,
    },
    Variable {
        name: "medarb",
        section: Section::Context,
        description: "Mediation or arbitration of disputes among members",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "source",
        section: Section::Context,
        description: "Source of the coding",
        labels: &[],
        question: None,
    },
    Variable {
        name: "new4",
        section: Section::Context,
        description: "Alliance new in ATOP version 4",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
    Variable {
        name: "rev4",
        section: Section::Context,
        description: "Coding revised in ATOP version 4",
        labels: &[(0, "no"), (1, "yes")],
        question: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_lower_case_and_labels_distinct() {
        for (i, v) in VARIABLES.iter().enumerate() {
            assert_eq!(v.name, v.name.to_ascii_lowercase());
            assert!(VARIABLES[..i].iter().all(|w| w.name != v.name), "{} twice", v.name);
            let mut codes: Vec<i32> = v.labels.iter().map(|(c, _)| *c).collect();
            codes.dedup();
            assert_eq!(codes.len(), v.labels.len(), "{}", v.name);
        }
        assert_eq!(
            variable("IntCom").map(|v| (v.section, v.question, v.label(1))),
            Some((Section::Institutionalization, Some(33), Some("yes")))
        );
        assert_eq!(variable("pubsecr").and_then(|v| v.label(2)), Some("entirely secret"));
        assert_eq!(variable("hinst").map(|v| v.section), Some(Section::Institutionalization));
        assert!(variable("mem1").is_none());
        // `formal` holds 0, 1 and 2 in atop4_01a.csv: a yes/no reading of it would be wrong.
        assert_eq!(variable("formal").map(|v| v.labels.len()), Some(0));
    }
}
