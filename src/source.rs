//! Where SPARQL answers come from: the local store, or any SPARQL 1.1 endpoint
//! (a Virtuoso, GraphDB or Fuseki holding pushed stores). The analyses read the
//! graph through this trait, so they give the same answer over either.

use crate::error::Result;
use oxigraph::model::Term;

/// A source of SELECT results.
pub trait Source {
    /// Runs a SELECT over the union of all documents; rows of (variable → term)
    /// in the order of the query's variables. A query that ends with ORDER BY may
    /// be fetched in pages (it must order its rows completely for that).
    fn select(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>>;
}
