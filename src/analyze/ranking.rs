//! The answers `analyze centrality` and `analyze communities` give, as rows:
//! the same for the command line and for the server's `/api/analyze/…`.

use super::{betweenness, communities, degree_centrality, eigenvector, page_rank, PageRankOptions};
use crate::class::Class;
use crate::graph::Projection;
use petgraph::graph::NodeIndex;
use serde::Serialize;

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    PageRank,
    Betweenness,
    Degree,
    Eigenvector,
}

impl Metric {
    /// Parses `pagerank`, `betweenness`, `degree` or `eigenvector`.
    pub fn parse(s: &str) -> Option<Metric> {
        match s.to_ascii_lowercase().as_str() {
            "pagerank" => Some(Metric::PageRank),
            "betweenness" => Some(Metric::Betweenness),
            "degree" => Some(Metric::Degree),
            "eigenvector" => Some(Metric::Eigenvector),
            _ => None,
        }
    }
}

/// One entity with its score and rank.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub rank: usize,
    pub iri: String,
    pub label: String,
    #[serde(rename = "type")]
    pub class: String,
    pub score: f64,
}

/// The most central entities by `metric`, of `class` if given (scores are
/// computed on the whole graph), at most `top` (0: all); ties by label.
///
/// Complexity: that of the metric, then O(n log n) to sort.
pub fn ranked(p: &Projection, metric: Metric, class: Option<Class>, top: usize) -> Vec<Scored> {
    let adj = p.adjacency();
    let scores = match metric {
        Metric::PageRank => page_rank(&adj, &PageRankOptions::default()).values,
        Metric::Betweenness => betweenness(&adj, None),
        Metric::Degree => degree_centrality(&adj),
        Metric::Eigenvector => eigenvector(&adj, 1e-6, 1000).values,
    };
    let mut order: Vec<NodeIndex> = p
        .graph
        .node_indices()
        .filter(|&n| class.is_none_or(|c| p.graph[n].class == c || p.graph[n].class.top() == c))
        .collect();
    order.sort_by(|a, b| {
        scores[b.index()]
            .total_cmp(&scores[a.index()])
            .then(p.graph[*a].label.cmp(&p.graph[*b].label))
    });
    if top > 0 {
        order.truncate(top);
    }
    order
        .iter()
        .enumerate()
        .map(|(i, &n)| Scored {
            rank: i + 1,
            iri: p.graph[n].iri.clone(),
            label: p.graph[n].label.clone(),
            class: p.graph[n].class.top().name().to_string(),
            score: scores[n.index()],
        })
        .collect()
}

/// A member of a community.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub iri: String,
    pub label: String,
    #[serde(rename = "type")]
    pub class: String,
}

/// A community and its members by decreasing PageRank.
#[derive(Debug, Clone, Serialize)]
pub struct Community {
    pub id: usize,
    pub size: usize,
    pub members: Vec<Member>,
}

/// The communities of the graph, largest first.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityList {
    pub modularity: f64,
    pub count: usize,
    pub communities: Vec<Community>,
}

/// Leiden communities (seeded, so the same seed gives the same answer), at most
/// `top` listed (0: all), members by PageRank.
pub fn community_list(p: &Projection, seed: u64, top: usize) -> CommunityList {
    let adj = p.adjacency();
    let c = communities(&adj, seed);
    let pr = page_rank(&adj, &PageRankOptions::default()).values;
    let mut groups: Vec<Vec<NodeIndex>> = vec![Vec::new(); c.count()];
    for n in p.graph.node_indices() {
        groups[c.membership[n.index()]].push(n);
    }
    // communities are numbered by decreasing size: the first `top` are the
    // largest, and only their members are written out (on a 500 MB corpus
    // the others' 490k labels and IRIs were copied and then dropped)
    let keep = if top > 0 { top } else { usize::MAX };
    let list: Vec<Community> = groups
        .into_iter()
        .enumerate()
        .take(keep)
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
    CommunityList {
        modularity: c.modularity,
        count: c.count(),
        communities: list,
    }
}
