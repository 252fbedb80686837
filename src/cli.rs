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
    /// Show what extraction finds in documents, without a store: names with
    /// their class, offsets and rule, the division each is linked to, and figures.
    Extract(ExtractArgs),
    /// Run a SPARQL 1.1 query over the union of all documents.
    Query(QueryArgs),
    /// Analytics over the graph.
    Analyze {
        #[command(subcommand)]
        analysis: Analysis,
    },
    /// Write graph files (GEXF, GraphML, CSV) or RDF dumps.
    Export(ExportArgs),
    /// Draw the laid-out graph as an SVG or PNG picture (by the file's extension).
    Render(RenderArgs),
    /// Count documents, quads and entities per class.
    Stats(StoreArg),
    /// Benchmarks: graph analytics on a generated graph.
    Bench {
        #[command(subcommand)]
        bench: Bench,
    },
    /// Ingest the bundled sample corpus, print stats and shared partners, write a GEXF file.
    Demo(DemoArgs),
    /// Send every document graph and the ontology graph to a Graph Store
    /// Protocol endpoint (Virtuoso, Fuseki, GraphDB), replacing each; only
    /// graphs changed since the last push to that endpoint are sent.
    Push(PushArgs),
    /// Serve the store on the web: a SPARQL 1.1 endpoint at /sparql, entity and
    /// document pages, and a page to work in at /.
    Serve(ServeArgs),
    /// The learned name tagger: train its model, measure it.
    Tagger {
        #[command(subcommand)]
        command: TaggerCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaggerCommand {
    /// Train the name tagger from CLUENER 2020 (gold) and the teacher's silver
    /// labels (tools/tagger_teacher.py); the same inputs give the same file.
    Train(TaggerTrainArgs),
    /// Score a tagger model on the held-out lines of CLUENER (every 7th) and
    /// of silver files (every 50th): exact and overlap F1 per kind.
    Eval(TaggerEvalArgs),
    /// Tag lines of text (files, or standard input) and print each line's
    /// names as JSON: `{"text", "spans": [[begin, end, "PER"|"LOC"|"ORG", score]]}`,
    /// offsets in code points.
    Tag(TaggerTagArgs),
}

#[derive(Debug, Args)]
pub struct TaggerTagArgs {
    /// Text files, one text a line (default: standard input).
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TaggerTrainArgs {
    /// CLUENER 2020 train split (JSON Lines); its held-out lines are skipped.
    #[arg(long)]
    pub cluener: Option<PathBuf>,
    /// Silver files (JSON Lines `{"text", "spans"}`); their held-out lines are skipped.
    #[arg(long, num_args = 1..)]
    pub silver: Vec<PathBuf>,
    /// Weight of a silver example against a gold one.
    #[arg(long, default_value_t = 0.25)]
    pub silver_weight: f32,
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Seed of the shuffles before each pass.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Also use dictionary features (the bundled divisions, institutions,
    /// surnames and titles); off in the shipped model, where they measured no gain.
    #[arg(long)]
    pub dict: bool,
    /// Score the held-out lines after training.
    #[arg(long)]
    pub eval: bool,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct TaggerEvalArgs {
    /// A model file (default: the bundled data/model/tagger.bin).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// CLUENER 2020 train split: its held-out lines are scored.
    #[arg(long)]
    pub cluener: Option<PathBuf>,
    /// Silver files: agreement with the teacher on their held-out lines.
    #[arg(long, num_args = 1..)]
    pub silver: Vec<PathBuf>,
}

/// Where an analysis reads the graph: the local store or a SPARQL endpoint.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// The store folder (RocksDB).
    #[arg(long, required_unless_present = "endpoint")]
    pub store: Option<PathBuf>,
    /// A SPARQL 1.1 query endpoint holding pushed stores (Virtuoso, GraphDB,
    /// Fuseki, another innograph serve) instead of a local store.
    #[arg(long, conflicts_with = "store")]
    pub endpoint: Option<String>,
    /// User for the endpoint (Basic or Digest authentication).
    #[arg(long, requires = "password")]
    pub user: Option<String>,
    #[arg(long, requires = "user")]
    pub password: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders (.txt, .md, .html, .jsonl).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// JSON Lines field that holds the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// `table` for reading, `json` for one JSON object a document (JSON Lines):
    /// mentions with code-point offsets, links and figures.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExtractFormat,
    /// Without the learned name tagger (dictionaries and rules alone).
    #[arg(long)]
    pub no_tagger: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    Table,
    Json,
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
    /// Text and HTML files larger than this many MiB are refused with an error
    /// (JSON Lines files are read line by line and may be any size).
    #[arg(long, default_value_t = 64)]
    pub max_file_mb: u64,
    /// Files are extracted and stored in batches of about this many MiB
    /// (0: one file per batch); each document is atomic either way.
    #[arg(long, default_value_t = 16)]
    pub batch_mb: u64,
    /// Do not compact the store at the end (quicker when several ingests
    /// follow each other; queries are slower until a later ingest compacts it).
    #[arg(long)]
    pub no_optimize: bool,
    /// Extract and store every document again, even those unchanged since they
    /// were stored (by default they are skipped).
    #[arg(long)]
    pub force: bool,
    /// Extract with the dictionaries and rules alone, without the learned name
    /// tagger: faster, but people, agencies and companies that no list holds
    /// and no head word marks are not found.
    #[arg(long)]
    pub no_tagger: bool,
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
    /// Stop the query after this many seconds (exit status 1).
    #[arg(long)]
    pub timeout: Option<u64>,
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
    /// The most central entities: PageRank (weighted), betweenness, degree or eigenvector.
    Centrality(CentralityArgs),
    /// Communities by Leiden (modularity, seeded): their members, largest first.
    Communities(CommunitiesArgs),
    /// Divisions most alike a division in programs, industries and partners (Jaccard).
    Similar(SimilarArgs),
    /// Everything about a division, each line with its source documents.
    Profile(ProfileArgs),
    /// The shortest chains of relations between two entities, with the sentences stating them.
    Path(PathArgs),
    /// Every target paired with the outcome of the same division, measure and year: met, missed or pending.
    Targets(TargetsArgs),
    /// Targets and actuals of one measure of one division by year, over every document.
    Series(SeriesArgs),
    /// Entities whose share of the documents rises or falls most across the years.
    Trends(TrendsArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TargetStatus {
    Met,
    Missed,
    Pending,
}

impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::Pending => "pending",
        }
    }
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Only this division: a name as texts write it (江阴, 中华人民共和国) or its IRI.
    #[arg(long)]
    pub division: Option<String>,
    /// Only this measure: a key of data/lexicon/indicators.tsv (gdp_growth, cpi,
    /// urban_jobs, …) or words the measure contains (高新技术企业).
    #[arg(long)]
    pub measure: Option<String>,
    /// Only targets for this year.
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, value_enum)]
    pub status: Option<TargetStatus>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct SeriesArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The division: a name as texts write it or its IRI.
    #[arg(long)]
    pub division: String,
    /// The measure: a key of data/lexicon/indicators.tsv or words the measure contains.
    #[arg(long)]
    pub measure: String,
    /// The first and last year listed.
    #[arg(long)]
    pub from: Option<i32>,
    #[arg(long)]
    pub to: Option<i32>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct TrendsArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Only entities of this class (Industry, Program, Institution, …).
    #[arg(long)]
    pub class: Option<String>,
    /// How many rising and how many falling to list (0: all).
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// The fewest dated documents an entity must be in.
    #[arg(long, default_value_t = 3)]
    pub min_documents: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Metric {
    Pagerank,
    Betweenness,
    Degree,
    Eigenvector,
}

#[derive(Debug, Args)]
pub struct CentralityArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[arg(long, value_enum, default_value = "pagerank")]
    pub metric: Metric,
    /// Only entities of this class (the scores are computed on the whole graph).
    #[arg(long)]
    pub class: Option<String>,
    /// How many to list (0: all).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct CommunitiesArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Random seed; the same seed gives the same communities.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How many communities to list (0: all).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The division: a name as texts write it (江阴, 江阴市) or its IRI.
    pub division: String,
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The division: a name as texts write it or its IRI.
    pub division: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// One end: a name (清华 finds 清华大学) or an IRI.
    pub from: String,
    /// The other end.
    pub to: String,
    /// The most chains to list.
    #[arg(long, default_value_t = 3)]
    pub max: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum GraphMode {
    /// Every entity and relation.
    #[default]
    Full,
    /// Divisions and the entities they relate to.
    Bipartite,
    /// Divisions only, weighted by the entities they share.
    Projection,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[arg(long)]
    pub store: PathBuf,
    /// FILE.svg or FILE.png.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value = "full")]
    pub mode: GraphMode,
    /// Width and height in pixels.
    #[arg(long, default_value_t = 2000)]
    pub size: u32,
    /// The most labels drawn (largest nodes first).
    #[arg(long, default_value_t = 200)]
    pub labels: usize,
    /// Draw a series instead of the graph: target against actual by year of
    /// --measure for --division.
    #[arg(long, requires_all = ["division", "measure"])]
    pub series: bool,
    #[arg(long, requires = "series")]
    pub division: Option<String>,
    #[arg(long, requires = "series")]
    pub measure: Option<String>,
    /// With --series: the first and last year drawn.
    #[arg(long, requires = "series")]
    pub from: Option<i32>,
    #[arg(long, requires = "series")]
    pub to: Option<i32>,
}

#[derive(Debug, Subcommand)]
pub enum Bench {
    /// Time PageRank, betweenness and Leiden on a generated graph and print the times as JSON.
    Graph(BenchGraphArgs),
    /// Write a synthetic corpus (our templates filled from the dictionaries) of a given size.
    Corpus(BenchCorpusArgs),
    /// Time extraction alone and ingest into a new store; print MB/s, quads/s and peak memory as JSON.
    Ingest(BenchIngestArgs),
}

#[derive(Debug, Args)]
pub struct BenchCorpusArgs {
    /// The folder to write the .txt files into.
    #[arg(long)]
    pub out: PathBuf,
    /// Total size in MB.
    #[arg(long, default_value_t = 500)]
    pub mb: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct BenchIngestArgs {
    /// A store folder that does not exist yet (it is created and filled).
    #[arg(long, required_unless_present_any = ["memory", "extract_only"])]
    pub store: Option<PathBuf>,
    /// Ingest into oxigraph's in-memory store instead of RocksDB.
    #[arg(long)]
    pub memory: bool,
    /// Time extraction only, store nothing.
    #[arg(long)]
    pub extract_only: bool,
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Files and folders to ingest.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BenchGraphArgs {
    /// Nodes of the generated graph.
    #[arg(long, default_value_t = 200_000)]
    pub nodes: usize,
    /// Edges of the generated graph.
    #[arg(long, default_value_t = 1_000_000)]
    pub edges: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Sources sampled for betweenness (0: exact).
    #[arg(long, default_value_t = 100)]
    pub sources: usize,
    /// Write the generated edge list here (tab-separated `u v weight`), for other tools.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SharedArgs {
    #[command(flatten)]
    pub source: SourceArgs,
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
    /// Which graph the graph formats show (RDF dumps are always the whole store).
    #[arg(long, value_enum, default_value = "full")]
    pub mode: GraphMode,
    /// N-Quads only: write shards of at most this many MB into the folder --out
    /// (for Virtuoso's and QLever's bulk loaders).
    #[arg(long)]
    pub split_mb: Option<u64>,
    /// With --split-mb: compress each shard with gzip (.nq.gz).
    #[arg(long, requires = "split_mb")]
    pub gzip: bool,
    /// GEXF only: a dynamic graph whose node and edge spells are the years of
    /// the documents that state them (Gephi's timeline plays it year by year).
    #[arg(long)]
    pub timeline: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    #[arg(long)]
    pub store: PathBuf,
    /// The Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth
    /// (Virtuoso), http://host:3030/ds/data (Fuseki).
    #[arg(long)]
    pub endpoint: String,
    #[arg(long, requires = "password")]
    pub user: Option<String>,
    #[arg(long, requires = "user")]
    pub password: Option<String>,
    /// Send every graph, changed or not.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The store folder (RocksDB); `innograph ingest` into it while it is served
    /// sends the documents through this server.
    #[arg(long)]
    pub store: std::path::PathBuf,
    /// Address and port to listen on: loopback unless you name another address.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Queries running longer than this many seconds are stopped and answered 503.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Allow browsers on this origin (or *) to query the endpoint (CORS).
    #[arg(long)]
    pub cors: Option<String>,
    /// Request bodies larger than this many KiB are answered 413.
    #[arg(long, default_value_t = 1024)]
    pub max_body_kb: usize,
    /// Do not keep recent answers (each query is evaluated again until the next write).
    #[arg(long)]
    pub no_cache: bool,
    /// A client that has not sent a request's headers this many seconds after
    /// it connected (or after its previous answer) is disconnected; so is one
    /// whose request body has not all arrived this long after its headers.
    #[arg(long, default_value_t = 10)]
    pub header_timeout: u64,
    /// Connections open at the same time; more wait in the listen queue until one closes.
    #[arg(long, default_value_t = 512)]
    pub max_connections: usize,
    /// A query that allocates more than this many MiB while it is evaluated
    /// is stopped and answered 507 (0: no ceiling).
    #[arg(long, default_value_t = 1024)]
    pub max_query_mb: usize,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to keep the store and the GEXF file (default: a new temporary folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}
