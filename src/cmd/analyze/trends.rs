//! `innograph analyze trends`: the entities whose share of the documents moves most.

use crate::cli::TrendsArgs;
use crate::cmd::output::emit;
use crate::cmd::{open, parse_class};
use anyhow::Result;
use innograph::analyze::trends;
use serde::Serialize;

pub fn run(a: &TrendsArgs) -> Result<()> {
    let (_s, p) = open::source(&a.source)?;
    let class = parse_class(a.class.as_deref())?;
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
