//! `innograph analyze targets`: the targets of each division and year, and what later documents say was reached.

use crate::cli::{TableFormat, TargetsArgs};
use crate::cmd::output::emit_with;
use crate::cmd::output::short_cell;
use crate::cmd::{names, open};
use anyhow::Result;
use innograph::analyze::figures::stored_figures;
use innograph::analyze::targets::{self, Filter, Pair, Side};
use innograph::extract::numerals;

/// A value as reports write it: 5%左右, 1200万人以上.
pub fn value_text(value: f64, unit: &str, qualifier: Option<&str>) -> String {
    let v = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    // 超, 近, 约 stand before the number; 以上, 左右 after the unit
    match qualifier {
        Some(q) if numerals::qualifier(q).is_some_and(|r| r.before) => format!("{q}{v}{unit}"),
        Some(q) => format!("{v}{unit}{q}"),
        None => format!("{v}{unit}"),
    }
}

pub fn side_text(s: &Side) -> String {
    value_text(s.value, &s.unit, s.qualifier.as_deref())
}

pub fn run(a: &TargetsArgs) -> Result<()> {
    let (s, p) = open::source(&a.source)?;
    let figs = stored_figures(s.as_ref())?;
    let filter = Filter {
        division: a.division.as_deref().map(|d| names::division_key(&p, d)),
        measure: a.measure.clone(),
        year: a.year,
        status: a.status.map(|s| s.as_str().to_string()),
    };
    let pairs = targets::pairs(s.as_ref(), &figs, &filter)?;
    if pairs.is_empty() && matches!(a.format, TableFormat::Table) {
        eprintln!(
            "no target matches (the store holds {} figures, {} of them targets)",
            figs.len(),
            figs.iter().filter(|f| f.target).count()
        );
    }
    let note = |r: &Pair| -> String {
        if r.conflicting.is_empty() {
            r.rule.to_string()
        } else {
            let others: Vec<String> = r
                .conflicting
                .iter()
                .map(|c| format!("{} ({})", side_text(c), c.document))
                .collect();
            format!("{}; other documents say {}", r.rule, others.join(", "))
        }
    };
    emit_with(
        &pairs,
        &[
            "division",
            "year",
            "measure",
            "target",
            "actual",
            "status",
            "target in",
            "actual in",
            "read as",
        ],
        |r| cells(r, short_cell(&note(r))),
        |r| cells(r, note(r)),
        a.format,
    )
}

/// A pair's cells, its note as given (cut short in a table, whole in CSV).
fn cells(r: &Pair, note: String) -> Vec<String> {
    vec![
        r.division.clone(),
        r.year.to_string(),
        r.measure.clone(),
        side_text(&r.target),
        r.actual.as_ref().map(side_text).unwrap_or_default(),
        r.status.to_string(),
        r.target.document.clone(),
        r.actual
            .as_ref()
            .map(|s| s.document.clone())
            .unwrap_or_default(),
        note,
    ]
}
