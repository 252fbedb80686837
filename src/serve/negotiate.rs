//! Content negotiation: which format an `Accept` header (or a `format=`
//! parameter, as YASGUI and curl users send) asks for.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

/// One media range of an `Accept` header with its quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub media: String,
    pub q: f32,
}

/// The media ranges of an `Accept` header, best first (stable for equal q).
pub fn parse_accept(header: &str) -> Vec<Range> {
    let mut out: Vec<Range> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let media = it.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = it
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some(Range { media, q })
        })
        .filter(|r| r.q > 0.0)
        .collect();
    out.sort_by(|a, b| b.q.total_cmp(&a.q));
    out
}

/// Short names a `format=` parameter may use.
fn alias(f: &str) -> &str {
    match f.to_ascii_lowercase().as_str() {
        "json" | "srj" => "application/sparql-results+json",
        "xml" | "srx" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "turtle" | "ttl" => "text/turtle",
        "ntriples" | "nt" | "n-triples" => "application/n-triples",
        "rdfxml" | "rdf" | "xml-rdf" => "application/rdf+xml",
        "jsonld" | "json-ld" => "application/ld+json",
        "html" => "text/html",
        _ => "",
    }
}

/// The media types asked for, best first: a `format=` parameter wins over `Accept`.
pub fn wanted(accept: Option<&str>, format: Option<&str>) -> Vec<String> {
    let mut v = Vec::new();
    if let Some(f) = format {
        let a = alias(f);
        v.push(if a.is_empty() {
            f.to_string()
        } else {
            a.to_string()
        });
    }
    v.extend(
        parse_accept(accept.unwrap_or("*/*"))
            .into_iter()
            .map(|r| r.media),
    );
    if v.is_empty() {
        v.push("*/*".into());
    }
    v
}

/// The results format for SELECT and ASK: JSON unless another is asked for;
/// `None` when only unsupported types are acceptable.
pub fn results_format(wanted: &[String]) -> Option<QueryResultsFormat> {
    for m in wanted {
        let m = m.as_str();
        if m == "*/*" || m == "application/*" || m == "application/json" {
            return Some(QueryResultsFormat::Json);
        }
        if m == "text/*" || m == "text/plain" {
            return Some(QueryResultsFormat::Tsv);
        }
        if let Some(f) = QueryResultsFormat::from_media_type(m) {
            return Some(f);
        }
        // browsers ask for text/html first; they get JSON they can read
        if m == "text/html" || m == "application/xhtml+xml" {
            continue;
        }
    }
    wanted
        .iter()
        .any(|m| m == "text/html")
        .then_some(QueryResultsFormat::Json)
}

/// The RDF format for CONSTRUCT and DESCRIBE (and for entity descriptions):
/// Turtle unless another is asked for.
pub fn graph_format(wanted: &[String]) -> Option<RdfFormat> {
    for m in wanted {
        let m = m.as_str();
        if m == "*/*" || m == "text/*" || m == "text/html" || m == "application/*" {
            return Some(RdfFormat::Turtle);
        }
        if m == "application/json" {
            return RdfFormat::from_media_type("application/ld+json");
        }
        if let Some(f) = RdfFormat::from_media_type(m) {
            // datasets need graphs: a graph result is served in its triple form
            return Some(match f {
                RdfFormat::NQuads => RdfFormat::NTriples,
                RdfFormat::TriG => RdfFormat::Turtle,
                f => f,
            });
        }
    }
    None
}

/// Does the client prefer HTML (a browser) over RDF?
pub fn prefers_html(wanted: &[String]) -> bool {
    for m in wanted {
        match m.as_str() {
            "text/html" | "application/xhtml+xml" => return true,
            "*/*" => return false,
            m if RdfFormat::from_media_type(m).is_some() => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(accept: &str) -> Vec<String> {
        wanted(Some(accept), None)
    }

    #[test]
    fn accept_headers_of_real_clients() {
        // SPARQLWrapper (JSON), rdflib's SPARQLStore (XML first), curl, browsers
        assert_eq!(
            results_format(&w("application/sparql-results+json")),
            Some(QueryResultsFormat::Json)
        );
        assert_eq!(
            results_format(&w(
                "application/sparql-results+xml, application/sparql-results+json;q=0.8"
            )),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(results_format(&w("*/*")), Some(QueryResultsFormat::Json));
        assert_eq!(
            results_format(&w("text/csv")),
            Some(QueryResultsFormat::Csv)
        );
        assert_eq!(
            results_format(&w("text/tab-separated-values")),
            Some(QueryResultsFormat::Tsv)
        );
        assert_eq!(results_format(&w("image/png")), None);
        assert_eq!(
            results_format(&w("text/html,application/xhtml+xml,*/*;q=0.8")),
            Some(QueryResultsFormat::Json)
        );
        assert_eq!(
            graph_format(&w("application/n-triples")),
            Some(RdfFormat::NTriples)
        );
        assert_eq!(
            graph_format(&w("text/turtle;q=0.9, application/rdf+xml")),
            Some(RdfFormat::RdfXml)
        );
        assert_eq!(graph_format(&w("*/*")), Some(RdfFormat::Turtle));
        assert!(prefers_html(&w(
            "text/html,application/xhtml+xml,*/*;q=0.8"
        )));
        assert!(!prefers_html(&w("text/turtle")));
        assert!(!prefers_html(&w("*/*")));
    }

    #[test]
    fn a_format_parameter_wins() {
        let v = wanted(Some("application/sparql-results+json"), Some("csv"));
        assert_eq!(results_format(&v), Some(QueryResultsFormat::Csv));
        assert_eq!(parse_accept("a/b;q=0, c/d;q=0.5").len(), 1);
    }
}
