//! `innograph stats`: documents, quads and entities per class — from the
//! projection cache beside the store when it is current, else from the store.

use super::query::term_text;
use anyhow::Result;
use innograph::graph::atom::Atom;
use innograph::graph::summary::Summaries;
use innograph::rdf::queries;
use innograph::GraphStore;
use std::collections::{BTreeMap, BTreeSet};

/// The report of `stats` from its three figures.
fn report(documents: usize, quads: u64, mut per_class: Vec<(String, usize)>) -> String {
    // most first, ties by name: the same order whatever the source
    per_class.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut s = format!("documents  {documents}\nquads      {quads}\n");
    let table: Vec<Vec<String>> = per_class
        .into_iter()
        .map(|(c, n)| vec![c, n.to_string()])
        .collect();
    s.push_str("\nentities per class\n");
    s.push_str(&innograph::table::render(
        &["class".into(), "entities".into()],
        &table,
    ));
    s
}

/// `stats` read from the store with SPARQL.
pub fn stats(store: &GraphStore) -> Result<String> {
    let docs = store.select(&queries::document_count())?;
    let documents = docs
        .first()
        .and_then(|r| r[0].as_ref())
        .map(term_text)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let rows = store.select(&queries::entities_per_class())?;
    let mut per_class = Vec::new();
    for r in rows {
        if let (Some(t), Some(n)) = (&r[0], &r[1]) {
            per_class.push((
                term_text(t).replace(innograph::vocab::IG, ""),
                term_text(n).parse().unwrap_or(0),
            ));
        }
    }
    Ok(report(documents, store.len()? as u64, per_class))
}

/// `stats` from the per-document summaries: the same report in milliseconds.
pub fn stats_from_summaries(s: &Summaries) -> String {
    let documents = s.docs.values().filter(|d| d.is_document).count();
    let quads = s.other_quads + s.docs.values().map(|d| d.quads).sum::<u64>();
    let mut types: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut mentioned: BTreeSet<&str> = BTreeSet::new();
    for d in s.docs.values() {
        for e in &d.entities {
            if e.mentioned {
                mentioned.insert(&e.iri);
            }
            types
                .entry(&e.iri)
                .or_default()
                .extend(e.types.iter().map(Atom::as_str));
        }
    }
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for e in mentioned {
        for t in types.get(e).into_iter().flatten() {
            *per.entry(t).or_default() += 1;
        }
    }
    report(
        documents,
        quads,
        per.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
    )
}
