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

mod auth;
mod body_deadline;
pub mod client;
mod connections;
mod deadline;
mod graph_store;
mod handoff;
pub mod html;
mod ingest;
pub mod negotiate;
pub mod pages;
mod protocol;
mod reply;
mod routes;
pub mod sparql;
mod state;

pub use handoff::HANDOFF_FILE;

use crate::error::{Error, Result};
use crate::store::cache;
use crate::store::GraphStore;
use connections::{serve_connections, shutdown_signal};
use handoff::{random_token, Handoff};
use routes::router;
use state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

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
    /// Bytes a query may allocate while it is evaluated (0: no ceiling);
    /// past them it is stopped and answered 507 (see [`crate::memory`]).
    pub max_query: usize,
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
            max_query: 1 << 30,
        }
    }
}

/// After SIGTERM, requests in flight have this long to finish before the
/// server stops without them (their queries are cancelled at once, so only
/// the sending of answers is waited for).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

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
        .map_err(|e| Error::Server(format!("cannot start the server's runtime: {e}")))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::Server(format!("cannot listen on {}: {e}", options.bind)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Server(format!("cannot listen on {}: {e}", options.bind)))?;
        let token = random_token();
        // the server holds the lock: a stale cache is rebuilt, and is the store's
        let summaries = match cache::cached(&store)? {
            Some(s) => s,
            None => cache::rebuild(&store)?,
        };
        let _handoff = Handoff::write(store.path.as_deref(), &format!("http://{addr}"), &token)?;
        let state = Arc::new(AppState::new(store, options, token, summaries));
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
