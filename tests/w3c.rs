//! The W3C SPARQL 1.1 query-evaluation tests, run through the query path
//! innograph's users get, beside plain oxigraph.
//!
//! Every `mf:QueryEvaluationTest` of the folders that
//! `manifest-sparql11-query.ttl` includes is evaluated three ways:
//!
//! - **plain oxigraph**: `qt:data` in a `Store`'s default graph, `qt:graphData`
//!   as named graphs, the query as the test gives it;
//! - **the merged default graph**: each `qt:data` file written as a document
//!   graph of an innograph store, so that the store's merge maintenance makes
//!   the default graph their RDF merge, and the query run by
//!   [`GraphStore::query_with`] (what `innograph query` runs). Only where that
//!   dataset is the test's: no `qt:graphData`, no `GRAPH` in the query (in an
//!   innograph store every document graph is a named graph too, and every
//!   named graph is in the merge);
//! - **the protocol's dataset**: all files as named graphs of the same store,
//!   the query run by `/sparql`'s [`run`] with `default-graph-uri` = the
//!   `qt:data` files and `named-graph-uri` = the `qt:graphData` files, results
//!   serialised as /sparql sends them and parsed back.
//!
//! A query with its own `FROM` picks graphs of the store itself and runs the
//! merged way. Results are compared with the expected ones as RDF graphs
//! modulo blank-node renaming: solutions as a multiset (ordered when the
//! query's outermost level has `ORDER BY`), CONSTRUCT results as graphs.
//!
//! Asserted: every test that passes in plain oxigraph passes through
//! innograph, each way that applies; the tests failing in both are exactly
//! those of `tests/data/w3c-known-failures.txt`, each with its reason.

use innograph::limits::{QueryLimits, QUERY_STACK_BYTES};
use innograph::serve::sparql::{run, QueryRequest, RunOptions};
use innograph::vocab::ONTOLOGY_GRAPH;
use innograph::GraphStore;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{
    BlankNode, Graph, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term,
    TermRef, TripleRef,
};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution, SparqlEvaluator, Variable};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where the suite's files are published; manifests and queries resolve
/// relative IRIs against it, and the graph names of `FROM <data.ttl>` are
/// files under it.
const BASE: &str = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/";
const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const QT: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The result-set vocabulary, to compare solutions as graphs.
const RS: &str = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

fn iri(s: String) -> NamedNode {
    NamedNode::new(s).unwrap()
}

/// A test of the suite, its files as IRIs under [`BASE`].
struct Test {
    id: String,
    query: String,
    data: Vec<String>,
    graph_data: Vec<String>,
    result: String,
}

/// The results of a query (or of a results file), comparable.
#[derive(Debug)]
enum Outcome {
    /// Declared variables and the solutions' bound variables.
    Solutions(Vec<String>, Vec<Vec<(String, Term)>>),
    Boolean(bool),
    Graph(Graph),
}

/// The file an IRI under [`BASE`] names.
fn local(suite: &Path, iri: &str) -> PathBuf {
    suite.join(
        iri.strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{iri} is not under {BASE}")),
    )
}

fn read(suite: &Path, iri: &str) -> Result<Vec<u8>, String> {
    let p = local(suite, iri);
    std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

fn rdf_format(iri: &str) -> Result<RdfFormat, String> {
    let ext = iri.rsplit('.').next().unwrap_or("");
    RdfFormat::from_extension(ext).ok_or_else(|| format!("{iri}: no RDF format for .{ext}"))
}

/// An RDF file's triples, its blank nodes fresh (so that the files of one
/// dataset never share one), in graph `g`.
fn parse_rdf(suite: &Path, file: &str, g: GraphName) -> Result<Vec<Quad>, String> {
    let bytes = read(suite, file)?;
    RdfParser::from_format(rdf_format(file)?)
        .with_base_iri(file)
        .map_err(|e| e.to_string())?
        .rename_blank_nodes()
        .without_named_graphs()
        .with_default_graph(g)
        .for_slice(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{file}: {e}"))
}

fn manifest(suite: &Path, file: &str) -> Graph {
    parse_rdf(suite, file, GraphName::DefaultGraph)
        .unwrap()
        .into_iter()
        .map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object))
        .collect()
}

fn object<'a>(g: &'a Graph, s: NamedOrBlankNodeRef<'_>, p: &str) -> Option<TermRef<'a>> {
    g.object_for_subject_predicate(s, NamedNodeRef::new(p).unwrap())
}

fn iris(g: &Graph, s: NamedOrBlankNodeRef<'_>, p: &str) -> Vec<String> {
    let mut v: Vec<String> = g
        .objects_for_subject_predicate(s, NamedNodeRef::new(p).unwrap())
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str().to_string()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

/// The members of the RDF list that starts at `head`.
fn list<'a>(g: &'a Graph, mut head: TermRef<'a>) -> Vec<Term> {
    let mut out = Vec::new();
    let first = format!("{RDF}first");
    let rest = format!("{RDF}rest");
    loop {
        let node = match head {
            TermRef::NamedNode(n) if n.as_str() == format!("{RDF}nil") => return out,
            TermRef::NamedNode(n) => NamedOrBlankNodeRef::from(n),
            TermRef::BlankNode(b) => NamedOrBlankNodeRef::from(b),
            other => panic!("not an RDF list: {other}"),
        };
        out.push(object(g, node, &first).expect("rdf:first").into_owned());
        head = object(g, node, &rest).expect("rdf:rest");
    }
}

/// The query-evaluation tests of every manifest the top one includes.
fn tests(suite: &Path) -> Vec<Test> {
    let top_iri = format!("{BASE}manifest-sparql11-query.ttl");
    let top = manifest(suite, &top_iri);
    let top_node = NamedNode::new(top_iri.clone()).unwrap();
    let include = object(&top, top_node.as_ref().into(), &format!("{MF}include"))
        .expect("the top manifest includes others");
    let mut out = Vec::new();
    for m in list(&top, include) {
        let Term::NamedNode(m) = m else { continue };
        let g = manifest(suite, m.as_str());
        let Some(entries) = object(&g, m.as_ref().into(), &format!("{MF}entries")) else {
            continue;
        };
        for t in list(&g, entries) {
            let Term::NamedNode(t) = t else { continue };
            let node = NamedOrBlankNodeRef::from(t.as_ref());
            let kind = object(&g, node, &format!("{RDF}type"));
            if kind.map(|k| k.to_string()) != Some(format!("<{MF}QueryEvaluationTest>")) {
                continue;
            }
            let action = match object(&g, node, &format!("{MF}action")) {
                Some(TermRef::BlankNode(b)) => NamedOrBlankNodeRef::from(b),
                Some(TermRef::NamedNode(n)) => NamedOrBlankNodeRef::from(n),
                other => panic!("{t}: mf:action {other:?}"),
            };
            let one = |s: NamedOrBlankNodeRef<'_>, p: &str| match object(&g, s, p) {
                Some(TermRef::NamedNode(n)) => n.as_str().to_string(),
                other => panic!("{t}: {p} {other:?}"),
            };
            out.push(Test {
                id: t.as_str().to_string(),
                query: one(action, &format!("{QT}query")),
                data: iris(&g, action, &format!("{QT}data")),
                graph_data: iris(&g, action, &format!("{QT}graphData")),
                result: one(node, &format!("{MF}result")),
            });
        }
    }
    out
}

/// Whether the outermost level of a query sorts its solutions: `ORDER BY`
/// outside every brace (a subquery's order is not the result's), strings and
/// comments skipped.
fn ordered(query: &str) -> bool {
    let mut depth = 0i32;
    let mut outer = String::new();
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
            }
            '#' => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => outer.push(c.to_ascii_uppercase()),
            _ => {}
        }
    }
    outer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .contains("ORDER BY")
}

/// Whether a query names graphs itself (GRAPH, which in an innograph store
/// sees the document graphs too).
fn uses_graph_keyword(query: &str) -> bool {
    regex::Regex::new(r"(?i)\bGRAPH\b").unwrap().is_match(query)
}

/// Solutions, from an evaluation or a results file, as an [`Outcome`].
fn solutions<E: ToString>(
    vars: &[Variable],
    rows: impl Iterator<Item = Result<QuerySolution, E>>,
) -> Result<Outcome, String> {
    let vars = vars.iter().map(|v| v.as_str().to_string()).collect();
    let mut out = Vec::new();
    for sol in rows {
        let sol = sol.map_err(|e| e.to_string())?;
        out.push(
            sol.iter()
                .map(|(v, t)| (v.as_str().to_string(), t.clone()))
                .collect(),
        );
    }
    Ok(Outcome::Solutions(vars, out))
}

fn outcome(results: QueryResults<'_>) -> Result<Outcome, String> {
    Ok(match results {
        QueryResults::Solutions(s) => {
            let vars = s.variables().to_vec();
            solutions(&vars, s)?
        }
        QueryResults::Boolean(b) => Outcome::Boolean(b),
        QueryResults::Graph(triples) => Outcome::Graph(
            triples
                .collect::<Result<Graph, _>>()
                .map_err(|e| e.to_string())?,
        ),
    })
}

/// A results file (.srx, .srj, .tsv) or a graph (.ttl, .rdf, .nt).
fn parse_results(bytes: &[u8], format: QueryResultsFormat) -> Result<Outcome, String> {
    match QueryResultsParser::from_format(format)
        .for_slice(bytes)
        .map_err(|e| e.to_string())?
    {
        SliceQueryResultsParserOutput::Boolean(b) => Ok(Outcome::Boolean(b)),
        SliceQueryResultsParserOutput::Solutions(s) => {
            let vars = s.variables().to_vec();
            solutions(&vars, s)
        }
    }
}

fn expected(suite: &Path, t: &Test) -> Result<Outcome, String> {
    let bytes = read(suite, &t.result)?;
    let ext = t.result.rsplit('.').next().unwrap_or("");
    let format = match ext {
        "srx" => QueryResultsFormat::Xml,
        "srj" => QueryResultsFormat::Json,
        "tsv" => QueryResultsFormat::Tsv,
        _ => {
            let quads = parse_rdf(suite, &t.result, GraphName::DefaultGraph)?;
            let g: Graph = quads
                .into_iter()
                .map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object))
                .collect();
            return Ok(result_set(&g).unwrap_or(Outcome::Graph(g)));
        }
    };
    parse_results(&bytes, format).map_err(|e| format!("{}: {e}", t.result))
}

/// The results a graph of the result-set vocabulary states (the form some
/// tests give for SELECT and ASK), or `None` for a CONSTRUCT's graph.
fn result_set(g: &Graph) -> Option<Outcome> {
    let p = |l: &str| iri(format!("{RS}{l}"));
    let set = g
        .subjects_for_predicate_object(
            NamedNodeRef::new(&format!("{RDF}type")).unwrap(),
            &p("ResultSet"),
        )
        .next()?;
    if let Some(TermRef::Literal(b)) = g.object_for_subject_predicate(set, &p("boolean")) {
        return Some(Outcome::Boolean(b.value() == "true"));
    }
    let text = |t: TermRef<'_>| match t {
        TermRef::Literal(l) => l.value().to_string(),
        other => panic!("not a literal: {other}"),
    };
    let vars = g
        .objects_for_subject_predicate(set, &p("resultVariable"))
        .map(text)
        .collect();
    let mut rows = Vec::new();
    for sol in g.objects_for_subject_predicate(set, &p("solution")) {
        let sol = match sol {
            TermRef::BlankNode(b) => NamedOrBlankNodeRef::from(b),
            TermRef::NamedNode(n) => NamedOrBlankNodeRef::from(n),
            other => panic!("not a solution: {other}"),
        };
        let index = g
            .object_for_subject_predicate(sol, &p("index"))
            .map_or(0, |i| text(i).parse::<i64>().unwrap());
        let mut row = Vec::new();
        for b in g.objects_for_subject_predicate(sol, &p("binding")) {
            let TermRef::BlankNode(b) = b else {
                panic!("not a binding: {b}")
            };
            let var = text(g.object_for_subject_predicate(b, &p("variable"))?);
            let value = g.object_for_subject_predicate(b, &p("value"))?.into_owned();
            row.push((var, value));
        }
        rows.push((index, row));
    }
    rows.sort_by_key(|(i, _)| *i);
    Some(Outcome::Solutions(
        vars,
        rows.into_iter().map(|(_, r)| r).collect(),
    ))
}

/// A numeric or boolean literal in one form per value and datatype: the
/// suite writes "1.0"^^xsd:decimal, "2.0E-1"^^xsd:double and "0"^^xsd:boolean
/// where oxigraph writes (and stores) the canonical "1", "0.2" and "false";
/// results are compared by value, as the suite's harnesses do.
fn normalized(t: &Term) -> Term {
    const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
    let Term::Literal(l) = t else {
        return t.clone();
    };
    let Some(kind) = l.datatype().as_str().strip_prefix(XSD) else {
        return t.clone();
    };
    let v = l.value().trim();
    let canonical = match kind {
        "integer" => v.parse::<i128>().ok().map(|n| n.to_string()),
        "decimal" => {
            let v = v.strip_prefix('+').unwrap_or(v);
            let (neg, v) = v.strip_prefix('-').map_or((false, v), |r| (true, r));
            let (int, frac) = v.split_once('.').unwrap_or((v, ""));
            let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
            let digits_ok = !format!("{int}{frac}").chars().any(|c| !c.is_ascii_digit());
            digits_ok.then(|| {
                let int = if int.is_empty() { "0" } else { int };
                let sign = if neg && (int != "0" || !frac.is_empty()) {
                    "-"
                } else {
                    ""
                };
                let frac = if frac.is_empty() { "0" } else { frac };
                format!("{sign}{int}.{frac}")
            })
        }
        "boolean" => match v {
            "1" | "true" => Some("true".to_string()),
            "0" | "false" => Some("false".to_string()),
            _ => None,
        },
        "double" => v.parse::<f64>().ok().map(|n| format!("{n:e}")),
        "float" => v.parse::<f32>().ok().map(|n| format!("{n:e}")),
        _ => None,
    };
    match canonical {
        Some(c) => Literal::new_typed_literal(c, l.datatype().into_owned()).into(),
        None => t.clone(),
    }
}

/// Solutions as a graph of the result-set vocabulary, canonical: two
/// multisets of solutions equal modulo blank-node renaming give equal graphs.
/// `ordered` numbers the solutions.
fn solutions_graph(vars: &[String], rows: &[Vec<(String, Term)>], ordered: bool) -> Graph {
    let mut g = Graph::new();
    let rs = |l: &str| iri(format!("{RS}{l}"));
    let set = BlankNode::default();
    for v in vars {
        g.insert(TripleRef::new(
            &set,
            &rs("resultVariable"),
            &Literal::new_simple_literal(v),
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let s = BlankNode::default();
        g.insert(TripleRef::new(&set, &rs("solution"), &s));
        if ordered {
            g.insert(TripleRef::new(&s, &rs("index"), &Literal::from(i as i64)));
        }
        for (v, value) in row {
            let b = BlankNode::default();
            g.insert(TripleRef::new(&s, &rs("binding"), &b));
            g.insert(TripleRef::new(
                &b,
                &rs("variable"),
                &Literal::new_simple_literal(v),
            ));
            g.insert(TripleRef::new(&b, &rs("value"), &normalized(value)));
        }
    }
    g.canonicalize(CanonicalizationAlgorithm::Unstable);
    g
}

/// Whether `got` is `want`; if not, both, to read.
fn compare(want: &Outcome, got: &Outcome, ordered: bool) -> Result<(), String> {
    let same = match (want, got) {
        (Outcome::Boolean(a), Outcome::Boolean(b)) => a == b,
        (Outcome::Solutions(va, ra), Outcome::Solutions(vb, rb)) => {
            let (sa, sb): (BTreeSet<_>, BTreeSet<_>) = (va.iter().collect(), vb.iter().collect());
            ra.len() == rb.len()
                && sa == sb
                && solutions_graph(va, ra, ordered) == solutions_graph(va, rb, ordered)
        }
        (Outcome::Graph(a), Outcome::Graph(b)) => {
            let by_value = |g: &Graph| -> Graph {
                g.iter()
                    .map(|t| {
                        let t = t.into_owned();
                        oxigraph::model::Triple::new(t.subject, t.predicate, normalized(&t.object))
                    })
                    .collect()
            };
            let (mut a, mut b) = (by_value(a), by_value(b));
            a.canonicalize(CanonicalizationAlgorithm::Unstable);
            b.canonicalize(CanonicalizationAlgorithm::Unstable);
            a == b
        }
        _ => false,
    };
    if same {
        Ok(())
    } else {
        let show = |o: &Outcome| {
            let s = match o {
                Outcome::Boolean(b) => b.to_string(),
                Outcome::Solutions(_, rows) => rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|(v, t)| format!("?{v}={t}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect::<Vec<_>>()
                    .join(" | "),
                Outcome::Graph(g) => g
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" . "),
            };
            s.chars().take(1200).collect::<String>()
        };
        if let (Outcome::Solutions(_, a), Outcome::Solutions(_, b)) = (want, got) {
            // the rows each side lacks, by value (blank nodes by label)
            let key = |r: &Vec<(String, Term)>| {
                let mut r: Vec<String> = r
                    .iter()
                    .map(|(v, t)| format!("?{v}={}", normalized(t)))
                    .collect();
                r.sort();
                r.join(" ")
            };
            let (mut a, mut b): (Vec<String>, Vec<String>) =
                (a.iter().map(key).collect(), b.iter().map(key).collect());
            a.sort();
            b.sort();
            let missing: Vec<&String> = a.iter().filter(|r| !b.contains(r)).collect();
            let extra: Vec<&String> = b.iter().filter(|r| !a.contains(r)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                return Err(format!("missing {missing:?}, unexpected {extra:?}"));
            }
        }
        Err(format!("expected {}\n  got {}", show(want), show(got)))
    }
}

/// The query text with the query file as its base, as a user would write it.
fn query_text(suite: &Path, t: &Test) -> Result<String, String> {
    let text = String::from_utf8(read(suite, &t.query)?).map_err(|e| e.to_string())?;
    Ok(format!("BASE <{}>\n{text}", t.query))
}

/// Plain oxigraph: the test's dataset as the test defines it.
fn plain(suite: &Path, t: &Test, query: &str) -> Result<Outcome, String> {
    let store = Store::new().map_err(|e| e.to_string())?;
    for f in &t.data {
        store
            .extend(parse_rdf(suite, f, GraphName::DefaultGraph)?)
            .map_err(|e| e.to_string())?;
    }
    for f in &t.graph_data {
        store
            .extend(parse_rdf(suite, f, iri(f.clone()).into())?)
            .map_err(|e| e.to_string())?;
    }
    let q = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| e.to_string())?;
    outcome(q.on_store(&store).execute().map_err(|e| e.to_string())?)
}

/// A query's results, or why there are none.
type Answer = Result<Outcome, String>;

/// How the test ran through innograph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Way {
    MergedDefaultGraph,
    ProtocolDataset,
}

/// The test's files as the documents of `gs` (replacing the previous test's),
/// the query run each way that gives the test's dataset.
fn through_innograph(
    gs: &GraphStore,
    suite: &Path,
    t: &Test,
    query: &str,
) -> Result<Vec<(Way, Answer)>, String> {
    let mut by_graph: BTreeMap<NamedNode, Vec<Quad>> = BTreeMap::new();
    for f in t.data.iter().chain(&t.graph_data) {
        let g = iri(f.clone());
        let quads = parse_rdf(suite, f, g.clone().into())?;
        by_graph.insert(g, quads);
    }
    gs.replace_graphs(&by_graph).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let own_dataset = !SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| e.to_string())?
        .dataset()
        .is_default_dataset();
    if own_dataset || (t.graph_data.is_empty() && !uses_graph_keyword(query)) {
        let got = gs
            .query_with(query, &QueryLimits::default(), None)
            .map_err(|e| e.to_string())
            .and_then(outcome);
        out.push((Way::MergedDefaultGraph, got));
    }
    if !own_dataset {
        out.push((Way::ProtocolDataset, protocol(gs, t, query)));
    }
    let docs: Vec<&str> = by_graph.keys().map(|g| g.as_str()).collect();
    gs.remove_documents(&docs).map_err(|e| e.to_string())?;
    // the merge maintenance took every triple of the test's documents out of
    // the default graph again
    let left = gs.store.len().map_err(|e| e.to_string())?;
    assert_eq!(
        left, 0,
        "{}: {left} quads left after removing its documents",
        t.id
    );
    Ok(out)
}

/// `/sparql` with the test's dataset as protocol parameters; the answer parsed
/// back from the bytes a client would get.
fn protocol(gs: &GraphStore, t: &Test, query: &str) -> Result<Outcome, String> {
    let req = QueryRequest {
        query: query.to_string(),
        default_graphs: t.data.clone(),
        named_graphs: t.graph_data.clone(),
        wanted: vec![
            "application/sparql-results+xml".into(),
            "application/n-triples".into(),
        ],
    };
    let opts = RunOptions {
        merged: true,
        max_bytes: 64 << 20,
        limits: QueryLimits::default(),
    };
    let (ct, body) =
        run(&gs.store, &req, CancellationToken::new(), &opts).map_err(|e| e.to_string())?;
    if ct.starts_with("application/n-triples") {
        let triples = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(&body)
            .map(|t| t.map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object)))
            .collect::<Result<Graph, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Outcome::Graph(triples))
    } else {
        parse_results(&body, QueryResultsFormat::Xml)
    }
}

/// `tests/data/w3c-known-failures.txt`: test IRI (relative to [`BASE`]), a
/// tab, why it fails.
fn known_failures() -> BTreeMap<String, String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/w3c-known-failures.txt");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, why) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("{l:?}: no tab and reason"));
            assert!(
                !why.trim().is_empty(),
                "{id}: a known failure needs its reason"
            );
            (format!("{BASE}{id}"), why.to_string())
        })
        .collect()
}

fn suite_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("W3C_SPARQL11")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/w3c/sparql/sparql11")
        });
    if dir.join("manifest-sparql11-query.ttl").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").is_err(),
        "the W3C SPARQL 1.1 tests are required on CI: none at {}",
        dir.display()
    );
    eprintln!(
        "skipping: no W3C SPARQL 1.1 test suite at {} (set W3C_SPARQL11 to its sparql11 folder)",
        dir.display()
    );
    None
}

fn evaluate_suite(suite: &Path) {
    let tests = tests(suite);
    // a walk of the manifests that lost tests would pass vacuously
    assert!(
        tests.len() >= 200,
        "only {} query-evaluation tests found",
        tests.len()
    );
    let known = known_failures();
    let gs = GraphStore::in_memory().unwrap();
    // the test's documents alone: the bundled ontology leaves the store
    gs.remove_documents(&[ONTOLOGY_GRAPH]).unwrap();
    assert_eq!(gs.store.len().unwrap(), 0);
    let (mut passed, mut both, mut ways) = (0, Vec::new(), BTreeMap::new());
    let mut problems = Vec::new();
    for t in &tests {
        let id = t.id.strip_prefix(BASE).unwrap_or(&t.id).to_string();
        let setup = query_text(suite, t).and_then(|q| expected(suite, t).map(|e| (q, e)));
        let (query, want) = match setup {
            Ok(x) => x,
            Err(e) => {
                problems.push(format!("{id}: {e}"));
                continue;
            }
        };
        let order = ordered(&query);
        let reference = plain(suite, t, &query).and_then(|got| compare(&want, &got, order));
        let ours = match through_innograph(&gs, suite, t, &query) {
            Ok(o) => o,
            Err(e) => {
                problems.push(format!(
                    "{id}: could not load its dataset into innograph: {e}"
                ));
                continue;
            }
        };
        let mut all_ours = true;
        for (way, got) in ours {
            *ways.entry(way).or_insert(0) += 1;
            if let Err(e) = got.and_then(|got| compare(&want, &got, order)) {
                all_ours = false;
                if reference.is_ok() {
                    problems.push(format!(
                        "{id}: passes in oxigraph, fails through innograph ({way:?}): {e}"
                    ));
                }
            }
        }
        match (&reference, all_ours) {
            (Ok(()), true) => passed += 1,
            (Err(e), false) => both.push((id, e.clone())),
            (Err(e), true) => problems.push(format!(
                "{id}: passes through innograph but not in plain oxigraph ({e}): the comparison is not the same"
            )),
            (Ok(()), false) => {}
        }
    }
    let both_set: BTreeSet<String> = both.iter().map(|(i, _)| format!("{BASE}{i}")).collect();
    for (id, why) in &both {
        if !known.contains_key(&format!("{BASE}{id}")) {
            problems.push(format!(
                "{id}: fails in oxigraph and innograph but is not in tests/data/w3c-known-failures.txt: {why}"
            ));
        }
    }
    for id in known.keys() {
        if !both_set.contains(id) {
            problems.push(format!(
                "{}: listed in tests/data/w3c-known-failures.txt but does not fail in both (remove it)",
                id.strip_prefix(BASE).unwrap_or(id)
            ));
        }
    }
    eprintln!(
        "W3C SPARQL 1.1 query evaluation: {passed} of {} pass through innograph as in oxigraph, {} fail in both; evaluations through the merged default graph: {}, through the protocol's dataset: {}",
        tests.len(),
        both.len(),
        ways.get(&Way::MergedDefaultGraph).unwrap_or(&0),
        ways.get(&Way::ProtocolDataset).unwrap_or(&0),
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn w3c_query_evaluation_tests_pass_through_the_merged_view_as_in_oxigraph() {
    let Some(suite) = suite_dir() else { return };
    // queries run on a thread with the stack the server and `query` give them
    std::thread::Builder::new()
        .stack_size(QUERY_STACK_BYTES)
        .spawn(move || evaluate_suite(&suite))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn order_by_counts_only_at_the_outermost_level() {
    assert!(ordered("SELECT * { ?s ?p ?o } ORDER BY ?s"));
    assert!(ordered("select * { ?s ?p ?o }\norder  by desc(?s)"));
    assert!(!ordered(
        "SELECT * { { SELECT * { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }"
    ));
    assert!(!ordered("SELECT * { ?s ?p \"ORDER BY\" } # ORDER BY ?s"));
}
