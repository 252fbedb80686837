//! The commands, one file each; `main.rs` parses the command line and calls [`run`].

pub mod analyze;
pub mod bench;
pub mod demo;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod names;
pub mod open;
pub mod output;
pub mod push;
pub mod query;
pub mod render;
pub mod serve;
pub mod stats;
pub mod tagger;

use crate::cli::{Cli, Command, GraphMode};
use anyhow::{Context, Result};
use innograph::export::Mode;
use innograph::Class;
use std::path::Path;
use std::process::ExitCode;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest(a) => ingest::run(&a),
        Command::Extract(a) => extract::run(&a),
        Command::Tagger { command } => tagger::run(&command),
        Command::Query(a) => {
            query::run(&a.store, &a.query, a.format, a.timeout)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze { analysis } => {
            analyze::run(analysis)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(a) => {
            match a.split_mb {
                Some(mb) => export::split(&a.store, a.format, &a.out, mb, a.gzip)?,
                None => export::run(&a.store, a.format, a.mode, &a.out, a.timeline)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Render(a) => {
            render::run(&a)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { bench } => {
            bench::run(bench)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats(a) => {
            let (store, counts) = open::counts(&a.store)?;
            match counts {
                Some(c) => crate::out!("{}", stats::stats_from_counts(c)),
                None => crate::out!("{}", stats::stats(&store)?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(a) => demo::run(a.dir),
        Command::Push(a) => {
            push::run(&a)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(a) => {
            serve::run(&a)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The class a `--class` flag names, if given.
pub fn parse_class(c: Option<&str>) -> Result<Option<Class>> {
    match c {
        Some(c) => Ok(Some(Class::parse(c).with_context(|| {
            format!("unknown class {c:?} (one of {})", class_names())
        })?)),
        None => Ok(None),
    }
}

/// The export mode of a `--mode` flag.
pub fn mode(m: GraphMode) -> Mode {
    match m {
        GraphMode::Full => Mode::Full,
        GraphMode::Bipartite => Mode::Bipartite,
        GraphMode::Projection => Mode::Projection,
    }
}

fn class_names() -> String {
    Class::ALL
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn write_file(path: &Path, content: &[u8]) -> Result<()> {
    std::fs::write(path, content).with_context(|| format!("cannot write {}", path.display()))
}
