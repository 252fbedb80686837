//! Benchmark inputs: generated graphs (and corpora) from a seed, the same on every machine.

pub mod corpus;
pub mod graph;
pub mod rng;

pub use corpus::{write_corpus, CorpusGenerator};
pub use graph::generate_graph;
pub use rng::SplitMix64;
