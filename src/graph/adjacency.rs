//! The undirected weighted adjacency the analytics run on.

use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeCount, NodeIndexable};

/// Compressed adjacency (CSR) of an undirected weighted graph: one entry per
/// neighbour, parallel edges merged with their weights summed, self-loops dropped.
///
/// Relations in the store are directed (a division runs a program), but who
/// is central or close to whom does not depend on which way a sentence put it,
/// so every analysis reads the relations both ways, as networkx's `Graph` does.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    offsets: Vec<usize>,
    neighbors: Vec<u32>,
    weights: Vec<f64>,
}

impl Adjacency {
    /// Builds the adjacency of `n` nodes from `(u, v, weight)` edges.
    ///
    /// # Complexity
    /// O(V + E log E) time, O(V + E) memory.
    pub fn from_edges(n: usize, edges: impl IntoIterator<Item = (usize, usize, f64)>) -> Adjacency {
        let mut pairs: Vec<(u32, u32, f64)> = Vec::new();
        for (u, v, w) in edges {
            if u == v || u >= n || v >= n {
                continue;
            }
            pairs.push((u as u32, v as u32, w));
            pairs.push((v as u32, u as u32, w));
        }
        pairs.sort_unstable_by_key(|&(u, v, _)| (u, v));
        let mut offsets = vec![0usize; n + 1];
        let mut neighbors = Vec::with_capacity(pairs.len());
        let mut weights: Vec<f64> = Vec::with_capacity(pairs.len());
        let mut last: Option<(u32, u32)> = None;
        for (u, v, w) in pairs {
            if last == Some((u, v)) {
                if let Some(x) = weights.last_mut() {
                    *x += w;
                }
                continue;
            }
            last = Some((u, v));
            neighbors.push(v);
            weights.push(w);
            offsets[u as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Adjacency {
            offsets,
            neighbors,
            weights,
        }
    }

    /// Builds the adjacency of any petgraph graph, directed or not, with a weight per edge.
    pub fn from_graph<G, F>(g: G, mut weight: F) -> Adjacency
    where
        G: IntoEdgeReferences + NodeIndexable + NodeCount,
        F: FnMut(G::EdgeRef) -> f64,
    {
        let n = g.node_bound();
        let edges: Vec<(usize, usize, f64)> = g
            .edge_references()
            .map(|e| (g.to_index(e.source()), g.to_index(e.target()), weight(e)))
            .collect();
        Adjacency::from_edges(n, edges)
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of undirected edges.
    pub fn edge_count(&self) -> usize {
        self.neighbors.len() / 2
    }

    /// Neighbours of `u` with the weight of the edge to each.
    pub fn neighbors(&self, u: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.offsets[u]..self.offsets[u + 1];
        self.neighbors[r.clone()]
            .iter()
            .zip(&self.weights[r])
            .map(|(&v, &w)| (v as usize, w))
    }

    /// The number of neighbours of `u`.
    pub fn degree(&self, u: usize) -> usize {
        self.offsets[u + 1] - self.offsets[u]
    }

    /// The summed weight of the edges of `u`.
    pub fn strength(&self, u: usize) -> f64 {
        self.weights[self.offsets[u]..self.offsets[u + 1]]
            .iter()
            .sum()
    }

    /// The summed weight of all edges (each counted once).
    pub fn total_weight(&self) -> f64 {
        self.weights.iter().sum::<f64>() / 2.0
    }

    /// The edges `(u, v, w)` with `u < v`.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.len()).flat_map(move |u| {
            self.neighbors(u)
                .filter(move |&(v, _)| u < v)
                .map(move |(v, w)| (u, v, w))
        })
    }
}

/// Connected components, as a component number per node (numbered by their smallest node).
pub fn components(a: &Adjacency) -> Vec<usize> {
    let n = a.len();
    let mut comp = vec![usize::MAX; n];
    let mut next = 0;
    let mut stack = Vec::new();
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        comp[s] = next;
        stack.push(s);
        while let Some(u) = stack.pop() {
            for (v, _) in a.neighbors(u) {
                if comp[v] == usize::MAX {
                    comp[v] = next;
                    stack.push(v);
                }
            }
        }
        next += 1;
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_edges_merge_and_self_loops_drop() {
        let a = Adjacency::from_edges(3, [(0, 1, 1.0), (1, 0, 2.0), (2, 2, 5.0), (1, 2, 1.0)]);
        assert_eq!(a.edge_count(), 2);
        assert_eq!(a.neighbors(0).collect::<Vec<_>>(), vec![(1, 3.0)]);
        assert_eq!(a.strength(1), 4.0);
        assert_eq!(a.total_weight(), 4.0);
        assert_eq!(components(&a), vec![0, 0, 0]);
    }
}
