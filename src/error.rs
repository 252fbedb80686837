use std::path::PathBuf;

/// Everything that can go wrong in the library; each message names the input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    BadInput { path: PathBuf, message: String },
    #[error("{path}, line {line}: {message}")]
    BadLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("the store at {path} is in use by another innograph process; wait for it to finish or use another --store")]
    StoreLocked { path: PathBuf },
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("invalid sparql query: {0}")]
    QuerySyntax(String),
    #[error("query failed: {0}")]
    QueryEvaluation(String),
    #[error("the query is refused: {0}")]
    QueryLimit(#[from] crate::limits::LimitError),
    #[error("cannot write {what}: {source}")]
    Write {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The store cannot be opened, read or written as asked.
    #[error("{0}")]
    Store(String),
    /// The projection cache beside a store cannot be written.
    #[error("{0}")]
    Cache(String),
    /// Another triplestore (push, `--endpoint`) failed or refused.
    #[error("{0}")]
    Remote(String),
    /// The server cannot start, or a running server failed.
    #[error("{0}")]
    Server(String),
    /// The server a store is written through no longer answers: nothing more
    /// can be sent to it.
    #[error("the server at {url} is gone ({message}); the documents not yet sent were not stored")]
    ServerGone { url: String, message: String },
    /// A picture or an export cannot be made.
    #[error("{0}")]
    Export(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
