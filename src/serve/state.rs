//! What the server's handlers share: the store, the options, the token, the
//! queries running now, and the caches (answers, the projection, the
//! documents' summaries) that every write makes stale.

use super::reply::text;
use super::ServeOptions;
use crate::error::{Error, Result};
use crate::graph::summary::Summaries;
use crate::graph::Projection;
use crate::store::GraphStore;
use axum::http::StatusCode;
use axum::response::Response;
use oxigraph::sparql::CancellationToken;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub(super) struct AppState {
    pub(super) store: GraphStore,
    pub(super) options: ServeOptions,
    /// The secret `ingest` presents to write (read from [`HANDOFF_FILE`]).
    pub(super) token: String,
    pub(super) permits: Semaphore,
    /// Bumped by every write: cached analyses of an older generation are stale.
    pub(super) generation: AtomicU64,
    pub(super) projection: Mutex<Option<(u64, Arc<Projection>)>>,
    pub(super) cache: Mutex<Cache>,
    /// The summaries of the store's documents, kept current by every write and
    /// written beside the store (the projection cache of `analyze`).
    pub(super) summaries: Mutex<Summaries>,
    /// Writes go one at a time.
    pub(super) writing: tokio::sync::Mutex<()>,
    /// The tokens of the queries running now, cancelled all at once when
    /// the server stops.
    pub(super) running: Mutex<std::collections::HashMap<u64, CancellationToken>>,
    pub(super) next_query: AtomicU64,
}

/// Recent answers of the current generation, by request; the oldest go first.
#[derive(Default)]
pub(super) struct Cache {
    generation: u64,
    entries: std::collections::HashMap<String, (&'static str, Arc<Vec<u8>>)>,
    order: std::collections::VecDeque<String>,
    bytes: usize,
}

/// The most the cache holds, in bytes, and the largest answer it keeps.
const CACHE_BYTES: usize = 256 << 20;
const CACHE_ENTRY: usize = 8 << 20;

impl Cache {
    pub(super) fn get(
        &mut self,
        generation: u64,
        key: &str,
    ) -> Option<(&'static str, Arc<Vec<u8>>)> {
        if generation != self.generation {
            *self = Cache {
                generation,
                ..Cache::default()
            };
            return None;
        }
        self.entries.get(key).cloned()
    }

    pub(super) fn put(
        &mut self,
        generation: u64,
        key: String,
        ct: &'static str,
        body: Arc<Vec<u8>>,
    ) {
        if generation != self.generation
            || body.len() > CACHE_ENTRY
            || self.entries.contains_key(&key)
        {
            return;
        }
        self.bytes += body.len();
        self.order.push_back(key.clone());
        self.entries.insert(key, (ct, body));
        while self.bytes > CACHE_BYTES {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some((_, b)) = self.entries.remove(&old) {
                self.bytes -= b.len();
            }
        }
    }
}

pub(super) type Shared = Arc<AppState>;

impl AppState {
    /// Cancels every running query (the server is stopping).
    pub(super) fn cancel_all(&self) {
        if let Ok(r) = self.running.lock() {
            for t in r.values() {
                t.cancel();
            }
        }
    }

    /// A page from the cache, or made by `make` (on a blocking thread) and kept.
    pub(super) async fn cached_page(
        self: &Arc<Self>,
        key: String,
        make: impl FnOnce(&GraphStore) -> Result<Option<String>> + Send + 'static,
    ) -> std::result::Result<Option<Arc<Vec<u8>>>, Response> {
        let generation = self.generation.load(Ordering::SeqCst);
        if self.options.cache {
            if let Some((_, body)) = self
                .cache
                .lock()
                .ok()
                .and_then(|mut c| c.get(generation, &key))
            {
                return Ok(Some(body));
            }
        }
        let st = self.clone();
        let made = tokio::task::spawn_blocking(move || make(&st.store)).await;
        match made {
            Ok(Ok(Some(html))) => {
                let body = Arc::new(html.into_bytes());
                if self.options.cache {
                    if let Ok(mut c) = self.cache.lock() {
                        c.put(generation, key, "text/html; charset=utf-8", body.clone());
                    }
                }
                Ok(Some(body))
            }
            Ok(Ok(None)) => Ok(None),
            Ok(Err(e)) => Err(text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read the store: {e}"),
            )),
            Err(e) => Err(text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read the store: {e}"),
            )),
        }
    }

    /// The projection of the store as it is now, computed once per write.
    pub(super) fn projection(&self) -> Result<Arc<Projection>> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Ok(guard) = self.projection.lock() {
            if let Some((g, p)) = guard.as_ref() {
                if *g == generation {
                    return Ok(p.clone());
                }
            }
        }
        let p = Arc::new(Projection::from_summaries(
            &*self
                .summaries
                .lock()
                .map_err(|_| Error::Invalid("the server's summaries are poisoned".into()))?,
        ));
        if let Ok(mut guard) = self.projection.lock() {
            *guard = Some((generation, p.clone()));
        }
        Ok(p)
    }
}
