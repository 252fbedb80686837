use super::view::GraphView;
use super::xml_escape;
use std::fmt::Write;

/// Writes a view as GraphML (yEd, Cytoscape, igraph, networkx) with the same
/// node attributes as the GEXF file and the layout as `x`/`y`.
pub fn to_graphml(v: &GraphView) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    let keys = [
        ("d0", "node", "label", "string"),
        ("d1", "node", "class", "string"),
        ("d2", "node", "iri", "string"),
        ("d3", "node", "documents", "int"),
        ("d4", "node", "pagerank", "double"),
        ("d5", "node", "betweenness", "double"),
        ("d6", "node", "community", "int"),
        ("d7", "node", "x", "double"),
        ("d8", "node", "y", "double"),
        ("d9", "edge", "property", "string"),
        ("d10", "edge", "weight", "double"),
    ];
    for (id, for_, name, ty) in keys {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        s,
        "  <graph id=\"innograph\" edgedefault=\"{}\">",
        if v.directed { "directed" } else { "undirected" }
    );
    for (i, n) in v.nodes.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <node id=\"n{i}\"><data key=\"d0\">{}</data><data key=\"d1\">{}</data><data key=\"d2\">{}</data><data key=\"d3\">{}</data><data key=\"d4\">{:.9}</data><data key=\"d5\">{:.9}</data><data key=\"d6\">{}</data><data key=\"d7\">{:.3}</data><data key=\"d8\">{:.3}</data></node>",
            xml_escape(&n.label),
            n.class.top().name(),
            xml_escape(&n.iri),
            n.documents,
            n.pagerank,
            n.betweenness,
            n.community,
            n.x,
            n.y
        );
    }
    for (i, e) in v.edges.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\"><data key=\"d9\">{}</data><data key=\"d10\">{}</data></edge>",
            e.source,
            e.target,
            xml_escape(&e.label),
            e.weight
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}
