//! The store projected into petgraph: entities as nodes, relations as edges
//! weighted by the number of documents that state them; read from the store
//! (or any SPARQL source) or, in milliseconds, from the per-document
//! summaries kept beside the store ([`crate::rdf::read`]).

pub mod adjacency;
pub mod index;
pub mod years;

use crate::class::Class;
use crate::error::Result;
use crate::rdf::atom::Atom;
use crate::rdf::{queries, row};
use crate::source::Source;
use crate::vocab::IG;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
pub use years::YearCounts;

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
    /// Dated documents that mention it, by year (the spells of a timeline, trends).
    pub year_docs: YearCounts,
}

impl Node {
    /// A node with the years it is stated in (first and last) from its
    /// documents by year.
    pub fn new(
        iri: String,
        label: String,
        class: Class,
        documents: usize,
        aliases: BTreeSet<String>,
        year_docs: impl IntoIterator<Item = (i32, usize)>,
    ) -> Node {
        let year_docs: YearCounts = year_docs.into_iter().collect();
        Node {
            iri,
            label,
            class,
            documents,
            aliases,
            years: year_docs.span(),
            year_docs,
        }
    }
}

/// A relation between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Local name of the property (`runsProgram`, `partOf`): one shared
    /// copy for all the edges of a property.
    pub property: Atom,
    /// Documents that state it: ascending indices into
    /// [`Projection::documents`] (the order of their IRIs).
    pub documents: Vec<u32>,
}

impl Edge {
    pub fn weight(&self) -> usize {
        self.documents.len().max(1)
    }

    /// Whether it is containment (`partOf`), not a stated relation.
    pub fn is_part_of(&self) -> bool {
        self.property == *"partOf"
    }
}

/// The projection and an index from IRI to node.
#[derive(Debug, Default)]
pub struct Projection {
    pub graph: DiGraph<Node, Edge>,
    /// The node of each IRI ([`Projection::node_index`]).
    index: index::IriIndex,
    /// The year of each dated document, by its graph IRI.
    pub doc_years: HashMap<String, i32>,
    /// The graph IRIs of the documents that state an edge, in order: what
    /// [`Edge::documents`] indexes (one copy of each IRI, however many edges).
    pub documents: Vec<String>,
}

impl Projection {
    /// The node whose IRI is `iri`.
    pub fn node_index(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(&self.graph, iri)
    }

    /// Room for `nodes` more nodes and `edges` more edges.
    pub fn reserve(&mut self, nodes: usize, edges: usize) {
        self.graph.reserve_nodes(nodes);
        self.graph.reserve_edges(edges);
        self.index.reserve(&self.graph, nodes);
    }

    /// The graph IRI of document `id` of an edge's [`Edge::documents`].
    pub fn document(&self, id: u32) -> &str {
        &self.documents[id as usize]
    }

    /// The graph IRIs of the documents that state an edge.
    pub fn edge_documents<'a>(&'a self, e: &'a Edge) -> impl Iterator<Item = &'a str> + 'a {
        e.documents.iter().map(|&d| self.document(d))
    }

    /// Reads the graph of any source (the store, or a SPARQL endpoint holding
    /// pushed stores) into a projection; every query orders its rows, so that
    /// the projection is built in one order whatever the source (an endpoint
    /// fetches the rows unordered, in pieces, and sorts them as the store does).
    pub fn from_source(store: &dyn Source) -> Result<Projection> {
        let mut p = Projection {
            doc_years: document_years(store)?,
            ..Projection::default()
        };
        let (classes, labels) = classes_and_labels(store)?;
        let docs = document_counts(store)?;
        let mut year_docs = years_of_mentions(store, &p.doc_years)?;
        let mut aliases = aliases(store)?;
        let mut iris: Vec<&String> = classes.keys().collect();
        iris.sort();
        for iri in iris {
            p.add_node(Node::new(
                iri.clone(),
                labels.get(iri).cloned().unwrap_or_else(|| iri.clone()),
                classes[iri],
                docs.get(iri).copied().unwrap_or(0),
                aliases.remove(iri).unwrap_or_default(),
                year_docs.remove(iri.as_str()).unwrap_or_default(),
            ));
        }
        add_stated_edges(&mut p, store)?;
        Ok(p)
    }

    /// The projection the per-document summaries give: the same nodes, classes,
    /// labels, aliases, document counts, years and edges as [`Projection::from_source`].
    pub fn from_summaries(s: &crate::rdf::read::Summaries) -> Projection {
        let mut p = Projection::default();
        let mut classes: FxHashMap<&str, Class> = FxHashMap::default();
        let mut labels: FxHashMap<&str, &str> = FxHashMap::default();
        let mut docs: FxHashMap<&str, usize> = FxHashMap::default();
        let mut aliases: FxHashMap<&str, BTreeSet<String>> = FxHashMap::default();
        let mut year_docs: FxHashMap<&str, BTreeMap<i32, usize>> = FxHashMap::default();
        for (g, d) in &s.docs {
            if let (Some(y), true) = (d.year, d.is_document) {
                p.doc_years.insert(g.clone(), y);
            }
        }
        for d in s.docs.values() {
            for e in &d.entities {
                if let Some(label) = e.label.as_deref() {
                    for t in &e.types {
                        let Some(class) = Class::parse(t) else {
                            continue;
                        };
                        let c = classes.entry(&e.iri).or_insert(class);
                        if class > *c && class.top() == c.top() {
                            *c = class;
                        }
                    }
                    if !e.types.is_empty() {
                        let l = labels.entry(&e.iri).or_insert(label);
                        if label < *l {
                            *l = label;
                        }
                    }
                }
                if e.mentioned {
                    *docs.entry(&e.iri).or_default() += 1;
                    if let (Some(y), true) = (d.year, d.is_document) {
                        *year_docs.entry(&e.iri).or_default().entry(y).or_default() += 1;
                    }
                }
                if !e.aliases.is_empty() {
                    aliases
                        .entry(&e.iri)
                        .or_default()
                        .extend(e.aliases.iter().map(String::from));
                }
            }
        }
        let mut iris: Vec<&str> = classes
            .keys()
            .copied()
            .filter(|i| labels.contains_key(i))
            .collect();
        iris.sort();
        for iri in iris {
            p.add_node(Node::new(
                iri.to_string(),
                labels[iri].to_string(),
                classes[iri],
                docs.get(iri).copied().unwrap_or(0),
                aliases.remove(iri).unwrap_or_default(),
                year_docs.remove(iri).unwrap_or_default(),
            ));
        }
        // documents in the order of their IRIs, so that each edge's list of
        // document ids comes out ascending and without repeats (a summary's
        // edges are distinct)
        let mut edges: FxHashMap<(NodeIndex, NodeIndex, &Atom), Vec<u32>> = FxHashMap::default();
        for (g, d) in &s.docs {
            let mut states = false;
            for (a, prop, b) in &d.edges {
                let (Some(a), Some(b)) = (p.node_index(a), p.node_index(b)) else {
                    continue;
                };
                let docs = edges.entry((a, b, prop)).or_default();
                let id = p.documents.len() as u32;
                if docs.last() != Some(&id) {
                    docs.push(id);
                }
                states = true;
            }
            if states {
                p.documents.push(g.clone());
            }
        }
        p.add_edges(
            edges
                .into_iter()
                .map(|((a, b, prop), docs)| ((a, b, prop.clone()), docs)),
        );
        p
    }

    /// Adds a node and indexes it by its IRI (a later node of the same IRI
    /// takes the index over).
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        let ix = self.graph.add_node(node);
        self.index.insert(&self.graph, ix);
        ix
    }

    /// Adds the edges, each with the documents that state it, in the order of
    /// their ends and property (the same graph whatever the source's order).
    fn add_edges(
        &mut self,
        edges: impl IntoIterator<Item = ((NodeIndex, NodeIndex, Atom), Vec<u32>)>,
    ) {
        let mut list: Vec<_> = edges.into_iter().collect();
        list.sort_by(|x, y| (x.0 .0, x.0 .1, &x.0 .2).cmp(&(y.0 .0, y.0 .1, &y.0 .2)));
        for ((a, b, property), documents) in list {
            self.graph.add_edge(
                a,
                b,
                Edge {
                    property,
                    documents,
                },
            );
        }
    }

    /// Parents along `partOf` edges.
    pub fn parents(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .filter(|e| e.weight().is_part_of())
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
                if e.weight().is_part_of() {
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
    pub fn adjacency(&self) -> adjacency::Adjacency {
        adjacency::Adjacency::from_graph(&self.graph, |e| e.weight().weight() as f64)
    }

    /// Is the node an administrative division?
    pub fn is_division(&self, n: NodeIndex) -> bool {
        self.graph[n].class == Class::AdministrativeDivision
    }
}

/// Each entity's most specific class and its smallest label, as the summaries
/// take them (documents agree on labels).
fn classes_and_labels(
    store: &dyn Source,
) -> Result<(HashMap<String, Class>, HashMap<String, String>)> {
    let mut classes: HashMap<String, Class> = HashMap::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    let rows = store.select(&queries::entity_classes())?;
    for r in rows {
        let (Some(e), Some(t)) = (row::iri(&r[0]), row::iri(&r[1])) else {
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
        // the smallest label, as the summaries take it (documents agree on labels)
        if let Some(l) = row::text(&r[2]) {
            let cur = labels.entry(e).or_insert_with(|| l.clone());
            if l < *cur {
                *cur = l;
            }
        }
    }
    Ok((classes, labels))
}

/// How many documents mention each entity.
fn document_counts(store: &dyn Source) -> Result<HashMap<String, usize>> {
    let mut docs: HashMap<String, usize> = HashMap::new();
    for r in store.select(&queries::mention_counts())? {
        if let (Some(e), Some(n)) = (row::iri(&r[0]), row::text(&r[1])) {
            docs.insert(e, n.parse().unwrap_or(0));
        }
    }
    Ok(docs)
}

/// The year of each document: its date, else the year it reports on.
fn document_years(store: &dyn Source) -> Result<HashMap<String, i32>> {
    let mut years = HashMap::new();
    for r in store.select(&queries::document_dates())? {
        if let (Some(d), Some(y)) = (
            row::iri(&r[0]),
            row::text(&r[1]).and_then(|d| d.get(..4)?.parse::<i32>().ok()),
        ) {
            years.entry(d).or_insert(y);
        }
    }
    Ok(years)
}

/// For each entity, how many documents of each year mention it.
fn years_of_mentions(
    store: &dyn Source,
    doc_years: &HashMap<String, i32>,
) -> Result<HashMap<String, BTreeMap<i32, usize>>> {
    let mut year_docs: HashMap<String, BTreeMap<i32, usize>> = HashMap::new();
    for r in store.select(&queries::mentions())? {
        if let (Some(e), Some(d)) = (row::iri(&r[0]), row::iri(&r[1])) {
            if let Some(y) = doc_years.get(&d) {
                *year_docs.entry(e).or_default().entry(*y).or_default() += 1;
            }
        }
    }
    Ok(year_docs)
}

/// Every entity's other names.
fn aliases(store: &dyn Source) -> Result<HashMap<String, BTreeSet<String>>> {
    let mut aliases: HashMap<String, BTreeSet<String>> = HashMap::new();
    for r in store.select(&queries::aliases())? {
        if let (Some(e), Some(a)) = (row::iri(&r[0]), row::text(&r[1])) {
            aliases.entry(e).or_default().insert(a);
        }
    }
    Ok(aliases)
}

/// The stated relations and containment between the projection's nodes, each
/// edge with the documents that state it.
fn add_stated_edges(p: &mut Projection, store: &dyn Source) -> Result<()> {
    // relations and containment in two plain queries: Virtuoso answers
    // nothing to the UNION of a pattern and a VALUES block here
    let mut rows = store.select(&queries::relations())?;
    rows.extend(store.select(&queries::containment())?);
    let mut edges: HashMap<(NodeIndex, NodeIndex, Atom), BTreeSet<String>> = HashMap::new();
    let mut documents: BTreeSet<String> = BTreeSet::new();
    for r in rows {
        let (Some(s), Some(pr), Some(o), Some(g)) = (
            row::iri(&r[0]),
            row::iri(&r[1]),
            row::iri(&r[2]),
            row::iri(&r[3]),
        ) else {
            continue;
        };
        let (Some(a), Some(b)) = (p.node_index(&s), p.node_index(&o)) else {
            continue;
        };
        let prop = Atom::new(pr.strip_prefix(IG).unwrap_or(&pr));
        documents.insert(g.clone());
        edges.entry((a, b, prop)).or_default().insert(g);
    }
    // the documents in the order of their IRIs, as from the summaries
    p.documents = documents.into_iter().collect();
    let id: HashMap<&str, u32> = p
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i as u32))
        .collect();
    let edges: Vec<_> = edges
        .into_iter()
        .map(|(k, docs)| (k, docs.iter().map(|d| id[d.as_str()]).collect()))
        .collect();
    p.add_edges(edges);
    Ok(())
}
