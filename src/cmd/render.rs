//! `innograph render`: the laid-out graph as an SVG or PNG picture.

use crate::cli::RenderArgs;
use anyhow::{bail, Context, Result};
use innograph::export::render::{to_svg, write_png, RenderOptions};
use innograph::export::GraphView;

pub fn run(a: &RenderArgs) -> Result<()> {
    let ext = a
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        bail!(
            "cannot tell the picture format of {}: name it .svg or .png",
            a.out.display()
        );
    }
    let (_s, p) = super::analyze::open(&a.store)?;
    let v = GraphView::build(&p, super::mode(a.mode));
    let options = RenderOptions {
        size: a.size,
        labels: a.labels,
        title: format!(
            "innograph · {} entities, {} relations",
            v.nodes.len(),
            v.edges.len()
        ),
    };
    let svg = to_svg(&v, &options);
    if ext == "svg" {
        super::write_file(&a.out, svg.as_bytes())?;
    } else if !write_png(&svg, &a.out)
        .with_context(|| format!("cannot render {}", a.out.display()))?
    {
        eprintln!("innograph: warning: no font with Chinese glyphs found; labels may show as boxes (install fonts-noto-cjk)");
    }
    eprintln!(
        "drew {} nodes and {} edges into {}",
        v.nodes.len(),
        v.edges.len(),
        a.out.display()
    );
    Ok(())
}
