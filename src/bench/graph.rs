//! A generated graph with community structure, for timing the analytics.

use super::rng::SplitMix64;
use std::collections::HashSet;

/// A graph of `nodes` nodes and `edges` distinct undirected edges with weights 1–3:
/// nodes fall in blocks of 200, 85 % of edges stay inside a block, and one
/// end of each edge is drawn with a skew towards low numbers in the block,
/// so degrees are uneven as in real networks.
///
/// # Returns
/// The edges `(u, v, weight)` with `u < v`, in generation order. Asking for
/// more edges than the nodes allow returns all that fit.
///
/// # Complexity
/// O(E) expected time and memory.
pub fn generate_graph(nodes: usize, edges: usize, seed: u64) -> Vec<(usize, usize, f64)> {
    let mut rng = SplitMix64::new(seed);
    let block = 200.min(nodes.max(1));
    let max_edges = nodes.saturating_mul(nodes.saturating_sub(1)) / 2;
    let want = edges.min(max_edges);
    let mut seen: HashSet<(usize, usize)> = HashSet::with_capacity(want);
    let mut out = Vec::with_capacity(want);
    let mut attempts = 0usize;
    while out.len() < want && attempts < want.saturating_mul(50).max(1000) {
        attempts += 1;
        let u = rng.below(nodes);
        let v = if rng.unit() < 0.85 {
            let start = u / block * block;
            let len = block.min(nodes - start);
            // squaring a uniform number skews towards the block's first nodes: hubs
            let r = rng.unit();
            start + ((r * r * len as f64) as usize).min(len - 1)
        } else {
            rng.below(nodes)
        };
        if u == v {
            continue;
        }
        let key = (u.min(v), u.max(v));
        if seen.insert(key) {
            out.push((key.0, key.1, 1.0 + rng.below(3) as f64));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_seed_gives_the_same_graph() {
        let a = super::generate_graph(1000, 5000, 7);
        assert_eq!(a.len(), 5000);
        assert_eq!(a, super::generate_graph(1000, 5000, 7));
        assert_ne!(a, super::generate_graph(1000, 5000, 8));
        assert!(a
            .iter()
            .all(|&(u, v, w)| u < v && v < 1000 && (1.0..=3.0).contains(&w)));
    }
}
