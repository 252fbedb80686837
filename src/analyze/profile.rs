//! Everything the graph holds about one division, each line with its sources.

use crate::class::Class;
use crate::error::Result;
use crate::graph::Projection;
use crate::rdf::{queries, row};
use crate::source::Source;
use oxigraph::model::Term;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One line of a profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileLine {
    /// `divisions`, `agencies`, `officials`, `programs`, `funds`, `products`,
    /// `platforms`, `partners`, `industries`, `events`, `cooperation`, `figures`.
    pub section: &'static str,
    /// The entity's label, or the figure's measure.
    pub item: String,
    /// The entity's IRI (none for figures).
    pub iri: Option<String>,
    /// The property, the official's role, or the figure with its year and status.
    pub detail: String,
    /// Identifiers of the documents stating it.
    pub sources: Vec<String>,
}

const SECTIONS: [&str; 12] = [
    "divisions",
    "agencies",
    "officials",
    "programs",
    "funds",
    "products",
    "platforms",
    "partners",
    "industries",
    "events",
    "cooperation",
    "figures",
];

fn section(c: Class) -> &'static str {
    match c.top() {
        Class::AdministrativeDivision => "divisions",
        Class::Agency => "agencies",
        Class::Person => "officials",
        Class::Program => "programs",
        Class::Fund => "funds",
        Class::FinancialProduct => "products",
        Class::Platform => "platforms",
        Class::Industry => "industries",
        Class::Event => "events",
        Class::Country | Class::Region => "cooperation",
        _ => "partners",
    }
}

/// A cell as text; empty when unbound.
fn text(t: &Option<Term>) -> String {
    row::text(t).unwrap_or_default()
}

/// Identifiers of the documents in the store, by document IRI.
pub fn document_ids(store: &dyn Source) -> Result<HashMap<String, String>> {
    let rows = store.select(&queries::document_ids())?;
    Ok(rows.iter().map(|r| (text(&r[0]), text(&r[1]))).collect())
}

/// The profile of a division.
///
/// # Arguments
/// * `p` — the projection; `store` — for figures, roles and document names.
/// * `d` — the division.
///
/// # Returns
/// Lines grouped by section in a fixed order, then by label: the division's
/// parent and parts, its agencies and officials (with their roles), programs,
/// funds, products, platforms, partners, industries, events, cooperation
/// partners and its figures (measure, value, unit, year, actual or target).
///
/// # Complexity
/// O(E_d) over the division's edges plus one SPARQL query for figures and roles.
pub fn profile(p: &Projection, store: &dyn Source, d: NodeIndex) -> Result<Vec<ProfileLine>> {
    let g = &p.graph;
    let ids = document_ids(store)?;
    let names = |docs: &BTreeSet<String>| -> Vec<String> {
        docs.iter()
            .map(|x| ids.get(x).cloned().unwrap_or_else(|| x.clone()))
            .collect()
    };
    let mut roles: HashMap<String, Vec<String>> = HashMap::new();
    for r in store.select(&queries::roles())? {
        roles.entry(text(&r[0])).or_default().push(text(&r[1]));
    }
    let mut lines: Vec<ProfileLine> = Vec::new();
    let mut merged: BTreeMap<(String, String), (NodeIndex, BTreeSet<String>)> = BTreeMap::new();
    for dir in [Direction::Outgoing, Direction::Incoming] {
        for e in g.edges_directed(d, dir) {
            let other = if dir == Direction::Outgoing {
                e.target()
            } else {
                e.source()
            };
            let prop = &e.weight().property;
            let detail = match (prop.as_str(), dir) {
                ("partOf", Direction::Outgoing) => "part of".to_string(),
                ("partOf", _) => "has part".to_string(),
                (_, Direction::Outgoing) => prop.to_string(),
                _ => format!("{prop} (inverse)"),
            };
            let entry = merged
                .entry((g[other].iri.clone(), detail))
                .or_insert((other, BTreeSet::new()));
            entry
                .1
                .extend(p.edge_documents(e.weight()).map(String::from));
        }
    }
    for ((iri, detail), (other, docs)) in merged {
        let node = &g[other];
        let detail = match roles.get(&iri) {
            Some(r) if node.class == Class::Person => format!("{detail}; {}", r.join("、")),
            _ => detail,
        };
        lines.push(ProfileLine {
            section: section(node.class),
            item: node.label.clone(),
            iri: Some(iri),
            detail,
            sources: names(&docs),
        });
    }
    let iri = &g[d].iri;
    let rows = store.select(&queries::figures_of(iri))?;
    for r in rows {
        let status = if text(&r[5]).ends_with("Target") {
            "target"
        } else {
            "actual"
        };
        let year = text(&r[4]);
        let q = text(&r[6]);
        let detail = format!(
            "{}{status}: {q}{}{}",
            if year.is_empty() {
                String::new()
            } else {
                format!("{year} ")
            },
            text(&r[2]),
            text(&r[3])
        );
        lines.push(ProfileLine {
            section: "figures",
            item: text(&r[1]),
            iri: None,
            detail,
            sources: names(&BTreeSet::from([text(&r[0])])),
        });
    }
    let rank = |s: &str| {
        SECTIONS
            .iter()
            .position(|x| *x == s)
            .unwrap_or(SECTIONS.len())
    };
    lines.sort_by(|a, b| {
        rank(a.section)
            .cmp(&rank(b.section))
            .then(a.item.cmp(&b.item))
            .then(a.detail.cmp(&b.detail))
    });
    lines.dedup();
    Ok(lines)
}
