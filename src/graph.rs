//! The store projected into petgraph: entities as nodes, relations as edges
//! weighted by the number of documents that state them.

use crate::class::Class;
use crate::error::Result;
use crate::store::GraphStore;
use crate::vocab::IG;
use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeSet, HashMap};

/// An entity node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub class: Class,
    /// Documents that mention it.
    pub documents: usize,
    /// Other names the documents give it (`skos:altLabel`).
    pub aliases: BTreeSet<String>,
    /// The first and last year of the dated documents that mention it.
    pub years: Option<(i32, i32)>,
}

/// A relation between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Local name of the property (`runsProgram`, `partOf`).
    pub property: String,
    /// Documents that state it.
    pub documents: BTreeSet<String>,
}

impl Edge {
    pub fn weight(&self) -> usize {
        self.documents.len().max(1)
    }
}

/// The projection and an index from IRI to node.
#[derive(Debug, Default)]
pub struct Projection {
    pub graph: DiGraph<Node, Edge>,
    pub index: HashMap<String, NodeIndex>,
}

fn iri_of(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn str_of(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

const PREFIXES: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

impl Projection {
    /// Reads the whole store into a projection.
    pub fn from_store(store: &GraphStore) -> Result<Projection> {
        let mut p = Projection::default();
        let mut classes: HashMap<String, Class> = HashMap::new();
        let mut labels: HashMap<String, String> = HashMap::new();
        let rows = store.select(&format!(
            "{PREFIXES}SELECT ?e ?type ?label WHERE {{ GRAPH ?g {{ ?e a ?type ; rdfs:label ?label }} FILTER(?g != <{}>) }}",
            crate::vocab::ONTOLOGY_GRAPH
        ))?;
        for r in rows {
            let (Some(e), Some(t)) = (iri_of(&r[0]), iri_of(&r[1])) else {
                continue;
            };
            let Some(class) = t.strip_prefix(IG).and_then(Class::parse) else {
                continue;
            };
            // the most specific class wins (University over Institution)
            let c = classes.entry(e.clone()).or_insert(class);
            if class > *c && class.top() == c.top() {
                *c = class;
            }
            if let Some(l) = str_of(&r[2]) {
                labels.entry(e).or_insert(l);
            }
        }
        let mut docs: HashMap<String, usize> = HashMap::new();
        for r in store.select(&format!("{PREFIXES}SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d ig:mentions ?e }} GROUP BY ?e"))? {
            if let (Some(e), Some(n)) = (iri_of(&r[0]), str_of(&r[1])) {
                docs.insert(e, n.parse().unwrap_or(0));
            }
        }
        let mut years: HashMap<String, (i32, i32)> = HashMap::new();
        for r in store.select(&format!("{PREFIXES}PREFIX dcterms: <http://purl.org/dc/terms/>\nSELECT ?e (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {{ ?d ig:mentions ?e ; dcterms:date ?date }} GROUP BY ?e"))? {
            let year = |t: &Option<Term>| str_of(t).and_then(|d| d.get(..4)?.parse::<i32>().ok());
            if let (Some(e), Some(a), Some(b)) = (iri_of(&r[0]), year(&r[1]), year(&r[2])) {
                years.insert(e, (a, b));
            }
        }
        let mut aliases: HashMap<String, BTreeSet<String>> = HashMap::new();
        for r in store.select(&format!("{PREFIXES}PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT DISTINCT ?e ?a WHERE {{ ?e skos:altLabel ?a }}"))? {
            if let (Some(e), Some(a)) = (iri_of(&r[0]), str_of(&r[1])) {
                aliases.entry(e).or_default().insert(a);
            }
        }
        let mut iris: Vec<&String> = classes.keys().collect();
        iris.sort();
        for iri in iris {
            let node = Node {
                iri: iri.clone(),
                label: labels.get(iri).cloned().unwrap_or_else(|| iri.clone()),
                class: classes[iri],
                documents: docs.get(iri).copied().unwrap_or(0),
                aliases: aliases.remove(iri).unwrap_or_default(),
                years: years.get(iri).copied(),
            };
            let ix = p.graph.add_node(node);
            p.index.insert(iri.clone(), ix);
        }
        let rows = store.select(&format!(
            "{PREFIXES}SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {{ ?p rdfs:subPropertyOf ig:relatedTo }} UNION {{ VALUES ?p {{ ig:partOf }} }} }} ORDER BY ?s ?p ?o ?g"
        ))?;
        let mut edges: HashMap<(NodeIndex, NodeIndex, String), BTreeSet<String>> = HashMap::new();
        for r in rows {
            let (Some(s), Some(pr), Some(o), Some(g)) =
                (iri_of(&r[0]), iri_of(&r[1]), iri_of(&r[2]), iri_of(&r[3]))
            else {
                continue;
            };
            let (Some(&a), Some(&b)) = (p.index.get(&s), p.index.get(&o)) else {
                continue;
            };
            let prop = pr.strip_prefix(IG).unwrap_or(&pr).to_string();
            edges.entry((a, b, prop)).or_default().insert(g);
        }
        let mut list: Vec<_> = edges.into_iter().collect();
        list.sort_by(|x, y| (x.0 .0, x.0 .1, &x.0 .2).cmp(&(y.0 .0, y.0 .1, &y.0 .2)));
        for ((a, b, property), documents) in list {
            p.graph.add_edge(
                a,
                b,
                Edge {
                    property,
                    documents,
                },
            );
        }
        Ok(p)
    }

    /// Parents along `partOf` edges.
    pub fn parents(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .filter(|e| e.weight().property == "partOf")
            .map(|e| petgraph::visit::EdgeRef::target(&e))
    }

    /// All ancestors along `partOf`.
    pub fn ancestors(&self, n: NodeIndex) -> BTreeSet<NodeIndex> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<NodeIndex> = self.parents(n).collect();
        while let Some(x) = stack.pop() {
            if seen.insert(x) {
                stack.extend(self.parents(x));
            }
        }
        seen
    }

    /// All parts along reversed `partOf` (the node itself included).
    pub fn parts(&self, n: NodeIndex) -> BTreeSet<NodeIndex> {
        let mut seen = BTreeSet::from([n]);
        let mut stack = vec![n];
        while let Some(x) = stack.pop() {
            for e in self.graph.edges_directed(x, petgraph::Direction::Incoming) {
                if e.weight().property == "partOf" {
                    let c = petgraph::visit::EdgeRef::source(&e);
                    if seen.insert(c) {
                        stack.push(c);
                    }
                }
            }
        }
        seen
    }

    /// The undirected weighted view the analytics run on: relations read both
    /// ways, weighted by the documents stating them, summed per pair.
    pub fn adjacency(&self) -> crate::analyze::Adjacency {
        crate::analyze::Adjacency::from_graph(&self.graph, |e| e.weight().weight() as f64)
    }

    /// Is the node an administrative division?
    pub fn is_division(&self, n: NodeIndex) -> bool {
        self.graph[n].class == Class::AdministrativeDivision
    }
}
