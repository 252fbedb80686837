//! `innograph analyze profile`: what the store says of one division.

use crate::cli::{ProfileArgs, TableFormat};
use crate::cmd::output::{emit_with, list_cell};
use crate::cmd::{names, open};
use anyhow::Result;
use innograph::analyze;

pub fn run(a: &ProfileArgs) -> Result<()> {
    let (s, p) = open::source(&a.source)?;
    let d = names::division(&p, &a.division)?;
    let lines = analyze::profile(&p, s.as_ref(), d)?;
    if matches!(a.format, TableFormat::Table) {
        crate::outln!("{} ({})", p.graph[d].label, p.graph[d].iri);
    }
    emit_with(
        &lines,
        &["section", "item", "detail", "sources"],
        |r| {
            vec![
                r.section.to_string(),
                r.item.clone(),
                r.detail.clone(),
                list_cell(&r.sources, " "),
            ]
        },
        |r| {
            vec![
                r.section.to_string(),
                r.item.clone(),
                r.detail.clone(),
                r.sources.join(";"),
            ]
        },
        a.format,
    )
}
