//! Names from the command line resolved to the graph's entities.

use anyhow::{bail, Result};
use innograph::analyze::{lookup, Lookup};
use innograph::extract::Gazetteer;
use innograph::graph::Projection;
use petgraph::graph::NodeIndex;

/// Resolves a name from the command line, or says which names come closest.
pub fn entity(p: &Projection, g: &Gazetteer, name: &str) -> Result<NodeIndex> {
    let describe = |i: &NodeIndex| {
        format!(
            "{} ({}, {})",
            p.graph[*i].label,
            p.graph[*i].class.top().name(),
            p.graph[*i].iri
        )
    };
    match lookup(p, g, name) {
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

pub fn division(p: &Projection, g: &Gazetteer, name: &str) -> Result<NodeIndex> {
    let d = entity(p, g, name)?;
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
    let g = Gazetteer::bundled();
    match innograph::analyze::lookup(p, &g, name) {
        innograph::analyze::Lookup::Found(i) if p.is_division(i) => p.graph[i].iri.clone(),
        _ => name.to_string(),
    }
}
