//! Analytics over the petgraph projection of the store: shared entities,
//! centrality, communities, similar divisions, profiles and paths.

pub mod centrality;
pub mod communities;
pub mod evidence;
pub mod figures;
pub mod lookup;
pub mod path;
pub mod profile;
pub mod ranking;
pub mod series;
pub mod shared;
pub mod similar;
pub mod targets;
pub mod trends;

// the adjacency lives with the graph it is read from; analyses take it from there
pub use crate::graph::adjacency::{components, Adjacency};
pub use centrality::{
    betweenness, degree_centrality, eigenvector, page_rank, PageRankOptions, Scores,
};
pub use communities::{communities, modularity, Communities};
pub use evidence::{Basis, Evidence, EvidenceReader};
pub use lookup::{candidates, lookup, Lookup};
pub use path::{paths, shortest_paths, Hop, Relation};
pub use profile::{profile, ProfileLine};
pub use ranking::{community_list, ranked, Community, CommunityList, Member, Metric, Scored};
pub use shared::{shared_entities, Shared};
pub use similar::{similar, Similar};
pub use trends::{trends, Trend};
