//! The RDF form of what innograph knows, written and read in one place: how a
//! document graph is written as quads (`write`), how quads are read back
//! into per-document summaries (`read`), and every SPARQL text the program
//! sends (`queries`, read row by row with `row`). The IRIs come from
//! [`crate::vocab`].

pub mod atom;
pub mod queries;
pub mod read;
pub mod row;
pub mod write;
