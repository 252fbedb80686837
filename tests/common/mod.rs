//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

pub mod server;

use assert_cmd::Command;
use std::ffi::OsStr;

/// The innograph binary cargo built for the tests.
pub fn bin() -> Command {
    Command::cargo_bin("innograph").expect("the binary is built by cargo test")
}

/// Runs an innograph command, fails the test with its stderr when it fails,
/// and returns its stdout.
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A SPARQL query's results as SPARQL JSON.
pub fn query_json(store: &std::path::Path, q: &str) -> serde_json::Value {
    let out = stdout_of(
        bin()
            .args(["query", "--format", "json", "--store"])
            .arg(store)
            .arg(q),
    );
    serde_json::from_slice(&out).unwrap()
}

/// Runs an external checker and fails the test with its stderr when it fails.
pub fn check(cmd: &str, args: &[&OsStr]) -> String {
    let out = std::process::Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether an external tool may be skipped (never on CI).
pub fn tool_available(cmd: &str, args: &[&str]) -> bool {
    let ok = std::process::Command::new(cmd)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("CI").is_err(),
            "{cmd} {args:?} is required on CI"
        );
        eprintln!("skipping: {cmd} is not available here");
    }
    ok
}
