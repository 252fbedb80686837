//! Dictionaries of known names (from public lists in `data/`) and their matcher.

use super::text::{ends_with_governing, is_han, is_left_stop, prev_char};
use crate::class::Class;
use crate::vocab::{iri_segment, ID};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
// FxHash: keys are our own dictionary words, looked up for every candidate word
use rustc_hash::FxHashMap as HashMap;

const DIVISIONS: &str = include_str!("../../data/divisions.tsv");
const ABBREVIATIONS: &str = include_str!("../../data/division_abbreviations.tsv");
const INSTITUTIONS: &str = include_str!("../../data/institutions.tsv");
const FINANCE: &str = include_str!("../../data/finance.tsv");
const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const REGIONS: &str = include_str!("../../data/regions.tsv");
const INDUSTRIES: &str = include_str!("../../data/industries.tsv");
const SURNAMES: &str = include_str!("../../data/surnames.txt");
const TRADITIONAL: &str = include_str!("../../data/traditional_simplified.tsv");

/// Every dictionary compiled in (for the extractor's fingerprint).
pub const DATA: &[&str] = &[
    DIVISIONS,
    ABBREVIATIONS,
    INSTITUTIONS,
    FINANCE,
    COUNTRIES,
    REGIONS,
    INDUSTRIES,
    SURNAMES,
    TRADITIONAL,
];

/// Level of an administrative division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Country,
    Province,
    Prefecture,
    County,
    /// A development zone (below the county or city it lies in).
    Zone,
    /// A town, township or subdistrict (街道, 镇, 乡).
    Township,
    None,
}

/// One known entity.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: String,
    pub class: Class,
    pub iri: String,
    pub aliases: Vec<String>,
    /// Containing entry (a division's parent, a CAS institute's academy).
    pub parent: Option<usize>,
    pub level: Level,
}

/// How a surface form names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// The full name.
    Full,
    /// A listed alias or derived short form; needs a clean left boundary.
    Short,
    /// A one-character abbreviation; needs a governing context.
    Abbreviation,
}

/// A dictionary hit in a text (byte offsets).
#[derive(Debug, Clone, Copy)]
pub struct Hit<'g> {
    pub start: usize,
    pub end: usize,
    /// Candidate entries; more than one when the surface is ambiguous.
    pub entries: &'g [usize],
    pub surface: Surface,
}

/// The dictionaries and an Aho-Corasick matcher over every surface form.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    patterns: Vec<(Surface, Vec<usize>)>,
    matcher: AhoCorasick,
    by_label: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    surfaces: HashMap<String, usize>,
}

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

/// The divisions of the bundled list, the country as a whole, and the index
/// of each by its code.
fn division_entries() -> (Vec<Entry>, HashMap<String, usize>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_code = HashMap::default();
    let mut parents: Vec<(usize, String)> = Vec::new();
    for r in rows(DIVISIONS) {
        let [code, name, level, parent, aliases, ..] = r[..] else {
            continue;
        };
        let level = match level {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            "township" => Level::Township,
            _ => Level::County,
        };
        by_code.insert(code.to_string(), entries.len());
        if !parent.is_empty() {
            parents.push((entries.len(), parent.to_string()));
        }
        entries.push(Entry {
            label: name.to_string(),
            class: Class::AdministrativeDivision,
            iri: format!("{ID}division/{code}"),
            aliases: split_aliases(aliases),
            parent: None,
            level,
        });
    }
    // the country as a whole, for national documents (国务院政府工作报告); matched by full name only
    by_code.insert("100000".to_string(), entries.len());
    entries.push(Entry {
        label: "中华人民共和国".to_string(),
        class: Class::AdministrativeDivision,
        iri: format!("{ID}division/100000"),
        aliases: Vec::new(),
        parent: None,
        level: Level::Country,
    });
    for (child, code) in parents {
        entries[child].parent = by_code.get(&code).copied();
    }
    (entries, by_code)
}

/// The entries of the other bundled lists: institutions (the CAS institutes
/// part of the academy), banks and funds, countries, regions, industries.
fn list_entries(entries: &mut Vec<Entry>) {
    let mut academy = None;
    let mut cas_children = Vec::new();
    for r in rows(INSTITUTIONS) {
        let [name, class, aliases, part_of, ..] = r[..] else {
            continue;
        };
        let class = Class::parse(class).unwrap_or(Class::Institution);
        if name == "中国科学院" {
            academy = Some(entries.len());
        } else if part_of == "中国科学院" {
            cas_children.push(entries.len());
        }
        entries.push(plain_entry(name, class, aliases));
    }
    for c in cas_children {
        entries[c].parent = academy;
    }
    for r in rows(FINANCE) {
        let [name, class, aliases, ..] = r[..] else {
            continue;
        };
        entries.push(plain_entry(
            name,
            Class::parse(class).unwrap_or(Class::Enterprise),
            aliases,
        ));
    }
    for (tsv, class) in [
        (COUNTRIES, Class::Country),
        (REGIONS, Class::Region),
        (INDUSTRIES, Class::Industry),
    ] {
        for r in rows(tsv) {
            let [name, aliases, ..] = r[..] else { continue };
            entries.push(plain_entry(name, class, aliases));
        }
    }
}

/// Every surface of every entry: labels and long aliases as full names, short
/// aliases and abbreviations as short forms; a full name beats a short form of
/// another entry.
fn surfaces(
    entries: &[Entry],
    by_code: &HashMap<String, usize>,
) -> HashMap<String, (Surface, Vec<usize>)> {
    let mut surfaces: HashMap<String, (Surface, Vec<usize>)> = HashMap::default();
    let mut add = |s: &str, kind: Surface, i: usize| {
        let e = surfaces.entry(s.to_string()).or_insert((kind, Vec::new()));
        // a full name beats a short form of another entry
        if kind == Surface::Full && e.0 != Surface::Full {
            *e = (Surface::Full, Vec::new());
        }
        if e.0 == kind && !e.1.contains(&i) {
            e.1.push(i);
        }
    };
    for (i, e) in entries.iter().enumerate() {
        add(&e.label, Surface::Full, i);
    }
    for (i, e) in entries.iter().enumerate() {
        for a in &e.aliases {
            // long aliases are names in their own right
            let kind = if a.chars().count() >= 4 {
                Surface::Full
            } else {
                Surface::Short
            };
            add(a, kind, i);
        }
    }
    for r in rows(ABBREVIATIONS) {
        let [abbr, code, ..] = r[..] else { continue };
        if let Some(&i) = by_code.get(code) {
            add(abbr, Surface::Abbreviation, i);
        }
    }
    surfaces
}

impl Gazetteer {
    /// Loads the dictionaries bundled in the binary.
    pub fn bundled() -> Gazetteer {
        let (mut entries, by_code) = division_entries();
        list_entries(&mut entries);
        let surfaces = surfaces(&entries, &by_code);
        let mut list: Vec<(String, (Surface, Vec<usize>))> = surfaces.into_iter().collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(list.iter().map(|(s, _)| s.as_str()))
            .expect("dictionary patterns are plain strings, which always build");
        let surfaces_idx = list
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.clone(), i))
            .collect();
        let by_label = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (e.label.clone(), i))
            .collect();
        Gazetteer {
            entries,
            patterns: list.into_iter().map(|(_, v)| v).collect(),
            matcher,
            by_label,
            by_code,
            surfaces: surfaces_idx,
        }
    }

    /// Entry by exact canonical label.
    pub fn by_label(&self, label: &str) -> Option<usize> {
        self.by_label.get(label).copied()
    }

    /// Division entry by statistical code.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Entries a whole string names (full name or alias), if it is a known surface.
    pub fn lookup(&self, s: &str) -> Option<(Surface, &[usize])> {
        let i = *self.surfaces.get(s)?;
        let (kind, v) = &self.patterns[i];
        Some((*kind, v.as_slice()))
    }

    /// Is `w` a known industry name or alias?
    pub fn is_industry(&self, w: &str) -> bool {
        self.lookup(w)
            .is_some_and(|(_, v)| v.iter().any(|&i| self.entries[i].class == Class::Industry))
    }

    /// Ancestors of a division entry, nearest first.
    pub fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while let Some(p) = self.entries[i].parent {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            i = p;
        }
        out
    }

    /// Are two entries the same or one inside the other?
    pub fn nested(&self, a: usize, b: usize) -> bool {
        a == b || self.ancestors(a).contains(&b) || self.ancestors(b).contains(&a)
    }

    /// Finds every surface form in `text` (leftmost-longest, no overlaps) that
    /// passes its boundary check.
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        let mut hits: Vec<Hit<'_>> = Vec::new();
        for m in self.matcher.find_iter(text) {
            let (kind, entries) = &self.patterns[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            let follows_hit = hits.last().is_some_and(|h| h.end == start);
            if !ascii_bounded(text, start, end) {
                continue;
            }
            let ok = match kind {
                Surface::Full => true,
                // PCB, EDA after a character: the change of script is the boundary
                Surface::Short => {
                    follows_hit
                        || clean_left(text, start)
                        || text[start..].starts_with(|c: char| c.is_ascii_alphabetic())
                }
                Surface::Abbreviation => abbreviation_context(text, start, end),
            };
            if ok {
                hits.push(Hit {
                    start,
                    end,
                    entries,
                    surface: *kind,
                });
            }
        }
        hits
    }
}

/// The one-character abbreviations of provinces (沪, 浙), from data/division_abbreviations.tsv.
pub fn province_abbreviations() -> &'static [char] {
    static A: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        rows(ABBREVIATIONS)
            .filter_map(|r| r.first().and_then(|a| a.chars().next()))
            .collect()
    })
}

/// Does `s` begin with a province's name or short name (浙江科技学院, 湖南大学)?
pub fn starts_with_province(s: &str) -> bool {
    static P: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let names = P.get_or_init(|| {
        rows(DIVISIONS)
            .filter(|r| r.get(2) == Some(&"province"))
            .flat_map(|r| {
                let aliases = r.get(4).copied().unwrap_or("");
                std::iter::once(r[1]).chain(aliases.split('|').filter(|a| !a.is_empty()))
            })
            .collect()
    });
    names.iter().any(|n| s.starts_with(n))
}

fn plain_entry(name: &str, class: Class, aliases: &str) -> Entry {
    Entry {
        label: name.to_string(),
        class,
        iri: format!("{ID}{}/{}", class.slug(), iri_segment(name)),
        aliases: split_aliases(aliases),
        parent: None,
        level: Level::None,
    }
}

/// A short form must not be the tail of a longer word: 西南科大 holds no 南科大.
pub fn clean_left(text: &str, start: usize) -> bool {
    match prev_char(text, start) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(c) if is_left_stop(c) => true,
        Some(_) => ends_with_governing(&text[..start]),
    }
}

/// ASCII surfaces (5G, AI, EDA) must not be part of a longer ASCII word.
fn ascii_bounded(text: &str, start: usize, end: usize) -> bool {
    let first_ascii = text[start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let last_ascii = text[..end]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let before = prev_char(text, start).is_some_and(|c| c.is_ascii_alphanumeric());
    let after = text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    !(first_ascii && before || last_ascii && after)
}

/// 沪 names Shanghai in 在沪, 赴沪, 沪上 — not in other words.
fn abbreviation_context(text: &str, start: usize, end: usize) -> bool {
    let before = prev_char(text, start);
    let after = text[end..].chars().next();
    before.is_some_and(|c| "在赴来驻返离进入".contains(c)) || after == Some('上')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text)
            .iter()
            .map(|h| {
                let names: Vec<&str> = h
                    .entries
                    .iter()
                    .map(|&i| g.entries[i].label.as_str())
                    .collect();
                format!("{}={}", &text[h.start..h.end], names.join("|"))
            })
            .collect()
    }

    #[test]
    fn dictionary_matching_cases() {
        let g = Gazetteer::bundled();
        let cases: &[(&str, &[&str])] = &[
            ("江阴—南科大等项目", &["江阴=江阴市", "南科大=南方科技大学"]),
            ("西南科大的学者", &[]),
            ("坚持五大发展理念，四大板块", &[]),
            (
                "推动清华大学无锡应用技术研究院",
                &["清华大学=清华大学", "无锡=无锡市"],
            ),
            (
                "加强与国开行、建行等投贷联动",
                &["国开行=国家开发银行", "建行=中国建设银行"],
            ),
            ("盯准沪上重点孵化平台", &["沪=上海市"]),
            (
                "苏州医工所",
                &["苏州医工所=中国科学院苏州生物医学工程技术研究所"],
            ),
            ("巩固和拓展与德国、芬兰等", &["德国=德国", "芬兰=芬兰"]),
            (
                "全面对接粤港澳、长三角、京津冀",
                &["粤港澳=粤港澳大湾区", "长三角=长三角", "京津冀=京津冀"],
            ),
            ("6G等领域，OpenAI公司", &["6G=6G"]),
            ("凤鸣科技PCB等技术", &["PCB=印制电路板"]),
        ];
        for (text, want) in cases {
            assert_eq!(labels(&g, text), *want, "{text}");
        }
    }

    #[test]
    fn divisions_know_their_ancestors() {
        let g = Gazetteer::bundled();
        let jiangyin = g.by_label("江阴市").unwrap();
        let names: Vec<&str> = g
            .ancestors(jiangyin)
            .iter()
            .map(|&i| g.entries[i].label.as_str())
            .collect();
        assert_eq!(names, ["无锡市", "江苏省"]);
        let haidian = g.by_label("海淀区").unwrap();
        assert_eq!(
            g.entries[g.entries[haidian].parent.unwrap()].label,
            "北京市"
        );
    }
}
