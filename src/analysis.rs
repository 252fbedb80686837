//! The `analyze`, `render` and `bench` commands.

use crate::cli::{
    Analysis, Bench, BenchGraphArgs, BenchIngestArgs, Metric, RenderArgs, TableFormat,
};
use crate::print::emit;
use anyhow::{bail, Context, Result};
use innograph::analyze::{self, lookup, Adjacency, Lookup, PageRankOptions};
use innograph::export::render::{to_svg, write_png, RenderOptions};
use innograph::export::GraphView;
use innograph::extract::Gazetteer;
use innograph::graph::Projection;
use innograph::GraphStore;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

fn open(store: &Path) -> Result<(GraphStore, Projection)> {
    let s = GraphStore::open_read_only(store)?;
    let p = Projection::from_store(&s).context("cannot read the store into a graph")?;
    Ok((s, p))
}

/// Resolves a name from the command line, or says which names come closest.
fn resolve_name(p: &Projection, g: &Gazetteer, name: &str) -> Result<NodeIndex> {
    let describe = |i: &NodeIndex| {
        format!(
            "{} ({}, {})",
            p.graph[*i].label,
            p.graph[*i].class.top().name(),
            p.graph[*i].iri
        )
    };
    match lookup(p, g, name) {
        Lookup::Found(i) => Ok(i),
        Lookup::Ambiguous(v) => bail!(
            "{name:?} names several entities; give one of their IRIs: {}",
            v.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
        Lookup::NotFound(v) if v.is_empty() => bail!("no entity named {name:?} in the store"),
        Lookup::NotFound(v) => bail!(
            "no entity named {name:?} in the store; closest: {}",
            v.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
    }
}

fn resolve_division(p: &Projection, g: &Gazetteer, name: &str) -> Result<NodeIndex> {
    let d = resolve_name(p, g, name)?;
    if !p.is_division(d) {
        bail!(
            "{name:?} is {} ({}), not an administrative division",
            p.graph[d].label,
            p.graph[d].class.top().name()
        );
    }
    Ok(d)
}

#[derive(Serialize)]
struct Scored {
    rank: usize,
    iri: String,
    label: String,
    #[serde(rename = "type")]
    class: String,
    score: f64,
}

#[derive(Serialize)]
struct Member {
    iri: String,
    label: String,
    #[serde(rename = "type")]
    class: String,
}

#[derive(Serialize)]
struct Community {
    id: usize,
    size: usize,
    /// Members by decreasing PageRank.
    members: Vec<Member>,
}

pub fn run(analysis: Analysis) -> Result<()> {
    match analysis {
        Analysis::Shared(a) => {
            let class = crate::parse_class(a.class.as_deref())?;
            let (_s, p) = open(&a.store)?;
            crate::print_shared(&analyze::shared_entities(&p, class, a.min), a.format)
        }
        Analysis::Centrality(a) => {
            let class = crate::parse_class(a.class.as_deref())?;
            let (_s, p) = open(&a.store)?;
            let adj = p.adjacency();
            let scores = match a.metric {
                Metric::Pagerank => analyze::page_rank(&adj, &PageRankOptions::default()).values,
                Metric::Betweenness => analyze::betweenness(&adj, None),
                Metric::Degree => analyze::degree_centrality(&adj),
                Metric::Eigenvector => analyze::eigenvector(&adj, 1e-6, 1000).values,
            };
            let mut order: Vec<NodeIndex> = p
                .graph
                .node_indices()
                .filter(|&n| {
                    class.is_none_or(|c| p.graph[n].class == c || p.graph[n].class.top() == c)
                })
                .collect();
            order.sort_by(|a, b| {
                scores[b.index()]
                    .total_cmp(&scores[a.index()])
                    .then(p.graph[*a].label.cmp(&p.graph[*b].label))
            });
            if a.top > 0 {
                order.truncate(a.top);
            }
            let rows: Vec<Scored> = order
                .iter()
                .enumerate()
                .map(|(i, &n)| Scored {
                    rank: i + 1,
                    iri: p.graph[n].iri.clone(),
                    label: p.graph[n].label.clone(),
                    class: p.graph[n].class.top().name().to_string(),
                    score: scores[n.index()],
                })
                .collect();
            emit(
                &rows,
                &["rank", "label", "type", "score", "iri"],
                |r| {
                    vec![
                        r.rank.to_string(),
                        r.label.clone(),
                        r.class.clone(),
                        format!("{:.6}", r.score),
                        r.iri.clone(),
                    ]
                },
                a.format,
            )
        }
        Analysis::Communities(a) => {
            let (_s, p) = open(&a.store)?;
            let adj = p.adjacency();
            let c = analyze::communities(&adj, a.seed);
            let pr = analyze::page_rank(&adj, &PageRankOptions::default()).values;
            let mut groups: Vec<Vec<NodeIndex>> = vec![Vec::new(); c.count()];
            for n in p.graph.node_indices() {
                groups[c.membership[n.index()]].push(n);
            }
            let mut list: Vec<Community> = groups
                .into_iter()
                .enumerate()
                .map(|(id, mut members)| {
                    members.sort_by(|a, b| pr[b.index()].total_cmp(&pr[a.index()]));
                    Community {
                        id,
                        size: members.len(),
                        members: members
                            .iter()
                            .map(|&n| Member {
                                iri: p.graph[n].iri.clone(),
                                label: p.graph[n].label.clone(),
                                class: p.graph[n].class.top().name().to_string(),
                            })
                            .collect(),
                    }
                })
                .collect();
            if a.top > 0 {
                list.truncate(a.top);
            }
            match a.format {
                TableFormat::Json => {
                    #[derive(Serialize)]
                    struct Out<'a> {
                        modularity: f64,
                        count: usize,
                        communities: &'a [Community],
                    }
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&Out {
                            modularity: c.modularity,
                            count: c.count(),
                            communities: &list
                        })?
                    );
                    Ok(())
                }
                f => {
                    if matches!(f, TableFormat::Table) {
                        println!("{} communities, modularity {:.4}", c.count(), c.modularity);
                    }
                    emit(
                        &list,
                        &["community", "size", "members (by PageRank)"],
                        |r| {
                            let mut names: Vec<String> =
                                r.members.iter().take(8).map(|m| m.label.clone()).collect();
                            if r.members.len() > 8 {
                                names.push("…".into());
                            }
                            vec![r.id.to_string(), r.size.to_string(), names.join(" ")]
                        },
                        f,
                    )
                }
            }
        }
        Analysis::Similar(a) => {
            let (_s, p) = open(&a.store)?;
            let g = Gazetteer::bundled();
            let d = resolve_division(&p, &g, &a.division)?;
            let mut list = analyze::similar(&p, d);
            if a.top > 0 {
                list.truncate(a.top);
            }
            emit(
                &list,
                &["division", "jaccard", "shared", "shared entities"],
                |r| {
                    vec![
                        r.label.clone(),
                        format!("{:.3}", r.jaccard),
                        r.shared.len().to_string(),
                        r.shared.join(" "),
                    ]
                },
                a.format,
            )
        }
        Analysis::Profile(a) => {
            let (s, p) = open(&a.store)?;
            let g = Gazetteer::bundled();
            let d = resolve_division(&p, &g, &a.division)?;
            let lines = analyze::profile(&p, &s, d)?;
            if matches!(a.format, TableFormat::Table) {
                println!("{} ({})", p.graph[d].label, p.graph[d].iri);
            }
            emit(
                &lines,
                &["section", "item", "detail", "sources"],
                |r| {
                    vec![
                        r.section.to_string(),
                        r.item.clone(),
                        r.detail.clone(),
                        r.sources.join(" "),
                    ]
                },
                a.format,
            )
        }
        Analysis::Path(a) => {
            let (s, p) = open(&a.store)?;
            let g = Gazetteer::bundled();
            let from = resolve_name(&p, &g, &a.from)?;
            let to = resolve_name(&p, &g, &a.to)?;
            let chains = analyze::paths(&p, &s, from, to, a.max.max(1))?;
            if chains.is_empty() {
                bail!(
                    "no chain of relations joins {} and {} in the store",
                    p.graph[from].label,
                    p.graph[to].label
                );
            }
            #[derive(Serialize)]
            struct Row {
                chain: usize,
                hop: usize,
                from: String,
                relation: String,
                to: String,
                documents: usize,
                document: String,
                sentence: String,
            }
            let mut rows = Vec::new();
            for (c, hops) in chains.iter().enumerate() {
                for (h, hop) in hops.iter().enumerate() {
                    for r in &hop.relations {
                        let relation = if r.forward {
                            format!("—{}→", r.property)
                        } else {
                            format!("←{}—", r.property)
                        };
                        let ev = r.evidence.first();
                        rows.push(Row {
                            chain: c + 1,
                            hop: h + 1,
                            from: hop.from.clone(),
                            relation,
                            to: hop.to.clone(),
                            documents: r.documents,
                            document: ev.map(|e| e.document.clone()).unwrap_or_default(),
                            sentence: ev.map(|e| e.sentence.clone()).unwrap_or_default(),
                        });
                    }
                }
            }
            if matches!(a.format, TableFormat::Json) {
                println!("{}", serde_json::to_string_pretty(&chains)?);
                return Ok(());
            }
            emit(
                &rows,
                &[
                    "chain",
                    "hop",
                    "from",
                    "relation",
                    "to",
                    "documents",
                    "document",
                    "sentence",
                ],
                |r| {
                    vec![
                        r.chain.to_string(),
                        r.hop.to_string(),
                        r.from.clone(),
                        r.relation.clone(),
                        r.to.clone(),
                        r.documents.to_string(),
                        r.document.clone(),
                        r.sentence.clone(),
                    ]
                },
                a.format,
            )
        }
    }
}

pub fn render(a: &RenderArgs) -> Result<()> {
    let ext = a
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        bail!(
            "cannot tell the picture format of {}: name it .svg or .png",
            a.out.display()
        );
    }
    let (_s, p) = open(&a.store)?;
    let v = GraphView::build(&p, crate::mode(a.mode));
    let options = RenderOptions {
        size: a.size,
        labels: a.labels,
        title: format!(
            "innograph · {} entities, {} relations",
            v.nodes.len(),
            v.edges.len()
        ),
    };
    let svg = to_svg(&v, &options);
    if ext == "svg" {
        crate::write_file(&a.out, svg.as_bytes())?;
    } else if !write_png(&svg, &a.out)
        .with_context(|| format!("cannot render {}", a.out.display()))?
    {
        eprintln!("innograph: warning: no font with Chinese glyphs found; labels may show as boxes (install fonts-noto-cjk)");
    }
    eprintln!(
        "drew {} nodes and {} edges into {}",
        v.nodes.len(),
        v.edges.len(),
        a.out.display()
    );
    Ok(())
}

pub fn bench(b: Bench) -> Result<()> {
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
fn peak_rss() -> Option<u64> {
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
        println!(
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
    println!("{report}");
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
    println!("{report}");
    Ok(())
}
