//! `innograph analyze similar`: the divisions that share most with one.

use crate::cli::SimilarArgs;
use crate::cmd::output::{emit_with, list_cell};
use crate::cmd::{names, open};
use anyhow::Result;
use innograph::analyze;

pub fn run(a: &SimilarArgs) -> Result<()> {
    let (_s, p) = open::source(&a.source)?;
    let d = names::division(&p, &a.division)?;
    let mut list = analyze::similar(&p, d);
    if a.top > 0 {
        list.truncate(a.top);
    }
    emit_with(
        &list,
        &["division", "jaccard", "shared", "shared entities"],
        |r| {
            vec![
                r.label.clone(),
                format!("{:.3}", r.jaccard),
                r.shared.len().to_string(),
                list_cell(&r.shared, " "),
            ]
        },
        |r| {
            vec![
                r.label.clone(),
                format!("{:.3}", r.jaccard),
                r.shared.len().to_string(),
                r.shared.join(";"),
            ]
        },
        a.format,
    )
}
