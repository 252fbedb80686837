//! Feature templates: what the tagger looks at around each character.
//!
//! - character n-grams (n = 1, 2, 3) in a window of two characters on each
//!   side: every n-gram of the padded piece is looked up once, and its block
//!   of weight rows holds one row for each position the n-gram takes relative
//!   to the characters it covers (a unigram five rows, c[-2] … c[+2]; a bigram
//!   four, c[-2,-1] … c[+1,+2]; a trigram three). One lookup a character and
//!   template keeps tagging fast;
//! - the classes of the previous, current and next character (Han, digit,
//!   Latin, punctuation, space, other, padding);
//! - dictionary bits (see `lexicon`) at the character and at its neighbours.
//!
//! Training and tagging enumerate features through `visit`, so the two cannot
//! drift apart.

use super::lexicon::{Matcher, N_BITS};
use super::text::{class, fold, N_CLASSES, PAD_CLASS};

/// Padding keys: before and after the piece. Above every code point, within
/// 21 bits so that three keys pack into a u64.
pub(crate) const BOS: u32 = 0x11_0000;
pub(crate) const EOS: u32 = 0x11_0001;
/// Characters of padding on each side (the window reaches two away).
pub(crate) const PAD: usize = 2;

/// Which templates a model uses (stored in the model file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Templates {
    pub bigrams: bool,
    pub trigrams: bool,
    pub classes: bool,
    pub dictionary: bool,
}

impl Default for Templates {
    /// Everything but the dictionary. Measured with CLUENER and the silver
    /// files mixed (the shipped training), dictionary features change
    /// neither the CLUENER held-out F1 nor the agreement with the teacher
    /// beyond the spread between training seeds (±0.004), and cost a quarter
    /// of the tagging speed; trained on CLUENER alone they do help on
    /// government and news text (teacher agreement 0.387 → 0.424).
    fn default() -> Self {
        Templates {
            bigrams: true,
            trigrams: true,
            classes: true,
            dictionary: false,
        }
    }
}

impl Templates {
    pub(crate) fn to_bits(self) -> u8 {
        self.bigrams as u8
            | (self.trigrams as u8) << 1
            | (self.classes as u8) << 2
            | (self.dictionary as u8) << 3
    }

    pub(crate) fn from_bits(b: u8) -> Templates {
        Templates {
            bigrams: b & 1 != 0,
            trigrams: b & 2 != 0,
            classes: b & 4 != 0,
            dictionary: b & 8 != 0,
        }
    }

    /// The n-gram widths in use.
    pub(crate) fn widths(self) -> impl Iterator<Item = usize> {
        [(1, true), (2, self.bigrams), (3, self.trigrams)]
            .into_iter()
            .filter(|&(_, on)| on)
            .map(|(w, _)| w)
    }
}

/// Rows in the block of an n-gram of width `w`.
pub(crate) const fn rows_of(w: usize) -> usize {
    2 * PAD + 2 - w
}

/// Rows of the class template: one per class trigram.
pub(crate) const CLASS_ROWS: usize = N_CLASSES * N_CLASSES * N_CLASSES;
/// Rows of the dictionary template: the bits at the character, the one
/// before and the one after.
pub(crate) const DICT_ROWS: usize = 3 * N_BITS;

/// A piece ready for feature lookup.
#[derive(Clone, Debug, Default)]
pub(crate) struct Prepared {
    /// Folded code points with PAD padding keys on each side.
    pub keys: Vec<u32>,
    /// Their classes, padded the same way.
    pub classes: Vec<u8>,
    /// Dictionary bits of each character (empty when not used).
    pub dict: Vec<u128>,
}

impl Prepared {
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.keys.len().saturating_sub(2 * PAD)
    }

    /// Fills the buffers from the characters of a piece.
    pub fn fill(&mut self, chars: impl Iterator<Item = char>, matcher: Option<&Matcher>) {
        self.keys.clear();
        self.classes.clear();
        self.keys.extend([BOS; PAD]);
        self.classes.extend([PAD_CLASS; PAD]);
        for c in chars {
            let f = fold(c);
            self.keys.push(f as u32);
            self.classes.push(class(f));
        }
        let n = self.keys.len() - PAD;
        match matcher {
            Some(m) => m.bits(&self.keys[PAD..], &mut self.dict),
            None => self.dict.clear(),
        }
        debug_assert!(self.dict.is_empty() || self.dict.len() == n);
        self.keys.extend([EOS; PAD]);
        self.classes.extend([PAD_CLASS; PAD]);
    }
}

/// The key of the n-gram of width `w` starting at padded index `k`.
#[inline]
pub(crate) fn gram_key(keys: &[u32], k: usize, w: usize) -> u64 {
    keys[k..k + w]
        .iter()
        .fold(0u64, |acc, &c| (acc << 21) | c as u64)
}

/// One feature occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Feature {
    /// The n-gram of width `width` at padded index `start`, key `key`: its
    /// block row r applies to character `start - r` (when inside the piece).
    Gram {
        width: usize,
        start: usize,
        key: u64,
    },
    /// Row `row` of the class template applies to character `at`.
    Class { at: usize, row: usize },
    /// Row `row` of the dictionary template applies to character `at`.
    Dict { at: usize, row: usize },
}

/// The characters (and block rows) an n-gram at padded `start` applies to.
#[inline]
pub(crate) fn gram_targets(
    start: usize,
    width: usize,
    n: usize,
) -> impl Iterator<Item = (usize, usize)> {
    (0..rows_of(width)).filter_map(move |r| {
        let i = start.checked_sub(r)?;
        (i < n).then_some((i, r))
    })
}

/// Calls `f` for every feature of a prepared piece.
pub(crate) fn visit(p: &Prepared, t: Templates, mut f: impl FnMut(Feature)) {
    visit_grams(p, t, &mut f);
    visit_context(p, t, &mut f);
}

/// The n-gram features of `visit`.
pub(crate) fn visit_grams(p: &Prepared, t: Templates, mut f: impl FnMut(Feature)) {
    if p.len() == 0 {
        return;
    }
    // every n-gram of the padded piece reaches at least one character: the
    // first applies to character 0 by its row 0, the last to n-1 by its last
    for width in t.widths() {
        for start in 0..=p.keys.len() - width {
            f(Feature::Gram {
                width,
                start,
                key: gram_key(&p.keys, start, width),
            });
        }
    }
}

/// The class and dictionary features of `visit`.
pub(crate) fn visit_context(p: &Prepared, t: Templates, mut f: impl FnMut(Feature)) {
    let n = p.len();
    if t.classes {
        for at in 0..n {
            let c = &p.classes[at + PAD - 1..at + PAD + 2];
            let row = (c[0] as usize * N_CLASSES + c[1] as usize) * N_CLASSES + c[2] as usize;
            f(Feature::Class { at, row });
        }
    }
    if t.dictionary && p.dict.len() == n {
        for at in 0..n {
            for (set, src) in [(0, Some(at)), (1, at.checked_sub(1)), (2, Some(at + 1))] {
                let Some(&bits) = src.and_then(|j| p.dict.get(j)) else {
                    continue;
                };
                let mut b = bits;
                while b != 0 {
                    let bit = b.trailing_zeros() as usize;
                    b &= b - 1;
                    f(Feature::Dict {
                        at,
                        row: set * N_BITS + bit,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Start, width, piece length, and the (character, row) pairs hit.
    type Case<'a> = (usize, usize, usize, &'a [(usize, usize)]);

    fn prepared(text: &str) -> Prepared {
        let mut p = Prepared::default();
        p.fill(text.chars(), None);
        p
    }

    #[test]
    fn padding_and_folding() {
        let p = prepared("Ａ京");
        assert_eq!(p.len(), 2);
        assert_eq!(p.keys, vec![BOS, BOS, 'a' as u32, '京' as u32, EOS, EOS]);
        assert_eq!(p.classes, vec![6, 6, 2, 0, 6, 6]);
        assert_eq!(prepared("").len(), 0);
    }

    #[test]
    fn gram_rows_hit_the_right_characters() {
        // a unigram at padded index k is character k-2: its row 2 (offset 0)
        // applies to itself, row 0 to the character two to its right
        let table: &[Case] = &[
            (2, 1, 3, &[(2, 0), (1, 1), (0, 2)]),
            (0, 1, 3, &[(0, 0)]),
            (3, 2, 3, &[(2, 1), (1, 2), (0, 3)]),
            (4, 3, 3, &[(2, 2)]),
            (6, 2, 3, &[]),
        ];
        for &(start, width, n, want) in table {
            let got: Vec<(usize, usize)> = gram_targets(start, width, n).collect();
            assert_eq!(got, want, "start {start} width {width}");
        }
    }

    #[test]
    fn every_character_gets_every_template() {
        let p = prepared("北京市");
        let t = Templates::default();
        let mut per_char = [0usize; 3];
        visit(&p, t, |f| match f {
            Feature::Gram { width, start, .. } => {
                for (i, _) in gram_targets(start, width, p.len()) {
                    per_char[i] += 1;
                }
            }
            Feature::Class { at, .. } => per_char[at] += 1,
            Feature::Dict { .. } => unreachable!(),
        });
        // 5 unigrams + 4 bigrams + 3 trigrams + 1 class pattern each
        assert_eq!(per_char, [13, 13, 13]);
    }

    #[test]
    fn keys_pack_in_21_bits() {
        let keys = [EOS, EOS, EOS];
        assert_eq!(gram_key(&keys, 0, 3) >> 63, 0);
        assert_ne!(gram_key(&[1, 2], 0, 2), gram_key(&[2, 1], 0, 2));
        assert_eq!(gram_key(&keys, 0, 1), EOS as u64);
    }

    #[test]
    fn template_bits_round_trip() {
        for b in 0..16u8 {
            assert_eq!(Templates::from_bits(b).to_bits(), b);
        }
    }
}
