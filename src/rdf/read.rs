//! What the projection and `stats` need of each document graph: its summary,
//! made from its quads. The store keeps the summaries beside itself
//! (`store/cache.rs`) so that an ingest knows what it holds and the
//! projection is built without joining the whole store.

use crate::rdf::atom::Atom;
use crate::vocab::{
    DCTERMS_DATE, IG, ONTOLOGY_TTL, RDFS_LABEL, RDFS_SUBPROPERTYOF, RDF_TYPE, SKOS_ALTLABEL,
};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

/// An entity as one document states it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityFacts {
    pub iri: Atom,
    pub label: Option<Atom>,
    /// Local names of its `ig:` classes.
    pub types: Vec<Atom>,
    pub aliases: Vec<Atom>,
    /// The document `ig:mentions` it.
    pub mentioned: bool,
}

/// One document graph's share of the projection and of `stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub quads: u64,
    /// `ig:contentHash`: what the document was extracted from, and by which extractor.
    pub hash: Option<String>,
    /// The year of its `dcterms:date` (else of its `ig:reportYear`).
    pub year: Option<i32>,
    pub is_document: bool,
    pub entities: Vec<EntityFacts>,
    /// (subject, property local name, object) of its relations and `ig:partOf`.
    pub edges: Vec<(Atom, Atom, Atom)>,
}

/// Every document graph's summary, and the quads of the other graphs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summaries {
    pub docs: BTreeMap<String, DocSummary>,
    /// Quads of the ontology and bookkeeping graphs.
    pub other_quads: u64,
}

/// The `ig:` properties that link a division to an entity (direct
/// subproperties of `ig:relatedTo` in the bundled ontology), and `partOf`.
pub fn edge_properties() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let related = format!("{IG}relatedTo");
        let mut set: HashSet<String> = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .flatten()
            .filter(|t| {
                t.predicate.as_str() == RDFS_SUBPROPERTYOF
                    && matches!(&t.object, Term::NamedNode(n) if n.as_str() == related)
            })
            .filter_map(|t| match t.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => {
                    n.as_str().strip_prefix(IG).map(String::from)
                }
                _ => None,
            })
            .collect();
        set.insert("partOf".to_string());
        set
    })
}

fn lit(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// The summary of one document graph from its quads.
pub fn summarize<'a>(graph: &str, quads: impl IntoIterator<Item = &'a Quad>) -> DocSummary {
    let mut s = Summarizer::new(graph);
    for q in quads {
        s.add(q);
    }
    s.finish()
}

/// The summary of one document graph, made quad by quad as they are written
/// (a 50 MB document's quads need not be held all at once).
pub struct Summarizer {
    graph: String,
    s: DocSummary,
    ents: BTreeMap<Atom, EntityFacts>,
    mentioned: BTreeSet<Atom>,
}

impl Summarizer {
    pub fn new(graph: &str) -> Summarizer {
        Summarizer {
            graph: graph.to_string(),
            s: DocSummary::default(),
            ents: BTreeMap::new(),
            mentioned: BTreeSet::new(),
        }
    }

    pub fn add(&mut self, q: &Quad) {
        self.s.quads += 1;
        let oxigraph::model::NamedOrBlankNode::NamedNode(subject) = &q.subject else {
            return;
        };
        let subject = subject.as_str();
        let p = q.predicate.as_str();
        if subject == self.graph {
            match (p, p.strip_prefix(IG)) {
                (RDF_TYPE, _) => {
                    if matches!(&q.object, Term::NamedNode(n) if n.as_str().strip_prefix(IG) == Some("Document"))
                    {
                        self.s.is_document = true;
                    }
                }
                (DCTERMS_DATE, _) => {
                    self.s.year = lit(&q.object).and_then(|d| d.get(..4)?.parse().ok());
                }
                // an undated document's year, read from its text
                (_, Some("reportYear")) => {
                    self.s.year = self
                        .s
                        .year
                        .or_else(|| lit(&q.object).and_then(|d| d.get(..4)?.parse().ok()));
                }
                (_, Some("contentHash")) => self.s.hash = lit(&q.object).map(String::from),
                (_, Some("mentions")) => {
                    if let Term::NamedNode(n) = &q.object {
                        self.mentioned.insert(Atom::new(n.as_str()));
                    }
                }
                _ => {}
            }
            return;
        }
        match p {
            RDF_TYPE => {
                if let Term::NamedNode(n) = &q.object {
                    if let Some(local) = n.as_str().strip_prefix(IG) {
                        if crate::class::Class::parse(local).is_some() {
                            let e = self.ents.entry(Atom::new(subject)).or_default();
                            if !e.types.iter().any(|t| t == local) {
                                e.types.push(Atom::new(local));
                            }
                        }
                    }
                }
            }
            RDFS_LABEL => {
                if let Some(l) = lit(&q.object) {
                    let e = self.ents.entry(Atom::new(subject)).or_default();
                    // the smallest, as the projection read from the store takes it
                    if e.label.as_deref().is_none_or(|x| l < x) {
                        e.label = Some(Atom::new(l));
                    }
                }
            }
            SKOS_ALTLABEL => {
                if let Some(l) = lit(&q.object) {
                    self.ents
                        .entry(Atom::new(subject))
                        .or_default()
                        .aliases
                        .push(Atom::new(l));
                }
            }
            _ => {
                if let (Some(local), Term::NamedNode(o)) = (p.strip_prefix(IG), &q.object) {
                    if edge_properties().contains(local) {
                        self.s.edges.push((
                            Atom::new(subject),
                            Atom::new(local),
                            Atom::new(o.as_str()),
                        ));
                    }
                }
            }
        }
    }

    pub fn finish(mut self) -> DocSummary {
        // only what has a class is an entity; what is mentioned is flagged
        for m in &self.mentioned {
            self.ents.entry(m.clone()).or_default();
        }
        self.s.entities = self
            .ents
            .into_iter()
            .filter_map(|(iri, mut e)| {
                e.mentioned = self.mentioned.contains(&iri);
                (!e.types.is_empty() || e.mentioned).then(|| {
                    e.iri = iri;
                    e.aliases.sort();
                    e.aliases.dedup();
                    e
                })
            })
            .collect();
        self.s.edges.sort();
        self.s.edges.dedup();
        self.s
    }
}
