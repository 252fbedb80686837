//! `innograph analyze`: shared partners, centrality, communities, similar
//! divisions, profiles and paths, over the petgraph projection of the store.

use super::output::{emit, emit_with, list_cell};
use crate::cli::{Analysis, Metric, SourceArgs, TableFormat};
use anyhow::{bail, Context, Result};
use innograph::analyze::{self, lookup, Lookup};
use innograph::extract::Gazetteer;
use innograph::graph::Projection;
use innograph::remote::auth::Credentials;
use innograph::remote::endpoint::Endpoint;
use innograph::source::Source;
use innograph::GraphStore;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::path::Path;

/// The graph an analysis reads: the local store's (from its projection cache
/// when current) or an endpoint's.
pub fn open_source(a: &SourceArgs) -> Result<(Box<dyn Source>, Projection)> {
    if let Some(url) = &a.endpoint {
        let credentials = match (&a.user, &a.password) {
            (Some(u), Some(p)) => Some(Credentials {
                user: u.clone(),
                password: p.clone(),
            }),
            _ => None,
        };
        let e = Endpoint::new(url, credentials);
        let p = Projection::from_source(&e)
            .with_context(|| format!("cannot read the graph from {url}"))?;
        return Ok((Box::new(e), p));
    }
    let Some(store) = &a.store else {
        bail!("name a --store or an --endpoint");
    };
    let (s, p) = open(store)?;
    Ok((Box::new(s), p))
}

pub fn open(store: &Path) -> Result<(GraphStore, Projection)> {
    let (s, summaries) = super::open_summaries(store)?;
    let p = match summaries {
        Some(sum) => Projection::from_summaries(&sum),
        None => Projection::from_store(&s).context("cannot read the store into a graph")?,
    };
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

pub fn run(analysis: Analysis) -> Result<()> {
    match analysis {
        Analysis::Targets(a) => super::targets::run_targets(&a),
        Analysis::Series(a) => super::targets::run_series(&a),
        Analysis::Trends(a) => super::targets::run_trends(&a),
        Analysis::Shared(a) => {
            let class = super::parse_class(a.class.as_deref())?;
            let (_s, p) = open_source(&a.source)?;
            print_shared(&analyze::shared_entities(&p, class, a.min), a.format)
        }
        Analysis::Centrality(a) => {
            let class = super::parse_class(a.class.as_deref())?;
            let (_s, p) = open_source(&a.source)?;
            let metric = match a.metric {
                Metric::Pagerank => analyze::Metric::PageRank,
                Metric::Betweenness => analyze::Metric::Betweenness,
                Metric::Degree => analyze::Metric::Degree,
                Metric::Eigenvector => analyze::Metric::Eigenvector,
            };
            let rows = analyze::ranked(&p, metric, class, a.top);
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
            let (_s, p) = open_source(&a.source)?;
            let c = analyze::community_list(&p, a.seed, a.top);
            match a.format {
                TableFormat::Json => {
                    crate::outln!("{}", serde_json::to_string_pretty(&c)?);
                    Ok(())
                }
                f => {
                    if matches!(f, TableFormat::Table) {
                        crate::outln!("{} communities, modularity {:.4}", c.count, c.modularity);
                    }
                    let names = |r: &analyze::Community| -> Vec<String> {
                        r.members.iter().map(|m| m.label.clone()).collect()
                    };
                    emit_with(
                        &c.communities,
                        &["community", "size", "members (by PageRank)"],
                        |r| {
                            vec![
                                r.id.to_string(),
                                r.size.to_string(),
                                list_cell(&names(r), " "),
                            ]
                        },
                        |r| vec![r.id.to_string(), r.size.to_string(), names(r).join(";")],
                        f,
                    )
                }
            }
        }
        Analysis::Similar(a) => {
            let (_s, p) = open_source(&a.source)?;
            let g = Gazetteer::bundled();
            let d = resolve_division(&p, &g, &a.division)?;
            let mut list = analyze::similar(&p, d);
            if a.top > 0 {
                list.truncate(a.top);
            }
            emit_with(
                &list,
                &["division", "jaccard", "shared", "shared entities"],
                |r| {
                    vec![
                        r.label.clone(),
                        format!("{:.3}", r.jaccard),
                        r.shared.len().to_string(),
                        list_cell(&r.shared, " "),
                    ]
                },
                |r| {
                    vec![
                        r.label.clone(),
                        format!("{:.3}", r.jaccard),
                        r.shared.len().to_string(),
                        r.shared.join(";"),
                    ]
                },
                a.format,
            )
        }
        Analysis::Profile(a) => {
            let (s, p) = open_source(&a.source)?;
            let g = Gazetteer::bundled();
            let d = resolve_division(&p, &g, &a.division)?;
            let lines = analyze::profile(&p, s.as_ref(), d)?;
            if matches!(a.format, TableFormat::Table) {
                crate::outln!("{} ({})", p.graph[d].label, p.graph[d].iri);
            }
            emit_with(
                &lines,
                &["section", "item", "detail", "sources"],
                |r| {
                    vec![
                        r.section.to_string(),
                        r.item.clone(),
                        r.detail.clone(),
                        list_cell(&r.sources, " "),
                    ]
                },
                |r| {
                    vec![
                        r.section.to_string(),
                        r.item.clone(),
                        r.detail.clone(),
                        r.sources.join(";"),
                    ]
                },
                a.format,
            )
        }
        Analysis::Path(a) => {
            let (s, p) = open_source(&a.source)?;
            let g = Gazetteer::bundled();
            let from = resolve_name(&p, &g, &a.from)?;
            let to = resolve_name(&p, &g, &a.to)?;
            let chains = analyze::paths(&p, s.as_ref(), from, to, a.max.max(1))?;
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
                basis: &'static str,
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
                            basis: ev.map_or("", |e| e.basis.describe()),
                        });
                    }
                }
            }
            if matches!(a.format, TableFormat::Json) {
                crate::outln!("{}", serde_json::to_string_pretty(&chains)?);
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
                    "basis",
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
                        r.basis.to_string(),
                    ]
                },
                a.format,
            )
        }
    }
}

pub fn print_shared(shared: &[innograph::analyze::Shared], format: TableFormat) -> Result<()> {
    let divisions = |s: &innograph::analyze::Shared| -> Vec<String> {
        s.districts
            .iter()
            .map(|d| format!("{d}({})", s.evidence.get(d).copied().unwrap_or(0)))
            .collect()
    };
    emit_with(
        shared,
        &[
            "entity",
            "type",
            "divisions (documents)",
            "documents",
            "iri",
        ],
        |s| {
            vec![
                s.label.clone(),
                s.class.clone(),
                list_cell(&divisions(s), " "),
                s.documents.to_string(),
                s.iri.clone(),
            ]
        },
        |s| {
            vec![
                s.label.clone(),
                s.class.clone(),
                s.districts.join(";"),
                s.documents.to_string(),
                s.iri.clone(),
            ]
        },
        format,
    )
}
