//! `innograph analyze path`: the shortest chains of relations between two entities, with the sentences stating them.

use crate::cli::{PathArgs, TableFormat};
use crate::cmd::output::emit;
use crate::cmd::{names, open};
use anyhow::{bail, Result};
use innograph::analyze;
use serde::Serialize;

pub fn run(a: &PathArgs) -> Result<()> {
    let (s, p) = open::source(&a.source)?;
    let from = names::entity(&p, &a.from)?;
    let to = names::entity(&p, &a.to)?;
    let chains = analyze::paths(&p, s.as_ref(), from, to, a.max.max(1))?;
    if chains.is_empty() {
        bail!(
            "no chain of relations joins {} and {} in the store",
            p.graph[from].label,
            p.graph[to].label
        );
    }
    #[derive(Serialize)]
    struct Row {
        chain: usize,
        hop: usize,
        from: String,
        relation: String,
        to: String,
        documents: usize,
        document: String,
        sentence: String,
        basis: &'static str,
    }
    let mut rows = Vec::new();
    for (c, hops) in chains.iter().enumerate() {
        for (h, hop) in hops.iter().enumerate() {
            for r in &hop.relations {
                let relation = if r.forward {
                    format!("—{}→", r.property)
                } else {
                    format!("←{}—", r.property)
                };
                let ev = r.evidence.first();
                rows.push(Row {
                    chain: c + 1,
                    hop: h + 1,
                    from: hop.from.clone(),
                    relation,
                    to: hop.to.clone(),
                    documents: r.documents,
                    document: ev.map(|e| e.document.clone()).unwrap_or_default(),
                    sentence: ev.map(|e| e.sentence.clone()).unwrap_or_default(),
                    basis: ev.map_or("", |e| e.basis.describe()),
                });
            }
        }
    }
    if matches!(a.format, TableFormat::Json) {
        crate::outln!("{}", serde_json::to_string_pretty(&chains)?);
        return Ok(());
    }
    emit(
        &rows,
        &[
            "chain",
            "hop",
            "from",
            "relation",
            "to",
            "documents",
            "document",
            "sentence",
            "basis",
        ],
        |r| {
            vec![
                r.chain.to_string(),
                r.hop.to_string(),
                r.from.clone(),
                r.relation.clone(),
                r.to.clone(),
                r.documents.to_string(),
                r.document.clone(),
                r.sentence.clone(),
                r.basis.to_string(),
            ]
        },
        a.format,
    )
}
