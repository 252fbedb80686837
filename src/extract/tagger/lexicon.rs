//! Dictionary features: which listed words (divisions, institutions, surnames,
//! titles, organisation heads…) begin, continue or end at each character.
//!
//! The word lists are read from the project's data files at training time and
//! then stored in the model file, so that a model always runs with the lists
//! it was trained with.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::text::fold;

/// The project's dictionaries, as file contents (the main crate can
/// `include_str!` them; the training tool reads them from a directory).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    /// data/surnames.txt: surnames separated by white space.
    pub surnames: &'a str,
    /// data/divisions.tsv: columns `name`, `aliases`.
    pub divisions: &'a str,
    /// data/institutions.tsv: columns `name`, `aliases`.
    pub institutions: &'a str,
    /// data/finance.tsv: columns `name`, `aliases`.
    pub finance: &'a str,
    /// data/countries.tsv: columns `name`, `aliases`.
    pub countries: &'a str,
    /// data/lexicon/roles.txt: one title a line.
    pub roles: &'a str,
    /// data/lexicon/agency_suffixes.txt: one agency name a line.
    pub agency_suffixes: &'a str,
    /// data/lexicon/heads.tsv: columns `head`, `class`.
    pub heads: &'a str,
}

/// Generic heads of organisation names. The project's heads.tsv lists the
/// heads of innovation-policy designations (计划, 产业园…); these are the
/// heads by which news names companies, agencies and schools.
const ORG_HEADS: &[&str] = &[
    "公司",
    "有限公司",
    "集团",
    "大学",
    "学院",
    "研究院",
    "研究所",
    "研究中心",
    "银行",
    "中心",
    "医院",
    "协会",
    "学会",
    "委员会",
    "管委会",
    "政府",
    "局",
    "厅",
    "委",
    "办",
    "部",
    "院",
    "所",
    "署",
    "队",
    "俱乐部",
    "电视台",
    "报社",
    "出版社",
    "基金会",
    "联合会",
    "商会",
    "工厂",
    "小学",
    "中学",
];

/// Division suffixes whose removal leaves the short form in use (海淀区 → 海淀).
const DIVISION_SUFFIXES: &[&str] = &[
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
];

/// Positions within a match that get their own feature.
const BEGIN: usize = 0;
const MIDDLE: usize = 1;
const END: usize = 2;
const SINGLE: usize = 3;

/// Most categories a model may have: 4 bits each plus the specials fit 128.
const MAX_CATEGORIES: usize = 30;
/// Feature bits a position can carry.
pub(crate) const N_BITS: usize = 128;
const SPECIAL: usize = 4 * MAX_CATEGORIES;
/// The first and second character after a surname (the given name).
const AFTER_SURNAME_1: usize = SPECIAL;
const AFTER_SURNAME_2: usize = SPECIAL + 1;
/// A title ends right before this character and a surname starts here
/// (局长徐飞: the commonest way news introduces a person).
const TITLE_THEN_SURNAME: usize = SPECIAL + 2;
/// A division name ends right before this character (江阴市|科技局).
const AFTER_DIVISION: usize = SPECIAL + 3;

/// Folded dictionary words with the categories each belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Category names; a word's mask bit i is category i.
    pub(crate) categories: Vec<String>,
    /// (folded word, category mask), sorted by word.
    pub(crate) words: Vec<(String, u32)>,
}

/// The words in columns `names` of a TSV file (after its `#` comments and
/// header; `|` separates several words in a field).
fn tsv_column<'a>(text: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let heads: Vec<&str> = header.split('\t').map(str::trim).collect();
    let cols: Vec<usize> = (0..heads.len())
        .filter(|&i| names.contains(&heads[i]))
        .collect();
    let mut out = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        for &c in &cols {
            if let Some(f) = fields.get(c) {
                out.extend(f.split('|').map(str::trim).filter(|w| !w.is_empty()));
            }
        }
    }
    out
}

/// Rows of a TSV file as (head, class) pairs.
fn tsv_pairs<'a>(text: &'a str, key: &str, value: &str) -> Vec<(&'a str, &'a str)> {
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let h: Vec<&str> = header.split('\t').map(str::trim).collect();
    let (Some(k), Some(v)) = (
        h.iter().position(|&x| x == key),
        h.iter().position(|&x| x == value),
    ) else {
        return Vec::new();
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((f.get(k)?.trim(), f.get(v)?.trim()))
        })
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .collect()
}

fn plain_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

fn short_division(name: &str) -> Option<&str> {
    DIVISION_SUFFIXES.iter().find_map(|s| {
        let short = name.strip_suffix(s)?;
        (short.chars().count() >= 2).then_some(short)
    })
}

impl Lexicon {
    /// Builds the word lists from the project's dictionaries.
    pub fn from_sources(src: &Sources) -> Lexicon {
        let mut lists: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        fn put<'a>(lists: &mut BTreeMap<String, Vec<&'a str>>, cat: &str, words: Vec<&'a str>) {
            lists.entry(cat.to_string()).or_default().extend(words)
        }
        put(&mut lists, "surname", plain_lines(src.surnames).collect());
        // all levels in one category: townships (tens of thousands since the
        // dictionaries took them in) measured no better as a category of
        // their own (CLUENER held-out 0.679 vs 0.686 exact F1, teacher
        // agreement 0.897 vs 0.901)
        let divisions = tsv_column(src.divisions, &["name", "aliases"]);
        let short = divisions.iter().filter_map(|d| short_division(d)).collect();
        put(&mut lists, "division_short", short);
        put(&mut lists, "division", divisions);
        put(
            &mut lists,
            "institution",
            tsv_column(src.institutions, &["name", "aliases"]),
        );
        put(
            &mut lists,
            "finance",
            tsv_column(src.finance, &["name", "aliases"]),
        );
        put(
            &mut lists,
            "country",
            tsv_column(src.countries, &["name", "aliases"]),
        );
        put(&mut lists, "role", plain_lines(src.roles).collect());
        put(
            &mut lists,
            "agency",
            plain_lines(src.agency_suffixes).collect(),
        );
        put(&mut lists, "org_head", ORG_HEADS.to_vec());
        for (head, class) in tsv_pairs(src.heads, "head", "class") {
            put(&mut lists, &format!("head:{class}"), vec![head]);
        }
        Lexicon::from_lists(lists)
    }

    /// Builds a lexicon from named word lists (categories past the 30th are
    /// merged into the last, so that the feature layout stays fixed).
    pub(crate) fn from_lists<S: AsRef<str>>(lists: BTreeMap<String, Vec<S>>) -> Lexicon {
        let mut categories: Vec<String> = lists.keys().cloned().collect();
        categories.truncate(MAX_CATEGORIES);
        let mut words: BTreeMap<String, u32> = BTreeMap::new();
        for (i, (_, list)) in lists.iter().enumerate() {
            let bit = 1u32 << i.min(MAX_CATEGORIES - 1);
            for w in list {
                let folded: String = w.as_ref().chars().map(fold).collect();
                if !folded.is_empty() {
                    *words.entry(folded).or_default() |= bit;
                }
            }
        }
        Lexicon {
            categories,
            words: words.into_iter().collect(),
        }
    }

    pub(crate) fn category(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c == name)
    }

    /// The matcher that finds the words in text.
    pub(crate) fn matcher(&self) -> Matcher {
        let mut singles = FxHashMap::default();
        let mut multi: FxHashMap<u64, u32> = FxHashMap::default();
        for (w, mask) in &self.words {
            let cs: Vec<u32> = w.chars().map(|c| c as u32).collect();
            match cs.as_slice() {
                [] => {}
                [c] => {
                    singles.insert(*c, *mask);
                }
                [first, rest @ ..] => {
                    let mut h = step(0, *first);
                    for (j, &c) in rest.iter().enumerate() {
                        h = step(h, c);
                        *multi.entry(h).or_default() |=
                            if j + 1 == rest.len() { *mask } else { PREFIX };
                    }
                }
            }
        }
        Matcher {
            singles,
            multi,
            surname: self.category("surname"),
            role: self.category("role"),
            division: self.category("division"),
        }
    }
}

/// Marks a prefix of a longer word in `Matcher::multi` (category masks use
/// the low 30 bits).
const PREFIX: u32 = 1 << 31;

/// The hash of a character sequence, extended by one character.
#[inline]
fn step(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Finds the dictionary words of a piece and turns them into feature bits.
///
/// Every occurrence of every word is found (overlapping ones too): from each
/// character the sequence hash is extended while it is the prefix of some
/// word. Most characters start no word of two or more characters, which is
/// one probe of a small table; this is several times faster than an
/// Aho-Corasick automaton over the UTF-8 bytes of 40 000 words. A 64-bit
/// hash collision would add a spurious feature bit, with odds far below
/// one in a billion over all the text this will see.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// One-character words (surnames, 局, 委…): category mask.
    singles: FxHashMap<u32, u32>,
    /// Hash of every prefix of two or more characters of a longer word:
    /// category mask of the word it spells, or PREFIX if a longer one goes on.
    multi: FxHashMap<u64, u32>,
    surname: Option<usize>,
    role: Option<usize>,
    division: Option<usize>,
}

/// Per-piece state of `Matcher::bits`.
struct Marks<'a> {
    out: &'a mut [u128],
    surname_ends: Vec<usize>,
    role_ends: Vec<usize>,
}

impl Matcher {
    /// Records a match of the words of categories `mask` over characters
    /// s..e.
    fn mark(&self, m: &mut Marks, s: usize, e: usize, mut mask: u32) {
        let n = m.out.len();
        while mask != 0 {
            let cat = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let bit = |part: usize| 1u128 << (4 * cat + part);
            if e - s == 1 {
                m.out[s] |= bit(SINGLE);
            } else {
                m.out[s] |= bit(BEGIN);
                for b in &mut m.out[s + 1..e - 1] {
                    *b |= bit(MIDDLE);
                }
                m.out[e - 1] |= bit(END);
            }
            if Some(cat) == self.surname {
                m.surname_ends.push(e);
            }
            if Some(cat) == self.role {
                m.role_ends.push(e);
            }
            if Some(cat) == self.division && e < n {
                m.out[e] |= 1 << AFTER_DIVISION;
            }
        }
    }

    /// Feature bits for each character of a piece, given its folded code
    /// points.
    pub(crate) fn bits(&self, keys: &[u32], out: &mut Vec<u128>) {
        let n = keys.len();
        out.clear();
        out.resize(n, 0);
        let mut m = Marks {
            out,
            surname_ends: Vec::new(),
            role_ends: Vec::new(),
        };
        for i in 0..n {
            if let Some(&mask) = self.singles.get(&keys[i]) {
                self.mark(&mut m, i, i + 1, mask);
            }
            let mut h = step(0, keys[i]);
            for (j, &c) in keys.iter().enumerate().skip(i + 1) {
                h = step(h, c);
                let Some(&v) = self.multi.get(&h) else { break };
                if v & !PREFIX != 0 {
                    self.mark(&mut m, i, j + 1, v & !PREFIX);
                }
                if v & PREFIX == 0 {
                    break;
                }
            }
        }
        let Marks {
            out,
            surname_ends,
            role_ends,
        } = m;
        for &e in &surname_ends {
            if e < n {
                out[e] |= 1 << AFTER_SURNAME_1;
            }
            if e + 1 < n {
                out[e + 1] |= 1 << AFTER_SURNAME_2;
            }
        }
        if let Some(c) = self.surname {
            let starts = (1u128 << (4 * c + BEGIN)) | (1u128 << (4 * c + SINGLE));
            for &e in &role_ends {
                if e < n && out[e] & starts != 0 {
                    out[e] |= 1 << TITLE_THEN_SURNAME;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::from_sources(&Sources {
            surnames: "# c\n王 徐 欧阳\n",
            divisions: "# c\ncode\tname\tlevel\tparent\taliases\tsource\n1\t江阴市\tcounty\t\t\tx\n2\t北京市\tprovince\t\t北京\tx\n3\t城关镇\ttownship\t\t\tx\n",
            institutions: "name\tclass\taliases\n清华大学\tUniversity\t清华\n",
            roles: "# c\n局长\n副局长\n",
            agency_suffixes: "科技局\n",
            heads: "# c\nhead\tclass\tnot_before\tbasis\n产业园\tPlatform\t\tx\n",
            ..Sources::default()
        })
    }

    /// Runs the matcher on a piece.
    fn bits(lex: &Lexicon, text: &str) -> Vec<u128> {
        let keys: Vec<u32> = text.chars().map(|c| fold(c) as u32).collect();
        let mut out = Vec::new();
        lex.matcher().bits(&keys, &mut out);
        out
    }

    #[test]
    fn finds_every_occurrence() {
        // against a plain substring search over all start positions
        let lex = lexicon();
        for text in [
            "北京市北京北京",
            "江阴市科技局局长徐飞",
            "清华清华大学",
            "王王欧阳欧阳",
            "xyz",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let mut want = vec![0u128; chars.len()];
            for (w, mask) in &lex.words {
                let wc: Vec<char> = w.chars().collect();
                for s in 0..chars.len() {
                    if chars[s..].starts_with(&wc) {
                        let e = s + wc.len();
                        for cat in 0..MAX_CATEGORIES {
                            if mask & (1 << cat) != 0 {
                                let bit = |p: usize| 1u128 << (4 * cat + p);
                                if e - s == 1 {
                                    want[s] |= bit(SINGLE);
                                } else {
                                    want[s] |= bit(BEGIN);
                                    want[e - 1] |= bit(END);
                                    for x in &mut want[s + 1..e - 1] {
                                        *x |= bit(MIDDLE);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let got = bits(&lex, text);
            let low = (1u128 << SPECIAL) - 1;
            let got: Vec<u128> = got.iter().map(|b| b & low).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    fn has(lex: &Lexicon, b: u128, cat: &str, part: usize) -> bool {
        b & (1 << (4 * lex.category(cat).unwrap() + part)) != 0
    }

    #[test]
    fn reads_the_lists() {
        let lex = lexicon();
        let words: Vec<&str> = lex.words.iter().map(|(w, _)| w.as_str()).collect();
        for w in [
            "王",
            "欧阳",
            "江阴市",
            "江阴",
            "北京",
            "清华",
            "局长",
            "科技局",
            "产业园",
            "公司",
        ] {
            assert!(words.contains(&w), "{w}");
        }
        assert!(lex.category("head:Platform").is_some());
        let town = lex.words.iter().find(|(w, _)| w == "城关镇").unwrap().1;
        assert_eq!(town, 1 << lex.category("division").unwrap());
        assert!(lex.categories.len() <= MAX_CATEGORIES);
    }

    #[test]
    fn features_of_a_byline() {
        let lex = lexicon();
        // 江阴市科技局局长徐飞
        let b = bits(&lex, "江阴市科技局局长徐飞");
        let table = [
            (0, "division", BEGIN),
            (1, "division", MIDDLE),
            (2, "division", END),
            (1, "division_short", END),
            (3, "agency", BEGIN),
            (5, "agency", END),
            (6, "role", BEGIN),
            (7, "role", END),
            (8, "surname", SINGLE),
        ];
        for (i, cat, part) in table {
            assert!(has(&lex, b[i], cat, part), "{i} {cat} {part}");
        }
        assert!(b[3] & (1 << AFTER_DIVISION) != 0);
        assert!(b[8] & (1 << TITLE_THEN_SURNAME) != 0);
        assert!(b[9] & (1 << AFTER_SURNAME_1) != 0);
        assert_eq!(b.len(), 10);
    }

    #[test]
    fn empty_and_unmatched() {
        let lex = lexicon();
        assert!(bits(&lex, "").is_empty());
        assert_eq!(bits(&lex, "abc"), vec![0, 0, 0]);
        let empty = Lexicon::default();
        assert_eq!(bits(&empty, "王"), vec![0]);
    }
}
