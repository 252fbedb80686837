//! The ingest pipeline: read → extract → resolve in parallel (rayon), store
//! writes batched on a writer thread, each document still atomic.

use crate::error::Error;
use crate::extract::Extractor;
use crate::read::{read_path, to_simplified, Document, ReadOptions};
use crate::resolve::{resolve, DocumentGraph};
use crate::store::GraphStore;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

/// Where documents are written: the store itself, or a server that holds it.
pub trait DocumentSink: Sync {
    /// Writes documents' graphs, each replacing what its document said before;
    /// returns the number of quads written.
    fn write_documents(&self, graphs: &[DocumentGraph]) -> crate::error::Result<usize>;
}

impl DocumentSink for GraphStore {
    fn write_documents(&self, graphs: &[DocumentGraph]) -> crate::error::Result<usize> {
        GraphStore::write_documents(self, graphs)
    }
}

/// How a batch is ingested.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Files are read and extracted in batches of about this many bytes,
    /// written to the store in one transaction per batch.
    pub batch_bytes: u64,
    /// Larger text and HTML files are refused with an error, not read: one
    /// document's quads live in memory until its transaction commits.
    /// (JSON Lines files hold many documents and may be any size.)
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            batch_bytes: 16 << 20,
            max_file_bytes: 64 << 20,
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
fn process(
    extractor: &Extractor,
    path: &PathBuf,
    options: &IngestOptions,
) -> (Vec<DocumentGraph>, Vec<Error>, u64) {
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
        );
    }
    match read_path(path, &options.read) {
        Err(e) => (Vec::new(), vec![e], size),
        Ok((docs, errors)) => {
            let graphs = docs
                .iter()
                .map(|d| extract_document(extractor, d))
                .collect();
            (graphs, errors, size)
        }
    }
}

/// Extracts and resolves one document. Traditional characters are matched as
/// simplified (臺灣 finds 台湾): extraction runs on a simplified copy of
/// the same length, and the stored text and anchors are the original's.
pub fn extract_document(extractor: &Extractor, doc: &Document) -> DocumentGraph {
    let Some(simple) = to_simplified(&doc.text) else {
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
    dg.document.title = doc.title.clone();
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
/// batches; a writer thread stores each batch in one transaction while the
/// next batch is extracted. A batch that fails to store is retried document by
/// document, so one bad document loses nothing else. A document is always
/// stored whole or not at all: it replaces its own named graph in the same
/// transaction that writes it.
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
        let writer = scope.spawn(move || {
            let (mut documents, mut quads, mut failed) = (0, 0, 0);
            for batch in rx {
                let (d, q, f) = write_batch(store, &batch, on_error);
                documents += d;
                quads += q;
                failed += f;
                on_progress(Progress::Stored {
                    documents: d,
                    quads: q,
                });
            }
            (documents, quads, failed)
        });
        for batch in batches(files, options.batch_bytes) {
            let results: Vec<_> = batch
                .par_iter()
                .map(|f| process(extractor, f, options))
                .collect();
            let mut graphs = Vec::new();
            let mut bytes = 0;
            for (g, errors, size) in results {
                for e in &errors {
                    on_error(e);
                }
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
        writer.join().unwrap_or((0, 0, 0))
    });
    report.documents = stored.0;
    report.quads = stored.1;
    report.failed += stored.2;
    report
}

/// Writes a batch in one transaction, or document by document if that fails.
fn write_batch(
    store: &dyn DocumentSink,
    batch: &[DocumentGraph],
    on_error: &(dyn Fn(&Error) + Sync),
) -> (usize, usize, usize) {
    if batch.is_empty() {
        return (0, 0, 0);
    }
    if let Ok(q) = store.write_documents(batch) {
        return (batch.len(), q, 0);
    }
    let (mut d, mut q, mut f) = (0, 0, 0);
    for g in batch {
        match store.write_documents(std::slice::from_ref(g)) {
            Ok(n) => {
                d += 1;
                q += n;
            }
            Err(e) => {
                on_error(&Error::Invalid(format!(
                    "cannot store {}: {e}",
                    g.document.id
                )));
                f += 1;
            }
        }
    }
    (d, q, f)
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
            let (g, _, size) = process(extractor, f, options);
            (g.len(), size)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}
