//! The projection's index from IRI to node. It holds node indices only and
//! reads each IRI from its node: a `HashMap<String, NodeIndex>` kept a second
//! copy of every IRI (490k of them on a 500 MB corpus, a third of the time
//! an analysis took to open the projection file).

use super::Node;
use hashbrown::HashTable;
use petgraph::graph::{DiGraph, NodeIndex};
use std::hash::{BuildHasher, BuildHasherDefault};

// FxHash: the keys are our own IRIs, not chosen by whoever sends a query
type Hasher = BuildHasherDefault<rustc_hash::FxHasher>;

fn hash(iri: &str) -> u64 {
    Hasher::default().hash_one(iri)
}

/// Node indices by the IRI of their node.
#[derive(Default, Clone)]
pub struct IriIndex {
    table: HashTable<NodeIndex>,
}

impl std::fmt::Debug for IriIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IriIndex({} nodes)", self.table.len())
    }
}

impl IriIndex {
    /// The node of `graph` whose IRI is `iri`.
    ///
    /// # Complexity
    /// O(|iri|) expected.
    pub fn get<E>(&self, graph: &DiGraph<Node, E>, iri: &str) -> Option<NodeIndex> {
        self.table
            .find(hash(iri), |&n| graph[n].iri == iri)
            .copied()
    }

    /// Indexes node `n` of `graph` by its IRI; a node already indexed under
    /// that IRI is replaced.
    pub fn insert<E>(&mut self, graph: &DiGraph<Node, E>, n: NodeIndex) {
        let iri = graph[n].iri.as_str();
        let rehash = |&m: &NodeIndex| hash(&graph[m].iri);
        match self
            .table
            .entry(hash(iri), |&m| graph[m].iri == iri, rehash)
        {
            hashbrown::hash_table::Entry::Occupied(mut o) => *o.get_mut() = n,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(n);
            }
        }
    }

    /// Room for `more` nodes of `graph`.
    pub fn reserve<E>(&mut self, graph: &DiGraph<Node, E>, more: usize) {
        self.table.reserve(more, |&m| hash(&graph[m].iri));
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::Class;

    fn node(iri: &str) -> Node {
        Node::new(
            iri.into(),
            iri.into(),
            Class::Enterprise,
            1,
            Default::default(),
            [],
        )
    }

    #[test]
    fn finds_each_iri_and_a_later_node_of_one_takes_it_over() {
        let mut g: DiGraph<Node, ()> = DiGraph::new();
        let mut ix = IriIndex::default();
        let iris: Vec<String> = (0..5000).map(|i| format!("e:{i}")).collect();
        for iri in &iris {
            let n = g.add_node(node(iri));
            ix.insert(&g, n);
        }
        assert_eq!(ix.len(), 5000);
        for (i, iri) in iris.iter().enumerate() {
            assert_eq!(ix.get(&g, iri), Some(NodeIndex::new(i)));
        }
        assert_eq!(ix.get(&g, "e:5000"), None);
        assert_eq!(ix.get(&g, ""), None);
        let again = g.add_node(node("e:7"));
        ix.insert(&g, again);
        assert_eq!(ix.len(), 5000);
        assert_eq!(ix.get(&g, "e:7"), Some(again));
    }
}
