//! Errors of reading a model file.

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a tagger model file (bad magic bytes)")]
    Magic,
    #[error("tagger model format version {0} is not supported (expected {1})")]
    Version(u8, u8),
    #[error("corrupt tagger model: {0}")]
    Corrupt(&'static str),
    #[error("tagger model: {0}")]
    Io(#[from] std::io::Error),
}
