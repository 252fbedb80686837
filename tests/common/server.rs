//! A running `innograph serve` for the end-to-end tests, and what they ask of
//! it over HTTP and of its process in /proc.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub fn exe() -> PathBuf {
    assert_cmd::cargo::cargo_bin("innograph")
}

/// The sample documents shipped with the project.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// A store made by `innograph ingest` from `docs`, in a fresh folder.
pub fn store_of(docs: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::TempDir::new().unwrap();
    let store = tmp.path().join("store");
    super::bin()
        .arg("ingest")
        .arg("--store")
        .arg(&store)
        .arg(docs)
        .assert()
        .success();
    (tmp, store)
}

/// A running server; stopped with SIGTERM when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Server {
    /// Starts `innograph serve` on `store` and waits for the line that says
    /// where it listens.
    pub fn start(store: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(exe())
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://") && w.ends_with('/'))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, url }
    }

    pub fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server with SIGTERM and returns its exit status.
    pub fn stop(mut self) -> ExitStatus {
        sigterm(self.child.id());
        let status = wait(&mut self.child, Duration::from_secs(20));
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        sigterm(self.child.id());
        let _ = wait(&mut self.child, Duration::from_secs(10));
    }
}

pub fn sigterm(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
}

/// Waits for a process to exit; after `limit`, kills it.
pub fn wait(child: &mut Child, limit: Duration) -> ExitStatus {
    let t = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            return child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// CPU seconds (user and system) a process has used.
pub fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    // fields 14 and 15 of proc(5), counted from the state (field 3)
    let ticks: u64 = f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

/// The resident memory of a process, in MiB.
pub fn rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0)
        >> 10
}

pub fn agent(limit: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(limit))
        .build()
        .into()
}

pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// (status, body) of a query by GET.
pub fn get_query(agent: &ureq::Agent, url: &str, q: &str) -> Result<(u16, String), ureq::Error> {
    let mut r = agent
        .get(&format!("{url}/sparql?query={}", enc(q)))
        .header("Accept", "application/sparql-results+json")
        .call()?;
    Ok((r.status().as_u16(), r.body_mut().read_to_string()?))
}

/// (status, body) of a POST with the given content type.
pub fn post(
    agent: &ureq::Agent,
    url: &str,
    content_type: &str,
    body: &[u8],
) -> Result<(u16, String), ureq::Error> {
    let mut r = agent
        .post(url)
        .header("Content-Type", content_type)
        .header("Accept", "application/sparql-results+json")
        .send(body)?;
    Ok((r.status().as_u16(), r.body_mut().read_to_string()?))
}

/// Reads until the server closes the connection: how long that took and what
/// it sent, or `None` if the connection was still open after `limit`.
pub fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<(Duration, String)> {
    let t = Instant::now();
    s.set_read_timeout(Some(limit)).unwrap();
    let mut buf = Vec::new();
    match s.read_to_end(&mut buf) {
        // a reset is a close too
        Ok(_) => Some((t.elapsed(), String::from_utf8_lossy(&buf).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
            Some((t.elapsed(), String::from_utf8_lossy(&buf).into_owned()))
        }
        Err(_) => None,
    }
}

/// `n` connections that each sent `head` (a request cut short) and wait.
pub fn hold_open(addr: &str, n: usize, head: &[u8]) -> Vec<TcpStream> {
    (0..n)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(head).unwrap();
            s
        })
        .collect()
}
