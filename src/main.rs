mod analysis;
mod cli;
mod print;

use anyhow::{bail, Context, Result};
use clap::Parser;
use cli::{Cli, Command, ExportFormat, GraphMode, QueryFormat, TableFormat};
use innograph::analyze::shared_entities;
use innograph::export::rdf::{dump_to_writer, RdfDump};
use innograph::export::{GraphView, Mode};
use innograph::graph::Projection;
use innograph::pipeline::{ingest_files, IngestOptions, Progress};
use innograph::read::{collect_files, ReadOptions};
use innograph::{Class, Extractor, GraphStore};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("innograph: {}", chain.join(": "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(a) => ingest(&a),
        Command::Query(a) => {
            query(&a.store, &a.query, a.format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { analysis } => {
            analysis::run(analysis)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(a) => {
            export(&a.store, a.format, a.mode, &a.out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Render(a) => {
            analysis::render(&a)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { bench } => {
            analysis::bench(bench)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats(a) => {
            let store = GraphStore::open_read_only(&a.store)?;
            print!("{}", stats(&store)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(a) => demo(a.dir),
    }
}

/// The class a `--class` flag names, if given.
pub fn parse_class(c: Option<&str>) -> Result<Option<Class>> {
    match c {
        Some(c) => Ok(Some(Class::parse(c).with_context(|| {
            format!("unknown class {c:?} (one of {})", class_names())
        })?)),
        None => Ok(None),
    }
}

/// The export mode of a `--mode` flag.
pub fn mode(m: GraphMode) -> Mode {
    match m {
        GraphMode::Full => Mode::Full,
        GraphMode::Bipartite => Mode::Bipartite,
        GraphMode::Projection => Mode::Projection,
    }
}

fn class_names() -> String {
    Class::ALL
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads every path, extracts and stores each document; errors are reported and the batch goes on.
fn ingest(a: &cli::IngestArgs) -> Result<ExitCode> {
    let store_path = a.store.as_path();
    use std::io::IsTerminal;
    use std::time::Instant;
    let store = GraphStore::open(store_path)
        .with_context(|| format!("cannot open the store at {}", store_path.display()))?;
    let extractor = Extractor::new();
    let options = IngestOptions {
        read: ReadOptions {
            text_field: a.text_field.clone(),
        },
        max_file_bytes: a.max_file_mb.saturating_mul(1 << 20),
        batch_bytes: a.batch_mb.saturating_mul(1 << 20),
    };
    let (files, errors) = collect_files(&a.paths);
    for e in &errors {
        eprintln!("innograph: {e}");
    }
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    // a bar only for a person watching; logs and pipes get the summary line alone
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let started = Instant::now();
    let stored = std::sync::atomic::AtomicUsize::new(0);
    let report = ingest_files(
        &store,
        &extractor,
        &files,
        &options,
        &|e| bar.suspend(|| eprintln!("innograph: {e}")),
        &|p| match p {
            Progress::Extracted { bytes, .. } => bar.inc(bytes),
            Progress::Stored { documents, .. } => {
                let n =
                    stored.fetch_add(documents, std::sync::atomic::Ordering::Relaxed) + documents;
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                bar.set_message(format!("{n} documents ({:.0}/s)", n as f64 / secs));
            }
        },
    );
    if report.documents > 0 && !a.no_optimize {
        bar.set_message("compacting the store");
        store
            .optimize()
            .with_context(|| format!("cannot compact the store at {}", store_path.display()))?;
    }
    bar.finish_and_clear();
    let failed = errors.len() + report.failed;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {} documents ({} quads, {:.1} MB in {secs:.1} s) into {}; {failed} failed",
        report.documents,
        report.quads,
        report.bytes as f64 / 1e6,
        store_path.display()
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn read_query(q: &str) -> Result<String> {
    if q == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read the query from stdin")?;
        Ok(s)
    } else if let Some(path) = q.strip_prefix('@') {
        std::fs::read_to_string(path).with_context(|| format!("cannot read the query file {path}"))
    } else {
        Ok(q.to_string())
    }
}

fn term_text(t: &oxigraph::model::Term) -> String {
    match t {
        oxigraph::model::Term::NamedNode(n) => n.as_str().to_string(),
        oxigraph::model::Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

fn query(store_path: &Path, q: &str, format: QueryFormat) -> Result<()> {
    let text = read_query(q)?;
    let store = GraphStore::open_read_only(store_path)?;
    let results = store.query(&text)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match results {
        QueryResults::Solutions(sol) => {
            let vars = sol.variables().to_vec();
            let fmt = match format {
                QueryFormat::Json => Some(QueryResultsFormat::Json),
                QueryFormat::Csv => Some(QueryResultsFormat::Csv),
                QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
                _ => None,
            };
            if let Some(fmt) = fmt {
                let mut ser = QueryResultsSerializer::from_format(fmt)
                    .serialize_solutions_to_writer(&mut out, vars)?;
                for s in sol {
                    ser.serialize(&s?)?;
                }
                ser.finish()?;
            } else {
                let header: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = Vec::new();
                for s in sol {
                    let s = s?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(term_text).unwrap_or_default())
                            .collect(),
                    );
                }
                write!(out, "{}", innograph::table::render(&header, &rows))?;
            }
        }
        QueryResults::Boolean(b) => match format {
            QueryFormat::Json => {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(&mut out, b)?;
            }
            _ => writeln!(out, "{b}")?,
        },
        QueryResults::Graph(triples) => {
            let f = if matches!(format, QueryFormat::Ntriples) {
                RdfFormat::NTriples
            } else {
                RdfFormat::Turtle
            };
            let mut ser = RdfSerializer::from_format(f).for_writer(&mut out);
            for t in triples {
                ser.serialize_triple(&t?)?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}

pub fn print_shared(shared: &[innograph::analyze::Shared], format: TableFormat) -> Result<()> {
    match format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(shared)?),
        TableFormat::Csv => {
            println!("iri,label,type,districts,documents");
            for s in shared {
                println!(
                    "{},{},{},{},{}",
                    s.iri,
                    s.label,
                    s.class,
                    s.districts.join(";"),
                    s.documents
                );
            }
        }
        TableFormat::Table => {
            let header = ["entity", "type", "divisions (documents)", "documents"].map(String::from);
            let rows: Vec<Vec<String>> = shared
                .iter()
                .map(|s| {
                    let ds: Vec<String> = s
                        .districts
                        .iter()
                        .map(|d| format!("{d}({})", s.evidence.get(d).copied().unwrap_or(0)))
                        .collect();
                    vec![
                        s.label.clone(),
                        s.class.clone(),
                        ds.join(" "),
                        s.documents.to_string(),
                    ]
                })
                .collect();
            print!("{}", innograph::table::render(&header, &rows));
        }
    }
    Ok(())
}

pub fn write_file(path: &Path, content: &[u8]) -> Result<()> {
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}

fn export(
    store_path: &Path,
    format: ExportFormat,
    graph_mode: GraphMode,
    out: &Path,
) -> Result<()> {
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
            let p = Projection::from_store(&store).context("cannot read the store into a graph")?;
            let v = GraphView::build(&p, mode(graph_mode));
            match format {
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

fn stats(store: &GraphStore) -> Result<String> {
    let docs = store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/innograph/ontology#Document> }")?;
    let count = |rows: &Vec<Vec<Option<oxigraph::model::Term>>>| {
        rows.first()
            .and_then(|r| r[0].as_ref())
            .map(term_text)
            .unwrap_or_else(|| "0".into())
    };
    let mut s = format!("documents  {}\nquads      {}\n", count(&docs), store.len()?);
    let rows = store.select(
        "PREFIX ig: <https://w3id.org/innograph/ontology#>\nSELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d ig:mentions ?e . ?e a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    )?;
    let mut table = Vec::new();
    for r in rows {
        if let (Some(t), Some(n)) = (&r[0], &r[1]) {
            table.push(vec![
                term_text(t).replace(innograph::vocab::IG, ""),
                term_text(n),
            ]);
        }
    }
    s.push_str("\nentities per class\n");
    s.push_str(&innograph::table::render(
        &["class".into(), "entities".into()],
        &table,
    ));
    Ok(s)
}

fn demo(dir: Option<PathBuf>) -> Result<ExitCode> {
    let dir = match dir {
        Some(d) => d,
        None => std::env::temp_dir().join(format!("innograph-demo-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let sample = sample_dir()?;
    let store_path = dir.join("store");
    println!(
        "ingesting the sample corpus {} into {}",
        sample.display(),
        store_path.display()
    );
    let code = ingest(&cli::IngestArgs {
        store: store_path.clone(),
        text_field: "text".into(),
        max_file_mb: 64,
        batch_mb: 16,
        no_optimize: false,
        paths: vec![sample],
    })?;
    if code != ExitCode::SUCCESS {
        bail!("the sample corpus did not ingest cleanly");
    }
    let store = GraphStore::open_read_only(&store_path)?;
    println!("\n{}", stats(&store)?);
    let p = Projection::from_store(&store)?;
    println!("shared partners and programs (entities two or more divisions relate to):");
    print_shared(&shared_entities(&p, None, 2), TableFormat::Table)?;
    let gexf = dir.join("innograph-demo.gexf");
    let v = GraphView::build(&p, Mode::Full);
    write_file(&gexf, innograph::export::gexf::to_gexf(&v).as_bytes())?;
    println!("\nwrote {} (open it in Gephi: File > Open)", gexf.display());
    Ok(ExitCode::SUCCESS)
}

/// The bundled sample corpus: beside the binary's source tree, or in the working folder.
fn sample_dir() -> Result<PathBuf> {
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample"),
        PathBuf::from("data/sample"),
    ];
    candidates.into_iter().find(|p| p.is_dir()).context(
        "cannot find the sample corpus data/sample (run the demo from the innograph source folder)",
    )
}
