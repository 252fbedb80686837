//! The laid-out graph as a picture: SVG written here, PNG rasterised with
//! resvg using the system's fonts (a CJK font such as Noto Sans CJK is needed
//! for the labels; Debian's `fonts-noto-cjk`).

use super::view::GraphView;
use super::xml_escape;
use crate::class::Class;
use crate::error::{Error, Result};
use std::fmt::Write;
use std::path::Path;

/// Options of [`to_svg`].
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Width and height in pixels.
    pub size: u32,
    /// The most labels drawn (largest nodes first, overlapping ones skipped).
    pub labels: usize,
    pub title: String,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            size: 2000,
            labels: 200,
            title: String::new(),
        }
    }
}

/// Font families tried in order; the first the system has is used.
pub(crate) const FONTS: &str = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, WenQuanYi Zen Hei, WenQuanYi Micro Hei, Droid Sans Fallback, sans-serif";

/// Draws a view as SVG: edges, nodes coloured by class and sized by PageRank,
/// labels of the largest nodes that do not overlap, and a legend of classes.
pub fn to_svg(v: &GraphView, options: &RenderOptions) -> String {
    let canvas = Canvas::new(v, options.size);
    let mut s = String::new();
    let size = canvas.size;
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" font-family=\"{FONTS}\">"
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    s.push_str("<g stroke=\"#8c8c8c\" stroke-opacity=\"0.35\">\n");
    for e in &v.edges {
        let (a, b) = (&v.nodes[e.source], &v.nodes[e.target]);
        let (ax, ay) = canvas.at(a.x, a.y);
        let (bx, by) = canvas.at(b.x, b.y);
        let _ = writeln!(
            s,
            "<line x1=\"{ax:.1}\" y1=\"{ay:.1}\" x2=\"{bx:.1}\" y2=\"{by:.1}\" stroke-width=\"{:.2}\"/>",
            (0.6 + e.weight.ln_1p()) * canvas.radius_scale
        );
    }
    s.push_str("</g>\n<g stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
    // the smallest first, so that the largest are drawn on top
    let mut order: Vec<usize> = (0..v.nodes.len()).collect();
    order.sort_by(|&a, &b| v.nodes[a].size.total_cmp(&v.nodes[b].size));
    for &i in &order {
        let n = &v.nodes[i];
        let (x, y) = canvas.at(n.x, n.y);
        let (r, g, b) = n.class.color();
        let _ = writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"rgb({r},{g},{b})\"/>",
            canvas.radius(n.size)
        );
    }
    s.push_str("</g>\n");
    canvas.labels(&mut s, v, &order, options.labels);
    canvas.legend(&mut s, v, &options.title);
    s.push_str("</svg>\n");
    s
}

/// Where a view is drawn: the square, and the layout's coordinates scaled into it.
struct Canvas {
    size: f64,
    margin: f64,
    scale: f64,
    x0: f64,
    y1: f64,
    /// The offset that centres the drawing in the square.
    ox: f64,
    oy: f64,
    /// Radii, strokes and fonts grow with the picture (2000 px is 1).
    radius_scale: f64,
}

impl Canvas {
    fn new(v: &GraphView, size: u32) -> Canvas {
        let size = size.max(200) as f64;
        let margin = size * 0.05;
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for n in &v.nodes {
            x0 = x0.min(n.x);
            y0 = y0.min(n.y);
            x1 = x1.max(n.x);
            y1 = y1.max(n.y);
        }
        let span = (x1 - x0).max(y1 - y0).max(1e-9);
        let scale = (size - 2.0 * margin) / span;
        Canvas {
            size,
            margin,
            scale,
            x0,
            y1,
            ox: margin + (size - 2.0 * margin - (x1 - x0) * scale) / 2.0,
            oy: margin + (size - 2.0 * margin - (y1 - y0) * scale) / 2.0,
            radius_scale: size / 2000.0,
        }
    }

    fn at(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.ox + (x - self.x0) * self.scale,
            self.oy + (self.y1 - y) * self.scale,
        )
    }

    fn radius(&self, node_size: f64) -> f64 {
        (1.5 + node_size * 0.45) * self.radius_scale
    }

    /// Labels of the largest nodes (at most `most`), each where it does not
    /// overlap one drawn before.
    fn labels(&self, s: &mut String, v: &GraphView, order: &[usize], most: usize) {
        s.push_str("<g fill=\"#222222\" text-anchor=\"middle\">\n");
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        for &i in order.iter().rev() {
            if placed.len() >= most {
                break;
            }
            let n = &v.nodes[i];
            let (x, y) = self.at(n.x, n.y);
            let font = (11.0 + n.size * 0.35) * self.radius_scale;
            let width = n.label.chars().count() as f64 * font;
            let top = y - self.radius(n.size) - font * 0.3;
            let bbox = (x - width / 2.0, top - font, x + width / 2.0, top);
            let overlaps = placed
                .iter()
                .any(|p| bbox.0 < p.2 && p.0 < bbox.2 && bbox.1 < p.3 && p.1 < bbox.3);
            if overlaps {
                continue;
            }
            placed.push(bbox);
            let _ = writeln!(
                s,
                "<text x=\"{x:.1}\" y=\"{top:.1}\" font-size=\"{font:.1}\" stroke=\"#ffffff\" stroke-width=\"{:.1}\" paint-order=\"stroke\">{}</text>",
                font * 0.15,
                xml_escape(&n.label)
            );
        }
        s.push_str("</g>\n");
    }

    /// The title, and the classes present with their colours.
    fn legend(&self, s: &mut String, v: &GraphView, title: &str) {
        let margin = self.margin;
        let mut classes: Vec<Class> = v.nodes.iter().map(|n| n.class.top()).collect();
        classes.sort();
        classes.dedup();
        let font = 22.0 * self.radius_scale;
        let mut y = margin * 0.6;
        if !title.is_empty() {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"{:.1}\" fill=\"#222222\">{}</text>",
                margin * 0.4,
                font * 1.3,
                xml_escape(title)
            );
            y += font * 1.8;
        }
        for c in classes {
            let (r, g, b) = c.color();
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"rgb({r},{g},{b})\"/><text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"{font:.1}\" fill=\"#222222\">{}</text>",
                margin * 0.4 + font * 0.4,
                y - font * 0.35,
                font * 0.4,
                margin * 0.4 + font,
                c.name()
            );
            y += font * 1.4;
        }
    }
}

/// Does the system have a font with Chinese glyphs among [`FONTS`]?
pub fn has_cjk_font(db: &resvg::usvg::fontdb::Database) -> bool {
    use resvg::usvg::fontdb::{Family, Query};
    FONTS.split(", ").filter(|f| *f != "sans-serif").any(|f| {
        db.query(&Query {
            families: &[Family::Name(f)],
            ..Default::default()
        })
        .is_some()
    })
}

/// Rasterises an SVG to a PNG file with the system's fonts.
///
/// # Returns
/// Whether a font with Chinese glyphs was found (without one the labels show as boxes).
pub fn write_png(svg: &str, path: &Path) -> Result<bool> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let cjk = has_cjk_font(&opt.fontdb);
    let tree = usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Export(format!("cannot draw the graph: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        Error::Export(format!(
            "cannot draw a picture of {}x{} pixels",
            size.width(),
            size.height()
        ))
    })?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.save_png(path).map_err(|e| Error::Write {
        what: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(cjk)
}
