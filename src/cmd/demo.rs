//! `innograph demo`: the bundled sample corpus end to end.

use crate::cli::{self, TableFormat};
use anyhow::{bail, Context, Result};
use innograph::analyze::shared_entities;
use innograph::export::{GraphView, Mode};
use std::path::PathBuf;
use std::process::ExitCode;

use super::analyze::shared::print_shared;
use super::write_file;

pub fn run(dir: Option<PathBuf>) -> Result<ExitCode> {
    let dir = match dir {
        Some(d) => d,
        None => std::env::temp_dir().join(format!("innograph-demo-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let sample = sample_dir()?;
    let store_path = dir.join("store");
    crate::outln!(
        "ingesting the sample corpus {} into {}",
        sample.display(),
        store_path.display()
    );
    let code = super::ingest::run(&cli::IngestArgs {
        store: store_path.clone(),
        text_field: "text".into(),
        max_file_mb: 64,
        batch_mb: 16,
        no_optimize: false,
        force: false,
        no_tagger: false,
        paths: vec![sample],
    })?;
    if code != ExitCode::SUCCESS {
        bail!("the sample corpus did not ingest cleanly");
    }
    let (store, p) = super::open::projection(&store_path)?;
    crate::outln!("\n{}", super::stats::stats(&store)?);
    crate::outln!("shared partners and programs (entities two or more divisions relate to):");
    print_shared(&shared_entities(&p, None, 2), TableFormat::Table)?;
    let gexf = dir.join("innograph-demo.gexf");
    let v = GraphView::build(&p, Mode::Full);
    write_file(&gexf, innograph::export::gexf::to_gexf(&v).as_bytes())?;
    crate::outln!("\nwrote {} (open it in Gephi: File > Open)", gexf.display());
    Ok(ExitCode::SUCCESS)
}

/// The bundled sample corpus: beside the binary's source tree, or in the working folder.
fn sample_dir() -> Result<PathBuf> {
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample"),
        PathBuf::from("data/sample"),
    ];
    candidates.into_iter().find(|p| p.is_dir()).context(
        "cannot find the sample corpus data/sample (run the demo from the innograph source folder)",
    )
}
