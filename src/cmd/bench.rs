//! `innograph bench`: generated corpora and graphs, and timings with throughput.

use crate::cli::{Bench, BenchGraphArgs, BenchIngestArgs};
use anyhow::{bail, Context, Result};
use innograph::analyze::{self, Adjacency, PageRankOptions};
use innograph::GraphStore;
use std::time::Instant;

pub fn run(b: Bench) -> Result<()> {
    match b {
        Bench::Graph(a) => bench_graph(&a),
        Bench::Corpus(a) => {
            let (files, bytes) =
                innograph::bench::write_corpus(&a.out, a.mb.saturating_mul(1_000_000), a.seed)
                    .with_context(|| format!("cannot write the corpus into {}", a.out.display()))?;
            eprintln!(
                "wrote {} files, {:.1} MB, into {}",
                files.len(),
                bytes as f64 / 1e6,
                a.out.display()
            );
            Ok(())
        }
        Bench::Ingest(a) => bench_ingest(&a),
    }
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`), if known.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn bench_ingest(a: &BenchIngestArgs) -> Result<()> {
    use innograph::pipeline::{extract_files, ingest_files, IngestOptions};
    if let Some(store) = a.store.as_ref().filter(|s| s.exists() && !a.memory) {
        bail!(
            "{} exists; the benchmark needs a new store folder",
            store.display()
        );
    }
    let (files, errors) = innograph::read::collect_files(&a.paths);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    let options = IngestOptions {
        read: innograph::ReadOptions {
            text_field: a.text_field.clone(),
        },
        ..IngestOptions::default()
    };
    let extractor = innograph::Extractor::new();
    let t = Instant::now();
    let (documents, bytes) = extract_files(&extractor, &files, &options);
    let extract_s = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    if a.extract_only {
        crate::outln!(
            "{}",
            serde_json::json!({
                "files": files.len(),
                "documents": documents,
                "mb": mb,
                "threads": rayon::current_num_threads(),
                "extract_s": extract_s,
                "extract_mb_s": mb / extract_s,
                "peak_rss_mb": peak_rss().map(|b| b as f64 / 1e6),
            })
        );
        return Ok(());
    }
    let store = match &a.store {
        Some(path) if !a.memory => GraphStore::open(path)?,
        _ => GraphStore::in_memory()?,
    };
    let t = Instant::now();
    let report = ingest_files(
        &store,
        &extractor,
        &files,
        &options,
        &|e| eprintln!("innograph: {e}"),
        &|_| {},
    );
    let store_s = t.elapsed().as_secs_f64();
    // as `ingest` does: the store is compacted, ready to query
    store.optimize()?;
    drop(store);
    let ingest_s = t.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "files": files.len(),
        "documents": documents,
        "mb": mb,
        "threads": rayon::current_num_threads(),
        "store": if a.memory { "memory" } else { "rocksdb" },
        "extract_s": extract_s,
        "extract_mb_s": mb / extract_s,
        "store_s": store_s,
        "optimize_s": ingest_s - store_s,
        "ingest_s": ingest_s,
        "ingest_mb_s": mb / ingest_s,
        "quads": report.quads,
        "quads_s": report.quads as f64 / ingest_s,
        "failed": report.failed,
        "peak_rss_mb": peak_rss().map(|b| b as f64 / 1e6),
    });
    crate::outln!("{report}");
    Ok(())
}

fn bench_graph(a: &BenchGraphArgs) -> Result<()> {
    let t = Instant::now();
    let edges = innograph::bench::generate_graph(a.nodes, a.edges, a.seed);
    let generate = t.elapsed().as_secs_f64();
    if let Some(out) = &a.out {
        use std::io::Write;
        let f = std::fs::File::create(out)
            .with_context(|| format!("cannot create {}", out.display()))?;
        let mut w = std::io::BufWriter::new(f);
        for (u, v, wt) in &edges {
            writeln!(w, "{u}\t{v}\t{wt}")
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
        w.flush()
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    let t = Instant::now();
    let adj = Adjacency::from_edges(a.nodes, edges.iter().copied());
    let build = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let pr = analyze::page_rank(&adj, &PageRankOptions::default());
    let pagerank = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let sources = (a.sources > 0).then_some(a.sources);
    let _bc = analyze::betweenness(&adj, sources);
    let betweenness = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let c = analyze::communities(&adj, a.seed);
    let communities = t.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "tool": "innograph",
        "nodes": adj.len(),
        "edges": adj.edge_count(),
        "generate_s": generate,
        "build_s": build,
        "pagerank_s": pagerank,
        "pagerank_iterations": pr.iterations,
        "betweenness_s": betweenness,
        "betweenness_sources": a.sources,
        "communities_s": communities,
        "communities": c.count(),
        "modularity": c.modularity,
        "threads": rayon::current_num_threads(),
    });
    crate::outln!("{report}");
    Ok(())
}
