//! The order of SPARQL's ORDER BY, applied on this side to rows fetched from an
//! endpoint in pieces (see [`super::paging`]): the rows come back in the order
//! the local store would give them, whatever the server's collation.
//!
//! It follows oxigraph 0.5's comparison (SPARQL 1.1 section 15.1 plus its
//! tie-breaks): unbound < blank node < IRI < literal; IRIs by their text;
//! literals by value where SPARQL compares them (numbers with numbers, strings
//! with strings, language strings of one language, dates and times of one
//! datatype), otherwise by lexical form, datatype and language.

use oxigraph::model::{Literal, Term};
use std::cmp::Ordering;

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// How SPARQL compares a literal's value.
#[derive(PartialEq)]
enum Kind<'a> {
    Number(f64),
    Text,
    Lang(&'a str),
    /// date, dateTime, time…: compared by their text within one datatype
    /// (the canonical forms that both oxigraph and Virtuoso write sort in time order)
    Temporal(&'a str),
    Other,
}

fn kind(l: &Literal) -> Kind<'_> {
    if let Some(lang) = l.language() {
        return Kind::Lang(lang);
    }
    let Some(local) = l.datatype().as_str().strip_prefix(XSD) else {
        return Kind::Other;
    };
    match local {
        "string" => Kind::Text,
        "integer" | "decimal" | "float" | "double" | "long" | "int" | "short" | "byte"
        | "nonNegativeInteger" | "positiveInteger" | "nonPositiveInteger" | "negativeInteger"
        | "unsignedLong" | "unsignedInt" | "unsignedShort" | "unsignedByte" => {
            match l.value().trim().parse::<f64>() {
                Ok(v) if !v.is_nan() => Kind::Number(v),
                _ => Kind::Other,
            }
        }
        "date" | "dateTime" | "time" | "gYear" | "gYearMonth" | "dateTimeStamp" => {
            Kind::Temporal(local)
        }
        _ => Kind::Other,
    }
}

fn cmp_literals(a: &Literal, b: &Literal) -> Ordering {
    let by_value = match (kind(a), kind(b)) {
        (Kind::Number(x), Kind::Number(y)) => x.partial_cmp(&y),
        (Kind::Text, Kind::Text) => Some(a.value().cmp(b.value())),
        (Kind::Lang(x), Kind::Lang(y)) if x == y => Some(a.value().cmp(b.value())),
        (Kind::Temporal(x), Kind::Temporal(y)) if x == y => Some(a.value().cmp(b.value())),
        _ => None,
    };
    match by_value {
        Some(o) => o,
        None => (a.value(), a.datatype().as_str(), a.language()).cmp(&(
            b.value(),
            b.datatype().as_str(),
            b.language(),
        )),
    }
}

/// Compares two bindings as ORDER BY does (ascending).
pub fn cmp_terms(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    fn rank(t: &Term) -> u8 {
        match t {
            Term::BlankNode(_) => 0,
            Term::NamedNode(_) => 1,
            Term::Literal(_) => 2,
        }
    }
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => match (x, y) {
            (Term::BlankNode(x), Term::BlankNode(y)) => x.as_str().cmp(y.as_str()),
            (Term::NamedNode(x), Term::NamedNode(y)) => x.as_str().cmp(y.as_str()),
            (Term::Literal(x), Term::Literal(y)) => cmp_literals(x, y),
            _ => rank(x).cmp(&rank(y)),
        },
    }
}

/// A key of an ORDER BY clause: the column it reads and its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    pub column: usize,
    pub descending: bool,
}

/// Sorts rows by the keys, keeping the fetched order of rows that tie.
pub fn sort_rows(rows: &mut [Vec<Option<Term>>], keys: &[SortKey]) {
    rows.sort_by(|x, y| {
        for k in keys {
            let o = cmp_terms(x[k.column].as_ref(), y[k.column].as_ref());
            let o = if k.descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, NamedNode};
    use oxigraph::sparql::{QueryResults, SparqlEvaluator};
    use oxigraph::store::Store;

    fn typed(v: &str, dt: &str) -> Term {
        Literal::new_typed_literal(v, NamedNode::new_unchecked(format!("{XSD}{dt}"))).into()
    }

    /// Terms of every kind the analyses read, in a scrambled order (no blank
    /// node: VALUES cannot hold one; see the next test).
    fn terms() -> Vec<Term> {
        vec![
            typed("10", "integer"),
            Literal::new_language_tagged_literal_unchecked("北京", "zh").into(),
            NamedNode::new_unchecked("https://w3id.org/innograph/entity/b").into(),
            typed("2026-03-01", "date"),
            Literal::new_simple_literal("b").into(),
            typed("9.5", "decimal"),
            typed("2025-12-31", "date"),
            NamedNode::new_unchecked("https://w3id.org/innograph/entity/a").into(),
            Literal::new_simple_literal("a").into(),
            typed("2", "double"),
            Literal::new_language_tagged_literal_unchecked("上海", "zh").into(),
            Literal::new_language_tagged_literal_unchecked("a", "en").into(),
            typed("2024", "gYear"),
        ]
    }

    /// Cross-check with the local store: oxigraph's ORDER BY over the same
    /// terms gives the order [`sort_rows`] gives.
    #[test]
    fn sorts_as_oxigraph_orders() {
        let values: Vec<String> = terms().iter().map(|t| format!("({t})")).collect();
        let q = format!(
            "SELECT ?t WHERE {{ VALUES (?t) {{ {} (UNDEF) }} }} ORDER BY ?t",
            values.join(" ")
        );
        let QueryResults::Solutions(s) = SparqlEvaluator::new()
            .parse_query(&q)
            .unwrap()
            .on_store(&Store::new().unwrap())
            .execute()
            .unwrap()
        else {
            panic!("not solutions")
        };
        let expected: Vec<Option<Term>> = s.map(|r| r.unwrap().get("t").cloned()).collect();
        let mut rows: Vec<Vec<Option<Term>>> = terms().into_iter().map(|t| vec![Some(t)]).collect();
        rows.push(vec![None]);
        sort_rows(
            &mut rows,
            &[SortKey {
                column: 0,
                descending: false,
            }],
        );
        let got: Vec<Option<Term>> = rows.into_iter().map(|mut r| r.remove(0)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn later_keys_break_ties_and_descending_reverses() {
        let n = |s: &str| Some(Term::from(NamedNode::new_unchecked(format!("urn:{s}"))));
        let blank = Some(Term::from(BlankNode::new_unchecked("z")));
        assert_eq!(cmp_terms(blank.as_ref(), n("a").as_ref()), Ordering::Less);
        let mut rows = vec![
            vec![n("a"), n("2")],
            vec![n("b"), n("1")],
            vec![n("a"), n("1")],
        ];
        sort_rows(
            &mut rows,
            &[
                SortKey {
                    column: 0,
                    descending: false,
                },
                SortKey {
                    column: 1,
                    descending: true,
                },
            ],
        );
        assert_eq!(
            rows,
            vec![
                vec![n("a"), n("2")],
                vec![n("a"), n("1")],
                vec![n("b"), n("1")],
            ]
        );
    }
}
