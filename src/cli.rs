//! Command-line arguments (clap derive); doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn Chinese innovation-policy text into a knowledge graph: ingest, query, analyse, export.
#[derive(Debug, Parser)]
#[command(name = "innograph", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents (files or folders) into the store; a document read again replaces itself.
    Ingest(IngestArgs),
    /// Run a SPARQL 1.1 query over the union of all documents.
    Query(QueryArgs),
    /// Analytics over the graph.
    Analyze {
        #[command(subcommand)]
        analysis: Analysis,
    },
    /// Write graph files (GEXF, GraphML, CSV) or RDF dumps.
    Export(ExportArgs),
    /// Count documents, quads and entities per class.
    Stats(StoreArg),
    /// Ingest the bundled sample corpus, print stats and shared partners, write a GEXF file.
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store folder (RocksDB).
    #[arg(long)]
    pub store: PathBuf,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The store folder; created if missing.
    #[arg(long)]
    pub store: PathBuf,
    /// JSON Lines field that holds the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Files and folders (.txt, .md, .html, .htm, .jsonl).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryFormat {
    Json,
    Csv,
    Tsv,
    Table,
    Turtle,
    Ntriples,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    #[arg(long)]
    pub store: PathBuf,
    /// Output format; graph results (CONSTRUCT, DESCRIBE) print as Turtle unless ntriples is asked.
    #[arg(long, value_enum, default_value = "table")]
    pub format: QueryFormat,
    /// SPARQL text, @FILE to read it from a file, or - for stdin.
    pub query: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Json,
    Table,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Analysis {
    /// Entities related to two or more divisions that are not nested in one another.
    Shared(SharedArgs),
}

#[derive(Debug, Args)]
pub struct SharedArgs {
    #[arg(long)]
    pub store: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// Only entities of this class (Program, Institution, Industry, …).
    #[arg(long)]
    pub class: Option<String>,
    /// The least number of divisions.
    #[arg(long, default_value_t = 2)]
    pub min: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Gexf,
    Graphml,
    Csv,
    Nquads,
    Turtle,
    Trig,
    Ntriples,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long)]
    pub store: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file; for csv, the node table (the edge table goes beside it, `-edges` before the extension).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to keep the store and the GEXF file (default: a new temporary folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}
