//! The label set: three name kinds in the BIOES scheme, and the conversions
//! between spans and per-character tags.
//!
//! BIOES rather than BIO: a single-character name (S) and the last character
//! of a name (E) get their own weights, which is where a character tagger most
//! often goes wrong about where a name stops (中关村科技园区管委会 vs 管委会主任).

/// The kind of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Place,
    Organization,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Place, Kind::Organization];

    /// The code used by the teacher's files and by reports (PER, LOC, ORG).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Person => "PER",
            Kind::Place => "LOC",
            Kind::Organization => "ORG",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        match code {
            "PER" => Some(Kind::Person),
            "LOC" => Some(Kind::Place),
            "ORG" => Some(Kind::Organization),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Kind::Person => 0,
            Kind::Place => 1,
            Kind::Organization => 2,
        }
    }
}

/// Number of tags: O plus B, I, E, S for each kind.
pub(crate) const N_TAGS: usize = 13;
/// Width of a weight row: the tags padded to 16 lanes so that a row is one
/// aligned 32-byte block of i16 and the sums vectorise.
pub(crate) const LANES: usize = 16;

pub(crate) const O: u8 = 0;
const B: u8 = 0;
const I: u8 = 1;
const E: u8 = 2;
const S: u8 = 3;

/// The tag of a part (B, I, E, S) of a name of a kind. The numbering puts
/// the tags that may follow O, E or S first (O = 0, then B and S of each
/// kind, 1..=6) and I and E after (7..=12): the decoder's main loop then
/// covers 8 lanes, not 16.
pub(crate) fn tag(kind: Kind, part: u8) -> u8 {
    let k = kind.index() as u8;
    match part {
        B => 1 + 2 * k,
        S => 2 + 2 * k,
        I => 7 + 2 * k,
        _ => 8 + 2 * k,
    }
}

/// The kind and part (B, I, E, S) of a tag; None for O.
fn split(t: u8) -> Option<(Kind, u8)> {
    let (k, part) = match t {
        1..=6 => ((t - 1) / 2, if (t - 1) % 2 == 0 { B } else { S }),
        7..=12 => ((t - 7) / 2, if (t - 7) % 2 == 0 { I } else { E }),
        _ => return None,
    };
    Some((Kind::ALL[k as usize], part))
}

/// Whether tag `next` may follow tag `prev` (BIOES: I and E continue a name
/// of the same kind opened by B; everything else starts after O, E or S).
/// The decoder unrolls this into fixed tag sets; its tests check them
/// against this definition.
#[cfg(test)]
pub(crate) fn allowed(prev: u8, next: u8) -> bool {
    let inside_prev = matches!(split(prev), Some((_, B | I)));
    match split(next) {
        Some((k, I | E)) => matches!(split(prev), Some((kp, B | I)) if kp == k),
        _ => !inside_prev,
    }
}

/// Whether a piece may start with tag `t`.
pub(crate) fn allowed_start(t: u8) -> bool {
    !matches!(split(t), Some((_, I | E)))
}

/// Whether a piece may end with tag `t`.
pub(crate) fn allowed_end(t: u8) -> bool {
    !matches!(split(t), Some((_, B | I)))
}

/// Per-character tags for `n` characters from spans in character offsets
/// (end exclusive). Empty, out-of-range and overlapping spans (the later one)
/// are skipped, so any teacher output gives a well-formed sequence.
pub(crate) fn tags_from_spans(n: usize, spans: &[(usize, usize, Kind)]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for &(s, e, k) in spans {
        if s >= e || e > n || tags[s..e].iter().any(|&t| t != O) {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(k, S);
        } else {
            tags[s] = tag(k, B);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(k, I);
            }
            tags[e - 1] = tag(k, E);
        }
    }
    tags
}

/// Spans (character offsets, end exclusive) from a tag sequence. A sequence
/// the decoder would never produce (a stray I or E) is read leniently: a name
/// runs from its B (or first stray I/E) to its E, S or the first change.
pub(crate) fn spans_from_tags(tags: &[u8]) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k));
                }
            }
            Some((k, part)) => {
                if let Some((s, ko)) = open {
                    if ko != k || part == B || part == S {
                        out.push((s, i, ko));
                        open = None;
                    }
                }
                match part {
                    S => out.push((i, i + 1, k)),
                    E => {
                        let s = open.take().map_or(i, |(s, _)| s);
                        out.push((s, i + 1, k));
                    }
                    _ => {
                        if open.is_none() {
                            open = Some((i, k));
                        }
                    }
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A piece length and its names.
    type Case<'a> = (usize, &'a [(usize, usize, Kind)]);

    #[test]
    fn codes_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
        assert_eq!(Kind::from_code("MISC"), None);
    }

    #[test]
    fn spans_to_tags_and_back() {
        let table: &[Case] = &[
            (0, &[]),
            (5, &[]),
            (5, &[(0, 1, Kind::Person)]),
            (5, &[(1, 4, Kind::Place), (4, 5, Kind::Organization)]),
            (6, &[(0, 2, Kind::Organization), (2, 6, Kind::Person)]),
        ];
        for &(n, spans) in table {
            let tags = tags_from_spans(n, spans);
            assert_eq!(tags.len(), n);
            assert_eq!(spans_from_tags(&tags), spans.to_vec(), "{spans:?}");
            // every produced sequence is one the decoder may produce
            if let (Some(&f), Some(&l)) = (tags.first(), tags.last()) {
                assert!(allowed_start(f) && allowed_end(l));
            }
            for w in tags.windows(2) {
                assert!(allowed(w[0], w[1]), "{tags:?}");
            }
        }
    }

    #[test]
    fn bad_spans_are_skipped() {
        let spans = [
            (2, 2, Kind::Person),       // empty
            (3, 9, Kind::Person),       // past the end
            (0, 2, Kind::Place),        // kept
            (1, 3, Kind::Organization), // overlaps the kept one
        ];
        assert_eq!(
            spans_from_tags(&tags_from_spans(5, &spans)),
            vec![(0, 2, Kind::Place)]
        );
    }

    #[test]
    fn numbering() {
        let mut seen = vec![O];
        for k in Kind::ALL {
            for part in [B, I, E, S] {
                let t = tag(k, part);
                assert_eq!(split(t), Some((k, part)));
                seen.push(t);
            }
        }
        seen.sort();
        assert_eq!(seen, (0..N_TAGS as u8).collect::<Vec<_>>());
        assert_eq!(split(O), None);
        assert_eq!(split(13), None);
    }

    #[test]
    fn transitions() {
        let per_b = tag(Kind::Person, B);
        let per_i = tag(Kind::Person, I);
        let per_e = tag(Kind::Person, E);
        let loc_e = tag(Kind::Place, E);
        let table = [
            (O, per_b, true),
            (O, per_i, false),
            (per_b, per_i, true),
            (per_b, per_e, true),
            (per_b, loc_e, false),
            (per_b, O, false),
            (per_e, O, true),
            (per_e, per_b, true),
            (per_i, per_i, true),
        ];
        for (p, n, want) in table {
            assert_eq!(allowed(p, n), want, "{p} -> {n}");
        }
        assert!(allowed_start(per_b) && !allowed_start(per_e));
        assert!(allowed_end(per_e) && !allowed_end(per_i));
    }

    #[test]
    fn lenient_reading_of_stray_tags() {
        let per_i = tag(Kind::Person, I);
        let loc_b = tag(Kind::Place, B);
        // I without B, then an unclosed B at the end
        assert_eq!(
            spans_from_tags(&[per_i, per_i, O, loc_b]),
            vec![(0, 2, Kind::Person), (3, 4, Kind::Place)]
        );
    }
}
