use crate::error::{Error, Result};
use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::collections::HashSet;
use std::io::Write;

/// RDF formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfDump {
    NQuads,
    TriG,
    /// All named graphs merged into one graph (duplicates removed).
    Turtle,
    NTriples,
}

/// Dumps the store: datasets keep their named graphs; Turtle and N-Triples merge them.
pub fn dump_to_writer<W: Write>(store: &GraphStore, format: RdfDump, writer: W) -> Result<W> {
    let err = |e: std::io::Error| Error::Write {
        what: "rdf dump".into(),
        source: e,
    };
    match format {
        RdfDump::NQuads | RdfDump::TriG => {
            let f = if format == RdfDump::NQuads {
                RdfFormat::NQuads
            } else {
                RdfFormat::TriG
            };
            let mut ser = prefixed(f).for_writer(writer);
            for q in store.store.iter() {
                ser.serialize_quad(&q?).map_err(err)?;
            }
            ser.finish().map_err(err)
        }
        RdfDump::Turtle | RdfDump::NTriples => {
            let f = if format == RdfDump::Turtle {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            let mut seen = HashSet::new();
            let mut triples = Vec::new();
            for q in store.store.iter() {
                let q = q?;
                let t = oxigraph::model::Triple::new(q.subject, q.predicate, q.object);
                if seen.insert(t.clone()) {
                    triples.push(t);
                }
            }
            let mut ser = prefixed(f).for_writer(writer);
            for t in &triples {
                ser.serialize_triple(t).map_err(err)?;
            }
            ser.finish().map_err(err)
        }
    }
}

fn prefixed(f: RdfFormat) -> RdfSerializer {
    let mut s = RdfSerializer::from_format(f);
    if matches!(f, RdfFormat::Turtle | RdfFormat::TriG) {
        for (p, iri) in [
            ("ig", crate::vocab::IG),
            ("id", crate::vocab::ID),
            ("rdfs", crate::vocab::RDFS),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("dcterms", crate::vocab::DCTERMS),
            ("nif", crate::vocab::NIF),
            ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
            ("xsd", crate::vocab::XSD),
        ] {
            s = s
                .with_prefix(p, iri)
                .expect("prefix IRIs are valid constants");
        }
    }
    s
}
