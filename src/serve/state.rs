//! What the server's handlers share: the store, the options, the token, the
//! queries running now, and the caches (answers, the projection, the
//! documents' summaries) that every write makes stale.

use super::deadline::{Bounded, Over};
use super::html::{esc, page};
use super::reply::{bytes, text};
use super::ServeOptions;
use crate::error::{Error, Result};
use crate::graph::Projection;
use crate::rdf::read::Summaries;
use crate::source::Source;
use crate::store::GraphStore;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use oxigraph::sparql::CancellationToken;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub(super) struct AppState {
    pub(super) store: GraphStore,
    pub(super) options: ServeOptions,
    /// The secret `ingest` presents to write (written to [`super::HANDOFF_FILE`]).
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

/// What a page's maker found: the page, or why there is none (404).
pub(super) enum Made {
    Page(String),
    Missing(String),
}

/// The short page of a page stopped at the time limit (or never started).
fn over_limit(msg: &str) -> Response {
    let body = page(
        "Over the time limit",
        &format!("<h1>Over the time limit</h1><p>{}</p>", esc(msg)),
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

impl AppState {
    /// The state of a server starting on `store`, whose documents `summaries` sums up.
    pub(super) fn new(
        store: GraphStore,
        options: ServeOptions,
        token: String,
        summaries: Summaries,
    ) -> AppState {
        AppState {
            permits: Semaphore::new(options.concurrency.max(1)),
            store,
            token,
            generation: AtomicU64::new(0),
            projection: Mutex::new(None),
            cache: Mutex::new(Cache::default()),
            summaries: Mutex::new(summaries),
            writing: tokio::sync::Mutex::new(()),
            running: Mutex::new(Default::default()),
            next_query: AtomicU64::new(0),
            options,
        }
    }

    /// Cancels every running query (the server is stopping).
    pub(super) fn cancel_all(&self) {
        if let Ok(r) = self.running.lock() {
            for t in r.values() {
                t.cancel();
            }
        }
    }

    /// A page from the cache, or made by `make` within the time limit (and
    /// kept): a short page with 503 when the limit passed first.
    pub(super) async fn cached_page(
        self: &Arc<Self>,
        key: String,
        make: impl FnOnce(&dyn Source) -> Result<Made> + Send + 'static,
    ) -> Response {
        const HTML: &str = "text/html; charset=utf-8";
        let generation = self.generation.load(Ordering::SeqCst);
        if self.options.cache {
            if let Some((_, body)) = self
                .cache
                .lock()
                .ok()
                .and_then(|mut c| c.get(generation, &key))
            {
                return bytes(HTML, body.to_vec());
            }
        }
        let st = self.clone();
        let made = self
            .within_limit(move |t| make(&Bounded::new(&st.store, t)))
            .await;
        let limit = self.options.timeout.as_secs();
        match made {
            Ok(Ok(Made::Page(html))) => {
                let body = html.into_bytes();
                if self.options.cache {
                    if let Ok(mut c) = self.cache.lock() {
                        c.put(generation, key, HTML, Arc::new(body.clone()));
                    }
                }
                bytes(HTML, body)
            }
            Ok(Ok(Made::Missing(msg))) => text(StatusCode::NOT_FOUND, msg),
            Ok(Err(e)) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read the store: {e}"),
            ),
            Err(Over::Busy) => over_limit(&format!(
                "The server is busy: this page could not start within {limit} s. Try again."
            )),
            Err(Over::Stopped) => over_limit(&format!(
                "This page took longer than {limit} s, this server's limit (--timeout), and was stopped. \
                 Its data can be queried in parts at /sparql."
            )),
            Err(Over::Failed(e)) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the page failed inside the server: {e}"),
            ),
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
                .map_err(|_| Error::Server("the server's summaries are poisoned".into()))?,
        ));
        if let Ok(mut guard) = self.projection.lock() {
            *guard = Some((generation, p.clone()));
        }
        Ok(p)
    }
}

/// The server's time limit: see [`super::deadline`].
impl AppState {
    /// Runs `work` on a blocking thread within the time limit, with a token
    /// it passes to the store; the token is cancelled at the limit and when
    /// the server stops, so the thread is freed soon after the answer.
    pub(super) async fn within_limit<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(CancellationToken) -> T + Send + 'static,
    ) -> std::result::Result<T, Over> {
        let limit = self.options.timeout;
        let Ok(permit) = tokio::time::timeout(limit, self.permits.acquire()).await else {
            return Err(Over::Busy);
        };
        let token = CancellationToken::new();
        let id = self.next_query.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut r) = self.running.lock() {
            r.insert(id, token.clone());
        }
        let t = token.clone();
        let outcome =
            tokio::time::timeout(limit, tokio::task::spawn_blocking(move || work(t))).await;
        if let Ok(mut r) = self.running.lock() {
            r.remove(&id);
        }
        drop(permit);
        match outcome {
            Err(_) => {
                token.cancel();
                Err(Over::Stopped)
            }
            Ok(Err(join)) => Err(Over::Failed(join.to_string())),
            Ok(Ok(v)) => Ok(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A page whose work would never end by itself answers a short 503 at the
    /// limit, and its reads of the store fail from then on, so it stops.
    #[test]
    fn a_page_over_the_time_limit_is_a_short_503_and_its_work_stops() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        let options = ServeOptions {
            timeout: Duration::from_secs(1),
            ..ServeOptions::default()
        };
        let store = GraphStore::in_memory().unwrap();
        let st = Arc::new(AppState::new(
            store,
            options,
            "t".into(),
            Summaries::default(),
        ));
        let (stopped, why) = std::sync::mpsc::channel();
        let res = rt.block_on(st.cached_page("k".into(), move |s| {
            // ten minutes of reads at most, should nothing stop them
            for _ in 0..60_000 {
                if let Err(e) = s.select("SELECT * WHERE { ?s ?p ?o }") {
                    let _ = stopped.send(e.to_string());
                    return Err(e);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(Made::Page("never stopped".into()))
        }));
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = rt
            .block_on(axum::body::to_bytes(res.into_body(), 1 << 20))
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("--timeout") && body.len() < 4096, "{body}");
        let why = why.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(why.contains("time limit"), "{why}");
        // the permit is back: the next page is made
        let res = rt.block_on(st.cached_page("k2".into(), |_| Ok(Made::Page("ok".into()))));
        assert_eq!(res.status(), StatusCode::OK);
    }
}
