//! The run-time tagger: a model turned into hash tables, applied piece by
//! piece.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::decode::{Lattice, Row, Transitions};
use super::error::Error;
use super::features::{rows_of, visit_context, Feature, Prepared, Templates, PAD};
use super::labels::{spans_from_tags, Kind, LANES};
use super::lexicon::Matcher;
use super::model::{GramTable, Model, WRow};
use super::text::{class, pieces, MAX_PIECE_CHARS};

/// A name found in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    pub kind: Kind,
    /// Confidence in [0, 1): 1 - exp(-margin / unit), where the margin is how
    /// much better the best tagging scores than the best one that tags any
    /// character of the name, or the one on either side, otherwise.
    pub score: f32,
}

/// A loaded model, ready to tag.
///
/// At load the model's code-point keys are renumbered: each character gets a
/// dense 16-bit id (a direct array for the BMP), unigram blocks are indexed
/// by id, and bigram and trigram keys become packed ids in open-addressing
/// tables. Tagging is bound by memory latency, and this keeps each lookup to
/// about one cache line.
#[derive(Clone, Debug)]
pub struct Tagger {
    templates: Templates,
    trans: Transitions,
    margin_unit: f32,
    /// Code point (< 0x10000) → id; 0 is a character the model does not know.
    bmp: Vec<u16>,
    /// Other code points, and the padding keys → id.
    astral: FxHashMap<u32, u16>,
    /// Five rows per id (id 0's are zero).
    uni: Vec<Row8>,
    bi: IdTable<u32>,
    bi_rows: Vec<Row8>,
    tri: IdTable<u64>,
    tri_rows: Vec<Row8>,
    classes: Vec<Row8>,
    dict: Vec<Row8>,
    matcher: Option<Matcher>,
}

/// A weight row as the tagger holds it: i8, half the memory of the file's
/// i16 and so half the cache misses, which are most of tagging's time.
/// Training quantises to at most ±127 (`TrainConfig::weight_max`), where
/// accuracy is the same as with i16; a model with larger weights is scaled
/// down at load.
type Row8 = [i8; LANES];

/// A packed key of character ids; 0 marks an empty slot (no stored key
/// contains id 0).
trait Key: Copy + Eq + Default {
    fn spread(self) -> u64;
}

impl Key for u32 {
    #[inline]
    fn spread(self) -> u64 {
        self as u64
    }
}

impl Key for u64 {
    #[inline]
    fn spread(self) -> u64 {
        self
    }
}

/// Open addressing with linear probing from packed ids to block indexes.
#[derive(Clone, Debug, Default)]
struct IdTable<K> {
    slots: Vec<(K, u32)>,
    shift: u32,
}

impl<K: Key> IdTable<K> {
    fn new(entries: &[(K, u32)]) -> IdTable<K> {
        let cap = (entries.len() * 2).next_power_of_two().max(2);
        let mut t = IdTable {
            slots: vec![(K::default(), 0); cap],
            shift: 64 - cap.trailing_zeros(),
        };
        for &(k, v) in entries {
            let mut i = t.home(k);
            while t.slots[i].0 != K::default() {
                i = (i + 1) & (cap - 1);
            }
            t.slots[i] = (k, v);
        }
        t
    }

    #[inline]
    fn home(&self, k: K) -> usize {
        (k.spread().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, k: K) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let (key, v) = self.slots[i];
            if key == k {
                return Some(v);
            }
            if key == K::default() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Adds a weight row, saturating. Written as a fresh array so that it
/// compiles to a few SSE2 instructions (as an in-place loop, once inlined
/// into the callers' loops, it stayed scalar).
#[inline]
fn add(acc: &mut WRow, w: &Row8) {
    let mut out = [0i16; LANES];
    for i in 0..LANES {
        out[i] = acc[i].saturating_add(w[i] as i16);
    }
    *acc = out;
}

/// Narrows a name (characters a..b of folded `keys`) to exclude white
/// space and punctuation at its ends, which the model sometimes takes in
/// next to a name it has right (邓琼）, >> 科技局); a closing bracket whose
/// opening one is inside stays (齐鲁工业大学（山东省科学院）). None if nothing
/// is left.
fn trim(keys: &[u32], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let ch = |i: usize| char::from_u32(keys[i]).unwrap_or(' ');
    let edge = |c: char| matches!(class(c), 3 | 4);
    while a < b && edge(ch(a)) {
        a += 1;
    }
    while a < b && edge(ch(b - 1)) {
        let close = ch(b - 1);
        let open = match close {
            ')' => '(',
            '》' => '《',
            '」' => '「',
            '】' => '【',
            ']' => '[',
            _ => '\0',
        };
        if open != '\0' && (a..b - 1).any(|i| ch(i) == open) {
            break;
        }
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Bigram table values: the block index, or NO_BLOCK for a bigram that is
/// there only because trigrams start with it; HAS_TRIGRAMS marks those.
const HAS_TRIGRAMS: u32 = 1 << 31;
const NO_BLOCK: u32 = HAS_TRIGRAMS - 1;

/// Rows to i8, divided by `div` (1 when the weights already fit).
fn narrow(rows: &[WRow], div: f32) -> Vec<Row8> {
    rows.iter()
        .map(|r| r.map(|v| (v as f32 / div).round().clamp(-127.0, 127.0) as i8))
        .collect()
}

/// The divisor that brings every weight into an i8 (1 when they fit already).
fn weight_scale(tables: &[&Vec<WRow>]) -> f32 {
    let max = tables
        .iter()
        .flat_map(|rows| rows.iter().flatten())
        .map(|v| v.unsigned_abs())
        .max()
        .unwrap_or(0);
    (max as f32 / 127.0).max(1.0)
}

/// The ids of characters: every character of a stored key, in code-point
/// order, from 1; 0 is a character the model does not know.
struct CharIds {
    bmp: Vec<u16>,
    astral: FxHashMap<u32, u16>,
    count: usize,
}

impl CharIds {
    fn new(grams: [&GramTable; 3]) -> CharIds {
        let mut chars: Vec<u32> = Vec::new();
        for (w, g) in grams.into_iter().enumerate() {
            for &k in &g.keys {
                for j in 0..=w {
                    chars.push((k >> (21 * j)) as u32 & 0x1F_FFFF);
                }
            }
        }
        chars.sort_unstable();
        chars.dedup();
        chars.truncate(u16::MAX as usize - 1);
        let mut bmp = vec![0u16; 0x1_0000];
        let mut astral = FxHashMap::default();
        for (i, &c) in chars.iter().enumerate() {
            let id = i as u16 + 1;
            match bmp.get_mut(c as usize) {
                Some(slot) => *slot = id,
                None => {
                    astral.insert(c, id);
                }
            }
        }
        CharIds {
            bmp,
            astral,
            count: chars.len(),
        }
    }

    fn id(&self, c: u32) -> u16 {
        match self.bmp.get(c as usize) {
            Some(&id) => id,
            None => self.astral.get(&c).copied().unwrap_or(0),
        }
    }

    /// A key whose characters all have ids, repacked as 16-bit ids.
    fn repack(&self, k: u64, width: usize) -> Option<u64> {
        let mut out = 0u64;
        for j in (0..width).rev() {
            let id = self.id((k >> (21 * j)) as u32 & 0x1F_FFFF);
            if id == 0 {
                return None;
            }
            out = (out << 16) | id as u64;
        }
        Some(out)
    }

    /// The repacked keys of a table, each with its index in the table.
    fn entries(&self, g: &GramTable, width: usize) -> Vec<(u64, u32)> {
        g.keys
            .iter()
            .enumerate()
            .filter_map(|(i, &k)| Some((self.repack(k, width)?, i as u32)))
            .collect()
    }
}

/// Work buffers for one call of `tag`.
#[derive(Default)]
struct Scratch {
    prepared: Prepared,
    ids: Vec<u16>,
    acc: Vec<WRow>,
    em: Vec<Row>,
    lattice: Lattice,
    tags: Vec<u8>,
    margins: Vec<i32>,
    offsets: Vec<usize>,
}

/// Characters of slack on each side of the accumulator, so that the rows of
/// an n-gram near the ends of a piece land in it without a range test.
const SLACK: usize = 4;

impl Tagger {
    /// Reads a model file (see `Model::from_bytes`) and builds the tagger.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, Error> {
        Ok(Tagger::new(Model::from_bytes(b)?))
    }

    pub fn new(model: Model) -> Tagger {
        let Model {
            templates,
            margin_unit,
            mut trans,
            lexicon,
            grams,
            classes,
            dict,
            ..
        } = model;
        let matcher =
            (templates.dictionary && !lexicon.words.is_empty()).then(|| lexicon.matcher());
        let [g1, g2, g3] = grams;
        let div = weight_scale(&[&g1.rows, &g2.rows, &g3.rows, &classes, &dict]);
        for row in std::iter::once(&mut trans.start)
            .chain(std::iter::once(&mut trans.end))
            .chain(trans.pair.iter_mut())
        {
            for v in row.iter_mut() {
                *v = (*v as f32 / div).round() as i32;
            }
        }
        let ids = CharIds::new([&g1, &g2, &g3]);
        let mut uni = vec![[0i8; LANES]; (ids.count + 1) * rows_of(1)];
        let g1_rows = narrow(&g1.rows, div);
        for (i, &k) in g1.keys.iter().enumerate() {
            let id = ids.id(k as u32) as usize;
            if id != 0 {
                uni[id * 5..id * 5 + 5].copy_from_slice(&g1_rows[i * 5..i * 5 + 5]);
            }
        }
        let tri = ids.entries(&g3, 3);
        let mut bi: FxHashMap<u32, u32> = if templates.bigrams {
            ids.entries(&g2, 2)
                .into_iter()
                .map(|(k, v)| (k as u32, v))
                .collect()
        } else {
            FxHashMap::default()
        };
        for &(k, _) in &tri {
            *bi.entry((k >> 16) as u32).or_insert(NO_BLOCK) |= HAS_TRIGRAMS;
        }
        // sorted, so that the table is laid out the same on every load
        let mut bi: Vec<(u32, u32)> = bi.into_iter().collect();
        bi.sort_unstable();
        let tri = if templates.trigrams { tri } else { Vec::new() };
        Tagger {
            templates,
            trans,
            margin_unit: margin_unit / div,
            bmp: ids.bmp,
            astral: ids.astral,
            uni,
            bi: IdTable::new(&bi),
            bi_rows: narrow(&g2.rows, div),
            tri: IdTable::new(&tri),
            tri_rows: narrow(&g3.rows, div),
            classes: narrow(&classes, div),
            dict: narrow(&dict, div),
            matcher,
        }
    }

    /// The names in `text`, in order, not overlapping, on character
    /// boundaries. Never panics: text of any kind and length is cut into
    /// pieces at sentence ends and every 500 characters.
    pub fn tag(&self, text: &str) -> Vec<Span> {
        thread_local! {
            // the work buffers, kept from call to call: tagging many short
            // texts (a sentence a call) would otherwise spend much of its
            // time growing fresh buffers
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.tag_with(text, &mut s),
            Err(_) => self.tag_with(text, &mut Scratch::default()),
        })
    }

    fn tag_with(&self, text: &str, s: &mut Scratch) -> Vec<Span> {
        let mut out = Vec::new();
        for (start, end) in pieces(text, MAX_PIECE_CHARS) {
            self.tag_piece(&text[start..end], start, s, &mut out);
        }
        out
    }

    fn tag_piece(&self, piece: &str, base: usize, s: &mut Scratch, out: &mut Vec<Span>) {
        // white space around a piece (the line break that ends it, an
        // indent) is not part of what the model was trained on: the teacher's
        // clauses and CLUENER's sentences come stripped
        let trimmed = piece.trim_start();
        let base = base + (piece.len() - trimmed.len());
        let piece = trimmed.trim_end();
        if piece.is_empty() {
            return;
        }
        s.offsets.clear();
        s.offsets.extend(piece.char_indices().map(|(i, _)| i));
        s.offsets.push(piece.len());
        s.prepared.fill(piece.chars(), self.matcher.as_ref());
        self.emissions(&s.prepared, &mut s.ids, &mut s.acc, &mut s.em);
        s.lattice.best(&s.em, &self.trans, &mut s.tags);
        let spans = spans_from_tags(&s.tags);
        if spans.is_empty() {
            return;
        }
        s.lattice
            .margins(&s.em, &self.trans, &s.tags, &mut s.margins);
        let n = s.tags.len();
        for (a, b, kind) in spans {
            let Some((a, b)) = trim(&s.prepared.keys[PAD..PAD + n], a, b) else {
                continue;
            };
            let lo = a.saturating_sub(1);
            let hi = (b + 1).min(n);
            let margin = s
                .margins
                .get(lo..hi)
                .and_then(|m| m.iter().min())
                .copied()
                .unwrap_or(0);
            out.push(Span {
                start: base + s.offsets[a],
                end: base + s.offsets[b],
                kind,
                score: 1.0 - (-(margin as f32) / self.margin_unit).exp(),
            });
        }
    }

    #[inline]
    fn id(&self, c: u32) -> u16 {
        match self.bmp.get(c as usize) {
            Some(&id) => id,
            None => self.astral.get(&c).copied().unwrap_or(0),
        }
    }

    /// Emission scores of each character of a prepared piece: the same sums
    /// as `features::visit` enumerates (a test holds them equal), computed
    /// with the id tables. Rows are summed in i16 with saturation, which a
    /// trained model's weights (at most `TrainConfig::weight_max`) reach
    /// only where the answer is clear anyway.
    fn emissions(&self, p: &Prepared, ids: &mut Vec<u16>, acc: &mut Vec<WRow>, em: &mut Vec<Row>) {
        let n = p.len();
        ids.clear();
        ids.extend(p.keys.iter().map(|&c| self.id(c)));
        acc.clear();
        acc.resize(n + 2 * SLACK, [0; LANES]);
        // the n-gram at padded index k applies its row r to character k - r,
        // which is acc[k - r + SLACK]
        for (k, &id) in ids.iter().enumerate() {
            let block = &self.uni[id as usize * 5..id as usize * 5 + 5];
            for (r, w) in block.iter().enumerate() {
                add(&mut acc[k + SLACK - r], w);
            }
        }
        // bigrams, and trigrams through the bigram of their first two
        // characters: most trigrams of a text are not in the model, and the
        // bigram's flag saves looking them up
        let len = ids.len();
        for k in 0..len.saturating_sub(1) {
            let (a, b) = (ids[k], ids[k + 1]);
            if a == 0 || b == 0 {
                continue;
            }
            let Some(v) = self.bi.get((a as u32) << 16 | b as u32) else {
                continue;
            };
            let block = (v & !HAS_TRIGRAMS) as usize;
            if block != NO_BLOCK as usize {
                for (r, w) in self.bi_rows[block * 4..block * 4 + 4].iter().enumerate() {
                    add(&mut acc[k + SLACK - r], w);
                }
            }
            if v & HAS_TRIGRAMS == 0 || k + 2 >= len || ids[k + 2] == 0 {
                continue;
            }
            let key = (a as u64) << 32 | (b as u64) << 16 | ids[k + 2] as u64;
            if let Some(t) = self.tri.get(key) {
                let t = t as usize;
                for (r, w) in self.tri_rows[t * 3..t * 3 + 3].iter().enumerate() {
                    add(&mut acc[k + SLACK - r], w);
                }
            }
        }
        visit_context(p, self.templates, |feat| {
            let (at, w) = match feat {
                Feature::Class { at, row } => (at, self.classes.get(row)),
                Feature::Dict { at, row } => (at, self.dict.get(row)),
                Feature::Gram { .. } => return,
            };
            if let Some(w) = w {
                add(&mut acc[at + SLACK], w);
            }
        });
        em.clear();
        em.extend(acc[SLACK..SLACK + n].iter().map(|r| r.map(i32::from)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::{gram_targets, visit, CLASS_ROWS, DICT_ROWS};
    use super::super::labels::{tag, O};
    use super::super::lexicon::Lexicon;
    use super::*;

    /// A hand-made model: Han characters after 王 are a person's name, and
    /// 省 closes a place.
    fn toy() -> Tagger {
        let mut trans = Transitions::default();
        // prefer names to stop at E
        trans.pair[tag(Kind::Person, 0) as usize][tag(Kind::Person, 2) as usize] = 5;
        let mut wang = [[0i16; LANES]; 5];
        wang[2][tag(Kind::Person, 0) as usize] = 100; // offset 0: 王 begins
        wang[1][tag(Kind::Person, 2) as usize] = 100; // offset -1: the next ends
        let mut sheng = [[0i16; LANES]; 5];
        sheng[2][tag(Kind::Place, 2) as usize] = 100;
        sheng[3][tag(Kind::Place, 0) as usize] = 100; // offset +1: the one before begins
        let mut keys = [('王' as u64, wang), ('省' as u64, sheng)];
        keys.sort_by_key(|k| k.0);
        let mut classes = vec![[0i16; LANES]; CLASS_ROWS];
        for row in classes.iter_mut() {
            row[O as usize] = 10;
        }
        Tagger::new(Model {
            templates: Templates {
                bigrams: false,
                trigrams: false,
                classes: true,
                dictionary: false,
            },
            scale: 1.0,
            margin_unit: 50.0,
            trans,
            lexicon: Default::default(),
            grams: [
                GramTable {
                    keys: keys.iter().map(|k| k.0).collect(),
                    rows: keys.iter().flat_map(|k| k.1).collect(),
                },
                GramTable::default(),
                GramTable::default(),
            ],
            classes,
            dict: vec![],
        })
    }

    #[test]
    fn tags_a_toy_model() {
        let t = toy();
        let table: &[(&str, &[(&str, Kind)])] = &[
            ("", &[]),
            ("他说", &[]),
            ("王五说", &[("王五", Kind::Person)]),
            (
                "ab湖南省。王六",
                &[("南省", Kind::Place), ("王六", Kind::Person)],
            ),
        ];
        for &(text, want) in table {
            let got: Vec<(&str, Kind)> = t
                .tag(text)
                .iter()
                .map(|s| (&text[s.start..s.end], s.kind))
                .collect();
            assert_eq!(got, want, "{text}");
            for s in t.tag(text) {
                assert!((0.0..1.0).contains(&s.score), "{s:?}");
            }
        }
    }

    /// Emission sums as `features::visit` defines them, straight from a model.
    fn reference(m: &Model, p: &Prepared) -> Vec<Row> {
        let n = p.len();
        let mut em = vec![[0i32; LANES]; n];
        let mut put = |i: usize, w: &WRow| {
            for (a, &b) in em[i].iter_mut().zip(w) {
                *a += b as i32;
            }
        };
        visit(p, m.templates, |f| match f {
            Feature::Gram { width, start, key } => {
                let g = &m.grams[width - 1];
                if let Ok(b) = g.keys.binary_search(&key) {
                    for (i, r) in gram_targets(start, width, n) {
                        put(i, &g.rows[b * rows_of(width) + r]);
                    }
                }
            }
            Feature::Class { at, row } => put(at, &m.classes[row]),
            Feature::Dict { at, row } => put(at, &m.dict[row]),
        });
        em
    }

    #[test]
    fn emissions_match_the_feature_definition() {
        let mut lists = std::collections::BTreeMap::new();
        lists.insert("surname".to_string(), vec!["王", "欧阳"]);
        lists.insert("role".to_string(), vec!["局长"]);
        let lexicon = Lexicon::from_lists(lists);
        let matcher = lexicon.matcher();
        let texts = ["局长王五说", "欧阳😀a1，王", "", "x", "局长局长王王王王"];
        let with_dict = Templates {
            dictionary: true,
            ..Templates::default()
        };
        // every n-gram of the texts gets a pseudo-random block
        let mut x = 99u64;
        let mut rnd = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 201) as i16 - 100
        };
        let mut keys: [Vec<u64>; 3] = Default::default();
        let mut p = Prepared::default();
        for t in texts {
            p.fill(t.chars(), Some(&matcher));
            visit(&p, with_dict, |f| {
                if let Feature::Gram { width, key, .. } = f {
                    keys[width - 1].push(key);
                }
            });
        }
        let mut grams: [GramTable; 3] = Default::default();
        for (w, k) in keys.iter_mut().enumerate() {
            k.sort_unstable();
            k.dedup();
            k.retain(|_| rnd() > -60); // some n-grams unknown to the model
            grams[w].rows = (0..k.len() * rows_of(w + 1))
                .map(|_| std::array::from_fn(|_| rnd()))
                .collect();
            grams[w].keys = std::mem::take(k);
        }
        let model = Model {
            templates: with_dict,
            scale: 1.0,
            margin_unit: 1.0,
            trans: Transitions::default(),
            lexicon,
            grams,
            classes: (0..CLASS_ROWS)
                .map(|_| std::array::from_fn(|_| rnd()))
                .collect(),
            dict: (0..DICT_ROWS)
                .map(|_| std::array::from_fn(|_| rnd()))
                .collect(),
        };
        let t = Tagger::new(model.clone());
        let (mut ids, mut acc, mut em) = (Vec::new(), Vec::new(), Vec::new());
        for text in texts {
            p.fill(text.chars(), t.matcher.as_ref());
            t.emissions(&p, &mut ids, &mut acc, &mut em);
            assert_eq!(em, reference(&model, &p), "{text}");
        }
    }

    #[test]
    fn names_are_trimmed() {
        let table: &[(&str, Option<&str>)] = &[
            ("王五", Some("王五")),
            ("王五\n", Some("王五")),
            ("邓琼）", Some("邓琼")),
            (">> 科技局", Some("科技局")),
            (
                "齐鲁工业大学（山东省科学院）",
                Some("齐鲁工业大学（山东省科学院）"),
            ),
            ("（山东省科学院", Some("山东省科学院")),
            ("埃蒙德·菲尔普斯", Some("埃蒙德·菲尔普斯")),
            ("。，", None),
        ];
        for &(name, want) in table {
            let keys: Vec<u32> = name
                .chars()
                .map(|c| super::super::text::fold(c) as u32)
                .collect();
            let chars: Vec<char> = name.chars().collect();
            let got =
                trim(&keys, 0, keys.len()).map(|(a, b)| chars[a..b].iter().collect::<String>());
            assert_eq!(got.as_deref(), want, "{name}");
        }
    }

    #[test]
    fn long_lines_are_cut() {
        let t = toy();
        let text = "王五".repeat(2000);
        let spans = t.tag(&text);
        assert_eq!(spans.len(), 2000);
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
