//! A SPARQL 1.1 query endpoint as the source of the analyses: queries sent by
//! HTTP POST, results read as SPARQL JSON, an ORDER BY query fetched in pages
//! (servers cap result sizes: Virtuoso at 10,000 rows unless told otherwise).

use super::auth::{basic, digest, Credentials};
use crate::error::{Error, Result};
use crate::source::Source;
use oxigraph::model::Term;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::time::Duration;

/// A remote SPARQL endpoint.
pub struct Endpoint {
    url: String,
    credentials: Option<Credentials>,
    agent: ureq::Agent,
    /// Rows asked for per page of an ordered query.
    pub page: usize,
}

impl Endpoint {
    pub fn new(url: &str, credentials: Option<Credentials>) -> Endpoint {
        Endpoint {
            url: url.to_string(),
            credentials,
            agent: ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(600)))
                .http_status_as_error(false)
                .build()
                .into(),
            page: 10_000,
        }
    }

    fn fail(&self, m: impl std::fmt::Display) -> Error {
        Error::Invalid(format!("the query to {} failed: {m}", self.url))
    }

    /// One request: the rows of a SELECT.
    fn request(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>> {
        let body = format!(
            "query={}",
            percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
        );
        let send = |auth: Option<String>| {
            let mut req = self
                .agent
                .post(&self.url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json");
            if let Some(a) = auth {
                req = req.header("Authorization", &a);
            }
            req.send(body.as_bytes())
        };
        let mut res = send(self.credentials.as_ref().map(basic)).map_err(|e| self.fail(e))?;
        if res.status().as_u16() == 401 {
            if let (Some(c), Some(ch)) = (
                &self.credentials,
                res.headers()
                    .get("www-authenticate")
                    .and_then(|v| v.to_str().ok()),
            ) {
                let path = self
                    .url
                    .splitn(4, '/')
                    .nth(3)
                    .map_or("/".to_string(), |p| format!("/{p}"));
                if let Some(h) = digest(ch, c, "POST", &path, "innograph") {
                    res = send(Some(h)).map_err(|e| self.fail(e))?;
                }
            }
        }
        let status = res.status();
        if !status.is_success() {
            let text = res.body_mut().read_to_string().unwrap_or_default();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string();
            return Err(self.fail(format!("{status}: {first}")));
        }
        let reader = res.body_mut().as_reader();
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(reader)
            .map_err(|e| self.fail(e))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(self.fail("the answer is not a table of results"));
        };
        let vars = solutions.variables().to_vec();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| self.fail(e))?;
            rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
        }
        Ok(rows)
    }
}

impl Source for Endpoint {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
        // pages only for a query that orders all its rows and sets no limit itself
        let ordered = sparql.contains("ORDER BY") && !sparql.contains("LIMIT");
        if !ordered {
            return self.request(sparql);
        }
        let mut all = Vec::new();
        let mut offset = 0;
        loop {
            let rows = self.request(&format!("{sparql}\nLIMIT {} OFFSET {offset}", self.page))?;
            let n = rows.len();
            all.extend(rows);
            if n < self.page {
                break;
            }
            offset += n;
        }
        Ok(all)
    }
}
