//! The RDF form of what innograph knows: how a document graph is written as
//! quads (`write`). The IRIs come from [`crate::vocab`].

pub mod queries;
pub mod row;
pub mod write;
