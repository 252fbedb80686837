//! Span-level scores: exact match and overlap match, per kind and overall.

use std::fmt;

use super::corpus::Example;
use super::labels::Kind;
use super::runtime::Tagger;

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    fn add(&mut self, o: &Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact and overlap tallies per kind (indexed as `Kind::ALL`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub exact: [Tally; 3],
    pub overlap: [Tally; 3],
}

type S = (usize, usize, Kind);

/// Pairs predicted with gold spans one to one, greedily in order: a
/// predicted span takes the first free gold span of its kind that `hit`s it.
fn matched(gold: &[S], pred: &[S], hit: impl Fn(&S, &S) -> bool) -> [Tally; 3] {
    let mut used = vec![false; gold.len()];
    let mut t = [Tally::default(); 3];
    for p in pred {
        let k = p.2.index();
        match (0..gold.len()).find(|&j| !used[j] && gold[j].2 == p.2 && hit(&gold[j], p)) {
            Some(j) => {
                used[j] = true;
                t[k].tp += 1;
            }
            None => t[k].fp += 1,
        }
    }
    for (g, u) in gold.iter().zip(&used) {
        if !u {
            t[g.2.index()].fn_ += 1;
        }
    }
    t
}

impl Scores {
    /// Adds one text's gold and predicted spans (any consistent offsets).
    pub fn add(&mut self, gold: &[S], pred: &[S]) {
        let exact = matched(gold, pred, |g, p| g.0 == p.0 && g.1 == p.1);
        let overlap = matched(gold, pred, |g, p| g.0 < p.1 && p.0 < g.1);
        for k in 0..3 {
            self.exact[k].add(&exact[k]);
            self.overlap[k].add(&overlap[k]);
        }
    }

    pub fn exact_all(&self) -> Tally {
        let mut t = Tally::default();
        self.exact.iter().for_each(|x| t.add(x));
        t
    }

    pub fn overlap_all(&self) -> Tally {
        let mut t = Tally::default();
        self.overlap.iter().for_each(|x| t.add(x));
        t
    }
}

/// Tags each example's text and scores it against its spans.
pub fn evaluate(tagger: &Tagger, examples: &[Example]) -> Scores {
    let mut s = Scores::default();
    for ex in examples {
        let pred = char_spans(&ex.text, tagger);
        s.add(&ex.spans, &pred);
    }
    s
}

/// The tagger's spans of `text` in character offsets.
pub fn char_spans(text: &str, tagger: &Tagger) -> Vec<S> {
    let mut char_of = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (b, _) in text.char_indices() {
        char_of[b] = n;
        n += 1;
    }
    char_of[text.len()] = n;
    tagger
        .tag(text)
        .iter()
        .map(|sp| (char_of[sp.start], char_of[sp.end], sp.kind))
        .collect()
}

impl fmt::Display for Scores {
    /// A table: kind, then exact P/R/F1 and overlap P/R/F1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "kind   gold  exact P / R / F1        overlap P / R / F1")?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, e: Tally, o: Tally| {
            writeln!(
                f,
                "{name:<5} {:>5}  {:.3} / {:.3} / {:.3}   {:.3} / {:.3} / {:.3}",
                e.tp + e.fn_,
                e.precision(),
                e.recall(),
                e.f1(),
                o.precision(),
                o.recall(),
                o.f1()
            )
        };
        for k in Kind::ALL {
            line(f, k.code(), self.exact[k.index()], self.overlap[k.index()])?;
        }
        line(f, "all", self.exact_all(), self.overlap_all())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gold, predicted, exact (tp, fp, fn), overlap (tp, fp, fn).
    type Case<'a> = (
        &'a [S],
        &'a [S],
        (usize, usize, usize),
        (usize, usize, usize),
    );

    const P: Kind = Kind::Person;
    const L: Kind = Kind::Place;

    #[test]
    fn exact_and_overlap() {
        // (gold, predicted, exact tp/fp/fn over all, overlap tp/fp/fn)
        let table: &[Case] = &[
            (&[], &[], (0, 0, 0), (0, 0, 0)),
            (&[(0, 2, P)], &[(0, 2, P)], (1, 0, 0), (1, 0, 0)),
            (&[(0, 2, P)], &[(0, 3, P)], (0, 1, 1), (1, 0, 0)),
            // the kind must agree
            (&[(0, 2, P)], &[(0, 2, L)], (0, 1, 1), (0, 1, 1)),
            // one to one: two predictions inside one gold span count once
            (&[(0, 6, L)], &[(0, 3, L), (3, 6, L)], (0, 2, 1), (1, 1, 0)),
            (&[(0, 2, P), (5, 7, L)], &[], (0, 0, 2), (0, 0, 2)),
        ];
        for &(gold, pred, e, o) in table {
            let mut s = Scores::default();
            s.add(gold, pred);
            let (x, y) = (s.exact_all(), s.overlap_all());
            assert_eq!((x.tp, x.fp, x.fn_), e, "{gold:?} {pred:?}");
            assert_eq!((y.tp, y.fp, y.fn_), o, "{gold:?} {pred:?}");
        }
    }

    #[test]
    fn f1_values() {
        let t = Tally {
            tp: 2,
            fp: 1,
            fn_: 1,
        };
        assert!((t.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Tally::default().f1(), 0.0);
        let s = Scores::default().to_string();
        assert!(s.contains("PER") && s.contains("all"));
    }
}
