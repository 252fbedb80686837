//! What the projection and `stats` need of each document graph, kept in a file
//! beside the store (`projection.cache`) so that `analyze`, `stats`, `export` and
//! `render` load the graph in milliseconds instead of joining the whole store.
//!
//! The file is versioned and checksummed, and tagged with the store's
//! generation (bumped by every write, before it writes): a file of another
//! generation, version or checksum is stale, and the graph is read from the
//! store instead. Only writers (`ingest`, `serve`) and a reader that holds the
//! store's lock write the file, so it is never silently wrong.

use crate::error::{Error, Result};
use crate::graph::atom::Atom;
use crate::source::Source;
use crate::store::{GraphStore, ONTOLOGY_TTL};
use crate::vocab::{IG, META_GRAPH, ONTOLOGY_GRAPH};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
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
                t.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
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
            match p {
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                    if matches!(&q.object, Term::NamedNode(n) if n.as_str() == format!("{IG}Document"))
                    {
                        self.s.is_document = true;
                    }
                }
                "http://purl.org/dc/terms/date" => {
                    self.s.year = lit(&q.object).and_then(|d| d.get(..4)?.parse().ok());
                }
                // an undated document's year, read from its text
                _ if p == format!("{IG}reportYear") => {
                    self.s.year = self
                        .s
                        .year
                        .or_else(|| lit(&q.object).and_then(|d| d.get(..4)?.parse().ok()));
                }
                _ if p == format!("{IG}contentHash") => {
                    self.s.hash = lit(&q.object).map(String::from)
                }
                _ if p == format!("{IG}mentions") => {
                    if let Term::NamedNode(n) = &q.object {
                        self.mentioned.insert(Atom::new(n.as_str()));
                    }
                }
                _ => {}
            }
            return;
        }
        match p {
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                if let Term::NamedNode(n) = &q.object {
                    if let Some(local) = n.as_str().strip_prefix(IG) {
                        if crate::Class::parse(local).is_some() {
                            let e = self.ents.entry(Atom::new(subject)).or_default();
                            if !e.types.iter().any(|t| t == local) {
                                e.types.push(Atom::new(local));
                            }
                        }
                    }
                }
            }
            "http://www.w3.org/2000/01/rdf-schema#label" => {
                if let Some(l) = lit(&q.object) {
                    let e = self.ents.entry(Atom::new(subject)).or_default();
                    // the smallest, as the projection read from the store takes it
                    if e.label.as_deref().is_none_or(|x| l < x) {
                        e.label = Some(Atom::new(l));
                    }
                }
            }
            "http://www.w3.org/2004/02/skos/core#altLabel" => {
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

/// The summaries of every document graph of the store, read graph by graph.
pub fn summaries_from_store(store: &GraphStore) -> Result<Summaries> {
    // the default graph is the merge of the named graphs: counted there
    let mut out = Summaries::default();
    for g in store.store.named_graphs() {
        let oxigraph::model::NamedOrBlankNode::NamedNode(g) = g? else {
            continue;
        };
        let quads: Vec<Quad> = store
            .store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(oxigraph::model::GraphNameRef::NamedNode(g.as_ref())),
            )
            .collect::<std::result::Result<_, _>>()?;
        if g.as_str() == ONTOLOGY_GRAPH || g.as_str() == META_GRAPH {
            out.other_quads += quads.len() as u64;
            continue;
        }
        out.docs
            .insert(g.as_str().to_string(), summarize(g.as_str(), quads.iter()));
    }
    Ok(out)
}

const MAGIC: &[u8] = b"innograph projection cache\n";
/// Bumped whenever what the file holds changes shape or meaning.
pub const CACHE_VERSION: u32 = 1;
pub const CACHE_FILE: &str = "projection.cache";

/// Written with `S = &Summaries`, read with `S = Summaries`: the same bytes,
/// and writing never copies the summaries (a copy doubled the peak memory of
/// a 500 MB ingest).
#[derive(Serialize, Deserialize)]
struct CacheFile<S> {
    version: u32,
    generation: u64,
    summaries: S,
}

pub fn cache_path(store: &Path) -> PathBuf {
    store.join(CACHE_FILE)
}

/// Writes the summaries of store generation `generation` beside the store,
/// atomically (a temporary file renamed over the old one).
pub fn write_cache(store: &Path, generation: u64, summaries: &Summaries) -> Result<()> {
    let file = CacheFile {
        version: CACHE_VERSION,
        generation,
        summaries,
    };
    let payload = postcard::to_stdvec(&file)
        .map_err(|e| Error::Cache(format!("cannot encode the projection cache: {e}")))?;
    let sum = xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes();
    let path = cache_path(store);
    let tmp = path.with_extension("cache.tmp");
    std::fs::File::create(&tmp)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(MAGIC)?;
            f.write_all(&payload)?;
            f.write_all(&sum)?;
            f.sync_all()
        })
        .and_then(|_| std::fs::rename(&tmp, &path))
        .map_err(|source| Error::Write {
            what: path.display().to_string(),
            source,
        })
}

/// Why a cache file cannot be used.
#[derive(Debug, PartialEq)]
pub enum Stale {
    Missing,
    Corrupt,
    OtherVersion(u32),
    OtherGeneration { cache: u64, store: u64 },
}

/// The summaries in the cache beside `store` if they are of store generation
/// `generation`, intact and of this version.
pub fn read_cache(store: &Path, generation: u64) -> std::result::Result<Summaries, Stale> {
    let bytes = std::fs::read(cache_path(store)).map_err(|_| Stale::Missing)?;
    let body = bytes.strip_prefix(MAGIC).ok_or(Stale::Corrupt)?;
    if body.len() < 16 {
        return Err(Stale::Corrupt);
    }
    let (payload, sum) = body.split_at(body.len() - 16);
    if xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes() != sum {
        return Err(Stale::Corrupt);
    }
    let file: CacheFile<Summaries> = postcard::from_bytes(payload).map_err(|_| Stale::Corrupt)?;
    if file.version != CACHE_VERSION {
        return Err(Stale::OtherVersion(file.version));
    }
    if file.generation != generation {
        return Err(Stale::OtherGeneration {
            cache: file.generation,
            store: generation,
        });
    }
    Ok(file.summaries)
}

/// The summaries of what `store` holds now: from the cache beside it when that
/// is of the store's generation, else read from the store. The one place,
/// with [`cached`], that decides whether the cache is current.
pub fn current(store: &GraphStore) -> Result<Summaries> {
    match cached(store)? {
        Some(s) => Ok(s),
        None => summaries_from_store(store),
    }
}

/// The summaries in the cache beside `store` when it is current; `None` when
/// it is stale or missing, or the store has no folder.
pub fn cached(store: &GraphStore) -> Result<Option<Summaries>> {
    let Some(path) = store.path.as_deref() else {
        return Ok(None);
    };
    let generation = store.generation()?;
    Ok(read_cache(path, generation).ok())
}

/// Reads the summaries from the store and writes them as the cache of its
/// generation. Only a handle that holds the store's lock may: no writer can
/// move on meanwhile.
pub fn rebuild(store: &GraphStore) -> Result<Summaries> {
    let mut s = summaries_from_store(store)?;
    record(store, store.generation()?, &mut s)?;
    Ok(s)
}

/// Writes `summaries` as the cache of store generation `generation` (the one
/// a writer bumped before it wrote), with the store's bookkeeping quads counted.
pub fn record(store: &GraphStore, generation: u64, summaries: &mut Summaries) -> Result<()> {
    summaries.other_quads = store.bookkeeping_quads()?;
    match store.path.as_deref() {
        Some(path) => write_cache(path, generation, summaries),
        None => Ok(()),
    }
}

/// Unused by the cache itself: a [`Source`] reading of the hashes, for a
/// store whose cache is stale (`ig:contentHash` of each document graph).
pub fn hashes_from_source(source: &dyn Source) -> Result<BTreeMap<String, String>> {
    let rows = source.select(&crate::rdf::queries::content_hashes())?;
    Ok(rows
        .into_iter()
        .filter_map(|r| match (&r[0], &r[1]) {
            (Some(Term::NamedNode(g)), Some(Term::Literal(h))) => {
                Some((g.as_str().to_string(), h.value().to_string()))
            }
            _ => None,
        })
        .collect())
}
