//! The projection cache beside the store and incremental ingest: analyses and
//! `stats` from the cache equal those read from the store; a stale or damaged
//! cache is never used; unchanged documents are skipped, changed ones replaced;
//! N-Quads shards hold the whole store.

mod common;

use common::{bin, stdout_of};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

fn ingest(store: &Path, paths: &[&Path], extra: &[&str]) -> String {
    let mut c = bin();
    c.arg("ingest").arg("--store").arg(store).args(extra);
    for p in paths {
        c.arg(p);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An analysis with and without the cache.
fn both(store: &Path, args: &[&str]) -> (String, String) {
    let cached = stdout_of(bin().args(args).arg("--store").arg(store));
    let plain = stdout_of(
        bin()
            .env("INNOGRAPH_NO_CACHE", "1")
            .args(args)
            .arg("--store")
            .arg(store),
    );
    (
        String::from_utf8(cached).unwrap(),
        String::from_utf8(plain).unwrap(),
    )
}

#[test]
fn analyses_from_the_cache_equal_those_from_the_store() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&sample()], &[]);
    assert!(store.join("projection.cache").exists());
    for args in [
        &["stats"][..],
        &["analyze", "shared", "--format", "json"],
        &["analyze", "centrality", "--top", "0", "--format", "json"],
        &["analyze", "communities", "--top", "0", "--format", "json"],
        &["analyze", "profile", "武进区", "--format", "json"],
        &["analyze", "similar", "武进区", "--format", "json"],
    ] {
        let (cached, plain) = both(&store, args);
        assert_eq!(cached, plain, "{args:?}");
        assert!(!cached.is_empty());
    }
}

/// A store of two sample documents ingested one after the other; `between`
/// runs on the store after the first and gives what it kept of it.
fn two_ingests<T>(between: impl FnOnce(&Path) -> T) -> (TempDir, PathBuf, T) {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&sample().join("hefei-report-excerpt.txt")], &[]);
    let kept = between(&store);
    ingest(
        &store,
        &[&sample().join("changzhou-districts-2025.txt")],
        &[],
    );
    (tmp, store, kept)
}

#[test]
fn a_stale_or_damaged_cache_is_not_used() {
    let (_tmp, store, one) =
        two_ingests(|store| std::fs::read(store.join("projection.cache")).unwrap());
    let cache = store.join("projection.cache");
    let two_stats =
        String::from_utf8(stdout_of(bin().args(["stats", "--store"]).arg(&store))).unwrap();
    // the cache of the first ingest put back: another generation, so not used
    // (the projection file, made from the summaries by a reader, taken away:
    // it would answer first)
    let graph = store.join("projection.graph");
    let _ = std::fs::remove_file(&graph);
    std::fs::write(&cache, &one).unwrap();
    let (cached, plain) = both(&store, &["stats"]);
    assert_eq!(cached, plain);
    assert_eq!(cached, two_stats);
    // a damaged file: the checksum fails, the store answers, the cache is rewritten
    let mut bad = std::fs::read(&cache).unwrap();
    let n = bad.len();
    bad[n / 2] ^= 0xff;
    std::fs::write(&cache, &bad).unwrap();
    let _ = std::fs::remove_file(&graph);
    let (cached, plain) = both(&store, &["analyze", "shared", "--format", "json"]);
    assert_eq!(cached, plain);
    assert_ne!(
        std::fs::read(&cache).unwrap(),
        bad,
        "the damaged cache is rebuilt"
    );
}

#[test]
fn the_projection_file_is_used_only_when_current() {
    let shared = &["analyze", "shared", "--format", "json"][..];
    let (_tmp, store, one) = two_ingests(|store| {
        stdout_of(bin().args(shared).arg("--store").arg(store));
        std::fs::read(store.join("projection.graph"))
            .expect("the first reader writes the projection file")
    });
    let graph = store.join("projection.graph");
    let (cached, plain) = both(&store, shared);
    assert_eq!(cached, plain);
    let two = std::fs::read(&graph).unwrap();
    assert_ne!(
        one, two,
        "the reader after an ingest brings the file up to date"
    );
    assert_eq!(both(&store, shared).0, plain, "read from the file");
    assert!(cached.contains("武进区"), "{cached}");
    // the file of the first ingest put back: another generation, so not used,
    // and the reader writes the current one for the next
    std::fs::write(&graph, &one).unwrap();
    let (stale, _) = both(&store, shared);
    assert_eq!(stale, plain);
    let (stats, stats_plain) = both(&store, &["stats"]);
    assert_eq!(stats, stats_plain);
    assert_eq!(
        std::fs::read(&graph).unwrap(),
        two,
        "rewritten by the reader"
    );
    // a damaged or cut file: the checksum fails, the summaries answer
    for cut in [false, true] {
        let mut bad = two.clone();
        if cut {
            bad.truncate(bad.len() - 9);
        } else {
            let n = bad.len();
            bad[n / 3] ^= 0x41;
        }
        std::fs::write(&graph, &bad).unwrap();
        let (stats, stats_plain) = both(&store, &["stats"]);
        assert_eq!(stats, stats_plain);
        std::fs::write(&graph, &bad).unwrap();
        assert_eq!(both(&store, shared).0, plain);
        assert_eq!(std::fs::read(&graph).unwrap(), two);
    }
}

#[test]
fn unchanged_documents_are_skipped_and_changed_ones_replaced() {
    let tmp = TempDir::new().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for f in [
        "changzhou-districts-2025.txt",
        "hefei-report-excerpt.txt",
        "news.jsonl",
    ] {
        std::fs::copy(sample().join(f), corpus.join(f)).unwrap();
    }
    let store = tmp.path().join("store");
    let first = ingest(&store, &[&corpus], &[]);
    assert!(first.contains("ingested 3 documents"), "{first}");
    let stats = stdout_of(bin().args(["stats", "--store"]).arg(&store));
    let again = ingest(&store, &[&corpus], &[]);
    assert!(
        again.contains("ingested 0 documents") && again.contains("3 unchanged"),
        "{again}"
    );
    assert_eq!(
        stdout_of(bin().args(["stats", "--store"]).arg(&store)),
        stats
    );
    // one file changed: only its document is extracted again
    let path = corpus.join("hefei-report-excerpt.txt");
    let text = std::fs::read_to_string(&path).unwrap() + "\n合肥将建设凤鸣科学城。\n";
    std::fs::write(&path, text).unwrap();
    let changed = ingest(&store, &[&corpus], &[]);
    assert!(
        changed.contains("ingested 1 documents") && changed.contains("2 unchanged"),
        "{changed}"
    );
    let v = common::query_json(
        &store,
        "SELECT ?l WHERE { ?e a <https://w3id.org/innograph/ontology#Platform> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(?l = \"凤鸣科学城\"@zh) }",
    );
    assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 1);
    let (cached, plain) = both(&store, &["stats"]);
    assert_eq!(cached, plain);
    // --force extracts everything again
    let forced = ingest(&store, &[&corpus], &["--force"]);
    assert!(
        forced.contains("ingested 3 documents") && forced.contains("0 unchanged"),
        "{forced}"
    );
}

#[test]
fn nquads_shards_hold_the_whole_store() {
    let tmp = TempDir::new().unwrap();
    let store = tmp.path().join("store");
    ingest(&store, &[&sample()], &[]);
    let one = tmp.path().join("all.nq");
    bin()
        .args(["export", "--format", "nquads", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&one)
        .assert()
        .success();
    let shards = tmp.path().join("shards");
    bin()
        .args(["export", "--format", "nquads", "--split-mb", "0", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(&shards)
        .assert()
        .success();
    let mut files: Vec<_> = std::fs::read_dir(&shards)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() > 1, "{files:?}");
    let lines: usize = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().lines().count())
        .sum();
    // the whole dump but the store's bookkeeping graph
    let all = std::fs::read_to_string(&one).unwrap();
    let meta = all
        .lines()
        .filter(|l| l.contains("innograph/meta>"))
        .count();
    assert_eq!(lines, all.lines().count() - meta);
}
