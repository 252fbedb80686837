//! Centrality: weighted PageRank, Brandes betweenness, degree and eigenvector
//! centrality, with networkx's definitions so results can be checked against it.

use crate::graph::adjacency::Adjacency;

/// Options of [`page_rank`]; the defaults are networkx's.
#[derive(Debug, Clone, Copy)]
pub struct PageRankOptions {
    /// The damping factor (networkx `alpha`).
    pub damping: f64,
    /// Convergence: stop when the L1 change of an iteration is below `nodes × tolerance`.
    pub tolerance: f64,
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: 0.85,
            tolerance: 1e-6,
            max_iterations: 100,
        }
    }
}

/// The outcome of an iterative centrality.
#[derive(Debug, Clone)]
pub struct Scores {
    pub values: Vec<f64>,
    pub iterations: usize,
    /// False when `max_iterations` ran out first (networkx raises an error then).
    pub converged: bool,
}

/// Weighted PageRank of an undirected graph.
///
/// # Arguments
/// * `a` — the graph; each edge is walked both ways with probability proportional to its weight.
/// * `options` — damping, tolerance and iteration limit.
///
/// # Returns
/// One score per node, summing to 1. Nodes without edges spread their rank
/// uniformly over all nodes, as networkx's `pagerank(G, weight="weight")` does;
/// petgraph's `page_rank` ignores weights and runs a fixed number of rounds, so
/// its values differ.
///
/// # Complexity
/// O(I · (V + E)) for I iterations.
///
/// # Example
/// ```
/// use innograph::analyze::{Adjacency, page_rank, PageRankOptions};
/// let a = Adjacency::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)]);
/// let pr = page_rank(&a, &PageRankOptions::default()).values;
/// assert!(pr[1] > pr[0] && (pr[0] - pr[2]).abs() < 1e-12);
/// ```
pub fn page_rank(a: &Adjacency, options: &PageRankOptions) -> Scores {
    let n = a.len();
    if n == 0 {
        return Scores {
            values: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    let nf = n as f64;
    let strength: Vec<f64> = (0..n).map(|u| a.strength(u)).collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let alpha = options.damping;
    for it in 1..=options.max_iterations {
        let dangling: f64 = (0..n).filter(|&u| strength[u] == 0.0).map(|u| x[u]).sum();
        let base = alpha * dangling / nf + (1.0 - alpha) / nf;
        for (v, slot) in next.iter_mut().enumerate() {
            let mut s = 0.0;
            for (u, w) in a.neighbors(v) {
                s += x[u] * w / strength[u];
            }
            *slot = alpha * s + base;
        }
        let err: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * options.tolerance {
            let total: f64 = x.iter().sum();
            x.iter_mut().for_each(|v| *v /= total);
            return Scores {
                values: x,
                iterations: it,
                converged: true,
            };
        }
    }
    let total: f64 = x.iter().sum();
    x.iter_mut().for_each(|v| *v /= total);
    Scores {
        values: x,
        iterations: options.max_iterations,
        converged: false,
    }
}

/// Betweenness centrality by Brandes' algorithm over hop distances.
///
/// # Arguments
/// * `a` — the graph (weights are strengths, not lengths, so paths count hops).
/// * `sources` — `None` for the exact value; `Some(k)` to accumulate from `k`
///   sources spread evenly over the nodes (deterministic) and scale by `n / k`,
///   the estimate networkx computes with `k=`.
///
/// # Returns
/// One value per node, normalised as networkx's `betweenness_centrality(G)`:
/// divided by `(n − 1)(n − 2)` (each unordered pair counted from both ends).
///
/// # Complexity
/// O(S · (V + E)) time for S sources, O(V + E) memory per worker.
///
/// # Example
/// ```
/// use innograph::analyze::{Adjacency, betweenness};
/// let a = Adjacency::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)]);
/// assert_eq!(betweenness(&a, None), vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness(a: &Adjacency, sources: Option<usize>) -> Vec<f64> {
    use rayon::prelude::*;
    let n = a.len();
    let picked: Vec<usize> = match sources {
        Some(k) if k < n && k > 0 => (0..k).map(|i| i * n / k).collect(),
        _ => (0..n).collect(),
    };
    let chunk = picked
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(1);
    let mut bc = picked
        .par_chunks(chunk)
        .map(|srcs| {
            let mut acc = vec![0.0; n];
            let mut work = Brandes::new(n);
            for &s in srcs {
                work.accumulate(a, s, &mut acc);
            }
            acc
        })
        .reduce(
            || vec![0.0; n],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                x
            },
        );
    if n > 2 {
        let mut scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        if picked.len() < n {
            scale *= n as f64 / picked.len() as f64;
        }
        bc.iter_mut().for_each(|v| *v *= scale);
    }
    bc
}

/// The per-source state of Brandes' algorithm, reused between sources.
struct Brandes {
    order: Vec<usize>,
    sigma: Vec<f64>,
    dist: Vec<i64>,
    delta: Vec<f64>,
    queue: std::collections::VecDeque<usize>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            order: Vec::with_capacity(n),
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            queue: std::collections::VecDeque::new(),
        }
    }

    fn accumulate(&mut self, a: &Adjacency, s: usize, acc: &mut [f64]) {
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.queue.push_back(s);
        while let Some(u) = self.queue.pop_front() {
            self.order.push(u);
            for (v, _) in a.neighbors(u) {
                if self.dist[v] < 0 {
                    self.dist[v] = self.dist[u] + 1;
                    self.queue.push_back(v);
                }
                if self.dist[v] == self.dist[u] + 1 {
                    self.sigma[v] += self.sigma[u];
                }
            }
        }
        // predecessors are the neighbours one hop closer: no list needs storing
        for &w in self.order.iter().rev() {
            for (v, _) in a.neighbors(w) {
                if self.dist[v] == self.dist[w] - 1 {
                    self.delta[v] += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
                }
            }
            if w != s {
                acc[w] += self.delta[w];
            }
        }
        for &w in &self.order {
            self.sigma[w] = 0.0;
            self.dist[w] = -1;
            self.delta[w] = 0.0;
        }
    }
}

/// Degree centrality: the number of neighbours divided by `n − 1` (networkx `degree_centrality`).
///
/// # Complexity
/// O(V).
pub fn degree_centrality(a: &Adjacency) -> Vec<f64> {
    let n = a.len();
    let s = if n > 1 { 1.0 / (n - 1) as f64 } else { 1.0 };
    (0..n).map(|u| a.degree(u) as f64 * s).collect()
}

/// Weighted eigenvector centrality by power iteration on `A + I`, as networkx's
/// `eigenvector_centrality(G, weight="weight")`: L2-normalised, stopping when
/// the L1 change falls below `n × tolerance`.
///
/// # Complexity
/// O(I · (V + E)).
pub fn eigenvector(a: &Adjacency, tolerance: f64, max_iterations: usize) -> Scores {
    let n = a.len();
    let mut x = vec![1.0 / n.max(1) as f64; n];
    for it in 1..=max_iterations {
        let mut next = x.clone();
        for (u, &xu) in x.iter().enumerate() {
            for (v, w) in a.neighbors(u) {
                next[v] += xu * w;
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        next.iter_mut().for_each(|v| *v /= norm);
        let err: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if err < n as f64 * tolerance {
            return Scores {
                values: x,
                iterations: it,
                converged: true,
            };
        }
    }
    Scores {
        values: x,
        iterations: max_iterations,
        converged: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A star with a tail: 0 is the hub of 1, 2, 3; 3 leads to 4.
    fn star() -> Adjacency {
        Adjacency::from_edges(5, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 2.0), (3, 4, 1.0)])
    }

    #[test]
    fn page_rank_sums_to_one_and_follows_weights() {
        let pr = page_rank(&star(), &PageRankOptions::default());
        assert!(pr.converged);
        assert!((pr.values.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(pr.values[0] > pr.values[3] && pr.values[3] > pr.values[1]);
        assert!((pr.values[1] - pr.values[2]).abs() < 1e-12);
    }

    #[test]
    fn betweenness_of_a_star_with_a_tail() {
        // pairs through 0: (1,2) (1,3) (1,4) (2,3) (2,4) = 5; through 3: (0,4) (1,4) (2,4) = 3
        let bc = betweenness(&star(), None);
        let scale = 2.0 / (4.0 * 3.0);
        for (got, want) in bc.iter().zip([5.0, 0.0, 0.0, 3.0, 0.0]) {
            assert!((got - want * scale).abs() < 1e-12, "{bc:?}");
        }
        // sampling every node is the exact value
        assert_eq!(betweenness(&star(), Some(5)), bc);
    }

    #[test]
    fn degree_and_eigenvector() {
        assert_eq!(degree_centrality(&star())[0], 0.75);
        let ev = eigenvector(&star(), 1e-9, 1000);
        assert!(ev.converged);
        assert!(ev.values[0] > ev.values[3] && ev.values[3] > ev.values[4]);
    }
}
