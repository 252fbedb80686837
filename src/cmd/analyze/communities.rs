//! `innograph analyze communities`: Louvain communities of the graph.

use crate::cli::{CommunitiesArgs, TableFormat};
use crate::cmd::open;
use crate::cmd::output::{emit_with, list_cell};
use anyhow::Result;
use innograph::analyze;

pub fn run(a: &CommunitiesArgs) -> Result<()> {
    let (_s, p) = open::source(&a.source)?;
    let c = analyze::community_list(&p, a.seed, a.top);
    match a.format {
        TableFormat::Json => {
            crate::outln!("{}", serde_json::to_string_pretty(&c)?);
            Ok(())
        }
        f => {
            if matches!(f, TableFormat::Table) {
                crate::outln!("{} communities, modularity {:.4}", c.count, c.modularity);
            }
            let names = |r: &analyze::Community| -> Vec<String> {
                r.members.iter().map(|m| m.label.clone()).collect()
            };
            emit_with(
                &c.communities,
                &["community", "size", "members (by PageRank)"],
                |r| {
                    vec![
                        r.id.to_string(),
                        r.size.to_string(),
                        list_cell(&names(r), " "),
                    ]
                },
                |r| vec![r.id.to_string(), r.size.to_string(), names(r).join(";")],
                f,
            )
        }
    }
}
