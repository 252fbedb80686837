//! Shortest chains of relations between two entities, each hop with the
//! sentence that states it.

use super::evidence::{Evidence, EvidenceReader};
use crate::error::Result;
use crate::graph::adjacency::Adjacency;
use crate::graph::Projection;
use crate::source::Source;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::VecDeque;

/// One step of a chain: two entities and the relations between them.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub from: String,
    pub to: String,
    pub relations: Vec<Relation>,
}

/// A relation between the two entities of a hop.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// The property (`runsProgram`, `partOf`…).
    pub property: String,
    /// True when the stored triple reads `from property to`; false when it reads the other way.
    pub forward: bool,
    /// Documents stating the relation.
    pub documents: usize,
    /// Sentences stating it, at most two.
    pub evidence: Vec<Evidence>,
}

/// Every shortest path between `s` and `t` (as node numbers), at most `max`,
/// in a deterministic order.
///
/// # Arguments
/// * `a` — the graph, read undirected.
/// * `s`, `t` — the ends.
/// * `max` — the most paths to return.
///
/// # Returns
/// The paths, each from `s` to `t`; empty when `t` cannot be reached.
///
/// # Complexity
/// O(V + E) for the search, plus O(max · length) to list the paths.
///
/// # Example
/// ```
/// use innograph::analyze::{Adjacency, shortest_paths};
/// let a = Adjacency::from_edges(4, [(0, 1, 1.0), (1, 3, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// assert_eq!(shortest_paths(&a, 0, 3, 10), vec![vec![0, 1, 3], vec![0, 2, 3]]);
/// ```
pub fn shortest_paths(a: &Adjacency, s: usize, t: usize, max: usize) -> Vec<Vec<usize>> {
    let n = a.len();
    if s >= n || t >= n {
        return Vec::new();
    }
    if s == t {
        return vec![vec![s]];
    }
    // distances from t, so that paths can be walked forward from s
    let mut dist = vec![usize::MAX; n];
    dist[t] = 0;
    let mut q = VecDeque::from([t]);
    while let Some(u) = q.pop_front() {
        if u == s {
            break;
        }
        for (v, _) in a.neighbors(u) {
            if dist[v] == usize::MAX {
                dist[v] = dist[u] + 1;
                q.push_back(v);
            }
        }
    }
    if dist[s] == usize::MAX {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut stack = vec![vec![s]];
    while let Some(path) = stack.pop() {
        if out.len() >= max {
            break;
        }
        let u = *path.last().unwrap_or(&s);
        if u == t {
            out.push(path);
            continue;
        }
        let mut next: Vec<usize> = a
            .neighbors(u)
            .map(|(v, _)| v)
            .filter(|&v| dist[v] != usize::MAX && dist[v] + 1 == dist[u])
            .collect();
        next.sort_unstable_by(|x, y| y.cmp(x));
        for v in next {
            let mut p = path.clone();
            p.push(v);
            stack.push(p);
        }
    }
    out
}

/// The shortest chains of relations between two entities with their evidence.
///
/// # Arguments
/// * `p` — the projection; `store` — for the sentences.
/// * `from`, `to` — the two entities; `max` — the most chains.
///
/// # Returns
/// Chains of hops; for each hop every relation between its two entities, each
/// with up to two sentences from the documents stating it.
pub fn paths(
    p: &Projection,
    store: &dyn Source,
    from: NodeIndex,
    to: NodeIndex,
    max: usize,
) -> Result<Vec<Vec<Hop>>> {
    let a = p.adjacency();
    let g = &p.graph;
    let mut reader = EvidenceReader::new(store);
    let mut chains = Vec::new();
    for nodes in shortest_paths(&a, from.index(), to.index(), max) {
        let mut hops = Vec::new();
        for w in nodes.windows(2) {
            let (x, y) = (NodeIndex::new(w[0]), NodeIndex::new(w[1]));
            let mut rels: Vec<(bool, &crate::graph::Edge)> = g
                .edges_connecting(x, y)
                .map(|e| (true, e.weight()))
                .chain(g.edges_connecting(y, x).map(|e| (false, e.weight())))
                .collect();
            rels.sort_by(|a, b| {
                b.1.weight()
                    .cmp(&a.1.weight())
                    .then(a.1.property.cmp(&b.1.property))
            });
            let mut relations = Vec::new();
            for (forward, edge) in rels {
                let mut evidence = Vec::new();
                for doc in p.edge_documents(edge).take(2) {
                    // the sentence naming the entity, not the heading naming its division
                    let (a, b) = if p.is_division(y) { (y, x) } else { (x, y) };
                    if let Some(ev) = reader.sentence(doc, &g[a].iri, &g[b].iri)? {
                        evidence.push(ev);
                    }
                }
                relations.push(Relation {
                    property: edge.property.to_string(),
                    forward,
                    documents: edge.documents.len(),
                    evidence,
                });
            }
            hops.push(Hop {
                from: g[x].label.clone(),
                to: g[y].label.clone(),
                relations,
            });
        }
        chains.push(hops);
    }
    Ok(chains)
}
