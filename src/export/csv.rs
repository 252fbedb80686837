use crate::graph::Projection;
use petgraph::visit::EdgeRef;

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Node and edge tables in the columns Gephi's spreadsheet import expects
/// (`Id,Label,…` and `Source,Target,Type,Label,Weight`).
pub fn to_csv(p: &Projection) -> (String, String) {
    let g = &p.graph;
    let mut nodes = String::from("Id,Label,class,iri,documents\n");
    for n in g.node_indices() {
        let node = &g[n];
        nodes.push_str(&format!(
            "n{},{},{},{},{}\n",
            n.index(),
            field(&node.label),
            node.class.top().name(),
            field(&node.iri),
            node.documents
        ));
    }
    let mut edges = String::from("Source,Target,Type,Label,Weight\n");
    for e in g.edge_references() {
        edges.push_str(&format!(
            "n{},n{},Directed,{},{}\n",
            e.source().index(),
            e.target().index(),
            field(&e.weight().property),
            e.weight().weight()
        ));
    }
    (nodes, edges)
}
