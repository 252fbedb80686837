//! Bad input: every case gets a one-line error naming the file (and line),
//! the rest of the batch is ingested, the exit status says whether anything
//! failed, and nothing stored before is lost. Plus encodings, a crash in the
//! middle of a batch, and a store held by another process.

mod common;

use common::{bin, query_json};
use std::path::Path;
use tempfile::TempDir;

const GOOD: &str = "2025年江阴市科技工作要点\n\n江阴市将深化与清华大学的合作，建设江阴科技城，力争新增高新技术企业200家。\n";

fn run_ingest(store: &Path, args: &[&str], paths: &[&Path]) -> (bool, String) {
    let mut c = bin();
    c.arg("ingest").arg("--store").arg(store).args(args);
    for p in paths {
        c.arg(p);
    }
    let out = c.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn select(store: &Path, q: &str) -> Vec<serde_json::Value> {
    query_json(store, q)["results"]["bindings"]
        .as_array()
        .unwrap()
        .clone()
}

fn document_ids(store: &Path) -> Vec<String> {
    let mut ids: Vec<String> = select(
        store,
        "SELECT ?id WHERE { ?d a <https://w3id.org/innograph/ontology#Document> ; <http://purl.org/dc/terms/identifier> ?id }",
    )
    .iter()
    .map(|b| b["id"]["value"].as_str().unwrap().to_string())
    .collect();
    ids.sort();
    ids
}

enum Make {
    Bytes(Vec<u8>),
    Dangling,
    Loop,
    Fifo,
    Sparse(u64),
}

/// One bad file beside a good one; a document stored before must survive.
#[test]
fn each_bad_file_is_reported_and_the_batch_goes_on() {
    let cases: Vec<(&str, Make, &[&str])> = vec![
        ("empty.txt", Make::Bytes(Vec::new()), &["empty.txt", "the file is empty"]),
        ("blank.txt", Make::Bytes(b" \n\t\n".to_vec()), &["blank.txt", "no text"]),
        (
            "binary.txt",
            Make::Bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec()),
            &["binary.txt", "binary file"],
        ),
        (
            "invalid-utf8.txt",
            Make::Bytes(b"abc \xff\xfe\xfd\xfc".to_vec()),
            &["invalid-utf8.txt", "invalid UTF-8 at byte 4"],
        ),
        (
            "broken.jsonl",
            Make::Bytes(
                "{\"id\": \"a\", \"text\": \"江阴市推进科技城建设。\"}\n{not json\n[1, 2]\n{\"id\": \"b\", \"text\": \"锡山区建设生命健康产业园。\"}\n{\"id\": \"c\"}\n"
                    .as_bytes()
                    .to_vec(),
            ),
            &["broken.jsonl, line 2", "broken.jsonl, line 3", "broken.jsonl, line 5"],
        ),
        ("vanished.txt", Make::Dangling, &["vanished.txt", "cannot read"]),
        ("loop.txt", Make::Loop, &["loop.txt", "cannot read"]),
        ("pipe.txt", Make::Fifo, &["pipe.txt", "not a regular file"]),
        ("huge.txt", Make::Sparse(200 << 20), &["huge.txt", "200 MiB", "--max-file-mb"]),
        (
            "repeated.jsonl",
            Make::Bytes(
                "{\"id\": \"a\", \"text\": \"江阴市推进科技城建设。\"}\n{\"id\": \"b\", \"text\": \"锡山区建设生命健康产业园。\"}\n{\"id\": \"a\", \"text\": \"宜兴市建设环保科技工业园。\"}\n"
                    .as_bytes()
                    .to_vec(),
            ),
            &["repeated.jsonl, line 3", "id \"a\" repeats line 1", "the first is kept"],
        ),
        (
            // NUL in every other byte as in UTF-16, but an unpaired surrogate
            "utf16-broken.txt",
            Make::Bytes(vec![0x5f, 0x6c, 0x41, 0x00, 0x01, 0xd8, 0x42, 0x00]),
            &["utf16-broken.txt", "UTF-16 without a byte-order mark"],
        ),
    ];
    for (name, make, expected) in cases {
        let tmp = TempDir::new().unwrap();
        let store = tmp.path().join("store");
        let before = tmp.path().join("before.txt");
        std::fs::write(&before, GOOD).unwrap();
        let (ok, _) = run_ingest(&store, &[], &[&before]);
        assert!(ok);
        let dir = tmp.path().join("batch");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("good.txt"), GOOD.replace("江阴", "宜兴")).unwrap();
        let bad = dir.join(name);
        match make {
            Make::Bytes(b) => std::fs::write(&bad, b).unwrap(),
            Make::Dangling => {
                std::os::unix::fs::symlink(tmp.path().join("gone.txt"), &bad).unwrap()
            }
            Make::Loop => std::os::unix::fs::symlink(&bad, &bad).unwrap(),
            Make::Fifo => {
                let ok = std::process::Command::new("mkfifo")
                    .arg(&bad)
                    .status()
                    .unwrap()
                    .success();
                assert!(ok, "mkfifo");
            }
            Make::Sparse(n) => std::fs::File::create(&bad).unwrap().set_len(n).unwrap(),
        }
        let (ok, stderr) = run_ingest(&store, &[], &[&dir]);
        assert!(!ok, "{name}: the exit status must say something failed");
        for e in expected {
            assert!(
                stderr
                    .lines()
                    .any(|l| l.contains(e) && l.starts_with("innograph: ")),
                "{name}: no error line with {e:?} in:\n{stderr}"
            );
        }
        let ids = document_ids(&store);
        for want in ["before.txt", "good.txt"] {
            assert!(
                ids.contains(&want.to_string()),
                "{name}: {want} missing from {ids:?}"
            );
        }
        if name == "repeated.jsonl" {
            // the first line of id a is the one stored
            let text = select(
                &store,
                "SELECT ?t WHERE { ?d <http://purl.org/dc/terms/identifier> \"repeated.jsonl#a\" ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }",
            );
            assert_eq!(text.len(), 1, "{text:?}");
            assert!(
                text[0]["t"]["value"].as_str().unwrap().contains("江阴市"),
                "{text:?}"
            );
            assert!(ids.contains(&"repeated.jsonl#b".to_string()), "{ids:?}");
        }
        if name == "broken.jsonl" {
            assert!(
                ids.contains(&"broken.jsonl#a".to_string())
                    && ids.contains(&"broken.jsonl#b".to_string()),
                "{ids:?}"
            );
        }
    }
}

#[test]
fn a_clean_batch_exits_zero() {
    let tmp = TempDir::new().unwrap();
    let f = tmp.path().join("ok.txt");
    std::fs::write(&f, GOOD).unwrap();
    let (ok, stderr) = run_ingest(&tmp.path().join("store"), &[], &[&f]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("0 failed"), "{stderr}");
}

/// GBK, GB18030 and Big5 files; traditional characters are matched as
/// simplified while offsets and anchors point into the original text.
#[test]
fn chinese_encodings_are_read_and_traditional_text_is_matched() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("enc");
    std::fs::create_dir(&dir).unwrap();
    let simplified = "江阴市与清华大学共建研究院，锡山区发展集成电路产业。";
    let (gbk, _, e1) = encoding_rs::GBK.encode(simplified);
    let gb18030_text = format!("{simplified}𠀀");
    let (gb18030, _, e2) = encoding_rs::GB18030.encode(&gb18030_text);
    let traditional = "江陰市與清華大學共建研究院，錫山區發展集成電路產業。";
    let (big5, _, e3) = encoding_rs::BIG5.encode(traditional);
    assert!(!e1 && !e2 && !e3);
    std::fs::write(dir.join("gbk.txt"), &gbk).unwrap();
    std::fs::write(dir.join("gb18030.txt"), &gb18030).unwrap();
    std::fs::write(dir.join("big5.txt"), &big5).unwrap();
    // UTF-16 without a byte-order mark, in both byte orders
    let utf16 = format!("2025年{simplified}\n");
    let le: Vec<u8> = utf16.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = utf16.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.join("utf16le.txt"), &le).unwrap();
    std::fs::write(dir.join("utf16be.txt"), &be).unwrap();
    let store = tmp.path().join("store");
    let (ok, stderr) = run_ingest(&store, &[], &[&dir]);
    assert!(ok, "{stderr}");
    let rows = select(
        &store,
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?id ?label ?anchor ?b ?e ?text WHERE {
           ?m itsrdf:taIdentRef ?x ; nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?d .
           ?x rdfs:label ?label . ?d dcterms:identifier ?id ; nif:isString ?text }",
    );
    let found = |id: &str, label: &str| -> Vec<(String, usize, usize, String)> {
        rows.iter()
            .filter(|r| r["id"]["value"] == id && r["label"]["value"] == label)
            .map(|r| {
                (
                    r["anchor"]["value"].as_str().unwrap().to_string(),
                    r["b"]["value"].as_str().unwrap().parse().unwrap(),
                    r["e"]["value"].as_str().unwrap().parse().unwrap(),
                    r["text"]["value"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    for id in [
        "gbk.txt",
        "gb18030.txt",
        "big5.txt",
        "utf16le.txt",
        "utf16be.txt",
    ] {
        for label in ["清华大学", "江阴市", "锡山区"] {
            let hits = found(id, label);
            assert!(!hits.is_empty(), "{label} not found in {id}");
            for (anchor, b, e, text) in hits {
                let slice: String = text.chars().skip(b).take(e - b).collect();
                assert_eq!(
                    slice, anchor,
                    "{id}: offsets must point into the stored original text"
                );
                if id == "big5.txt" {
                    assert!(
                        text.starts_with("江陰市"),
                        "the original traditional text is stored"
                    );
                    assert_ne!(anchor, label, "anchors are the traditional original");
                }
            }
        }
    }
}

/// A mistyped path: an error naming it, and no store folder made for nothing.
#[test]
fn a_path_that_does_not_exist_creates_no_store() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let missing = tmp.path().join("no-such-folder");
    let (ok, stderr) = run_ingest(&store, &[], &[&missing]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("innograph: ") && l.contains("no-such-folder")),
        "{stderr}"
    );
    assert!(stderr.contains("was not created"), "{stderr}");
    assert!(!store.exists(), "an empty store folder was left behind");
    // an existing store is opened as before, and what it holds kept
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    assert!(run_ingest(&store, &[], &[&good]).0);
    let (ok, _) = run_ingest(&store, &[], &[&missing]);
    assert!(!ok);
    assert_eq!(document_ids(&store), ["good.txt"]);
}

#[test]
fn html_with_scripts_and_broken_tags_keeps_the_text_only() {
    let tmp = TempDir::new().unwrap();
    let f = tmp.path().join("page.html");
    std::fs::write(
        &f,
        "<html><head><title>江阴科技</title><script>var secret = '无锡市';</script><style>p{color:red}</style></head><body><p>江阴市与清华大学合作<div>未闭合的段落<b>加粗 &amp; 实体<table><tr><td>锡山区</body>",
    )
    .unwrap();
    let store = tmp.path().join("store");
    let (ok, stderr) = run_ingest(&store, &[], &[&f]);
    assert!(ok, "{stderr}");
    let rows = select(&store, "SELECT ?t WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }");
    let text = rows[0]["t"]["value"].as_str().unwrap();
    assert!(
        text.contains("江阴市与清华大学合作") && text.contains("锡山区") && text.contains("& 实体"),
        "{text}"
    );
    assert!(
        !text.contains("secret") && !text.contains("color"),
        "{text}"
    );
}

#[test]
fn ten_thousand_small_files() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..10_000 {
        std::fs::write(
            dir.join(format!("{i:05}.txt")),
            format!("第{i}号：江阴市新增科技企业{i}家。"),
        )
        .unwrap();
    }
    let store = tmp.path().join("store");
    let (ok, stderr) = run_ingest(&store, &[], &[&dir]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("ingested 10000 documents"), "{stderr}");
    let n = select(&store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/innograph/ontology#Document> }");
    assert_eq!(n[0]["n"]["value"], "10000");
}

#[test]
fn a_store_held_by_another_process_gets_a_clear_message() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let held = innograph::GraphStore::open(&store).unwrap();
    let f = tmp.path().join("a.txt");
    std::fs::write(&f, GOOD).unwrap();
    let (ok, stderr) = run_ingest(&store, &[], &[&f]);
    assert!(!ok);
    assert!(
        stderr.contains("in use by another innograph process"),
        "{stderr}"
    );
    assert!(
        !stderr
            .to_lowercase()
            .contains("resource temporarily unavailable"),
        "{stderr}"
    );
    drop(held);
}

fn graph_sizes(store: &Path) -> std::collections::BTreeMap<String, String> {
    select(
        store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    )
    .iter()
    .map(|r| {
        (
            r["g"]["value"].as_str().unwrap().to_string(),
            r["n"]["value"].as_str().unwrap().to_string(),
        )
    })
    .collect()
}

/// SIGKILL in the middle of a batch: every document is whole or absent, and
/// a second run completes the batch.
#[test]
fn a_killed_ingest_leaves_no_partial_document() {
    let tmp = TempDir::new().unwrap();
    let corpus = tmp.path().join("corpus");
    bin()
        .args(["bench", "corpus", "--mb", "2", "--seed", "5", "--out"])
        .arg(&corpus)
        .assert()
        .success();
    let reference = tmp.path().join("reference");
    let (ok, stderr) = run_ingest(&reference, &["--batch-mb", "0"], &[&corpus]);
    assert!(ok, "{stderr}");
    let want = graph_sizes(&reference);
    assert!(want.len() > 20, "{} documents", want.len());

    // first run: every document is new to the store (bulk loader)
    let store = tmp.path().join("store");
    assert!(kill_ingest_midway(&store, &corpus, 1 << 20, &[]));
    let got = graph_sizes(&store);
    let partial: Vec<_> = got
        .iter()
        .filter(|(g, n)| !g.ends_with("/ontology") && want.get(*g) != Some(n))
        .collect();
    assert!(
        partial.is_empty(),
        "partial graphs after SIGKILL: {partial:?}"
    );
    assert!(
        got.len() < want.len(),
        "the kill came after the batch finished; nothing was tested"
    );

    let (ok, stderr) = run_ingest(&store, &["--batch-mb", "0"], &[&corpus]);
    assert!(ok, "{stderr}");
    assert_eq!(graph_sizes(&store), want);
    let leftovers: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("bulk-"))
        .collect();
    assert!(leftovers.is_empty(), "bulk files left: {leftovers:?}");

    // second run: every document replaces itself (transactions; --force, as
    // unchanged documents are otherwise skipped); killed midway, each is
    // still whole, none is lost
    let size: u64 = dir_size(&store);
    assert!(
        kill_ingest_midway(&store, &corpus, size + (1 << 20), &["--force"]),
        "the second ingest finished before the kill; nothing was tested"
    );
    assert_eq!(graph_sizes(&store), want);
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Starts `innograph ingest` one file per batch and SIGKILLs it once the
/// store directory has grown past `bytes` (or after a minute).
///
/// # Returns
/// Whether the kill hit a running ingest (not one that had finished).
fn kill_ingest_midway(store: &Path, corpus: &Path, bytes: u64, extra: &[&str]) -> bool {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("innograph"))
        .args(["ingest", "--batch-mb", "0"])
        .args(extra)
        .arg("--store")
        .arg(store)
        .arg(corpus)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while dir_size(store) <= bytes && started.elapsed().as_secs() <= 60 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    sigkill(child.id());
    child.wait().unwrap().code().is_none()
}

/// SIGKILL through the kill command: no unsafe code and no extra crate for one signal.
fn sigkill(pid: u32) {
    let ok = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

/// RocksDB reports a damaged store through an error string it allocates in
/// C and oxigraph frees from Rust: with one heap for both (mimalloc overrides
/// `malloc`), the user gets the error and a failed exit, never a crash.
#[test]
fn a_damaged_store_is_an_error_not_a_crash() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("store");
    std::fs::create_dir_all(&store).unwrap();
    // a store folder whose CURRENT file names no manifest
    std::fs::write(store.join("CURRENT"), "").unwrap();
    for args in [
        vec!["stats", "--store"],
        vec!["query", "--store"],
        vec!["analyze", "shared", "--store"],
    ] {
        let mut c = bin();
        c.args(&args).arg(&store);
        if args[0] == "query" {
            c.arg("SELECT * WHERE { ?s ?p ?o } LIMIT 1");
        }
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("CURRENT"), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&store.display().to_string()),
            "{args:?}: the message names the store: {stderr}"
        );
    }
}
