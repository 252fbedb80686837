//! `innograph analyze series`: one measure of one division across the years.

use super::targets::side_text;
use crate::cli::{SeriesArgs, SourceArgs, TableFormat};
use crate::cmd::output::emit;
use crate::cmd::{names, open};
use anyhow::Result;
use innograph::analyze::figures::stored_figures;
use innograph::analyze::series::{self, Point};
use innograph::analyze::targets::Side;
use serde::Serialize;

/// A series as `--format json` prints it.
#[derive(Serialize)]
pub struct Series {
    pub division: String,
    pub measure: String,
    pub points: Vec<Point>,
}

/// The series a `--division` and `--measure` name.
pub fn read_series(
    source: &SourceArgs,
    division: &str,
    measure: &str,
    years: (Option<i32>, Option<i32>),
) -> Result<Series> {
    let (s, p) = open::source(source)?;
    let figs = stored_figures(s.as_ref())?;
    let key = names::division_key(&p, division);
    let label = p
        .node_index(&key)
        .map(|i| p.graph[i].label.clone())
        .unwrap_or_else(|| division.to_string());
    let (m, mut points) = series::series(s.as_ref(), &figs, &key, measure)?;
    points.retain(|p| years.0.is_none_or(|y| p.year >= y) && years.1.is_none_or(|y| p.year <= y));
    if points.is_empty() {
        anyhow::bail!("no figure of {measure:?} for {division:?} in the store");
    }
    Ok(Series {
        division: label,
        measure: m,
        points,
    })
}

pub fn run(a: &SeriesArgs) -> Result<()> {
    let series = read_series(&a.source, &a.division, &a.measure, (a.from, a.to))?;
    if matches!(a.format, TableFormat::Json) {
        crate::outln!("{}", serde_json::to_string_pretty(&series)?);
        return Ok(());
    }
    if matches!(a.format, TableFormat::Table) {
        crate::outln!("{} · {}", series.division, series.measure);
    }
    let list = |v: &[Side]| v.iter().map(side_text).collect::<Vec<_>>().join(" / ");
    let docs = |p: &Point| {
        let mut d: Vec<&str> = p
            .targets
            .iter()
            .chain(&p.actuals)
            .map(|s| s.document.as_str())
            .collect();
        d.dedup();
        d.join(" ")
    };
    emit(
        &series.points,
        &["year", "target", "actual", "documents"],
        |p| {
            vec![
                p.year.to_string(),
                list(&p.targets),
                list(&p.actuals),
                docs(p),
            ]
        },
        a.format,
    )
}
