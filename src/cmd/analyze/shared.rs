//! `innograph analyze shared`: the entities several divisions share.

use crate::cli::{SharedArgs, TableFormat};
use crate::cmd::output::{emit_with, list_cell};
use crate::cmd::{open, parse_class};
use anyhow::Result;
use innograph::analyze;

pub fn run(a: &SharedArgs) -> Result<()> {
    let class = parse_class(a.class.as_deref())?;
    let (_s, p) = open::source(&a.source)?;
    print_shared(&analyze::shared_entities(&p, class, a.min), a.format)
}

pub fn print_shared(shared: &[innograph::analyze::Shared], format: TableFormat) -> Result<()> {
    let divisions = |s: &innograph::analyze::Shared| -> Vec<String> {
        s.districts
            .iter()
            .map(|d| format!("{d}({})", s.evidence.get(d).copied().unwrap_or(0)))
            .collect()
    };
    emit_with(
        shared,
        &[
            "entity",
            "type",
            "divisions (documents)",
            "documents",
            "iri",
        ],
        |s| {
            vec![
                s.label.clone(),
                s.class.clone(),
                list_cell(&divisions(s), " "),
                s.documents.to_string(),
                s.iri.clone(),
            ]
        },
        |s| {
            vec![
                s.label.clone(),
                s.class.clone(),
                s.districts.join(";"),
                s.documents.to_string(),
                s.iri.clone(),
            ]
        },
        format,
    )
}
