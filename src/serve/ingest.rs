//! Live ingest: documents `innograph ingest` sends to the server holding the
//! store, written one batch at a time in a transaction, and the hashes it asks
//! for to skip unchanged documents.

use super::auth::refusal;
use super::reply::{bytes, text};
use super::state::{AppState, Shared};
use crate::error::{Error, Result};
use crate::rdf::read::summarize;
use crate::store::cache;
use crate::store::GraphStore;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::sync::atomic::Ordering;

/// Documents from `innograph ingest` into the served store: N-Quads, each named
/// graph replacing what the store held under that name, in one transaction.
pub(super) async fn ingest(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = refusal(&headers, &st.token, "writing") {
        return refused;
    }
    let _one_at_a_time = st.writing.lock().await;
    let st2 = st.clone();
    let res = tokio::task::spawn_blocking(move || st2.write_nquads(&body)).await;
    match res {
        Ok(Ok(n)) => {
            st.generation.fetch_add(1, Ordering::SeqCst);
            bytes(
                "application/json",
                serde_json::json!({ "quads": n }).to_string().into_bytes(),
            )
        }
        Ok(Err(e)) => text(
            StatusCode::BAD_REQUEST,
            format!("cannot store the documents: {e}"),
        ),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot store the documents: {e}"),
        ),
    }
}

/// `GET /_ingest/hashes`: the content hashes of the served documents, so that
/// `ingest` skips what is unchanged.
pub(super) async fn ingest_hashes(State(st): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(refused) = refusal(&headers, &st.token, "reading the documents' hashes") {
        return refused;
    }
    let map: std::collections::BTreeMap<String, String> = st
        .summaries
        .lock()
        .map(|s| {
            s.docs
                .iter()
                .filter_map(|(g, d)| Some((g.clone(), d.hash.clone()?)))
                .collect()
        })
        .unwrap_or_default();
    bytes(
        "application/json",
        serde_json::to_vec(&map).unwrap_or_default(),
    )
}

impl AppState {
    /// Writes documents received as N-Quads: the generation bumped first, the
    /// graphs replaced, the summaries and the cache beside the store updated.
    fn write_nquads(&self, body: &[u8]) -> Result<usize> {
        let by_graph = GraphStore::group_nquads(body)?;
        if by_graph.is_empty() {
            return Ok(0);
        }
        let generation = self.store.bump_generation()?;
        let n = self.store.replace_graphs(&by_graph)?;
        let mut s = self
            .summaries
            .lock()
            .map_err(|_| Error::Server("the server's summaries are poisoned".into()))?;
        for (g, quads) in &by_graph {
            s.docs
                .insert(g.as_str().to_string(), summarize(g.as_str(), quads.iter()));
        }
        cache::record(&self.store, generation, &mut s)?;
        Ok(n)
    }
}
