//! Development zones and names that begin with a stand-in for a division.
//!
//! A zone named after its place (如皋高新区, 江苏高淳经济开发区, 五象新区) speaks
//! like a district: it becomes a place of the document, a division that lies in
//! the division its name holds. A name that begins with 县, 区 or 市 standing for
//! a division (县科技局, 市科技局, 县高新区) takes the name of the nearest such
//! division the text named before it (临澧县科技局, 益阳市科技局, 临澧高新区).

use super::gazetteer::{clean_left, Entry, Level};
use super::lexicon::{lexicon, ZoneHead};
use super::places::Places;
use super::text::is_han;
use super::Candidate;
use crate::class::Class;
use crate::vocab::{iri_segment, ID};

/// Characters that stand for the division of their level (县科技局: the county's bureau).
const STAND_INS: [char; 4] = ['省', '市', '区', '县'];

/// Names that begin with a stand-in for a division: 县科技局, 区人民政府, 县高新区.
/// The label is settled by [`settle`], once the divisions of the text are known.
pub fn prefixed(text: &str) -> Vec<Candidate> {
    let lx = lexicon();
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        if !STAND_INS.contains(&c) {
            continue;
        }
        // 园区科技局, 全市科技局: the character is part of a word of its own
        let prev = super::text::prev_char(text, at);
        let word_before = prev.is_some_and(|p| {
            let w: String = [p, c].iter().collect();
            lx.not_stand_ins.contains(&w)
        });
        // 临澧县科技局: a division's name ends here (its agency is the agencies
        // pass's); 带领县科技局, 在市科技局: a verb or a function word before it
        if word_before || !clean_left(text, at) {
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
        if text[end..].starts_with("工作") || text[end..].starts_with(is_han) && class == Class::DevelopmentZone {
            continue;
        }
        let mut cand = Candidate::rule(at, end, &text[at..end], class, "division-prefix", 0.75);
        cand.note = Some(c.to_string());
        cand.scoped = true;
        out.push(cand);
    }
    out
}

/// The zone head a name ends with, if any.
fn zone_head(label: &str) -> Option<&'static ZoneHead> {
    lexicon().zone_heads.iter().find(|z| label.ends_with(z.head))
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
pub fn settle(places: &mut Places, text: &str, mentions: &mut [Candidate]) {
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.rule == "division-prefix" {
            settle_prefixed(places, mentions, k);
        } else if m.entry.is_none() && matches!(m.class, Class::Platform) {
            settle_zone(places, text, mentions, k);
        }
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
    let rest: String = m.label.chars().skip(1).collect();
    let div_label = places.entry(d).label.clone();
    let m = &mut mentions[k];
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
        m.label = format!("{div_label}{rest}");
    }
}

/// 如皋高新区, 江苏高淳经济开发区, 五象新区: a zone named after its place.
fn settle_zone(places: &mut Places, text: &str, mentions: &mut [Candidate], k: usize) {
    let m = &mentions[k];
    let Some(z) = zone_head(&m.label) else { return };
    // the divisions named inside it: the first starts the zone's name, the last is where it lies
    let inside: Vec<(usize, usize)> = mentions[k + 1..]
        .iter()
        .take_while(|o| o.start < m.end)
        .filter(|o| o.end <= m.end)
        .filter_map(|o| o.entry.filter(|&i| places.is_division(i)).map(|i| (o.start, i)))
        .collect();
    let surface = m.label.clone();
    let (label, parent) = match (inside.first(), inside.last()) {
        (Some(&(first, _)), Some(&(_, parent))) => {
            let name = super::text::canonical_label(&text[first..m.end]);
            (expand(&name, z), Some(parent))
        }
        _ => {
            let modifier = &m.label[..m.label.len() - z.head.len()];
            let n = modifier.chars().count();
            let bare = modifier.chars().all(is_han)
                && (2..=4).contains(&n)
                && !modifier.contains("国家")
                && !modifier.ends_with('级')
                && !super::text::is_generic(modifier, &|_| false);
            if z.needs_division || !bare {
                return;
            }
            (expand(&m.label, z), None)
        }
    };
    let entry = places.add(zone_entry(places, &label, &surface, parent));
    let m = &mut mentions[k];
    m.entry = Some(entry);
    m.class = Class::DevelopmentZone;
    m.label = label;
    m.of = parent;
    m.scoped = false;
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
            .filter(|m| matches!(m.class, crate::class::Class::DevelopmentZone | crate::class::Class::Agency))
            .map(|m| {
                let of = m.of.map(|d| places.entry(d).label.clone()).unwrap_or_default();
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
