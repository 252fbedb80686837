//! A document graph written as quads: the document and its text (NIF 2.0
//! context), its entities with their labels and part-of, each mention with its
//! span and rule, the links and roles it states, and its figures. Built once
//! per document and handed to the store, the projection and the server alike.

use crate::extract::Status;
use crate::resolve::{DocumentGraph, Entity, Mention, Observation};
use crate::vocab::{
    dcterms, ig, nif, xsd, ITSRDF_TA_IDENT_REF, RDFS_LABEL, RDF_TYPE, SKOS_ALTLABEL,
};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::VecDeque;

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(clean_text(s), "zh")
}

fn typed(s: &str, dt: &str) -> Literal {
    Literal::new_typed_literal(s, nn(&xsd(dt)))
}

/// Replaces characters that no XML or RDF consumer accepts (C0 controls but
/// tab and newlines, DEL, U+FFFE/FFFF) by spaces: one for one, so that
/// character offsets into a cleaned text still hold.
pub fn clean_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c < ' ' && c != '\t' && c != '\n' && c != '\r')
                || c == '\u{FFFE}'
                || c == '\u{FFFF}'
                || c == '\u{7f}'
            {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The quads of one document graph, in a deterministic order.
pub fn document_quads(dg: &DocumentGraph) -> Vec<Quad> {
    Quads::new(dg).collect()
}

/// The quads of one document graph, [`document_quads`]' order, written a part
/// (the document, an entity, a mention, …) at a time as they are taken: a
/// store can load a large document without holding all its quads at once.
pub struct Quads<'a> {
    dg: &'a DocumentGraph,
    w: Writer<'a>,
    part: Part<'a>,
}

/// What [`Quads`] writes next.
enum Part<'a> {
    Document,
    Entities(std::collections::btree_map::Values<'a, String, Entity>),
    Mentions(std::slice::Iter<'a, Mention>),
    Links(std::collections::btree_set::Iter<'a, (String, String, String)>),
    Roles(std::collections::btree_set::Iter<'a, (String, String, String)>),
    Observations(std::slice::Iter<'a, Observation>),
    Done,
}

impl<'a> Quads<'a> {
    pub fn new(dg: &'a DocumentGraph) -> Quads<'a> {
        Quads {
            dg,
            w: Writer {
                graph: nn(&dg.iri).into(),
                doc: &dg.iri,
                out: VecDeque::new(),
            },
            part: Part::Document,
        }
    }

    /// Writes the next part into the buffer; false when all is written.
    fn write_next(&mut self) -> bool {
        let dg = self.dg;
        loop {
            match &mut self.part {
                Part::Document => {
                    self.w.document(dg);
                    self.part = Part::Entities(dg.entities.values());
                    return true;
                }
                Part::Entities(it) => match it.next() {
                    Some(e) => {
                        self.w.entity(e);
                        return true;
                    }
                    None => self.part = Part::Mentions(dg.mentions.iter()),
                },
                Part::Mentions(it) => match it.next() {
                    Some(m) => {
                        self.w.mention(m);
                        return true;
                    }
                    None => self.part = Part::Links(dg.links.iter()),
                },
                Part::Links(it) => match it.next() {
                    Some((s, p, o)) => {
                        self.w.add(s, &ig(p), nn(o).into());
                        return true;
                    }
                    None => self.part = Part::Roles(dg.roles.iter()),
                },
                Part::Roles(it) => match it.next() {
                    Some((person, role, org)) => {
                        self.w.add(person, &ig("role"), zh(role).into());
                        self.w.add(person, &ig("officialOf"), nn(org).into());
                        return true;
                    }
                    None => self.part = Part::Observations(dg.observations.iter()),
                },
                Part::Observations(it) => match it.next() {
                    Some(o) => {
                        self.w.observation(o);
                        return true;
                    }
                    None => self.part = Part::Done,
                },
                Part::Done => return false,
            }
        }
    }
}

impl Iterator for Quads<'_> {
    type Item = Quad;

    fn next(&mut self) -> Option<Quad> {
        loop {
            if let Some(q) = self.w.out.pop_front() {
                return Some(q);
            }
            if !self.write_next() {
                return None;
            }
        }
    }
}

/// Quads of one document's graph as they are written.
struct Writer<'a> {
    graph: GraphName,
    /// The document's IRI.
    doc: &'a str,
    /// What the last part wrote, not yet handed out.
    out: VecDeque<Quad>,
}

impl Writer<'_> {
    fn add(&mut self, s: &str, p: &str, o: Term) {
        self.out.push_back(Quad::new(
            NamedOrBlankNode::from(nn(s)),
            nn(p),
            o,
            self.graph.clone(),
        ));
    }

    /// The document: its classes, text and fields.
    fn document(&mut self, dg: &DocumentGraph) {
        let doc = self.doc;
        let d = &dg.document;
        self.add(doc, RDF_TYPE, nn(&ig("Document")).into());
        self.add(doc, RDF_TYPE, nn(&nif("Context")).into());
        self.add(
            doc,
            &nif("isString"),
            Literal::new_simple_literal(clean_text(&d.text)).into(),
        );
        self.add(
            doc,
            &dcterms("identifier"),
            Literal::new_simple_literal(clean_text(&d.id)).into(),
        );
        self.add(
            doc,
            &dcterms("source"),
            Literal::new_simple_literal(clean_text(&d.source)).into(),
        );
        if let Some(t) = &d.title {
            self.add(doc, &dcterms("title"), zh(t).into());
        }
        if let Some(date) = &d.date {
            self.add(doc, &dcterms("date"), typed(date, "date").into());
        }
        if let Some(p) = &d.publisher {
            self.add(doc, &dcterms("publisher"), zh(p).into());
        }
        if let Some(y) = dg.report_year {
            self.add(
                doc,
                &ig("reportYear"),
                typed(&format!("{y:04}"), "gYear").into(),
            );
        }
        if let Some(h) = &dg.content_hash {
            self.add(
                doc,
                &ig("contentHash"),
                Literal::new_simple_literal(h).into(),
            );
        }
    }

    /// An entity: its class, label, other names and what contains it.
    fn entity(&mut self, e: &Entity) {
        if e.mentioned {
            self.add(self.doc, &ig("mentions"), nn(&e.iri).into());
        }
        self.add(&e.iri, RDF_TYPE, nn(&ig(e.class.name())).into());
        self.add(&e.iri, RDFS_LABEL, zh(&e.label).into());
        for a in &e.aliases {
            self.add(&e.iri, SKOS_ALTLABEL, zh(a).into());
        }
        for p in &e.part_of {
            self.add(&e.iri, &ig("partOf"), nn(p).into());
        }
    }

    /// A mention: a NIF phrase that identifies its entity.
    fn mention(&mut self, m: &Mention) {
        let iri = format!("{}#char={},{}", self.doc, m.begin, m.end);
        self.add(&iri, RDF_TYPE, nn(&nif("Phrase")).into());
        self.span(&iri, m.begin, m.end, &m.anchor);
        self.add(&iri, ITSRDF_TA_IDENT_REF, nn(&m.entity).into());
        self.add(
            &iri,
            &ig("rule"),
            Literal::new_simple_literal(&m.rule).into(),
        );
        self.add(
            &iri,
            &ig("confidence"),
            typed(&format!("{:.2}", m.confidence), "decimal").into(),
        );
        for other in &m.states_link_with {
            self.add(&iri, &ig("statesLinkWith"), nn(other).into());
        }
    }

    /// A figure: what it measures of which entity, its value, unit, year and status.
    fn observation(&mut self, o: &Observation) {
        let iri = format!("{}#figure={},{}", self.doc, o.begin, o.end);
        self.add(&iri, RDF_TYPE, nn(&ig("Observation")).into());
        self.add(&iri, &ig("observedEntity"), nn(&o.entity).into());
        self.add(&iri, &ig("measure"), zh(&o.measure).into());
        self.add(&iri, &ig("value"), typed(&o.value, "decimal").into());
        self.add(&iri, &ig("unit"), zh(&o.unit).into());
        if let Some(y) = o.year {
            self.add(&iri, &ig("year"), typed(&format!("{y:04}"), "gYear").into());
        }
        let status = match o.status {
            Status::Actual => "Actual",
            Status::Target => "Target",
        };
        self.add(&iri, &ig("status"), nn(&ig(status)).into());
        if let Some(q) = &o.qualifier {
            self.add(&iri, &ig("qualifier"), zh(q).into());
        }
        self.span(&iri, o.begin, o.end, &o.anchor);
    }

    /// The NIF 2.0 description of a span: its context, code-point offsets and surface text.
    fn span(&mut self, iri: &str, begin: usize, end: usize, anchor: &str) {
        self.add(iri, &nif("referenceContext"), nn(self.doc).into());
        self.add(
            iri,
            &nif("beginIndex"),
            typed(&begin.to_string(), "nonNegativeInteger").into(),
        );
        self.add(
            iri,
            &nif("endIndex"),
            typed(&end.to_string(), "nonNegativeInteger").into(),
        );
        self.add(
            iri,
            &nif("anchorOf"),
            Literal::new_simple_literal(clean_text(anchor)).into(),
        );
    }
}
