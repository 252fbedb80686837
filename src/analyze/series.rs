//! The series of targets and actuals of one measure of one division by year.

use super::figures::{measure_key, StoredFigure};
use super::targets::{near, Side};
use crate::error::Result;
use crate::source::Source;
use serde::Serialize;
use std::collections::BTreeMap;

/// One year of a series.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Point {
    pub year: i32,
    pub targets: Vec<Side>,
    pub actuals: Vec<Side>,
}

/// Targets and actuals of one measure of one division by year, over every document.
///
/// # Arguments
/// * `division` — the division's IRI or label; `measure` — a key of the
///   indicators table or words the measure contains.
///
/// # Returns
/// The measure's label and one point per year, in year order. In each point,
/// a value stated by several documents is listed once; the first target and
/// the first actual are those of the earliest document dated from that year
/// (targets) or after it (actuals).
///
/// # Complexity
/// O(n log n) in the figures.
pub fn series(
    source: &dyn Source,
    figs: &[StoredFigure],
    division: &str,
    measure: &str,
) -> Result<(String, Vec<Point>)> {
    let ids = super::profile::document_ids(source)?;
    let mut by_year: BTreeMap<i32, Point> = BTreeMap::new();
    let mut label = measure.to_string();
    let mut ordered: Vec<&StoredFigure> = figs.iter().collect();
    ordered.sort_by_key(|f| {
        let y = f.year.unwrap_or(i32::MIN);
        let from = f
            .doc_year
            .filter(|d| if f.target { *d >= y } else { *d > y });
        (from.is_none(), from, f.graph.clone(), f.begin)
    });
    for f in ordered {
        if f.division != division && f.division_label != division {
            continue;
        }
        let Some(y) = f.year else { continue };
        let (key, l, _) = measure_key(&f.measure, &f.unit);
        if key.split('|').next() != Some(measure) && !f.measure.contains(measure) {
            continue;
        }
        label = l;
        let p = by_year.entry(y).or_insert(Point {
            year: y,
            targets: Vec::new(),
            actuals: Vec::new(),
        });
        let s = Side::of(f, &ids, f.anchor.clone());
        let list = if f.target {
            &mut p.targets
        } else {
            &mut p.actuals
        };
        if !list
            .iter()
            .any(|x| near(x.value, s.value) && x.unit == s.unit)
        {
            list.push(s);
        }
    }
    Ok((label, by_year.into_values().collect()))
}
