//! The projection cache (`projection.cache`): the summaries of every document
//! graph (see [`crate::rdf::read`]), kept beside the store so that a
//! command need not read the whole store to know what it holds.
//!
//! The file is versioned and checksummed, and tagged with the store's
//! generation (bumped by every write, before it writes): a file of another
//! generation, version or checksum is stale, and the summaries are read from
//! the store instead. Only writers (`ingest`, `serve`) and a reader that holds
//! the store's lock write the file, so it is never silently wrong. This module
//! is the one place that decides whether it is current.

use crate::error::{Error, Result};
use crate::rdf::read::{summarize, Summaries};
use crate::store::GraphStore;
use crate::vocab::{META_GRAPH, ONTOLOGY_GRAPH};
use oxigraph::model::Quad;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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
    super::checked::write(&cache_path(store), MAGIC, &payload)
}

pub use super::checked::Stale;

/// The summaries in the cache beside `store` if they are of store generation
/// `generation`, intact and of this version.
pub fn read_cache(store: &Path, generation: u64) -> std::result::Result<Summaries, Stale> {
    let bytes = super::checked::read(&cache_path(store))?;
    let payload = super::checked::payload(&bytes, MAGIC)?;
    let file: CacheFile<Summaries> = postcard::from_bytes(payload).map_err(|_| Stale::Corrupt)?;
    super::checked::check(file.version, CACHE_VERSION, file.generation, generation)?;
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
    Ok(cached_at(store)?.map(|(_, s)| s))
}

/// [`cached`], with the store generation the summaries are of.
pub fn cached_at(store: &GraphStore) -> Result<Option<(u64, Summaries)>> {
    let Some(path) = store.path.as_deref() else {
        return Ok(None);
    };
    let generation = store.generation()?;
    Ok(read_cache(path, generation).ok().map(|s| (generation, s)))
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
