//! Trends: entities whose share of the documents rises or falls most across
//! the years of a corpus.
//!
//! An entity's share in a year is the number of that year's documents that
//! mention it over the number of that year's documents. Its trend is the
//! least-squares slope of the share against the year, over every year that
//! has documents (a year without a mention counts as a share of 0). Entities
//! in fewer than `min_documents` documents are left out: one mention makes a
//! steep line of nothing.

use crate::class::Class;
use crate::graph::Projection;
use serde::Serialize;
use std::collections::BTreeMap;

/// One entity's trend.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Trend {
    pub iri: String,
    pub label: String,
    pub class: String,
    /// Change of the share per year (0.05: five more documents in a hundred each year).
    pub slope: f64,
    /// The share in the first and the last year of the corpus.
    pub first: f64,
    pub last: f64,
    /// Dated documents that mention it.
    pub documents: usize,
    /// Its share by year.
    pub shares: BTreeMap<i32, f64>,
}

/// The least-squares slope of `ys` against `xs` (0 when the years are one).
fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        0.0
    } else {
        sxy / sxx
    }
}

/// The trends of every entity of the projection, steepest rise first.
///
/// # Arguments
/// * `p` — the projection; `p.doc_years` gives the dated documents per year,
///   each node's `year_docs` the documents that mention it.
/// * `class` — only entities of this class (or its subclasses).
/// * `min_documents` — the fewest dated documents an entity must be in.
///
/// # Returns
/// Every entity with a trend, sorted by slope, highest first (the last ones
/// fall most); ties by label. Empty when the corpus spans fewer than two years.
///
/// # Complexity
/// O(V · Y) for V entities and Y years, plus the sort.
///
/// # Example
/// ```
/// use innograph::analyze::trends;
/// use innograph::graph::Projection;
/// let p = Projection::default();
/// assert!(trends(&p, None, 2).is_empty());
/// ```
pub fn trends(p: &Projection, class: Option<Class>, min_documents: usize) -> Vec<Trend> {
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for y in p.doc_years.values() {
        *per_year.entry(*y).or_default() += 1;
    }
    if per_year.len() < 2 {
        return Vec::new();
    }
    let (first_year, last_year) = (
        *per_year.keys().next().expect("two years"),
        *per_year.keys().next_back().expect("two years"),
    );
    let mut out = Vec::new();
    for n in p.graph.node_weights() {
        if class.is_some_and(|c| n.class != c && n.class.top() != c) {
            continue;
        }
        let documents: usize = n.year_docs.values().sum();
        if documents < min_documents.max(1) {
            continue;
        }
        let shares: BTreeMap<i32, f64> = per_year
            .iter()
            .map(|(y, total)| {
                let k = n.year_docs.get(y).copied().unwrap_or(0);
                (*y, k as f64 / *total as f64)
            })
            .collect();
        let points: Vec<(f64, f64)> = shares.iter().map(|(y, s)| (*y as f64, *s)).collect();
        out.push(Trend {
            iri: n.iri.clone(),
            label: n.label.clone(),
            class: n.class.top().name().to_string(),
            slope: slope(&points),
            first: shares[&first_year],
            last: shares[&last_year],
            documents,
            shares,
        });
    }
    out.sort_by(|a, b| {
        b.slope
            .total_cmp(&a.slope)
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;

    fn node(label: &str, years: &[(i32, usize)]) -> Node {
        Node {
            iri: format!("urn:{label}"),
            label: label.to_string(),
            class: Class::Industry,
            documents: years.iter().map(|y| y.1).sum(),
            aliases: Default::default(),
            years: None,
            year_docs: years.iter().copied().collect(),
        }
    }

    #[test]
    fn slopes_follow_the_share_not_the_count() {
        let mut p = Projection::default();
        // two documents in 2020, four in 2021, four in 2022
        for (i, y) in [2020, 2020, 2021, 2021, 2021, 2021, 2022, 2022, 2022, 2022]
            .iter()
            .enumerate()
        {
            p.doc_years.insert(format!("d{i}"), *y);
        }
        // rising: 0 → 2/4 → 4/4
        p.graph.add_node(node("低空经济", &[(2021, 2), (2022, 4)]));
        // in every document: flat, though its count doubles
        p.graph
            .add_node(node("人工智能", &[(2020, 2), (2021, 4), (2022, 4)]));
        // falling: 2/2 → 1/4 → 0
        p.graph.add_node(node("光伏", &[(2020, 2), (2021, 1)]));
        // one document: left out
        p.graph.add_node(node("氢能", &[(2022, 1)]));
        let t = trends(&p, None, 2);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["低空经济", "人工智能", "光伏"]);
        assert!((t[0].slope - 0.5).abs() < 1e-9, "{}", t[0].slope);
        assert!(t[1].slope.abs() < 1e-9);
        assert!((t[2].slope + 0.5).abs() < 1e-9, "{}", t[2].slope);
        assert_eq!((t[2].first, t[2].last), (1.0, 0.0));
        assert!(trends(&p, Some(Class::Program), 1).is_empty());
    }

    #[test]
    fn one_year_has_no_trend() {
        let mut p = Projection::default();
        p.doc_years.insert("d".into(), 2024);
        p.graph.add_node(node("人工智能", &[(2024, 1)]));
        assert!(trends(&p, None, 1).is_empty());
    }
}
