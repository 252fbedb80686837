//! The one place a command opens what it reads: a local store with its
//! projection cache, or a SPARQL endpoint.

use crate::cli::SourceArgs;
use anyhow::{bail, Context, Result};
use innograph::graph::Projection;
use innograph::rdf::read::Summaries;
use innograph::remote::auth::Credentials;
use innograph::remote::endpoint::Endpoint;
use innograph::source::Source;
use innograph::store::cache;
use innograph::store::projection::{self, Counts};
use innograph::GraphStore;
use std::path::Path;

/// The store opened for reading, and the summaries of its documents from the
/// projection cache beside it with the store generation they are of. A stale
/// cache is rebuilt when the store is free (no `ingest` or `serve` holds it);
/// else the summaries are `None` and the caller reads the store itself. Set
/// `INNOGRAPH_NO_CACHE` to ignore the cache.
pub fn summaries(path: &Path) -> Result<(GraphStore, Option<(u64, Summaries)>)> {
    summaries_of(GraphStore::open_read_only(path)?, path)
}

/// [`summaries`] of the store at `path`, already open for reading.
fn summaries_of(store: GraphStore, path: &Path) -> Result<(GraphStore, Option<(u64, Summaries)>)> {
    if no_cache() {
        return Ok((store, None));
    }
    if let Some(s) = cache::cached_at(&store)? {
        return Ok((store, Some(s)));
    }
    drop(store);
    // rebuild under the store's lock, so that no writer moves on meanwhile
    let rebuilt = match GraphStore::open(path) {
        Ok(w) => {
            let s = cache::rebuild(&w)
                .with_context(|| format!("cannot read the store at {}", path.display()))?;
            Some((w.generation()?, s))
        }
        Err(innograph::Error::StoreLocked { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    Ok((GraphStore::open_read_only(path)?, rebuilt))
}

fn no_cache() -> bool {
    std::env::var_os("INNOGRAPH_NO_CACHE").is_some()
}

/// What `stats` reports of a local store: from the projection file when it is
/// current, else from the summaries (`None` when the store must be asked).
pub fn counts(path: &Path) -> Result<(GraphStore, Option<Counts>)> {
    let store = GraphStore::open_read_only(path)?;
    if !no_cache() {
        if let Some(c) = projection::current_counts(&store)? {
            return Ok((store, Some(c)));
        }
    }
    let (store, summaries) = summaries_of(store, path)?;
    Ok((store, summaries.map(|(_, s)| Counts::from_summaries(&s))))
}

/// The graph an analysis reads: the local store's (from its projection cache
/// when current) or an endpoint's.
pub fn source(a: &SourceArgs) -> Result<(Box<dyn Source>, Projection)> {
    if let Some(url) = &a.endpoint {
        let credentials = match (&a.user, &a.password) {
            (Some(u), Some(p)) => Some(Credentials {
                user: u.clone(),
                password: p.clone(),
            }),
            _ => None,
        };
        let e = Endpoint::new(url, credentials);
        let p = Projection::from_source(&e)
            .with_context(|| format!("cannot read the graph from {url}"))?;
        return Ok((Box::new(e), p));
    }
    let Some(store) = &a.store else {
        bail!("name a --store or an --endpoint");
    };
    let (s, p) = projection(store)?;
    Ok((Box::new(s), p))
}

/// A local store and its projection: from the projection file beside it when
/// current, else from the summaries (and then kept in that file for the next
/// reader), else read from the store.
pub fn projection(path: &Path) -> Result<(GraphStore, Projection)> {
    let store = GraphStore::open_read_only(path)?;
    if !no_cache() {
        if let Some(p) = projection::current(&store)? {
            return Ok((store, p));
        }
    }
    let (s, summaries) = summaries_of(store, path)?;
    let p = match summaries {
        Some((generation, sum)) => match projection::keep(&s, generation, &sum) {
            Ok(p) => p,
            // a folder the reader cannot write to: the projection all the same
            Err(_) => Projection::from_summaries(&sum),
        },
        None => Projection::from_source(&s).context("cannot read the store into a graph")?,
    };
    Ok((s, p))
}
