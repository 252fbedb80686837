//! The projection as a file beside the store (`projection.graph`): the nodes,
//! the edges with the ids of the documents that state them, one table of
//! document IRIs, and the figures `stats` reports. An analysis opens it in
//! one read instead of rebuilding the graph from every document's summary
//! (on a 100 MB generated corpus: 88 MB of summaries and ~2 s before, a
//! 16 MB file and ~0.2 s now).
//!
//! Like the summaries ([`super::cache`]) it is tagged with the store's
//! generation, versioned and checksummed; a file of another generation is
//! stale and never read. It is derived from summaries of the same generation
//! only, so any process may write it (renamed into place whole): the first
//! reader after an ingest finds it stale and writes it for the next reader.
//! (`ingest` does not: building it beside the summaries every document's
//! ingest keeps raised a 500 MB ingest's peak from 1.77 to 2.26 GB.)

use crate::class::Class;
use crate::error::{Error, Result};
use crate::graph::{Edge, Node, Projection};
use crate::rdf::atom::Atom;
use crate::rdf::read::Summaries;
use crate::store::GraphStore;
use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub const FILE: &str = "projection.graph";
const MAGIC: &[u8] = b"innograph projection graph\n";
/// Bumped whenever what the file holds changes shape or meaning.
pub const VERSION: u32 = 2;

/// What `stats` reports of a store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Named graphs that are documents.
    pub documents: usize,
    /// Quads of every graph, the ontology's and the bookkeeping's included.
    pub quads: u64,
    /// Mentioned entities per class (local name), by class name.
    pub per_class: Vec<(String, usize)>,
}

impl Counts {
    /// The counts the summaries give: an entity counts in each class any
    /// document gives it, once it is mentioned anywhere.
    ///
    /// # Complexity
    /// O(M log E) over the M entity statements of the summaries.
    pub fn from_summaries(s: &Summaries) -> Counts {
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
                    .extend(e.types.iter().map(|t| t.as_str()));
            }
        }
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for e in mentioned {
            for t in types.get(e).into_iter().flatten() {
                *per.entry(t).or_default() += 1;
            }
        }
        Counts {
            documents,
            quads,
            per_class: per.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
        }
    }
}

/// The head of the file: read alone by `stats`.
#[derive(Serialize, Deserialize)]
struct Header<C> {
    version: u32,
    generation: u64,
    counts: C,
}

/// A node; `S` is `&str` when written, `String` when read (the same bytes).
#[derive(Serialize, Deserialize)]
struct PackedNode<S> {
    iri: S,
    label: S,
    /// An index into the class table: one small number, not a string per node.
    class: u32,
    documents: u64,
    aliases: Vec<S>,
    year_docs: Vec<(i32, u64)>,
}

/// An edge: node indices, an index into the property table, and the
/// ascending document ids as differences (small numbers, short varints).
#[derive(Serialize, Deserialize)]
struct PackedEdge {
    source: u32,
    target: u32,
    property: u32,
    documents: Vec<u32>,
}

/// Written whole; read item by item in the same order (`unpack`).
#[derive(Serialize)]
struct Body<S> {
    documents: Vec<S>,
    doc_years: Vec<(S, i32)>,
    properties: Vec<S>,
    classes: Vec<S>,
    nodes: Vec<PackedNode<S>>,
    edges: Vec<PackedEdge>,
}

pub use super::checked::Stale;

/// The projection file beside the store at `store`.
pub fn path(store: &Path) -> PathBuf {
    store.join(FILE)
}

fn delta(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&d| {
            let x = d - prev;
            prev = d;
            x
        })
        .collect()
}

fn undelta(mut ids: Vec<u32>) -> Option<Vec<u32>> {
    let mut prev: u32 = 0;
    for d in &mut ids {
        prev = prev.checked_add(*d)?;
        *d = prev;
    }
    Some(ids)
}

/// The bytes of a projection file (without the magic and checksum).
fn encode(generation: u64, counts: &Counts, p: &Projection) -> Result<Vec<u8>> {
    let mut properties: Vec<&Atom> = Vec::new();
    let mut property_id: HashMap<&Atom, u32> = HashMap::new();
    let edges = p
        .graph
        .edge_indices()
        .map(|e| {
            let (a, b) = p.graph.edge_endpoints(e).expect("an edge of the graph");
            let w = &p.graph[e];
            let id = *property_id.entry(&w.property).or_insert_with(|| {
                properties.push(&w.property);
                properties.len() as u32 - 1
            });
            PackedEdge {
                source: a.index() as u32,
                target: b.index() as u32,
                property: id,
                documents: delta(&w.documents),
            }
        })
        .collect();
    let mut classes: Vec<&str> = Vec::new();
    let mut class_ids: HashMap<Class, u32> = HashMap::new();
    let nodes = p
        .graph
        .node_weights()
        .map(|n| PackedNode {
            iri: n.iri.as_str(),
            label: n.label.as_str(),
            class: *class_ids.entry(n.class).or_insert_with(|| {
                classes.push(n.class.name());
                classes.len() as u32 - 1
            }),
            documents: n.documents as u64,
            aliases: n.aliases.iter().map(String::as_str).collect(),
            year_docs: n.year_docs.iter().map(|(y, c)| (*y, *c as u64)).collect(),
        })
        .collect();
    let mut doc_years: Vec<(&str, i32)> =
        p.doc_years.iter().map(|(d, y)| (d.as_str(), *y)).collect();
    doc_years.sort();
    let body = Body {
        documents: p.documents.iter().map(String::as_str).collect(),
        doc_years,
        properties: properties.iter().map(|a| a.as_str()).collect(),
        classes,
        nodes,
        edges,
    };
    let head = Header {
        version: VERSION,
        generation,
        counts,
    };
    let encode_error =
        |e: postcard::Error| Error::Cache(format!("cannot encode the projection: {e}"));
    let mut out = postcard::to_stdvec(&head).map_err(encode_error)?;
    out.extend(postcard::to_stdvec(&body).map_err(encode_error)?);
    Ok(out)
}

/// Writes the projection of store generation `generation` beside the store at
/// `store`, atomically (a temporary file renamed over the old one).
pub fn write(store: &Path, generation: u64, counts: &Counts, p: &Projection) -> Result<()> {
    let payload = encode(generation, counts, p)?;
    super::checked::write(&path(store), MAGIC, &payload)
}

/// The file's checked payload: the header decoded, and the bytes after it.
fn open(bytes: &[u8], generation: u64) -> std::result::Result<(Counts, &[u8]), Stale> {
    let payload = super::checked::payload(bytes, MAGIC)?;
    let (head, rest): (Header<Counts>, &[u8]) =
        postcard::take_from_bytes(payload).map_err(|_| Stale::Corrupt)?;
    super::checked::check(head.version, VERSION, head.generation, generation)?;
    Ok((head.counts, rest))
}

/// The counts in the projection file beside `store` if it is of store
/// generation `generation`, intact and of this version.
pub fn read_counts(store: &Path, generation: u64) -> std::result::Result<Counts, Stale> {
    let bytes = super::checked::read(&path(store))?;
    open(&bytes, generation).map(|(c, _)| c)
}

/// The projection in the file beside `store` if it is of store generation
/// `generation`, intact and of this version.
///
/// # Complexity
/// O(file size): one read, one checksum, one decoding pass.
pub fn read(store: &Path, generation: u64) -> std::result::Result<Projection, Stale> {
    let bytes = super::checked::read(&path(store))?;
    let (_, rest) = open(&bytes, generation)?;
    unpack(rest).ok_or(Stale::Corrupt)
}

/// The next value of type `T` in `bytes`, and the bytes after it.
fn take<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<(T, &'a [u8])> {
    postcard::take_from_bytes(bytes).ok()
}

/// The projection the bytes of a [`Body`] hold; `None` if they do not hang
/// together (an index out of range), which the checksum makes all but
/// impossible. The body is read one node and one edge at a time, its strings
/// borrowed from `bytes` until each node takes its own: no second copy of
/// the node and edge tables is ever whole in memory.
fn unpack(bytes: &[u8]) -> Option<Projection> {
    let (documents, rest): (Vec<String>, _) = take(bytes)?;
    let (doc_years, rest): (Vec<(String, i32)>, _) = take(rest)?;
    let (properties, rest): (Vec<&str>, _) = take(rest)?;
    let (classes, rest): (Vec<&str>, _) = take(rest)?;
    let properties: Vec<Atom> = properties.into_iter().map(Atom::new).collect();
    let classes: Vec<Class> = classes
        .into_iter()
        .map(Class::parse)
        .collect::<Option<_>>()?;
    // a sequence is its length, then its items (postcard's encoding of a Vec)
    let (nodes, mut rest): (usize, _) = take(rest)?;
    let mut p = Projection::default();
    p.doc_years = doc_years.into_iter().collect();
    p.documents = documents;
    p.reserve(nodes.min(rest.len()), 0);
    for _ in 0..nodes {
        let (n, r): (PackedNode<&str>, _) = take(rest)?;
        rest = r;
        p.add_node(Node::new(
            n.iri.to_string(),
            n.label.to_string(),
            *classes.get(n.class as usize)?,
            n.documents as usize,
            n.aliases.into_iter().map(String::from).collect(),
            n.year_docs.into_iter().map(|(y, c)| (y, c as usize)),
        ));
    }
    let (edges, mut rest): (usize, _) = take(rest)?;
    p.reserve(0, edges.min(rest.len()));
    let nodes = p.graph.node_count() as u32;
    for _ in 0..edges {
        let (e, r): (PackedEdge, _) = take(rest)?;
        rest = r;
        let documents = undelta(e.documents)?;
        if e.source >= nodes
            || e.target >= nodes
            || documents
                .last()
                .is_some_and(|&d| d as usize >= p.documents.len())
        {
            return None;
        }
        p.graph.add_edge(
            NodeIndex::new(e.source as usize),
            NodeIndex::new(e.target as usize),
            Edge {
                property: properties.get(e.property as usize)?.clone(),
                documents,
            },
        );
    }
    rest.is_empty().then_some(p)
}

/// The projection of what `store` holds now, from the file beside it; `None`
/// when the file is stale or missing, or the store has no folder.
pub fn current(store: &GraphStore) -> Result<Option<Projection>> {
    let Some(path) = store.path.as_deref() else {
        return Ok(None);
    };
    Ok(read(path, store.generation()?).ok())
}

/// The counts of what `store` holds now, from the projection file beside it;
/// `None` when it is stale or missing.
pub fn current_counts(store: &GraphStore) -> Result<Option<Counts>> {
    let Some(path) = store.path.as_deref() else {
        return Ok(None);
    };
    Ok(read_counts(path, store.generation()?).ok())
}

/// The projection the summaries of store generation `generation` give, kept
/// beside the store for the next reader. A reader that cannot write there
/// (a read-only folder) still has its projection: the file is a cache.
pub fn keep(store: &GraphStore, generation: u64, summaries: &Summaries) -> Result<Projection> {
    let p = Projection::from_summaries(summaries);
    if let Some(path) = store.path.as_deref() {
        write(path, generation, &Counts::from_summaries(summaries), &p)?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::atom::Atom;
    use crate::rdf::read::{DocSummary, EntityFacts};

    fn entity(iri: &str, label: &str, class: &str) -> EntityFacts {
        EntityFacts {
            iri: Atom::new(iri),
            label: Some(Atom::new(label)),
            types: vec![Atom::new(class)],
            aliases: vec![Atom::new(&format!("{label}别名"))],
            mentioned: true,
        }
    }

    fn summaries() -> Summaries {
        let mut s = Summaries::default();
        for (i, year) in [(0, Some(2021)), (1, None), (2, Some(2023))] {
            let d = DocSummary {
                quads: 10 + i,
                hash: Some(format!("h{i}")),
                year,
                is_document: true,
                entities: vec![
                    entity("e:a", "甲区", "AdministrativeDivision"),
                    entity("e:b", "乙大学", "University"),
                    entity("e:c", "丙市", "AdministrativeDivision"),
                ],
                edges: vec![
                    (Atom::new("e:a"), Atom::new("partOf"), Atom::new("e:c")),
                    (
                        Atom::new("e:a"),
                        Atom::new("cooperatesWith"),
                        Atom::new("e:b"),
                    ),
                ]
                .into_iter()
                .take(1 + i as usize % 2)
                .collect(),
            };
            s.docs.insert(format!("doc:{i}"), d);
        }
        s.other_quads = 7;
        s
    }

    fn same(a: &Projection, b: &Projection) {
        assert_eq!(a.documents, b.documents);
        assert_eq!(a.doc_years, b.doc_years);
        for n in a.graph.node_indices() {
            assert_eq!(b.node_index(&a.graph[n].iri), Some(n));
        }
        let nodes = |p: &Projection| p.graph.node_weights().cloned().collect::<Vec<_>>();
        assert_eq!(nodes(a), nodes(b));
        let edges = |p: &Projection| {
            p.graph
                .edge_indices()
                .map(|e| (p.graph.edge_endpoints(e), p.graph[e].clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(edges(a), edges(b));
    }

    #[test]
    fn a_written_projection_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let s = summaries();
        let p = Projection::from_summaries(&s);
        assert_eq!(p.graph.edge_count(), 2);
        let counts = Counts::from_summaries(&s);
        assert_eq!(counts.documents, 3);
        assert_eq!(counts.quads, 10 + 11 + 12 + 7);
        write(dir.path(), 5, &counts, &p).unwrap();
        same(&read(dir.path(), 5).unwrap(), &p);
        assert_eq!(read_counts(dir.path(), 5).unwrap(), counts);
        // the edge every document states keeps its three document ids
        let part_of = p.graph.edge_weights().find(|e| e.is_part_of());
        assert_eq!(part_of.unwrap().documents, vec![0, 1, 2]);
    }

    #[test]
    fn a_file_of_another_generation_or_damaged_is_never_read() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path(), 1).err(), Some(Stale::Missing));
        let s = summaries();
        let p = Projection::from_summaries(&s);
        write(dir.path(), 5, &Counts::from_summaries(&s), &p).unwrap();
        assert_eq!(
            read(dir.path(), 6).err(),
            Some(Stale::OtherGeneration { file: 5, store: 6 })
        );
        let mut bytes = std::fs::read(path(dir.path())).unwrap();
        for at in [MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 0x20;
            std::fs::write(path(dir.path()), &bytes).unwrap();
            assert_eq!(read(dir.path(), 5).err(), Some(Stale::Corrupt), "byte {at}");
            bytes[at] ^= 0x20;
        }
        std::fs::write(path(dir.path()), &bytes[..bytes.len() - 5]).unwrap();
        assert_eq!(read(dir.path(), 5).err(), Some(Stale::Corrupt));
    }
}
