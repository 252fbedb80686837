//! The SPARQL 1.1 Protocol's query operation over the store: the dataset a
//! request names (or the merge of all documents, each triple once), results in
//! the format it asks for, refused when too large or deep, stopped when it runs
//! past the server's limit.

use super::negotiate::{graph_format, results_format};
use crate::limits::QueryLimits;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;

/// A query as the protocol carries it.
#[derive(Debug, Clone, Default)]
pub struct QueryRequest {
    pub query: String,
    /// `default-graph-uri`: when given, the default graph is their merge.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri`: when given, the only named graphs the query sees.
    pub named_graphs: Vec<String>,
    /// Media types the client accepts, best first.
    pub wanted: Vec<String>,
}

/// Why a query got no results.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{0}")]
    Syntax(String),
    #[error("{0}")]
    Limit(String),
    #[error("{0}")]
    BadDataset(String),
    #[error("none of the requested formats ({0}) can carry this result; ask for application/sparql-results+json, +xml, text/csv or text/tab-separated-values (SELECT, ASK), text/turtle, application/n-triples, application/rdf+xml or application/ld+json (CONSTRUCT, DESCRIBE)")]
    NotAcceptable(String),
    #[error("the query was stopped: it ran longer than this server's limit")]
    Cancelled,
    #[error("the result is larger than this server's limit of {0} MB; add a LIMIT or ask for fewer columns")]
    TooLarge(usize),
    #[error("the query failed: {0}")]
    Evaluation(String),
    #[error("the query was stopped: it needed more than this server's {0} MiB of memory (--max-query-mb); add a LIMIT, filter earlier or sort fewer rows")]
    TooMuchMemory(usize),
}

/// A writer that refuses to grow past a limit, so that one query cannot take
/// all memory.
struct Capped {
    buf: Vec<u8>,
    limit: usize,
}

impl Write for Capped {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + b.len() > self.limit {
            return Err(std::io::Error::other("result too large"));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn evaluation(e: QueryEvaluationError) -> QueryError {
    match e {
        QueryEvaluationError::Cancelled => QueryError::Cancelled,
        e => QueryError::Evaluation(e.to_string()),
    }
}

fn named(iri: &str) -> Result<NamedNode, QueryError> {
    NamedNode::new(iri).map_err(|e| QueryError::BadDataset(format!("{iri:?} is not an IRI: {e}")))
}

/// How a query may run: the store's shape and the server's bounds.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// The store's default graph is the merge of its named graphs
    /// ([`GraphStore::is_merged`](crate::GraphStore::is_merged)); when not,
    /// the union of the named graphs stands in.
    pub merged: bool,
    /// Results larger than this many bytes are refused.
    pub max_bytes: usize,
    pub limits: QueryLimits,
}

/// The dataset of a request naming several default graphs, in a store of its
/// own: their triples once each in its default graph (oxigraph would read the
/// graphs one after another, a triple in two of them twice), the named graphs
/// beside. Built per query, in proportion to the graphs named, and stopped
/// by `token` like the query.
fn merge_of(
    store: &Store,
    req: &QueryRequest,
    token: &CancellationToken,
) -> Result<Store, QueryError> {
    let storage = |e: oxigraph::store::StorageError| QueryError::Evaluation(e.to_string());
    let out = Store::new().map_err(storage)?;
    let mut quads = Vec::new();
    let graphs = req.default_graphs.iter().map(|g| (g, true));
    for (g, into_default) in graphs.chain(req.named_graphs.iter().map(|g| (g, false))) {
        let g = named(g)?;
        if token.is_cancelled() {
            return Err(QueryError::Cancelled);
        }
        for q in store.quads_for_pattern(None, None, None, Some(g.as_ref().into())) {
            let mut q = q.map_err(storage)?;
            if into_default {
                q.graph_name = GraphName::DefaultGraph;
            }
            quads.push(q);
            if quads.len() % 4096 == 0 && token.is_cancelled() {
                return Err(QueryError::Cancelled);
            }
        }
    }
    out.extend(quads).map_err(storage)?;
    Ok(out)
}

/// Runs a query and serialises its result; returns the content type and body.
/// Runs on a blocking thread with a query stack
/// ([`crate::limits::QUERY_STACK_BYTES`]): `token` stops it from another.
pub fn run(
    store: &Store,
    req: &QueryRequest,
    token: CancellationToken,
    opts: &RunOptions,
) -> Result<(&'static str, Vec<u8>), QueryError> {
    let max_bytes = opts.max_bytes;
    crate::limits::check(&req.query, &opts.limits).map_err(|e| QueryError::Limit(e.to_string()))?;
    let parsed = spargebra::SparqlParser::new()
        .parse_query(&req.query)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    crate::cartesian::check(&parsed).map_err(|e| QueryError::Limit(e.to_string()))?;
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(parsed);
    // the evaluator looks at its token when it reads the store; rows made
    // from rows already read (a cartesian product, a sort) are checked here
    let alive = || {
        if token.is_cancelled() {
            Err(QueryError::Cancelled)
        } else {
            Ok(())
        }
    };
    // several default-graph-uri: their merge, built for this query (see merge_of)
    let merged;
    let store = if req.default_graphs.len() > 1 {
        merged = merge_of(store, req, &token)?;
        &merged
    } else {
        store
    };
    let ds = prepared.dataset_mut();
    if req.default_graphs.is_empty() && req.named_graphs.is_empty() {
        if !opts.merged {
            ds.set_default_graph_as_union();
        }
    } else {
        // the protocol's dataset: the default graph is the merge of the
        // default-graph-uri (none given: an empty graph), the named graphs are
        // the named-graph-uri and no others
        let default = match req.default_graphs.len() {
            0 => Vec::new(),
            1 => vec![named(&req.default_graphs[0])?.into()],
            _ => vec![GraphName::DefaultGraph],
        };
        ds.set_default_graph(default);
        let graphs = req
            .named_graphs
            .iter()
            .map(|g| named(g).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        ds.set_available_named_graphs(graphs);
    }
    let results = prepared.on_store(store).execute().map_err(evaluation)?;
    let mut out = Capped {
        buf: Vec::new(),
        limit: max_bytes,
    };
    let too_large = |_| QueryError::TooLarge(max_bytes >> 20);
    let accepted = || req.wanted.join(", ");
    let content_type = match results {
        QueryResults::Solutions(solutions) => {
            let format =
                results_format(&req.wanted).ok_or_else(|| QueryError::NotAcceptable(accepted()))?;
            let mut ser = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(too_large)?;
            for s in solutions {
                alive()?;
                ser.serialize(&s.map_err(evaluation)?).map_err(too_large)?;
            }
            ser.finish().map_err(too_large)?;
            format.media_type()
        }
        QueryResults::Boolean(b) => {
            let format =
                results_format(&req.wanted).ok_or_else(|| QueryError::NotAcceptable(accepted()))?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, b)
                .map_err(too_large)?;
            format.media_type()
        }
        QueryResults::Graph(triples) => {
            let format =
                graph_format(&req.wanted).ok_or_else(|| QueryError::NotAcceptable(accepted()))?;
            let mut ser = RdfSerializer::from_format(format).for_writer(&mut out);
            for t in triples {
                alive()?;
                ser.serialize_triple(&t.map_err(evaluation)?)
                    .map_err(too_large)?;
            }
            ser.finish().map_err(too_large)?;
            format.media_type()
        }
    };
    Ok((content_type, out.buf))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GraphStore;
    use oxigraph::model::{Literal, Quad};

    /// Two documents: each states its own triple, and both state one more.
    fn store() -> GraphStore {
        let gs = GraphStore::in_memory().unwrap();
        let s = NamedNode::new("http://example.com/s").unwrap();
        let p = NamedNode::new("http://example.com/p").unwrap();
        let mut by_graph = std::collections::BTreeMap::new();
        for g in ["http://example.com/g1", "http://example.com/g2"] {
            let g = NamedNode::new(g).unwrap();
            let quads = [g.as_str(), "shared"]
                .into_iter()
                .map(|o| {
                    Quad::new(
                        s.clone(),
                        p.clone(),
                        Literal::new_simple_literal(o),
                        g.clone(),
                    )
                })
                .collect::<Vec<_>>();
            by_graph.insert(g, quads);
        }
        gs.replace_graphs(&by_graph).unwrap();
        gs
    }

    fn opts(max_bytes: usize) -> RunOptions {
        RunOptions {
            merged: true,
            max_bytes,
            limits: QueryLimits::default(),
        }
    }

    fn req(q: &str, accept: &str) -> QueryRequest {
        QueryRequest {
            query: q.into(),
            wanted: vec![accept.into()],
            ..Default::default()
        }
    }

    fn csv(s: &GraphStore, r: &QueryRequest) -> String {
        let (ct, body) = run(&s.store, r, CancellationToken::new(), &opts(1 << 20)).unwrap();
        assert_eq!(ct, "text/csv; charset=utf-8");
        String::from_utf8(body).unwrap()
    }

    #[test]
    fn the_default_graph_is_the_merge_unless_the_request_names_one() {
        let s = store();
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.com/p> ?o }";
        // three triples: the shared one once
        assert_eq!(csv(&s, &req(q, "text/csv")), "n\r\n3\r\n");
        // four statements in the documents' graphs
        let g = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://example.com/p> ?o } }";
        assert_eq!(csv(&s, &req(g, "text/csv")), "n\r\n4\r\n");
        let mut r = req(q, "text/csv");
        r.default_graphs = vec!["http://example.com/g1".into()];
        assert_eq!(csv(&s, &r), "n\r\n2\r\n");
    }

    /// The protocol's dataset: the default graph is the merge of the
    /// default-graph-uri (each triple once), the named graphs the
    /// named-graph-uri and no others.
    #[test]
    fn the_protocol_dataset_merges_its_default_graphs() {
        let s = store();
        let (g1, g2) = ("http://example.com/g1", "http://example.com/g2");
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.com/p> ?o }";
        let graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
        let with = |q: &str, default: &[&str], named: &[&str]| {
            let mut r = req(q, "text/csv");
            r.default_graphs = default.iter().map(|g| g.to_string()).collect();
            r.named_graphs = named.iter().map(|g| g.to_string()).collect();
            csv(&s, &r)
        };
        // g1 and g2 both state "shared": three triples, not four
        assert_eq!(with(q, &[g1, g2], &[]), "n\r\n3\r\n");
        let distinct = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s <http://example.com/p> ?o }";
        assert_eq!(with(distinct, &[g1, g2], &[]), "n\r\n3\r\n");
        // a default graph named, no named graph: GRAPH sees none
        assert_eq!(with(graphs, &[g1], &[]), "n\r\n0\r\n");
        assert_eq!(with(graphs, &[g1, g2], &[]), "n\r\n0\r\n");
        // named graphs only: the default graph is empty, GRAPH sees those named
        assert_eq!(with(q, &[], &[g2]), "n\r\n0\r\n");
        assert_eq!(with(graphs, &[], &[g2]), "n\r\n2\r\n");
        assert_eq!(with(graphs, &[g1, g2], &[g2]), "n\r\n2\r\n");
        // a graph the store lacks is empty, not an error
        assert_eq!(with(q, &[g1, "http://example.com/none"], &[]), "n\r\n2\r\n");
        // the merge is stopped with the query
        let t = CancellationToken::new();
        t.cancel();
        let mut r = req(q, "text/csv");
        r.default_graphs = vec![g1.into(), g2.into()];
        let e = run(&s.store, &r, t, &opts(1 << 20)).unwrap_err();
        assert!(matches!(e, QueryError::Cancelled), "{e}");
    }

    #[test]
    fn errors_say_what_went_wrong() {
        let s = &store().store;
        let all = "SELECT * WHERE { ?s ?p ?o }";
        let e = run(
            s,
            &req("SELEC ?x", "*/*"),
            CancellationToken::new(),
            &opts(1 << 20),
        )
        .unwrap_err();
        assert!(matches!(e, QueryError::Syntax(_)), "{e}");
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(4000), "}".repeat(4000));
        let e = run(
            s,
            &req(&deep, "*/*"),
            CancellationToken::new(),
            &opts(1 << 20),
        )
        .unwrap_err();
        assert!(matches!(e, QueryError::Limit(_)), "{e}");
        let e = run(
            s,
            &req(all, "image/png"),
            CancellationToken::new(),
            &opts(1 << 20),
        )
        .unwrap_err();
        assert!(matches!(e, QueryError::NotAcceptable(_)), "{e}");
        let e = run(s, &req(all, "*/*"), CancellationToken::new(), &opts(10)).unwrap_err();
        assert!(matches!(e, QueryError::TooLarge(_)), "{e}");
        let t = CancellationToken::new();
        t.cancel();
        let e = run(s, &req(all, "*/*"), t, &opts(1 << 20)).unwrap_err();
        assert!(matches!(e, QueryError::Cancelled), "{e}");
    }

    /// A product of four patterns would multiply rows already in memory,
    /// where oxigraph never looks at the token: it is refused before it
    /// starts (crate::cartesian). A product of two reads the store for each
    /// row of one side, and the token stops it there.
    #[test]
    fn a_cancelled_product_stops_and_a_larger_one_never_starts() {
        let s = store();
        let q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        let e = run(
            &s.store,
            &req(q, "text/csv"),
            CancellationToken::new(),
            &opts(1 << 20),
        )
        .unwrap_err();
        assert!(matches!(e, QueryError::Limit(_)), "{e}");

        // 5,000 triples: 25 million rows to count, seconds of work even in
        // a release build
        let gs = GraphStore::in_memory().unwrap();
        let g = NamedNode::new("http://example.com/big").unwrap();
        let p = NamedNode::new("http://example.com/p").unwrap();
        let quads = (0..5000)
            .map(|i| {
                let subject = NamedNode::new(format!("http://example.com/s{i}")).unwrap();
                Quad::new(subject, p.clone(), Literal::from(i), g.clone())
            })
            .collect();
        gs.replace_graphs(&[(g.clone(), quads)].into_iter().collect())
            .unwrap();
        let t = CancellationToken::new();
        let t2 = t.clone();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            t2.cancel();
        });
        let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";
        let started = std::time::Instant::now();
        let e = run(&gs.store, &req(q, "text/csv"), t, &opts(1 << 20)).unwrap_err();
        assert!(matches!(e, QueryError::Cancelled), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        stopper.join().unwrap();
    }

    #[test]
    fn graphs_in_the_format_asked_for() {
        let s = store();
        let q = "CONSTRUCT { ?s <http://example.com/p> ?o } WHERE { ?s <http://example.com/p> ?o }";
        let (ct, body) = run(
            &s.store,
            &req(q, "application/n-triples"),
            CancellationToken::new(),
            &opts(1 << 20),
        )
        .unwrap();
        assert_eq!(ct, "application/n-triples");
        assert_eq!(String::from_utf8(body).unwrap().lines().count(), 3);
    }
}
