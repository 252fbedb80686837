use super::view::GraphView;
use super::xml_escape;
use std::fmt::Write;

/// The node attributes, in GEXF types networkx reads (`integer`, `double`, `string`).
const NODE_ATTRIBUTES: [(&str, &str); 10] = [
    ("class", "string"),
    ("label", "string"),
    ("iri", "string"),
    ("pagerank", "double"),
    ("betweenness", "double"),
    ("community", "integer"),
    ("degree", "integer"),
    ("documents", "integer"),
    ("first_year", "integer"),
    ("last_year", "integer"),
];

/// Writes a view as GEXF 1.3, valid against the schema's RNG form.
///
/// Nodes carry class, label, IRI, PageRank, betweenness, community, degree,
/// documents and the first and last year of the documents naming them (left
/// out for undated ones); `viz:color` by class, `viz:size` by PageRank and
/// `viz:position` from the ForceAtlas2 layout, so Gephi opens it laid out.
/// Edges carry the property as label and kind (parallel edges of different
/// properties stay apart in Gephi) and the number of documents as weight.
pub fn to_gexf(v: &GraphView) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    // non-ASCII early, so Gephi settles on UTF-8 before the labels
    s.push_str("  <meta>\n    <creator>innograph</creator>\n    <description>创新政策知识图谱 innovation-policy knowledge graph</description>\n  </meta>\n");
    let _ = writeln!(
        s,
        "  <graph defaultedgetype=\"{}\" mode=\"static\">",
        if v.directed { "directed" } else { "undirected" }
    );
    s.push_str("    <attributes class=\"node\">\n");
    for (i, (title, ty)) in NODE_ATTRIBUTES.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <attribute id=\"{i}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    s.push_str("    </attributes>\n    <nodes>\n");
    for (i, node) in v.nodes.iter().enumerate() {
        let (r, gr, b) = node.class.color();
        let _ = writeln!(
            s,
            "      <node id=\"n{i}\" label=\"{}\">",
            xml_escape(&node.label)
        );
        s.push_str("        <attvalues>\n");
        let mut values = vec![
            node.class.top().name().to_string(),
            node.label.clone(),
            node.iri.clone(),
            format!("{:.9}", node.pagerank),
            format!("{:.9}", node.betweenness),
            node.community.to_string(),
            node.degree.to_string(),
            node.documents.to_string(),
        ];
        if let Some((first, last)) = node.years {
            values.push(first.to_string());
            values.push(last.to_string());
        }
        for (k, value) in values.iter().enumerate() {
            let _ = writeln!(
                s,
                "          <attvalue for=\"{k}\" value=\"{}\"/>",
                xml_escape(value)
            );
        }
        s.push_str("        </attvalues>\n");
        let _ = writeln!(s, "        <viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\"/>");
        let _ = writeln!(
            s,
            "        <viz:position x=\"{:.3}\" y=\"{:.3}\" z=\"0.0\"/>",
            node.x, node.y
        );
        let _ = writeln!(s, "        <viz:size value=\"{:.3}\"/>", node.size);
        s.push_str("      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in v.edges.iter().enumerate() {
        let label = xml_escape(&e.label);
        let _ = writeln!(
            s,
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" label=\"{label}\" kind=\"{label}\" weight=\"{}\"/>",
            e.source, e.target, e.weight
        );
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}
