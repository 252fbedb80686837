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

/// A quad no dump carries: the store's own bookkeeping (its generation), and
/// the default graph, which only repeats the named graphs' triples merged.
fn is_bookkeeping(q: &oxigraph::model::Quad) -> bool {
    match &q.graph_name {
        oxigraph::model::GraphName::NamedNode(g) => g.as_str() == crate::vocab::META_GRAPH,
        oxigraph::model::GraphName::BlankNode(_) => false,
        oxigraph::model::GraphName::DefaultGraph => true,
    }
}

/// Dumps the store: datasets keep their named graphs; Turtle and N-Triples merge them.
/// The store's bookkeeping graph is left out.
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
                let q = q?;
                if is_bookkeeping(&q) {
                    continue;
                }
                ser.serialize_quad(&q).map_err(err)?;
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
                if is_bookkeeping(&q) {
                    continue;
                }
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

/// Writes the store as N-Quads shards of at most about `max_bytes` each into
/// `dir` (`part-00001.nq`, … or `.nq.gz`), cut at line ends, for bulk loaders
/// that read a folder (Virtuoso's `ld_dir` + `rdf_loader_run`, QLever's index
/// builder). The bookkeeping graph stays home. Returns the files written.
pub fn dump_split(
    store: &GraphStore,
    dir: &std::path::Path,
    max_bytes: u64,
    gzip: bool,
) -> Result<Vec<std::path::PathBuf>> {
    let err = |what: &std::path::Path, e: std::io::Error| Error::Write {
        what: what.display().to_string(),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
    let mut files = Vec::new();
    let mut out: Option<Box<dyn Write>> = None;
    let mut written = 0u64;
    let mut line = Vec::new();
    for q in store.store.iter() {
        let q = q?;
        if is_bookkeeping(&q) {
            continue;
        }
        line.clear();
        let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut line);
        ser.serialize_quad(&q).map_err(|e| err(dir, e))?;
        ser.finish().map_err(|e| err(dir, e))?;
        if out.is_none() || written + line.len() as u64 > max_bytes.max(1) && written > 0 {
            if let Some(mut w) = out.take() {
                w.flush().map_err(|e| err(dir, e))?;
            }
            let name = format!(
                "part-{:05}.nq{}",
                files.len() + 1,
                if gzip { ".gz" } else { "" }
            );
            let path = dir.join(name);
            let f = std::fs::File::create(&path).map_err(|e| err(&path, e))?;
            let buffered = std::io::BufWriter::new(f);
            out = Some(if gzip {
                Box::new(flate2::write::GzEncoder::new(
                    buffered,
                    flate2::Compression::fast(),
                ))
            } else {
                Box::new(buffered)
            });
            files.push(path);
            written = 0;
        }
        if let Some(w) = out.as_mut() {
            w.write_all(&line).map_err(|e| err(dir, e))?;
        }
        written += line.len() as u64;
    }
    if let Some(mut w) = out.take() {
        w.flush().map_err(|e| err(dir, e))?;
        // a gzip stream ends when its encoder is dropped after the flush
        drop(w);
    }
    Ok(files)
}
