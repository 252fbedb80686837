//! `innograph query`: SPARQL 1.1 over the union of all documents.

use crate::cli::QueryFormat;
use anyhow::{Context, Result};
use innograph::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
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

pub fn run(store_path: &Path, q: &str, format: QueryFormat) -> Result<()> {
    let text = read_query(q)?;
    let store = GraphStore::open_read_only(store_path)?;
    let results = store.query(&text)?;
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
                    ser.serialize(&s?)?;
                }
                ser.finish()?;
            } else {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = Vec::new();
                for s in sol {
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
                ser.serialize_triple(&t?)?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}
