//! The model and its file format.
//!
//! A file is the magic `INNOTAG`, a format version byte, and a zlib stream
//! (flate2, level 9; zlib rather than raw deflate for its checksum) of the
//! payload. All integers are little-endian LEB128 varints (signed ones
//! zigzagged), so the payload has no alignment or width to get wrong:
//!
//! - templates (one byte of flags), scale and margin unit (f32 bits);
//! - transitions: start, end, pair, 13 + 13 + 169 signed;
//! - lexicon: categories, then (word, category mask) pairs;
//! - the unigram, bigram and trigram tables: key count, keys (sorted,
//!   delta-coded), then the rows of all blocks as a column of lane masks
//!   followed by a column of the non-zero weights;
//! - the class rows and the dictionary rows, the same way.
//!
//! Weights are i16: the perceptron's averaged weights times `scale`. The
//! writer orders everything by key, so equal models give equal bytes.

use std::io::{Read, Write};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use super::decode::Transitions;
use super::error::Error;
use super::features::{rows_of, Templates, CLASS_ROWS, DICT_ROWS};
use super::labels::{LANES, N_TAGS};
use super::lexicon::Lexicon;

const MAGIC: &[u8; 7] = b"INNOTAG";
/// 2: tags renumbered (openers first, see `labels::tag`).
pub(crate) const VERSION: u8 = 2;
/// A ceiling on the payload, so that a corrupt length cannot make the reader
/// allocate without bound.
const MAX_PAYLOAD: u64 = 256 << 20;

/// A weight row: one i16 per tag lane.
pub(crate) type WRow = [i16; LANES];

/// The weight blocks of one n-gram template.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct GramTable {
    /// Sorted n-gram keys (see `features::gram_key`).
    pub keys: Vec<u64>,
    /// `rows_of(width)` rows for each key, in key order.
    pub rows: Vec<WRow>,
}

/// A trained tagger model.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) templates: Templates,
    /// Quantised units per unit of averaged perceptron weight.
    pub(crate) scale: f32,
    /// The margin (in quantised units) that maps to a score of 1 - 1/e.
    pub(crate) margin_unit: f32,
    pub(crate) trans: Transitions,
    pub(crate) lexicon: Lexicon,
    /// Tables of the n-grams of width 1, 2 and 3.
    pub(crate) grams: [GramTable; 3],
    pub(crate) classes: Vec<WRow>,
    pub(crate) dict: Vec<WRow>,
}

impl Model {
    /// Sets the margin (in quantised weight units) that maps to a score of
    /// 1 - 1/e: only the scores change, not the names found.
    pub fn set_margin_unit(&mut self, unit: f32) {
        if unit.is_finite() && unit > 0.0 {
            self.margin_unit = unit;
        }
    }

    /// Number of stored weight rows (a measure of model size).
    pub fn rows(&self) -> usize {
        self.grams.iter().map(|g| g.rows.len()).sum::<usize>()
            + self.classes.len()
            + self.dict.len()
    }

    /// Drops weights of magnitude below `min_abs` and the n-gram blocks
    /// left with none: most of a perceptron's n-gram weights are small
    /// corrections that cost memory (and tagging time, in cache misses) for
    /// little accuracy.
    pub fn prune(&mut self, min_abs: i16) {
        let cut = |rows: &mut [WRow]| {
            for v in rows.iter_mut().flatten() {
                if v.unsigned_abs() < min_abs.unsigned_abs() {
                    *v = 0;
                }
            }
        };
        for (w, g) in self.grams.iter_mut().enumerate() {
            cut(&mut g.rows);
            let k = rows_of(w + 1);
            let mut keys = Vec::with_capacity(g.keys.len());
            let mut rows = Vec::with_capacity(g.rows.len());
            for (key, block) in g.keys.iter().zip(g.rows.chunks(k)) {
                if block.iter().flatten().any(|&v| v != 0) {
                    keys.push(*key);
                    rows.extend_from_slice(block);
                }
            }
            g.keys = keys;
            g.rows = rows;
        }
        cut(&mut self.classes);
        cut(&mut self.dict);
    }

    /// A line on the model's make-up: keys and rows per template, non-zero
    /// weights, lexicon size.
    pub fn summary(&self) -> String {
        let nz = |rows: &[WRow]| rows.iter().flatten().filter(|&&v| v != 0).count();
        let g = &self.grams;
        format!(
            "unigrams {} ({} nz), bigrams {} ({} nz), trigrams {} ({} nz), class rows {}, dict rows {} ({} nz), lexicon {} words in {} categories",
            g[0].keys.len(),
            nz(&g[0].rows),
            g[1].keys.len(),
            nz(&g[1].rows),
            g[2].keys.len(),
            nz(&g[2].rows),
            self.classes.len(),
            self.dict.len(),
            nz(&self.dict),
            self.lexicon.words.len(),
            self.lexicon.categories.len()
        )
    }

    /// The file bytes of the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        p.push(self.templates.to_bits());
        p.extend(self.scale.to_bits().to_le_bytes());
        p.extend(self.margin_unit.to_bits().to_le_bytes());
        let tr = &self.trans;
        for v in tr.start[..N_TAGS].iter().chain(&tr.end[..N_TAGS]) {
            put_i(&mut p, *v as i64);
        }
        for row in &tr.pair[..N_TAGS] {
            for v in &row[..N_TAGS] {
                put_i(&mut p, *v as i64);
            }
        }
        put_u(&mut p, self.lexicon.categories.len() as u64);
        for c in &self.lexicon.categories {
            put_str(&mut p, c);
        }
        put_u(&mut p, self.lexicon.words.len() as u64);
        for (w, m) in &self.lexicon.words {
            put_str(&mut p, w);
            put_u(&mut p, *m as u64);
        }
        for g in &self.grams {
            put_u(&mut p, g.keys.len() as u64);
            let mut last = 0u64;
            for &k in &g.keys {
                put_u(&mut p, k - last);
                last = k;
            }
            put_rows(&mut p, &g.rows);
        }
        put_u(&mut p, self.classes.len() as u64);
        put_rows(&mut p, &self.classes);
        put_u(&mut p, self.dict.len() as u64);
        put_rows(&mut p, &self.dict);

        let mut out = Vec::with_capacity(p.len() / 2);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        let mut z = ZlibEncoder::new(out, Compression::best());
        // writing into a Vec cannot fail
        z.write_all(&p).expect("write to memory");
        z.finish().expect("write to memory")
    }

    /// Reads a model file. Any corruption is an error, never a panic.
    pub fn from_bytes(b: &[u8]) -> Result<Model, Error> {
        if b.len() < MAGIC.len() + 1 || &b[..MAGIC.len()] != MAGIC {
            return Err(Error::Magic);
        }
        if b[MAGIC.len()] != VERSION {
            return Err(Error::Version(b[MAGIC.len()], VERSION));
        }
        let mut payload = Vec::new();
        ZlibDecoder::new(&b[MAGIC.len() + 1..])
            .take(MAX_PAYLOAD)
            .read_to_end(&mut payload)?;
        let mut r = Reader { b: &payload, at: 0 };
        let templates = Templates::from_bits(r.byte()?);
        let scale = f32::from_bits(r.u32le()?);
        let margin_unit = f32::from_bits(r.u32le()?);
        if !(scale.is_finite() && scale > 0.0 && margin_unit.is_finite() && margin_unit > 0.0) {
            return Err(Error::Corrupt("scale"));
        }
        let mut trans = Transitions::default();
        for t in 0..N_TAGS {
            trans.start[t] = r.i32()?;
        }
        for t in 0..N_TAGS {
            trans.end[t] = r.i32()?;
        }
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                trans.pair[p][t] = r.i32()?;
            }
        }
        let n_cat = r.len(64)?;
        let categories = (0..n_cat)
            .map(|_| r.string())
            .collect::<Result<Vec<_>, _>>()?;
        let n_words = r.len(1 << 22)?;
        let mut words = Vec::with_capacity(n_words);
        for _ in 0..n_words {
            let w = r.string()?;
            let m = u32::try_from(r.u()?).map_err(|_| Error::Corrupt("category mask"))?;
            words.push((w, m));
        }
        if words.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(Error::Corrupt("lexicon order"));
        }
        let lexicon = Lexicon { categories, words };
        let mut grams: [GramTable; 3] = Default::default();
        for (i, g) in grams.iter_mut().enumerate() {
            let n = r.len(1 << 26)?;
            let mut keys = Vec::with_capacity(n);
            let mut last = 0u64;
            for j in 0..n {
                let d = r.u()?;
                if j > 0 && d == 0 {
                    return Err(Error::Corrupt("n-gram key order"));
                }
                last = last.checked_add(d).ok_or(Error::Corrupt("n-gram key"))?;
                keys.push(last);
            }
            g.rows = r.rows(n * rows_of(i + 1))?;
            g.keys = keys;
        }
        let n = r.len(CLASS_ROWS)?;
        let classes = r.rows(n)?;
        let n = r.len(DICT_ROWS)?;
        let dict = r.rows(n)?;
        if r.at != payload.len() {
            return Err(Error::Corrupt("trailing bytes"));
        }
        Ok(Model {
            templates,
            scale,
            margin_unit,
            trans,
            lexicon,
            grams,
            classes,
            dict,
        })
    }
}

fn put_u(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_i(out: &mut Vec<u8>, v: i64) {
    put_u(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Rows as a column of non-zero-lane masks, then a column of the values.
fn put_rows(out: &mut Vec<u8>, rows: &[WRow]) {
    for row in rows {
        let mask = row
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0)
            .fold(0u64, |m, (i, _)| m | 1 << i);
        put_u(out, mask);
    }
    for row in rows {
        for &v in row.iter().filter(|&&v| v != 0) {
            put_i(out, v as i64);
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, Error> {
        let v = *self.b.get(self.at).ok_or(Error::Corrupt("truncated"))?;
        self.at += 1;
        Ok(v)
    }

    fn u32le(&mut self) -> Result<u32, Error> {
        let mut x = [0u8; 4];
        for b in &mut x {
            *b = self.byte()?;
        }
        Ok(u32::from_le_bytes(x))
    }

    fn u(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::Corrupt("varint"))
    }

    fn i(&mut self) -> Result<i64, Error> {
        let u = self.u()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    /// A transition weight: bounded far below where the decoder's sums
    /// could overflow.
    fn i32(&mut self) -> Result<i32, Error> {
        let v = self.i()?;
        if v.unsigned_abs() > 1 << 24 {
            return Err(Error::Corrupt("transition"));
        }
        Ok(v as i32)
    }

    /// A count, at most `max` and at most the bytes left (each counted item
    /// takes at least one byte), so corrupt counts fail before allocating.
    fn len(&mut self, max: usize) -> Result<usize, Error> {
        let n = self.u()?;
        if n > max as u64 || n > (self.b.len() - self.at) as u64 {
            return Err(Error::Corrupt("count"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, Error> {
        let n = self.len(1 << 16)?;
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        String::from_utf8(s.to_vec()).map_err(|_| Error::Corrupt("string"))
    }

    fn rows(&mut self, n: usize) -> Result<Vec<WRow>, Error> {
        if n > self.b.len() - self.at {
            return Err(Error::Corrupt("row count"));
        }
        let mut masks = Vec::with_capacity(n);
        for _ in 0..n {
            let m = self.u()?;
            if m >> N_TAGS != 0 {
                return Err(Error::Corrupt("lane mask"));
            }
            masks.push(m);
        }
        let mut rows = vec![[0i16; LANES]; n];
        for (row, &m) in rows.iter_mut().zip(&masks) {
            for (lane, v) in row.iter_mut().enumerate() {
                if m & (1 << lane) != 0 {
                    *v = i16::try_from(self.i()?).map_err(|_| Error::Corrupt("weight"))?;
                }
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    pub(crate) fn sample() -> Model {
        let mut trans = Transitions::default();
        trans.start[1] = -7;
        trans.pair[2][3] = 40_000;
        trans.end[4] = -(1 << 24);
        let mut lists = BTreeMap::new();
        lists.insert("surname".to_string(), vec!["王", "欧阳"]);
        let mut row = [0i16; LANES];
        row[0] = 5;
        row[12] = -32768;
        Model {
            templates: Templates::default(),
            scale: 3.5,
            margin_unit: 100.0,
            trans,
            lexicon: Lexicon::from_lists(lists),
            grams: [
                GramTable {
                    keys: vec!['王' as u64],
                    rows: vec![row; 5],
                },
                GramTable {
                    keys: vec![1, 7],
                    rows: vec![[0; LANES]; 8],
                },
                GramTable::default(),
            ],
            classes: vec![row; CLASS_ROWS],
            dict: vec![],
        }
    }

    #[test]
    fn round_trip() {
        let m = sample();
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b).unwrap(), m);
        // the same model gives the same bytes
        assert_eq!(m.clone().to_bytes(), b);
    }

    #[test]
    fn pruning_drops_small_weights_and_empty_blocks() {
        let mut m = sample();
        m.grams[0].rows[0][0] = 3;
        m.prune(6);
        // the unigram block keeps its -32768; the all-zero bigram blocks go
        assert_eq!(m.grams[0].keys.len(), 1);
        assert!(m.grams[0].rows.iter().all(|r| r[0] == 0 && r[12] == -32768));
        assert!(m.grams[1].keys.is_empty() && m.grams[1].rows.is_empty());
        assert_eq!(Model::from_bytes(&m.to_bytes()).unwrap(), m);
    }

    #[test]
    fn rejects_bad_files() {
        let good = sample().to_bytes();
        let mut bad_version = good.clone();
        bad_version[7] = 9;
        assert_eq!(good[7], VERSION);
        let table: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "magic"),
            (b"NOTAMODEL".to_vec(), "magic"),
            (bad_version, "version"),
            (good[..good.len() - 3].to_vec(), "truncated"),
            (good[..12].to_vec(), "truncated header"),
        ];
        for (bytes, why) in table {
            assert!(Model::from_bytes(&bytes).is_err(), "{why}");
        }
        // a payload that is valid zlib but garbage inside
        let mut z = ZlibEncoder::new([&MAGIC[..], &[VERSION]].concat(), Compression::fast());
        z.write_all(&[0xff; 64]).unwrap();
        assert!(Model::from_bytes(&z.finish().unwrap()).is_err());
    }
}
