//! What a graph file shows: the nodes and edges of a mode (full graph,
//! division–entity bipartite graph, or division projection) with their
//! analytics and layout computed once for every format.

use super::layout::{force_atlas2, LayoutOptions};
use crate::analyze::{
    betweenness, communities, page_rank, similar::profile_set, Adjacency, PageRankOptions,
};
use crate::class::Class;
use crate::graph::{Projection, YearCounts};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// Which graph a file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Every entity and every relation, `partOf` included.
    #[default]
    Full,
    /// Divisions and the entities they relate to; only those relations.
    Bipartite,
    /// Divisions only, linked when they relate to the same entities,
    /// weighted by how many (nested divisions are not linked).
    Projection,
}

/// A node with its analytics and position.
#[derive(Debug, Clone)]
pub struct ViewNode {
    pub iri: String,
    pub label: String,
    pub class: Class,
    pub documents: usize,
    pub years: Option<(i32, i32)>,
    /// Dated documents naming it, by year (the spells of a timeline).
    pub year_docs: YearCounts,
    pub degree: usize,
    pub pagerank: f64,
    pub betweenness: f64,
    pub community: usize,
    pub x: f64,
    pub y: f64,
    /// Drawing size, from PageRank.
    pub size: f64,
}

/// An edge: `label` is the property, or `shares` in the projection.
#[derive(Debug, Clone)]
pub struct ViewEdge {
    pub source: usize,
    pub target: usize,
    pub label: String,
    pub weight: f64,
    /// The years of the dated documents stating it (in the projection, the
    /// years both divisions are named in).
    pub years: BTreeSet<i32>,
}

#[derive(Debug, Clone)]
pub struct GraphView {
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<ViewEdge>,
    pub directed: bool,
    pub modularity: f64,
}

/// An edge before renumbering: source, target, label, weight, years.
type RawEdge = (usize, usize, String, f64, BTreeSet<i32>);

/// Sources used for betweenness above this many node × edge steps: exact
/// Brandes on a big graph takes minutes, a sample of sources seconds.
const EXACT_BETWEENNESS_WORK: usize = 2_000_000_000;

/// The years of the dated documents that state an edge.
fn edge_years(p: &Projection, e: &crate::graph::Edge) -> BTreeSet<i32> {
    p.edge_documents(e)
        .filter_map(|d| p.doc_years.get(d).copied())
        .collect()
}

/// The stated relations `keep` admits, as raw edges.
fn stated_edges(
    p: &Projection,
    keep: impl Fn(&petgraph::graph::EdgeReference<'_, crate::graph::Edge>) -> bool,
) -> Vec<RawEdge> {
    p.graph
        .edge_references()
        .filter(|e| keep(e))
        .map(|e| {
            (
                e.source().index(),
                e.target().index(),
                e.weight().property.to_string(),
                e.weight().weight() as f64,
                edge_years(p, e.weight()),
            )
        })
        .collect()
}

/// Divisions joined by what they share (weighted by how much), leaving out a
/// division and the ones that contain it; with the years both are stated in.
fn division_projection(p: &Projection) -> (Vec<petgraph::graph::NodeIndex>, Vec<RawEdge>) {
    let g = &p.graph;
    let divs: Vec<_> = g.node_indices().filter(|&n| p.is_division(n)).collect();
    let sets: BTreeMap<usize, BTreeSet<_>> = divs
        .iter()
        .map(|&d| (d.index(), profile_set(p, d)))
        .collect();
    let ancestors: BTreeMap<usize, BTreeSet<_>> =
        divs.iter().map(|&d| (d.index(), p.ancestors(d))).collect();
    let mut edges = Vec::new();
    for (i, &a) in divs.iter().enumerate() {
        for &b in &divs[i + 1..] {
            if ancestors[&a.index()].contains(&b) || ancestors[&b.index()].contains(&a) {
                continue;
            }
            let shared = sets[&a.index()].intersection(&sets[&b.index()]).count();
            if shared > 0 {
                let years = g[a]
                    .year_docs
                    .keys()
                    .filter(|y| g[b].year_docs.contains_key(y))
                    .copied()
                    .collect();
                edges.push((
                    a.index(),
                    b.index(),
                    "shares".to_string(),
                    shared as f64,
                    years,
                ));
            }
        }
    }
    (divs, edges)
}

impl GraphView {
    /// Builds the view of a mode and computes PageRank, betweenness,
    /// communities (seed 42) and a ForceAtlas2 layout on it.
    pub fn build(p: &Projection, mode: Mode) -> GraphView {
        let g = &p.graph;
        let (keep, edges, directed) = match mode {
            Mode::Full => (g.node_indices().collect(), stated_edges(p, |_| true), true),
            Mode::Bipartite => {
                let edges = stated_edges(p, |e| {
                    !e.weight().is_part_of()
                        && p.is_division(e.source()) != p.is_division(e.target())
                });
                let used: BTreeSet<usize> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
                let keep = g
                    .node_indices()
                    .filter(|n| used.contains(&n.index()))
                    .collect();
                (keep, edges, true)
            }
            Mode::Projection => {
                let (divs, edges) = division_projection(p);
                (divs, edges, false)
            }
        };
        let mut number = vec![usize::MAX; g.node_count()];
        for (i, n) in keep.iter().enumerate() {
            number[n.index()] = i;
        }
        // No self-loops in what is exported: an entity partOf itself (一区三中心
        // partOf 一区三中心, a zone named like the plan it belongs to) says
        // nothing a reader can see, Gephi draws it as a ring and counts it in
        // the degree, and PageRank on it would no longer match networkx run on
        // the file's own edges. The store keeps the triple; only the view drops it.
        let edges: Vec<ViewEdge> = edges
            .into_iter()
            .filter(|(s, t, ..)| s != t)
            .map(|(s, t, label, weight, years)| ViewEdge {
                source: number[s],
                target: number[t],
                label,
                weight,
                years,
            })
            .collect();
        let a = Adjacency::from_edges(
            keep.len(),
            edges.iter().map(|e| (e.source, e.target, e.weight)),
        );
        let pr = page_rank(&a, &PageRankOptions::default()).values;
        let work = a.len().saturating_mul(a.edge_count().max(1));
        let sources = (work > EXACT_BETWEENNESS_WORK)
            .then(|| (EXACT_BETWEENNESS_WORK / a.edge_count().max(1)).max(64));
        let bc = betweenness(&a, sources);
        let comm = communities(&a, 42);
        let pos = force_atlas2(&a, &LayoutOptions::default());
        let max_pr = pr
            .iter()
            .copied()
            .fold(0.0, f64::max)
            .max(f64::MIN_POSITIVE);
        let nodes = keep
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let node = &g[n];
                ViewNode {
                    iri: node.iri.clone(),
                    label: node.label.clone(),
                    class: node.class,
                    documents: node.documents,
                    years: node.years,
                    year_docs: node.year_docs.clone(),
                    degree: a.degree(i),
                    pagerank: pr[i],
                    betweenness: bc[i],
                    community: comm.membership[i],
                    x: pos[i].0,
                    y: pos[i].1,
                    size: 4.0 + 36.0 * (pr[i] / max_pr).sqrt(),
                }
            })
            .collect();
        GraphView {
            nodes,
            edges,
            directed,
            modularity: comm.modularity,
        }
    }
}
