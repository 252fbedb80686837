//! First-order Viterbi over the BIOES tags, and max-marginals for the
//! confidence of each name.
//!
//! Only legal transitions are scored (I and E after B or I of the same kind;
//! anything else after O, E or S): 61 of the 169 tag pairs, which is most of
//! the decoder's work saved, and no illegal sequence can come out.

// Loops over tag lanes index several rows at once (alpha, em, pair): an
// index is the plain way to say it, and these loops vectorise as written.
#![allow(clippy::needless_range_loop)]

use super::labels::{allowed_end, allowed_start, LANES, N_TAGS};

/// Emission scores of one character, one lane per tag.
pub(crate) type Row = [i32; LANES];

/// Far below any reachable score, yet far from overflow when weights are
/// added to it.
const NEG: i32 = -(1 << 29);

/// Transition weights: into the first tag, out of the last, between tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transitions {
    pub start: Row,
    pub end: Row,
    /// pair[prev][next]
    pub pair: [Row; LANES],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            start: [0; LANES],
            end: [0; LANES],
            pair: [[0; LANES]; LANES],
        }
    }
}

/// Tags after which a name may start or O follow (O, and S and E of each
/// kind), and the tags that may follow them (O, and B and S of each kind:
/// the first 7 lanes, see `labels::tag`).
const CLOSERS: [usize; 7] = [0, 2, 4, 6, 8, 10, 12];
const OPENERS: [usize; 7] = [0, 1, 2, 3, 4, 5, 6];
/// Lanes the loop into openers covers: the openers, rounded up to a vector.
const OPEN_LANES: usize = 8;

/// B, I and E of kind k.
#[inline]
const fn bie(k: usize) -> (usize, usize, usize) {
    (1 + 2 * k, 7 + 2 * k, 8 + 2 * k)
}

/// Work buffers of the decoder, reused from piece to piece.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lattice {
    alpha: Vec<Row>,
    beta: Vec<Row>,
}

/// Shifts a row so that its best entry is 0 and sets the unused lanes to
/// NEG: scores stay small over long pieces, and differences within a row
/// (all that is used) are unchanged.
#[inline]
fn normalise(row: &mut Row) {
    for x in &mut row[N_TAGS..] {
        *x = NEG;
    }
    let m = row.iter().copied().fold(i32::MIN, i32::max);
    for x in row.iter_mut() {
        *x = (*x - m).max(NEG);
    }
}

impl Lattice {
    /// The best tag sequence for emission scores `em`, into `tags`.
    ///
    /// The forward loops run over whole 16-lane rows in a fixed order so
    /// that they vectorise; no back pointers are kept, the way back is
    /// recomputed for the one tag chosen at each step (ties go to the lowest
    /// previous tag).
    pub fn best(&mut self, em: &[Row], tr: &Transitions, tags: &mut Vec<u8>) {
        let n = em.len();
        tags.clear();
        if n == 0 {
            return;
        }
        self.alpha.clear();
        self.alpha.resize(n, [NEG; LANES]);
        for t in 0..N_TAGS {
            if allowed_start(t as u8) {
                self.alpha[0][t] = tr.start[t] + em[0][t];
            }
        }
        normalise(&mut self.alpha[0]);
        for i in 1..n {
            let prev = self.alpha[i - 1];
            let mut best = [NEG; LANES];
            // into O, B and S: from any closer
            for &p in &CLOSERS {
                let a = prev[p];
                let row = &tr.pair[p];
                for t in 0..OPEN_LANES {
                    best[t] = best[t].max(a + row[t]);
                }
            }
            // into I and E: from B or I of the same kind
            for k in 0..3 {
                let (b, m, e) = bie(k);
                for t in [m, e] {
                    best[t] = (prev[b] + tr.pair[b][t]).max(prev[m] + tr.pair[m][t]);
                }
            }
            let cur = &mut self.alpha[i];
            for t in 0..LANES {
                cur[t] = best[t] + em[i][t];
            }
            normalise(cur);
        }
        let mut last = 0u8;
        let mut best = i32::MIN;
        for t in 0..N_TAGS {
            if allowed_end(t as u8) {
                let s = self.alpha[n - 1][t] + tr.end[t];
                if s > best {
                    best = s;
                    last = t as u8;
                }
            }
        }
        tags.resize(n, 0);
        tags[n - 1] = last;
        for i in (1..n).rev() {
            let t = tags[i] as usize;
            let prev = &self.alpha[i - 1];
            let inside;
            let from: &[usize] = if OPENERS.contains(&t) {
                &CLOSERS
            } else {
                let (b, m, _) = bie((t - 7) / 2);
                inside = [b, m];
                &inside
            };
            let mut arg = from[0];
            let mut top = i32::MIN;
            for &p in from {
                let s = prev[p] + tr.pair[p][t];
                if s > top {
                    top = s;
                    arg = p;
                }
            }
            tags[i - 1] = arg as u8;
        }
    }

    /// For each character, how much the best sequence scores above the best
    /// sequence with another tag there (0 where it is a tie). Call after
    /// `best` with the same scores and its result.
    pub fn margins(&mut self, em: &[Row], tr: &Transitions, tags: &[u8], out: &mut Vec<i32>) {
        let n = em.len();
        out.clear();
        if n == 0 || tags.len() != n || self.alpha.len() != n {
            return;
        }
        // pair transposed: into[x][t] = pair[t][x]
        let mut into = [[0i32; LANES]; LANES];
        for (t, row) in tr.pair.iter().enumerate() {
            for (x, &v) in row.iter().enumerate() {
                into[x][t] = v;
            }
        }
        self.beta.clear();
        self.beta.resize(n, [NEG; LANES]);
        for t in 0..N_TAGS {
            if allowed_end(t as u8) {
                self.beta[n - 1][t] = tr.end[t];
            }
        }
        normalise(&mut self.beta[n - 1]);
        for i in (0..n - 1).rev() {
            let mut v = [0i32; LANES];
            for x in 0..LANES {
                v[x] = em[i + 1][x] + self.beta[i + 1][x];
            }
            // out of a closer: into O, B or S
            let mut cur = [i32::MIN; LANES];
            for &x in &OPENERS {
                for t in 0..LANES {
                    cur[t] = cur[t].max(into[x][t] + v[x]);
                }
            }
            // out of B or I: into I or E of the same kind
            for k in 0..3 {
                let (b, m, e) = bie(k);
                for t in [b, m] {
                    cur[t] = (tr.pair[t][m] + v[m]).max(tr.pair[t][e] + v[e]);
                }
            }
            normalise(&mut cur);
            self.beta[i] = cur;
        }
        out.extend((0..n).map(|i| {
            let y = tags[i] as usize;
            let on = self.alpha[i][y] + self.beta[i][y];
            let off = (0..N_TAGS)
                .filter(|&t| t != y)
                .map(|t| self.alpha[i][t] + self.beta[i][t])
                .max()
                .unwrap_or(NEG);
            (on - off).max(0)
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::super::labels::{allowed, spans_from_tags, tag, Kind, O};
    use super::*;

    /// Emission rows and the names they should decode to.
    type Case = (Vec<Row>, Vec<(usize, usize, Kind)>);

    fn row(pairs: &[(u8, i32)]) -> Row {
        let mut r = [0; LANES];
        for &(t, v) in pairs {
            r[t as usize] = v;
        }
        r
    }

    /// Exhaustive search over legal sequences, for comparison.
    fn brute(em: &[Row], tr: &Transitions) -> i64 {
        fn go(i: usize, prev: Option<u8>, em: &[Row], tr: &Transitions) -> i64 {
            if i == em.len() {
                return prev.map_or(0, |p| {
                    if allowed_end(p) {
                        tr.end[p as usize] as i64
                    } else {
                        i64::MIN / 2
                    }
                });
            }
            (0..N_TAGS as u8)
                .filter(|&t| match prev {
                    None => allowed_start(t),
                    Some(p) => allowed(p, t),
                })
                .map(|t| {
                    let tr_s = match prev {
                        None => tr.start[t as usize],
                        Some(p) => tr.pair[p as usize][t as usize],
                    };
                    tr_s as i64 + em[i][t as usize] as i64 + go(i + 1, Some(t), em, tr)
                })
                .max()
                .unwrap_or(i64::MIN / 2)
        }
        go(0, None, em, tr)
    }

    fn score(tags: &[u8], em: &[Row], tr: &Transitions) -> i64 {
        let mut s =
            tr.start[tags[0] as usize] as i64 + tr.end[*tags.last().unwrap() as usize] as i64;
        for (i, &t) in tags.iter().enumerate() {
            s += em[i][t as usize] as i64;
            if i > 0 {
                s += tr.pair[tags[i - 1] as usize][t as usize] as i64;
            }
        }
        s
    }

    #[test]
    fn fixed_sets_agree_with_the_scheme() {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                let inside = (0..3).any(|k| {
                    let (b, m, e) = bie(k);
                    (p == b || p == m) && (t == m || t == e)
                });
                let open = CLOSERS.contains(&p) && OPENERS.contains(&t);
                assert_eq!(allowed(p as u8, t as u8), inside || open, "{p} -> {t}");
            }
        }
    }

    #[test]
    fn picks_the_legal_best() {
        let per_b = tag(Kind::Person, 0);
        let per_e = tag(Kind::Person, 2);
        let loc_s = tag(Kind::Place, 3);
        let table: Vec<Case> = vec![
            (vec![], vec![]),
            (vec![row(&[(O, 5)])], vec![]),
            (vec![row(&[(loc_s, 5)])], vec![(0, 1, Kind::Place)]),
            // E alone is illegal at the start: B E wins though E scores higher first
            (
                vec![row(&[(per_e, 9), (per_b, 3)]), row(&[(per_e, 4)])],
                vec![(0, 2, Kind::Person)],
            ),
            // a B with no way to close it stays O
            (vec![row(&[(per_b, 9)]), row(&[(O, 10)])], vec![]),
        ];
        let tr = Transitions::default();
        let mut lat = Lattice::default();
        let mut tags = Vec::new();
        for (em, want) in table {
            lat.best(&em, &tr, &mut tags);
            assert_eq!(spans_from_tags(&tags), want, "{em:?}");
        }
    }

    #[test]
    fn matches_exhaustive_search() {
        // a fixed pseudo-random lattice
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 201) as i32 - 100
        };
        for n in 1..5 {
            let mut tr = Transitions::default();
            for t in 0..N_TAGS {
                tr.start[t] = next();
                tr.end[t] = next();
                for u in 0..N_TAGS {
                    tr.pair[t][u] = next();
                }
            }
            let em: Vec<Row> = (0..n)
                .map(|_| std::array::from_fn(|t| if t < N_TAGS { next() } else { 0 }))
                .collect();
            let mut lat = Lattice::default();
            let mut tags = Vec::new();
            lat.best(&em, &tr, &mut tags);
            assert_eq!(score(&tags, &em, &tr), brute(&em, &tr), "n = {n}");
            let mut m = Vec::new();
            lat.margins(&em, &tr, &tags, &mut m);
            assert_eq!(m.len(), n);
            // the margin at each character is the gap to the best sequence
            // with another tag there
            for i in 0..n {
                let mut alt = i64::MIN;
                let mut seq = vec![0u8; n];
                let total = (N_TAGS as u64).pow(n as u32);
                for code in 0..total {
                    let mut c = code;
                    for s in seq.iter_mut() {
                        *s = (c % N_TAGS as u64) as u8;
                        c /= N_TAGS as u64;
                    }
                    let legal = allowed_start(seq[0])
                        && allowed_end(seq[n - 1])
                        && seq.windows(2).all(|w| allowed(w[0], w[1]));
                    if legal && seq[i] != tags[i] {
                        alt = alt.max(score(&seq, &em, &tr));
                    }
                }
                assert_eq!(
                    m[i] as i64,
                    score(&tags, &em, &tr) - alt,
                    "n = {n}, i = {i}"
                );
            }
        }
    }
}
