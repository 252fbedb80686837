//! Faults a public SPARQL server meets, each against a real `innograph serve`
//! on the sample store: hostile and deeply nested queries, queries that never
//! end, slow and half-sent requests, 200 clients at once, SIGTERM under load
//! and kill -9 in the middle of live ingest. Every wait is bounded; every
//! assertion is about what a client or the operator sees: status codes, the
//! server still answering a cheap query, its exit, its CPU time and memory in
//! /proc, the documents in the store after a restart.
//!
//! The tests run one at a time (they measure one process's CPU time on a
//! shared machine) and are sized for the debug build CI runs.

mod common;

use common::server::{
    agent, closed_within, cpu_seconds, enc, get_query, hold_open, post, rss_mib, sample, sigterm,
    store_of, wait, Server,
};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// One fault at a time.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A store of the sample documents in a fresh folder: ingested once (the
/// slowest step in a debug build), copied for each test, so that what one
/// test writes no other sees.
fn sample_store() -> (TempDir, PathBuf) {
    static ONCE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, built) = ONCE.get_or_init(|| store_of(&sample()));
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    std::fs::create_dir(&store).unwrap();
    for f in std::fs::read_dir(built).unwrap() {
        let f = f.unwrap();
        // the store folder is flat: RocksDB files and innograph's own
        assert!(f.file_type().unwrap().is_file(), "{:?}", f.path());
        std::fs::copy(f.path(), store.join(f.file_name())).unwrap();
    }
    (tmp, store)
}

/// A product of the store with itself that a filter keeps busy: minutes of
/// work, stopped between two reads of the store.
const PRODUCT: &str = "?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"x+y+z$\"))";

const PROGRAMS: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?x ig:runsProgram ?p }";

/// The number in a one-cell SPARQL JSON answer.
fn number(body: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    let row = &v["results"]["bindings"][0];
    let (_, cell) = row.as_object().unwrap().iter().next().unwrap();
    cell["value"].as_str().unwrap().parse().unwrap()
}

/// The server answers a cheap query correctly within `limit`.
fn answers_within(srv: &Server, limit: Duration, what: &str) {
    let t = Instant::now();
    let got = get_query(&agent(limit), &srv.url, PROGRAMS);
    match got {
        Ok((200, body)) => assert!(number(&body) >= 3, "after {what}: {body}"),
        other => panic!(
            "after {what}, a cheap query got {other:?} after {:?}",
            t.elapsed()
        ),
    }
}

fn alive(srv: &mut Server, what: &str) {
    assert!(
        srv.child.try_wait().unwrap().is_none(),
        "the server exited after {what}"
    );
}

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn hostile_and_deeply_nested_queries_get_400_and_the_server_goes_on() {
    let _one = one_at_a_time();
    let (_tmp, store) = sample_store();
    let mut srv = Server::start(
        &store,
        &["--bind", "127.0.0.1:0", "--timeout", "2", "--no-cache"],
    );
    let a = agent(Duration::from_secs(30));
    let endpoint = format!("{}/sparql", srv.url);
    let n = 3000;
    let deep = [
        format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(n), "}".repeat(n)),
        format!(
            "SELECT * WHERE {{ FILTER({}1{}) }}",
            "(".repeat(n),
            ")".repeat(n)
        ),
        format!("SELECT * WHERE {{ ?s ?p {}] }}", "[ ?p ".repeat(n)),
        format!(
            "SELECT * WHERE {{ ?s {}?p{} ?o }}",
            "(".repeat(n),
            ")".repeat(n)
        ),
        format!(
            "SELECT * WHERE {{ {}?s ?p ?o{} }}",
            "{ SELECT * WHERE { ".repeat(n / 2),
            " } }".repeat(n / 2)
        ),
        format!(
            "SELECT * WHERE {{ ?s ?p ?o {}{} }}",
            "OPTIONAL { ?s ?p ?o ".repeat(n),
            "}".repeat(n)
        ),
        format!(
            "ASK {{ FILTER NOT EXISTS {} }}",
            "{ FILTER NOT EXISTS ".repeat(n) + "{}" + &"}".repeat(n)
        ),
        format!("SELECT ({}1{} AS ?x) {{}}", "-(".repeat(n), ")".repeat(n)),
    ];
    for q in &deep {
        let head = &q[..40];
        let (s, body) = post(&a, &endpoint, "application/sparql-query", q.as_bytes()).unwrap();
        assert_eq!(s, 400, "{head}: {body}");
        assert!(body.contains("levels deep"), "{head}: {body}");
        // by GET too, where the URL stays within what clients send (64 KB)
        if enc(q).len() < 60_000 {
            let (s, body) = get_query(&a, &srv.url, q).unwrap();
            assert_eq!(s, 400, "GET {head}: {body}");
        }
    }
    answers_within(&srv, Duration::from_secs(5), "deep queries");

    // too large for a query, too large for a body, not UTF-8, not a form
    let big = format!("SELECT * WHERE {{ ?s ?p \"{}\" }}", "x".repeat(200 << 10));
    let (s, body) = post(&a, &endpoint, "application/sparql-query", big.as_bytes()).unwrap();
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("bytes long"), "{body}");
    // one byte over the body limit (1 MiB): the server reads it all before it
    // answers, so the answer is not lost to a reset as it is when a client
    // is still sending
    let huge = vec![b'x'; (1 << 20) + 1];
    let (s, _) = post(&a, &endpoint, "application/sparql-query", &huge).unwrap();
    assert_eq!(s, 413);
    let (s, body) = post(
        &a,
        &endpoint,
        "application/sparql-query",
        b"ASK { \xff\xfe }",
    )
    .unwrap();
    assert_eq!(s, 400, "{body}");
    let (s, body) = post(
        &a,
        &endpoint,
        "application/x-www-form-urlencoded",
        b"query=ASK%7B%7D&%%%=%ZZ\xff",
    )
    .unwrap();
    assert!(s == 400 || s == 200, "{s} {body}");
    for nul in [
        "ASK {\0}",
        "SELECT \0 WHERE {}",
        "\u{feff}ASK {}",
        "ASK { <\u{0}> ?p ?o }",
    ] {
        let (s, body) = get_query(&a, &srv.url, nul).unwrap();
        assert!(s == 400 || s == 200, "{nul:?}: {s} {body}");
    }
    answers_within(&srv, Duration::from_secs(5), "malformed requests");

    // token soup: queries made of SPARQL's own words in random order; each is
    // answered (most 400, some parse) and none takes the server down
    let words = [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "*",
        "WHERE",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "?x",
        "?y",
        "$z",
        "<http://x/a>",
        "ig:p",
        "\"a\"@zh",
        "'''b'''",
        "1",
        "2.5e3",
        ".",
        ";",
        ",",
        "/",
        "|",
        "^",
        "+",
        "?",
        "!",
        "a",
        "OPTIONAL",
        "UNION",
        "MINUS",
        "FILTER",
        "BIND",
        "AS",
        "VALUES",
        "GRAPH",
        "GROUP BY",
        "ORDER BY",
        "HAVING",
        "LIMIT",
        "OFFSET",
        "COUNT(*)",
        "DISTINCT",
        "REGEX(?x, \"(a+)+$\")",
        "NOT EXISTS",
        "IN",
        "&&",
        "||",
        "=",
        "<",
        ">",
        "STR(?x)",
        "CONCAT(?x, ?x)",
        "UNDEF",
        "PREFIX ig: <https://w3id.org/innograph/ontology#>",
        "#",
        "\n",
        "\\",
        "\"",
        "}}}}",
        "{{{{",
        "SELECT * WHERE { ?x ?y ?z }",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..300 {
        let len = 1 + rng.below(40);
        let q: Vec<&str> = (0..len).map(|_| words[rng.below(words.len())]).collect();
        let q = q.join(" ");
        let (s, body) = post(&a, &endpoint, "application/sparql-query", q.as_bytes())
            .unwrap_or_else(|e| panic!("{q}: {e}"));
        assert!(matches!(s, 200 | 400 | 503), "{q}: {s} {body}");
        *statuses.entry(s).or_insert(0) += 1;
    }
    assert!(
        statuses.get(&400).copied().unwrap_or(0) > 100,
        "{statuses:?}"
    );
    alive(&mut srv, "hostile queries");
    answers_within(&srv, Duration::from_secs(5), "token soup");
    assert!(srv.stop().success());
}

/// Queries that would run for hours: answered 503 at the time limit (or
/// refused before they start), after which the server's CPU goes back to idle
/// and the memory they took is given back.
#[test]
fn never_ending_queries_are_stopped_and_the_cpu_and_memory_come_back() {
    if !std::path::Path::new("/proc/self/stat").exists() {
        eprintln!("skipping: no /proc here");
        return;
    }
    let _one = one_at_a_time();
    let (_tmp, store) = sample_store();
    let srv = Server::start(
        &store,
        &["--bind", "127.0.0.1:0", "--timeout", "1", "--no-cache"],
    );
    let pid = srv.pid();
    let a = agent(Duration::from_secs(30));
    let values: String = (0..3000).map(|i| format!("{i} ")).collect();
    let union = format!("{{ {} {{}} }}", "{} UNION ".repeat(150));
    // (kind, query, status): 503 for work stopped at the deadline, 400 for
    // shapes oxigraph cannot stop once started, refused before they start
    // (src/cartesian.rs); each ran on after its 503 before that
    let queries = [
        ("aggregate over a product", format!("SELECT (COUNT(*) AS ?n) WHERE {{ {PRODUCT} }}"), 503),
        ("group over a product", format!("SELECT ?c (COUNT(*) AS ?n) WHERE {{ {PRODUCT} }} GROUP BY ?c"), 503),
        ("distinct product", "SELECT DISTINCT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STRLEN(CONCAT(STR(?c), STR(?f))) > 0) }".to_string(), 503),
        ("property path over everything", "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x/never>|!<http://x/never>)* ?b . ?c ?d ?e }".to_string(), 503),
        ("aggregate over a product of four", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }".to_string(), 400),
        ("sort of a product", "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f".to_string(), 400),
        ("product of open paths", "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x/never>|!<http://x/never>)* ?b . ?c (!<http://x/never>)+ ?d }".to_string(), 400),
        ("product of VALUES", format!("SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"), 400),
        ("product of UNIONs of empty groups", format!("SELECT (COUNT(*) AS ?n) WHERE {{ {union} {union} {union} {union} }}"), 400),
    ];
    let base_rss = rss_mib(pid);
    for (kind, q, status) in &queries {
        let t = Instant::now();
        let (s, body) = post(
            &a,
            &format!("{}/sparql", srv.url),
            "application/sparql-query",
            q.as_bytes(),
        )
        .unwrap();
        let took = t.elapsed();
        assert_eq!(s, *status, "{kind}: {body}");
        assert!(
            took < Duration::from_secs(5),
            "{kind}: answered after {took:?}"
        );
        // within a second of the answer the work has stopped
        std::thread::sleep(Duration::from_secs(1));
        let before = cpu_seconds(pid);
        std::thread::sleep(Duration::from_secs(1));
        let used = cpu_seconds(pid) - before;
        assert!(
            used < 0.2,
            "{kind}: {used} CPU seconds in the second after the answer"
        );
        let rss = rss_mib(pid);
        assert!(
            rss < base_rss + 200,
            "{kind}: {rss} MiB resident after the answer, {base_rss} MiB before"
        );
    }
    answers_within(&srv, Duration::from_secs(5), "never-ending queries");
    assert!(srv.stop().success());
}

/// Sends `whole` at once, then `bytes` one at a time, `gap` apart, until the
/// server closes the connection or they run out; how long the server took to
/// close it (`Duration::MAX` if it never did).
fn trickle(
    addr: &str,
    whole: &'static [u8],
    bytes: &'static [u8],
    gap: Duration,
) -> std::thread::JoinHandle<Duration> {
    let addr = addr.to_string();
    std::thread::spawn(move || {
        let mut s = TcpStream::connect(&addr).unwrap();
        let t = Instant::now();
        s.write_all(whole).unwrap();
        s.set_nonblocking(true).unwrap();
        for b in bytes {
            std::thread::sleep(gap);
            // an answer (408) or a close shows on a read before a write fails
            let mut buf = [0u8; 512];
            match s.read(&mut buf) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                _ => return t.elapsed(),
            }
            if s.write_all(std::slice::from_ref(b)).is_err() {
                return t.elapsed();
            }
        }
        Duration::MAX
    })
}

#[test]
fn slow_and_half_sent_requests_are_cut_and_others_answered() {
    let _one = one_at_a_time();
    let (_tmp, store) = sample_store();
    let srv = Server::start(
        &store,
        &[
            "--bind",
            "127.0.0.1:0",
            "--header-timeout",
            "1",
            "--max-connections",
            "8",
        ],
    );
    let addr = srv.addr();
    // as many half-sent bodies as the server takes connections: the headers
    // are whole, the body stops after ten of its thousand bytes
    let mut half = hold_open(
        &addr,
        8,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK { ?s ?",
    );
    std::thread::sleep(Duration::from_millis(200));
    // a real client meanwhile waits for a slot and is answered
    answers_within(&srv, Duration::from_secs(5), "half-sent bodies");
    for s in &mut half {
        let (_, got) =
            closed_within(s, Duration::from_secs(5)).expect("a half-sent body is still connected");
        assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    }
    // headers and a body sent a byte at a time, for longer than the limit:
    // cut all the same, while the bytes still come
    let headers = trickle(
        &addr,
        b"",
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n",
        Duration::from_millis(100),
    );
    let body = trickle(
        &addr,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 61\r\n\r\n",
        b"ASK { ?s ?p ?o FILTER(?o = 1 || ?o = 2 || ?o = 3 || ?o = 4) }",
        Duration::from_millis(50),
    );
    answers_within(&srv, Duration::from_secs(2), "slow clients");
    for (what, h) in [("headers", headers), ("body", body)] {
        let took = h.join().unwrap();
        assert!(
            took < Duration::from_secs(4),
            "a client sending its {what} a byte at a time was connected for {took:?}"
        );
    }
    // a client that asks for a large answer and never reads it holds one
    // connection, not the server
    let mut reader = TcpStream::connect(&addr).unwrap();
    let construct = enc("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }");
    for _ in 0..20 {
        let _ = reader.write_all(
            format!("GET /sparql?query={construct} HTTP/1.1\r\nHost: x\r\nAccept: application/n-triples\r\n\r\n").as_bytes(),
        );
    }
    std::thread::sleep(Duration::from_millis(300));
    answers_within(&srv, Duration::from_secs(2), "a client that does not read");
    drop(reader);
    assert!(srv.stop().success());
}

/// The outcome of each client's requests: statuses and how long each took.
type Outcomes = Arc<Mutex<Vec<(bool, Result<u16, String>, Duration)>>>;

/// `clients` threads, each with its own connection, `rounds` requests each:
/// every tenth client sends a never-ending query, the others a cheap one
/// (made distinct so that no answer comes from a cache).
fn crowd(
    url: &str,
    clients: usize,
    rounds: usize,
    outcomes: &Outcomes,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..clients)
        .map(|i| {
            let url = url.to_string();
            let outcomes = outcomes.clone();
            std::thread::spawn(move || {
                let a = agent(Duration::from_secs(60));
                let expensive = i % 10 == 0;
                for r in 0..rounds {
                    let q = if expensive {
                        format!("SELECT (COUNT(*) AS ?n) WHERE {{ {PRODUCT} }} # {i} {r}")
                    } else {
                        format!("{PROGRAMS} # {i} {r}")
                    };
                    let t = Instant::now();
                    let got = match get_query(&a, &url, &q) {
                        Ok((200, body)) if !expensive && number(&body) < 3 => {
                            Err(format!("wrong answer {body}"))
                        }
                        Ok((s, _)) => Ok(s),
                        Err(e) => Err(e.to_string()),
                    };
                    outcomes.lock().unwrap().push((expensive, got, t.elapsed()));
                }
            })
        })
        .collect()
}

#[test]
fn two_hundred_clients_at_once_are_all_answered() {
    let _one = one_at_a_time();
    let (_tmp, store) = sample_store();
    let mut srv = Server::start(
        &store,
        &["--bind", "127.0.0.1:0", "--timeout", "3", "--no-cache"],
    );
    let outcomes: Outcomes = Arc::default();
    let t = Instant::now();
    for h in crowd(&srv.url, 200, 2, &outcomes) {
        h.join().unwrap();
    }
    let took = t.elapsed();
    let outcomes = outcomes.lock().unwrap();
    assert_eq!(outcomes.len(), 400);
    // every request got an HTTP answer: the cheap ones their result or, when
    // no query slot came free within the limit, 503; the never-ending ones 503
    let mut cheap_ok = 0;
    for (expensive, got, _) in outcomes.iter() {
        match (expensive, got) {
            (false, Ok(200)) => cheap_ok += 1,
            (_, Ok(503)) => {}
            other => panic!("{other:?}"),
        }
    }
    let mut cheap: Vec<Duration> = outcomes
        .iter()
        .filter(|(e, _, _)| !e)
        .map(|(_, _, d)| *d)
        .collect();
    cheap.sort();
    // what a run looked like, for the log of a failing one
    eprintln!(
        "200 clients: {cheap_ok} of 360 cheap queries answered, p50 {:?}, p99 {:?}, all in {took:?}",
        cheap[cheap.len() / 2],
        cheap[cheap.len() * 99 / 100]
    );
    // twenty never-ending queries hold the eight query slots most of the
    // time, so a cheap query that waited past --timeout for one is refused
    // (503, by design; tools/bench_faults.py measures it): a quarter answered
    // is the floor (267 to 296 of 360 in release builds here)
    assert!(
        cheap_ok >= 90,
        "{cheap_ok} of 360 cheap queries answered in {took:?}"
    );
    alive(&mut srv, "200 clients");
    answers_within(&srv, Duration::from_secs(5), "200 clients");
    assert!(srv.stop().success());
}

#[test]
fn sigterm_under_load_exits_within_five_seconds() {
    let _one = one_at_a_time();
    let (_tmp, store) = sample_store();
    let mut srv = Server::start(
        &store,
        &["--bind", "127.0.0.1:0", "--timeout", "600", "--no-cache"],
    );
    let handoff = store.join("serve.json");
    assert!(handoff.exists());
    let outcomes: Outcomes = Arc::default();
    let clients = crowd(&srv.url, 200, 50, &outcomes);
    std::thread::sleep(Duration::from_millis(1500));
    let served_before = outcomes.lock().unwrap().len();
    let t = Instant::now();
    sigterm(srv.pid());
    let status = wait(&mut srv.child, Duration::from_secs(20));
    let took = t.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "exited {took:?} after SIGTERM"
    );
    assert!(status.success(), "{status:?}");
    assert!(!handoff.exists(), "serve.json is left behind");
    assert!(TcpStream::connect(srv.addr()).is_err(), "still listening");
    // every client learns the server is gone, none hangs
    let t = Instant::now();
    for h in clients {
        h.join().unwrap();
    }
    assert!(
        t.elapsed() < Duration::from_secs(30),
        "clients hung {:?}",
        t.elapsed()
    );
    assert!(
        served_before > 0,
        "no query was answered before the SIGTERM"
    );
    std::mem::forget(srv);
}

/// Documents sent to a served store: every one the server acknowledged is in
/// the store after kill -9 and a restart, whole; none is there in part.
#[test]
fn kill_9_during_live_ingest_loses_no_acknowledged_document() {
    let _one = one_at_a_time();
    let (tmp, store) = sample_store();
    let mut srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let handoff: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(store.join("serve.json")).unwrap()).unwrap();
    let token = handoff["token"].as_str().unwrap().to_string();
    const QUADS: usize = 21;
    let doc = |i: usize| {
        let g = format!("<https://w3id.org/innograph/doc/fault-{i}>");
        let mut nq: String = (0..QUADS - 1)
            .map(|j| format!("<http://fault.test/e{i}> <http://fault.test/p> \"v{j}\" {g} .\n"))
            .collect();
        // one triple every document states: the merged default graph holds it once
        nq.push_str(&format!(
            "<http://fault.test/shared> <http://fault.test/p> \"s\" {g} .\n"
        ));
        nq
    };
    let acked = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let (url, acked) = (srv.url.clone(), acked.clone());
        std::thread::spawn(move || {
            let a = agent(Duration::from_secs(30));
            for i in 0.. {
                let r = a
                    .post(&format!("{url}/_ingest"))
                    .header("Authorization", &format!("Bearer {token}"))
                    .header("Content-Type", "application/n-quads")
                    .send(doc(i).as_bytes());
                match r {
                    Ok(res) if res.status() == 200 => acked.lock().unwrap().push(i),
                    Ok(res) => panic!("document {i}: {}", res.status()),
                    // the server is gone
                    Err(_) => return i,
                }
            }
            unreachable!()
        })
    };
    // readers at the same time, as on a live server
    let reader = {
        let url = srv.url.clone();
        std::thread::spawn(move || {
            let a = agent(Duration::from_secs(10));
            while let Ok((200, _)) = get_query(&a, &url, PROGRAMS) {}
        })
    };
    let t = Instant::now();
    while acked.lock().unwrap().len() < 20 && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    srv.child.kill().unwrap();
    srv.child.wait().unwrap();
    std::mem::forget(srv);
    let sent = writer.join().unwrap();
    reader.join().unwrap();
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 20,
        "only {} documents acknowledged",
        acked.len()
    );

    // the store opens again (its lock went with the process) and is served
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let a = agent(Duration::from_secs(30));
    let (s, body) = get_query(
        &a,
        &srv.url,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://fault.test/p> ?o } } GROUP BY ?g",
    )
    .unwrap();
    assert_eq!(s, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut present = std::collections::BTreeMap::new();
    for row in v["results"]["bindings"].as_array().unwrap() {
        let g = row["g"]["value"].as_str().unwrap();
        let i: usize = g.rsplit('-').next().unwrap().parse().unwrap();
        present.insert(
            i,
            row["n"]["value"]
                .as_str()
                .unwrap()
                .parse::<usize>()
                .unwrap(),
        );
    }
    for i in &acked {
        assert_eq!(
            present.get(i),
            Some(&QUADS),
            "acknowledged document {i} after kill -9"
        );
    }
    // the one in flight at the kill is there whole or not at all
    for (i, n) in &present {
        assert!(*i <= sent, "document {i} was never sent");
        assert_eq!(*n, QUADS, "document {i} is there in part");
    }
    // the merged default graph agrees with the documents' graphs
    let (s, body) = get_query(
        &a,
        &srv.url,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://fault.test/p> ?o }",
    )
    .unwrap();
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        number(&body) as usize,
        present.len() * (QUADS - 1) + 1,
        "{body}"
    );
    answers_within(&srv, Duration::from_secs(5), "kill -9 and restart");
    // and the served store takes documents again
    let new = tmp.path().join("new.txt");
    std::fs::write(&new, "无锡市科技局：2025年无锡市新增高新技术企业800家。").unwrap();
    let out = common::bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(&new)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("being served"), "{stderr}");
    assert!(srv.stop().success());
}

#[test]
fn a_live_ingest_whose_server_dies_stops_with_one_line() {
    let _one = one_at_a_time();
    let (tmp, store) = sample_store();
    // enough batches of 1 MB that most are still to send when the server goes
    let corpus = tmp.path().join("corpus");
    let made = std::process::Command::new(common::server::exe())
        .args(["bench", "corpus", "--mb", "4", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(made.status.success());
    let mut srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let mut ingest = std::process::Command::new(common::server::exe())
        .args(["ingest", "--batch-mb", "1", "--store"])
        .arg(&store)
        .arg(&corpus)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(ingest.stderr.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut err, &mut first).unwrap();
    assert!(first.contains("is being served"), "{first}");
    // the client writes through the server: kill the server under it
    srv.child.kill().unwrap();
    let _ = srv.child.wait();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let status = wait(&mut ingest, Duration::from_secs(120));
    assert!(!status.success(), "{rest}");
    let complaints: Vec<&str> = rest
        .lines()
        .filter(|l| l.starts_with("innograph:"))
        .collect();
    assert_eq!(complaints.len(), 1, "{rest}");
    assert!(complaints[0].contains("is gone"), "{rest}");
}
