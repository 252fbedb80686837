//! The SPARQL 1.1 Protocol over HTTP at `/sparql`: a query from GET, a form
//! or a body, run within the time limit (or answered from the cache), and the
//! service description when there is no query. Writes are refused.

use super::deadline::Over;
use super::reply::{bytes, text};
use super::state::Shared;
use super::{negotiate, sparql};
use crate::memory;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Parameters of a query string or form body, in order (some repeat).
pub(super) fn params(s: Option<&str>) -> std::result::Result<Vec<(String, String)>, Box<Response>> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(s.unwrap_or("")).map_err(|e| {
        Box::new(text(
            StatusCode::BAD_REQUEST,
            format!("the parameters do not parse: {e}"),
        ))
    })
}

pub(super) fn all(ps: &[(String, String)], key: &str) -> Vec<String> {
    ps.iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

pub(super) fn first<'a>(ps: &'a [(String, String)], key: &str) -> Option<&'a str> {
    ps.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

pub(super) const READ_ONLY: &str = "this endpoint is read-only: SPARQL Update and Graph Store writes are refused (add documents with innograph ingest)";

pub(super) async fn sparql_endpoint(
    State(st): State<Shared>,
    method: Method,
    headers: HeaderMap,
    uri: Uri,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    let url_params = match params(raw.as_deref()) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let (query, ps) = match method {
        Method::GET | Method::HEAD => (first(&url_params, "query").map(String::from), url_params),
        Method::POST => match content_type.as_str() {
            "application/x-www-form-urlencoded" => {
                let form = match params(std::str::from_utf8(&body).ok()) {
                    Ok(p) => p,
                    Err(r) => return *r,
                };
                if first(&form, "update").is_some() {
                    return text(StatusCode::FORBIDDEN, READ_ONLY);
                }
                let mut ps = url_params;
                ps.extend(form);
                (first(&ps, "query").map(String::from), ps)
            }
            "application/sparql-query" => match String::from_utf8(body.to_vec()) {
                Ok(q) => (Some(q), url_params),
                Err(_) => {
                    return text(StatusCode::BAD_REQUEST, "the query body is not UTF-8")
                }
            },
            "application/sparql-update" => return text(StatusCode::FORBIDDEN, READ_ONLY),
            other => {
                return text(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("cannot read a body of type {other:?}: send application/x-www-form-urlencoded (query=…) or application/sparql-query"),
                )
            }
        },
        Method::PUT | Method::DELETE | Method::PATCH => {
            return text(StatusCode::FORBIDDEN, READ_ONLY)
        }
        m => {
            return text(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{m} is not a method of the SPARQL protocol: use GET or POST"),
            )
        }
    };
    if first(&ps, "update").is_some() {
        return text(StatusCode::FORBIDDEN, READ_ONLY);
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let wanted = negotiate::wanted(accept, first(&ps, "format"));
    let Some(query) = query else {
        return service_description(&headers, &uri, &wanted);
    };
    let req = sparql::QueryRequest {
        query,
        default_graphs: all(&ps, "default-graph-uri"),
        named_graphs: all(&ps, "named-graph-uri"),
        wanted,
    };
    run_query(&st, req).await
}

/// Runs a query on a blocking thread within the time limit (or answers from
/// the cache when the same request came since the last write).
pub(super) async fn run_query(st: &Shared, req: sparql::QueryRequest) -> Response {
    let generation = st.generation.load(Ordering::SeqCst);
    let key = format!(
        "q\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        req.query,
        req.default_graphs.join(" "),
        req.named_graphs.join(" "),
        req.wanted.join(",")
    );
    if st.options.cache {
        if let Some((ct, body)) = st
            .cache
            .lock()
            .ok()
            .and_then(|mut c| c.get(generation, &key))
        {
            return bytes(ct, body.to_vec());
        }
    }
    let limit = st.options.timeout;
    let store = st.store.store.clone();
    let opts = sparql::RunOptions {
        merged: st.store.is_merged(),
        max_bytes: st.options.max_result,
        limits: st.options.limits,
    };
    let max_query = st.options.max_query;
    let outcome = st
        .within_limit(move |t| {
            let ceiling = memory::Ceiling::on_this_thread(max_query, t.clone());
            let answer = sparql::run(&store, &req, t, &opts);
            match answer {
                Err(_) if ceiling.passed() => {
                    Err(sparql::QueryError::TooMuchMemory(max_query >> 20))
                }
                answer => answer,
            }
        })
        .await;
    match outcome {
        Err(Over::Busy) => text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy: no query could start within {} s; try again",
                limit.as_secs()
            ),
        ),
        Err(Over::Stopped) => text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query was stopped after {} s, this server's limit (--timeout); simplify it or add a LIMIT",
                limit.as_secs()
            ),
        ),
        Err(Over::Failed(join)) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query failed inside the server: {join}"),
        ),
        Ok(Ok((ct, body))) => {
            if st.options.cache {
                if let Ok(mut c) = st.cache.lock() {
                    c.put(generation, key, ct, Arc::new(body.clone()));
                }
            }
            bytes(ct, body)
        }
        Ok(Err(e)) => {
            use sparql::QueryError as E;
            let status = match e {
                E::Syntax(_) | E::Limit(_) | E::BadDataset(_) => StatusCode::BAD_REQUEST,
                E::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
                E::Cancelled => StatusCode::SERVICE_UNAVAILABLE,
                E::TooLarge(_) | E::TooMuchMemory(_) => StatusCode::INSUFFICIENT_STORAGE,
                E::Evaluation(_) => StatusCode::INTERNAL_SERVER_ERROR,
            };
            let msg = match &e {
                E::Syntax(m) => format!("the query does not parse: {m}"),
                other => other.to_string(),
            };
            text(status, msg)
        }
    }
}

/// The SPARQL 1.1 Service Description of the endpoint.
pub(super) fn service_description(headers: &HeaderMap, uri: &Uri, wanted: &[String]) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let endpoint = format!("http://{host}{}", uri.path());
    let ttl = format!(
        r#"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    dcterms:title "innograph SPARQL endpoint (read-only)" ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:RDF_XML, formats:JSON-LD ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"#
    );
    match negotiate::graph_format(wanted) {
        Some(oxigraph::io::RdfFormat::Turtle) | None => bytes("text/turtle", ttl.into_bytes()),
        Some(f) => {
            let mut out = Vec::new();
            let mut ser = oxigraph::io::RdfSerializer::from_format(f).for_writer(&mut out);
            for t in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
                .for_slice(ttl.as_bytes())
                .flatten()
            {
                let _ = ser.serialize_quad(&t);
            }
            let _ = ser.finish();
            bytes(f.media_type(), out)
        }
    }
}
