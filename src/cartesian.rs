//! Bounds on the cartesian products of a parsed query.
//!
//! oxigraph looks at a query's cancellation token when it reads the store.
//! Rows made from rows already in memory are not checked: a product of
//! `VALUES` (or of UNIONs of empty groups) reads nothing at all, and a product
//! of three or more unrelated store patterns materialises the product of the
//! first ones and multiplies each row read by all of it. Such a query went on
//! using a core long after the server answered 503 at its time limit
//! (tests/faults.rs found them: a three-way VALUES product, a four-way COUNT,
//! a product of two open property paths, still running 20 s after the 503).
//!
//! A sort, too, collects its rows and compares them without a look at the
//! token: sorting a product of two store patterns (3.4 million rows of the
//! sample store) kept a core and 0.9 GB after the 503.
//!
//! Those shapes are refused before evaluation by an estimate of each product's
//! rows: a group of patterns joined by variables counts as [`WHOLE_STORE`]
//! rows when its patterns are all variables, [`SELECTIVE`] when one names a
//! term, a `VALUES` as its rows. Patterns sharing a variable are joined, not
//! multiplied, and count as the larger side.

use crate::limits::LimitError;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;
use std::collections::HashSet;

/// Rows assumed for patterns of variables only (`?s ?p ?o`).
pub const WHOLE_STORE: f64 = 1e5;
/// Rows assumed for patterns that name a subject, predicate or object.
pub const SELECTIVE: f64 = 1e3;
/// The largest product a query may ask for: two patterns of variables only
/// (their product is stopped at the time limit between two store reads).
pub const MAX_PRODUCT: f64 = WHOLE_STORE * WHOLE_STORE;
/// The largest product of rows that read nothing from the store (measured:
/// a million rows are counted in about a second by a debug build).
pub const MAX_IN_MEMORY: f64 = 1e6;

/// The most rows a query may sort: the product of two selective patterns.
pub const MAX_SORTED: f64 = SELECTIVE * SELECTIVE;

/// How many rows a pattern may give, and whether they come from the store.
#[derive(Debug, Clone, Copy)]
struct Rows {
    rows: f64,
    reads: bool,
}

fn product(a: Rows, b: Rows) -> Result<Rows, LimitError> {
    let rows = a.rows * b.rows;
    let reads = a.reads || b.reads;
    if rows > MAX_PRODUCT || (!reads && rows > MAX_IN_MEMORY) {
        return Err(LimitError::TooManyRows { rows, reads });
    }
    Ok(Rows { rows, reads })
}

/// Refuses a query whose products are estimated to exceed the bounds above.
pub fn check(query: &Query) -> Result<(), LimitError> {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    rows(pattern).map(|_| ())
}

fn variables(p: &GraphPattern) -> HashSet<&spargebra::term::Variable> {
    let mut vs = HashSet::new();
    p.on_in_scope_variable(|v| {
        vs.insert(v);
    });
    vs
}

fn is_variable(t: &TermPattern) -> bool {
    matches!(t, TermPattern::Variable(_) | TermPattern::BlankNode(_))
}

fn term_names(t: &TermPattern) -> Option<String> {
    match t {
        TermPattern::Variable(v) => Some(format!("?{}", v.as_str())),
        TermPattern::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

fn names(t: &TriplePattern) -> Vec<String> {
    let mut out: Vec<String> = [&t.subject, &t.object]
        .into_iter()
        .filter_map(term_names)
        .collect();
    if let NamedNodePattern::Variable(v) = &t.predicate {
        out.push(format!("?{}", v.as_str()));
    }
    out
}

/// A basic graph pattern: its patterns grouped by shared variables, the
/// groups multiplied.
fn bgp(patterns: &[TriplePattern]) -> Result<Rows, LimitError> {
    // union-find over the patterns, joined when they share a variable
    let mut group: Vec<usize> = (0..patterns.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    let mut first_seen = std::collections::HashMap::new();
    for (i, t) in patterns.iter().enumerate() {
        for n in names(t) {
            let j = *first_seen.entry(n).or_insert(i);
            let (a, b) = (root(&mut group, i), root(&mut group, j));
            group[a] = b;
        }
    }
    let mut selective = HashSet::new();
    let mut roots = HashSet::new();
    for (i, t) in patterns.iter().enumerate() {
        let r = root(&mut group, i);
        roots.insert(r);
        let open = is_variable(&t.subject)
            && matches!(t.predicate, NamedNodePattern::Variable(_))
            && is_variable(&t.object);
        if !open {
            selective.insert(r);
        }
    }
    let mut out = Rows {
        rows: 1.0,
        reads: false,
    };
    for r in roots {
        let rows = if selective.contains(&r) {
            SELECTIVE
        } else {
            WHOLE_STORE
        };
        out = product(out, Rows { rows, reads: true })?;
    }
    Ok(out)
}

/// Two patterns evaluated together: multiplied when they share no variable.
fn join(left: &GraphPattern, right: &GraphPattern) -> Result<Rows, LimitError> {
    let (l, r) = (rows(left)?, rows(right)?);
    let (lv, rv) = (variables(left), variables(right));
    if lv.is_disjoint(&rv) {
        product(l, r)
    } else {
        Ok(Rows {
            rows: l.rows.max(r.rows),
            reads: l.reads || r.reads,
        })
    }
}

fn rows(p: &GraphPattern) -> Result<Rows, LimitError> {
    match p {
        GraphPattern::Bgp { patterns } => bgp(patterns),
        // a path open at both ends is evaluated as a closure in memory: rows
        // multiplied by it see no store read
        GraphPattern::Path {
            subject, object, ..
        } => Ok(if is_variable(subject) && is_variable(object) {
            Rows {
                rows: WHOLE_STORE,
                reads: false,
            }
        } else {
            Rows {
                rows: SELECTIVE,
                reads: true,
            }
        }),
        GraphPattern::Join { left, right } | GraphPattern::Lateral { left, right } => {
            join(left, right)
        }
        GraphPattern::LeftJoin { left, right, .. } => join(left, right),
        GraphPattern::Union { left, right } => {
            let (l, r) = (rows(left)?, rows(right)?);
            Ok(Rows {
                rows: l.rows + r.rows,
                reads: l.reads || r.reads,
            })
        }
        GraphPattern::Minus { left, right } => {
            rows(right)?;
            rows(left)
        }
        GraphPattern::Values { bindings, .. } => Ok(Rows {
            rows: bindings.len() as f64,
            reads: false,
        }),
        GraphPattern::Service { inner, .. } => {
            rows(inner)?;
            Ok(Rows {
                rows: SELECTIVE,
                reads: true,
            })
        }
        // a sort collects its rows and then compares them with no look at
        // the token: a sort of millions of rows went on for minutes
        GraphPattern::OrderBy { inner, .. } => {
            let r = rows(inner)?;
            if r.rows > MAX_SORTED {
                return Err(LimitError::TooManyToSort { rows: r.rows });
            }
            Ok(r)
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Group { inner, .. } => rows(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(q: &str) -> bool {
        let parsed = spargebra::SparqlParser::new().parse_query(q).unwrap();
        check(&parsed).is_err()
    }

    #[test]
    fn products_of_unrelated_rows_are_refused_joins_are_not() {
        let values = |name: &str, n: usize| {
            let v: String = (0..n).map(|i| format!("{i} ")).collect();
            format!("VALUES ?{name} {{ {v} }}")
        };
        let empties = |n: usize| format!("{{ {} {{}} }}", "{} UNION ".repeat(n - 1));
        for (q, no) in [
            ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }".to_string(), false),
            ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }".into(), true),
            ("SELECT * WHERE { ?a ?b ?c . ?c ?e ?f . ?f ?h ?i . ?i ?k ?l }".into(), false),
            ("SELECT * WHERE { ?a a <http://x/A> . ?b a <http://x/B> . ?c a <http://x/C> }".into(), false),
            ("SELECT * WHERE { ?a ?b ?c . { SELECT ?d WHERE { ?d ?e ?f } } . ?g ?h ?i } ORDER BY ?a".into(), true),
            ("SELECT * WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f . ?g ?h ?i } }".into(), true),
            ("SELECT * WHERE { ?a ?p1 ?b . ?b ?p2 ?c . ?x ?p3 ?y }".into(), false),
            (format!("SELECT * WHERE {{ {} {} }}", values("a", 1000), values("b", 1000)), false),
            (format!("SELECT * WHERE {{ {} {} {} }}", values("a", 200), values("b", 200), values("c", 200)), true),
            (format!("SELECT * WHERE {{ {} ?a ?p ?o }}", values("a", 3000)), false),
            (format!("SELECT * WHERE {{ {} {} {} }}", empties(99), empties(99), empties(99)), false),
            (format!("SELECT * WHERE {{ {} {} {} }}", empties(150), empties(150), empties(150)), true),
            ("SELECT * WHERE { ?a (<http://x/p>|!<http://x/p>)* ?b . ?c ?d ?e }".into(), false),
            ("SELECT * WHERE { ?a (<http://x/p>|!<http://x/p>)* ?b . ?c (!<http://x/p>)+ ?d }".into(), true),
            ("SELECT * WHERE { ?a <http://x/p>+ <http://x/o> . ?c (!<http://x/p>)+ ?d }".into(), false),
            // sorts: of a join, of a small product, not of a large one
            ("SELECT * WHERE { ?a ?b ?c . ?c ?e ?f } ORDER BY ?a".into(), false),
            ("SELECT * WHERE { ?a a <http://x/A> . ?b a <http://x/B> } ORDER BY ?a ?b".into(), false),
            ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a".into(), true),
            ("ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }".into(), true),
        ] {
            assert_eq!(refused(&q), no, "{q}");
        }
    }

    #[test]
    fn the_refusal_says_what_to_do() {
        let q = spargebra::SparqlParser::new()
            .parse_query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
            .unwrap();
        let e = check(&q).unwrap_err().to_string();
        assert!(e.contains("share no variable"), "{e}");
    }
}
