//! The data the explore page embeds, computed here so that the page only draws: states, the
//! typed multigraph edges with the days and years they count, the nodes, stable positions and
//! blocs of every year, and the palette of the PNG pictures.
//!
//! Encoding (compact JSON of integers): days are days since 1970-01-01 (negative before),
//! spans half-open `[start, end)` like [`crate::DateSpan`]; years are offsets from `first`;
//! positions are integers in `0..=1000` (the unit square of the layout, framed on every year).

use crate::error::QueryError;
use crate::graph::snapshot::map_years;
use crate::graph::{AllianceGraph, Snapshot, SystemFilter, Timeline, YearRule};
use crate::measures::blocs::{yearly_blocs, BlocRequest, BlocTable};
use crate::model::{DateSpan, DenseIndex, Layer, Obligation, ObligationSet};
use crate::plot::layout::{LayoutOptions, Point, YearLayout};
use crate::plot::style::{self, Region};
use chrono::NaiveDate;
use plotters::style::RGBColor;
use serde::Serialize;
use std::ops::RangeInclusive;

/// Everything the page draws, serialised into it as JSON.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageData {
    /// First year of the page.
    pub first: i32,
    /// Last year of the page.
    pub last: i32,
    /// Source caption, as under the PNG pictures.
    pub caption: String,
    /// When a tie counts in a year (the year rule and the system filter), as a sentence.
    pub rule: String,
    /// Layer names of the data's source ([`crate::MemberSource::layers`]; index 0 = any, then
    /// bit i-1 of a type set in `ep`).
    pub layers: Vec<&'static str>,
    /// Obligation names of the data's source, bit i of a type set in `ep` = `obligations[i]`.
    pub obligations: Vec<&'static str>,
    /// Per state (dense index): `[ccode, abbreviation, name, region index]`.
    pub states: Vec<(u16, String, String, usize)>,
    /// Region names (index = region index).
    pub regions: Vec<&'static str>,
    /// Per state: its COW system spells, flat `[start, end, start, end, …]` in days.
    pub system: Vec<Vec<i64>>,
    /// Alliance ids (ATOP `atopid`), sorted; edges refer to them by position.
    pub alliances: Vec<u32>,
    /// Edge endpoint a (dense index, smaller COW code); edges sorted by (a, b, alliance, start).
    pub ea: Vec<DenseIndex>,
    /// Edge endpoint b.
    pub eb: Vec<DenseIndex>,
    /// Edge alliance (position in `alliances`).
    pub el: Vec<u32>,
    /// Directed pledges: with n = `obligations.len()` (5 for ATOP), a's obligations toward b in
    /// bits 0..n, b's toward a in bits n..2n.
    pub ep: Vec<u16>,
    /// Per edge: the days it counts (flat `[start, end, …]`).
    pub ec: Vec<Vec<i64>>,
    /// Per edge: the years it counts under the year rule (flat inclusive `[from, to, …]`, offsets).
    pub ey: Vec<Vec<u32>>,
    /// Per year: the nodes (dense indices, sorted).
    pub nodes: Vec<Vec<DenseIndex>>,
    /// Per year: the nodes' positions, flat `[x, y, …]` in `0..=1000`, in `nodes` order.
    pub pos: Vec<Vec<u16>>,
    /// Per year: each node's bloc label (layer any), `-1` for a state alone in its bloc.
    pub bloc: Vec<Vec<i64>>,
    /// Per year: each node's bloc colour, an index into `palette.bloc` (`-1`: alone, neutral);
    /// chosen as the pictures choose them (a bloc keeps its colour of the year before).
    pub bloc_colour: Vec<Vec<i64>>,
    /// The state resolver's other names (`crate::model::state::STATE_ALIASES`): `[name, dense index]`,
    /// so the search box finds what the CLI finds.
    pub aliases: Vec<(&'static str, DenseIndex)>,
    /// Per layer: the largest degree over the years (node sizes compare across years).
    pub maxdeg: Vec<u32>,
    /// Colours (`#rrggbb`): edges per obligation, nodes per region, blocs (cycled), neutral.
    pub palette: Palette,
}

/// The colours of `src/plot/style.rs`, as CSS hex strings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Palette {
    /// Edge colour per obligation of `obligations`.
    pub obligation: Vec<String>,
    /// Node colour per region.
    pub region: Vec<String>,
    /// Bloc colours: the twelve of the pictures, then the colour of the blocs beyond them.
    pub bloc: Vec<String>,
    /// Nodes alone in their bloc.
    pub neutral: String,
}

/// Days since 1970-01-01.
fn day_number(d: NaiveDate) -> i64 {
    (d - NaiveDate::default()).num_days()
}

fn span_days(spans: &[DateSpan]) -> Vec<i64> {
    spans.iter().flat_map(|s| [day_number(s.start()), day_number(s.end())]).collect()
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The stable per-year positions of the network pictures (the `any` layer's [`YearLayout`]s,
/// the same places as `plot years`), with the states without a tie in rows under the drawing
/// (by region, then COW code), as in the pictures.
fn layout_positions(graph: &AllianceGraph, layouts: &[YearLayout]) -> Vec<Vec<Point>> {
    let states = &graph.data.states;
    layouts
        .iter()
        .map(|y| {
            let key = |i: usize| {
                let id = states.state(y.nodes[i]).id;
                (Region::of(id), id.0)
            };
            with_isolate_band(&y.points, key)
        })
        .collect()
}

/// Every node's place: laid-out nodes keep theirs; the others (no position) go, in `key` order,
/// into evenly spaced rows under the laid-out ones' bounding box.
fn with_isolate_band<K: Ord>(points: &[Option<Point>], key: impl Fn(usize) -> K) -> Vec<Point> {
    let placed: Vec<Point> = points.iter().flatten().copied().collect();
    let (mut x0, mut x1, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in &placed {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    if placed.is_empty() {
        (x0, x1, y1) = (0.0, 1.0, 0.0);
    }
    let width = (x1 - x0).max(1e-9);
    let mut band: Vec<usize> = (0..points.len()).filter(|&i| points[i].is_none()).collect();
    band.sort_by_key(|&i| key(i));
    // About as many columns as the drawing is wide in node spacings, at least 8.
    let columns = ((placed.len() as f64).sqrt().ceil() as usize * 2).max(8);
    let step = width / columns as f64;
    let mut out: Vec<Point> = points.iter().map(|p| p.unwrap_or([0.0, 0.0])).collect();
    for (k, &i) in band.iter().enumerate() {
        let (row, col) = (k / columns, k % columns);
        out[i] = [x0 + step * (col as f64 + 0.5), y1 + step * (row as f64 + 1.5)];
    }
    out
}

/// Computes the page data for `years` (every year of the timeline when `None`).
///
/// # Errors
/// [`QueryError::YearOutOfRange`] when `years` reaches outside the data.
pub fn page_data(
    graph: &AllianceGraph,
    timeline: &Timeline,
    years: Option<RangeInclusive<i32>>,
    seed: u64,
) -> Result<PageData, QueryError> {
    let years = timeline.select(years)?;
    let options = LayoutOptions { seed, ..LayoutOptions::default() };
    let layouts = crate::plot::layout::positions(graph, timeline, Layer::Any, years.clone(), &options)?;
    let blocs = yearly_blocs(graph, timeline, &BlocRequest { years: Some(years.clone()), seed, ..Default::default() })?;
    page_data_from(graph, timeline, &layouts, &blocs)
}

/// The page's data from the stable layouts of layer `any` ([`crate::plot::layout::positions`])
/// and the blocs ([`yearly_blocs`], layer `any`) of its years, computed by the caller (the
/// report shares them with its pictures and tables). The years are the layouts'.
///
/// # Errors
/// None in practice (the years are the timeline's own).
///
/// # Panics
/// When `layouts` is empty or `blocs` does not hold the same years (a caller bug).
pub fn page_data_from(
    graph: &AllianceGraph,
    timeline: &Timeline,
    layouts: &[YearLayout],
    blocs: &BlocTable<'_>,
) -> Result<PageData, QueryError> {
    let years = layouts[0].year..=layouts[layouts.len() - 1].year;
    assert!(
        blocs.years.iter().map(|b| b.year).eq(years.clone()),
        "page_data_from: the blocs' years must be the layouts'"
    );
    let (first, last) = (*years.start(), *years.end());
    let states = &graph.data.states;
    let state_rows = (0..states.len() as DenseIndex)
        .map(|v| {
            let s = states.state(v);
            let region = Region::ALL.iter().position(|&r| r == Region::of(s.id)).unwrap_or(Region::ALL.len() - 1);
            (s.id.0, s.abbr.clone(), s.name.clone(), region)
        })
        .collect();
    let system = graph.data.system.iter().map(|s| span_days(s)).collect();

    let edges = graph.edges();
    let mut alliances: Vec<u32> = edges.iter().map(|e| e.alliance.0).collect();
    alliances.sort_unstable();
    alliances.dedup();
    let mut ey: Vec<Vec<u32>> = vec![Vec::new(); edges.len()];
    let mut nodes = Vec::with_capacity(years.clone().count());
    for y in years.clone() {
        let off = (y - first) as u32;
        for &i in timeline.edges(y) {
            if let Some(spells) = ey.get_mut(i as usize) {
                match spells.last_mut() {
                    Some(to) if *to + 1 == off => *to = off,
                    _ => spells.extend([off, off]),
                }
            }
        }
        nodes.push(timeline.nodes(y).to_vec());
    }

    let positions = layout_positions(graph, layouts);
    let pos = frame(&positions);

    let bloc: Vec<Vec<i64>> = nodes
        .iter()
        .zip(&blocs.years)
        .map(|(year_nodes, b)| {
            let labels = alone_to_minus_one(&b.labels);
            year_nodes
                .iter()
                .map(|v| b.nodes.binary_search(v).ok().and_then(|i| labels.get(i).copied()).unwrap_or(-1))
                .collect()
        })
        .collect();
    // The pictures' colours: each year's blocs by size, keeping last year's colour.
    let mut previous = std::collections::BTreeMap::new();
    let mut bloc_colour = Vec::with_capacity(bloc.len());
    for year in &bloc {
        let labels: Vec<Option<u32>> = year.iter().map(|&l| u32::try_from(l).ok()).collect();
        let colours = crate::plot::network::bloc_colours(&labels, &previous, crate::plot::network::BLOC_PALETTE.len());
        bloc_colour.push(
            labels
                .iter()
                .map(|l| match l {
                    Some(l) => colours.get(l).map_or(style::BLOC_COLORS.len() as i64, |&c| c as i64),
                    None => -1,
                })
                .collect(),
        );
        previous = colours;
    }
    let states_index = &graph.data.states;
    let aliases = crate::model::state::STATE_ALIASES
        .iter()
        .filter_map(|&(name, code)| Some((name, states_index.index_of(crate::StateId(code))?)))
        .collect();

    let source = graph.data.source;
    let mut maxdeg = Vec::with_capacity(source.layers().len());
    for &layer in source.layers() {
        let per_year = map_years(graph, timeline, years.clone(), layer, |_: &mut (), _, snap: &Snapshot| {
            Ok::<u32, QueryError>(snap.degrees().into_iter().max().unwrap_or(0))
        })?;
        maxdeg.push(per_year.into_iter().max().unwrap_or(0));
    }

    Ok(PageData {
        first,
        last,
        caption: style::caption_of_source(&graph.data.member_file, source),
        rule: rule_sentence(timeline.rule(), graph.filter),
        layers: source.layers().iter().map(|l| l.name()).collect(),
        obligations: source.obligations().iter().map(|o| o.name()).collect(),
        states: state_rows,
        regions: Region::ALL.iter().map(|r| r.name()).collect(),
        system,
        alliances: alliances.clone(),
        ea: edges.iter().map(|e| e.a).collect(),
        eb: edges.iter().map(|e| e.b).collect(),
        el: edges.iter().map(|e| alliances.binary_search(&e.alliance.0).unwrap_or(0) as u32).collect(),
        ep: edges
            .iter()
            .map(|e| {
                let n = source.obligations().len();
                packed(e.a_obligations, source.obligations()) | (packed(e.b_obligations, source.obligations()) << n)
            })
            .collect(),
        ec: (0..edges.len()).map(|i| span_days(graph.counted(i))).collect(),
        ey,
        nodes,
        pos,
        bloc,
        bloc_colour,
        aliases,
        maxdeg,
        palette: Palette {
            obligation: source.obligations().iter().map(|&o| hex(style::obligation_color(o))).collect(),
            region: Region::ALL.iter().map(|r| hex(r.color())).collect(),
            bloc: style::BLOC_COLORS.iter().chain([&style::OTHER_BLOC]).map(|&c| hex(c)).collect(),
            neutral: hex(style::NEUTRAL),
        },
    })
}

/// `set` as bits of positions in `list` (bit i = `list[i]`); types not in the list are dropped.
/// For ATOP's list these are the set's own bits.
fn packed(set: ObligationSet, list: &[Obligation]) -> u16 {
    list.iter().enumerate().filter(|(_, &o)| set.contains(o)).fold(0, |bits, (i, _)| bits | (1 << i))
}

/// "A tie counts in a year when …" for the page's notes.
fn rule_sentence(rule: YearRule, filter: SystemFilter) -> String {
    let when = match rule {
        YearRule::Any => "on at least one day of the year",
        YearRule::End => "on 31 December",
        YearRule::Start => "on 1 January",
    };
    let states = match filter {
        SystemFilter::Cow => " while both states are in the COW system",
        SystemFilter::None | SystemFilter::Atop => "",
    };
    format!("Ties: alliances in force {when}{states}.")
}

/// Frames every year's positions on their common bounding box (as the pictures' camera does)
/// and rounds them to integers in `0..=1000`.
fn frame(positions: &[Vec<Point>]) -> Vec<Vec<u16>> {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in positions.iter().flatten() {
        for i in 0..2 {
            lo[i] = lo[i].min(p[i]);
            hi[i] = hi[i].max(p[i]);
        }
    }
    let scale = |v: f64, i: usize| {
        let span = hi[i] - lo[i];
        let unit = if span > 1e-9 { ((v - lo[i]) / span).clamp(0.0, 1.0) } else { 0.5 };
        (unit * 1000.0).round() as u16
    };
    positions.iter().map(|year| year.iter().flat_map(|p| [scale(p[0], 0), scale(p[1], 1)]).collect()).collect()
}

/// Labels of one-member blocs become -1 (drawn grey, as in the pictures).
fn alone_to_minus_one(labels: &[u32]) -> Vec<i64> {
    let mut sorted = labels.to_vec();
    sorted.sort_unstable();
    let count = |l: u32| sorted.partition_point(|&x| x <= l) - sorted.partition_point(|&x| x < l);
    labels.iter().map(|&l| if count(l) > 1 { i64::from(l) } else { -1 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Source;
    use crate::{Dataset, Inputs, LoadOptions};

    /// USA (2) and UKG (200) always in the system; GMY (255) out 1945-05-08..1955-05-05.
    /// 1001: USA–UKG defense both ways, 1950-03-01..1960-01-01. 1002: UKG consultation toward
    /// GMY, GMY nonaggression toward UKG, 1940-01-01..1950-01-01 (counts until GMY leaves).
    #[test]
    fn page_data_of_a_hand_made_graph() {
        let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
GMY,255,Germany,1816,1,1,1945,5,7,2016
GMY,255,Germany,1955,5,5,2016,12,31,2016
";
        let members = concat!(
            "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense,offense,neutral,nonagg,consul\n",
            "1001,2,1950,3,1,1960,1,1,1,1,0,0,0,0\n1001,200,1950,3,1,1960,1,1,1,1,0,0,0,0\n",
            "1002,200,1940,1,1,1950,1,1,1,0,0,0,0,1\n1002,255,1940,1,1,1950,1,1,1,0,0,0,1,0\n"
        );
        let inputs = Inputs {
            members: Source::Embedded { name: "m.csv", text: members },
            states: Source::Embedded { name: "s.csv", text: states },
            alliances: None,
        };
        let (data, mut diag) =
            Dataset::load(&inputs, &LoadOptions { data_end: Some(2016), ..Default::default() }).unwrap();
        let g = AllianceGraph::build(data, SystemFilter::Cow, &mut diag);
        let t = Timeline::new(&g);
        let d = page_data(&g, &t, Some(1930..=1960), 0).unwrap();
        let day = |y, m, dd| day_number(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        assert_eq!((d.first, d.last), (1930, 1960));
        assert_eq!(d.alliances, [1001, 1002]);
        // Dense indices: USA 0, UKG 1, GMY 2.
        assert_eq!((d.ea.clone(), d.eb.clone(), d.el.clone()), (vec![0, 1], vec![1, 2], vec![0, 1]));
        // Defense = bit 0 both ways: 1 | 1 << 5; UKG consultation (bit 4) toward GMY, GMY
        // nonaggression (bit 3) toward UKG: 16 | 8 << 5.
        assert_eq!(d.ep, [33, 16 + 256]);
        assert_eq!(d.ec, [vec![day(1950, 3, 1), day(1960, 1, 1)], vec![day(1940, 1, 1), day(1945, 5, 8)]]);
        // 1950..=1959 and 1940..=1945, as offsets from 1930.
        assert_eq!(d.ey, [vec![20, 29], vec![10, 15]]);
        assert_eq!((d.nodes[15].clone(), d.nodes[20].clone()), (vec![0, 1, 2], vec![0, 1]));
        assert_eq!(d.nodes.len(), 31);
        for (n, p) in d.nodes.iter().zip(&d.pos) {
            assert_eq!(p.len(), 2 * n.len());
            assert!(p.iter().all(|&x| x <= 1000));
        }
        // 1955: USA and UKG one bloc, GMY (back in May) alone.
        let b = &d.bloc[25];
        assert_eq!((b.len(), b[0] == b[1], b[0] >= 0, b[2]), (3, true, true, -1));
        // Largest degree per layer: any, defense, offense, neutrality, nonaggression, consultation.
        assert_eq!(d.maxdeg, [1, 1, 0, 0, 1, 1]);
        assert_eq!(d.states[2], (255, "GMY".to_string(), "Germany".to_string(), 1));
        assert_eq!(d.system[2].len(), 4, "two system spells");
        assert_eq!(d.palette.obligation[0], "#870b0d");
        assert_eq!(
            d.rule,
            "Ties: alliances in force on at least one day of the year while both states are in the COW system."
        );
        assert_eq!(rule_sentence(YearRule::End, SystemFilter::None), "Ties: alliances in force on 31 December.");
    }

    #[test]
    fn days_count_from_1970_and_lone_blocs_are_grey() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(day_number(d(1970, 1, 2)), 1);
        assert_eq!(day_number(d(1969, 12, 31)), -1);
        // 70 years of 365 days and 17 leap days (1904..=1968).
        assert_eq!(day_number(d(1900, 1, 1)), -25567);
        assert_eq!(alone_to_minus_one(&[3, 5, 3, 7]), vec![3, -1, 3, -1]);
        assert_eq!(hex(RGBColor(0xD5, 0x5E, 0x00)), "#d55e00");
    }

    #[test]
    fn frame_maps_the_common_box_onto_0_1000() {
        let p = vec![vec![[0.2, 0.5], [0.6, 0.9]], vec![[0.4, 0.7]]];
        assert_eq!(frame(&p), vec![vec![0, 0, 1000, 1000], vec![500, 500]]);
    }
}
