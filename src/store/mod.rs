//! The oxigraph store: one named graph per document, the ontology in its own graph.
//!
//! The store's default graph is the RDF merge of those graphs (each triple
//! once), kept by every write beside the named graphs: SPARQL's default graph
//! then answers each fact once, at the speed of one index, while `GRAPH ?g`
//! still sees which documents state it. docs/GRAPHS.md says why (measured
//! against a deduplicating view over the union).

use crate::error::{Error, Result};
use crate::rdf::write::Quads;
pub use crate::rdf::write::{clean_text, document_quads};
use crate::resolve::DocumentGraph;
use crate::vocab::{ig, xsd, META_GRAPH, ONTOLOGY_GRAPH};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub mod cache;
mod checked;
pub mod projection;

pub use crate::vocab::ONTOLOGY_TTL;

/// Threads the bulk loader may use to sort and write SST files, beside the
/// extraction threads.
const BULK_THREADS: usize = 2;
/// A run stores what it holds back once it holds this many quads (about
/// 130 MB of policy text): RocksDB opens every sorted file of an ingestion at
/// once, and a 500 MB run stored in one ingestion peaked at 2.45 GB against
/// 0.84 GB for 100 MB.
const RUN_QUADS: usize = 10_000_000;
/// About 1 kB per quad while the bulk loader sorts a chunk, so chunks of 100k
/// quads: smaller chunks sort faster and keep peak memory low (measured on the
/// generated corpus: 500k-quad chunks 88k quads/s and 1.5 GB, 100k 95k quads/s and 0.6 GB).
const BULK_MEMORY_MB: usize = 200;

/// An innograph store on disk (RocksDB) or in memory.
pub struct GraphStore {
    pub store: Store,
    pub path: Option<PathBuf>,
    /// Whether the default graph holds the merge of the named graphs. Only a
    /// store written by an older innograph and opened read-only lacks it; its
    /// queries fall back to the union of the named graphs (each triple once
    /// per document that states it).
    merged: bool,
}

/// Whether a named graph's triples belong to the merged default graph: all
/// but the store's bookkeeping (its generation).
fn in_merge(g: &GraphName) -> bool {
    match g {
        GraphName::NamedNode(n) => n.as_str() != META_GRAPH,
        GraphName::BlankNode(_) => true,
        GraphName::DefaultGraph => false,
    }
}

/// A quad's triple in the default graph.
fn merged_quad(q: &Quad) -> Quad {
    Quad::new(
        q.subject.clone(),
        q.predicate.clone(),
        q.object.clone(),
        GraphName::DefaultGraph,
    )
}

/// Whether the default graph of `store` is the merge of its named graphs: it
/// holds something, or there is nothing to merge.
fn has_merged_graph(store: &Store) -> Result<bool> {
    if store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .transpose()?
        .is_some()
    {
        return Ok(true);
    }
    for g in store.named_graphs() {
        if in_merge(&GraphName::from(g?)) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

#[cfg(feature = "rocksdb")]
fn map_open_error(path: &Path, e: oxigraph::store::StorageError) -> Error {
    let msg = e.to_string();
    if msg.contains("LOCK") || msg.contains("lock") {
        Error::StoreLocked {
            path: path.to_path_buf(),
        }
    } else {
        Error::Store(format!("cannot open the store at {}: {e}", path.display()))
    }
}

/// A bulk load killed before its commit leaves its sorted files
/// (`bulk-*.sst`) in the store directory; RocksDB never reads them. Removed
/// once the store is open, that is once this process holds its lock.
#[cfg(feature = "rocksdb")]
fn remove_bulk_leftovers(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            // a leftover that cannot be removed costs disk space, not data
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl GraphStore {
    /// Opens (creating if missing) a store for reading and writing.
    #[cfg(feature = "rocksdb")]
    pub fn open(path: &Path) -> Result<GraphStore> {
        let store = Store::open(path).map_err(|e| map_open_error(path, e))?;
        remove_bulk_leftovers(path);
        let gs = GraphStore {
            store,
            path: Some(path.to_path_buf()),
            merged: true,
        };
        // a store written before the merged default graph gets it once
        if !has_merged_graph(&gs.store)? {
            gs.merge_named_graphs()?;
        }
        gs.load_ontology()?;
        Ok(gs)
    }

    /// Opens an existing store for reading only; a missing store is an error.
    #[cfg(feature = "rocksdb")]
    pub fn open_read_only(path: &Path) -> Result<GraphStore> {
        if !path.join("CURRENT").exists() {
            return Err(Error::Store(format!(
                "no innograph store at {} (create one with innograph ingest --store {} FILES)",
                path.display(),
                path.display()
            )));
        }
        let store = Store::open_read_only(path).map_err(|e| map_open_error(path, e))?;
        let merged = has_merged_graph(&store)?;
        Ok(GraphStore {
            store,
            path: Some(path.to_path_buf()),
            merged,
        })
    }

    /// Without RocksDB there is no on-disk store: say so instead of failing to link.
    #[cfg(not(feature = "rocksdb"))]
    pub fn open(path: &Path) -> Result<GraphStore> {
        let _ = path;
        Err(Error::Store(
            "this innograph was built without the rocksdb feature (build it with the default features)".into(),
        ))
    }

    #[cfg(not(feature = "rocksdb"))]
    pub fn open_read_only(path: &Path) -> Result<GraphStore> {
        GraphStore::open(path)
    }

    /// An in-memory store (tests, benchmarks).
    pub fn in_memory() -> Result<GraphStore> {
        let gs = GraphStore {
            store: Store::new()?,
            path: None,
            merged: true,
        };
        gs.load_ontology()?;
        Ok(gs)
    }

    /// Replaces the ontology graph with the bundled ontology.
    pub fn load_ontology(&self) -> Result<()> {
        let graph = nn(ONTOLOGY_GRAPH);
        let mut quads = Vec::new();
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY_TTL.as_bytes()) {
            let t =
                t.map_err(|e| Error::Store(format!("the bundled ontology does not parse: {e}")))?;
            quads.push(Quad::new(t.subject, t.predicate, t.object, graph.clone()));
        }
        self.replace_in_transaction(&[(graph, Some(&quads))])?;
        Ok(())
    }

    /// Whether the default graph is the merge of the named graphs (see the
    /// field); false only for an older store opened read-only.
    pub fn is_merged(&self) -> bool {
        self.merged
    }

    /// Fills the default graph with the merge of the named graphs, in one
    /// atomic bulk load: once, for a store written by an older innograph.
    fn merge_named_graphs(&self) -> Result<()> {
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(BULK_THREADS)
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        loader.load_ok_quads::<oxigraph::store::StorageError, oxigraph::store::StorageError>(
            self.store
                .iter()
                .filter(|q| q.as_ref().map_or(true, |q| in_merge(&q.graph_name)))
                .map(|q| q.map(|q| merged_quad(&q))),
        )?;
        loader.commit()?;
        Ok(())
    }

    /// Replaces (`Some`) or removes (`None`) named graphs in one transaction
    /// and keeps the default graph their merge: the new triples are added; an
    /// old triple goes only when no graph states it any more. The work is in
    /// proportion to the graphs replaced, not to the store.
    ///
    /// Whether a graph still states a triple is asked of the transaction
    /// (which sees its own writes), not of the quads given: oxigraph stores
    /// some literals in a canonical form ("0"^^xsd:nonNegativeInteger is read
    /// back as "0"^^xsd:integer, "1.50"^^xsd:decimal as "1.5"), so two
    /// triples that differ in Rust may be one in the store.
    fn replace_in_transaction(&self, graphs: &[(NamedNode, Option<&[Quad]>)]) -> Result<usize> {
        let mut tx = self.store.start_transaction()?;
        let mut old = std::collections::HashSet::new();
        let mut count = 0;
        for (g, quads) in graphs {
            let name = GraphNameRef::NamedNode(g.as_ref());
            let merged = in_merge(&name.into_owned());
            if merged {
                for q in tx.quads_for_pattern(None, None, None, Some(name)) {
                    let q = q?;
                    old.insert(Triple::new(q.subject, q.predicate, q.object));
                }
            }
            tx.clear_graph(name)?;
            let Some(quads) = quads else {
                tx.remove_named_graph(g.as_ref())?;
                continue;
            };
            tx.insert_named_graph(g.as_ref());
            for q in quads.iter() {
                tx.insert(q);
                if merged {
                    tx.insert(QuadRef::new(
                        q.subject.as_ref(),
                        q.predicate.as_ref(),
                        q.object.as_ref(),
                        GraphNameRef::DefaultGraph,
                    ));
                }
            }
            count += quads.len();
        }
        for t in &old {
            let mut stated = false;
            for q in tx.quads_for_pattern(
                Some(t.subject.as_ref()),
                Some(t.predicate.as_ref()),
                Some(t.object.as_ref()),
                None,
            ) {
                if in_merge(&q?.graph_name) {
                    stated = true;
                    break;
                }
            }
            if !stated {
                tx.remove(t.as_ref().in_graph(GraphNameRef::DefaultGraph));
            }
        }
        tx.commit()?;
        Ok(count)
    }

    /// Removes documents' graphs; their triples leave the default graph
    /// unless another document states them too.
    pub fn remove_documents(&self, iris: &[&str]) -> Result<()> {
        let graphs: Vec<(NamedNode, Option<&[Quad]>)> =
            iris.iter().map(|i| (nn(i), None)).collect();
        self.replace_in_transaction(&graphs)?;
        Ok(())
    }

    /// Writes one document's graph, replacing what the document said before, atomically.
    pub fn write_document(&self, dg: &DocumentGraph) -> Result<usize> {
        self.write_documents(std::slice::from_ref(dg), &mut |_, _| {})
    }

    /// Writes several documents' graphs; each replaces what its document said
    /// before and is stored whole or not at all (new documents of a batch
    /// together, replaced ones each in its own transaction).
    ///
    /// Documents new to the store go through oxigraph's bulk loader, which
    /// writes sorted SST files and ingests them in one atomic RocksDB call:
    /// several times faster than a transaction, and nothing to clear. A
    /// document stored before (or repeated in the batch) is replaced in one
    /// transaction, after the bulk commit so that the later copy wins.
    /// `each` sees every document's quads as they are written.
    pub fn write_documents(
        &self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> Result<usize> {
        let mut run = self.write_run();
        let count = run.write(graphs, each)?;
        run.finish().map_err(|(e, _)| e)?;
        Ok(count)
    }

    /// A run of writes whose new documents go into one bulk load, stored
    /// when the run [finishes](WriteRun::finish) (`ingest`).
    pub fn write_run(&self) -> WriteRun<'_> {
        WriteRun {
            store: self,
            loader: None,
            pending: HashSet::new(),
            pending_quads: 0,
            lost: Vec::new(),
        }
    }

    /// Parses N-Quads into the quads of each named graph; quads of the default
    /// graph are refused (a document's quads live in its own graph).
    pub fn group_nquads(nquads: &[u8]) -> Result<std::collections::BTreeMap<NamedNode, Vec<Quad>>> {
        let mut by_graph: std::collections::BTreeMap<NamedNode, Vec<Quad>> = Default::default();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads) {
            let q =
                q.map_err(|e| Error::Store(format!("the documents do not parse as N-Quads: {e}")))?;
            let oxigraph::model::GraphName::NamedNode(g) = q.graph_name.clone() else {
                return Err(Error::Store(
                    "a document's quads must be in its named graph, not the default graph".into(),
                ));
            };
            by_graph.entry(g).or_default().push(q);
        }
        Ok(by_graph)
    }

    /// Replaces named graphs with the given quads, in one transaction: each
    /// graph holds afterwards exactly its quads here (what a served store
    /// receives from `ingest`). Returns the number of quads written.
    pub fn replace_graphs(
        &self,
        by_graph: &std::collections::BTreeMap<NamedNode, Vec<Quad>>,
    ) -> Result<usize> {
        let graphs: Vec<(NamedNode, Option<&[Quad]>)> = by_graph
            .iter()
            .map(|(g, quads)| (g.clone(), Some(quads.as_slice())))
            .collect();
        self.replace_in_transaction(&graphs)
    }

    /// The store's generation: bumped by every write before it writes, so that
    /// the projection cache beside the store tells whether it is current.
    pub fn generation(&self) -> Result<u64> {
        let meta = nn(META_GRAPH);
        let p = nn(&ig("generation"));
        for q in self.store.quads_for_pattern(
            Some(meta.as_ref().into()),
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(meta.as_ref())),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(l.value().parse().unwrap_or(0));
            }
        }
        Ok(0)
    }

    /// Quads of the ontology graph and the bookkeeping graph.
    pub fn bookkeeping_quads(&self) -> Result<u64> {
        let mut n = 0;
        for g in [ONTOLOGY_GRAPH, META_GRAPH] {
            let g = nn(g);
            n += self
                .store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
                .count() as u64;
        }
        Ok(n)
    }

    /// Bumps the generation (before a write) and returns the new one.
    pub fn bump_generation(&self) -> Result<u64> {
        let next = self.generation()? + 1;
        let meta = nn(META_GRAPH);
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(GraphNameRef::NamedNode(meta.as_ref()))?;
        tx.insert(&Quad::new(
            NamedOrBlankNode::from(meta.clone()),
            nn(&ig("generation")),
            Literal::new_typed_literal(next.to_string(), nn(&xsd("integer"))),
            meta.clone(),
        ));
        tx.commit()?;
        Ok(next)
    }

    /// Compacts the store: bulk-loaded sorted files overlap until RocksDB
    /// merges them, and a store opened read-only (query, export) never does.
    /// Measured on 50 MB of generated text: 18 s after a 48 s ingest, and the
    /// next `stats` ran in 15 s instead of 36 s. A no-op in memory.
    pub fn optimize(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if self.path.is_some() {
            self.store.optimize()?;
        }
        Ok(())
    }

    /// Runs a SPARQL query over the merged default graph (each triple once)
    /// and the documents' named graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.query_with(sparql, &crate::limits::QueryLimits::default(), None)
    }

    /// [`query`](Self::query) within `limits`, stopped when `token` is cancelled.
    pub fn query_with(
        &self,
        sparql: &str,
        limits: &crate::limits::QueryLimits,
        token: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>> {
        crate::limits::check(sparql, limits)?;
        self.evaluate(sparql, token)
    }

    /// Parses and runs a query without the size limits (for the program's own
    /// queries), stopped when `token` is cancelled.
    fn evaluate(
        &self,
        sparql: &str,
        token: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = token {
            evaluator = evaluator.with_cancellation_token(token);
        }
        let mut prepared = evaluator.parse_query(sparql).map_err(|e| {
            Error::QuerySyntax(e.to_string().lines().next().unwrap_or("").to_string())
        })?;
        if !self.merged {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(evaluation_error)
    }

    /// Runs a SELECT and returns rows of (variable → term) in variable order.
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
        rows(self.query(sparql)?)
    }

    /// [`select`](Self::select) of the program's own query, stopped when
    /// `token` is cancelled (a server's page at its time limit).
    pub fn select_cancellable(
        &self,
        sparql: &str,
        token: CancellationToken,
    ) -> Result<Vec<Vec<Option<Term>>>> {
        rows(self.evaluate(sparql, Some(token))?)
    }

    /// Number of quads in named graphs: the merged default graph repeats
    /// them and is not counted.
    pub fn len(&self) -> Result<usize> {
        let merged = self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .count();
        Ok(self.store.len()?.saturating_sub(merged))
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }
}

/// The rows of a SELECT's answer, (variable → term) in variable order.
fn rows(results: QueryResults<'static>) -> Result<Vec<Vec<Option<Term>>>> {
    match results {
        QueryResults::Solutions(sol) => {
            let vars: Vec<_> = sol.variables().to_vec();
            let mut rows = Vec::new();
            for s in sol {
                let s = s.map_err(evaluation_error)?;
                rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
            }
            Ok(rows)
        }
        _ => Err(Error::Store("expected a select query".into())),
    }
}

fn evaluation_error(e: QueryEvaluationError) -> Error {
    match e {
        QueryEvaluationError::Cancelled => {
            Error::QueryEvaluation("it ran past its time limit and was stopped".into())
        }
        e => Error::QueryEvaluation(e.to_string()),
    }
}

/// The store answers the analyses' SPARQL like any endpoint.
impl crate::source::Source for GraphStore {
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>> {
        GraphStore::select(self, sparql)
    }
}

/// Writes of one `ingest` run. Documents new to the store are handed to one
/// bulk loader and stored together when the run finishes, or when it holds
/// [`RUN_QUADS`] quads: RocksDB then merges a few large ingestions instead of
/// compacting what every batch adds into all that came before (the work that
/// made a 500 MB ingest run at 59% of a 20 MB one's MB/s). Each document is
/// still stored whole or not at all; a replaced one (stored before, or
/// repeated in the run) is written in its own transaction, after what the run
/// holds back is stored, so the later copy wins. Until they are stored the new
/// documents are not in the store, and a run dropped unfinished stores none
/// of those it still holds.
pub struct WriteRun<'a> {
    store: &'a GraphStore,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// IRIs of the documents the loader holds, and their quads.
    pending: HashSet<String>,
    pending_quads: usize,
    /// IRIs of documents written to a loader that failed, and so lost.
    lost: Vec<String>,
}

impl WriteRun<'_> {
    /// Writes documents' graphs; returns the number of quads written. `each`
    /// sees every document's quads as they are made.
    pub fn write(
        &mut self,
        graphs: &[DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> Result<usize> {
        let (mut fresh, mut replace) = (Vec::new(), Vec::new());
        let mut seen = HashSet::new();
        for dg in graphs {
            let again = !seen.insert(dg.iri.as_str()) || self.pending.contains(&dg.iri);
            if again
                || self
                    .store
                    .store
                    .contains_named_graph(nn(&dg.iri).as_ref())?
            {
                replace.push(dg);
            } else {
                fresh.push(dg);
            }
        }
        let mut count = 0;
        if !fresh.is_empty() {
            count += self.load(&fresh, each)?;
        }
        if self.pending_quads >= RUN_QUADS
            || replace.iter().any(|dg| self.pending.contains(&dg.iri))
        {
            // enough held back, or an earlier copy that must be stored before
            // the later replaces it
            self.store_pending()?;
        }
        // one transaction per replaced document: a transaction holds its changes
        // in memory, and a batch of them held 3.6 GB on a 20 MB re-ingest
        for dg in replace {
            let quads = document_quads(dg);
            count += self
                .store
                .replace_in_transaction(&[(nn(&dg.iri), Some(&quads))])?;
            for q in &quads {
                each(dg, q);
            }
        }
        Ok(count)
    }

    /// Hands new documents to the run's bulk loader.
    fn load(
        &mut self,
        fresh: &[&DocumentGraph],
        each: &mut dyn FnMut(&DocumentGraph, &Quad),
    ) -> Result<usize> {
        let loader = self.loader.get_or_insert_with(|| {
            self.store
                .store
                .bulk_loader()
                .with_num_threads(BULK_THREADS)
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB)
        });
        self.pending.extend(fresh.iter().map(|dg| dg.iri.clone()));
        // one stream: the loader cuts it into chunks, each chunk's SST
        // files built on a thread; each quad's triple goes into the merged
        // default graph beside it (the loader drops repeats, and a triple
        // already there is written over). A document's quads, and each
        // one's merged copy, are made as the loader takes them: a 50 MB
        // one-line document held 3.4 GB when they were all made first
        let seen = std::cell::RefCell::new(&mut *each);
        let written = std::cell::Cell::new(0);
        let loaded = loader.load_quads(fresh.iter().flat_map(|&dg| {
            let (seen, written) = (&seen, &written);
            Quads::new(dg).flat_map(move |q| {
                if let Ok(mut f) = seen.try_borrow_mut() {
                    f(dg, &q);
                }
                written.set(written.get() + 1);
                let m = merged_quad(&q);
                [q, m]
            })
        }));
        if let Err(e) = loaded {
            // the loader may hold part of a document: it is dropped unstored,
            // and with it what it held of the run
            self.loader = None;
            self.lost.extend(self.pending.drain());
            return Err(e.into());
        }
        self.pending_quads += written.get();
        Ok(written.get())
    }

    /// Stores what the loader holds, in one atomic RocksDB ingestion; if that
    /// fails, what it held is lost.
    fn store_pending(&mut self) -> Result<()> {
        let committed = match self.loader.take() {
            Some(loader) => loader.commit(),
            None => Ok(()),
        };
        if committed.is_err() {
            self.lost.extend(self.pending.drain());
        }
        self.pending.clear();
        self.pending_quads = 0;
        Ok(committed?)
    }

    /// Stores the run's new documents. On an error, the error and the IRIs of
    /// the documents written in this run that are not stored: all it held
    /// back if the last ingestion failed, and those a failed load lost
    /// earlier (unless written again since).
    pub fn finish(mut self) -> std::result::Result<(), (Error, Vec<String>)> {
        let held = self.pending.clone();
        let stored = self.store_pending();
        if stored.is_ok() {
            // a document lost with a failed load and written again since is stored
            self.lost.retain(|iri| !held.contains(iri));
        }
        self.lost.sort();
        self.lost.dedup();
        match stored {
            Err(e) => Err((e, self.lost)),
            Ok(()) if self.lost.is_empty() => Ok(()),
            Ok(()) => Err((
                Error::Store(format!(
                    "a failed bulk load lost {} documents written before it in this run",
                    self.lost.len()
                )),
                self.lost,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "rocksdb")]
    fn a_store_in_use_gets_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("innograph-lock-test-{}", std::process::id()));
        let first = GraphStore::open(&dir).unwrap();
        let second = GraphStore::open(&dir);
        assert!(
            matches!(second, Err(Error::StoreLocked { .. })),
            "{:?}",
            second.err()
        );
        drop(first);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    #[cfg(feature = "rocksdb")]
    fn a_run_stores_its_new_documents_when_it_finishes_and_the_last_copy_wins() {
        let dir = tempfile::tempdir().unwrap();
        let gs = GraphStore::open(dir.path()).unwrap();
        let ex = crate::Extractor::new();
        let doc = |id: &str, text: &str| {
            let d = crate::read::Document::from_text(id, Path::new(id), text.to_string());
            crate::pipeline::extract_document(&ex, &d)
        };
        let a1 = doc("a.txt", "江阴市科技局与清华大学签约，共建研究院。");
        let a2 = doc("a.txt", "锡山区设立科创母基金。");
        let b = doc("b.txt", "南京大学在无锡市建设产业园。");
        assert_eq!(a1.iri, a2.iri);
        let has = |dg: &DocumentGraph| gs.store.contains_named_graph(nn(&dg.iri).as_ref()).unwrap();
        let quads_of =
            |dg: &DocumentGraph| count(&gs, &format!("GRAPH <{}> {{ ?s ?p ?o }}", dg.iri));
        let mut seen = 0;
        let mut run = gs.write_run();
        run.write(std::slice::from_ref(&a1), &mut |_, _| seen += 1)
            .unwrap();
        assert!(seen > 0);
        assert!(
            !has(&a1),
            "a new document is held back until the run finishes"
        );
        // a later copy of a held document: what is held is stored, then replaced
        run.write(&[b.clone(), a2.clone()], &mut |_, _| {}).unwrap();
        assert!(has(&a2) && has(&b));
        assert_eq!(quads_of(&a2), document_quads(&a2).len().to_string());
        let c = doc("c.txt", "宜兴市举办科技创新大会。");
        run.write(std::slice::from_ref(&c), &mut |_, _| {}).unwrap();
        assert!(!has(&c));
        run.finish().unwrap();
        assert!(has(&c));
        assert_eq!(quads_of(&c), document_quads(&c).len().to_string());
        // a run dropped unfinished stores none of its new documents
        let d = doc("d.txt", "惠山区引进高层次人才。");
        let mut run = gs.write_run();
        run.write(std::slice::from_ref(&d), &mut |_, _| {}).unwrap();
        drop(run);
        assert!(!has(&d));
        assert_eq!(quads_of(&a2), document_quads(&a2).len().to_string());
    }

    /// COUNT(*) of a pattern over the store's default graph.
    fn count(gs: &GraphStore, pattern: &str) -> String {
        let rows = gs
            .select(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"))
            .unwrap();
        match &rows[0][0] {
            Some(Term::Literal(l)) => l.value().to_string(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_default_graph_stays_the_merge_through_replace_and_remove() {
        let gs = GraphStore::in_memory().unwrap();
        let quad = |g: &str, o: &str| {
            Quad::new(
                nn("http://example.com/s"),
                nn("http://example.com/p"),
                Literal::new_simple_literal(o),
                nn(g),
            )
        };
        let (a, b) = ("http://example.com/a", "http://example.com/b");
        let mut by_graph = std::collections::BTreeMap::new();
        by_graph.insert(nn(a), vec![quad(a, "shared"), quad(a, "only a")]);
        by_graph.insert(nn(b), vec![quad(b, "shared")]);
        gs.replace_graphs(&by_graph).unwrap();
        let shared = r#"?s <http://example.com/p> "shared""#;
        let all = "?s <http://example.com/p> ?o";
        assert_eq!(count(&gs, shared), "1");
        assert_eq!(count(&gs, &format!("GRAPH ?g {{ {shared} }}")), "2");
        assert_eq!(count(&gs, all), "2");
        // a no longer states anything; b still states the shared triple
        let mut by_graph = std::collections::BTreeMap::new();
        by_graph.insert(nn(a), vec![]);
        gs.replace_graphs(&by_graph).unwrap();
        assert_eq!(count(&gs, shared), "1");
        assert_eq!(count(&gs, all), "1");
        gs.remove_documents(&[b]).unwrap();
        assert_eq!(count(&gs, all), "0");
        assert_eq!(count(&gs, "GRAPH ?g { ?s <http://example.com/p> ?o }"), "0");
        // a literal the store folds ("0"^^xsd:nonNegativeInteger is read back
        // as "0"^^xsd:integer) is one triple, kept while a graph states it
        let folded = |g: &str| {
            Quad::new(
                nn("http://example.com/s"),
                nn("http://example.com/n"),
                Literal::new_typed_literal("0", nn(&xsd("nonNegativeInteger"))),
                nn(g),
            )
        };
        let mut by_graph = std::collections::BTreeMap::new();
        by_graph.insert(nn(a), vec![folded(a)]);
        gs.replace_graphs(&by_graph).unwrap();
        gs.replace_graphs(&by_graph).unwrap();
        assert_eq!(count(&gs, "?s <http://example.com/n> ?o"), "1");
        // the ontology, written again at every open, stays in the merge once
        gs.load_ontology().unwrap();
        gs.load_ontology().unwrap();
        assert_eq!(
            count(&gs, "?c a <http://www.w3.org/2002/07/owl#Class>"),
            count(
                &gs,
                "GRAPH ?g { ?c a <http://www.w3.org/2002/07/owl#Class> }"
            )
        );
    }

    #[test]
    fn clean_text_replaces_control_characters_one_for_one() {
        assert_eq!(clean_text("a\u{1}b\tc\u{FFFF}"), "a b\tc ");
    }
}
