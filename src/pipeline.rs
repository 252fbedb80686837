//! The ingest pipeline: read → extract → resolve in parallel (rayon), store
//! writes batched on a writer thread, each document still atomic.

use crate::error::Error;
use crate::extract::Extractor;
use crate::rdf::read::{DocSummary, Summarizer};
use crate::read::{fold_width, read_path, to_simplified, Document, ReadOptions};
use crate::resolve::{resolve, DocumentGraph};
use crate::store::GraphStore;
use oxigraph::model::Quad;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// Where documents are written: the store itself, or a server that holds it.
pub trait DocumentSink: Sync {
    /// Writes documents' graphs, each replacing what its document said before;
    /// returns the number of quads written. `each` sees every document's quads
    /// as they are written: they are built once, for the sink and the
    /// projection alike.
    fn write_documents(
        &self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> crate::error::Result<usize>;

    /// The writes of one ingest run (see [`SinkRun`]).
    fn run(&self) -> Box<dyn SinkRun + '_>;
}

impl DocumentSink for GraphStore {
    fn write_documents(
        &self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> crate::error::Result<usize> {
        GraphStore::write_documents(self, graphs, each)
    }

    fn run(&self) -> Box<dyn SinkRun + '_> {
        Box::new(self.write_run())
    }
}

/// The writes of one ingest run into a sink, which may hold documents back
/// until the run finishes (a local store bulk-loads all the run's new
/// documents at once: [`crate::store::WriteRun`]).
pub trait SinkRun {
    /// As [`DocumentSink::write_documents`].
    fn write(
        &mut self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> crate::error::Result<usize>;
    /// Stores what is held back; on an error, the error and the IRIs of the
    /// documents written in the run that are not stored.
    fn finish(self: Box<Self>) -> Result<(), (Error, Vec<String>)>;
}

impl SinkRun for crate::store::WriteRun<'_> {
    fn write(
        &mut self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> crate::error::Result<usize> {
        crate::store::WriteRun::write(self, graphs, each)
    }

    fn finish(self: Box<Self>) -> Result<(), (Error, Vec<String>)> {
        crate::store::WriteRun::finish(*self)
    }
}

/// A run that stores each write as it comes.
pub struct Immediate<'a, S: DocumentSink + ?Sized>(pub &'a S);

impl<S: DocumentSink + ?Sized> SinkRun for Immediate<'_, S> {
    fn write(
        &mut self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> crate::error::Result<usize> {
        self.0.write_documents(graphs, each)
    }

    fn finish(self: Box<Self>) -> Result<(), (Error, Vec<String>)> {
        Ok(())
    }
}

/// A fingerprint of everything extraction reads besides the text: the
/// dictionaries, the lexicon and the tagger model compiled in (whether the
/// tagger runs), and this version of innograph.
pub fn extractor_fingerprint(extractor: &Extractor) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&data_fingerprint().to_le_bytes());
    h.update(&[u8::from(extractor.tagger.is_some())]);
    h.digest128()
}

/// The fingerprint of what is compiled in, whatever the extractor's options.
fn data_fingerprint() -> u128 {
    static F: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *F.get_or_init(|| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&EXTRACTION_VERSION.to_le_bytes());
        for f in crate::extract::lexicon::FILES {
            h.update(f.name.as_bytes());
            h.update(f.text.as_bytes());
        }
        for t in crate::extract::gazetteer::DATA {
            h.update(t.as_bytes());
        }
        h.update(crate::extract::TAGGER_MODEL);
        h.digest128()
    })
}

/// Bumped when the rules change what they extract, so that `ingest` extracts
/// unchanged documents again.
pub const EXTRACTION_VERSION: u32 = 12;

/// The content hash of a document: its text and metadata and the extractor.
pub fn content_hash(extractor: &Extractor, doc: &Document) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&extractor_fingerprint(extractor).to_le_bytes());
    for part in [
        Some(doc.id.as_str()),
        Some(doc.text.as_str()),
        doc.title.as_deref(),
        doc.date.as_deref(),
        doc.publisher.as_deref(),
    ] {
        // lengths before parts, so that no two documents hash alike by moving a boundary
        let p = part.unwrap_or("\u{0}");
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    format!("{:032x}", h.digest128())
}

/// How a batch is ingested.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Files are read and extracted in batches of about this many bytes,
    /// each handed to the store whole (a local store holds the new documents
    /// of the whole run back and stores them together at its end).
    pub batch_bytes: u64,
    /// Larger text and HTML files are refused with an error, not read: one
    /// document's quads live in memory until its transaction commits.
    /// (JSON Lines files hold many documents and may be any size.)
    pub max_file_bytes: u64,
    /// Content hashes of the documents in the store, by document IRI: a
    /// document whose hash is unchanged is skipped.
    pub known: std::sync::Arc<std::collections::HashMap<String, String>>,
    /// Extract and store every document, changed or not.
    pub force: bool,
    /// Keep the summaries of the documents written (for the projection cache).
    pub summaries: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            batch_bytes: 16 << 20,
            max_file_bytes: 64 << 20,
            known: Default::default(),
            force: false,
            summaries: false,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngestReport {
    pub documents: usize,
    pub quads: usize,
    /// Bytes of the files read.
    pub bytes: u64,
    /// Files, lines or documents that failed.
    pub failed: usize,
    /// Documents unchanged since they were stored, not extracted again.
    pub skipped: usize,
    /// The summaries of the documents written, for the projection cache.
    pub summaries: Vec<(String, crate::rdf::read::DocSummary)>,
}

/// Progress events, for a progress bar or a log.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// A batch of files was read and extracted: its bytes and documents.
    Extracted { bytes: u64, documents: usize },
    /// A batch was stored.
    Stored { documents: usize, quads: usize },
}

/// Reads, extracts and resolves one file.
#[allow(clippy::type_complexity)]
fn process(
    extractor: &Extractor,
    path: &PathBuf,
    options: &IngestOptions,
) -> (Vec<DocumentGraph>, Vec<Error>, u64, usize) {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(source) => {
            return (
                Vec::new(),
                vec![Error::Io {
                    path: path.clone(),
                    source,
                }],
                0,
                0,
            )
        }
    };
    let jsonl = crate::read::Format::of(path) == Some(crate::read::Format::JsonLines);
    if size > options.max_file_bytes && !jsonl {
        return (
            Vec::new(),
            vec![Error::BadInput {
                path: path.clone(),
                message: format!(
                    "the file is {} MiB, more than the limit of {} MiB (raise it with --max-file-mb or split the file)",
                    size >> 20,
                    options.max_file_bytes >> 20
                ),
            }],
            0,
            0,
        );
    }
    match read_path(path, &options.read) {
        Err(e) => (Vec::new(), vec![e], size, 0),
        Ok((docs, errors)) => {
            let mut graphs = Vec::new();
            let mut skipped = 0;
            for d in &docs {
                let hash = content_hash(extractor, d);
                let iri = crate::resolve::document_iri(&d.id);
                if !options.force && options.known.get(&iri) == Some(&hash) {
                    skipped += 1;
                    continue;
                }
                let mut g = extract_document(extractor, d);
                g.content_hash = Some(hash);
                graphs.push(g);
            }
            (graphs, errors, size, skipped)
        }
    }
}

/// Extracts and resolves one document. Traditional characters are matched as
/// simplified (臺灣 finds 台湾) and full-width digits as ASCII (７．３％):
/// extraction runs on a copy of the same length in characters, and the stored
/// text and anchors are the original's.
pub fn extract_document(extractor: &Extractor, doc: &Document) -> DocumentGraph {
    let simple = to_simplified(&doc.text);
    let folded = fold_width(simple.as_deref().unwrap_or(&doc.text));
    let Some(simple) = folded.or(simple) else {
        return resolve(&extractor.gazetteer, doc, &extractor.extract(doc));
    };
    let mut copy = doc.clone();
    copy.text = simple;
    if let Some(t) = &doc.title {
        copy.title = Some(to_simplified(t).unwrap_or_else(|| t.clone()));
    }
    let mut dg = resolve(&extractor.gazetteer, &copy, &extractor.extract(&copy));
    let chars: Vec<char> = doc.text.chars().collect();
    let original = |b: usize, e: usize| -> String {
        chars[b.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect()
    };
    for m in &mut dg.mentions {
        m.anchor = original(m.begin, m.end);
    }
    for o in &mut dg.observations {
        o.anchor = original(o.begin, o.end);
    }
    dg.document.text = doc.text.clone();
    // a title the reader gave is kept as written; one read from the text
    // comes from the copy
    if doc.title.is_some() {
        dg.document.title = doc.title.clone();
    }
    dg
}

/// Splits files into batches of about `bytes` bytes each (at least one file per batch).
fn batches(files: &[PathBuf], bytes: u64) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        size += std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        if size >= bytes {
            out.push(&files[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Ingests files into a store.
///
/// Files are read, extracted and resolved in parallel on all cores, in
/// batches; a writer thread hands each batch to the store's run
/// ([`DocumentSink::run`]) while the next batch is extracted. A local store
/// bulk-loads the run's new documents together at its end, so RocksDB merges
/// them once instead of compacting each batch into all before it (a 500 MB
/// ingest ran at 59% of a 20 MB one's MB/s, batch by batch); documents it
/// held before are replaced one transaction each. A batch that fails to
/// store is retried document by document, so one bad document loses nothing
/// else. A document is always stored whole or not at all.
///
/// # Arguments
/// * `store`, `extractor`, `files`, `options` — what to ingest, how.
/// * `on_error` — called with every error, in file order within a batch.
/// * `on_progress` — called as batches are extracted and stored.
///
/// # Returns
/// Counts of documents, quads, bytes and failures.
pub fn ingest_files(
    store: &dyn DocumentSink,
    extractor: &Extractor,
    files: &[PathBuf],
    options: &IngestOptions,
    on_error: &(dyn Fn(&Error) + Sync),
    on_progress: &(dyn Fn(Progress) + Sync),
) -> IngestReport {
    let mut report = IngestReport::default();
    let (tx, rx) = sync_channel::<Vec<DocumentGraph>>(1);
    let stored = std::thread::scope(|scope| {
        let keep = options.summaries;
        let writer = scope.spawn(move || write_all(store, rx, keep, on_error, on_progress));
        for batch in batches(files, options.batch_bytes) {
            let results: Vec<_> = batch
                .par_iter()
                .map(|f| process(extractor, f, options))
                .collect();
            let mut graphs = Vec::new();
            let mut bytes = 0;
            for (g, errors, size, skipped) in results {
                for e in &errors {
                    on_error(e);
                }
                report.skipped += skipped;
                report.failed += errors.len();
                report.bytes += size;
                bytes += size;
                graphs.extend(g);
            }
            on_progress(Progress::Extracted {
                bytes,
                documents: graphs.len(),
            });
            if tx.send(graphs).is_err() {
                break;
            }
        }
        drop(tx);
        writer.join().unwrap_or_default()
    });
    report.documents = stored.documents;
    report.quads = stored.quads;
    report.failed += stored.failed;
    report.summaries = stored.summaries;
    report
}

/// What the writer thread stored.
#[derive(Default)]
struct Stored {
    documents: usize,
    quads: usize,
    failed: usize,
    summaries: Vec<(String, DocSummary)>,
}

/// The writer thread: each batch from `rx` into the store's run, with the
/// summary of each document written when `keep`; then the run finished.
fn write_all(
    store: &dyn DocumentSink,
    rx: std::sync::mpsc::Receiver<Vec<DocumentGraph>>,
    keep: bool,
    on_error: &(dyn Fn(&Error) + Sync),
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Stored {
    let mut out = Stored::default();
    let mut run = store.run();
    for batch in rx {
        // the summary of each document from the quads written (a
        // document's quads come together), by IRI
        let mut built: HashMap<String, DocSummary> = HashMap::new();
        let mut current: Option<(String, Summarizer)> = None;
        let mut each = |dg: &DocumentGraph, q: &Quad| {
            if !keep {
                return;
            }
            if current.as_ref().is_none_or(|(iri, _)| *iri != dg.iri) {
                if let Some((iri, s)) = current.take() {
                    built.insert(iri, s.finish());
                }
                current = Some((dg.iri.clone(), Summarizer::new(&dg.iri)));
            }
            if let Some((_, s)) = current.as_mut() {
                s.add(q);
            }
        };
        let (d, q, f, written, gone) = write_batch(&mut *run, &batch, on_error, &mut each);
        if let Some((iri, s)) = current.take() {
            built.insert(iri, s.finish());
        }
        out.documents += d;
        out.quads += q;
        out.failed += f;
        for g in written {
            let iri = &batch[g].iri;
            if let Some(s) = built.remove(iri) {
                out.summaries.push((iri.clone(), s));
            }
        }
        on_progress(Progress::Stored {
            documents: d,
            quads: q,
        });
        // the reader stops too: its next batch finds no writer
        if gone {
            break;
        }
    }
    // what the run held back is stored now, or lost together
    if let Err((e, lost)) = run.finish() {
        on_error(&Error::Store(format!(
            "cannot store {} new documents of this run: {e}",
            lost.len()
        )));
        let lost: HashSet<String> = lost.into_iter().collect();
        out.summaries.retain(|(iri, _)| !lost.contains(iri));
        out.documents = out.documents.saturating_sub(lost.len());
        out.failed += lost.len();
    }
    out
}

/// Writes a batch whole, or document by document if that fails;
/// returns documents, quads and failures, and the indices of the documents written.
fn write_batch(
    store: &mut dyn SinkRun,
    batch: &[DocumentGraph],
    on_error: &(dyn Fn(&Error) + Sync),
    each: &mut dyn FnMut(&DocumentGraph, &Quad),
) -> (usize, usize, usize, Vec<usize>, bool) {
    if batch.is_empty() {
        return (0, 0, 0, Vec::new(), false);
    }
    match store.write(batch, each) {
        Ok(q) => return (batch.len(), q, 0, (0..batch.len()).collect(), false),
        // one line, not one per document: nothing more can be written
        Err(e @ Error::ServerGone { .. }) => {
            on_error(&e);
            return (0, 0, batch.len(), Vec::new(), true);
        }
        Err(_) => {}
    }
    let (mut d, mut q, mut f) = (0, 0, 0);
    let mut written = Vec::new();
    for (i, g) in batch.iter().enumerate() {
        match store.write(std::slice::from_ref(g), each) {
            Ok(n) => {
                d += 1;
                q += n;
                written.push(i);
            }
            Err(e) => {
                on_error(&Error::Store(format!(
                    "cannot store {}: {e}",
                    g.document.id
                )));
                f += 1;
            }
        }
    }
    (d, q, f, written, false)
}

/// Extracts and resolves files without storing them, for benchmarks.
pub fn extract_files(
    extractor: &Extractor,
    files: &[PathBuf],
    options: &IngestOptions,
) -> (usize, u64) {
    files
        .par_iter()
        .map(|f| {
            let (g, _, size, _) = process(extractor, f, options);
            (g.len(), size)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}
