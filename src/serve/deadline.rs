//! The server's time limit (`--timeout`), one for every piece of work that
//! reads the store for a request: a query of `/sparql` and the queries of an
//! entity's or a document's page. Work waits for a turn among `--concurrency`,
//! runs on a blocking thread with a cancellation token, and is stopped when
//! the limit passes (or the server stops).

use super::state::AppState;
use crate::error::{Error, Result};
use crate::source::Source;
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::CancellationToken;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Why work did not finish within the limit.
#[derive(Debug)]
pub(super) enum Over {
    /// No turn came within the limit: every permit was taken.
    Busy,
    /// The work started and was stopped at the limit.
    Stopped,
    /// The work panicked (a defect; the server goes on).
    Failed(String),
}

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

/// The store as a page reads it: every query carries the request's token,
/// and none starts once the token is cancelled, so a page of many queries
/// stops between two of them as well as inside one.
pub(super) struct Bounded<'a> {
    store: &'a GraphStore,
    token: CancellationToken,
}

impl<'a> Bounded<'a> {
    pub(super) fn new(store: &'a GraphStore, token: CancellationToken) -> Bounded<'a> {
        Bounded { store, token }
    }

    /// Fails once the token is cancelled (for work between queries).
    pub(super) fn alive(&self) -> Result<()> {
        if self.token.is_cancelled() {
            Err(Error::QueryEvaluation(
                "it ran past its time limit and was stopped".into(),
            ))
        } else {
            Ok(())
        }
    }
}

impl Source for Bounded<'_> {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
        self.alive()?;
        self.store.select_cancellable(sparql, self.token.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_stops_at_its_first_query_once_cancelled() {
        let store = GraphStore::in_memory().unwrap();
        let token = CancellationToken::new();
        let b = Bounded::new(&store, token.clone());
        assert!(b.select("SELECT * WHERE { ?s ?p ?o }").is_ok());
        token.cancel();
        let e = b.select("SELECT * WHERE { ?s ?p ?o }").unwrap_err();
        assert!(e.to_string().contains("time limit"), "{e}");
        assert!(b.alive().is_err());
    }
}
