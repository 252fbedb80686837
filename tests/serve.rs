//! `innograph serve` against real clients: the SPARQL protocol by hand and by
//! curl, SPARQLWrapper, rdflib and pyoxigraph (SERVICE), the page and an entity
//! page in headless Chromium, bad requests, live ingest, the default bind and
//! a clean stop on SIGTERM.

mod common;

use common::server::{cpu_seconds, enc, rss_mib, sample, sigterm, store_of, wait, Server};
use common::{bin, tool_available};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn sample_store() -> (TempDir, PathBuf) {
    store_of(&sample())
}

fn agent() -> ureq::Agent {
    common::server::agent(Duration::from_secs(60))
}

/// (status, content type, body) of a GET.
fn get(url: &str, accept: &str) -> (u16, String, String) {
    let mut r = agent().get(url).header("Accept", accept).call().unwrap();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (
        r.status().as_u16(),
        ct,
        r.body_mut().read_to_string().unwrap(),
    )
}

fn post(url: &str, content_type: &str, accept: &str, body: &[u8]) -> (u16, String, String) {
    let mut r = agent()
        .post(url)
        .header("Content-Type", content_type)
        .header("Accept", accept)
        .send(body)
        .unwrap();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (
        r.status().as_u16(),
        ct,
        r.body_mut().read_to_string().unwrap(),
    )
}

const PROGRAMS: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?d ?p WHERE { ?x ig:runsProgram ?y . ?x rdfs:label ?d . ?y rdfs:label ?p } ORDER BY ?d ?p";

fn count_programs(url: &str) -> usize {
    let (s, _, body) = get(
        &format!("{url}/sparql?query={}", enc(PROGRAMS)),
        "application/sparql-results+json",
    );
    assert_eq!(s, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["results"]["bindings"].as_array().unwrap().len()
}

/// A raw HTTP exchange, for what clients normalise away (`/../`).
fn raw(addr: &str, request: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn the_sparql_protocol_with_every_format() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let u = &srv.url;
    let n = count_programs(u);
    assert!(n >= 3, "{n} programs");
    // POST form and POST sparql-query give the same answer as GET
    let (s, _, form) = post(
        &format!("{u}/sparql"),
        "application/x-www-form-urlencoded",
        "text/csv",
        format!("query={}", enc(PROGRAMS)).as_bytes(),
    );
    assert_eq!(s, 200);
    assert_eq!(form.lines().count(), n + 1, "{form}");
    let (s, _, direct) = post(
        &format!("{u}/sparql"),
        "application/sparql-query",
        "text/csv",
        PROGRAMS.as_bytes(),
    );
    assert_eq!((s, direct.as_str()), (200, form.as_str()));
    // every results format by Accept
    let q = format!("{u}/sparql?query={}", enc(PROGRAMS));
    for (accept, ct, marker) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv", "d,p"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?d\t?p",
        ),
    ] {
        let (s, got_ct, body) = get(&q, accept);
        assert_eq!(s, 200, "{accept}: {body}");
        assert!(got_ct.starts_with(ct), "{accept} → {got_ct}");
        assert!(body.contains(marker), "{accept}: {body}");
    }
    // graphs by Accept
    let c = format!(
        "{u}/sparql?query={}",
        enc("PREFIX ig: <https://w3id.org/innograph/ontology#> CONSTRUCT { ?x ig:runsProgram ?y } WHERE { ?x ig:runsProgram ?y }")
    );
    for (accept, ct) in [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
    ] {
        let (s, got_ct, body) = get(&c, accept);
        assert_eq!(s, 200, "{accept}: {body}");
        assert!(got_ct.starts_with(ct), "{accept} → {got_ct}");
        assert!(body.contains("runsProgram"), "{accept}: {body}");
    }
    // dataset parameters: one named graph as the default graph
    let docs = format!(
        "{u}/sparql?query={}",
        enc("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/innograph/ontology#Document> } }")
    );
    let (_, _, body) = get(&docs, "text/csv");
    let one = body.lines().nth(1).unwrap().to_string();
    let (_, _, all) = get(
        &format!(
            "{u}/sparql?query={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        ),
        "text/csv",
    );
    let (_, _, part) = get(
        &format!(
            "{u}/sparql?query={}&default-graph-uri={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
            enc(&one)
        ),
        "text/csv",
    );
    let num = |s: &str| s.lines().nth(1).unwrap().trim().parse::<usize>().unwrap();
    assert!(num(&part) > 0 && num(&part) < num(&all), "{part} vs {all}");
    // the service description on a GET without a query
    let (s, ct, body) = get(&format!("{u}/sparql"), "text/turtle");
    assert_eq!(s, 200);
    assert!(ct.starts_with("text/turtle"));
    assert!(
        body.contains("sd:Service") && body.contains("sd:UnionDefaultGraph"),
        "{body}"
    );
    // curl, as users type it, with each Accept type
    if tool_available("curl", &["--version"]) {
        for accept in [
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        ] {
            let out = Command::new("curl")
                .args([
                    "-sf",
                    "-H",
                    &format!("Accept: {accept}"),
                    "--data-urlencode",
                    &format!("query={PROGRAMS}"),
                    &format!("{u}/sparql"),
                ])
                .output()
                .unwrap();
            assert!(out.status.success(), "curl {accept}");
            assert!(!out.stdout.is_empty(), "curl {accept}");
        }
    }
    assert!(srv.stop().success());
}

#[test]
fn bad_requests_are_answered_and_the_server_goes_on() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(
        &store,
        &[
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "1",
            "--max-body-kb",
            "64",
        ],
    );
    let u = &srv.url;
    // a malformed query: 400 with the parser's position
    let (s, _, body) = get(
        &format!("{u}/sparql?query={}", enc("SELECT ?x WHERE { ?x ?y }")),
        "*/*",
    );
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("1:") && body.contains("parse"), "{body}");
    // updates and graph store writes: 403 with a reason
    for (ct, b) in [
        (
            "application/x-www-form-urlencoded",
            format!("update={}", enc("DROP ALL")),
        ),
        ("application/sparql-update", "DROP ALL".to_string()),
    ] {
        let (s, _, body) = post(&format!("{u}/sparql"), ct, "*/*", b.as_bytes());
        assert_eq!(s, 403, "{ct}: {body}");
        assert!(body.contains("read-only"), "{body}");
    }
    let put = agent()
        .put(&format!(
            "{u}/graph-store?graph={}",
            enc("http://example.com/g")
        ))
        .header("Content-Type", "application/n-triples")
        .send("<http://a> <http://b> <http://c> .\n")
        .unwrap();
    assert_eq!(put.status().as_u16(), 403);
    // a huge body: 413
    let huge = vec![b'a'; 200 * 1024];
    let (s, _, _) = post(
        &format!("{u}/sparql"),
        "application/sparql-query",
        "*/*",
        &huge,
    );
    assert_eq!(s, 413);
    // unknown path and path traversal: 404, nothing read from disk
    let (s, _, _) = get(&format!("{u}/etc/passwd"), "*/*");
    assert_eq!(s, 404);
    let r = raw(
        &srv.addr(),
        &format!(
            "GET /../../../etc/passwd HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            srv.addr()
        ),
    );
    assert!(
        r.starts_with("HTTP/1.1 404") || r.starts_with("HTTP/1.1 400"),
        "{r}"
    );
    assert!(!r.contains("root:"), "{r}");
    // a query past --timeout: stopped, 503
    // (a product of two patterns: one of three is refused before it starts,
    // src/cartesian.rs)
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"x+y+z$\")) }";
    let t = Instant::now();
    let (s, _, body) = get(&format!("{u}/sparql?query={}", enc(slow)), "*/*");
    assert_eq!(s, 503, "{body}");
    assert!(body.contains("stopped"), "{body}");
    assert!(t.elapsed() < Duration::from_secs(15));
    // a slow client holding a half-sent request does not stop others
    let mut slowloris = TcpStream::connect(srv.addr()).unwrap();
    slowloris.write_all(b"GET /sparql?query=").unwrap();
    assert!(count_programs(u) > 0);
    drop(slowloris);
    // garbage on the socket
    let r = raw(&srv.addr(), "\u{1}\u{2}NOT HTTP\r\n\r\n");
    assert!(r.is_empty() || r.starts_with("HTTP/1.1 4"), "{r}");
    // and the server still answers
    assert!(count_programs(u) > 0);
    assert!(srv.stop().success());
}

#[test]
fn real_clients_sparqlwrapper_rdflib_and_pyoxigraph_service() {
    if !tool_available(
        "python3",
        &["-c", "import SPARQLWrapper, rdflib, pyoxigraph"],
    ) {
        return;
    }
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve_clients.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&srv.url)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    for check in [
        "sparqlwrapper ok",
        "rdflib store ok",
        "rdflib construct ok",
        "pyoxigraph service ok",
    ] {
        assert!(report.contains(check), "{report}");
    }
}

fn chromium(args: &[&str]) -> Option<String> {
    let profile = TempDir::new().unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_page_and_an_entity_page_in_headless_chromium() {
    if !tool_available("chromium", &["--version"]) {
        return;
    }
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let page = format!("{}/?example=programs&run=1", srv.url);
    let dom = chromium(&["--virtual-time-budget=10000", "--dump-dom", &page]).unwrap();
    let rows = dom.matches("<tr class=\"row\">").count();
    assert!(rows >= 3, "{rows} rows rendered:\n{dom}");
    assert!(dom.contains("rows in"), "{dom}");
    // entity links point at this server's pages
    assert!(dom.contains("href=\"/id/program/"), "{dom}");
    // keep screenshots as artefacts of the run
    let art = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&art).unwrap();
    let shot = art.join("serve-page.png");
    chromium(&[
        "--virtual-time-budget=10000",
        "--window-size=1280,1000",
        &format!("--screenshot={}", shot.display()),
        &page,
    ]);
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));
    // an entity page: label, relations with their sentences, the neighbourhood
    let entity = format!("{}/id/division/320412", srv.url);
    let dom = chromium(&["--virtual-time-budget=5000", "--dump-dom", &entity]).unwrap();
    assert!(
        dom.contains("武进区") && dom.contains("Relations") && dom.contains("<svg"),
        "{dom}"
    );
    assert!(dom.contains("武进英才计划"), "{dom}");
    let shot = art.join("serve-entity.png");
    chromium(&[
        "--window-size=1280,1400",
        &format!("--screenshot={}", shot.display()),
        &entity,
    ]);
    assert!(std::fs::metadata(&shot)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));
}

#[test]
fn entity_and_document_iris_dereference() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let iri = format!("{}/id/division/320412", srv.url);
    let (s, ct, html) = get(&iri, "text/html,application/xhtml+xml,*/*;q=0.8");
    assert_eq!(s, 200);
    assert!(ct.starts_with("text/html"));
    assert!(
        html.contains("武进区") && html.contains("class=\"ev\""),
        "{html}"
    );
    let (s, ct, ttl) = get(&iri, "text/turtle");
    assert_eq!(s, 200);
    assert!(ct.starts_with("text/turtle"));
    assert!(ttl.contains("320412"), "{ttl}");
    let (s, ct, nt) = get(&iri, "application/n-triples");
    assert_eq!((s, ct.starts_with("application/n-triples")), (200, true));
    assert!(nt.lines().count() > 5);
    // a document page marks every mention with a link to its entity
    let (_, _, docs) = get(
        &format!(
            "{}/sparql?query={}",
            srv.url,
            enc("SELECT ?d WHERE { ?d a <https://w3id.org/innograph/ontology#Document> } ORDER BY ?d LIMIT 1")
        ),
        "text/csv",
    );
    let doc = docs.lines().nth(1).unwrap().trim().to_string();
    let path = doc.trim_start_matches("https://w3id.org/innograph");
    let (s, _, html) = get(&format!("{}{path}", srv.url), "text/html");
    assert_eq!(s, 200, "{path}");
    assert!(html.matches("class=\"m\"").count() >= 5, "{html}");
    let (s, _, _) = get(
        &format!("{}/id/program/nothing-like-this", srv.url),
        "text/html",
    );
    assert_eq!(s, 404);
    // the analyses of the command line, as JSON
    let (s, _, shared) = get(&format!("{}/api/analyze/shared", srv.url), "*/*");
    assert_eq!(s, 200);
    let cli = bin()
        .args(["analyze", "shared", "--format", "json", "--store"])
        .arg(&store)
        .output();
    // the server holds the store: the command line reads it as well
    let cli = cli.unwrap();
    if cli.status.success() {
        let a: serde_json::Value = serde_json::from_str(&shared).unwrap();
        let b: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
        assert_eq!(
            a.as_array().map(|v| v.len()),
            b.as_array().map(|v| v.len().min(20))
        );
    }
    let (s, _, c) = get(&format!("{}/api/analyze/communities", srv.url), "*/*");
    assert_eq!(s, 200);
    assert!(c.contains("modularity"));
    let (s, _, c) = get(
        &format!(
            "{}/api/analyze/centrality?metric=pagerank&class=Program",
            srv.url
        ),
        "*/*",
    );
    assert_eq!(s, 200);
    assert!(c.contains("\"rank\":1"), "{c}");
}

#[test]
fn ingest_into_a_served_store_is_answered_at_once() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(sample().join("hefei-report-excerpt.txt"))
        .assert()
        .success();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let before = count_programs(&srv.url);
    let out = bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(sample().join("changzhou-districts-2025.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("being served"));
    let t = Instant::now();
    while count_programs(&srv.url) <= before {
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "the new document is not answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // ingesting the same file again replaces it: the count stays
    let after = count_programs(&srv.url);
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(sample().join("changzhou-districts-2025.txt"))
        .assert()
        .success();
    assert_eq!(count_programs(&srv.url), after);
    // and a wrong token is refused
    let (s, _, _) = post(
        &format!("{}/_ingest", srv.url),
        "application/n-quads",
        "*/*",
        b"",
    );
    assert_eq!(s, 403);
    let handoff = store.join("serve.json");
    assert!(handoff.exists());
    assert!(srv.stop().success());
    assert!(!handoff.exists(), "the hand-off file is removed on stop");
    // and with the server gone, ingest writes the store itself again
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(sample().join("news.jsonl"))
        .assert()
        .success();
}

#[test]
fn the_default_bind_is_loopback_port_7878() {
    if TcpStream::connect("127.0.0.1:7878").is_ok() {
        assert!(std::env::var("CI").is_err(), "port 7878 is taken on CI");
        eprintln!("skipping: something already listens on 127.0.0.1:7878");
        return;
    }
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &[]);
    assert_eq!(srv.url, "http://127.0.0.1:7878");
    // listening sockets on port 7878 (0x1EC6): loopback only
    let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let tcp6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    let listening: Vec<&str> = tcp
        .lines()
        .chain(tcp6.lines())
        .filter(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 3 && f[1].ends_with(":1EC6") && f[3] == "0A"
        })
        .collect();
    assert!(!listening.is_empty(), "nothing listens on 7878:\n{tcp}");
    for l in &listening {
        let local = l.split_whitespace().nth(1).unwrap();
        assert!(
            local.starts_with("0100007F:"),
            "listening beyond loopback: {l}"
        );
    }
    assert!(count_programs(&srv.url) > 0);
    assert!(srv.stop().success());
}

/// The first number in a SPARQL JSON answer of one row and one column.
fn number(url: &str, q: &str) -> u64 {
    let (s, _, body) = get(
        &format!("{url}/sparql?query={}", enc(q)),
        "application/sparql-results+json",
    );
    assert_eq!(s, 200, "{q}: {body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let row = &v["results"]["bindings"][0];
    let (_, cell) = row.as_object().unwrap().iter().next().unwrap();
    cell["value"].as_str().unwrap().parse().unwrap()
}

#[test]
fn the_endpoints_default_graph_is_the_merge_and_deep_queries_get_400() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let u = &srv.url;
    // the documents repeat triples (labels, types); the default graph holds each once
    let stated = number(u, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let distinct = number(
        u,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/innograph/meta>) } }",
    );
    assert!(distinct < stated, "{distinct} < {stated}");
    assert_eq!(
        number(u, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        distinct
    );
    // 4,000 braces deep, by GET (a 24 KB URL) and by POST: 400, no crash
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(4000),
        "}".repeat(4000)
    );
    let (s, _, body) = get(&format!("{u}/sparql?query={}", enc(&deep)), "*/*");
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("levels deep"), "{body}");
    let (s, _, body) = post(
        &format!("{u}/sparql"),
        "application/sparql-query",
        "*/*",
        deep.as_bytes(),
    );
    assert_eq!(s, 400, "{body}");
    let brackets = format!(
        "SELECT * WHERE {{ FILTER({}1{}) }}",
        "(".repeat(4000),
        ")".repeat(4000)
    );
    let (s, _, body) = post(
        &format!("{u}/sparql"),
        "application/sparql-query",
        "*/*",
        brackets.as_bytes(),
    );
    assert_eq!(s, 400, "{body}");
    // a long flat query within the limits is answered
    let values: String = (0..5000).map(|i| format!("<http://x/{i}> ")).collect();
    let long =
        format!("SELECT * WHERE {{ VALUES ?s {{ {values} }} OPTIONAL {{ ?s ?p ?o }} }} LIMIT 1");
    let (s, _, body) = post(
        &format!("{u}/sparql"),
        "application/sparql-query",
        "*/*",
        long.as_bytes(),
    );
    assert_eq!(s, 200, "{body}");
    // too many patterns for the planner: 400 before any planning
    let star: String = (0..101)
        .map(|i| format!("?s <http://x/p{i}> ?o{i} . "))
        .collect();
    let (s, _, body) = get(
        &format!(
            "{u}/sparql?query={}",
            enc(&format!("SELECT * WHERE {{ {star} }}"))
        ),
        "*/*",
    );
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("triple patterns"), "{body}");
    assert!(count_programs(u) > 0);
    assert!(srv.stop().success());
}

#[test]
fn a_query_stopped_at_the_timeout_leaves_the_cpu_idle() {
    if !Path::new("/proc/self/stat").exists() {
        eprintln!("skipping: no /proc here");
        return;
    }
    let (_tmp, store) = sample_store();
    let srv = Server::start(
        &store,
        &["--bind", "127.0.0.1:0", "--timeout", "1", "--no-cache"],
    );
    let pid = srv.child.id();
    for q in [
        // an aggregate over a product of two (larger products, and sorts of
        // products, are refused before they start: tests/faults.rs)
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"x+y+z$\")) }",
        // a product nothing passes, sent row by row
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STRLEN(STR(?c)) + STRLEN(STR(?f)) < 0) }",
        // a property path over everything
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x/never>|!<http://x/never>)* ?b . ?c ?d ?e }",
    ] {
        let t = Instant::now();
        let (s, _, body) = get(&format!("{}/sparql?query={}", srv.url, enc(q)), "*/*");
        assert_eq!(s, 503, "{q}: {body}");
        assert!(t.elapsed() < Duration::from_secs(5), "{q}: {:?}", t.elapsed());
        // within a second of the 503 the work has stopped
        std::thread::sleep(Duration::from_secs(1));
        let before = cpu_seconds(pid);
        std::thread::sleep(Duration::from_secs(1));
        let used = cpu_seconds(pid) - before;
        assert!(used < 0.2, "{q}: {used} CPU seconds in the second after");
    }
    assert!(count_programs(&srv.url) > 0);
    assert!(srv.stop().success());
}

#[test]
fn a_query_past_its_memory_ceiling_is_stopped_with_507_and_its_memory_freed() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(
        &store,
        &[
            "--bind",
            "127.0.0.1:0",
            "--timeout",
            "60",
            "--max-query-mb",
            "64",
        ],
    );
    let pid = srv.child.id();
    // every document's text four times per quad of the store: about 12 MB of
    // string on this store, built in memory by the aggregate before a first
    // row could be checked
    let q = "SELECT (STRLEN(GROUP_CONCAT(CONCAT(?t, ?t, ?t, ?t))) AS ?n) WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t . ?a ?b ?c }";
    let (s, _, body) = get(&format!("{}/sparql?query={}", srv.url, enc(q)), "*/*");
    assert_eq!(s, 507, "{body}");
    assert!(body.contains("--max-query-mb"), "{body}");
    // the memory went back and the server answers
    std::thread::sleep(Duration::from_secs(1));
    let rss = rss_mib(pid);
    assert!(rss < 512, "{rss} MiB held after the query was stopped");
    assert!(count_programs(&srv.url) > 0);
    assert!(srv.stop().success());
}

#[test]
fn sigterm_stops_the_server_within_seconds_whatever_runs() {
    let (_tmp, store) = sample_store();
    let mut srv = Server::start(&store, &["--bind", "127.0.0.1:0", "--timeout", "600"]);
    let handoff = store.join("serve.json");
    assert!(handoff.exists());
    let url = srv.url.clone();
    let busy: Vec<_> = (0..3)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"x+y+z$\")) }";
                let _ = agent()
                    .get(&format!("{url}/sparql?query={}", enc(q)))
                    .call();
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let t = Instant::now();
    sigterm(srv.child.id());
    let status = wait(&mut srv.child, Duration::from_secs(10));
    let took = t.elapsed();
    assert!(took < Duration::from_secs(5), "exited after {took:?}");
    assert!(status.success(), "{status:?}");
    assert!(!handoff.exists(), "serve.json is left behind");
    for b in busy {
        b.join().unwrap();
    }
    std::mem::forget(srv);
}

/// How long the server took to close the connection.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    common::server::closed_within(s, limit).map(|(took, _)| took)
}

#[test]
fn half_sent_requests_are_cut_at_the_header_timeout_and_others_answered() {
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
    // as many half-sent requests as the server takes connections: the headers
    // never end
    let mut half = common::server::hold_open(
        &addr,
        8,
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n",
    );
    std::thread::sleep(Duration::from_millis(200));
    // a real client meanwhile: it waits for a slot, then is answered
    let t = Instant::now();
    let (status, _, body) = get(
        &format!("{}/sparql?query={}", srv.url, enc("ASK {}")),
        "application/sparql-results+json",
    );
    let waited = t.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("true"), "{body}");
    assert!(
        waited < Duration::from_secs(5),
        "answered only after {waited:?}"
    );
    // every half-sent request was disconnected about a second after it came
    for s in &mut half {
        let took = closed_within(s, Duration::from_secs(5));
        assert!(took.is_some(), "a half-sent request is still connected");
    }
    // a slow client that never finishes, beside a client that does: the slow
    // one is cut, the other answered at once
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let t = Instant::now();
    assert!(count_programs(&srv.url) > 0);
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    let took =
        closed_within(&mut slow, Duration::from_secs(5)).expect("slow client still connected");
    assert!(
        took >= Duration::from_millis(500) && took < Duration::from_secs(3),
        "cut after {took:?}"
    );
    // the same timer closes a kept-alive connection that idles after its answer
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 15];
    idle.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200 OK");
    let took =
        closed_within(&mut idle, Duration::from_secs(5)).expect("idle client still connected");
    assert!(took < Duration::from_secs(3), "idle cut after {took:?}");
    assert!(srv.stop().success());
}

/// The text of a document page's part: the marks taken off, the escapes undone.
fn text_of_part(html: &str) -> String {
    let start = html.find("<div class=\"doc\">").unwrap() + "<div class=\"doc\">".len();
    let end = start + html[start..].find("</div>").unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn a_long_document_is_shown_in_parts() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    // 0.6 MB: three parts of about 200 KB
    let district = std::fs::read_to_string(sample().join("changzhou-districts-2025.txt")).unwrap();
    let long = tmp.path().join("long.txt");
    std::fs::write(&long, district.repeat(460)).unwrap();
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(&long)
        .assert()
        .success();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    let q = "SELECT ?d ?t WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }";
    let (s, _, res) = get(
        &format!("{}/sparql?query={}", srv.url, enc(q)),
        "application/sparql-results+json",
    );
    assert_eq!(s, 200, "{res}");
    let v: serde_json::Value = serde_json::from_str(&res).unwrap();
    let row = &v["results"]["bindings"][0];
    let stored = row["t"]["value"].as_str().unwrap().to_string();
    let path = row["d"]["value"]
        .as_str()
        .unwrap()
        .trim_start_matches("https://w3id.org/innograph")
        .to_string();
    let mut whole = String::new();
    let mut k = 1;
    loop {
        let (s, ct, html) = get(&format!("{}{path}?part={k}", srv.url), "text/html");
        assert_eq!(s, 200, "part {k}: {html}");
        assert!(ct.starts_with("text/html"));
        // no page near the size of the whole (the page of a 50 MB document was 93 MB)
        assert!(html.len() < 2 << 20, "part {k} is {} bytes", html.len());
        assert!(
            html.matches("class=\"m\"").count() > 100,
            "part {k} marks little"
        );
        let next = format!("href=\"?part={}\"", k + 1);
        assert_eq!(
            k > 1,
            html.contains(&format!("href=\"?part={}\"", k - 1)),
            "part {k}"
        );
        whole.push_str(&text_of_part(&html));
        if !html.contains(&next) {
            break;
        }
        k += 1;
        assert!(k < 10, "more parts than 0.6 MB makes");
    }
    assert!(k >= 3, "{k} parts of 0.6 MB");
    // the parts, one after another, are the document's text, every character once
    assert_eq!(whole.chars().count(), stored.chars().count());
    assert!(whole == stored, "the parts do not make up the text");
    // without ?part the first is shown; parts past the last or not numbers are refused
    let (s, _, first) = get(&format!("{}{path}", srv.url), "text/html");
    assert_eq!(s, 200);
    assert!(
        first.contains("part 1 of"),
        "{}",
        &first[..first.len().min(2000)]
    );
    let (s, _, body) = get(&format!("{}{path}?part={}", srv.url, k + 1), "text/html");
    assert_eq!(s, 404, "{body}");
    assert!(body.contains(&format!("{k} parts")), "{body}");
    for bad in ["0", "x", "-1"] {
        let (s, _, body) = get(&format!("{}{path}?part={bad}", srv.url), "text/html");
        assert_eq!(s, 400, "{bad}: {body}");
    }
    assert!(srv.stop().success());
}

/// The token a served store's hand-off file holds.
fn token_of(store: &Path) -> String {
    let h: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(store.join("serve.json")).unwrap()).unwrap();
    h["token"].as_str().unwrap().to_string()
}

fn post_with_token(url: &str, token: &str, body: &[u8]) -> u16 {
    agent()
        .post(url)
        .header("Content-Type", "application/n-quads")
        .header("Authorization", &format!("Bearer {token}"))
        .send(body)
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn a_hub_lists_its_relations_in_pages_and_strange_iris_are_no_links() {
    let (_tmp, store) = sample_store();
    let srv = Server::start(&store, &["--bind", "127.0.0.1:0"]);
    // a fund that 450 programs draw on, in a document sent as `ingest` does,
    // and one relation to an IRI that would run a script if it were a link
    let id = "https://w3id.org/innograph/id/";
    let g = "<https://w3id.org/innograph/doc/hub.txt>";
    let ig = "https://w3id.org/innograph/ontology#";
    let label = "<http://www.w3.org/2000/01/rdf-schema#label>";
    let mut nq = format!("<{id}fund/hub> {label} \"枢纽基金\" {g} .\n<{id}fund/hub> <{ig}fundedBy> <javascript:alert(1)> {g} .\n");
    for i in 0..450 {
        nq.push_str(&format!(
            "<{id}program/p{i:03}> <{ig}drawsOn> <{id}fund/hub> {g} .\n<{id}program/p{i:03}> {label} \"计划{i:03}\" {g} .\n"
        ));
    }
    let token = token_of(&store);
    assert_eq!(
        post_with_token(&format!("{}/_ingest", srv.url), &token, nq.as_bytes()),
        200
    );
    let hub = format!("{}/id/fund/hub", srv.url);
    let mut seen = std::collections::BTreeSet::new();
    for k in 1..=3 {
        let (s, _, html) = get(&format!("{hub}?page={k}"), "text/html");
        assert_eq!(s, 200, "page {k}: {html}");
        assert!(html.contains(&format!("page {k} of 3")), "page {k}");
        let rows: Vec<&str> = html
            .split("href=\"/id/program/p")
            .skip(1)
            .map(|r| &r[..3])
            .collect();
        assert!(
            !rows.is_empty() && rows.len() <= 200 * 2,
            "page {k}: {} links",
            rows.len()
        );
        // each program on one page only
        for r in rows.iter().collect::<std::collections::BTreeSet<_>>() {
            assert!(seen.insert(r.to_string()), "p{r} on two pages");
        }
        // the script's IRI (the last relation) is shown, never linked
        assert!(!html.contains("href=\"javascript"), "page {k}");
        assert_eq!(k == 3, html.contains("javascript:alert(1)"), "page {k}");
    }
    assert_eq!(seen.len(), 450, "every program on one of the pages");
    let (_, _, first) = get(&hub, "text/html");
    assert!(first.contains("1–200 of 451"), "{first}");
    let (s, _, body) = get(&format!("{hub}?page=4"), "text/html");
    assert_eq!(s, 404, "{body}");
    let (s, _, _) = get(&format!("{hub}?page=zero"), "text/html");
    assert_eq!(s, 400);
    // a path that decodes to no IRI is a bad request, not a failure inside
    for p in ["/id/%ff%fe", "/doc/%ff%fe", "/id/%c3"] {
        for accept in ["text/html", "text/turtle"] {
            let (s, _, body) = get(&format!("{}{p}", srv.url), accept);
            assert_eq!(s, 400, "{p} {accept}: {body}");
            assert!(body.contains("does not name an IRI"), "{body}");
        }
    }
    // the service description does not offer SERVICE, which the endpoint refuses
    let (s, _, sd) = get(&format!("{}/sparql", srv.url), "text/turtle");
    assert_eq!(s, 200);
    assert!(
        sd.contains("sd:Service") && !sd.contains("Federated"),
        "{sd}"
    );
    // the hand-off file is the owner's alone
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(store.join("serve.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // the acknowledged document outlives a server killed at once
    let mut srv = srv;
    let _ = Command::new("kill")
        .args(["-KILL", &srv.child.id().to_string()])
        .status();
    wait(&mut srv.child, Duration::from_secs(20));
    std::mem::forget(srv);
    let out = bin()
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p <https://w3id.org/innograph/ontology#drawsOn> <https://w3id.org/innograph/id/fund/hub> }")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .map(str::trim),
        Some("450")
    );
}
