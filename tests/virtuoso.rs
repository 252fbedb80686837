//! innograph and a real Virtuoso 7 (Debian's `virtuoso-opensource-7`, started on
//! loopback in a temporary folder by tools/virtuoso.py): push, push again, push
//! a changed document, analyses over `--endpoint`, a wrong password.

mod common;

use common::{bin, tool_available};
use std::path::Path;
use tempfile::TempDir;

#[test]
fn push_to_virtuoso_and_analyse_over_its_endpoint() {
    if !tool_available(
        "sh",
        &[
            "-c",
            "command -v virtuoso-t && command -v isql-vt && command -v python3",
        ],
    ) {
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
    bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(&docs)
        .assert()
        .success();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/virtuoso_push.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("innograph"))
        .arg(&store)
        .arg(&docs)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for check in [
        "push ok",
        "second push ok",
        "changed push ok",
        "endpoint analyses ok",
        "wrong password ok",
    ] {
        assert!(report.contains(check), "{report}");
    }
}
