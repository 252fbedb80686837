//! A SPARQL 1.1 query endpoint as the source of the analyses: queries sent by
//! HTTP POST, results read as SPARQL JSON, an answer the server may have cut
//! fetched again in pieces ([`super::paging`]) and sorted here ([`super::order`]).

use super::auth::{basic, digest, Credentials};
use super::order::sort_rows;
use super::paging::{plan, Plan, Range};
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
    /// An answer of this many rows or more may have been cut by a server that
    /// does not say so (Virtuoso says so in a header): it is counted, and
    /// fetched again in pieces if rows are missing.
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
        Error::Remote(format!("the query to {} failed: {m}", self.url))
    }

    /// One request: the columns and rows of a SELECT, and whether the server
    /// says it cut them.
    fn request(&self, query: &str) -> Result<Answer> {
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
        let capped = res.headers().contains_key("x-sparql-maxrows");
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
        Ok(Answer {
            vars: vars.iter().map(|v| v.as_str().to_string()).collect(),
            rows,
            capped,
        })
    }

    /// Whether an answer may lack rows.
    fn may_be_cut(&self, a: &Answer, cap: usize) -> bool {
        a.capped || a.rows.len() >= cap
    }

    /// The number of rows of the query, as the server counts them.
    fn count(&self, plan: &Plan) -> Result<usize> {
        let a = self.request(&plan.count())?;
        match a.rows.first().and_then(|r| r.first()) {
            Some(Some(Term::Literal(l))) => l.value().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.fail("the endpoint gave no number of rows to a COUNT"))
    }

    /// The whole answer of a query whose first answer was cut (`first`):
    /// pieces of about three quarters of the most rows the server returned,
    /// a piece that comes back full halved until it does not.
    fn fetch_in_pieces(&self, plan: &Plan, first: Answer) -> Result<Vec<Vec<Option<Term>>>> {
        let total = self.count(plan)?;
        if total == first.rows.len() {
            return Ok(first.rows);
        }
        let cap = first.rows.len().min(self.page).max(4);
        let pieces = total.div_ceil(cap * 3 / 4);
        let mut rows = Vec::with_capacity(total);
        let mut todo: Vec<Range> = Range::split_space(pieces.try_into().unwrap_or(u32::MAX));
        todo.reverse();
        while let Some(range) = todo.pop() {
            let a = self.request(&plan.piece(&first.vars, range))?;
            if self.may_be_cut(&a, cap) {
                if let Some((low, high)) = range.halves() {
                    todo.push(high);
                    todo.push(low);
                    continue;
                }
                if a.capped {
                    return Err(self.fail(format!(
                        "more rows share one hash value than the endpoint returns at once ({})",
                        a.rows.len()
                    )));
                }
            }
            rows.extend(a.rows);
        }
        if rows.len() != total {
            return Err(self.fail(format!(
                "the endpoint counts {total} rows but its pieces hold {}: was the store changed while it was read?",
                rows.len()
            )));
        }
        Ok(rows)
    }
}

/// The answer of one request.
struct Answer {
    vars: Vec<String>,
    rows: Vec<Vec<Option<Term>>>,
    /// The server said it returned fewer rows than the query has.
    capped: bool,
}

impl Source for Endpoint {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
        let Some(plan) = plan(sparql) else {
            // a query that bounds itself, or one only the server can order
            let a = self.request(sparql)?;
            if a.capped {
                return Err(self.fail(format!(
                    "the endpoint returned only {} rows of the answer",
                    a.rows.len()
                )));
            }
            return Ok(a.rows);
        };
        let first = self.request(&plan.unordered())?;
        let Some(keys) = plan.sort_keys(&first.vars) else {
            return Err(self.fail("the query orders by a variable it does not return"));
        };
        let mut rows = if self.may_be_cut(&first, self.page) {
            self.fetch_in_pieces(&plan, first)?
        } else {
            first.rows
        };
        sort_rows(&mut rows, &keys);
        Ok(rows)
    }
}
