//! Divisions alike in what they run, fund, host, partner with and bet on.

use crate::graph::Projection;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::BTreeSet;

/// Another division and what it shares with the one asked about.
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    pub iri: String,
    pub label: String,
    /// |shared| / |union| of the two divisions' related entities.
    pub jaccard: f64,
    /// Labels of the shared entities, sorted.
    pub shared: Vec<String>,
    /// How many entities only the other division has.
    pub only_other: usize,
}

/// The entities a division relates to (programs, industries, partners…), with
/// the wholes of parts added (a university's institute counts as the university).
pub fn profile_set(p: &Projection, d: NodeIndex) -> BTreeSet<NodeIndex> {
    let g = &p.graph;
    let mut out = BTreeSet::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        for e in g.edges_directed(d, dir) {
            if e.weight().is_part_of() {
                continue;
            }
            let other = if dir == Direction::Outgoing {
                e.target()
            } else {
                e.source()
            };
            if p.is_division(other) {
                continue;
            }
            out.insert(other);
            out.extend(p.ancestors(other));
        }
    }
    out
}

/// Other divisions ranked by Jaccard similarity of their related entities.
///
/// # Arguments
/// * `p` — the projection.
/// * `d` — the division asked about.
///
/// # Returns
/// Every division sharing at least one entity with `d`, most similar first
/// (ties by more shared entities, then label); divisions nested in `d` or
/// containing it are left out, since they share by construction.
///
/// # Complexity
/// O(D · (E_d + S log S)) for D divisions with E_d incident edges and S related entities.
pub fn similar(p: &Projection, d: NodeIndex) -> Vec<Similar> {
    let g = &p.graph;
    let mine = profile_set(p, d);
    let nest = p.ancestors(d);
    let mut out = Vec::new();
    for o in g.node_indices() {
        if o == d || !p.is_division(o) || nest.contains(&o) || p.ancestors(o).contains(&d) {
            continue;
        }
        let theirs = profile_set(p, o);
        let shared: BTreeSet<NodeIndex> = mine.intersection(&theirs).copied().collect();
        if shared.is_empty() {
            continue;
        }
        let union = mine.union(&theirs).count();
        let mut labels: Vec<String> = shared.iter().map(|&i| g[i].label.clone()).collect();
        labels.sort();
        out.push(Similar {
            iri: g[o].iri.clone(),
            label: g[o].label.clone(),
            jaccard: shared.len() as f64 / union as f64,
            only_other: theirs.len() - shared.len(),
            shared: labels,
        });
    }
    out.sort_by(|a, b| {
        b.jaccard
            .total_cmp(&a.jaccard)
            .then(b.shared.len().cmp(&a.shared.len()))
            .then(a.label.cmp(&b.label))
    });
    out
}
