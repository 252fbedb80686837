//! The server's query path on arbitrary bytes: the limits checked before
//! parsing, then parsing and evaluation on a small in-memory store with the
//! sample documents, as `/sparql` runs them (on a thread with the query stack,
//! with a cancellation token). No input may panic, overflow the stack, or run
//! on for long once its token is cancelled: that is the server's promise that
//! a query stops at its time limit.
#![no_main]

use innograph::limits::{QueryLimits, QUERY_STACK_BYTES};
use innograph::pipeline::extract_document;
use innograph::read::{read_bytes, Format, ReadOptions};
use innograph::serve::sparql::{run, QueryRequest, RunOptions};
use innograph::{Extractor, GraphStore};
use libfuzzer_sys::fuzz_target;
use oxigraph::sparql::CancellationToken;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// How long a query runs before it is cancelled, and how long it may take to
/// stop after that.
const RUN_FOR: Duration = Duration::from_millis(100);
const STOP_WITHIN: Duration = Duration::from_secs(2);

const SAMPLES: [(&str, &str); 3] = [
    (
        "hefei-report-excerpt.txt",
        include_str!("../../data/sample/hefei-report-excerpt.txt"),
    ),
    (
        "changzhou-districts-2025.txt",
        include_str!("../../data/sample/changzhou-districts-2025.txt"),
    ),
    (
        "xinbei-news-2024.txt",
        include_str!("../../data/sample/xinbei-news-2024.txt"),
    ),
];

fn store() -> GraphStore {
    let store = GraphStore::in_memory().expect("an in-memory store");
    let extractor = Extractor::new();
    for (name, text) in SAMPLES {
        let (docs, _) = read_bytes(
            Path::new(name),
            text.as_bytes(),
            Format::Text,
            &ReadOptions::default(),
        )
        .expect("the sample documents read");
        let graphs: Vec<_> = docs
            .iter()
            .map(|d| extract_document(&extractor, d))
            .collect();
        store
            .write_documents(&graphs)
            .expect("the sample documents store");
    }
    store
}

/// The query thread: queries in, "done" out.
struct Worker {
    queries: Sender<(String, CancellationToken)>,
    done: Receiver<()>,
}

fn worker() -> &'static Mutex<Worker> {
    static W: OnceLock<Mutex<Worker>> = OnceLock::new();
    W.get_or_init(|| {
        let (queries, rx) = channel::<(String, CancellationToken)>();
        let (tx, done) = channel();
        let store = store();
        let opts = RunOptions {
            merged: store.is_merged(),
            max_bytes: 1 << 20,
            limits: QueryLimits::default(),
        };
        std::thread::Builder::new()
            .stack_size(QUERY_STACK_BYTES)
            .spawn(move || {
                for (query, token) in rx {
                    let req = QueryRequest {
                        query,
                        wanted: vec!["application/sparql-results+json".into()],
                        ..Default::default()
                    };
                    // any answer or error is fine; a panic aborts the process
                    let _ = run(&store.store, &req, token, &opts);
                    let _ = tx.send(());
                }
            })
            .expect("the query thread starts");
        Mutex::new(Worker { queries, done })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let w = worker().lock().unwrap_or_else(|e| e.into_inner());
    let token = CancellationToken::new();
    w.queries
        .send((query.to_string(), token.clone()))
        .expect("the query thread is alive");
    match w.done.recv_timeout(RUN_FOR) {
        Ok(()) => {}
        Err(RecvTimeoutError::Timeout) => {
            token.cancel();
            if w.done.recv_timeout(STOP_WITHIN).is_err() {
                panic!("the query ran on {STOP_WITHIN:?} after it was cancelled: {query:?}");
            }
        }
        Err(RecvTimeoutError::Disconnected) => panic!("the query thread died on {query:?}"),
    }
});
