//! innograph: Chinese innovation-policy text → RDF knowledge graph → analytics.
//!
//! The pipeline stages are modules of their own: [`read`] turns files into
//! [`Document`]s, [`extract`] finds mentions, figures and the division a text
//! speaks for, [`resolve`] turns them into entities with stable IRIs,
//! [`store`] keeps them in oxigraph (one named graph per document), [`graph`]
//! projects the store into petgraph, [`analyze`] computes answers over that
//! projection and [`export`] writes graph and RDF files.

pub mod analyze;
pub mod bench;
pub mod cartesian;
pub mod class;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod limits;
pub mod memory;
pub mod pipeline;
pub mod rdf;
pub mod read;
pub mod remote;
pub mod resolve;
pub mod serve;
pub mod source;
pub mod store;
pub mod table;
pub mod vocab;

pub use class::Class;
pub use error::{Error, Result};
pub use extract::{Extraction, Extractor};
pub use read::{read_path, Document, ReadOptions};
pub use store::GraphStore;
