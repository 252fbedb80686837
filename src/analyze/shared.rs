use crate::class::Class;
use crate::graph::Projection;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    let is_div = |n: NodeIndex| g[n].class == Class::AdministrativeDivision;
    // every division's ancestors, once: asked for each pair of an entity's divisions
    let ancestors: std::collections::HashMap<NodeIndex, BTreeSet<NodeIndex>> = g
        .node_indices()
        .filter(|&n| is_div(n))
        .map(|n| (n, p.ancestors(n)))
        .collect();
    let empty = BTreeSet::new();
    let anc = |n: NodeIndex| ancestors.get(&n).unwrap_or(&empty);
    let mut out = Vec::new();
    for n in g.node_indices() {
        if let Some(c) = class {
            if g[n].class != c && g[n].class.top() != c {
                continue;
            }
        }
        let own_nest: BTreeSet<NodeIndex> = if is_div(n) {
            let mut s = anc(n).clone();
            s.insert(n);
            s
        } else {
            BTreeSet::new()
        };
        let mut by_div: BTreeMap<NodeIndex, BTreeSet<&str>> = BTreeMap::new();
        // a division's districts speak for themselves: only other entities roll up their parts
        let parts = if is_div(n) {
            BTreeSet::from([n])
        } else {
            p.parts(n)
        };
        for part in parts {
            for e in g.edges_directed(part, petgraph::Direction::Incoming) {
                if e.weight().property == "partOf" || !is_div(e.source()) {
                    continue;
                }
                let d = e.source();
                if own_nest.contains(&d) || (is_div(n) && anc(d).contains(&n)) {
                    continue;
                }
                by_div
                    .entry(d)
                    .or_default()
                    .extend(p.edge_documents(e.weight()));
            }
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
        if specific.len() < min.max(2) {
            continue;
        }
        let mut docs: BTreeSet<&str> = BTreeSet::new();
        let mut evidence = BTreeMap::new();
        for d in &specific {
            docs.extend(by_div[d].iter().copied());
            evidence.insert(g[*d].label.clone(), by_div[d].len());
        }
        let mut districts: Vec<String> = specific.iter().map(|&d| g[d].label.clone()).collect();
        districts.sort();
        out.push(Shared {
            iri: g[n].iri.clone(),
            label: g[n].label.clone(),
            class: g[n].class.top().name().to_string(),
            districts,
            documents: docs.len(),
            evidence,
        });
    }
    out.sort_by(|a, b| {
        b.districts
            .len()
            .cmp(&a.districts.len())
            .then(a.label.cmp(&b.label))
    });
    out
}
