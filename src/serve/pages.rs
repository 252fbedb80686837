//! What a browser (HTML) or an RDF client (Turtle, N-Triples, JSON-LD) gets at
//! an entity's or a document's IRI, the analyses as JSON, and the page at `/`.

use super::html::{class_colour, esc, link, neighbourhood_svg, page};
use super::{negotiate, run_query, sparql, text, Shared};
use crate::analyze::{self, EvidenceReader};
use crate::store::GraphStore;
use crate::vocab::{DOC, ID, IG};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};

/// Rows of an entity page's relations, and of those with their sentences.
const MAX_RELATIONS: usize = 200;
const MAX_EVIDENCE_ROWS: usize = 60;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

pub async fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
}

/// The page's script and style, embedded in the binary (no CDN: it works offline).
pub async fn asset(Path(file): Path<String>) -> Response {
    let (ct, body) = match file.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "style.css" => ("text/css; charset=utf-8", STYLE_CSS),
        _ => return text(StatusCode::NOT_FOUND, format!("no asset named {file:?}")),
    };
    (
        [
            (header::CONTENT_TYPE, ct),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// The IRI a request path names: escapes of non-ASCII characters decoded (the
/// stored IRIs hold them as they are), ASCII escapes kept as `%XX` (as
/// [`crate::vocab::iri_segment`] writes them).
pub fn iri_from_path(base: &str, path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::from(base);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // a run of escapes, decoded together (one character may take several)
            let mut run = Vec::new();
            let mut j = i;
            while j + 3 <= bytes.len()
                && bytes[j] == b'%'
                && bytes[j + 1].is_ascii_hexdigit()
                && bytes[j + 2].is_ascii_hexdigit()
            {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                run.push(hex(bytes[j + 1]) * 16 + hex(bytes[j + 2]));
                j += 3;
            }
            if run.is_empty() {
                out.push('%');
                i += 1;
                continue;
            }
            for c in String::from_utf8_lossy(&run).chars() {
                if c.is_ascii() {
                    out.push_str(&format!("%{:02X}", c as u32));
                } else {
                    out.push(c);
                }
            }
            i = j;
        } else {
            let c = path[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn html_bytes(body: std::sync::Arc<Vec<u8>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body.to_vec(),
    )
        .into_response()
}

fn lit(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

const PREFIXES: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
";

/// An RDF description of `iri` (what it says and what is said of it), in the
/// format asked for.
async fn describe(st: &Shared, iri: &str, wanted: Vec<String>) -> Response {
    let q = format!(
        "{PREFIXES}CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> FILTER(?q != itsrdf:taIdentRef) }} }}"
    );
    run_query(
        st,
        sparql::QueryRequest {
            query: q,
            wanted,
            ..Default::default()
        },
    )
    .await
}

fn wanted_of(headers: &HeaderMap, raw: Option<&str>) -> Vec<String> {
    let format = raw.and_then(|r| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(r)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "format")
            .map(|(_, v)| v)
    });
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    negotiate::wanted(accept, format.as_deref())
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> crate::error::Result<T> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the store: {e}"),
        )),
        Err(e) => Err(text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot read the store: {e}"),
        )),
    }
}

/// `/id/…`: an entity.
pub(super) async fn entity(
    State(st): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let iri = iri_from_path(ID, uri.path().trim_start_matches("/id/"));
    let wanted = wanted_of(&headers, raw.as_deref());
    if !negotiate::prefers_html(&wanted) {
        return describe(&st, &iri, wanted).await;
    }
    let i2 = iri.clone();
    match st
        .cached_page(format!("e\u{0}{iri}"), move |s| entity_page(s, &i2))
        .await
    {
        Ok(Some(html)) => html_bytes(html),
        Ok(None) => text(
            StatusCode::NOT_FOUND,
            format!("the store holds nothing about {iri}"),
        ),
        Err(r) => r,
    }
}

/// The HTML page of an entity, `None` if the store does not know it.
pub fn entity_page(store: &GraphStore, iri: &str) -> crate::error::Result<Option<String>> {
    let out = store.select(&format!(
        "{PREFIXES}SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}"
    ))?;
    if out.is_empty() {
        return Ok(None);
    }
    let mut label = String::new();
    let mut classes = BTreeSet::new();
    let mut aliases = BTreeSet::new();
    // (direction, property, other IRI) → documents stating it
    let mut relations: BTreeMap<(bool, String, String), BTreeSet<String>> = BTreeMap::new();
    for r in &out {
        let (p, o, g) = (lit(&r[0]), lit(&r[1]), lit(&r[2]));
        match p.as_str() {
            "http://www.w3.org/2000/01/rdf-schema#label" => label = o,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                classes.insert(local(&o).to_string());
            }
            "http://www.w3.org/2004/02/skos/core#altLabel" => {
                aliases.insert(o);
            }
            _ if p.starts_with(IG) && matches!(r[1], Some(Term::NamedNode(_))) => {
                relations
                    .entry((true, local(&p).to_string(), o))
                    .or_default()
                    .insert(g);
            }
            _ => {}
        }
    }
    let incoming = store.select(&format!(
        "{PREFIXES}SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} FILTER(?p NOT IN (itsrdf:taIdentRef, ig:mentions, ig:observedEntity, ig:statesLinkWith)) }}"
    ))?;
    for r in &incoming {
        relations
            .entry((false, local(&lit(&r[1])).to_string(), lit(&r[0])))
            .or_default()
            .insert(lit(&r[2]));
    }
    // labels and classes of the other ends
    let others: BTreeSet<&String> = relations.keys().map(|k| &k.2).collect();
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    if !others.is_empty() {
        let values: String = others.iter().map(|o| format!("<{o}> ")).collect();
        for r in store.select(&format!(
            "{PREFIXES}SELECT ?x ?l ?t WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label ?l OPTIONAL {{ ?x a ?t }} }}"
        ))? {
            let t = local(&lit(&r[2])).to_string();
            let e = names.entry(lit(&r[0])).or_insert((lit(&r[1]), t.clone()));
            // the most specific class: one the ontology lists under another
            if t.len() > e.1.len() && !t.is_empty() {
                e.1 = t;
            }
        }
    }
    let class = classes.iter().next().cloned().unwrap_or_default();
    let class = classes
        .iter()
        .find(|c| matches!(c.as_str(), "University" | "ResearchInstitute" | "Bank"))
        .cloned()
        .unwrap_or(class);
    let mut ev = EvidenceReader::new(store);
    let mut body = format!(
        "<h1><span class=\"dot\" style=\"background:{}\"></span>{}</h1><p class=\"meta\"><span class=\"class\">{}</span> <code>{}</code></p>",
        class_colour(&class),
        esc(&label),
        esc(&classes.iter().cloned().collect::<Vec<_>>().join(", ")),
        esc(iri)
    );
    if !aliases.is_empty() {
        body.push_str(&format!(
            "<p><b>also</b> {}</p>",
            aliases
                .iter()
                .map(|a| esc(a))
                .collect::<Vec<_>>()
                .join(" · ")
        ));
    }
    let hood: Vec<(String, String, String)> = relations
        .keys()
        .map(|k| &k.2)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .take(24)
        .map(|o| {
            let (l, c) = names
                .get(o)
                .cloned()
                .unwrap_or_else(|| (local(o).to_string(), String::new()));
            (o.clone(), l, c)
        })
        .collect();
    if !hood.is_empty() {
        body.push_str(&neighbourhood_svg(&label, &class, &hood));
    }
    body.push_str("<h2>Relations</h2><table class=\"rel\"><thead><tr><th>relation</th><th>with</th><th>evidence</th></tr></thead><tbody>");
    // a hub (a province) relates to thousands: the page lists the first ones,
    // with their sentences for the first of those; SPARQL has the rest
    for (row, ((forward, prop, other), docs)) in relations.iter().enumerate() {
        if row == MAX_RELATIONS {
            body.push_str(&format!(
                "<tr><td colspan=\"3\">… +{} more relations (query them at /sparql)</td></tr>",
                relations.len() - MAX_RELATIONS
            ));
            break;
        }
        let (ol, _) = names
            .get(other)
            .cloned()
            .unwrap_or_else(|| (local(other).to_string(), String::new()));
        let arrow = if *forward {
            format!("{prop} →")
        } else {
            format!("← {prop}")
        };
        let mut cell = String::new();
        let shown = if row < MAX_EVIDENCE_ROWS { 3 } else { 0 };
        for d in docs.iter().take(shown) {
            if let Some(e) = ev.sentence(d, iri, other)? {
                // a sentence that names one end only says so, rather than pass for a statement
                let basis = match e.basis {
                    crate::analyze::Basis::Sentence => String::new(),
                    other => format!(" <span class=\"basis\">({})</span>", other.describe()),
                };
                cell.push_str(&format!(
                    "<div class=\"ev\">“{}” <span class=\"src\">{}</span>{basis}</div>",
                    esc(&e.sentence),
                    link(d, &e.document)
                ));
            } else {
                cell.push_str(&format!("<div class=\"ev\">{}</div>", link(d, local(d))));
            }
        }
        if docs.len() > 3 {
            cell.push_str(&format!(
                "<div class=\"ev\">… +{} more documents</div>",
                docs.len() - 3
            ));
        }
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{cell}</td></tr>",
            esc(&arrow),
            link(other, &ol)
        ));
    }
    body.push_str("</tbody></table>");
    let figures = store.select(&format!(
        "{PREFIXES}SELECT ?m ?v ?u ?y ?st ?q ?g ?b WHERE {{ GRAPH ?g {{ ?o ig:observedEntity <{iri}> ; ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?st ; nif:beginIndex ?b OPTIONAL {{ ?o ig:year ?y }} OPTIONAL {{ ?o ig:qualifier ?q }} }} }} ORDER BY ?y ?m"
    ))?;
    if !figures.is_empty() {
        body.push_str("<h2>Figures</h2><table class=\"fig\"><thead><tr><th>year</th><th>measure</th><th>value</th><th>status</th><th>evidence</th></tr></thead><tbody>");
        for r in figures.iter().take(MAX_EVIDENCE_ROWS) {
            let at: usize = lit(&r[7]).parse().unwrap_or(0);
            let doc = lit(&r[6]);
            let e = ev.sentence_at(&doc, at)?;
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}{} {}</td><td>{}</td><td><div class=\"ev\">“{}” <span class=\"src\">{}</span></div></td></tr>",
                esc(&lit(&r[3])),
                esc(&lit(&r[0])),
                esc(&lit(&r[5])),
                esc(&lit(&r[1])),
                esc(&lit(&r[2])),
                esc(local(&lit(&r[4]))),
                esc(&e.sentence),
                link(&doc, &e.document)
            ));
        }
        body.push_str("</tbody></table>");
    }
    let docs = store.select(&format!(
        "{PREFIXES}SELECT ?d ?t WHERE {{ ?d ig:mentions <{iri}> OPTIONAL {{ ?d dcterms:title ?t }} }} ORDER BY ?d LIMIT 200"
    ))?;
    if !docs.is_empty() {
        body.push_str("<h2>Documents that name it</h2><ul class=\"docs\">");
        for r in &docs {
            let d = lit(&r[0]);
            let t = lit(&r[1]);
            body.push_str(&format!(
                "<li>{}</li>",
                link(&d, if t.is_empty() { local(&d) } else { &t })
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(
        "<p class=\"rdf\">as RDF: <a href=\"?format=turtle\">Turtle</a> · <a href=\"?format=ntriples\">N-Triples</a> · <a href=\"?format=jsonld\">JSON-LD</a></p>",
    );
    Ok(Some(page(&label, &body)))
}

/// `/doc/…`: a document, its text with every mention marked.
pub(super) async fn document(
    State(st): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let iri = iri_from_path(DOC, uri.path().trim_start_matches("/doc/"));
    let wanted = wanted_of(&headers, raw.as_deref());
    if !negotiate::prefers_html(&wanted) {
        let q = format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}");
        return run_query(
            &st,
            sparql::QueryRequest {
                query: q,
                wanted,
                ..Default::default()
            },
        )
        .await;
    }
    let i2 = iri.clone();
    match st
        .cached_page(format!("d\u{0}{iri}"), move |s| document_page(s, &i2))
        .await
    {
        Ok(Some(html)) => html_bytes(html),
        Ok(None) => text(
            StatusCode::NOT_FOUND,
            format!("the store holds no document {iri}"),
        ),
        Err(r) => r,
    }
}

/// A mention to mark: its entity, the entity's label and class, the rule.
type MarkedMention = (String, String, String, String);

/// The HTML page of a document, `None` if the store does not hold it.
pub fn document_page(store: &GraphStore, iri: &str) -> crate::error::Result<Option<String>> {
    let head = store.select(&format!(
        "{PREFIXES}SELECT ?text ?title ?date ?pub ?src WHERE {{ GRAPH <{iri}> {{ <{iri}> nif:isString ?text OPTIONAL {{ <{iri}> dcterms:title ?title }} OPTIONAL {{ <{iri}> dcterms:date ?date }} OPTIONAL {{ <{iri}> dcterms:publisher ?pub }} OPTIONAL {{ <{iri}> dcterms:source ?src }} }} }}"
    ))?;
    let Some(h) = head.first() else {
        return Ok(None);
    };
    let chars: Vec<char> = lit(&h[0]).chars().collect();
    let title = lit(&h[1]);
    let mentions = store.select(&format!(
        "{PREFIXES}SELECT ?b ?e ?ent ?l ?t ?rule WHERE {{ GRAPH <{iri}> {{ ?m a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taIdentRef ?ent . OPTIONAL {{ ?m ig:rule ?rule }} OPTIONAL {{ ?ent rdfs:label ?l }} OPTIONAL {{ ?ent a ?t }} }} }}"
    ))?;
    // (begin, end) → (entity, label, class, rule); the outer mention of nested ones is marked
    let mut spans: BTreeMap<(usize, std::cmp::Reverse<usize>), MarkedMention> = BTreeMap::new();
    for r in &mentions {
        let (Ok(b), Ok(e)) = (lit(&r[0]).parse::<usize>(), lit(&r[1]).parse::<usize>()) else {
            continue;
        };
        if b >= e || e > chars.len() {
            continue;
        }
        spans.entry((b, std::cmp::Reverse(e))).or_insert_with(|| {
            (
                lit(&r[2]),
                lit(&r[3]),
                local(&lit(&r[4])).to_string(),
                lit(&r[5]),
            )
        });
    }
    let mut marked = String::new();
    let mut pos = 0;
    for (&(b, std::cmp::Reverse(e)), (ent, label, class, rule)) in &spans {
        if b < pos {
            continue;
        }
        marked.push_str(&esc(&chars[pos..b].iter().collect::<String>()));
        let href = super::html::local_path(ent).unwrap_or_else(|| ent.clone());
        marked.push_str(&format!(
            "<a class=\"m\" style=\"border-color:{}\" href=\"{}\" title=\"{} · {} · {}\">{}</a>",
            class_colour(class),
            esc(&href),
            esc(label),
            esc(class),
            esc(rule),
            esc(&chars[b..e].iter().collect::<String>())
        ));
        pos = e;
    }
    marked.push_str(&esc(&chars[pos..].iter().collect::<String>()));
    let heading = if title.is_empty() {
        local(iri).to_string()
    } else {
        title.clone()
    };
    let mut body = format!("<h1>{}</h1><p class=\"meta\">", esc(&heading));
    for (k, i) in [("date", 2), ("publisher", 3), ("source", 4)] {
        let v = lit(&h[i]);
        if !v.is_empty() {
            body.push_str(&format!("<b>{k}</b> {} ", esc(&v)));
        }
    }
    body.push_str(&format!(
        "<code>{}</code> · {} mentions</p><div class=\"doc\">{marked}</div>",
        esc(iri),
        spans.len()
    ));
    body.push_str("<p class=\"rdf\">the document's graph as RDF: <a href=\"?format=turtle\">Turtle</a> · <a href=\"?format=ntriples\">N-Triples</a></p>");
    Ok(Some(page(&heading, &body)))
}

/// `/ontology`: the ontology as Turtle.
pub async fn ontology() -> Response {
    (
        [(header::CONTENT_TYPE, "text/turtle; charset=utf-8")],
        crate::store::ONTOLOGY_TTL,
    )
        .into_response()
}

/// `/api/analyze/{shared,centrality,communities}`: the analyses of the command
/// line, as its `--format json` prints them.
pub(super) async fn analysis(
    State(st): State<Shared>,
    Path(which): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let ps: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let get = move |k: &str| ps.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let class = match get("class").filter(|c| !c.is_empty()) {
        Some(c) => match crate::Class::parse(&c) {
            Some(c) => Some(c),
            None => return text(StatusCode::BAD_REQUEST, format!("unknown class {c:?}")),
        },
        None => None,
    };
    let top: usize = get("top").and_then(|t| t.parse().ok()).unwrap_or(20);
    let get = std::sync::Arc::new(get);
    let st2 = st.clone();
    let result = blocking(move || {
        let p = st2.projection()?;
        let json = match which.as_str() {
            "shared" => {
                let min = get("min").and_then(|m| m.parse().ok()).unwrap_or(2);
                let mut v = analyze::shared_entities(&p, class, min);
                if top > 0 {
                    v.truncate(top);
                }
                serde_json::to_value(v)
            }
            "centrality" => {
                let metric = get("metric").unwrap_or_else(|| "pagerank".into());
                let Some(m) = analyze::Metric::parse(&metric) else {
                    return Ok(Err(format!(
                        "unknown metric {metric:?}: pagerank, betweenness, degree or eigenvector"
                    )));
                };
                serde_json::to_value(analyze::ranked(&p, m, class, top))
            }
            "communities" => {
                let seed = get("seed").and_then(|s| s.parse().ok()).unwrap_or(42);
                serde_json::to_value(analyze::community_list(&p, seed, top))
            }
            other => {
                return Ok(Err(format!(
                    "no analysis {other:?}: shared, centrality or communities"
                )))
            }
        };
        Ok(json.map_err(|e| e.to_string()))
    })
    .await;
    match result {
        Ok(Ok(v)) => ([(header::CONTENT_TYPE, "application/json")], v.to_string()).into_response(),
        Ok(Err(msg)) => text(StatusCode::BAD_REQUEST, msg),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_name_the_stored_iris() {
        assert_eq!(
            iri_from_path(ID, "program/%E9%9C%9E%E5%AE%A2%E4%B9%8B%E5%85%89"),
            format!("{ID}program/霞客之光")
        );
        assert_eq!(
            iri_from_path(ID, "program/霞客之光"),
            format!("{ID}program/霞客之光")
        );
        // ASCII escapes stay escaped, in capitals, as the IRIs hold them
        assert_eq!(
            iri_from_path(ID, "fund/%e5%88%9b%2b%28a%29"),
            format!("{ID}fund/创%2B%28a%29")
        );
        assert_eq!(iri_from_path(DOC, "a%zz"), format!("{DOC}a%zz"));
    }
}
