//! `innograph analyze targets | series | trends`: figures across documents
//! and years, and the entities whose share of the documents moves most.

use super::output::{emit, emit_with, short_cell};
use crate::cli::{SeriesArgs, SourceArgs, TableFormat, TargetsArgs, TrendsArgs};
use anyhow::Result;
use innograph::analyze::targets::{self, Filter, Pair, Point, Side};
use innograph::analyze::trends;
use innograph::extract::Gazetteer;
use innograph::graph::Projection;
use serde::Serialize;

/// A value as reports write it: 5%左右, 1200万人以上.
pub fn value_text(value: f64, unit: &str, qualifier: Option<&str>) -> String {
    let v = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    match qualifier {
        // 超, 近, 约 stand before the number; 以上, 左右 after the unit
        Some(q @ ("超" | "超过" | "近" | "约" | "逾" | "突破" | "不低于" | "不超过")) =>
        {
            format!("{q}{v}{unit}")
        }
        Some(q) => format!("{v}{unit}{q}"),
        None => format!("{v}{unit}"),
    }
}

fn side_text(s: &Side) -> String {
    value_text(s.value, &s.unit, s.qualifier.as_deref())
}

/// The IRI of the division a flag names, if it names one in the graph; else the
/// name itself (matched against the divisions' labels).
fn division_key(p: &Projection, name: &str) -> String {
    let g = Gazetteer::bundled();
    match innograph::analyze::lookup(p, &g, name) {
        innograph::analyze::Lookup::Found(i) if p.is_division(i) => p.graph[i].iri.clone(),
        _ => name.to_string(),
    }
}

pub fn run_targets(a: &TargetsArgs) -> Result<()> {
    let (s, p) = super::analyze::open_source(&a.source)?;
    let figs = targets::figures(s.as_ref())?;
    let filter = Filter {
        division: a.division.as_deref().map(|d| division_key(&p, d)),
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
        |r| {
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
                short_cell(&note(r)),
            ]
        },
        |r| {
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
                note(r),
            ]
        },
        a.format,
    )
}

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
    let (s, p) = super::analyze::open_source(source)?;
    let figs = targets::figures(s.as_ref())?;
    let key = division_key(&p, division);
    let label = p
        .index
        .get(&key)
        .map(|i| p.graph[*i].label.clone())
        .unwrap_or_else(|| division.to_string());
    let (m, mut points) = targets::series(s.as_ref(), &figs, &key, measure)?;
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

pub fn run_series(a: &SeriesArgs) -> Result<()> {
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

pub fn run_trends(a: &TrendsArgs) -> Result<()> {
    let (_s, p) = super::analyze::open_source(&a.source)?;
    let class = super::parse_class(a.class.as_deref())?;
    let all = trends(&p, class, a.min_documents);
    let years: std::collections::BTreeSet<i32> = p.doc_years.values().copied().collect();
    if all.is_empty() {
        eprintln!(
            "no trend: the dated documents span {} year(s); trends need two or more",
            years.len()
        );
    }
    #[derive(Serialize)]
    struct Row<'a> {
        direction: &'static str,
        #[serde(flatten)]
        trend: &'a innograph::analyze::Trend,
    }
    let n = if a.top == 0 { all.len() } else { a.top };
    let mut rows: Vec<Row> = all
        .iter()
        .take(n)
        .filter(|t| t.slope > 0.0)
        .map(|t| Row {
            direction: "rising",
            trend: t,
        })
        .collect();
    rows.extend(
        all.iter()
            .rev()
            .take(n)
            .filter(|t| t.slope < 0.0)
            .map(|t| Row {
                direction: "falling",
                trend: t,
            }),
    );
    let (y0, y1) = (
        years.iter().next().copied().unwrap_or(0),
        years.iter().next_back().copied().unwrap_or(0),
    );
    let first = format!("share {y0}");
    let last = format!("share {y1}");
    emit(
        &rows,
        &[
            "direction",
            "entity",
            "type",
            "slope per year",
            &first,
            &last,
            "documents",
        ],
        |r| {
            vec![
                r.direction.to_string(),
                r.trend.label.clone(),
                r.trend.class.clone(),
                format!("{:+.3}", r.trend.slope),
                format!("{:.2}", r.trend.first),
                format!("{:.2}", r.trend.last),
                r.trend.documents.to_string(),
            ]
        },
        a.format,
    )
}
