//! Evidence is the sentence that states a relation: over every relation of
//! every document of the dev corpus (the bundled sample where ../shared is
//! absent), the quoted sentence names both ends, or its basis says why not.

mod common;

use common::bin;
use innograph::analyze::{Basis, EvidenceReader};
use innograph::rdf::read::edge_properties;
use innograph::store::GraphStore;
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const IG: &str = "https://w3id.org/innograph/ontology#";

fn corpus() -> PathBuf {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    if dev.is_dir() {
        dev
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
    }
}

fn text(t: &Option<Term>) -> String {
    match t {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

#[test]
fn every_relation_quotes_a_sentence_naming_both_ends_or_says_why_not() {
    let tmp = TempDir::new().unwrap();
    let store_dir = tmp.path().join("store");
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store_dir)
        .arg(corpus())
        .assert()
        .success();
    let store = GraphStore::open_read_only(&store_dir).unwrap();
    // every way a document writes each entity: its label, its aliases, its mentions' anchors
    let mut surfaces: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for r in store
        .select(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
             PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
             PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
             SELECT ?g ?e ?s WHERE { GRAPH ?g {
               { ?e rdfs:label ?s } UNION { ?e skos:altLabel ?s } UNION { ?m itsrdf:taIdentRef ?e ; nif:anchorOf ?s } } }",
        )
        .unwrap()
    {
        surfaces
            .entry((text(&r[0]), text(&r[1])))
            .or_default()
            .insert(text(&r[2]));
    }
    // the relations between entities: what the graph projection reads as edges
    // (ig:relatedTo's subproperties and ig:partOf) and ig:officialOf
    let mut properties: Vec<String> = edge_properties().iter().cloned().collect();
    properties.push("officialOf".into());
    let values: String = properties.iter().map(|p| format!("<{IG}{p}> ")).collect();
    let relations: BTreeSet<(String, String, String, String)> = store
        .select(&format!(
            "SELECT ?g ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        ))
        .unwrap()
        .iter()
        .map(|r| (text(&r[0]), text(&r[1]), text(&r[2]), text(&r[3])))
        .filter(|(g, ..)| g.contains("/doc/"))
        .collect();
    assert!(
        relations.len() > 50,
        "too few relations: {}",
        relations.len()
    );
    let mut reader = EvidenceReader::new(&store);
    let mut by_basis: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut context_shown = 0;
    for (g, s, p, o) in &relations {
        let names = |e: &String, sentence: &str| {
            surfaces
                .get(&(g.clone(), e.clone()))
                .is_some_and(|forms| forms.iter().any(|f| sentence.contains(f.as_str())))
        };
        let ev = reader.sentence(g, s, o).unwrap();
        let Some(ev) = ev else {
            // a relation neither of whose ends the text mentions (partOf of a
            // division the document only implies) has no sentence at all
            *by_basis.entry("none").or_default() += 1;
            assert!(
                p.ends_with("partOf"),
                "{g}: {s} {p} {o} has no evidence although resolution states it"
            );
            continue;
        };
        match ev.basis {
            Basis::Sentence => {
                if !(names(s, &ev.sentence) && names(o, &ev.sentence)) {
                    wrong.push(format!("{s} {p} {o}: “{}”", ev.sentence));
                }
            }
            Basis::Context => {
                if context_shown < 5 {
                    context_shown += 1;
                    eprintln!("context: {s} {p} {o}: “{}”", ev.sentence);
                }
                if !(names(s, &ev.sentence) || names(o, &ev.sentence)) {
                    wrong.push(format!("{s} {p} {o} (context): “{}”", ev.sentence));
                }
            }
            // only containment comes from outside the text
            Basis::Outside => assert!(
                p.ends_with("partOf"),
                "{g}: {s} {p} {o} is a relation resolution states, yet no sentence is recorded: “{}”",
                ev.sentence
            ),
        }
        *by_basis.entry(ev.basis.describe()).or_default() += 1;
    }
    eprintln!("{} relations: {by_basis:?}", relations.len());
    assert!(
        wrong.is_empty(),
        "{} of {} quoted sentences do not name what they should:\n{}",
        wrong.len(),
        relations.len(),
        wrong.join("\n")
    );
    // on these texts a third of the relations are said in one sentence naming
    // both ends (141 of 451 when written); the rest name the entity in a
    // passage a heading or the document assigns to its division. A reader that
    // quoted any sentence naming one end would fall far below this floor.
    let stated = by_basis
        .get(Basis::Sentence.describe())
        .copied()
        .unwrap_or(0);
    assert!(
        stated * 4 > relations.len(),
        "only {stated} of {} relations quote a sentence naming both ends",
        relations.len()
    );
}
