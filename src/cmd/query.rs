//! `innograph query`: SPARQL 1.1 over the merge of all documents (each triple
//! once) and their named graphs, within the query limits and an optional time
//! limit.

use crate::cli::QueryFormat;
use anyhow::{Context, Result};
use innograph::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::io::{Read, Write};
use std::path::Path;

fn read_query(q: &str) -> Result<String> {
    if q == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the query from stdin")?;
        Ok(s)
    } else if let Some(path) = q.strip_prefix('@') {
        std::fs::read_to_string(path).with_context(|| format!("cannot read the query file {path}"))
    } else {
        Ok(q.to_string())
    }
}

pub fn term_text(t: &oxigraph::model::Term) -> String {
    match t {
        oxigraph::model::Term::NamedNode(n) => n.as_str().to_string(),
        oxigraph::model::Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

pub fn run(store_path: &Path, q: &str, format: QueryFormat, timeout: Option<u64>) -> Result<()> {
    let text = read_query(q)?;
    // refused before the store is opened, with the limit it broke
    innograph::limits::check(&text, &innograph::limits::QueryLimits::default())
        .map_err(innograph::Error::from)?;
    let token = CancellationToken::new();
    let path = store_path.to_path_buf();
    let t = token.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    // parsed and evaluated on a thread whose stack holds the deepest query
    // the limits let through
    std::thread::Builder::new()
        .name("innograph-query".into())
        .stack_size(innograph::limits::QUERY_STACK_BYTES)
        .spawn(move || {
            let _ = tx.send(evaluate(&path, &text, format, t));
        })
        .context("cannot start the query's thread")?;
    let Some(secs) = timeout else {
        return rx.recv().map_err(|_| {
            anyhow::anyhow!("the query stopped inside innograph (its thread failed)")
        })?;
    };
    let stopped = || {
        anyhow::anyhow!(
            "the query was stopped after {secs} s (--timeout); simplify it or add a LIMIT"
        )
    };
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(outcome) => outcome,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            anyhow::bail!("the query stopped inside innograph (its thread failed)")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            token.cancel();
            // a second for the evaluation to see its token; the process's
            // exit ends it otherwise
            match rx.recv_timeout(std::time::Duration::from_secs(1)) {
                Ok(Ok(())) => Ok(()),
                _ => Err(stopped()),
            }
        }
    }
}

fn evaluate(
    store_path: &Path,
    text: &str,
    format: QueryFormat,
    token: CancellationToken,
) -> Result<()> {
    let store = GraphStore::open_read_only(store_path)?;
    if !store.is_merged() {
        eprintln!(
            "note: the store at {} was written by an older innograph: until it is opened for writing once (innograph ingest or serve), a fact stated by several documents is answered once per document",
            store_path.display()
        );
    }
    let results = store.query_with(
        text,
        &innograph::limits::QueryLimits::default(),
        Some(token.clone()),
    )?;
    // rows made from rows already read (products, sorts) look at no store:
    // the token is checked between them
    let alive = || -> Result<()> {
        if token.is_cancelled() {
            anyhow::bail!("the query was stopped");
        }
        Ok(())
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match results {
        QueryResults::Solutions(sol) => {
            let vars = sol.variables().to_vec();
            let fmt = match format {
                QueryFormat::Json => Some(QueryResultsFormat::Json),
                QueryFormat::Csv => Some(QueryResultsFormat::Csv),
                QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
                _ => None,
            };
            if let Some(fmt) = fmt {
                let mut ser = QueryResultsSerializer::from_format(fmt)
                    .serialize_solutions_to_writer(&mut out, vars)?;
                for s in sol {
                    alive()?;
                    ser.serialize(&s?)?;
                }
                ser.finish()?;
            } else {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = Vec::new();
                for s in sol {
                    alive()?;
                    let s = s?;
                    rows.push(
                        vars.iter()
                            .map(|v| {
                                s.get(v)
                                    .map(|t| super::output::short_cell(&term_text(t)))
                                    .unwrap_or_default()
                            })
                            .collect(),
                    );
                }
                write!(out, "{}", innograph::table::render(&header, &rows))?;
            }
        }
        QueryResults::Boolean(b) => match format {
            QueryFormat::Json => {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(&mut out, b)?;
            }
            _ => writeln!(out, "{b}")?,
        },
        QueryResults::Graph(triples) => {
            let f = if matches!(format, QueryFormat::Ntriples) {
                RdfFormat::NTriples
            } else {
                RdfFormat::Turtle
            };
            let mut ser = RdfSerializer::from_format(f).for_writer(&mut out);
            for t in triples {
                alive()?;
                ser.serialize_triple(&t?)?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}
