//! `innograph analyze centrality`: the entities ranked by a centrality measure.

use crate::cli::{CentralityArgs, Metric};
use crate::cmd::output::emit;
use crate::cmd::{open, parse_class};
use anyhow::Result;
use innograph::analyze;

pub fn run(a: &CentralityArgs) -> Result<()> {
    let class = parse_class(a.class.as_deref())?;
    let (_s, p) = open::source(&a.source)?;
    let metric = match a.metric {
        Metric::Pagerank => analyze::Metric::PageRank,
        Metric::Betweenness => analyze::Metric::Betweenness,
        Metric::Degree => analyze::Metric::Degree,
        Metric::Eigenvector => analyze::Metric::Eigenvector,
    };
    let rows = analyze::ranked(&p, metric, class, a.top);
    emit(
        &rows,
        &["rank", "label", "type", "score", "iri"],
        |r| {
            vec![
                r.rank.to_string(),
                r.label.clone(),
                r.class.clone(),
                format!("{:.6}", r.score),
                r.iri.clone(),
            ]
        },
        a.format,
    )
}
