//! Every `ig:` term the code writes is declared in the ontology.

use innograph::resolve::resolve;
use innograph::store::{document_quads, ONTOLOGY_TTL};
use innograph::vocab::IG;
use innograph::Extractor;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use std::collections::BTreeSet;

#[test]
fn code_emits_only_declared_ig_terms() {
    let mut declared = BTreeSet::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY_TTL.as_bytes()) {
        let t = t.unwrap();
        if t.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" {
            declared.insert(t.subject.to_string().trim_matches(['<', '>']).to_string());
        }
    }
    let ex = Extractor::new();
    let mut used = BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")).unwrap() {
        let path = entry.unwrap().path();
        let (docs, _) = innograph::read_path(&path, &Default::default()).unwrap();
        for d in docs {
            let dg = resolve(&ex.gazetteer, &d, &ex.extract(&d));
            for q in document_quads(&dg) {
                used.insert(q.predicate.as_str().to_string());
                if let Term::NamedNode(n) = &q.object {
                    used.insert(n.as_str().to_string());
                }
            }
        }
    }
    let undeclared: Vec<&String> = used
        .iter()
        .filter(|t| t.starts_with(IG) && !declared.contains(*t))
        .collect();
    assert!(used.iter().any(|t| t.starts_with(IG)));
    assert!(undeclared.is_empty(), "undeclared: {undeclared:?}");
}
