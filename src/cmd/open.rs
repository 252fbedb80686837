//! The one place a command opens what it reads: a local store with its
//! projection cache, or a SPARQL endpoint.

use crate::cli::SourceArgs;
use anyhow::{bail, Context, Result};
use innograph::graph::summary::{self, Summaries};
use innograph::graph::Projection;
use innograph::remote::auth::Credentials;
use innograph::remote::endpoint::Endpoint;
use innograph::source::Source;
use innograph::GraphStore;
use std::path::Path;

/// The store opened for reading, and the summaries of its documents from the
/// projection cache beside it. A stale cache is rebuilt when the store is free
/// (no `ingest` or `serve` holds it); else the summaries are `None` and the
/// caller reads the store itself. Set `INNOGRAPH_NO_CACHE` to ignore the cache.
pub fn summaries(path: &Path) -> Result<(GraphStore, Option<Summaries>)> {
    let store = GraphStore::open_read_only(path)?;
    if std::env::var_os("INNOGRAPH_NO_CACHE").is_some() {
        return Ok((store, None));
    }
    if let Some(s) = summary::cached(&store)? {
        return Ok((store, Some(s)));
    }
    drop(store);
    // rebuild under the store's lock, so that no writer moves on meanwhile
    let rebuilt = match GraphStore::open(path) {
        Ok(w) => Some(
            summary::rebuild(&w)
                .with_context(|| format!("cannot read the store at {}", path.display()))?,
        ),
        Err(innograph::Error::StoreLocked { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    Ok((GraphStore::open_read_only(path)?, rebuilt))
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

/// A local store and its projection (from the cache when current).
pub fn projection(store: &Path) -> Result<(GraphStore, Projection)> {
    let (s, summaries) = summaries(store)?;
    let p = match summaries {
        Some(sum) => Projection::from_summaries(&sum),
        None => Projection::from_store(&s).context("cannot read the store into a graph")?,
    };
    Ok((s, p))
}
