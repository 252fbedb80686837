//! `innograph analyze`: one file per analysis, each reading the petgraph
//! projection of a store or an endpoint through [`super::open`].

pub mod centrality;
pub mod communities;
pub mod path;
pub mod profile;
pub mod series;
pub mod shared;
pub mod similar;
pub mod targets;
pub mod trends;

use crate::cli::Analysis;
use anyhow::Result;

pub fn run(analysis: Analysis) -> Result<()> {
    match analysis {
        Analysis::Targets(a) => targets::run(&a),
        Analysis::Series(a) => series::run(&a),
        Analysis::Trends(a) => trends::run(&a),
        Analysis::Shared(a) => shared::run(&a),
        Analysis::Centrality(a) => centrality::run(&a),
        Analysis::Communities(a) => communities::run(&a),
        Analysis::Similar(a) => similar::run(&a),
        Analysis::Profile(a) => profile::run(&a),
        Analysis::Path(a) => path::run(&a),
    }
}
