//! A series as a chart: target against actual by year, as SVG (PNG through
//! [`super::render::write_png`]).

use super::render::FONTS;
use super::xml_escape;
use std::fmt::Write;

/// One year of a chart: the target and the actual, either may be missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    pub year: i32,
    pub target: Option<f64>,
    pub actual: Option<f64>,
}

const TARGET: &str = "#d95f02";
const ACTUAL: &str = "#1b7a9e";

/// A step of 1, 2 or 5 times a power of ten that cuts `span` into at most 8 parts.
fn nice_step(span: f64) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / 6.0;
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| span / s <= 8.0)
        .unwrap_or(10.0 * p)
}

fn number(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Draws `points` (in year order) as lines over the years: the target dashed
/// with hollow marks, the actual solid with filled marks; a line breaks where
/// a year has no value.
///
/// # Example
/// ```
/// use innograph::export::chart::{series_svg, ChartPoint};
/// let svg = series_svg("国内生产总值增长", "%", &[
///     ChartPoint { year: 2023, target: Some(5.0), actual: Some(5.2) },
///     ChartPoint { year: 2024, target: Some(5.0), actual: Some(5.0) },
/// ]);
/// assert!(svg.starts_with("<svg") && svg.contains("2024"));
/// ```
pub fn series_svg(title: &str, unit: &str, points: &[ChartPoint]) -> String {
    let plot = Plot::new(points);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONTS}\">\
<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
<text x=\"{left}\" y=\"32\" font-size=\"20\" fill=\"#222\">{}</text>",
        xml_escape(title),
        w = plot.w,
        h = plot.h,
        left = plot.left,
    );
    plot.value_axis(&mut s, unit);
    plot.year_axis(&mut s, points);
    let targets = Style {
        colour: TARGET,
        dash: " stroke-dasharray=\"6 4\"",
        fill: "#ffffff",
    };
    let outcomes = Style {
        colour: ACTUAL,
        dash: "",
        fill: ACTUAL,
    };
    plot.series(&mut s, points, unit, |p| p.target, &targets);
    plot.series(&mut s, points, unit, |p| p.actual, &outcomes);
    plot.legend(&mut s);
    s.push_str("</svg>\n");
    s
}

/// How a series is drawn: its colour, a dash pattern, the fill of its dots.
#[derive(Clone, Copy)]
struct Style {
    colour: &'static str,
    dash: &'static str,
    fill: &'static str,
}

/// The chart's frame: its size, margins and the ranges its axes show.
struct Plot {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    first: i32,
    last: i32,
    /// The value axis runs from `y0` to `y1` in steps of `step`.
    y0: f64,
    y1: f64,
    step: f64,
}

impl Plot {
    fn new(points: &[ChartPoint]) -> Plot {
        let values: Vec<f64> = points
            .iter()
            .flat_map(|p| [p.target, p.actual])
            .flatten()
            .filter(|v| v.is_finite())
            .collect();
        let lo = values.iter().copied().fold(0.0_f64, f64::min);
        let hi = values.iter().copied().fold(0.0_f64, f64::max);
        let step = nice_step(hi - lo);
        Plot {
            w: 960.0,
            h: 520.0,
            left: 70.0,
            right: 30.0,
            top: 70.0,
            bottom: 50.0,
            first: points.first().map_or(0, |p| p.year),
            last: points.last().map_or(1, |p| p.year),
            y0: (lo / step).floor() * step,
            y1: ((hi / step).ceil() * step).max(step),
            step,
        }
    }

    fn x(&self, year: i32) -> f64 {
        let years = (self.last - self.first).max(1) as f64;
        self.left + (year - self.first) as f64 / years * (self.w - self.left - self.right)
    }

    fn y(&self, v: f64) -> f64 {
        self.top + (self.y1 - v) / (self.y1 - self.y0) * (self.h - self.top - self.bottom)
    }

    /// The value axis, its grid and unit.
    fn value_axis(&self, s: &mut String, unit: &str) {
        let (left, right, w) = (self.left, self.right, self.w);
        let mut v = self.y0;
        while v <= self.y1 + self.step * 1e-6 {
            let yy = self.y(v);
            let _ = write!(
                s,
                "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#e4e4e4\"/>\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">{}</text>",
                w - right,
                left - 8.0,
                yy + 4.0,
                number(v)
            );
            v += self.step;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#555\">{}</text>",
            left - 8.0,
            self.top - 12.0,
            xml_escape(unit)
        );
    }

    /// The years, at most about fifteen labels, and the axis line.
    fn year_axis(&self, s: &mut String, points: &[ChartPoint]) {
        let (first, last, h, bottom) = (self.first, self.last, self.h, self.bottom);
        let every = ((last - first) / 15 + 1).max(1);
        for p in points {
            let crowds_last = p.year != last && self.x(last) - self.x(p.year) < 36.0;
            if ((p.year - first) % every == 0 && !crowds_last) || p.year == last {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
                    self.x(p.year),
                    h - bottom + 20.0,
                    p.year
                );
            }
        }
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\"/>",
            self.left,
            h - bottom,
            self.w - self.right,
            h - bottom
        );
    }

    /// One series (targets or outcomes): a polyline per run of consecutive
    /// years with a value, and a dot per value.
    fn series(
        &self,
        s: &mut String,
        points: &[ChartPoint],
        unit: &str,
        value: impl Fn(&ChartPoint) -> Option<f64>,
        style: &Style,
    ) {
        let Style { colour, dash, fill } = *style;
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut prev: Option<i32> = None;
        let flush = |run: &mut Vec<(f64, f64)>, s: &mut String| {
            if run.len() > 1 {
                let pts: Vec<String> = run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = write!(
                    s,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>",
                    pts.join(" ")
                );
            }
            run.clear();
        };
        for p in points {
            match value(p) {
                Some(v) if v.is_finite() => {
                    if prev.is_some_and(|q| p.year != q + 1) {
                        flush(&mut run, s);
                    }
                    run.push((self.x(p.year), self.y(v)));
                    prev = Some(p.year);
                }
                _ => {
                    flush(&mut run, s);
                    prev = None;
                }
            }
        }
        flush(&mut run, s);
        for p in points {
            if let Some(v) = value(p).filter(|v| v.is_finite()) {
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"2\"><title>{} {}{}</title></circle>",
                    self.x(p.year),
                    self.y(v),
                    p.year,
                    number(v),
                    xml_escape(unit)
                );
            }
        }
    }

    fn legend(&self, s: &mut String) {
        let lx = self.w - self.right - 220.0;
        let _ = write!(
            s,
            "<line x1=\"{lx}\" y1=\"28\" x2=\"{:.1}\" y2=\"28\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
<circle cx=\"{:.1}\" cy=\"28\" r=\"4\" fill=\"#ffffff\" stroke=\"{TARGET}\" stroke-width=\"2\"/>\
<text x=\"{:.1}\" y=\"32\" font-size=\"13\" fill=\"#222\">目标 target</text>\
<line x1=\"{:.1}\" y1=\"28\" x2=\"{:.1}\" y2=\"28\" stroke=\"{ACTUAL}\" stroke-width=\"2\"/>\
<circle cx=\"{:.1}\" cy=\"28\" r=\"4\" fill=\"{ACTUAL}\" stroke=\"{ACTUAL}\" stroke-width=\"2\"/>\
<text x=\"{:.1}\" y=\"32\" font-size=\"13\" fill=\"#222\">实际 actual</text>",
            lx + 30.0,
            lx + 15.0,
            lx + 36.0,
            lx + 115.0,
            lx + 145.0,
            lx + 130.0,
            lx + 151.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_cut_the_range_into_a_few_parts() {
        for (span, step) in [
            (10.0, 2.0),
            (1.0, 0.2),
            (57.0, 10.0),
            (0.0, 1.0),
            (1300.0, 200.0),
        ] {
            assert!(
                (nice_step(span) - step).abs() < 1e-9,
                "{span}: {}",
                nice_step(span)
            );
        }
    }

    #[test]
    fn lines_break_at_missing_years() {
        let p = |year, target, actual| ChartPoint {
            year,
            target,
            actual,
        };
        let svg = series_svg(
            "t",
            "%",
            &[
                p(2019, Some(6.0), None),
                p(2020, None, Some(2.3)),
                p(2021, Some(6.0), Some(8.1)),
                p(2022, Some(5.5), Some(3.0)),
            ],
        );
        // targets: 2021–2022 only (2019 stands alone); actuals: 2020–2022
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 6 + 2, "{svg}");
        assert!(svg.contains("2022 3%"));
    }
}
