use super::xml_escape;
use crate::graph::Projection;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// Writes the projection as GEXF 1.3 (valid against the schema's RNG form).
///
/// Nodes carry class, label, IRI, degree and documents as attributes and a
/// `viz:color` by class; edges carry the property as label and the number of
/// documents stating them as weight.
pub fn to_gexf(p: &Projection) -> String {
    let g = &p.graph;
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    s.push_str("  <meta>\n    <creator>innograph</creator>\n    <description>创新政策知识图谱 innovation-policy knowledge graph</description>\n  </meta>\n");
    s.push_str("  <graph defaultedgetype=\"directed\" mode=\"static\">\n");
    s.push_str("    <attributes class=\"node\">\n");
    for (id, title, ty) in [
        ("0", "class", "string"),
        ("1", "label", "string"),
        ("2", "iri", "string"),
        ("3", "degree", "integer"),
        ("4", "documents", "integer"),
    ] {
        let _ = writeln!(
            s,
            "      <attribute id=\"{id}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for n in g.node_indices() {
        let node = &g[n];
        let degree = g.edges_directed(n, petgraph::Direction::Incoming).count()
            + g.edges_directed(n, petgraph::Direction::Outgoing).count();
        let (r, gr, b) = node.class.color();
        let _ = writeln!(
            s,
            "      <node id=\"n{}\" label=\"{}\">",
            n.index(),
            xml_escape(&node.label)
        );
        s.push_str("        <attvalues>\n");
        for (k, v) in [
            ("0", node.class.top().name().to_string()),
            ("1", node.label.clone()),
            ("2", node.iri.clone()),
            ("3", degree.to_string()),
            ("4", node.documents.to_string()),
        ] {
            let _ = writeln!(
                s,
                "          <attvalue for=\"{k}\" value=\"{}\"/>",
                xml_escape(&v)
            );
        }
        s.push_str("        </attvalues>\n");
        let _ = writeln!(s, "        <viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\"/>");
        s.push_str("      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for e in g.edge_references() {
        let _ = writeln!(
            s,
            "      <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" label=\"{}\" weight=\"{}\"/>",
            e.id().index(),
            e.source().index(),
            e.target().index(),
            xml_escape(&e.weight().property),
            e.weight().weight()
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
