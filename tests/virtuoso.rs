//! innograph and a real Virtuoso 7 (Debian's `virtuoso-opensource-7`, started on
//! loopback in a temporary folder by tools/virtuoso.py): push, push again, push
//! a changed document, wrong passwords, the quads Virtuoso holds against the
//! store's; analyses over `--endpoint` on the 27 provincial reports under caps
//! on each answer.

mod common;

use common::{bin, tool_available};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn virtuoso_here() -> bool {
    tool_available(
        "sh",
        &[
            "-c",
            "command -v virtuoso-t && command -v isql-vt && command -v timeout && python3 -c 'import pyoxigraph'",
        ],
    )
}

/// Runs a test script, bounded: the script stops itself (and its Virtuoso)
/// after a few minutes; `timeout` ends it if even that hangs.
fn script(name: &str, args: &[&Path]) {
    let out = Command::new("timeout")
        .args(["--kill-after=30", "420", "python3"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join(name),
        )
        .arg(assert_cmd::cargo::cargo_bin("innograph"))
        .args(args)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{name}: {report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
}

fn ingest(store: &Path, docs: &Path) {
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(store)
        .arg(docs)
        .assert()
        .success();
}

#[test]
fn push_to_virtuoso_and_analyse_over_its_endpoint() {
    if !virtuoso_here() {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    for e in std::fs::read_dir(&sample).unwrap().flatten() {
        std::fs::copy(e.path(), docs.join(e.file_name())).unwrap();
    }
    let store = tmp.path().join("store");
    ingest(&store, &docs);
    script("virtuoso_push.py", &[&store, &docs]);
}

fn provincial_reports() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/reports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("2026_") && n.ends_with(".txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    if files.is_empty() {
        assert!(
            std::env::var("CI").is_err(),
            "../shared/corpus/reports is required on CI"
        );
        eprintln!("skipping: ../shared/corpus/reports is not here");
        return None;
    }
    files.sort();
    Some(files)
}

#[test]
fn analyses_over_a_capped_virtuoso_equal_the_local_ones_on_the_provincial_reports() {
    if !virtuoso_here() {
        return;
    }
    let Some(files) = provincial_reports() else {
        return;
    };
    assert_eq!(files.len(), 27, "{files:?}");
    let tmp = TempDir::new().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for f in &files {
        std::fs::copy(f, docs.join(f.file_name().unwrap())).unwrap();
    }
    let store = tmp.path().join("store");
    ingest(&store, &docs);
    script("virtuoso_endpoint.py", &[&store]);
}
