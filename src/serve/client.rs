//! The ingest side of a served store: `innograph ingest` into a store that
//! `innograph serve` holds sends its documents to the server, which writes them.

use super::HANDOFF_FILE;
use crate::error::{Error, Result};
use crate::pipeline::DocumentSink;
use crate::resolve::DocumentGraph;
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::path::Path;
use std::time::Duration;

/// A store held by a running server, written through it.
pub struct ServedStore {
    url: String,
    token: String,
    agent: ureq::Agent,
}

impl ServedStore {
    /// The server holding the store at `dir`, if one left its hand-off file there and answers.
    pub fn find(dir: &Path) -> Option<ServedStore> {
        let text = std::fs::read_to_string(dir.join(HANDOFF_FILE)).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let s = ServedStore {
            url: v.get("url")?.as_str()?.trim_end_matches('/').to_string(),
            token: v.get("token")?.as_str()?.to_string(),
            agent: ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(600)))
                .http_status_as_error(false)
                .build()
                .into(),
        };
        // an empty batch: checks that the server is there and takes the token
        s.post(Vec::new()).ok()?;
        Some(s)
    }

    /// Where the server listens.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The content hashes of the documents the served store holds.
    pub fn hashes(&self) -> Result<std::collections::HashMap<String, String>> {
        let fail = |m: String| {
            Error::Server(format!(
                "cannot ask the server at {} for its documents: {m}",
                self.url
            ))
        };
        let mut res = self
            .agent
            .get(&format!("{}/_ingest/hashes", self.url))
            .header("Authorization", &format!("Bearer {}", self.token))
            .call()
            .map_err(|e| fail(e.to_string()))?;
        let text = res
            .body_mut()
            .read_to_string()
            .map_err(|e| fail(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| fail(e.to_string()))
    }

    fn post(&self, body: Vec<u8>) -> Result<usize> {
        let fail = |m: String| {
            Error::Server(format!(
                "cannot send documents to the server at {}: {m}",
                self.url
            ))
        };
        let mut res = self
            .agent
            .post(&format!("{}/_ingest", self.url))
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Content-Type", "application/n-quads")
            .send(&body[..])
            .map_err(|e| match e {
                // no connection at all: the server stopped or died
                ureq::Error::Io(_) | ureq::Error::ConnectionFailed => Error::ServerGone {
                    url: self.url.clone(),
                    message: e.to_string(),
                },
                e => fail(e.to_string()),
            })?;
        let status = res.status();
        let text = res
            .body_mut()
            .read_to_string()
            .map_err(|e| fail(e.to_string()))?;
        if !status.is_success() {
            return Err(fail(format!("{status}: {}", text.trim())));
        }
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?;
        Ok(v.get("quads").and_then(|q| q.as_u64()).unwrap_or(0) as usize)
    }
}

impl DocumentSink for ServedStore {
    fn write_documents(
        &self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &oxigraph::model::Quad),
    ) -> Result<usize> {
        let mut body = Vec::new();
        let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut body);
        for dg in graphs {
            for q in crate::rdf::write::Quads::new(dg) {
                ser.serialize_quad(&q).map_err(|source| Error::Write {
                    what: "documents for the server".into(),
                    source,
                })?;
                each(dg, &q);
            }
        }
        ser.finish().map_err(|source| Error::Write {
            what: "documents for the server".into(),
            source,
        })?;
        self.post(body)
    }

    fn run(&self) -> Box<dyn crate::pipeline::SinkRun + '_> {
        Box::new(crate::pipeline::Immediate(self))
    }
}
