//! Development zones and names that begin with a stand-in for a division.
//!
//! A zone named after its place (如皋高新区, 江苏高淳经济开发区, 五象新区) speaks
//! like a district: it becomes a place of the document, a division that lies in
//! the division its name holds. A name that begins with 县, 区 or 市 standing for
//! a division (县科技局, 市科技局, 县高新区) takes the name of the nearest such
//! division the text named before it (临澧县科技局, 益阳市科技局, 临澧高新区).

use super::gazetteer::{clean_left, Entry, Gazetteer, Level};
use super::lexicon::{lexicon, ZoneHead};
use super::places::Places;
use super::text::is_han;
use super::Candidate;
use crate::class::Class;
use crate::vocab::{iri_segment, ID};
use std::collections::HashSet;

/// Characters that stand for the division of their level (县科技局: the county's bureau).
pub const STAND_INS: [char; 4] = ['省', '市', '区', '县'];

/// Does the character at `at` (one of [`STAND_INS`]) stand for a division: not
/// part of a word with the character before or after it (园区, 全市, 市场), and
/// after a clean left edge (a verb or a function word: 带领县科技局, 在市科技局)?
pub fn stands_in(text: &str, at: usize) -> bool {
    let lx = lexicon();
    let Some(c) = text[at..].chars().next() else {
        return false;
    };
    let prev = super::text::prev_char(text, at);
    let next = text[at + c.len_utf8()..].chars().next();
    let word = |a: char, b: char| {
        lx.not_stand_ins
            .contains(&[a, b].iter().collect::<String>())
    };
    !(prev.is_some_and(|p| word(p, c)) || next.is_some_and(|n| word(c, n))) && clean_left(text, at)
}

/// Names that begin with a stand-in for a division: 县科技局, 区人民政府, 县高新区.
/// The label is settled by [`settle`], once the divisions of the text are known.
pub fn prefixed(text: &str) -> Vec<Candidate> {
    let lx = lexicon();
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        // 园区科技局, 全市科技局: the character is part of a word of its own;
        // 临澧县科技局: a division's name ends here (its agency is the agencies pass's)
        if !STAND_INS.contains(&c) || !stands_in(text, at) {
            continue;
        }
        let rest = &text[at + c.len_utf8()..];
        let found = lx
            .agency_suffixes
            .iter()
            .find(|s| rest.starts_with(**s))
            .map(|s| (s.len(), Class::Agency))
            .or_else(|| {
                lx.zone_heads
                    .iter()
                    .find(|z| z.needs_division && rest.starts_with(z.head))
                    .map(|z| (z.head.len(), Class::DevelopmentZone))
            });
        let Some((len, class)) = found else { continue };
        let end = at + c.len_utf8() + len;
        // 区政府工作报告, 市场: part of a longer word
        if text[end..].starts_with("工作")
            || class == Class::DevelopmentZone
                && text[end..].starts_with(is_han)
                && !continues_with_people(&text[end..])
        {
            continue;
        }
        let mut cand = Candidate::rule(at, end, &text[at..end], class, "division-prefix", 0.75);
        cand.note = Some(c.to_string());
        cand.scoped = true;
        out.push(cand);
    }
    out
}

/// Does the text after a stand-in zone (县高新区负责人) go on with the people
/// who speak for it, a title of office, rather than more of a longer name?
fn continues_with_people(after: &str) -> bool {
    let lx = lexicon();
    after.starts_with("负责人") || lx.roles.iter().any(|r| after.starts_with(r))
}

/// The zone head a name ends with, if any.
fn zone_head(label: &str) -> Option<&'static ZoneHead> {
    lexicon()
        .zone_heads
        .iter()
        .find(|z| label.ends_with(z.head))
}

/// A division's name without its level (临澧县 → 临澧, 如皋市 → 如皋), for a zone named after it.
fn short_name(label: &str) -> &str {
    for suf in ["自治县", "县", "市", "区"] {
        if let Some(s) = label.strip_suffix(suf) {
            if s.chars().count() >= 2 {
                return s;
            }
        }
    }
    label
}

/// The entry of a zone called `label` that lies in `parent`.
fn zone_entry(places: &Places, label: &str, surface: &str, parent: Option<usize>) -> Entry {
    let scope = parent
        .map(|p| {
            places
                .entry(p)
                .iri
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_else(|| "zone".to_string());
    Entry {
        label: label.to_string(),
        class: Class::DevelopmentZone,
        iri: format!("{ID}division/{scope}/{}", iri_segment(label)),
        aliases: if surface != label {
            vec![surface.to_string()]
        } else {
            Vec::new()
        },
        parent,
        level: Level::Zone,
    }
}

/// Settles zones and stand-in names among the selected `mentions` (sorted by
/// start): zones become places of the document, stand-ins take the name of their division.
pub fn settle(
    places: &mut Places,
    context: &HashSet<usize>,
    text: &str,
    mentions: &mut Vec<Candidate>,
) {
    let mut inner = Vec::new();
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.rule == "division-prefix" {
            settle_prefixed(places, mentions, k);
        } else if m.rule == "dict:township" {
            settle_township(places, mentions, k);
        } else if m.entry.is_none() && matches!(m.class, Class::Platform) {
            inner.extend(settle_zone(places, context, text, mentions, k));
        } else if m.class == Class::Agency && m.of.is_none() {
            // 南宁市良庆区科学技术局, 中共山东省委组织部: the division its name holds
            let name = m.label.trim_start_matches("中共").to_string();
            mentions[k].of = division_in_name(places, context, &name);
        }
    }
    // the divisions a zone's name holds are named by the text (重庆 of 重庆高新区)
    if !inner.is_empty() {
        let have: HashSet<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
        mentions.extend(
            inner
                .into_iter()
                .filter(|c| !have.contains(&(c.start, c.end))),
        );
        mentions.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    }
}

/// Stand-ins the text's earlier divisions did not settle (区科技局 before any
/// division is named) take the division speaking at their place, or its city or
/// province (市政府 in a zone's text: the city the zone lies in).
pub fn settle_late(places: &mut Places, mentions: &mut [Candidate], governing: &[Option<usize>]) {
    for (m, gov) in mentions.iter_mut().zip(governing) {
        if m.rule != "division-prefix" || m.of.is_some() {
            continue;
        }
        let Some(stand_in) = m.note.as_deref().and_then(|n| n.chars().next()) else {
            continue;
        };
        let Some(d) = gov.and_then(|d| {
            std::iter::once(d).chain(places.ancestors(d)).find(|&i| {
                places.entry(i).level != Level::Zone && places.entry(i).label.ends_with(stand_in)
            })
        }) else {
            continue;
        };
        name_after(places, m, d);
    }
}

/// 县科技局 → 临澧县科技局: the nearest division before it whose name ends in the stand-in.
fn settle_prefixed(places: &mut Places, mentions: &mut [Candidate], k: usize) {
    let m = &mentions[k];
    let Some(stand_in) = m.note.as_deref().and_then(|n| n.chars().next()) else {
        return;
    };
    let division = mentions[..k]
        .iter()
        .rev()
        .filter_map(|o| o.entry.filter(|&i| places.is_division(i)).or(o.of))
        .find(|&i| {
            let e = places.entry(i);
            e.level != Level::Zone && e.label.ends_with(stand_in)
        });
    let Some(d) = division else { return };
    name_after(places, &mut mentions[k], d);
}

/// Names a stand-in mention after division `d`: 县科技局 → 临澧县科技局, 县高新区 → 临澧高新技术产业开发区.
fn name_after(places: &mut Places, m: &mut Candidate, d: usize) {
    let rest: String = m.label.chars().skip(1).collect();
    let div_label = places.entry(d).label.clone();
    m.note = None;
    m.of = Some(d);
    m.scoped = false;
    if m.class == Class::DevelopmentZone {
        let full = zone_head(&rest).map_or(rest.clone(), |z| {
            format!("{}{}", &rest[..rest.len() - z.head.len()], z.full)
        });
        let label = format!("{}{full}", short_name(&div_label));
        let surface = m.label.clone();
        m.entry = Some(places.add(zone_entry(places, &label, &surface, Some(d))));
        m.label = label;
    } else {
        m.label = agency_label(&div_label, &rest);
    }
}

/// An agency's name from its division's and its own words: 政府 is the people's
/// government (西湖区政府 → 西湖区人民政府), as its official name says.
pub fn agency_label(division: &str, rest: &str) -> String {
    match rest.strip_suffix("政府") {
        Some("") => format!("{division}人民政府"),
        _ => format!("{division}{rest}"),
    }
}

/// 城南街道 of several counties: the township of the nearest county or zone named before it.
fn settle_township(places: &mut Places, mentions: &mut [Candidate], k: usize) {
    let parent = mentions[..k]
        .iter()
        .rev()
        .filter_map(|o| o.entry.filter(|&i| places.is_division(i)))
        .find(|&i| {
            matches!(
                places.entry(i).level,
                Level::County | Level::Zone | Level::Prefecture
            )
        });
    let m = &mentions[k];
    let scope = parent.map_or_else(
        || "township".to_string(),
        |p| {
            places
                .entry(p)
                .iri
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        },
    );
    let entry = Entry {
        label: m.label.clone(),
        class: Class::AdministrativeDivision,
        iri: format!("{ID}division/{scope}/{}", iri_segment(&m.label)),
        aliases: Vec::new(),
        parent,
        level: Level::Township,
    };
    let i = places.add(entry);
    let m = &mut mentions[k];
    m.entry = Some(i);
    m.of = parent;
}

/// 如皋高新区, 江苏高淳经济开发区, 五象新区: a zone named after its place.
/// Returns mentions of the divisions its name holds.
fn settle_zone(
    places: &mut Places,
    context: &HashSet<usize>,
    text: &str,
    mentions: &mut [Candidate],
    k: usize,
) -> Vec<Candidate> {
    let Some(z) = zone_head(&mentions[k].label) else {
        return Vec::new();
    };
    let Some(entry) = zone_named(places, context, &mentions[k].label, z) else {
        return Vec::new();
    };
    let m = &mut mentions[k];
    let surface = &text[m.start..m.end];
    let modifier = surface.rfind(z.head).map_or("", |p| &surface[..p]);
    let g = places.gazetteer;
    let inner = divisions_in(g, context, modifier)
        .into_iter()
        .map(|(s, e, i)| {
            let mut c = Candidate::rule(
                m.start + s,
                m.start + e,
                &g.entries[i].label,
                Class::AdministrativeDivision,
                "dict:division-in-name",
                0.8,
            );
            c.label = g.entries[i].label.clone();
            c.entry = Some(i);
            c
        })
        .collect();
    m.label = places.entry(entry).label.clone();
    m.entry = Some(entry);
    m.class = Class::DevelopmentZone;
    m.of = places.entry(entry).parent;
    m.scoped = false;
    inner
}

/// The zone `name` names (it ends with the zone head `z`), added to the places:
/// the divisions in its modifier give where it lies (江苏高淳经济开发区 in 高淳区),
/// the first of them starts its name (西部科学城重庆高新区 is 重庆高新技术产业开发区).
/// A zone whose head needs no division may be named by a bare place (五象新区).
fn zone_named(
    places: &mut Places,
    context: &HashSet<usize>,
    name: &str,
    z: &ZoneHead,
) -> Option<usize> {
    let modifier = &name[..name.len() - z.head.len()];
    let inside = divisions_in(places.gazetteer, context, modifier);
    let (label, parent) = match (inside.first(), inside.last()) {
        (Some(&(first, _, _)), Some(&(_, _, parent))) => (expand(&name[first..], z), Some(parent)),
        _ => {
            let n = modifier.chars().count();
            let bare = modifier.chars().all(is_han)
                && (2..=4).contains(&n)
                && !modifier.contains("国家")
                && !modifier.ends_with('级')
                && !super::text::is_generic(modifier, &|_| false);
            if z.needs_division || !bare {
                return None;
            }
            (expand(name, z), None)
        }
    };
    let label = super::text::canonical_label(&label);
    Some(places.add(zone_entry(places, &label, name, parent)))
}

/// The divisions named inside `s` (start, end, entry), leftmost-longest, whatever
/// stands around them: inside a name no boundary is needed (西部科学城重庆高新区).
/// An ambiguous name takes the entry the document's `context` makes likely, or none.
fn divisions_in(g: &Gazetteer, context: &HashSet<usize>, s: &str) -> Vec<(usize, usize, usize)> {
    let bounds: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k + 2 < bounds.len() {
        let at = bounds[k];
        // names of two to twelve characters, the longest first
        let found = (k + 2..bounds.len().min(k + 13)).rev().find_map(|e| {
            let (_, entries) = g.lookup(&s[at..bounds[e]])?;
            let divs: Vec<usize> = entries
                .iter()
                .copied()
                .filter(|&i| g.entries[i].class == Class::AdministrativeDivision)
                .collect();
            let pick = match divs.len() {
                0 => None,
                1 => Some(divs[0]),
                _ => divs.iter().copied().find(|&i| {
                    context.contains(&i) || g.ancestors(i).iter().any(|a| context.contains(a))
                }),
            };
            pick.map(|i| (e, i))
        });
        match found {
            Some((e, i)) => {
                out.push((at, bounds[e], i));
                k = e;
            }
            None => k += 1,
        }
    }
    out
}

/// The division or zone a name begins with, for an agency or a publisher:
/// 重庆高新技术产业开发区管理委员会办公室 → the zone 重庆高新技术产业开发区,
/// 南宁市良庆区科学技术局 → 良庆区. A zone is added to the places.
pub fn division_in_name(
    places: &mut Places,
    context: &HashSet<usize>,
    name: &str,
) -> Option<usize> {
    for z in &lexicon().zone_heads {
        if let Some(p) = name.find(z.head) {
            let zone_name = &name[..p + z.head.len()];
            if let Some(e) = zone_named(places, context, zone_name, z) {
                return Some(e);
            }
        }
    }
    // the run of divisions the name opens with: its last is the agency's own
    let mut pos = 0;
    let mut own = None;
    for (at, end, i) in divisions_in(places.gazetteer, context, name) {
        if at != pos {
            break;
        }
        own = Some(i);
        pos = end;
    }
    own
}

/// The zone's name with the long form of its head (重庆高新区 → 重庆高新技术产业开发区).
fn expand(name: &str, z: &ZoneHead) -> String {
    match name.strip_suffix(z.head) {
        Some(stem) => format!("{stem}{}", z.full),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::read::Document;
    use std::path::Path;

    fn zones(text: &str) -> Vec<String> {
        let ex = Extractor::new();
        let doc = Document::from_text("t.txt", Path::new("t.txt"), text.to_string());
        let x = ex.extract(&doc);
        let g = &ex.gazetteer;
        let places = crate::extract::places::Places::with_local(g, x.places.clone());
        x.mentions
            .iter()
            .filter(|m| {
                matches!(
                    m.class,
                    crate::class::Class::DevelopmentZone | crate::class::Class::Agency
                )
            })
            .map(|m| {
                let of =
                    m.of.map(|d| places.entry(d).label.clone())
                        .unwrap_or_default();
                format!("{}:{}<{}", m.class, m.label, of)
            })
            .collect()
    }

    #[test]
    fn zones_and_stand_ins() {
        let cases: &[(&str, &[&str])] = &[
            (
                "江苏高淳经济开发区成立于1992年。",
                &["DevelopmentZone:江苏高淳经济开发区<高淳区"],
            ),
            (
                "如皋高新区2024年工作规划",
                &["DevelopmentZone:如皋高新技术产业开发区<如皋市"],
            ),
            (
                "临澧县人民政府副县长带领县科技局、县高新区负责人来到益阳市，在市科技局座谈。",
                &[
                    "Agency:临澧县人民政府<临澧县",
                    "Agency:临澧县科技局<临澧县",
                    "DevelopmentZone:临澧高新技术产业开发区<临澧县",
                    "Agency:益阳市科技局<益阳市",
                ],
            ),
            ("五象新区仅用五年时间", &["DevelopmentZone:五象新区<"]),
            ("郑洛新国家自主创新示范区建设", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(zones(text), *want, "{text}");
        }
    }
}
