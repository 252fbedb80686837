//! End-to-end tests of the binary on the bundled sample corpus: ingest → query →
//! analyze shared → export, idempotent re-ingest, bad input, and cross-checks
//! of the exports with xmllint, networkx and rdflib.

mod common;

use common::{bin, check, query_json, tool_available};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// A store holding the sample corpus, in a temporary folder.
fn sample_store() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&sample()]);
    (tmp, store)
}

fn export(store: &Path, format: &str, out: &Path) {
    bin()
        .args(["export", "--format", format, "--store"])
        .arg(store)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

fn ingest(store: &Path, paths: &[&Path]) {
    let mut c = bin();
    c.arg("ingest").arg("--store").arg(store);
    for p in paths {
        c.arg(p);
    }
    c.assert().success();
}

fn bindings(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["results"]["bindings"].as_array().unwrap().clone()
}

const PREFIX: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

#[test]
fn ingest_query_analyze_export_on_the_sample() {
    let (tmp, store) = sample_store();

    // which programs does each district run
    let v = query_json(
        &store,
        &format!("{PREFIX}SELECT ?d ?p WHERE {{ ?div ig:runsProgram ?prog . ?div rdfs:label ?d . ?prog rdfs:label ?p }} ORDER BY ?d ?p"),
    );
    let pairs: Vec<(String, String)> = bindings(&v)
        .iter()
        .map(|b| {
            (
                b["d"]["value"].as_str().unwrap().to_string(),
                b["p"]["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        pairs.contains(&("武进区".into(), "武进英才计划".into())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("锡山区".into(), "太湖人才计划".into())),
        "{pairs:?}"
    );

    // documents carry their metadata
    let v = query_json(
        &store,
        "SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t } ORDER BY ?t",
    );
    // four text files with a title line and one JSON Lines document with a title field
    assert_eq!(bindings(&v).len(), 5);

    // shared partners: 清华大学 is a partner of 新北区 and, through its institute, of 梁溪区 and 锡山区
    let out = bin()
        .args(["analyze", "shared", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success());
    let shared: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tsinghua = shared
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "清华大学")
        .expect("清华大学 is shared");
    let districts: Vec<&str> = tsinghua["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    for d in ["新北区", "梁溪区", "锡山区"] {
        assert!(districts.contains(&d), "{districts:?}");
    }
    // 无锡市 and its own 锡山区 never count as two
    for s in shared.as_array().unwrap() {
        let ds: Vec<&str> = s["districts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        assert!(!(ds.contains(&"无锡市") && ds.contains(&"锡山区")), "{s}");
    }

    // the table format is for people
    bin()
        .args(["analyze", "shared", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("清华大学"));

    for (format, file) in [
        ("gexf", "g.gexf"),
        ("graphml", "g.graphml"),
        ("nquads", "g.nq"),
        ("turtle", "g.ttl"),
        ("trig", "g.trig"),
        ("csv", "nodes.csv"),
    ] {
        export(&store, format, &tmp.path().join(file));
        assert!(
            std::fs::metadata(tmp.path().join(file)).unwrap().len() > 100,
            "{format}"
        );
    }
    assert!(tmp.path().join("nodes-edges.csv").exists());

    bin()
        .args(["stats", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("documents  5"));
}

#[test]
fn ingesting_twice_leaves_the_same_quads() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    let dump = |name: &str| {
        let out = tmp.path().join(name);
        export(&store, "nquads", &out);
        let mut lines: Vec<String> = std::fs::read_to_string(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        lines.sort();
        lines
    };
    ingest(&store, &[&sample()]);
    let first = dump("a.nq");
    ingest(&store, &[&sample().join("changzhou-districts-2025.txt")]);
    ingest(&store, &[&sample()]);
    let second = dump("b.nq");
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn bad_input_is_reported_and_the_rest_is_ingested() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "江阴\n江阴市科技局局长 徐飞\n2024年，江阴将实施“霞客之光”。",
    )
    .unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("宜兴\n宜兴市将建设培源科学城。");
    std::fs::write(dir.join("gbk.txt"), gbk).unwrap();
    std::fs::write(
        dir.join("lines.jsonl"),
        "{\"text\":\"锡山区实施“太湖人才计划”。\",\"id\":\"a\"}\n{broken\n",
    )
    .unwrap();
    let store = tmp.path().join("store");
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("binary.txt"))
        .stderr(predicate::str::contains("lines.jsonl, line 2"));
    let v = query_json(
        &store,
        &format!("{PREFIX}SELECT ?l WHERE {{ ?d ig:mentions ?e . ?e rdfs:label ?l }}"),
    );
    let labels: Vec<String> = bindings(&v)
        .iter()
        .map(|b| b["l"]["value"].as_str().unwrap().to_string())
        .collect();
    for want in ["霞客之光", "培源科学城", "太湖人才计划"] {
        assert!(
            labels.iter().any(|l| l == want),
            "{want} missing from {labels:?}"
        );
    }
}

#[test]
fn malformed_query_gets_one_line_with_position() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&sample().join("hefei-report-excerpt.txt")]);
    let out = bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg("SELECT ?x WHERE { ?x ")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("1:"), "{err}");
}

#[test]
fn missing_store_and_unknown_files_are_clear_errors() {
    let tmp = TempDir::new().unwrap();
    bin()
        .args(["stats", "--store"])
        .arg(tmp.path().join("nothing"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("no innograph store"));
    bin()
        .args(["ingest", "--store"])
        .arg(tmp.path().join("s"))
        .arg(tmp.path().join("missing.txt"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn gexf_validates_and_networkx_reads_it() {
    let (tmp, store) = sample_store();
    let gexf = tmp.path().join("g.gexf");
    export(&store, "gexf", &gexf);
    let rng = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/gexf-1.3/gexf.rng");
    if rng.exists() && tool_available("xmllint", &["--version"]) {
        check(
            "xmllint",
            &[
                "--noout".as_ref(),
                "--relaxng".as_ref(),
                rng.as_os_str(),
                gexf.as_os_str(),
            ],
        );
    }
    if tool_available("python3", &["-c", "import networkx"]) {
        let script = "import sys, networkx as nx\ng = nx.read_gexf(sys.argv[1])\nlabels = {d['label'] for _, d in g.nodes(data=True)}\nassert '清华大学' in labels, labels\nassert all('class' in d and 'iri' in d and isinstance(d['documents'], int) for _, d in g.nodes(data=True))\nprint(g.number_of_nodes(), g.number_of_edges())";
        check(
            "python3",
            &["-c".as_ref(), script.as_ref(), gexf.as_os_str()],
        );
    }
}

#[test]
fn nquads_export_is_read_by_rdflib_with_the_store_quad_count() {
    let (tmp, store) = sample_store();
    let nq = tmp.path().join("g.nq");
    export(&store, "nquads", &nq);
    let count = query_json(
        &store,
        // every graph but the store's bookkeeping, which dumps leave out
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/innograph/meta>) }",
    );
    let n: usize = bindings(&count)[0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    if tool_available("python3", &["-c", "import rdflib"]) {
        let script = "import sys, rdflib\nd = rdflib.Dataset()\nd.parse(sys.argv[1], format='nquads')\nprint(sum(1 for _ in d.quads((None, None, None, None))))";
        let stdout = check("python3", &["-c".as_ref(), script.as_ref(), nq.as_os_str()]);
        let got: usize = stdout.trim().parse().unwrap();
        assert_eq!(got, n);
    }
}

/// COUNT(*) of a query's WHERE clause, through `innograph query`.
fn count(store: &Path, pattern: &str) -> u64 {
    let q = format!(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    );
    let v = query_json(store, &q);
    bindings(&v)[0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Lines of a CONSTRUCT or DESCRIBE printed as N-Triples.
fn ntriples(store: &Path, q: &str) -> Vec<String> {
    let out = common::stdout_of(
        bin()
            .args(["query", "--format", "ntriples", "--store"])
            .arg(store)
            .arg(q),
    );
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_fact_stated_by_two_documents_is_answered_once() {
    let tmp = TempDir::new().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let a = docs.join("a.txt");
    std::fs::write(
        &a,
        "江阴市科技局发布霞客之光计划，支持清华大学无锡应用技术研究院建设。",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        "江阴市与清华大学合作，江阴市科技局推进霞客之光计划。",
    )
    .unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&docs]);
    let label = r#"?e rdfs:label "江阴市"@zh"#;
    // each document states the label in its own graph; the default graph once
    assert_eq!(count(&store, &format!("GRAPH ?g {{ {label} }}")), 2);
    assert_eq!(count(&store, label), 1);
    let rows = query_json(
        &store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e WHERE {{ {label} }}"
        ),
    );
    assert_eq!(bindings(&rows).len(), 1);
    // every triple of the default graph once, in CONSTRUCT and DESCRIBE
    let constructed = ntriples(&store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }");
    let distinct: std::collections::BTreeSet<_> = constructed.iter().collect();
    assert_eq!(constructed.len(), distinct.len());
    assert_eq!(
        constructed.len() as u64,
        count(&store, "?s ?p ?o"),
        "CONSTRUCT and COUNT see the same triples"
    );
    let described = ntriples(
        &store,
        r#"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> DESCRIBE ?e WHERE { ?e rdfs:label "江阴市"@zh }"#,
    );
    let label_lines = described
        .iter()
        .filter(|l| l.contains("rdf-schema#label") && l.contains("\"江阴市\"@zh"))
        .count();
    assert_eq!(label_lines, 1, "{described:#?}");
    let distinct: std::collections::BTreeSet<_> = described.iter().collect();
    assert_eq!(described.len(), distinct.len(), "{described:#?}");
    // a re-ingested document that no longer states it: the other one still does
    std::fs::write(&a, "苏州市推进科技创新。").unwrap();
    ingest(&store, &[&docs]);
    assert_eq!(count(&store, &format!("GRAPH ?g {{ {label} }}")), 1);
    assert_eq!(count(&store, label), 1);
    // and when neither does, it is gone from the default graph too
    std::fs::write(docs.join("b.txt"), "苏州市推进科技创新。").unwrap();
    ingest(&store, &[&docs]);
    assert_eq!(count(&store, label), 0);
    assert_eq!(
        count(&store, "?s ?p ?o"),
        count(&store, "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/innograph/meta>) }"),
        "the default graph is exactly the merge of the named graphs"
    );
}

#[test]
fn a_query_nested_thousands_deep_is_refused_with_a_clear_error() {
    let (_tmp, store) = sample_store();
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(4000),
        "}".repeat(4000)
    );
    bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg(&deep)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("levels deep"));
    // (on stdin: one argument may not be that long)
    let huge = format!("SELECT * WHERE {{ ?s ?p ?o }} #{}", "x".repeat(200 << 10));
    bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg("-")
        .write_stdin(huge)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bytes long"));
    // a long flat query within the limits runs
    let values: String = (0..5000).map(|i| format!("<http://x/{i}> ")).collect();
    let long =
        format!("SELECT * WHERE {{ VALUES ?s {{ {values} }} OPTIONAL {{ ?s ?p ?o }} }} LIMIT 1");
    bin()
        .args(["query", "--store"])
        .arg(&store)
        .arg(&long)
        .assert()
        .success();
}

#[test]
fn query_timeout_stops_the_evaluation() {
    let (_tmp, store) = sample_store();
    let t = std::time::Instant::now();
    bin()
        .args(["query", "--timeout", "1", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stopped after 1 s"));
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        t.elapsed()
    );
}
