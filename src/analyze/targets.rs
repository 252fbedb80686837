//! Targets against outcomes: every target a document sets, paired with the
//! actual figure of the same division, measure and year from any document
//! (measures and values compare as [`super::figures`] normalises them).
//!
//! A target is met by its qualifier: 以上/超/不低于 → at least; 以内/以下/不超过 →
//! at most; 左右/约/近 → within a tolerance (0.3 percentage points for a
//! percentage, 2% of the value otherwise); no qualifier → at least, or at most
//! where lower is better. Where lower is better (prices, unemployment) a target
//! is read as a ceiling: 3%左右 is met by anything up to 3.3%.

use super::evidence::EvidenceReader;
use super::figures::{fold, measure_key, StoredFigure};
use crate::error::Result;
use crate::extract::numerals::Bound;
use crate::source::Source;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A figure as a pair shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<String>,
    pub document: String,
    pub text: String,
}

/// A target and its outcome.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pair {
    pub division: String,
    pub measure: String,
    pub year: i32,
    pub unit: String,
    pub target: Side,
    pub actual: Option<Side>,
    /// Other actuals of the same measure and year that disagree with the one shown.
    pub conflicting: Vec<Side>,
    pub status: &'static str,
    /// How the target was read: at least, at most or about.
    pub rule: &'static str,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub division: Option<String>,
    /// A key of the indicators table, or words the measure contains.
    pub measure: Option<String>,
    pub year: Option<i32>,
    pub status: Option<String>,
}

/// Is `a` (an actual) meeting `t` (a target) with this qualifier? And the rule read.
pub fn verdict(
    t: f64,
    a: f64,
    unit: &str,
    qualifier: Option<&str>,
    lower_is_better: bool,
) -> (bool, &'static str) {
    let tol = if unit == "%" || unit == "个百分点" {
        0.3
    } else {
        0.02 * t.abs()
    };
    let eps = 1e-9;
    let bound = qualifier
        .and_then(crate::extract::numerals::qualifier)
        .map_or(Bound::None, |q| q.bound);
    match bound {
        Bound::AtLeast => (a >= t - eps, "at least"),
        Bound::AtMost => (a <= t + eps, "at most"),
        Bound::About => {
            if lower_is_better {
                (a <= t + tol + eps, "at most, about")
            } else {
                (a >= t - tol - eps, "at least, about")
            }
        }
        Bound::None if lower_is_better => (a <= t + eps, "at most"),
        Bound::None => (a >= t - eps, "at least"),
    }
}

pub(crate) fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every target paired with the actual of the same division, measure and year.
///
/// # Arguments
/// * `source` — the store or an endpoint (for the sentences, read through it).
/// * `figs` — the figures, from [`stored_figures`].
///
/// # Returns
/// Pairs by division, year and measure. The actual shown is the one the first
/// document dated after the year states (the next year's report); actuals of
/// other documents that disagree with it are listed in `conflicting`.
///
/// # Complexity
/// O(n log n) in the figures, plus one sentence read per pair.
pub fn pairs(source: &dyn Source, figs: &[StoredFigure], filter: &Filter) -> Result<Vec<Pair>> {
    let ids = super::profile::document_ids(source)?;
    let mut ev = EvidenceReader::new(source);
    // actuals by (division, key, year)
    let mut actuals: BTreeMap<(String, String, i32), Vec<&StoredFigure>> = BTreeMap::new();
    for f in figs.iter().filter(|f| !f.target) {
        let Some(y) = f.year else { continue };
        let (key, _, _) = measure_key(&f.measure, &f.unit);
        actuals
            .entry((f.division.clone(), key, y))
            .or_default()
            .push(f);
    }
    let mut side = |f: &StoredFigure| -> Result<Side> {
        let text = ev.sentence_at(&f.graph, f.begin)?.sentence;
        Ok(Side::of(f, &ids, text))
    };
    let mut out = Vec::new();
    for t in figs.iter().filter(|f| f.target) {
        let Some(year) = t.year else { continue };
        let (key, label, lower) = measure_key(&t.measure, &t.unit);
        if !filter.admits(t, &key, &label, year) {
            continue;
        }
        let found = outcomes(t, actuals.get(&(t.division.clone(), key, year)), year);
        let (tv, tu) = fold(t.value, &t.unit);
        let (actual, conflicting, status, rule) = match found.first() {
            None => (
                None,
                Vec::new(),
                "pending",
                verdict(tv, tv, &tu, t.qualifier.as_deref(), lower).1,
            ),
            Some(a) => {
                let av = fold(a.value, &a.unit).0;
                let (met, rule) = verdict(tv, av, &tu, t.qualifier.as_deref(), lower);
                let mut others = Vec::new();
                for o in &found[1..] {
                    if !near(fold(o.value, &o.unit).0, av) {
                        others.push(side(o)?);
                    }
                }
                (
                    Some(side(a)?),
                    others,
                    if met { "met" } else { "missed" },
                    rule,
                )
            }
        };
        if filter.status.as_deref().is_some_and(|s| s != status) {
            continue;
        }
        out.push(Pair {
            division: t.division_label.clone(),
            measure: label,
            year,
            unit: t.unit.clone(),
            target: side(t)?,
            actual,
            conflicting,
            status,
            rule,
        });
    }
    Ok(listed_once(out))
}

impl Filter {
    /// Does the filter admit target `t` of measure `key` (`label`) and `year`?
    fn admits(&self, t: &StoredFigure, key: &str, label: &str, year: i32) -> bool {
        if let Some(d) = &self.division {
            if &t.division != d && &t.division_label != d {
                return false;
            }
        }
        if let Some(m) = &self.measure {
            if key.split('|').next() != Some(m.as_str())
                && !t.measure.contains(m.as_str())
                && !label.contains(m.as_str())
            {
                return false;
            }
        }
        self.year.is_none_or(|y| y == year)
    }
}

impl Side {
    /// The side of figure `f` quoting `text`; its document by id where known.
    pub(crate) fn of(f: &StoredFigure, ids: &HashMap<String, String>, text: String) -> Side {
        Side {
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            document: ids
                .get(&f.graph)
                .cloned()
                .unwrap_or_else(|| f.graph.clone()),
            text,
        }
    }
}

/// The outcomes of target `t` among the actuals of its division, measure and
/// year, the one to show first: an outcome is stated by another document than
/// the one that set the target (比上年增加5000亿元 beside a plan's 4.4万亿元 is
/// no outcome), in the same unit; as first reported, by the earliest document
/// dated after the year (a report reviews the year before it), then by the others.
fn outcomes<'f>(
    t: &StoredFigure,
    actuals: Option<&Vec<&'f StoredFigure>>,
    year: i32,
) -> Vec<&'f StoredFigure> {
    let tu = fold(t.value, &t.unit).1;
    let mut found: Vec<&StoredFigure> = actuals
        .map(|v| {
            v.iter()
                .copied()
                .filter(|a| a.graph != t.graph && fold(a.value, &a.unit).1 == tu)
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|a| {
        let after = a.doc_year.filter(|y| *y > year);
        (after.is_none(), after, a.doc_year, a.graph.clone(), a.begin)
    });
    found
}

/// The pairs in order of division, year and measure; one target stated twice
/// (国内生产总值增长5%左右 … 经济增长预期目标为5%左右) is listed once.
fn listed_once(mut out: Vec<Pair>) -> Vec<Pair> {
    out.sort_by(|a, b| {
        (a.division.as_str(), a.year, a.measure.as_str()).cmp(&(
            b.division.as_str(),
            b.year,
            b.measure.as_str(),
        ))
    });
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| {
        seen.insert((
            p.division.clone(),
            p.year,
            p.measure.clone(),
            p.target.value.to_bits(),
            p.target.unit.clone(),
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_qualifier_reads_as_its_rule() {
        let cases = [
            // (target, actual, unit, qualifier, lower is better, met)
            (6.0, 8.1, "%", Some("以上"), false, true),
            (5.5, 3.0, "%", Some("左右"), false, false),
            (5.0, 5.2, "%", Some("左右"), false, true),
            (5.0, 5.0, "%", Some("左右"), false, true),
            (5.0, 4.8, "%", Some("左右"), false, true),
            (5.0, 4.6, "%", Some("左右"), false, false),
            (1100.0, 1269.0, "万人", Some("以上"), false, true),
            (1200.0, 1190.0, "万人", Some("左右"), false, true),
            (1200.0, 1100.0, "万人", Some("左右"), false, false),
            // prices and unemployment: a ceiling
            (3.0, 0.2, "%", Some("左右"), true, true),
            (3.0, 3.2, "%", Some("左右"), true, true),
            (3.0, 3.5, "%", Some("左右"), true, false),
            (5.5, 5.2, "%", Some("左右"), true, true),
            (3.0, 2.0, "%", Some("以内"), false, true),
            (3.0, 4.0, "%", Some("以内"), false, false),
            (100.0, 99.0, "家", None, false, false),
            (100.0, 100.0, "家", None, false, true),
        ];
        for (t, a, u, q, lower, met) in cases {
            assert_eq!(verdict(t, a, u, q, lower).0, met, "{t} {q:?} vs {a}");
        }
    }
}
