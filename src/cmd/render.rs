//! `innograph render`: the laid-out graph, or a series of targets and
//! actuals, as an SVG or PNG picture.

use crate::cli::{RenderArgs, SourceArgs};
use anyhow::{bail, Context, Result};
use innograph::analyze::targets::Side;
use innograph::export::chart::{series_svg, ChartPoint};
use innograph::export::render::{to_svg, write_png, RenderOptions};
use innograph::export::GraphView;
use std::collections::HashMap;

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
    if a.series {
        return series(a, &ext);
    }
    let (_s, p) = super::open::projection(&a.store)?;
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

/// `render --series`: target against actual by year.
fn series(a: &RenderArgs, ext: &str) -> Result<()> {
    let (Some(division), Some(measure)) = (&a.division, &a.measure) else {
        bail!("render --series needs --division and --measure");
    };
    let source = SourceArgs {
        store: Some(a.store.clone()),
        endpoint: None,
        user: None,
        password: None,
    };
    let s = super::analyze::series::read_series(&source, division, measure, (a.from, a.to))?;
    // one unit on the axis: the one most figures of the series have
    let mut units: HashMap<&str, usize> = HashMap::new();
    for p in &s.points {
        for side in p.targets.iter().chain(&p.actuals) {
            *units.entry(side.unit.as_str()).or_default() += 1;
        }
    }
    let unit = units
        .iter()
        .max_by_key(|(u, n)| (**n, std::cmp::Reverse(**u)))
        .map(|(u, _)| u.to_string())
        .unwrap_or_default();
    let first = |v: &[Side]| v.iter().find(|x| x.unit == unit).map(|x| x.value);
    let points: Vec<ChartPoint> = s
        .points
        .iter()
        .map(|p| ChartPoint {
            year: p.year,
            target: first(&p.targets),
            actual: first(&p.actuals),
        })
        .filter(|p| p.target.is_some() || p.actual.is_some())
        .collect();
    let title = format!("{} · {}", s.division, s.measure);
    let svg = series_svg(&title, &unit, &points);
    if ext == "svg" {
        super::write_file(&a.out, svg.as_bytes())?;
    } else if !write_png(&svg, &a.out)
        .with_context(|| format!("cannot render {}", a.out.display()))?
    {
        eprintln!("innograph: warning: no font with Chinese glyphs found; labels may show as boxes (install fonts-noto-cjk)");
    }
    eprintln!(
        "drew {} years of {} ({}) into {}",
        points.len(),
        s.measure,
        unit,
        a.out.display()
    );
    Ok(())
}
