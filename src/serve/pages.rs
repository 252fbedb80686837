//! What a browser (HTML) or an RDF client (Turtle, N-Triples, JSON-LD) gets at
//! an entity's or a document's IRI, the analyses as JSON, and the page at `/`.

use super::html::{class_colour, esc, href, link, neighbourhood_svg, page, pager};
use super::protocol::{first, params, run_query};
use super::reply::text;
use super::state::{Made, Shared};
use super::{negotiate, sparql};
use crate::analyze::{self, EvidenceReader};
use crate::error::Result as StoreResult;
use crate::rdf::{queries, row};
use crate::source::Source;
use crate::vocab::{DOC, ID, IG};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use oxigraph::model::Term;
use std::collections::{BTreeMap, BTreeSet};

/// Rows of an entity page's relations (a hub's relations run to thousands:
/// they are listed over several pages), and of those with their sentences.
const RELATIONS_PER_PAGE: usize = 200;
const MAX_EVIDENCE_ROWS: usize = 60;

/// A document's page shows its text in parts of about this many bytes (the
/// page of a 50 MB document was 93 MB of HTML); a part ends at the first line
/// or sentence end after this size, or [`PART_SLACK`] bytes later at most.
const PART_BYTES: usize = 200_000;
const PART_SLACK: usize = 20_000;

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

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// An RDF description of `iri` (what it says and what is said of it), in the
/// format asked for.
async fn describe(st: &Shared, iri: &str, wanted: Vec<String>) -> Response {
    let q = queries::describe(iri);
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

/// The IRI a request path names under `base`, or a 400 if it names none
/// (`/id/%ff%fe` decodes to characters no IRI may hold).
fn named(base: &str, path: &str) -> Result<String, Box<Response>> {
    let iri = iri_from_path(base, path);
    match oxigraph::model::NamedNode::new(&iri) {
        Ok(_) => Ok(iri),
        Err(e) => Err(Box::new(text(
            StatusCode::BAD_REQUEST,
            format!("the path {path:?} does not name an IRI ({e})"),
        ))),
    }
}

/// The number of `?{key}=` (a page or a part, from 1), 1 when absent.
fn number_of(raw: Option<&str>, key: &str) -> Result<usize, Box<Response>> {
    let ps = params(raw)?;
    match first(&ps, key) {
        None => Ok(1),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(Box::new(text(
                StatusCode::BAD_REQUEST,
                format!("?{key}= takes a number from 1, not {v:?}"),
            ))),
        },
    }
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

/// `/id/…`: an entity; `?page=k` lists the k-th set of its relations.
pub(super) async fn entity(
    State(st): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let iri = match named(ID, uri.path().trim_start_matches("/id/")) {
        Ok(iri) => iri,
        Err(r) => return *r,
    };
    let wanted = wanted_of(&headers, raw.as_deref());
    if !negotiate::prefers_html(&wanted) {
        return describe(&st, &iri, wanted).await;
    }
    let number = match number_of(raw.as_deref(), "page") {
        Ok(n) => n,
        Err(r) => return *r,
    };
    st.cached_page(format!("e\u{0}{iri}\u{0}{number}"), move |s| {
        entity_page(s, &iri, number)
    })
    .await
}

/// (direction, property, other IRI) → documents stating it; `true` is outgoing.
type Relations = BTreeMap<(bool, String, String), BTreeSet<String>>;

/// What the store says of an entity: its label, classes, other names and relations.
struct Described {
    label: String,
    classes: BTreeSet<String>,
    aliases: BTreeSet<String>,
    relations: Relations,
}

/// Reads what the store says of `iri`; `None` when it says nothing.
fn described(store: &dyn Source, iri: &str) -> StoreResult<Option<Described>> {
    let out = store.select(&queries::outgoing(iri))?;
    if out.is_empty() {
        return Ok(None);
    }
    let mut d = Described {
        label: String::new(),
        classes: BTreeSet::new(),
        aliases: BTreeSet::new(),
        relations: BTreeMap::new(),
    };
    for r in &out {
        let (p, o, g) = (row::shown(&r[0]), row::shown(&r[1]), row::shown(&r[2]));
        match p.as_str() {
            "http://www.w3.org/2000/01/rdf-schema#label" => d.label = o,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" => {
                d.classes.insert(local(&o).to_string());
            }
            "http://www.w3.org/2004/02/skos/core#altLabel" => {
                d.aliases.insert(o);
            }
            _ if p.starts_with(IG) && matches!(r[1], Some(Term::NamedNode(_))) => {
                d.relations
                    .entry((true, local(&p).to_string(), o))
                    .or_default()
                    .insert(g);
            }
            _ => {}
        }
    }
    for r in &store.select(&queries::incoming(iri))? {
        d.relations
            .entry((
                false,
                local(&row::shown(&r[1])).to_string(),
                row::shown(&r[0]),
            ))
            .or_default()
            .insert(row::shown(&r[2]));
    }
    Ok(Some(d))
}

/// The label and most specific class of each of `others`.
fn names_of(
    store: &dyn Source,
    others: &BTreeSet<&String>,
) -> StoreResult<BTreeMap<String, (String, String)>> {
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    if others.is_empty() {
        return Ok(names);
    }
    let values: String = others.iter().map(|o| format!("<{o}> ")).collect();
    for r in store.select(&queries::labels_of(&values))? {
        let t = local(&row::shown(&r[2])).to_string();
        let e = names
            .entry(row::shown(&r[0]))
            .or_insert((row::shown(&r[1]), t.clone()));
        // the most specific class: one the ontology lists under another
        if t.len() > e.1.len() && !t.is_empty() {
            e.1 = t;
        }
    }
    Ok(names)
}

/// The evidence of a relation of `iri` with `other`: the stating sentence of
/// the first three documents (of the first rows of a page), and how many more.
fn evidence_cell(
    ev: &mut EvidenceReader,
    iri: &str,
    other: &str,
    docs: &BTreeSet<String>,
    quoted: usize,
) -> StoreResult<String> {
    let mut cell = String::new();
    for d in docs.iter().take(quoted) {
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
    Ok(cell)
}

/// The class an entity is shown as: a specific one where the store has it.
fn shown_class(classes: &BTreeSet<String>) -> String {
    let first = classes.iter().next().cloned().unwrap_or_default();
    classes
        .iter()
        .find(|c| matches!(c.as_str(), "University" | "ResearchInstitute" | "Bank"))
        .cloned()
        .unwrap_or(first)
}

/// The head of an entity's page: its label, classes, IRI and other names.
fn heading(
    iri: &str,
    label: &str,
    class: &str,
    classes: &BTreeSet<String>,
    aliases: &BTreeSet<String>,
) -> String {
    let mut body = format!(
        "<h1><span class=\"dot\" style=\"background:{}\"></span>{}</h1><p class=\"meta\"><span class=\"class\">{}</span> <code>{}</code></p>",
        class_colour(class),
        esc(label),
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
    body
}

/// The HTML page of an entity with the `number`-th set of its relations (the
/// picture of its neighbourhood, its figures and documents on the first).
pub(super) fn entity_page(store: &dyn Source, iri: &str, number: usize) -> StoreResult<Made> {
    let Some(Described {
        label,
        classes,
        aliases,
        relations,
    }) = described(store, iri)?
    else {
        return Ok(Made::Missing(format!(
            "the store holds nothing about {iri}"
        )));
    };
    let pages = relations.len().div_ceil(RELATIONS_PER_PAGE).max(1);
    if number > pages {
        return Ok(Made::Missing(format!(
            "{iri} has {} relations on {pages} pages: there is no page {number}",
            relations.len()
        )));
    }
    let skip = (number - 1) * RELATIONS_PER_PAGE;
    let shown: Vec<_> = relations
        .iter()
        .skip(skip)
        .take(RELATIONS_PER_PAGE)
        .collect();
    // the neighbourhood's picture: the first others, on the first page
    let hood_iris: Vec<&String> = if number == 1 {
        relations
            .keys()
            .map(|k| &k.2)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(24)
            .collect()
    } else {
        Vec::new()
    };
    // labels and classes of the other ends this page shows
    let others: BTreeSet<&String> = shown
        .iter()
        .map(|(k, _)| &k.2)
        .chain(hood_iris.iter().copied())
        .collect();
    let names = names_of(store, &others)?;
    let name_of = |o: &String| {
        names
            .get(o)
            .cloned()
            .unwrap_or_else(|| (local(o).to_string(), String::new()))
    };
    let class = shown_class(&classes);
    let mut ev = EvidenceReader::new(store);
    let mut body = heading(iri, &label, &class, &classes, &aliases);
    let hood: Vec<(String, String, String)> = hood_iris
        .into_iter()
        .map(|o| {
            let (l, c) = name_of(o);
            (o.clone(), l, c)
        })
        .collect();
    if !hood.is_empty() {
        body.push_str(&neighbourhood_svg(&label, &class, &hood));
    }
    body.push_str(&format!(
        "<h2>Relations</h2><p class=\"meta\">{}–{} of {}</p>",
        skip + 1,
        skip + shown.len(),
        relations.len()
    ));
    let nav = pager("page", number, pages);
    body.push_str(&nav);
    body.push_str("<table class=\"rel\"><thead><tr><th>relation</th><th>with</th><th>evidence</th></tr></thead><tbody>");
    for (row, ((forward, prop, other), docs)) in shown.iter().enumerate() {
        let (ol, _) = name_of(other);
        let arrow = if *forward {
            format!("{prop} →")
        } else {
            format!("← {prop}")
        };
        let quoted = if row < MAX_EVIDENCE_ROWS { 3 } else { 0 };
        let cell = evidence_cell(&mut ev, iri, other, docs, quoted)?;
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{cell}</td></tr>",
            esc(&arrow),
            link(other, &ol)
        ));
    }
    body.push_str("</tbody></table>");
    body.push_str(&nav);
    if number == 1 {
        figures_and_documents(store, &mut ev, iri, &mut body)?;
    }
    body.push_str(
        "<p class=\"rdf\">as RDF: <a href=\"?format=turtle\">Turtle</a> · <a href=\"?format=ntriples\">N-Triples</a> · <a href=\"?format=jsonld\">JSON-LD</a></p>",
    );
    Ok(Made::Page(page(&label, &body)))
}

/// The figures observed of an entity, with their sentences, and the documents
/// that name it (the first of each).
fn figures_and_documents(
    store: &dyn Source,
    ev: &mut EvidenceReader,
    iri: &str,
    body: &mut String,
) -> StoreResult<()> {
    let figures = store.select(&queries::figures_with_offsets(iri))?;
    if !figures.is_empty() {
        body.push_str("<h2>Figures</h2><table class=\"fig\"><thead><tr><th>year</th><th>measure</th><th>value</th><th>status</th><th>evidence</th></tr></thead><tbody>");
        for r in figures.iter().take(MAX_EVIDENCE_ROWS) {
            let at: usize = row::shown(&r[7]).parse().unwrap_or(0);
            let doc = row::shown(&r[6]);
            let e = ev.sentence_at(&doc, at)?;
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}{} {}</td><td>{}</td><td><div class=\"ev\">“{}” <span class=\"src\">{}</span></div></td></tr>",
                esc(&row::shown(&r[3])),
                esc(&row::shown(&r[0])),
                esc(&row::shown(&r[5])),
                esc(&row::shown(&r[1])),
                esc(&row::shown(&r[2])),
                esc(local(&row::shown(&r[4]))),
                esc(&e.sentence),
                link(&doc, &e.document)
            ));
        }
        body.push_str("</tbody></table>");
    }
    let docs = store.select(&queries::documents_naming(iri))?;
    if !docs.is_empty() {
        body.push_str("<h2>Documents that name it</h2><ul class=\"docs\">");
        for r in &docs {
            let d = row::shown(&r[0]);
            let t = row::shown(&r[1]);
            body.push_str(&format!(
                "<li>{}</li>",
                link(&d, if t.is_empty() { local(&d) } else { &t })
            ));
        }
        body.push_str("</ul>");
    }
    Ok(())
}

/// `/doc/…`: a document, its text with every mention marked; `?part=k` shows
/// the k-th part of a long one.
pub(super) async fn document(
    State(st): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let iri = match named(DOC, uri.path().trim_start_matches("/doc/")) {
        Ok(iri) => iri,
        Err(r) => return *r,
    };
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
    let number = match number_of(raw.as_deref(), "part") {
        Ok(n) => n,
        Err(r) => return *r,
    };
    st.cached_page(format!("d\u{0}{iri}\u{0}{number}"), move |s| {
        document_page(s, &iri, number)
    })
    .await
}

/// A mention to mark: its entity, the entity's label and class, the rule.
type MarkedMention = (String, String, String, String);

/// A part of a document's text: its characters (as nif offsets count them)
/// and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    pub(super) chars: std::ops::Range<usize>,
    pub(super) bytes: std::ops::Range<usize>,
}

/// The parts a document's page shows its text in: each [`PART_BYTES`] or a
/// little more, ending after a line or a sentence when one ends within
/// [`PART_SLACK`]; one part (perhaps empty) at least.
pub(super) fn parts(text: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let (mut c0, mut b0) = (0, 0);
    let mut chars = 0;
    for (bi, ch) in text.char_indices() {
        chars += 1;
        let end = bi + ch.len_utf8();
        let len = end - b0;
        if (len >= PART_BYTES && matches!(ch, '\n' | '。' | '！' | '？'))
            || len >= PART_BYTES + PART_SLACK
        {
            out.push(Part {
                chars: c0..chars,
                bytes: b0..end,
            });
            (c0, b0) = (chars, end);
        }
    }
    if b0 < text.len() || out.is_empty() {
        out.push(Part {
            chars: c0..chars,
            bytes: b0..text.len(),
        });
    }
    out
}

/// The HTML page of a document's `number`-th part.
pub(super) fn document_page(store: &dyn Source, iri: &str, number: usize) -> StoreResult<Made> {
    let head = store.select(&queries::document_head(iri))?;
    let Some(h) = head.first() else {
        return Ok(Made::Missing(format!("the store holds no document {iri}")));
    };
    let text = row::shown(&h[0]);
    let all = parts(&text);
    let Some(part) = all.get(number - 1) else {
        return Ok(Made::Missing(format!(
            "{iri} is shown in {} parts: there is no part {number}",
            all.len()
        )));
    };
    let chars: Vec<char> = text[part.bytes.clone()].chars().collect();
    let title = row::shown(&h[1]);
    let (c0, c1) = (part.chars.start, part.chars.end);
    let mentions = store.select(&queries::mentions_between(iri, c0, c1))?;
    // (begin, end) in the part → (entity, label, class, rule); the outer
    // mention of nested ones is marked
    let mut spans: BTreeMap<(usize, std::cmp::Reverse<usize>), MarkedMention> = BTreeMap::new();
    for r in &mentions {
        let (Ok(b), Ok(e)) = (
            row::shown(&r[0]).parse::<usize>(),
            row::shown(&r[1]).parse::<usize>(),
        ) else {
            continue;
        };
        if b >= e || b < c0 || e > c1 {
            continue;
        }
        spans
            .entry((b - c0, std::cmp::Reverse(e - c0)))
            .or_insert_with(|| {
                (
                    row::shown(&r[2]),
                    row::shown(&r[3]),
                    local(&row::shown(&r[4])).to_string(),
                    row::shown(&r[5]),
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
        let shown = esc(&chars[b..e].iter().collect::<String>());
        let title = format!("{} · {} · {}", esc(label), esc(class), esc(rule));
        let style = format!("border-color:{}", class_colour(class));
        match href(ent) {
            Some(h) => marked.push_str(&format!(
                "<a class=\"m\" style=\"{style}\" href=\"{}\" title=\"{title}\">{shown}</a>",
                esc(&h)
            )),
            None => marked.push_str(&format!(
                "<span class=\"m\" style=\"{style}\" title=\"{title}\">{shown}</span>"
            )),
        }
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
        let v = row::shown(&h[i]);
        if !v.is_empty() {
            body.push_str(&format!("<b>{k}</b> {} ", esc(&v)));
        }
    }
    let nav = pager("part", number, all.len());
    let whole = if all.len() > 1 {
        format!(" in this part (characters {}–{c1} of {})", c0 + 1, {
            all.last().map_or(0, |p| p.chars.end)
        })
    } else {
        String::new()
    };
    body.push_str(&format!(
        "<code>{}</code> · {} mentions{whole}</p>{nav}<div class=\"doc\">{marked}</div>{nav}",
        esc(iri),
        spans.len()
    ));
    body.push_str("<p class=\"rdf\">the document's graph as RDF: <a href=\"?format=turtle\">Turtle</a> · <a href=\"?format=ntriples\">N-Triples</a></p>");
    Ok(Made::Page(page(&heading, &body)))
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
