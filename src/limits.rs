//! Bounds on a SPARQL query checked before it is parsed.
//!
//! oxigraph's parser, optimiser and evaluator recurse once per level of a
//! query's nesting, so a query nested a few thousand braces deep (a 24 KB GET)
//! overflowed a thread's stack and aborted the whole process. A cheap scan of
//! the text refuses such queries first, and every query is parsed and run on a
//! thread whose stack fits the deepest query the limits let through
//! ([`QUERY_STACK_BYTES`], measured by the tests below).

use std::fmt;

/// The stack of a thread that parses and evaluates queries. The limits below
/// need far less (see `the_deepest_and_longest_queries_allowed_fit_the_stack`);
/// the margin is for shapes nobody thought of. Only the pages a query touches
/// are ever committed.
pub const QUERY_STACK_BYTES: usize = 64 << 20;

/// How large, deep and long a query may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Bytes of query text.
    pub max_bytes: usize,
    /// Open braces, brackets and parentheses at one point of the text.
    pub max_depth: usize,
    /// Triple patterns, counted at the '.', ';' and ',' between them.
    /// oxigraph's planner orders a group's patterns in time that grows with
    /// about the fourth power of their number and cannot be cancelled:
    /// measured on an empty store, 100 patterns take 0.7 s, 200 take 12 s.
    pub max_patterns: usize,
    /// Groups and clauses: '{', FILTER, BIND, OPTIONAL, MINUS, UNION,
    /// VALUES, GRAPH, SERVICE (1,000 OPTIONALs plan in about a second).
    pub max_clauses: usize,
    /// Operators of expressions and paths: + * / | & (2,000 additions
    /// plan in a tenth of a second, 16,000 in 6 s).
    pub max_operators: usize,
}

impl Default for QueryLimits {
    /// Generous for people and tools: the deepest query in the W3C SPARQL 1.1
    /// test suite nests 9 levels, the longest has a few dozen patterns.
    fn default() -> Self {
        QueryLimits {
            max_bytes: 128 << 10,
            max_depth: 128,
            max_patterns: 100,
            max_clauses: 1000,
            max_operators: 2000,
        }
    }
}

/// Why a query is refused before parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum LimitError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    TooDeep {
        line: usize,
        max: usize,
    },
    TooLong {
        what: &'static str,
        max: usize,
    },
    /// A product of patterns that share no variable ([`crate::cartesian`]):
    /// about `rows` rows, `reads` when some come from the store.
    TooManyRows {
        rows: f64,
        reads: bool,
    },
    /// An ORDER BY over about `rows` rows ([`crate::cartesian`]).
    TooManyToSort {
        rows: f64,
    },
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitError::TooLarge { bytes, max } => write!(
                f,
                "the query is {bytes} bytes long, more than the {max} bytes allowed; send a shorter query"
            ),
            LimitError::TooDeep { line, max } => write!(
                f,
                "the query nests braces, brackets and parentheses more than {max} levels deep (line {line}); flatten it"
            ),
            LimitError::TooLong { what, max } => write!(
                f,
                "the query has more than {max} {what}, more than one query may have here; split it into smaller queries"
            ),
            LimitError::TooManyRows { rows, reads } => write!(
                f,
                "the query multiplies patterns that share no variable into about {rows:.0e} rows{}, more than this server evaluates; join them on a variable or send them as separate queries",
                if *reads { "" } else { " made in memory" }
            ),
            LimitError::TooManyToSort { rows } => write!(
                f,
                "the query sorts patterns that share no variable, about {rows:.0e} rows, more than this server sorts; join them on a variable or leave out the ORDER BY"
            ),
        }
    }
}

impl std::error::Error for LimitError {}

fn is_name(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80
}

/// Checks a query's size, nesting depth and length without parsing it:
/// strings, IRIs and comments are skipped so that what they hold does not
/// count.
pub fn check(query: &str, limits: &QueryLimits) -> Result<(), LimitError> {
    if query.len() > limits.max_bytes {
        return Err(LimitError::TooLarge {
            bytes: query.len(),
            max: limits.max_bytes,
        });
    }
    let b = query.as_bytes();
    let mut scan = Scan { b, i: 0, line: 1 };
    let mut tally = Tally {
        limits,
        open: Vec::new(),
        patterns: 0,
        clauses: 0,
        operators: 0,
    };
    while scan.i < b.len() {
        match b[scan.i] {
            b'\n' => scan.line += 1,
            b'#' => {
                scan.comment();
                continue;
            }
            // an escape in a local name (ex:a\(b) is not a bracket
            b'\\' => scan.i += 1,
            q @ (b'"' | b'\'') => scan.string(q),
            b'<' => scan.iri(),
            // variables, local names and language tags: no keywords inside
            b'?' | b'$' | b':' | b'@' => scan.name(),
            c if c.is_ascii_alphabetic() => {
                let word = scan.word(query);
                if CLAUSE_WORDS.iter().any(|k| word.eq_ignore_ascii_case(k)) {
                    tally.clause()?;
                }
            }
            c @ (b'{' | b'(' | b'[') => tally.open(c, scan.line)?,
            b'}' | b')' | b']' => {
                tally.open.pop();
            }
            b'.' | b';' | b',' => {
                let decimal =
                    b[scan.i] == b'.' && b.get(scan.i + 1).is_some_and(u8::is_ascii_digit);
                if !decimal {
                    tally.separator()?;
                }
            }
            b'+' | b'*' | b'/' | b'|' | b'&' => tally.operator()?,
            _ => {}
        }
        scan.i += 1;
    }
    Ok(())
}

/// The keywords that open a clause of a group.
const CLAUSE_WORDS: [&str; 8] = [
    "FILTER", "BIND", "OPTIONAL", "MINUS", "UNION", "VALUES", "GRAPH", "SERVICE",
];

/// A pass over a query's bytes that steps over what holds no structure:
/// comments, strings, IRIs, names. Each step leaves `i` on the last byte of
/// what it read.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
}

impl Scan<'_> {
    /// To the end of the line (left on the newline, which counts the line).
    fn comment(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    /// A string quoted by `q`, short or long (three quotes).
    fn string(&mut self, q: u8) {
        let b = self.b;
        let long = b.get(self.i + 1) == Some(&q) && b.get(self.i + 2) == Some(&q);
        self.i += if long { 3 } else { 1 };
        while self.i < b.len() {
            match b[self.i] {
                b'\\' => self.i += 1,
                b'\n' => {
                    self.line += 1;
                    if !long {
                        break;
                    }
                }
                c if c == q
                    && (!long
                        || (b.get(self.i + 1) == Some(&q) && b.get(self.i + 2) == Some(&q))) =>
                {
                    self.i += if long { 2 } else { 0 };
                    break;
                }
                _ => {}
            }
            self.i += 1;
        }
    }

    /// An IRI when the characters up to the next '>' may stand in one;
    /// otherwise the comparison operator, and nothing is skipped.
    fn iri(&mut self) {
        let b = self.b;
        let mut j = self.i + 1;
        while j < b.len()
            && b[j] > b' '
            && !matches!(
                b[j],
                b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\'
            )
        {
            j += 1;
        }
        if b.get(j) == Some(&b'>') {
            self.i = j;
        }
    }

    /// A variable, local name or language tag.
    fn name(&mut self) {
        let b = self.b;
        while self.i + 1 < b.len()
            && (is_name(b[self.i + 1])
                || b[self.i + 1] == b'.' && b.get(self.i + 2).is_some_and(|&c| is_name(c)))
        {
            self.i += 1;
        }
    }

    /// A word (a keyword or a prefixed name's prefix).
    fn word<'q>(&mut self, query: &'q str) -> &'q str {
        let start = self.i;
        while self.i + 1 < self.b.len() && is_name(self.b[self.i + 1]) {
            self.i += 1;
        }
        &query[start..=self.i]
    }
}

/// What a query holds so far, against its limits.
struct Tally<'l> {
    limits: &'l QueryLimits,
    /// The open brackets, innermost last: a ',' in an argument list or IN (…)
    /// separates no patterns.
    open: Vec<u8>,
    patterns: usize,
    clauses: usize,
    operators: usize,
}

impl Tally<'_> {
    fn clause(&mut self) -> Result<(), LimitError> {
        self.clauses += 1;
        if self.clauses > self.limits.max_clauses {
            return Err(LimitError::TooLong {
                what: "groups and clauses",
                max: self.limits.max_clauses,
            });
        }
        Ok(())
    }

    fn open(&mut self, c: u8, line: usize) -> Result<(), LimitError> {
        self.open.push(c);
        if self.open.len() > self.limits.max_depth {
            return Err(LimitError::TooDeep {
                line,
                max: self.limits.max_depth,
            });
        }
        if c == b'{' {
            self.clause()?;
        }
        Ok(())
    }

    /// A '.', ';' or ',' inside a group or a blank node ends a triple pattern.
    fn separator(&mut self) -> Result<(), LimitError> {
        if matches!(self.open.last(), Some(b'{' | b'[')) {
            self.patterns += 1;
            if self.patterns > self.limits.max_patterns {
                return Err(LimitError::TooLong {
                    what: "triple patterns",
                    max: self.limits.max_patterns,
                });
            }
        }
        Ok(())
    }

    fn operator(&mut self) -> Result<(), LimitError> {
        self.operators += 1;
        if self.operators > self.limits.max_operators {
            return Err(LimitError::TooLong {
                what: "operators",
                max: self.limits.max_operators,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(q: &str, max: usize) -> bool {
        check(
            q,
            &QueryLimits {
                max_bytes: 1 << 20,
                max_depth: max,
                ..QueryLimits::default()
            },
        )
        .is_ok()
    }

    #[test]
    fn nesting_is_counted_outside_strings_iris_and_comments() {
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(5), "}".repeat(5));
        assert!(depth_ok(&deep, 5));
        assert!(!depth_ok(&deep, 4));
        for q in [
            "SELECT * WHERE { ?s ?p \"{{{{{{\" }",
            "SELECT * WHERE { ?s ?p '''{{{\n{{{''' }",
            "SELECT * WHERE { ?s ?p \"a\\\"{{{{{{\" }",
            "SELECT * WHERE { ?s <http://x/((((((> ?o }",
            "SELECT * WHERE { ?s ?p ?o } # {{{{{{{{",
            "SELECT * WHERE { ?s ex:a\\(\\(\\(\\(\\( ?o }",
        ] {
            assert!(depth_ok(q, 2), "{q}");
        }
        // '<' as an operator does not hide the brackets after it
        let q = "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ((((?o > 1)))) ) }";
        assert!(!depth_ok(q, 3), "{q}");
        let e = check(
            &"{".repeat(4000),
            &QueryLimits {
                max_bytes: 1 << 20,
                ..QueryLimits::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("128 levels"), "{e}");
    }

    #[test]
    fn size_is_bounded() {
        let e = check(
            &"x".repeat(11),
            &QueryLimits {
                max_bytes: 10,
                ..QueryLimits::default()
            },
        )
        .unwrap_err();
        assert_eq!(e, LimitError::TooLarge { bytes: 11, max: 10 });
    }

    #[test]
    fn patterns_clauses_and_operators_are_counted() {
        let l = QueryLimits::default();
        let star = |n: usize| {
            let body: String = (0..n)
                .map(|i| format!("?s <http://x/p{i}> ?o{i} . "))
                .collect();
            format!("SELECT * WHERE {{ {body} }}")
        };
        assert!(check(&star(100), &l).is_ok());
        let e = check(&star(101), &l).unwrap_err();
        assert!(e.to_string().contains("100 triple patterns"), "{e}");
        // commas of a list, decimals, names and strings are no patterns
        let many = (0..500)
            .map(|i| format!("<http://x/{i}>"))
            .collect::<Vec<_>>()
            .join(", ");
        let q = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER(?o IN ({many}, 1.5, ex:a.b, \"a. b; c\")) }}"
        );
        assert!(check(&q, &l).is_ok());
        let q = format!(
            "SELECT * WHERE {{ {}}}",
            "OPTIONAL { ?s ?p ?o } ".repeat(600)
        );
        let e = check(&q, &l).unwrap_err();
        assert!(e.to_string().contains("groups and clauses"), "{e}");
        let q = format!("SELECT * WHERE {{ FILTER(1{}) }}", "+1".repeat(2001));
        assert!(check(&q, &l).unwrap_err().to_string().contains("operators"));
        // keywords inside names and variables do not count
        let q = format!(
            "SELECT * WHERE {{ {} }}",
            "?filter ex:union ?optional_values . ".repeat(90)
        );
        assert!(check(&q, &l).is_ok(), "{q}");
    }

    /// The shapes that recurse once per repetition, as deep or long as the
    /// default limits allow, plan and evaluate on a quarter of a query
    /// thread's stack. The bounds are set for the release build users run: an
    /// unoptimised build's parser frames are many times larger (the longest
    /// path overflows even 64 MiB there), so this runs with `--release` only.
    #[test]
    #[cfg_attr(
        debug_assertions,
        ignore = "stack use of an unoptimised build; run with cargo test --release"
    )]
    fn the_deepest_and_longest_queries_allowed_fit_the_stack() {
        let l = QueryLimits::default();
        let d = l.max_depth - 2;
        let star: String = (0..l.max_patterns - 1)
            .map(|i| format!("?s <http://x/p{i}> ?o{i} . "))
            .collect();
        let queries = [
            format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(d), "}".repeat(d)),
            format!(
                "SELECT * WHERE {{ FILTER({}1{}) }}",
                "(".repeat(d),
                ")".repeat(d)
            ),
            format!(
                "SELECT * WHERE {{ ?s ?p {}1{} }}",
                "(".repeat(d),
                ")".repeat(d)
            ),
            format!(
                "SELECT * WHERE {{ ?s ?p {}{} }}",
                "[ ?p ".repeat(d - 1),
                "]".repeat(d - 1)
            ),
            format!(
                "SELECT * WHERE {{ ?s {}<p>{} ?o }}",
                "(".repeat(d),
                ")".repeat(d)
            ),
            format!("SELECT * WHERE {{ {star} }}"),
            format!(
                "SELECT * WHERE {{ {} }}",
                "?s ?p ?o . ".repeat(l.max_patterns - 1)
            ),
            format!(
                "SELECT * WHERE {{ {}{{}} }}",
                "{?s ?p ?o} UNION ".repeat(l.max_clauses / 3)
            ),
            format!(
                "SELECT * WHERE {{ {} }}",
                "OPTIONAL{?s ?p ?o} ".repeat(l.max_clauses / 2 - 1)
            ),
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {} }}",
                "MINUS{?s ?p ?o} ".repeat(l.max_clauses / 2 - 1)
            ),
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {} }}",
                "FILTER(?o) ".repeat(l.max_clauses - 1)
            ),
            format!(
                "SELECT * WHERE {{ {} }}",
                "BIND(1 AS ?x) ".repeat(l.max_clauses - 1)
            ),
            format!(
                "SELECT * WHERE {{ FILTER(1{}) }}",
                "+1".repeat(l.max_operators - 1)
            ),
            format!(
                "SELECT * WHERE {{ FILTER(1{}) }}",
                "||1".repeat(l.max_operators / 2 - 1)
            ),
            format!(
                "SELECT * WHERE {{ ?s <p>{} ?o }}",
                "/<p>".repeat(l.max_operators - 1)
            ),
            format!(
                "SELECT * WHERE {{ ?s <p>{} ?o }}",
                "|<p>".repeat(l.max_operators - 1)
            ),
        ];
        for q in queries {
            let head = q[..60.min(q.len())].to_string();
            check(&q, &l).unwrap_or_else(|e| panic!("{head}: {e}"));
            let ran = std::thread::Builder::new()
                // a quarter of the stack queries get, for headroom
                .stack_size(QUERY_STACK_BYTES / 4)
                .spawn(move || {
                    let store = crate::store::GraphStore::in_memory().unwrap();
                    if let Ok(oxigraph::sparql::QueryResults::Solutions(s)) = store.query(&q) {
                        for row in s.take(10) {
                            let _ = row;
                        }
                    }
                })
                .unwrap()
                .join();
            // how long it takes is the benchmarks' business (a debug build is
            // ten times slower); that it does not overflow the stack is this test's
            assert!(ran.is_ok(), "{head}");
        }
    }
}
