//! What answers which path, and the CORS headers on every answer.

use super::graph_store::graph_store;
use super::ingest::{ingest, ingest_hashes};
use super::pages;
use super::protocol::sparql_endpoint;
use super::reply::text;
use super::state::Shared;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

/// Documents sent to `/_ingest` may be this large (a batch of `ingest`).
const MAX_INGEST_BODY: usize = 1 << 30;

pub(super) fn router(state: Shared) -> Router {
    let max_body = state.options.max_body;
    let cors = state.options.cors.clone();
    let body_time = state.options.header_timeout;
    Router::new()
        .route("/", get(pages::index))
        .route("/assets/{file}", get(pages::asset))
        .route(
            "/sparql",
            any(sparql_endpoint).layer(DefaultBodyLimit::max(max_body)),
        )
        .route("/graph-store", any(graph_store))
        .route("/id/{*rest}", get(pages::entity))
        .route("/doc/{*rest}", get(pages::document))
        .route("/ontology", get(pages::ontology))
        .route("/api/analyze/{analysis}", get(pages::analysis))
        .route(
            "/_ingest",
            post(ingest).layer(DefaultBodyLimit::max(MAX_INGEST_BODY)),
        )
        .route("/_ingest/hashes", get(ingest_hashes))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(move |req, next| {
            super::body_deadline::body_deadline(body_time, req, next)
        }))
        .layer(axum::middleware::from_fn(move |req, next| {
            let cors = cors.clone();
            cors_layer(cors, req, next)
        }))
        .with_state(state)
}

async fn cors_layer(
    cors: Option<String>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let preflight = req.method() == Method::OPTIONS;
    let mut res = if preflight && cors.is_some() {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    if let Some(origin) = cors.and_then(|o| HeaderValue::from_str(&o).ok()) {
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Content-Type, Accept"),
        );
    }
    res
}

async fn not_found(uri: Uri) -> Response {
    text(
        StatusCode::NOT_FOUND,
        format!(
            "nothing at {}: try / (the page), /sparql (the endpoint), /id/… (entities) or /doc/… (documents)",
            uri.path()
        ),
    )
}
