//! `innograph serve`: the store on the web until SIGTERM or Ctrl-C.

use crate::cli::ServeArgs;
use anyhow::{Context, Result};
use innograph::serve::{serve, ServeOptions};
use innograph::GraphStore;
use std::net::SocketAddr;
use std::time::Duration;

pub fn run(a: &ServeArgs) -> Result<()> {
    let bind: SocketAddr = a.bind.parse().with_context(|| {
        format!(
            "cannot read --bind {:?}: give an address and port such as 127.0.0.1:7878",
            a.bind
        )
    })?;
    if !a.store.join("CURRENT").exists() {
        anyhow::bail!(
            "no innograph store at {} (create one with innograph ingest --store {} FILES)",
            a.store.display(),
            a.store.display()
        );
    }
    let store = GraphStore::open(&a.store)
        .with_context(|| format!("cannot open the store at {}", a.store.display()))?;
    let options = ServeOptions {
        bind,
        timeout: Duration::from_secs(a.timeout.max(1)),
        cors: a.cors.clone(),
        max_body: a.max_body_kb.saturating_mul(1024),
        cache: !a.no_cache,
        header_timeout: Duration::from_secs(a.header_timeout.max(1)),
        max_connections: a.max_connections.max(1),
        max_query: a.max_query_mb.saturating_mul(1 << 20),
        ..ServeOptions::default()
    };
    serve(store, options, |addr| {
        // one line on stdout, so that scripts (and tests) learn the port
        println!(
            "innograph serving {} at http://{addr}/ (SPARQL at http://{addr}/sparql)",
            a.store.display()
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })
    .with_context(|| format!("cannot serve the store at {}", a.store.display()))
}
