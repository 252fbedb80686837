//! Training: an averaged structured perceptron over the features of
//! `features`, decoded with the same Viterbi as at run time.
//!
//! Deterministic by construction: integer weights and updates (a corpus
//! weight is a whole number of eighths), n-gram ids given in sorted key
//! order, the example order shuffled by a fixed-seed generator, and no
//! iteration over a hash map anywhere that reaches the model.

use rustc_hash::FxHashMap;

use super::corpus::Example;
use super::decode::{Lattice, Row, Transitions};
use super::features::{
    gram_targets, rows_of, visit, Feature, Prepared, Templates, CLASS_ROWS, DICT_ROWS,
};
use super::labels::{spans_from_tags, tags_from_spans, LANES, N_TAGS};
use super::lexicon::Lexicon;
use super::model::{GramTable, Model, WRow};
use super::text::{pieces, MAX_PIECE_CHARS};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    pub templates: Templates,
    /// Fewest occurrences in the training data for a bigram and a trigram
    /// to get weights (unigrams always do): rare n-grams cost model size and
    /// carry little.
    pub min_count: [u32; 2],
    /// Weights whose quantised magnitude is below this are dropped.
    pub prune: i16,
    /// The largest quantised weight. 127, so that the tagger holds rows as
    /// i8 (half the memory and cache misses of i16); measured on the CLUENER
    /// held-out slice and the teacher's, it costs no accuracy.
    pub weight_max: i16,
    /// The margin that maps to a score of 1 - 1/e (see `Span::score`), as a
    /// fraction of the largest weight. 0.47 (60 at weight_max 127) makes the
    /// score about the exact-match precision of names on the CLUENER
    /// held-out slice from 0.5 up (it changes the scores, not the names).
    pub margin_unit: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 0x1a2b_3c4d,
            templates: Templates::default(),
            min_count: [2, 2],
            prune: 2,
            weight_max: 127,
            margin_unit: 0.47,
        }
    }
}

/// A set of examples and how much each counts relative to the others.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub name: String,
    pub examples: Vec<Example>,
    /// Relative weight (1.0 = as much as gold); 0 leaves the corpus out.
    pub weight: f32,
}

/// One training piece with its features in compressed-row form.
struct Instance {
    tags: Vec<u8>,
    /// rows[offs[i]..offs[i + 1]] are the weight rows of character i.
    offs: Vec<u32>,
    rows: Vec<u32>,
    weight: i32,
}

/// splitmix64: a small, fixed generator, so the shuffle is the same on every
/// machine and with every version of every crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Where each template's rows start in the training weight matrix.
struct Layout {
    /// Per n-gram width: key → id, in sorted key order.
    ids: [FxHashMap<u64, u32>; 3],
    keys: [Vec<u64>; 3],
    gram_base: [usize; 3],
    class_base: usize,
    dict_base: usize,
    total: usize,
}

/// A training piece before feature extraction.
struct Piece {
    chars: Vec<char>,
    tags: Vec<u8>,
    weight: i32,
}

fn split_pieces(corpora: &[Corpus]) -> Vec<Piece> {
    let mut out = Vec::new();
    for c in corpora {
        let weight = (c.weight * 8.0).round() as i32;
        if weight <= 0 {
            continue;
        }
        for ex in &c.examples {
            let chars: Vec<char> = ex.text.chars().collect();
            let tags = tags_from_spans(chars.len(), &ex.spans);
            // pieces as the tagger cuts them; names that cross a cut are
            // left as they fall (rare: pieces end at sentence ends)
            let mut at = 0;
            for (s, e) in pieces(&ex.text, MAX_PIECE_CHARS) {
                let n = ex.text[s..e].chars().count();
                let mut piece_tags = tags[at..at + n].to_vec();
                repair(&mut piece_tags);
                out.push(Piece {
                    chars: chars[at..at + n].to_vec(),
                    tags: piece_tags,
                    weight,
                });
                at += n;
            }
        }
    }
    out
}

/// Makes a tag sequence cut out of a longer one legal again.
fn repair(tags: &mut [u8]) {
    let spans = spans_from_tags(tags);
    let fixed = tags_from_spans(tags.len(), &spans);
    tags.copy_from_slice(&fixed);
}

fn layout(
    pieces: &[Piece],
    prepared: &mut Prepared,
    cfg: &TrainConfig,
    lexicon: Option<&super::lexicon::Matcher>,
) -> Layout {
    let mut counts: [FxHashMap<u64, u32>; 3] = Default::default();
    for p in pieces {
        prepared.fill(p.chars.iter().copied(), lexicon);
        visit(prepared, cfg.templates, |f| {
            if let Feature::Gram { width, key, .. } = f {
                *counts[width - 1].entry(key).or_default() += 1;
            }
        });
    }
    let mut keys: [Vec<u64>; 3] = Default::default();
    for (w, c) in counts.iter().enumerate() {
        let min = if w == 0 { 1 } else { cfg.min_count[w - 1] };
        keys[w] = c
            .iter()
            .filter(|(_, &n)| n >= min)
            .map(|(&k, _)| k)
            .collect();
        keys[w].sort_unstable();
    }
    let ids: [FxHashMap<u64, u32>; 3] = std::array::from_fn(|w| {
        keys[w]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect()
    });
    let mut gram_base = [0; 3];
    let mut at = 0;
    for w in 0..3 {
        gram_base[w] = at;
        at += keys[w].len() * rows_of(w + 1);
    }
    let class_base = at;
    let dict_base = class_base + CLASS_ROWS;
    Layout {
        ids,
        keys,
        gram_base,
        class_base,
        dict_base,
        total: dict_base + DICT_ROWS,
    }
}

fn instance(
    p: &Piece,
    prepared: &Prepared,
    cfg: &TrainConfig,
    lay: &Layout,
    pairs: &mut Vec<(u32, u32)>,
) -> Instance {
    let n = prepared.len();
    pairs.clear();
    visit(prepared, cfg.templates, |f| match f {
        Feature::Gram { width, start, key } => {
            if let Some(&id) = lay.ids[width - 1].get(&key) {
                let base = lay.gram_base[width - 1] + id as usize * rows_of(width);
                for (i, r) in gram_targets(start, width, n) {
                    pairs.push((i as u32, (base + r) as u32));
                }
            }
        }
        Feature::Class { at, row } => pairs.push((at as u32, (lay.class_base + row) as u32)),
        Feature::Dict { at, row } => pairs.push((at as u32, (lay.dict_base + row) as u32)),
    });
    pairs.sort_unstable();
    let mut offs = Vec::with_capacity(n + 1);
    let mut rows = Vec::with_capacity(pairs.len());
    let mut j = 0;
    for i in 0..n as u32 {
        offs.push(rows.len() as u32);
        while j < pairs.len() && pairs[j].0 == i {
            rows.push(pairs[j].1);
            j += 1;
        }
    }
    offs.push(rows.len() as u32);
    Instance {
        tags: p.tags.clone(),
        offs,
        rows,
        weight: p.weight,
    }
}

/// Perceptron weights with the running sums for averaging: the average of
/// the weights over all steps is `w - u / c` (Daumé's trick).
struct Weights {
    w: Vec<i32>,
    u: Vec<i64>,
    /// Transitions: start (13), end (13), pair (13 × 13).
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
}

const T_START: usize = 0;
const T_END: usize = N_TAGS;
const T_PAIR: usize = 2 * N_TAGS;

impl Weights {
    fn bump(w: &mut [i32], u: &mut [i64], i: usize, d: i32, c: i64) {
        w[i] += d;
        u[i] += c * d as i64;
    }

    fn transitions(&self) -> Transitions {
        let mut t = Transitions::default();
        for a in 0..N_TAGS {
            t.start[a] = self.tw[T_START + a];
            t.end[a] = self.tw[T_END + a];
            for b in 0..N_TAGS {
                t.pair[a][b] = self.tw[T_PAIR + a * N_TAGS + b];
            }
        }
        t
    }

    fn emissions(&self, inst: &Instance, em: &mut Vec<Row>) {
        let n = inst.tags.len();
        em.clear();
        em.resize(n, [0; LANES]);
        for (i, e) in em.iter_mut().enumerate() {
            for &r in &inst.rows[inst.offs[i] as usize..inst.offs[i + 1] as usize] {
                let w = &self.w[r as usize * LANES..(r as usize + 1) * LANES];
                for (a, &b) in e.iter_mut().zip(w) {
                    *a += b;
                }
            }
        }
    }

    fn update(&mut self, inst: &Instance, pred: &[u8]) {
        let (c, d) = (self.c, inst.weight);
        let gold = &inst.tags;
        for (i, (&g, &p)) in gold.iter().zip(pred).enumerate() {
            if g == p {
                continue;
            }
            for &r in &inst.rows[inst.offs[i] as usize..inst.offs[i + 1] as usize] {
                let base = r as usize * LANES;
                Self::bump(&mut self.w, &mut self.u, base + g as usize, d, c);
                Self::bump(&mut self.w, &mut self.u, base + p as usize, -d, c);
            }
        }
        let n = gold.len();
        let mut tr = |gi: usize, pi: usize| {
            if gi != pi {
                Self::bump(&mut self.tw, &mut self.tu, gi, d, c);
                Self::bump(&mut self.tw, &mut self.tu, pi, -d, c);
            }
        };
        tr(T_START + gold[0] as usize, T_START + pred[0] as usize);
        tr(T_END + gold[n - 1] as usize, T_END + pred[n - 1] as usize);
        for i in 1..n {
            tr(
                T_PAIR + gold[i - 1] as usize * N_TAGS + gold[i] as usize,
                T_PAIR + pred[i - 1] as usize * N_TAGS + pred[i] as usize,
            );
        }
    }

    fn averaged<'a>(w: &'a [i32], u: &'a [i64], c: i64) -> impl Iterator<Item = f64> + 'a {
        w.iter()
            .zip(u)
            .map(move |(&w, &u)| w as f64 - u as f64 / c as f64)
    }
}

/// Quantises the averaged weights into a model.
fn to_model(wt: &Weights, lay: &Layout, cfg: &TrainConfig, lexicon: &Lexicon) -> Model {
    let avg: Vec<f64> = Weights::averaged(&wt.w, &wt.u, wt.c).collect();
    let max = avg.iter().fold(0f64, |m, &x| m.max(x.abs())).max(1e-9);
    let scale = cfg.weight_max as f64 / max;
    let q = |x: f64| -> i16 { (x * scale).round() as i16 };
    let row_at = |r: usize| -> WRow {
        let mut row = [0i16; LANES];
        for (t, v) in row.iter_mut().enumerate().take(N_TAGS) {
            *v = q(avg[r * LANES + t]);
        }
        row
    };
    let mut grams: [GramTable; 3] = Default::default();
    for (w, g) in grams.iter_mut().enumerate() {
        let k = rows_of(w + 1);
        for (id, &key) in lay.keys[w].iter().enumerate() {
            let base = lay.gram_base[w] + id * k;
            let block: Vec<WRow> = (base..base + k).map(row_at).collect();
            g.keys.push(key);
            g.rows.extend(block);
        }
    }
    let classes: Vec<WRow> = if cfg.templates.classes {
        (lay.class_base..lay.class_base + CLASS_ROWS)
            .map(row_at)
            .collect()
    } else {
        Vec::new()
    };
    let dict: Vec<WRow> = if cfg.templates.dictionary {
        (lay.dict_base..lay.dict_base + DICT_ROWS)
            .map(row_at)
            .collect()
    } else {
        Vec::new()
    };
    let tavg: Vec<f64> = Weights::averaged(&wt.tw, &wt.tu, wt.c).collect();
    let mut trans = Transitions::default();
    // within the bound the model reader accepts
    let tq = |x: f64| (x * scale).round().clamp(-16e6, 16e6) as i32;
    for a in 0..N_TAGS {
        trans.start[a] = tq(tavg[T_START + a]);
        trans.end[a] = tq(tavg[T_END + a]);
        for b in 0..N_TAGS {
            trans.pair[a][b] = tq(tavg[T_PAIR + a * N_TAGS + b]);
        }
    }
    let mut model = Model {
        templates: cfg.templates,
        scale: scale as f32,
        margin_unit: (cfg.margin_unit * cfg.weight_max as f32).max(1.0),
        trans,
        lexicon: if cfg.templates.dictionary {
            lexicon.clone()
        } else {
            Lexicon::default()
        },
        grams,
        classes,
        dict,
    };
    model.prune(cfg.prune);
    model
}

/// Trains a model on the corpora, using the lexicon for dictionary features.
pub fn train(cfg: &TrainConfig, lexicon: &Lexicon, corpora: &[Corpus]) -> Model {
    train_with(cfg, lexicon, corpora, &mut |_, _| {})
}

/// As `train`, calling `on_epoch(epoch, model)` with the averaged model after
/// each pass but the last (for learning curves).
pub fn train_with(
    cfg: &TrainConfig,
    lexicon: &Lexicon,
    corpora: &[Corpus],
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let matcher = cfg.templates.dictionary.then(|| lexicon.matcher());
    let pieces: Vec<Piece> = split_pieces(corpora)
        .into_iter()
        .filter(|p| !p.chars.is_empty())
        .collect();
    let mut prepared = Prepared::default();
    let lay = layout(&pieces, &mut prepared, cfg, matcher.as_ref());
    let mut pairs = Vec::new();
    let instances: Vec<Instance> = pieces
        .iter()
        .map(|p| {
            prepared.fill(p.chars.iter().copied(), matcher.as_ref());
            instance(p, &prepared, cfg, &lay, &mut pairs)
        })
        .collect();
    drop(pieces);
    let mut wt = Weights {
        w: vec![0; lay.total * LANES],
        u: vec![0; lay.total * LANES],
        tw: vec![0; T_PAIR + N_TAGS * N_TAGS],
        tu: vec![0; T_PAIR + N_TAGS * N_TAGS],
        c: 1,
    };
    let mut rng = Rng(cfg.seed);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut lattice = Lattice::default();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        // the transitions change only on a mistake: rebuild them only then
        let mut cached = wt.transitions();
        let mut trans_dirty = false;
        for &k in &order {
            let inst = &instances[k];
            if trans_dirty {
                cached = wt.transitions();
                trans_dirty = false;
            }
            wt.emissions(inst, &mut em);
            lattice.best(&em, &cached, &mut pred);
            if pred != inst.tags {
                wt.update(inst, &pred);
                trans_dirty = true;
            }
            wt.c += 1;
        }
        if epoch + 1 < cfg.epochs {
            on_epoch(epoch + 1, &to_model(&wt, &lay, cfg, lexicon));
        }
    }
    to_model(&wt, &lay, cfg, lexicon)
}

#[cfg(test)]
mod tests {
    use super::super::labels::Kind;
    use super::super::runtime::Tagger;
    use super::*;

    fn toy_corpus() -> Vec<Corpus> {
        // names after 市长 and before 说; places ending in 市
        let mut examples = Vec::new();
        let given = ["明", "红", "军", "伟", "芳", "强", "丽", "涛"];
        let family = ["王", "李", "张", "刘"];
        let cities = ["江阴", "宜兴", "无锡", "常州"];
        for (i, g) in given.iter().enumerate() {
            for (j, f) in family.iter().enumerate() {
                let city = cities[(i + j) % 4];
                let text = format!("{city}市市长{f}{g}说，今天很好。");
                examples.push(Example {
                    text,
                    spans: vec![(0, 3, Kind::Place), (5, 7, Kind::Person)],
                });
            }
        }
        vec![Corpus {
            name: "toy".into(),
            examples,
            weight: 1.0,
        }]
    }

    fn cfg() -> TrainConfig {
        TrainConfig {
            epochs: 5,
            min_count: [1, 1],
            ..TrainConfig::default()
        }
    }

    #[test]
    fn learns_a_toy_pattern() {
        let model = train(&cfg(), &Lexicon::default(), &toy_corpus());
        let t = Tagger::new(model);
        let text = "宜兴市市长刘明说，今天很好。";
        let got: Vec<(&str, Kind)> = t
            .tag(text)
            .iter()
            .map(|s| (&text[s.start..s.end], s.kind))
            .collect();
        assert_eq!(got, vec![("宜兴市", Kind::Place), ("刘明", Kind::Person)]);
    }

    #[test]
    fn deterministic() {
        let a = train(&cfg(), &Lexicon::default(), &toy_corpus()).to_bytes();
        let b = train(&cfg(), &Lexicon::default(), &toy_corpus()).to_bytes();
        assert_eq!(a, b);
    }

    #[test]
    fn zero_weight_and_empty_input() {
        let mut c = toy_corpus();
        c[0].weight = 0.0;
        let m = train(&cfg(), &Lexicon::default(), &c);
        assert!(Tagger::new(m).tag("宜兴市市长刘明说").is_empty());
        let m = train(&cfg(), &Lexicon::default(), &[]);
        assert!(Tagger::new(m).tag("").is_empty());
    }

    #[test]
    fn shuffle_is_fixed() {
        let mut v: Vec<u32> = (0..10).collect();
        Rng(7).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        Rng(7).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..10).collect::<Vec<u32>>());
    }

    #[test]
    fn cut_sequences_are_repaired() {
        let mut tags = tags_from_spans(4, &[(0, 4, Kind::Person)]);
        repair(&mut tags[1..3]);
        assert_eq!(
            &tags[1..3],
            &tags_from_spans(2, &[(0, 2, Kind::Person)])[..]
        );
    }
}
