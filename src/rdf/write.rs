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
    let mut w = Writer {
        graph: nn(&dg.iri).into(),
        doc: &dg.iri,
        // sized once: growing by doubling held the old and the new buffer at
        // once, hundreds of MB for a 50 MB document
        out: Vec::with_capacity(quad_count(dg)),
    };
    w.document(dg);
    for e in dg.entities.values() {
        w.entity(e);
    }
    for m in &dg.mentions {
        w.mention(m);
    }
    for (s, p, o) in &dg.links {
        w.add(s, &ig(p), nn(o).into());
    }
    for (person, role, org) in &dg.roles {
        w.add(person, &ig("role"), zh(role).into());
        w.add(person, &ig("officialOf"), nn(org).into());
    }
    for o in &dg.observations {
        w.observation(o);
    }
    debug_assert_eq!(w.out.len(), quad_count(dg), "quad_count is out of step");
    w.out
}

/// How many quads [`document_quads`] writes for `dg`: what each part below writes.
fn quad_count(dg: &DocumentGraph) -> usize {
    let d = &dg.document;
    let document = 5
        + usize::from(d.title.is_some())
        + usize::from(d.date.is_some())
        + usize::from(d.publisher.is_some())
        + usize::from(dg.report_year.is_some())
        + usize::from(dg.content_hash.is_some());
    let entities: usize = dg
        .entities
        .values()
        .map(|e| 2 + usize::from(e.mentioned) + e.aliases.len() + e.part_of.len())
        .sum();
    let mentions: usize = dg
        .mentions
        .iter()
        .map(|m| 8 + m.states_link_with.len())
        .sum();
    let observations: usize = dg
        .observations
        .iter()
        .map(|o| 10 + usize::from(o.year.is_some()) + usize::from(o.qualifier.is_some()))
        .sum();
    document + entities + mentions + dg.links.len() + 2 * dg.roles.len() + observations
}

/// Quads of one document's graph as they are written.
struct Writer<'a> {
    graph: GraphName,
    /// The document's IRI.
    doc: &'a str,
    out: Vec<Quad>,
}

impl Writer<'_> {
    fn add(&mut self, s: &str, p: &str, o: Term) {
        self.out.push(Quad::new(
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
