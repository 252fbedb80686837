//! `innograph stats`: documents, quads and entities per class — from the
//! projection cache beside the store when it is current, else from the store.

use super::query::term_text;
use anyhow::Result;
use innograph::rdf::queries;
use innograph::store::projection::Counts;
use innograph::GraphStore;

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

/// `stats` from the counts kept beside the store: the same report in milliseconds.
pub fn stats_from_counts(c: Counts) -> String {
    report(c.documents, c.quads, c.per_class)
}
