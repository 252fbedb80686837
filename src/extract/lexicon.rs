//! The language knowledge the rules use — head words per class, governing
//! verbs, function words, generic vocabulary, units, temporal cues — read from
//! the files of `data/lexicon/`, where each list says where it comes from and
//! how it was derived, so that it can be reviewed and extended without Rust.
//!
//! The files are compiled into the binary and parsed once, on first use.

use crate::class::Class;
// FxHash: the sets are looked up for every character left of every head word
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// A set of words with the length in characters of its longest word, so that
/// suffix and prefix lookups try only the lengths that can match.
#[derive(Debug, Default)]
pub struct WordSet {
    set: FxHashSet<&'static str>,
    longest: usize,
}

impl WordSet {
    fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let set: FxHashSet<&'static str> = words.into_iter().collect();
        let longest = set.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        WordSet { set, longest }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.set.contains(w)
    }

    /// Does `s` end with one of the words?
    pub fn suffix_of(&self, s: &str) -> bool {
        s.char_indices()
            .rev()
            .take(self.longest)
            .any(|(i, _)| self.set.contains(&s[i..]))
    }

    /// The longest word `s` begins with, if any.
    pub fn longest_prefix_of(&self, s: &str) -> Option<&'static str> {
        let ends = s
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .take(self.longest);
        let mut best = None;
        for end in ends {
            if let Some(w) = self.set.get(&s[..end]) {
                best = Some(*w);
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.set.iter().copied()
    }
}

/// A head word: the last word of a name, which tells its class.
#[derive(Debug, Clone)]
pub struct Head {
    pub word: &'static str,
    pub class: Class,
    /// Words after the head that make it part of another word (市场化, 平台经济).
    pub not_before: Vec<&'static str>,
}

/// The head of a development zone's name (zone_heads.tsv).
#[derive(Debug, Clone)]
pub struct ZoneHead {
    pub head: &'static str,
    /// The official long form (高新区 → 高新技术产业开发区).
    pub full: &'static str,
    /// The modifier must name a division (not only a place: 五象新区).
    pub needs_division: bool,
}

/// A phrase that ends in a head word, as a row of `not_names.tsv` tests it.
pub struct Phrase<'a> {
    /// The clause before the name, back to a hard break.
    pub clause: &'a str,
    pub name: &'a str,
    /// What precedes the head word in the name.
    pub modifier: &'a str,
    /// The character right before the name.
    pub prev: Option<char>,
}

/// Where a row of `not_names.tsv` looks for its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNameTest {
    ClauseContains,
    NameContains,
    ModifierEnds,
    ModifierContains,
    ModifierStarts,
    PrevChar,
    ModifierShorter(usize),
}

/// One row of `not_names.tsv`: a class of phrase with a head word that names nothing.
#[derive(Debug, Clone)]
pub struct NotName {
    pub rule: &'static str,
    /// Head words, or classes of heads (`@Platform`), or `*`.
    pub heads: Vec<&'static str>,
    pub test: NotNameTest,
    pub words: Vec<&'static str>,
}

impl NotName {
    fn parse(r: &[&'static str]) -> NotName {
        let field = |i: usize| r.get(i).copied().unwrap_or("");
        let list = |s: &'static str| -> Vec<&'static str> {
            s.split('|').filter(|w| !w.is_empty()).collect()
        };
        let test = match field(2) {
            "clause_contains" => NotNameTest::ClauseContains,
            "name_contains" => NotNameTest::NameContains,
            "modifier_ends" => NotNameTest::ModifierEnds,
            "modifier_contains" => NotNameTest::ModifierContains,
            "modifier_starts" => NotNameTest::ModifierStarts,
            "prev_char" => NotNameTest::PrevChar,
            "modifier_shorter" => {
                NotNameTest::ModifierShorter(field(3).parse().unwrap_or_else(|_| {
                    panic!("data/lexicon/not_names.tsv: {} needs a number", field(0))
                }))
            }
            other => panic!("data/lexicon/not_names.tsv: unknown test {other:?}"),
        };
        for h in list(field(1)) {
            if let Some(class) = h.strip_prefix('@') {
                class_of("not_names.tsv", class);
            }
        }
        NotName {
            rule: field(0),
            heads: list(field(1)),
            test,
            words: list(field(3)),
        }
    }

    /// Does the row speak of this head word?
    pub fn applies_to(&self, head: &Head) -> bool {
        self.heads.iter().any(|h| match h.strip_prefix('@') {
            Some(class) => {
                Class::parse(class).is_some_and(|c| head.class == c || head.class.top() == c)
            }
            None => *h == "*" || *h == head.word,
        })
    }

    /// Does the phrase pass the row's test?
    pub fn holds(&self, p: &Phrase) -> bool {
        let any = |f: &dyn Fn(&str) -> bool| self.words.iter().any(|w| f(w));
        match self.test {
            NotNameTest::ClauseContains => any(&|w| p.clause.contains(w)),
            NotNameTest::NameContains => any(&|w| p.name.contains(w)),
            NotNameTest::ModifierEnds => any(&|w| p.modifier.ends_with(w)),
            NotNameTest::ModifierContains => any(&|w| p.modifier.contains(w)),
            NotNameTest::ModifierStarts => any(&|w| p.modifier.starts_with(w)),
            NotNameTest::PrevChar => any(&|w| p.prev.is_some_and(|c| w.starts_with(c))),
            NotNameTest::ModifierShorter(n) => p.modifier.chars().count() < n,
        }
    }
}

/// How a temporal cue bears on the figures after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A goal (力争, 确保, 目标): the figure is a target.
    Target,
    /// An estimate for the year under review (预计): an actual of that year.
    Estimate,
    /// An achievement (完成, 同比, 比上年): an actual.
    Actual,
    /// Words of planning that make a clause a plan when the frame is open (新建, 将).
    Plan,
    /// Words of achievement that make a clause a record when the frame is open (了, 已, 建成).
    Record,
    /// Words of achievement no plan uses (获批, 荣获, 已): a record, and in a
    /// figure's own clause they make it one.
    Achieved,
}

/// A section heading's words and the frame they open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A review of the past (工作回顾, 过去一年, 五年来).
    Review,
    /// A plan (重点工作, 主要任务, 今年).
    Plan,
}

/// Everything in `data/lexicon/`.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub governing: WordSet,
    pub pure_verbs: WordSet,
    pub faction_words: WordSet,
    pub nominal_verbs: WordSet,
    pub function_char_words: WordSet,
    pub names_led_by_a_verb: Vec<&'static str>,
    pub generic: WordSet,
    pub quality: WordSet,
    pub leading_noise: Vec<&'static str>,
    /// Longest first.
    pub quantifiers: Vec<&'static str>,
    pub count_words: Vec<&'static str>,
    pub enum_modifiers: Vec<&'static str>,
    pub heads: Vec<Head>,
    pub quote_heads: Vec<(&'static str, Class)>,
    pub quote_tails: Vec<(&'static str, Class)>,
    /// Longest first.
    pub program_verbs: Vec<&'static str>,
    pub activity_words: WordSet,
    /// Characters that end a name to their left (a clean left edge for short forms).
    pub left_stops: FxHashSet<char>,
    /// Characters a head-word name never reaches left past.
    pub name_stops: FxHashSet<char>,
    /// Characters that end a coordinated fragment to their left.
    pub coordination_stops: FxHashSet<char>,
    /// Longest first.
    pub agency_suffixes: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    pub speech_verbs: WordSet,
    /// Longest first.
    pub facility_suffixes: Vec<&'static str>,
    pub industry_followers: Vec<&'static str>,
    /// The last words of government bodies' names, longest first (局, 管委会, 人民政府).
    pub agency_heads: Vec<&'static str>,
    /// The class of an organisation by the last word of its name, longest first.
    pub organisation_heads: Vec<(&'static str, Class)>,
    /// Words that show a clause speaks of companies (company_cues.txt).
    pub company_cues: Vec<&'static str>,
    /// Words that end a phrase without naming a thing (verbs, adverbs, pronouns …): word_classes.tsv.
    pub non_nominal: WordSet,
    /// Words that state cooperation between divisions.
    pub cooperation_words: Vec<&'static str>,
    /// Words ending in a division's level that stand for no division (园区, 全市).
    pub not_stand_ins: WordSet,
    /// Heads of development zones, longest first (zone_heads.tsv).
    pub zone_heads: Vec<ZoneHead>,
    /// Phrases with a head word that name nothing (not_names.tsv).
    pub not_names: Vec<NotName>,
    pub figure_meta_nouns: Vec<&'static str>,
    pub figure_link_words: Vec<&'static str>,
    pub change_words: WordSet,
    pub figure_units: Vec<&'static str>,
    pub cues: Vec<(&'static str, Cue)>,
    pub frames: Vec<(&'static str, Frame)>,
    pub publisher_heads: Vec<&'static str>,
    /// Lines of web-page chrome (发布机构, 生成日期) by their label and what they hold.
    pub index_labels: FxHashMap<&'static str, &'static str>,
}

/// One lexicon file: its name and text.
pub struct LexiconFile {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$(LexiconFile { name: $name, text: include_str!(concat!("../../data/lexicon/", $name)) }),*]
    };
}

/// Every file of `data/lexicon/`, as compiled in.
pub const FILES: &[LexiconFile] = files![
    "governing.txt",
    "pure_verbs.txt",
    "faction_words.txt",
    "nominal_verbs.txt",
    "function_char_words.txt",
    "names_led_by_a_verb.txt",
    "generic.txt",
    "quality_words.txt",
    "leading_noise.txt",
    "quantifiers.txt",
    "count_words.txt",
    "enum_modifiers.txt",
    "heads.tsv",
    "quote_heads.tsv",
    "quote_tails.tsv",
    "program_verbs.txt",
    "activity_words.txt",
    "function_words.tsv",
    "agency_suffixes.txt",
    "roles.txt",
    "speech_verbs.txt",
    "facility_suffixes.txt",
    "industry_followers.txt",
    "not_names.tsv",
    "zone_heads.tsv",
    "cooperation_words.txt",
    "word_classes.tsv",
    "organisation_heads.tsv",
    "company_cues.txt",
    "agency_heads.txt",
    "not_stand_ins.txt",
    "figure_meta_nouns.txt",
    "figure_link_words.txt",
    "change_words.txt",
    "figure_units.txt",
    "temporal_cues.tsv",
    "section_frames.tsv",
    "publisher_heads.txt",
    "index_labels.tsv",
    "indicators.tsv",
    "numerals.tsv",
    "qualifiers.tsv",
];

fn file(name: &str) -> &'static str {
    FILES.iter().find(|f| f.name == name).map_or("", |f| f.text)
}

/// The entries of a file: lines that are neither comments nor blank; for a
/// `.tsv`, the header row is skipped too.
pub fn entries(name: &str) -> impl Iterator<Item = &'static str> {
    let tsv = name.ends_with(".tsv");
    file(name)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(usize::from(tsv))
}

fn words(name: &str) -> Vec<&'static str> {
    entries(name).map(str::trim).collect()
}

pub(super) fn columns(name: &str) -> impl Iterator<Item = Vec<&'static str>> {
    entries(name).map(|l| l.split('\t').map(str::trim).collect())
}

fn longest_first(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
}

fn class_of(file: &str, s: &str) -> Class {
    // the lexicon is ours and tested: a misspelt class is a build-time mistake
    Class::parse(s).unwrap_or_else(|| panic!("data/lexicon/{file}: unknown class {s:?}"))
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lx = Lexicon {
            governing: WordSet::new(words("governing.txt")),
            pure_verbs: WordSet::new(words("pure_verbs.txt")),
            faction_words: WordSet::new(words("faction_words.txt")),
            nominal_verbs: WordSet::new(words("nominal_verbs.txt")),
            function_char_words: WordSet::new(words("function_char_words.txt")),
            names_led_by_a_verb: words("names_led_by_a_verb.txt"),
            generic: WordSet::new(words("generic.txt")),
            quality: WordSet::new(words("quality_words.txt")),
            leading_noise: words("leading_noise.txt"),
            quantifiers: longest_first(words("quantifiers.txt")),
            count_words: words("count_words.txt"),
            enum_modifiers: words("enum_modifiers.txt"),
            agency_suffixes: longest_first(words("agency_suffixes.txt")),
            roles: words("roles.txt"),
            speech_verbs: WordSet::new(words("speech_verbs.txt")),
            facility_suffixes: longest_first(words("facility_suffixes.txt")),
            industry_followers: words("industry_followers.txt"),
            figure_meta_nouns: words("figure_meta_nouns.txt"),
            figure_link_words: words("figure_link_words.txt"),
            change_words: WordSet::new(words("change_words.txt")),
            figure_units: longest_first(words("figure_units.txt")),
            publisher_heads: words("publisher_heads.txt"),
            program_verbs: longest_first(words("program_verbs.txt")),
            activity_words: WordSet::new(words("activity_words.txt")),
            cooperation_words: words("cooperation_words.txt"),
            company_cues: words("company_cues.txt"),
            non_nominal: WordSet::new(columns("word_classes.tsv").map(|r| r[0])),
            agency_heads: longest_first(words("agency_heads.txt")),
            not_stand_ins: WordSet::new(words("not_stand_ins.txt")),
            ..Lexicon::default()
        };
        // the enumeration modifiers include the empty one (等产业)
        lx.enum_modifiers.push("");
        lx.load_heads();
        lx.load_stops();
        lx.load_cues();
        lx
    }

    /// Head words: of names, of organisations, of zones, of quoted names; and
    /// the rows of what is no name.
    fn load_heads(&mut self) {
        let lx = self;
        for r in columns("heads.tsv") {
            lx.heads.push(Head {
                word: r[0],
                class: class_of("heads.tsv", r[1]),
                not_before: r
                    .get(2)
                    .map(|s| s.split('|').filter(|w| !w.is_empty()).collect())
                    .unwrap_or_default(),
            });
        }
        for r in columns("organisation_heads.tsv") {
            lx.organisation_heads
                .push((r[0], class_of("organisation_heads.tsv", r[1])));
        }
        lx.organisation_heads
            .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        for r in columns("zone_heads.tsv") {
            lx.zone_heads.push(ZoneHead {
                head: r[0],
                full: r.get(1).copied().unwrap_or(r[0]),
                needs_division: r.get(2).is_none_or(|n| *n != "place"),
            });
        }
        lx.zone_heads
            .sort_by_key(|z| std::cmp::Reverse(z.head.len()));
        for r in columns("not_names.tsv") {
            lx.not_names.push(NotName::parse(&r));
        }
        for (file, out) in [
            ("quote_heads.tsv", &mut lx.quote_heads),
            ("quote_tails.tsv", &mut lx.quote_tails),
        ] {
            for r in columns(file) {
                out.push((r[0], class_of(file, r[1])));
            }
        }
    }

    /// The function characters that stop a name on its left, inside it, or a
    /// coordination.
    fn load_stops(&mut self) {
        let lx = self;
        for r in columns("function_words.tsv") {
            let Some(c) = r[0].chars().next() else {
                continue;
            };
            let yes = |i: usize| r.get(i).is_some_and(|v| *v == "y");
            if yes(1) {
                lx.left_stops.insert(c);
            }
            if yes(2) {
                lx.name_stops.insert(c);
            }
            if yes(3) {
                lx.coordination_stops.insert(c);
            }
        }
    }

    /// Words that say when a figure holds, frames of sections, index labels.
    fn load_cues(&mut self) {
        let lx = self;
        for r in columns("temporal_cues.tsv") {
            let cue = match r.get(1).copied() {
                Some("target") => Cue::Target,
                Some("estimate") => Cue::Estimate,
                Some("actual") => Cue::Actual,
                Some("plan") => Cue::Plan,
                Some("record") => Cue::Record,
                Some("achieved") => Cue::Achieved,
                other => panic!("data/lexicon/temporal_cues.tsv: unknown cue {other:?}"),
            };
            lx.cues.push((r[0], cue));
        }
        lx.cues.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        for r in columns("section_frames.tsv") {
            let frame = match r.get(1).copied() {
                Some("review") => Frame::Review,
                Some("plan") => Frame::Plan,
                other => panic!("data/lexicon/section_frames.tsv: unknown frame {other:?}"),
            };
            lx.frames.push((r[0], frame));
        }
        for r in columns("index_labels.tsv") {
            if let Some(field) = r.get(1) {
                lx.index_labels.insert(r[0], field);
            }
        }
    }
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_says_where_it_comes_from_and_how_it_was_derived() {
        for f in FILES {
            let comments: Vec<&str> = f.text.lines().filter(|l| l.starts_with('#')).collect();
            assert!(
                comments.iter().any(|l| l.starts_with("# source:")),
                "data/lexicon/{} has no '# source:' line",
                f.name
            );
            assert!(
                comments.iter().any(|l| l.starts_with("# derived:")),
                "data/lexicon/{} has no '# derived:' line",
                f.name
            );
            let mut seen = FxHashSet::default();
            for e in entries(f.name) {
                let key = e.split('\t').next().unwrap_or("").trim();
                assert!(!key.is_empty(), "data/lexicon/{}: an empty entry", f.name);
                assert!(
                    seen.insert(key),
                    "data/lexicon/{}: {key} is listed twice",
                    f.name
                );
            }
        }
    }

    #[test]
    fn the_lexicon_loads_with_its_lists() {
        let lx = lexicon();
        assert!(lx.governing.contains("推动"));
        assert!(lx.generic.contains("科创"));
        assert!(lx
            .heads
            .iter()
            .any(|h| h.word == "科学城" && h.class == Class::Platform));
        assert!(lx.name_stops.contains(&'的') && !lx.name_stops.contains(&'为'));
        assert!(lx.coordination_stops.contains(&'为'));
        let longest = lx.agency_suffixes.iter().map(|s| s.len()).max();
        assert_eq!(lx.agency_suffixes.first().map(|s| s.len()), longest);
        assert!(lx
            .cues
            .iter()
            .any(|(w, c)| *w == "力争" && *c == Cue::Target));
    }

    #[test]
    fn word_sets_find_suffixes_and_prefixes() {
        let s = WordSet::new(["推动", "推", "更名为"]);
        assert!(s.suffix_of("加快推动"));
        assert!(!s.suffix_of("推动者"));
        assert_eq!(s.longest_prefix_of("推动凤鸣"), Some("推动"));
        assert_eq!(s.longest_prefix_of("更名为大学"), Some("更名为"));
        assert_eq!(s.longest_prefix_of("凤鸣"), None);
    }
}
