//! Terms of a SELECT answer read as the program needs them: the one reader
//! for the rows of [`super::queries`].

use oxigraph::model::Term;

/// The IRI a cell holds, if it holds one.
pub fn iri(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// The lexical form of a literal a cell holds, if it holds one.
pub fn literal(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

/// A literal's lexical form or an IRI, whichever the cell holds.
pub fn text(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// What a cell holds as a reader sees it: a literal's form, an IRI, another
/// term in N-Triples, nothing for an unbound cell.
pub fn shown(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

/// The year a cell's date, `xsd:gYear` or year number begins with.
pub fn year(t: &Option<Term>) -> Option<i32> {
    text(t).and_then(|y| y.get(..4)?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    #[test]
    fn each_reader_takes_what_it_names() {
        let iri_cell = Some(Term::from(NamedNode::new_unchecked("http://x/a")));
        let lit_cell = Some(Term::from(Literal::new_simple_literal("2024-05-01")));
        let blank = Some(Term::from(BlankNode::new_unchecked("b0")));
        let cases: [(
            &Option<Term>,
            Option<&str>,
            Option<&str>,
            Option<&str>,
            &str,
        ); 4] = [
            (
                &iri_cell,
                Some("http://x/a"),
                None,
                Some("http://x/a"),
                "http://x/a",
            ),
            (
                &lit_cell,
                None,
                Some("2024-05-01"),
                Some("2024-05-01"),
                "2024-05-01",
            ),
            (&blank, None, None, None, "_:b0"),
            (&None, None, None, None, ""),
        ];
        for (cell, i, l, t, s) in cases {
            assert_eq!(iri(cell).as_deref(), i);
            assert_eq!(literal(cell).as_deref(), l);
            assert_eq!(text(cell).as_deref(), t);
            assert_eq!(shown(cell), s);
        }
        assert_eq!(year(&lit_cell), Some(2024));
        assert_eq!(year(&iri_cell), None);
    }
}
