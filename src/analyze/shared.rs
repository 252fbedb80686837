use crate::class::Class;
use crate::graph::Projection;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An entity related to two or more divisions not nested in one another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shared {
    pub iri: String,
    pub label: String,
    #[serde(rename = "type")]
    pub class: String,
    /// Labels of the divisions, most specific only.
    pub districts: Vec<String>,
    /// Documents that state these relations.
    pub documents: usize,
    /// Per division: how many documents state its relation.
    pub evidence: BTreeMap<String, usize>,
}

/// Entities shared by divisions.
///
/// # Arguments
/// * `p` — the projection of the store.
/// * `class` — only entities of this class (subclasses included), if given.
/// * `min` — the least number of divisions (at least 2).
///
/// # Returns
/// The shared entities, most divisions first, then by label. Relations of an
/// entity's parts (along `partOf`) count for the entity, except for divisions
/// (深圳市 shared does not make 广东省 shared); a division and its own ancestor
/// count once (the more specific one is listed).
///
/// # Complexity
/// O(V · (P + E · A)) for V entities with P parts, E incident edges and
/// divisions of at most A ancestors.
///
/// # Example
/// ```no_run
/// # use innograph::{GraphStore, graph::Projection, analyze::shared_entities};
/// let store = GraphStore::open_read_only(std::path::Path::new("store")).unwrap();
/// let p = Projection::from_source(&store).unwrap();
/// for s in shared_entities(&p, None, 2) {
///     println!("{} {:?}", s.label, s.districts);
/// }
/// ```
pub fn shared_entities(p: &Projection, class: Option<Class>, min: usize) -> Vec<Shared> {
    let g = &p.graph;
    // every division's ancestors, once: asked for each pair of an entity's divisions
    let ancestors: HashMap<NodeIndex, BTreeSet<NodeIndex>> = g
        .node_indices()
        .filter(|&n| p.is_division(n))
        .map(|n| (n, p.ancestors(n)))
        .collect();
    let nodes: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| class.is_none_or(|c| g[n].class == c || g[n].class.top() == c))
        .collect();
    // each entity on its own: on every core (the order of `nodes` is kept)
    let mut out: Vec<Shared> = nodes
        .par_iter()
        .filter_map(|&n| shared_by(p, &ancestors, n, min.max(2)))
        .collect();
    out.sort_by(|a, b| {
        b.districts
            .len()
            .cmp(&a.districts.len())
            .then(a.label.cmp(&b.label))
    });
    out
}

/// Entity `n` as shared by at least `min` divisions, or `None`.
fn shared_by(
    p: &Projection,
    ancestors: &HashMap<NodeIndex, BTreeSet<NodeIndex>>,
    n: NodeIndex,
    min: usize,
) -> Option<Shared> {
    let g = &p.graph;
    let is_div = |n: NodeIndex| p.is_division(n);
    let empty = BTreeSet::new();
    let anc = |n: NodeIndex| ancestors.get(&n).unwrap_or(&empty);
    let own_nest: BTreeSet<NodeIndex> = if is_div(n) {
        let mut s = anc(n).clone();
        s.insert(n);
        s
    } else {
        BTreeSet::new()
    };
    // the ids of the documents stating each division's relations (an id
    // stands for one document IRI: counting ids counts documents)
    let mut by_div: BTreeMap<NodeIndex, BTreeSet<u32>> = BTreeMap::new();
    // a division's districts speak for themselves: only other entities
    // roll up their parts (most entities have none: no walk for them)
    let has_parts = g
        .edges_directed(n, petgraph::Direction::Incoming)
        .any(|e| e.weight().is_part_of());
    let parts = if is_div(n) || !has_parts {
        BTreeSet::from([n])
    } else {
        p.parts(n)
    };
    for part in parts {
        for e in g.edges_directed(part, petgraph::Direction::Incoming) {
            if e.weight().is_part_of() || !is_div(e.source()) {
                continue;
            }
            let d = e.source();
            if own_nest.contains(&d) || (is_div(n) && anc(d).contains(&n)) {
                continue;
            }
            by_div
                .entry(d)
                .or_default()
                .extend(e.weight().documents.iter().copied());
        }
    }
    if by_div.len() < min {
        return None;
    }
    // a division and its ancestor count once: keep the most specific
    // (an ancestor of another division of the set is not specific: marked
    // through each division's few ancestors, not by comparing every pair)
    let covered: BTreeSet<NodeIndex> = by_div
        .keys()
        .flat_map(|&d| anc(d).iter().copied().filter(move |a| *a != d))
        .filter(|a| by_div.contains_key(a))
        .collect();
    let specific: Vec<NodeIndex> = by_div
        .keys()
        .copied()
        .filter(|d| !covered.contains(d))
        .collect();
    if specific.len() < min {
        return None;
    }
    let mut docs: BTreeSet<u32> = BTreeSet::new();
    let mut evidence = BTreeMap::new();
    for d in &specific {
        docs.extend(by_div[d].iter().copied());
        evidence.insert(g[*d].label.clone(), by_div[d].len());
    }
    let mut districts: Vec<String> = specific.iter().map(|&d| g[d].label.clone()).collect();
    districts.sort();
    Some(Shared {
        iri: g[n].iri.clone(),
        label: g[n].label.clone(),
        class: g[n].class.top().name().to_string(),
        districts,
        documents: docs.len(),
        evidence,
    })
}
