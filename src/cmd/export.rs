//! `innograph export`: graph files for Gephi and other tools, and RDF dumps.

use crate::cli::{ExportFormat, GraphMode};
use anyhow::{bail, Context, Result};
use innograph::export::rdf::{dump_to_writer, RdfDump};
use innograph::export::GraphView;
use innograph::GraphStore;
use std::path::Path;

use super::{mode, write_file};

pub fn run(
    store_path: &Path,
    format: ExportFormat,
    graph_mode: GraphMode,
    out: &Path,
    timeline: bool,
) -> Result<()> {
    if timeline && !matches!(format, ExportFormat::Gexf) {
        bail!("--timeline is for --format gexf (Gephi's timeline); {format:?} has no time");
    }
    let store = GraphStore::open_read_only(store_path)?;
    let rdf = |f: RdfDump| -> Result<()> {
        let file = std::fs::File::create(out)
            .with_context(|| format!("cannot create {}", out.display()))?;
        let w = dump_to_writer(&store, f, std::io::BufWriter::new(file))?;
        w.into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", out.display()))?;
        Ok(())
    };
    match format {
        ExportFormat::Nquads => rdf(RdfDump::NQuads)?,
        ExportFormat::Trig => rdf(RdfDump::TriG)?,
        ExportFormat::Turtle => rdf(RdfDump::Turtle)?,
        ExportFormat::Ntriples => rdf(RdfDump::NTriples)?,
        ExportFormat::Gexf | ExportFormat::Graphml | ExportFormat::Csv => {
            let p = super::open::projection(store_path)?.1;
            let v = GraphView::build(&p, mode(graph_mode));
            match format {
                ExportFormat::Gexf if timeline => write_file(
                    out,
                    innograph::export::gexf::to_gexf_timeline(&v).as_bytes(),
                )?,
                ExportFormat::Gexf => {
                    write_file(out, innograph::export::gexf::to_gexf(&v).as_bytes())?
                }
                ExportFormat::Graphml => {
                    write_file(out, innograph::export::graphml::to_graphml(&v).as_bytes())?
                }
                _ => {
                    let (nodes, edges) = innograph::export::csv::to_csv(&v);
                    write_file(out, nodes.as_bytes())?;
                    let stem = out
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "graph".into());
                    let ext = out
                        .extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or_default();
                    let edges_path = out.with_file_name(format!("{stem}-edges{ext}"));
                    write_file(&edges_path, edges.as_bytes())?;
                }
            }
        }
    }
    Ok(())
}

/// `export --format nquads --split-mb N [--gzip] --out DIR`: shards for bulk loaders.
pub fn split(
    store_path: &Path,
    format: ExportFormat,
    out: &Path,
    mb: u64,
    gzip: bool,
) -> Result<()> {
    if !matches!(format, ExportFormat::Nquads) {
        anyhow::bail!("--split-mb writes N-Quads shards: use it with --format nquads");
    }
    let store = GraphStore::open_read_only(store_path)?;
    let t = std::time::Instant::now();
    let files = innograph::export::rdf::dump_split(&store, out, mb.saturating_mul(1_000_000), gzip)
        .with_context(|| format!("cannot write the shards into {}", out.display()))?;
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    eprintln!(
        "wrote {} shards ({:.1} MB) into {} in {:.1} s",
        files.len(),
        bytes as f64 / 1e6,
        out.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
