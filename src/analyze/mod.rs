//! Analytics over the petgraph projection of the store.

pub mod shared;

pub use shared::{shared_entities, Shared};
