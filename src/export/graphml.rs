use super::xml_escape;
use crate::graph::Projection;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// Writes the projection as GraphML (yEd, Cytoscape, igraph, networkx).
pub fn to_graphml(p: &Projection) -> String {
    let g = &p.graph;
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (id, for_, name, ty) in [
        ("d0", "node", "label", "string"),
        ("d1", "node", "class", "string"),
        ("d2", "node", "iri", "string"),
        ("d3", "node", "documents", "int"),
        ("d4", "edge", "property", "string"),
        ("d5", "edge", "weight", "double"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    s.push_str("  <graph id=\"innograph\" edgedefault=\"directed\">\n");
    for n in g.node_indices() {
        let node = &g[n];
        let _ = writeln!(
            s,
            "    <node id=\"n{}\"><data key=\"d0\">{}</data><data key=\"d1\">{}</data><data key=\"d2\">{}</data><data key=\"d3\">{}</data></node>",
            n.index(),
            xml_escape(&node.label),
            node.class.top().name(),
            xml_escape(&node.iri),
            node.documents
        );
    }
    for e in g.edge_references() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"d4\">{}</data><data key=\"d5\">{}</data></edge>",
            e.id().index(),
            e.source().index(),
            e.target().index(),
            xml_escape(&e.weight().property),
            e.weight().weight()
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}
