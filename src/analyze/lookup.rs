//! Names on the command line resolved to entities the way text is: IRI, label,
//! alias, or a dictionary surface (清华 → 清华大学); otherwise the closest candidates.

use crate::extract::gazetteer::Gazetteer;
use crate::extract::text::canonical_label;
use crate::graph::Projection;
use petgraph::graph::NodeIndex;
use std::collections::{BTreeSet, HashSet};

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(NodeIndex),
    /// Several entities carry that name (a generic park name in two districts).
    Ambiguous(Vec<NodeIndex>),
    /// Nothing carries it; the closest names, best first (possibly none).
    NotFound(Vec<NodeIndex>),
}

/// Resolves `name` to an entity of the projection.
///
/// # Arguments
/// * `p` — the projection.
/// * `gazetteer` — the dictionaries, so that short forms and abbreviations resolve.
/// * `name` — an IRI, a label, an alias or a dictionary surface form.
///
/// # Returns
/// [`Lookup::Found`] for a single match, [`Lookup::Ambiguous`] for several,
/// [`Lookup::NotFound`] with up to five candidates ranked by shared characters.
///
/// # Complexity
/// O(V · L) for V entities with labels of length L.
pub fn lookup(p: &Projection, gazetteer: &Gazetteer, name: &str) -> Lookup {
    let name = name.trim();
    if let Some(i) = p.node_index(name) {
        return Lookup::Found(i);
    }
    let g = &p.graph;
    let canonical = canonical_label(name);
    let mut by_label: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&i| g[i].label == name || g[i].label == canonical)
        .collect();
    if by_label.is_empty() {
        by_label = g
            .node_indices()
            .filter(|&i| g[i].aliases.contains(name))
            .collect();
    }
    if by_label.is_empty() {
        if let Some((_, entries)) = gazetteer.lookup(name) {
            by_label = entries
                .iter()
                .filter_map(|&e| p.node_index(&gazetteer.entries[e].iri))
                .collect();
        }
    }
    match by_label.len() {
        0 => Lookup::NotFound(candidates(p, name, 5)),
        1 => Lookup::Found(by_label[0]),
        _ => Lookup::Ambiguous(by_label),
    }
}

fn bigrams(s: &str) -> HashSet<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How alike two names are: Dice over character bigrams, with characters as a
/// fallback for one-character names, and a bonus when one contains the other.
fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    let dice = if x.is_empty() || y.is_empty() {
        let (cx, cy): (BTreeSet<char>, BTreeSet<char>) = (a.chars().collect(), b.chars().collect());
        let common = cx.intersection(&cy).count() as f64;
        2.0 * common / (cx.len() + cy.len()).max(1) as f64
    } else {
        2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
    };
    let contains = if !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a)) {
        0.5
    } else {
        0.0
    };
    dice + contains
}

/// The `k` entities whose label or alias is most like `name`, best first.
pub fn candidates(p: &Projection, name: &str, k: usize) -> Vec<NodeIndex> {
    let g = &p.graph;
    let mut scored: Vec<(f64, NodeIndex)> = g
        .node_indices()
        .map(|i| {
            let best = std::iter::once(&g[i].label)
                .chain(g[i].aliases.iter())
                .map(|l| similarity(name, l))
                .fold(0.0, f64::max);
            (best, i)
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(g[a.1].documents.cmp(&g[b.1].documents).reverse())
            .then(g[a.1].label.cmp(&g[b.1].label))
    });
    scored.into_iter().take(k).map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn similarity_prefers_containment_and_shared_bigrams() {
        assert!(similarity("清华", "清华大学") > similarity("清华", "华中科技大学"));
        assert!(similarity("江阴市科技局", "江阴市") > similarity("江阴市科技局", "无锡市"));
        assert_eq!(similarity("甲", "乙"), 0.0);
    }
}
