//! `innograph stats`: documents, quads and entities per class.

use super::query::term_text;
use anyhow::Result;
use innograph::GraphStore;

pub fn stats(store: &GraphStore) -> Result<String> {
    let docs = store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/innograph/ontology#Document> }")?;
    let count = |rows: &Vec<Vec<Option<oxigraph::model::Term>>>| {
        rows.first()
            .and_then(|r| r[0].as_ref())
            .map(term_text)
            .unwrap_or_else(|| "0".into())
    };
    let mut s = format!("documents  {}\nquads      {}\n", count(&docs), store.len()?);
    let rows = store.select(
        "PREFIX ig: <https://w3id.org/innograph/ontology#>\nSELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d ig:mentions ?e . ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    )?;
    let mut table = Vec::new();
    for r in rows {
        if let (Some(t), Some(n)) = (&r[0], &r[1]) {
            table.push(vec![
                term_text(t).replace(innograph::vocab::IG, ""),
                term_text(n),
            ]);
        }
    }
    s.push_str("\nentities per class\n");
    s.push_str(&innograph::table::render(
        &["class".into(), "entities".into()],
        &table,
    ));
    Ok(s)
}
