//! The server's time limit (`--timeout`), one for every piece of work that
//! reads the store for a request: a query of `/sparql` and the queries of an
//! entity's or a document's page. Work waits for a turn among `--concurrency`,
//! runs on a blocking thread with a cancellation token, and is stopped when
//! the limit passes (or the server stops).

use crate::error::{Error, Result};
use crate::source::Source;
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::CancellationToken;

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
