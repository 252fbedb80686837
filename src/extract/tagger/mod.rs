//! A learned Chinese name tagger: persons, places and organisations.
//!
//! A character-level sequence tagger: BIOES tags over PER / LOC / ORG, an
//! averaged structured perceptron over character n-grams (1–3 in a window of
//! ±2) and character classes, decoded by first-order Viterbi. Dictionary
//! features (the project's divisions, institutions, surnames, titles,
//! organisation heads…) are there as a template but off by default: with the
//! shipped training data they measured no gain (see `Templates`). Trained by
//! `train` from CLUENER 2020 (gold) and Baidu LAC's output (silver); the model
//! is one file of about 1 MB (`Model::to_bytes`), loaded once with
//! `Tagger::from_bytes`, and tagging needs nothing but this module.
//!
//! ```ignore
//! static TAGGER: OnceLock<Option<Tagger>> = OnceLock::new();
//! let t = TAGGER.get_or_init(|| Tagger::from_bytes(include_bytes!("model.bin")).ok());
//! for span in t.as_ref().map(|t| t.tag(text)).unwrap_or_default() { … }
//! ```
//!
//! One concept a file: `labels` (tag scheme), `text` (pieces, folding),
//! `lexicon` (dictionary matching), `features` (templates), `decode`
//! (Viterbi), `model` (file format), `runtime` (the tagger), `train`
//! (perceptron), `corpus` (training files), `eval` (span F1), `props`
//! (property tests).

mod corpus;
mod decode;
mod error;
mod eval;
mod features;
mod labels;
mod lexicon;
mod model;
mod runtime;
mod text;
mod train;

#[cfg(test)]
mod props;

pub use corpus::{
    cluener_held_out, parse_cluener, parse_silver, read_lines, silver_held_out, Example,
};
pub use error::Error;
pub use eval::{char_spans, evaluate, Scores, Tally};
pub use features::Templates;
pub use labels::Kind;
pub use lexicon::{Lexicon, Sources};
pub use model::Model;
pub use runtime::{Span, Tagger};
pub use train::{train, train_with, Corpus, TrainConfig};
