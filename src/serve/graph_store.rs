//! The SPARQL 1.1 Graph Store HTTP Protocol, read side, at `/graph-store`.

use super::protocol::{first, params, run_query, READ_ONLY};
use super::reply::text;
use super::state::Shared;
use super::{negotiate, sparql};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;

/// The Graph Store Protocol, read side: `GET /graph-store?graph=IRI` (or
/// `?default` for the union) as N-Triples or Turtle. Writes are refused.
pub(super) async fn graph_store(
    State(st): State<Shared>,
    method: Method,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    if !matches!(method, Method::GET | Method::HEAD) {
        return text(StatusCode::FORBIDDEN, READ_ONLY);
    }
    let ps = match params(raw.as_deref()) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let wanted = negotiate::wanted(accept, first(&ps, "format"));
    let query =
        match first(&ps, "graph") {
            Some(g) if oxigraph::model::NamedNode::new(g).is_ok() => {
                format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            }
            Some(g) => return text(StatusCode::BAD_REQUEST, format!("{g:?} is not a graph IRI")),
            None if first(&ps, "default").is_some() || ps.iter().any(|(k, _)| k == "default") => {
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_string()
            }
            None => return text(
                StatusCode::BAD_REQUEST,
                "name the graph: /graph-store?graph=IRI (or ?default for the union of all graphs)",
            ),
        };
    let wanted = if negotiate::graph_format(&wanted).is_some() {
        wanted
    } else {
        vec!["application/n-triples".into()]
    };
    run_query(
        &st,
        sparql::QueryRequest {
            query,
            wanted,
            ..Default::default()
        },
    )
    .await
}
