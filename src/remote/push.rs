//! `push`: every document graph and the ontology graph of a store, sent to a
//! SPARQL 1.1 Graph Store HTTP Protocol endpoint, one `PUT` per graph in
//! N-Triples (Virtuoso's GSP takes no N-Quads), so that each graph is replaced
//! and a second push changes nothing. Only graphs changed since the last push
//! to that endpoint are sent (their fingerprints are kept in the store folder);
//! Basic and Digest authentication, checked first by a write that changes
//! nothing (so a wrong password fails a push with nothing to send too);
//! retries with backoff on 5xx and dropped connections.

use super::auth::{basic, digest_nc, Credentials};
use crate::error::{Error, Result};
use crate::store::GraphStore;
use crate::vocab::META_GRAPH;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store endpoint (`…/sparql-graph-crud-auth` for Virtuoso,
    /// `…/data` for Fuseki, `…/rdf-graphs/service` for GraphDB).
    pub endpoint: String,
    pub credentials: Option<Credentials>,
    /// Send every graph, changed or not.
    pub all: bool,
    /// Attempts per graph on server errors and dropped connections.
    pub attempts: usize,
    /// Fingerprints known without reading the graph (a document's content hash
    /// and quad count, from the projection cache): an unchanged graph is then
    /// skipped without being serialised.
    pub known: BTreeMap<String, String>,
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushReport {
    pub sent: usize,
    pub unchanged: usize,
    pub quads: usize,
    pub bytes: usize,
}

/// A step of a push, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum PushProgress {
    /// The number of graphs to look at.
    Graphs(usize),
    /// One graph looked at: sent (with its quads) or unchanged.
    Done { sent: bool, quads: usize },
}

/// The fingerprints of the graphs last pushed to each endpoint, in the store folder.
const STATE_FILE: &str = "push-state.json";

type State = BTreeMap<String, BTreeMap<String, String>>;

fn state_path(store: &GraphStore) -> Option<PathBuf> {
    store.path.as_ref().map(|p| p.join(STATE_FILE))
}

fn load_state(store: &GraphStore) -> State {
    state_path(store)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_state(store: &GraphStore, state: &State) -> Result<()> {
    let Some(path) = state_path(store) else {
        return Ok(());
    };
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(state).map_err(|e| Error::Remote(e.to_string()))?;
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, &path))
        .map_err(|source| Error::Write {
            what: path.display().to_string(),
            source,
        })
}

/// An HTTP client that answers the server's challenge (Digest or Basic),
/// reusing the last one for the requests after it.
struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    challenge: Option<String>,
    nc: u32,
}

impl Client {
    fn auth(&mut self, method: &str, path: &str) -> Option<String> {
        let c = self.credentials.as_ref()?;
        let ch = self.challenge.as_ref()?;
        if ch.trim_start().to_ascii_lowercase().starts_with("basic") {
            return Some(basic(c));
        }
        self.nc += 1;
        digest_nc(ch, c, method, path, "innograph", self.nc)
    }

    /// PUT (replace) or POST (add) `body` to `url`; the status and the first
    /// line of the answer.
    fn send(
        &mut self,
        method: &str,
        url: &str,
        path: &str,
        body: &[u8],
    ) -> std::result::Result<(u16, String), String> {
        for round in 0..2 {
            let auth = self.auth(method, path);
            let req = if method == "POST" {
                self.agent.post(url)
            } else {
                self.agent.put(url)
            };
            let mut req = req.header("Content-Type", "application/n-triples");
            if let Some(a) = &auth {
                req = req.header("Authorization", a);
            }
            let mut res = req.send(body).map_err(|e| e.to_string())?;
            let status = res.status().as_u16();
            if status == 401 && round == 0 && self.credentials.is_some() {
                let ch = res
                    .headers()
                    .get("www-authenticate")
                    .and_then(|v| v.to_str().ok())
                    .map(String::from);
                if let Some(ch) = ch {
                    self.challenge = Some(ch);
                    self.nc = 0;
                    continue;
                }
            }
            let text = res.body_mut().read_to_string().unwrap_or_default();
            let line = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string();
            return Ok((status, line));
        }
        Err("no answer".into())
    }
}

/// Pushes the store's graphs to `options.endpoint`.
///
/// # Returns
/// The graphs sent and left unchanged, and the quads and bytes sent; an error
/// on a refused login (401/403) or a graph that failed after every attempt.
pub fn push(
    store: &GraphStore,
    options: &PushOptions,
    on_progress: &dyn Fn(PushProgress),
) -> Result<PushReport> {
    let mut state = load_state(store);
    let sent_before = state.get(&options.endpoint).cloned().unwrap_or_default();
    let mut now: BTreeMap<String, String> = BTreeMap::new();
    let graphs: Vec<String> = store
        .store
        .named_graphs()
        .filter_map(|g| match g {
            Ok(NamedOrBlankNode::NamedNode(n)) if n.as_str() != META_GRAPH => {
                Some(n.as_str().to_string())
            }
            _ => None,
        })
        .collect();
    on_progress(PushProgress::Graphs(graphs.len()));
    let mut client = Client {
        agent: ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(600)))
            .http_status_as_error(false)
            .build()
            .into(),
        credentials: options.credentials.clone(),
        challenge: None,
        nc: 0,
    };
    if let Some(first) = graphs.first() {
        check_access(&mut client, &options.endpoint, first)?;
    }
    let mut report = PushReport::default();
    for g in &graphs {
        let known = options.known.get(g);
        if let Some(fp) = known.filter(|fp| !options.all && sent_before.get(g) == Some(*fp)) {
            now.insert(g.clone(), fp.clone());
            report.unchanged += 1;
            on_progress(PushProgress::Done {
                sent: false,
                quads: 0,
            });
            continue;
        }
        let node = oxigraph::model::NamedNode::new_unchecked(g.clone());
        let mut body = Vec::new();
        store
            .store
            .dump_graph_to_writer(
                GraphNameRef::NamedNode(node.as_ref()),
                RdfFormat::NTriples,
                &mut body,
            )
            .map_err(|e| Error::Remote(format!("cannot serialise the graph {g}: {e}")))?;
        let fingerprint = known
            .cloned()
            .unwrap_or_else(|| format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&body)));
        let quads = body.iter().filter(|&&b| b == b'\n').count();
        if !options.all && sent_before.get(g) == Some(&fingerprint) {
            now.insert(g.clone(), fingerprint);
            report.unchanged += 1;
            on_progress(PushProgress::Done { sent: false, quads });
            continue;
        }
        if let Err(e) = put_graph(&mut client, options, g, &body) {
            // what was sent so far stays recorded
            state.insert(options.endpoint.clone(), merged(&sent_before, &now));
            save_state(store, &state)?;
            return Err(e);
        }
        now.insert(g.clone(), fingerprint);
        report.sent += 1;
        report.quads += quads;
        report.bytes += body.len();
        on_progress(PushProgress::Done { sent: true, quads });
    }
    state.insert(options.endpoint.clone(), now);
    save_state(store, &state)?;
    Ok(report)
}

/// Sends graph `g` (`body`, N-Triples) to the endpoint, retrying a server
/// error or a lost connection with a growing wait, `options.attempts` times.
fn put_graph(client: &mut Client, options: &PushOptions, g: &str, body: &[u8]) -> Result<()> {
    let (url, path) = graph_url(&options.endpoint, g);
    let mut wait = Duration::from_millis(500);
    let mut attempt = 0;
    loop {
        attempt += 1;
        match client.send("PUT", &url, &path, body) {
            Ok((s, _)) if (200..300).contains(&s) => return Ok(()),
            Ok((s @ (401 | 403), line)) => return Err(refused(&options.endpoint, s, &line)),
            Ok((s, line)) if s < 500 => {
                return Err(Error::Remote(format!(
                    "the endpoint {} refused the graph {g} ({s}): {line}",
                    options.endpoint
                )))
            }
            other if attempt >= options.attempts.max(1) => {
                let why = match other {
                    Ok((s, line)) => format!("{s}: {line}"),
                    Err(e) => e,
                };
                return Err(Error::Remote(format!(
                    "cannot push the graph {g} to {} after {attempt} attempts: {why}",
                    options.endpoint
                )));
            }
            _ => {
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(8));
            }
        }
    }
}

/// The Graph Store URL of graph `g` at `endpoint`, and its request target
/// (path and query, for Digest authentication).
fn graph_url(endpoint: &str, g: &str) -> (String, String) {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    let url = format!(
        "{endpoint}{sep}graph={}",
        percent_encoding::utf8_percent_encode(g, percent_encoding::NON_ALPHANUMERIC)
    );
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map_or("/".to_string(), |p| format!("/{p}"));
    (url, path)
}

fn refused(endpoint: &str, status: u16, line: &str) -> Error {
    Error::Remote(format!(
        "the endpoint {endpoint} refused the push ({status}{}): check --user and --password, and that the user may write graphs",
        if line.is_empty() { String::new() } else { format!(": {line}") }
    ))
}

/// Checks the login before anything is compared or sent: an empty N-Triples
/// POST to graph `g` asks the Graph Store to add nothing, a write that changes
/// nothing, so the server checks the password and the right to write (Virtuoso
/// 7 answers 204, or 401 for a wrong password; it answers HEAD with 501, and a
/// read may be open to anyone). A status other than 401 or 403 is left to the
/// PUTs that follow, which retry and report it.
fn check_access(client: &mut Client, endpoint: &str, g: &str) -> Result<()> {
    let (url, path) = graph_url(endpoint, g);
    match client.send("POST", &url, &path, b"") {
        Ok((s @ (401 | 403), line)) => Err(refused(endpoint, s, &line)),
        Ok(_) => Ok(()),
        Err(e) => Err(Error::Remote(format!(
            "cannot reach the endpoint {endpoint}: {e}"
        ))),
    }
}

/// The fingerprints of a push cut short: those sent now over those of before.
fn merged(
    before: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut m = before.clone();
    m.extend(now.iter().map(|(k, v)| (k.clone(), v.clone())));
    m
}

/// Quads per second of a push, for its summary line.
pub fn rate(report: &PushReport, started: Instant) -> f64 {
    report.quads as f64 / started.elapsed().as_secs_f64().max(1e-9)
}
