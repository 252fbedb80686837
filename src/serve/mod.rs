//! `innograph serve`: the graph on the web.
//!
//! A SPARQL 1.1 Protocol endpoint at `/sparql` (read-only), entity and document
//! pages where their IRIs point (`/id/…`, `/doc/…`), the analyses as JSON under
//! `/api/`, and a page an analyst works in at `/`. The server holds the store
//! open for writing, so `innograph ingest` into a served store sends its
//! documents here (`/_ingest`, with the token the server leaves in the store
//! folder) and they are answered at once.
//!
//! The HTTP stack is axum on tokio (hyper underneath): the best kept and most
//! used in Rust. Queries run on blocking threads, a few at a time, each with a
//! cancellation token that stops it at the time limit.

pub mod client;
pub mod deadline;
pub mod html;
pub mod negotiate;
pub mod pages;
pub mod sparql;

use crate::error::{Error, Result};
use crate::graph::summary::{read_cache, summaries_from_store, summarize, write_cache, Summaries};
use crate::graph::Projection;
use crate::store::GraphStore;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use oxigraph::sparql::CancellationToken;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How a server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; loopback unless the user names another.
    pub bind: SocketAddr,
    /// A query running longer is stopped and answered 503.
    pub timeout: Duration,
    /// `Access-Control-Allow-Origin` for cross-origin clients (YASGUI on another host).
    pub cors: Option<String>,
    /// Request bodies larger than this are answered 413.
    pub max_body: usize,
    /// Results larger than this are refused (the client should page).
    pub max_result: usize,
    /// Queries evaluated at the same time; more wait for a turn.
    pub concurrency: usize,
    /// Keep recent answers (queries and pages) until the next write.
    pub cache: bool,
    /// How large and deeply nested a query may be (400 beyond).
    pub limits: crate::limits::QueryLimits,
    /// A connection whose request headers are not all in this long after it
    /// opened (or after its previous answer) is closed; a request whose body
    /// is not all in this long after its headers is answered 408.
    pub header_timeout: Duration,
    /// Connections open at once; the next is accepted when one closes.
    pub max_connections: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(30),
            cors: None,
            max_body: 1 << 20,
            max_result: 256 << 20,
            concurrency: 8,
            cache: true,
            limits: crate::limits::QueryLimits::default(),
            header_timeout: Duration::from_secs(10),
            max_connections: 512,
        }
    }
}

/// Documents sent to `/_ingest` may be this large (a batch of `ingest`).
const MAX_INGEST_BODY: usize = 1 << 30;

/// The file in a served store's folder that tells `ingest` where the server is.
pub const HANDOFF_FILE: &str = "serve.json";

/// After SIGTERM, requests in flight have this long to finish before the
/// server stops without them (their queries are cancelled at once, so only
/// the sending of answers is waited for).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

struct AppState {
    store: GraphStore,
    options: ServeOptions,
    /// The secret `ingest` presents to write (read from [`HANDOFF_FILE`]).
    token: String,
    permits: Semaphore,
    /// Bumped by every write: cached analyses of an older generation are stale.
    generation: AtomicU64,
    projection: Mutex<Option<(u64, Arc<Projection>)>>,
    cache: Mutex<Cache>,
    /// The summaries of the store's documents, kept current by every write and
    /// written beside the store (the projection cache of `analyze`).
    summaries: Mutex<Summaries>,
    /// Writes go one at a time.
    writing: tokio::sync::Mutex<()>,
    /// The tokens of the queries running now, cancelled all at once when
    /// the server stops.
    running: Mutex<std::collections::HashMap<u64, CancellationToken>>,
    next_query: AtomicU64,
}

/// Recent answers of the current generation, by request; the oldest go first.
#[derive(Default)]
struct Cache {
    generation: u64,
    entries: std::collections::HashMap<String, (&'static str, Arc<Vec<u8>>)>,
    order: std::collections::VecDeque<String>,
    bytes: usize,
}

/// The most the cache holds, in bytes, and the largest answer it keeps.
const CACHE_BYTES: usize = 256 << 20;
const CACHE_ENTRY: usize = 8 << 20;

impl Cache {
    fn get(&mut self, generation: u64, key: &str) -> Option<(&'static str, Arc<Vec<u8>>)> {
        if generation != self.generation {
            *self = Cache {
                generation,
                ..Cache::default()
            };
            return None;
        }
        self.entries.get(key).cloned()
    }

    fn put(&mut self, generation: u64, key: String, ct: &'static str, body: Arc<Vec<u8>>) {
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

type Shared = Arc<AppState>;

/// A response with a plain-text message, as every error is.
fn text(status: StatusCode, msg: impl Into<String>) -> Response {
    let mut body = msg.into();
    body.push('\n');
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

fn bytes(content_type: &str, body: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        )],
        body,
    )
        .into_response()
}

/// A random secret: 128 bits from the OS's randomness (via the hasher's keys
/// and the clock, which std exposes without a crate).
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// Writes the hand-off file (readable by its owner only) and removes it when dropped.
struct Handoff(Option<PathBuf>);

impl Handoff {
    fn write(store: Option<&Path>, url: &str, token: &str) -> Result<Handoff> {
        let Some(dir) = store else {
            return Ok(Handoff(None));
        };
        let path = dir.join(HANDOFF_FILE);
        let body = serde_json::json!({ "url": url, "token": token, "pid": std::process::id() });
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let write = |f: &mut std::fs::File| {
            use std::io::Write;
            f.write_all(body.to_string().as_bytes())
        };
        opts.open(&path)
            .and_then(|mut f| write(&mut f))
            .map_err(|source| Error::Write {
                what: path.display().to_string(),
                source,
            })?;
        Ok(Handoff(Some(path)))
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Serves `store` until SIGTERM or Ctrl-C. `on_listen` is called with the
/// address actually bound (port 0 picks a free one).
pub fn serve(
    store: GraphStore,
    options: ServeOptions,
    on_listen: impl FnOnce(SocketAddr),
) -> Result<()> {
    // queries parse and run on the blocking threads: their stack must hold
    // the deepest query the limits let through
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(crate::limits::QUERY_STACK_BYTES)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start the server's runtime: {e}")))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::Invalid(format!("cannot listen on {}: {e}", options.bind)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Invalid(format!("cannot listen on {}: {e}", options.bind)))?;
        let token = random_token();
        let summaries = match store.path.as_deref() {
            Some(dir) => {
                let generation = store.generation()?;
                match read_cache(dir, generation) {
                    Ok(s) => s,
                    Err(_) => {
                        let mut s = summaries_from_store(&store)?;
                        s.other_quads = store.bookkeeping_quads()?;
                        // the server holds the lock: its cache is the store's
                        write_cache(dir, generation, &s)?;
                        s
                    }
                }
            }
            None => summaries_from_store(&store)?,
        };
        let _handoff = Handoff::write(store.path.as_deref(), &format!("http://{addr}"), &token)?;
        let state = Arc::new(AppState {
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
        });
        let app = router(state.clone());
        on_listen(addr);
        let stop = Arc::new(tokio::sync::Notify::new());
        let stopping = stop.clone();
        let server = serve_connections(
            listener,
            app,
            state.options.header_timeout,
            state.options.max_connections,
            async move { stopping.notified().await },
        );
        // SIGTERM: cancel every query, stop accepting, give the answers in
        // flight a short grace, then stop whatever still runs
        let signal = async {
            shutdown_signal().await;
            state.cancel_all();
            stop.notify_one();
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        };
        tokio::select! {
            _ = server => {}
            _ = signal => {}
        }
        Ok::<(), Error>(())
    })?;
    // blocking threads still busy (a cancelled query between two checks)
    // are left to the process's exit instead of being waited for
    rt.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// The accept loop, in place of `axum::serve`, which sets neither a
/// header-read timeout nor a limit on connections: ~20,000 half-sent requests
/// held every file descriptor and real clients timed out. Here hyper closes a
/// connection whose headers are not in within `header_timeout` (also when it
/// idles between two requests, as the timer runs while hyper waits for a
/// request), and at most `max_connections` are open: the next is accepted when
/// one closes, the others wait in the kernel's listen queue, so the process
/// never runs out of descriptors. Returns when `stop` completes, after asking
/// every open connection to close once its answer in flight is sent, and
/// waits for them.
async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_timeout: Duration,
    max_connections: usize,
    stop: impl std::future::Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    let (closing, _) = tokio::sync::broadcast::channel::<()>(1);
    tokio::pin!(stop);
    loop {
        let next = async {
            let permit = slots.clone().acquire_owned().await;
            (permit, listener.accept().await)
        };
        let (permit, accepted) = tokio::select! {
            got = next => got,
            _ = &mut stop => break,
        };
        let Ok(permit) = permit else { break };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // out of descriptors or a connection reset before it was
                // accepted: wait a little instead of spinning on the error
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut closing = closing.subscribe();
        tokio::spawn(async move {
            let _slot = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closing.recv() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(listener);
    let _ = closing.send(());
    // every connection gone (each holds a slot till it closes); the caller's
    // grace period bounds this wait
    let all = u32::try_from(max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

fn router(state: Shared) -> Router {
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
            deadline::body_deadline(body_time, req, next)
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

/// Parameters of a query string or form body, in order (some repeat).
fn params(s: Option<&str>) -> std::result::Result<Vec<(String, String)>, Box<Response>> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(s.unwrap_or("")).map_err(|e| {
        Box::new(text(
            StatusCode::BAD_REQUEST,
            format!("the parameters do not parse: {e}"),
        ))
    })
}

fn all(ps: &[(String, String)], key: &str) -> Vec<String> {
    ps.iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

fn first<'a>(ps: &'a [(String, String)], key: &str) -> Option<&'a str> {
    ps.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

const READ_ONLY: &str = "this endpoint is read-only: SPARQL Update and Graph Store writes are refused (add documents with innograph ingest)";

async fn sparql_endpoint(
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
async fn run_query(st: &Shared, req: sparql::QueryRequest) -> Response {
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
    let Ok(permit) = tokio::time::timeout(limit, st.permits.acquire()).await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy: no query could start within {} s; try again",
                limit.as_secs()
            ),
        );
    };
    let token = CancellationToken::new();
    let id = st.next_query.fetch_add(1, Ordering::SeqCst);
    if let Ok(mut r) = st.running.lock() {
        r.insert(id, token.clone());
    }
    let store = st.store.store.clone();
    let opts = sparql::RunOptions {
        merged: st.store.is_merged(),
        max_bytes: st.options.max_result,
        limits: st.options.limits,
    };
    let t = token.clone();
    let task = tokio::task::spawn_blocking(move || sparql::run(&store, &req, t, &opts));
    let outcome = tokio::time::timeout(limit, task).await;
    if let Ok(mut r) = st.running.lock() {
        r.remove(&id);
    }
    drop(permit);
    match outcome {
        Err(_) => {
            token.cancel();
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query was stopped after {} s, this server's limit (--timeout); simplify it or add a LIMIT",
                    limit.as_secs()
                ),
            )
        }
        Ok(Err(join)) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query failed inside the server: {join}"),
        ),
        Ok(Ok(Ok((ct, body)))) => {
            if st.options.cache {
                if let Ok(mut c) = st.cache.lock() {
                    c.put(generation, key, ct, Arc::new(body.clone()));
                }
            }
            bytes(ct, body)
        }
        Ok(Ok(Err(e))) => {
            use sparql::QueryError as E;
            let status = match e {
                E::Syntax(_) | E::Limit(_) | E::BadDataset(_) => StatusCode::BAD_REQUEST,
                E::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
                E::Cancelled => StatusCode::SERVICE_UNAVAILABLE,
                E::TooLarge(_) => StatusCode::INSUFFICIENT_STORAGE,
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
fn service_description(headers: &HeaderMap, uri: &Uri, wanted: &[String]) -> Response {
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

/// The Graph Store Protocol, read side: `GET /graph-store?graph=IRI` (or
/// `?default` for the union) as N-Triples or Turtle. Writes are refused.
async fn graph_store(
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

/// Documents from `innograph ingest` into the served store: N-Quads, each named
/// graph replacing what the store held under that name, in one transaction.
async fn ingest(State(st): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if presented != Some(st.token.as_str()) {
        return text(
            StatusCode::FORBIDDEN,
            "writing needs the token the server left in the store folder (innograph ingest reads it)",
        );
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
async fn ingest_hashes(State(st): State<Shared>, headers: HeaderMap) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if presented != Some(st.token.as_str()) {
        return text(
            StatusCode::FORBIDDEN,
            "reading the documents' hashes needs the server's token",
        );
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
    /// Cancels every running query (the server is stopping).
    fn cancel_all(&self) {
        if let Ok(r) = self.running.lock() {
            for t in r.values() {
                t.cancel();
            }
        }
    }

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
            .map_err(|_| Error::Invalid("the server's summaries are poisoned".into()))?;
        for (g, quads) in &by_graph {
            s.docs
                .insert(g.as_str().to_string(), summarize(g.as_str(), quads.iter()));
        }
        s.other_quads = self.store.bookkeeping_quads()?;
        if let Some(dir) = self.store.path.as_deref() {
            write_cache(dir, generation, &s)?;
        }
        Ok(n)
    }

    /// A page from the cache, or made by `make` (on a blocking thread) and kept.
    async fn cached_page(
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
    fn projection(&self) -> Result<Arc<Projection>> {
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
