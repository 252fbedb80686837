//! Names from the command line resolved to the graph's entities.

use anyhow::{bail, Result};
use innograph::analyze::{lookup, Lookup};
use innograph::extract::Gazetteer;
use innograph::graph::Projection;
use petgraph::graph::NodeIndex;
use std::sync::OnceLock;

/// The bundled dictionaries, built once and only when a name is not an IRI
/// of the graph (building them takes longer than a lookup: 0.13 s).
fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::bundled)
}

/// What `name` resolves to: an IRI of the graph directly, else by label,
/// alias or dictionary surface.
fn resolve(p: &Projection, name: &str) -> Lookup {
    match p.node_index(name.trim()) {
        Some(i) => Lookup::Found(i),
        None => lookup(p, gazetteer(), name),
    }
}

/// Resolves a name from the command line, or says which names come closest.
pub fn entity(p: &Projection, name: &str) -> Result<NodeIndex> {
    let describe = |i: &NodeIndex| {
        format!(
            "{} ({}, {})",
            p.graph[*i].label,
            p.graph[*i].class.top().name(),
            p.graph[*i].iri
        )
    };
    match resolve(p, name) {
        Lookup::Found(i) => Ok(i),
        Lookup::Ambiguous(v) => bail!(
            "{name:?} names several entities; give one of their IRIs: {}",
            v.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
        Lookup::NotFound(v) if v.is_empty() => bail!("no entity named {name:?} in the store"),
        Lookup::NotFound(v) => bail!(
            "no entity named {name:?} in the store; closest: {}",
            v.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
    }
}

pub fn division(p: &Projection, name: &str) -> Result<NodeIndex> {
    let d = entity(p, name)?;
    if !p.is_division(d) {
        bail!(
            "{name:?} is {} ({}), not an administrative division",
            p.graph[d].label,
            p.graph[d].class.top().name()
        );
    }
    Ok(d)
}

/// The IRI of the division a flag names, if it names one in the graph; else the
/// name itself (matched against the divisions' labels).
pub fn division_key(p: &Projection, name: &str) -> String {
    match resolve(p, name) {
        Lookup::Found(i) if p.is_division(i) => p.graph[i].iri.clone(),
        _ => name.to_string(),
    }
}
