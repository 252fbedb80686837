//! How a SELECT is cut into pieces that each stay under an endpoint's caps.
//!
//! Servers cap what one request may answer. Virtuoso, measured with 7.2.5:
//! `ResultSetMaxRows` (10,000 in Debian's virtuoso.ini) truncates an answer and
//! says so in an `X-SPARQL-MaxRows` header, and `MaxSortedTopRows` (10,000)
//! refuses any ordered query whose OFFSET + LIMIT passes it ("SR353: Sorted TOP
//! clause specifies more then 20000 rows to sort"), so LIMIT/OFFSET pages of an
//! ORDER BY query end at the first 10,000 rows, and keyset pages would need the
//! server's collation of IRIs and literals to agree with oxigraph's.
//!
//! So nothing here asks the server to sort. The query is sent without its
//! ORDER BY; when the answer may be cut, the rows are counted and fetched again
//! in pieces chosen by a hash of each row: `SUBSTR(MD5(…all columns…), 1, 4)`
//! within a range of four hex digits, ranges sized so that a piece holds about
//! three quarters of what the server returned at most, and a piece that still
//! comes back full is halved. The pieces are disjoint and together hold every
//! row whatever the data (an unbound column hashes as the empty string), the
//! total is checked against the count, and the rows are then sorted here as the
//! local store sorts them ([`super::order`]). Fuseki and QLever cap nothing by
//! default: their first answer is whole and no piece is asked for.

use super::order::SortKey;

/// A key of the ORDER BY clause as written.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderKey {
    pub var: String,
    pub descending: bool,
}

/// A SELECT taken apart: what goes before it, the query without its ORDER BY,
/// and the variables it orders by.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan<'a> {
    prologue: &'a str,
    body: &'a str,
    pub order: Vec<OrderKey>,
}

/// The number of hash values the pieces divide: four hex digits.
pub const HASH_SPACE: u32 = 1 << 16;

/// Words at brace depth 0, outside IRIs, strings and comments, with their
/// byte offsets. (Scanned by bytes: every character that matters is ASCII and
/// UTF-8 never repeats an ASCII byte inside another character.)
fn top_level_words(q: &str) -> Vec<(usize, &str)> {
    let b = q.as_bytes();
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let long = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                i += if long { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == q
                        && (!long || (b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q)))
                    {
                        i += if long { 2 } else { 0 };
                        break;
                    }
                    i += 1;
                }
            }
            // an IRI runs to '>' without spaces; otherwise '<' is a comparison
            b'<' => {
                if let Some(n) = b[i + 1..]
                    .iter()
                    .position(|&c| c == b'>' || c.is_ascii_whitespace() || b"<\"{}".contains(&c))
                    .filter(|&n| b[i + 1 + n] == b'>')
                {
                    i += n + 1;
                }
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            c if c.is_ascii_alphabetic()
                && (i == 0 || !(ident(b[i - 1]) || b"?$:-".contains(&b[i - 1]))) =>
            {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                // `order:` in a PREFIX line is a prefix, not a keyword
                if depth == 0 && b.get(i) != Some(&b':') {
                    words.push((start, &q[start..i]));
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    words
}

/// The keys of an ORDER BY clause when each is a variable (`?v`, `ASC(?v)`,
/// `DESC(?v)`); `None` for an expression, which only the server can evaluate.
fn order_keys(clause: &str) -> Option<Vec<OrderKey>> {
    let spaced = clause.replace(['(', ')'], " ");
    let mut keys = Vec::new();
    let mut descending = false;
    for token in spaced.split_whitespace() {
        if token.eq_ignore_ascii_case("ASC") {
            descending = false;
        } else if token.eq_ignore_ascii_case("DESC") {
            descending = true;
        } else if let Some(v) = token.strip_prefix(['?', '$']) {
            keys.push(OrderKey {
                var: v.to_string(),
                descending,
            });
            descending = false;
        } else {
            return None;
        }
    }
    (!keys.is_empty()).then_some(keys)
}

/// Takes a query apart for fetching in pieces; `None` for a query to send as
/// it is: not a SELECT, or one that bounds itself (LIMIT, OFFSET), names its
/// dataset (FROM, which a subquery may not), ends in VALUES, or orders by an
/// expression.
pub fn plan(sparql: &str) -> Option<Plan<'_>> {
    let words = top_level_words(sparql);
    let at = words
        .iter()
        .position(|(_, w)| w.eq_ignore_ascii_case("SELECT"))?;
    let after = &words[at..];
    if after.iter().any(|(_, w)| {
        ["LIMIT", "OFFSET", "FROM", "VALUES"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
    }) {
        return None;
    }
    let order = after
        .windows(2)
        .find(|p| p[0].1.eq_ignore_ascii_case("ORDER") && p[1].1.eq_ignore_ascii_case("BY"));
    let (body_end, order) = match order {
        Some(p) => {
            let by_end = p[1].0 + p[1].1.len();
            (p[0].0, order_keys(&sparql[by_end..])?)
        }
        None => (sparql.len(), Vec::new()),
    };
    Some(Plan {
        prologue: &sparql[..words[at].0],
        body: sparql[words[at].0..body_end].trim_end(),
        order,
    })
}

/// A range of hash values, `from` included, `to` excluded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub from: u32,
    pub to: u32,
}

impl Range {
    /// `n` ranges of about equal width over the whole hash space.
    pub fn split_space(n: u32) -> Vec<Range> {
        let n = n.clamp(1, HASH_SPACE);
        (0..n)
            .map(|i| Range {
                from: i * (HASH_SPACE / n) + i.min(HASH_SPACE % n),
                to: (i + 1) * (HASH_SPACE / n) + (i + 1).min(HASH_SPACE % n),
            })
            .collect()
    }

    /// The two halves, or `None` for a single hash value.
    pub fn halves(self) -> Option<(Range, Range)> {
        let mid = self.from + (self.to - self.from) / 2;
        (mid > self.from).then_some((
            Range {
                from: self.from,
                to: mid,
            },
            Range {
                to: self.to,
                from: mid,
            },
        ))
    }
}

impl Plan<'_> {
    /// The query without its ORDER BY.
    pub fn unordered(&self) -> String {
        format!("{}{}", self.prologue, self.body)
    }

    /// A query counting the rows of the query.
    pub fn count(&self) -> String {
        format!(
            "{}SELECT (COUNT(*) AS ?rows) WHERE {{ {{ {} }} }}",
            self.prologue, self.body
        )
    }

    /// The rows of the query whose hash falls in `range`; `vars` are the
    /// query's columns, as the endpoint named them.
    pub fn piece(&self, vars: &[String], range: Range) -> String {
        let columns: Vec<String> = vars
            .iter()
            .map(|v| format!("COALESCE(STR(?{v}), \"\")"))
            .collect();
        // CONCAT of one argument is valid SPARQL; a separator keeps ("ab", "c")
        // and ("a", "bc") apart
        let hash = format!("SUBSTR(MD5(CONCAT({})), 1, 4)", columns.join(", \"\\t\", "));
        let mut filter = format!("{hash} >= \"{:04x}\"", range.from);
        if range.to < HASH_SPACE {
            filter.push_str(&format!(" && {hash} < \"{:04x}\"", range.to));
        }
        let projection: Vec<String> = vars.iter().map(|v| format!("?{v}")).collect();
        format!(
            "{}SELECT {} WHERE {{ {{ {} }} FILTER({filter}) }}",
            self.prologue,
            projection.join(" "),
            self.body
        )
    }

    /// The ORDER BY keys as columns of `vars`, or `None` if one orders by a
    /// variable the query does not return.
    pub fn sort_keys(&self, vars: &[String]) -> Option<Vec<SortKey>> {
        self.order
            .iter()
            .map(|k| {
                Some(SortKey {
                    column: vars.iter().position(|v| *v == k.var)?,
                    descending: k.descending,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#>\nPREFIX order: <urn:x#>\n";

    /// The body and the order keys (variable, descending) a query is taken
    /// apart into, or `None` for a query sent as it is.
    type Expected<'a> = Option<(&'a str, Vec<(&'a str, bool)>)>;

    #[test]
    fn takes_apart_the_queries_of_the_analyses() {
        // (query, body, order keys) or None for a query sent as it is
        let q1 = format!("{P}SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d ig:mentions ?e }} GROUP BY ?e ORDER BY ?e");
        let q2 = format!("{P}SELECT ?s ?o WHERE {{ ?s ?p ?o FILTER(?o < 3 && STR(?s) != \"ORDER BY ?x\") }} ORDER BY DESC(?o) ASC(?s) ?p");
        let q3 = format!("{P}SELECT ?d ?id WHERE {{ ?d a ig:Document ; <urn:limit> ?id }}");
        let q4 = "SELECT ?o WHERE { GRAPH ?g { ?o a ?t } # ORDER BY ?t LIMIT 1\n} order by ?o"
            .to_string();
        let table: Vec<(&str, Expected)> = vec![
            (
                &q1,
                Some((
                    "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d ig:mentions ?e } GROUP BY ?e",
                    vec![("e", false)],
                )),
            ),
            (
                &q2,
                Some((
                    "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(?o < 3 && STR(?s) != \"ORDER BY ?x\") }",
                    vec![("o", true), ("s", false), ("p", false)],
                )),
            ),
            (
                &q3,
                Some((
                    "SELECT ?d ?id WHERE { ?d a ig:Document ; <urn:limit> ?id }",
                    vec![],
                )),
            ),
            (
                &q4,
                Some((
                    "SELECT ?o WHERE { GRAPH ?g { ?o a ?t } # ORDER BY ?t LIMIT 1\n}",
                    vec![("o", false)],
                )),
            ),
            ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10", None),
            ("SELECT ?s WHERE { ?s ?p ?o } OFFSET 10", None),
            ("SELECT ?s FROM <urn:g> WHERE { ?s ?p ?o }", None),
            ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY STR(?s)", None),
            ("SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <urn:a> }", None),
            ("ASK { ?s ?p ?o }", None),
            ("CONSTRUCT WHERE { ?s ?p ?o }", None),
        ];
        for (q, want) in table {
            let got = plan(q).map(|p| {
                (
                    p.body,
                    p.order
                        .into_iter()
                        .map(|k| (k.var, k.descending))
                        .collect::<Vec<_>>(),
                )
            });
            let want = want.map(|(b, o)| {
                (
                    b,
                    o.into_iter()
                        .map(|(v, d)| (v.to_string(), d))
                        .collect::<Vec<_>>(),
                )
            });
            assert_eq!(got, want, "{q}");
        }
        assert_eq!(plan(&q1).unwrap().prologue, P);
    }

    #[test]
    fn ranges_cover_the_hash_space_once() {
        for n in [1, 3, 16, 1000, HASH_SPACE, HASH_SPACE + 5] {
            let r = Range::split_space(n);
            assert_eq!(r.len() as u32, n.min(HASH_SPACE));
            assert_eq!(r[0].from, 0);
            assert_eq!(r.last().unwrap().to, HASH_SPACE);
            assert!(r
                .windows(2)
                .all(|w| w[0].to == w[1].from && w[0].from < w[0].to));
        }
        let (a, b) = Range { from: 10, to: 13 }.halves().unwrap();
        assert_eq!(
            (a, b),
            (Range { from: 10, to: 11 }, Range { from: 11, to: 13 })
        );
        assert_eq!(Range { from: 7, to: 8 }.halves(), None);
    }

    /// The pieces, run on the local store, give every row of the query once.
    #[test]
    fn pieces_hold_every_row_once() {
        use oxigraph::sparql::{QueryResults, SparqlEvaluator};
        let store = oxigraph::store::Store::new().unwrap();
        let mut data = String::new();
        for i in 0..300 {
            data.push_str(&format!("<urn:s{}> <urn:p> \"{}\"@zh .\n", i % 97, i));
            if i % 3 == 0 {
                data.push_str(&format!("<urn:s{}> <urn:q> {i} .\n", i % 97));
            }
        }
        store
            .load_from_reader(oxigraph::io::RdfFormat::Turtle, data.as_bytes())
            .unwrap();
        let run = |q: &str| -> Vec<String> {
            let QueryResults::Solutions(s) = SparqlEvaluator::new()
                .parse_query(q)
                .unwrap()
                .on_store(&store)
                .execute()
                .unwrap()
            else {
                panic!("{q}")
            };
            let mut rows: Vec<String> = s.map(|r| format!("{:?}", r.unwrap())).collect();
            rows.sort();
            rows
        };
        let q = "SELECT ?s ?l ?n WHERE { ?s <urn:p> ?l OPTIONAL { ?s <urn:q> ?n } } ORDER BY ?s";
        let p = plan(q).unwrap();
        let all = run(&p.unordered());
        assert!(all.len() > 300, "{}", all.len());
        let count = run(&p.count());
        assert!(
            count[0].contains(&format!("\"{}\"", all.len())),
            "{count:?}"
        );
        let vars: Vec<String> = ["s", "l", "n"].map(String::from).to_vec();
        let mut pieces = Vec::new();
        for r in Range::split_space(7) {
            pieces.extend(run(&p.piece(&vars, r)));
        }
        pieces.sort();
        assert_eq!(pieces, all);
    }
}
