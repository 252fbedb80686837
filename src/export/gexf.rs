use super::view::{GraphView, ViewNode};
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
    write_gexf(v, false)
}

/// Writes a view as a dynamic GEXF 1.3 (`mode="dynamic"`, `timeformat="date"`)
/// for Gephi's timeline: every node and edge carries spells, one per run of
/// consecutive years of the dated documents stating it (2021–2023 is one spell
/// from 2021-01-01 to 2023-12-31), and nodes a dynamic attribute
/// `documents_in_year`. Undated nodes and edges carry no spell and so stay on
/// the screen at every time, as GEXF reads an element without spells.
/// Everything else is as in [`to_gexf`].
pub fn to_gexf_timeline(v: &GraphView) -> String {
    write_gexf(v, true)
}

/// Runs of consecutive years: [2019, 2021, 2022] → [(2019, 2019), (2021, 2022)].
pub fn year_runs(years: impl IntoIterator<Item = i32>) -> Vec<(i32, i32)> {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for y in years {
        match runs.last_mut() {
            Some(r) if y == r.1 + 1 => r.1 = y,
            Some(r) if y <= r.1 => {}
            _ => runs.push((y, y)),
        }
    }
    runs
}

fn spells(s: &mut String, indent: &str, years: impl IntoIterator<Item = i32>) {
    let runs = year_runs(years);
    if runs.is_empty() {
        return;
    }
    let _ = writeln!(s, "{indent}<spells>");
    for (a, b) in runs {
        let _ = writeln!(
            s,
            "{indent}  <spell start=\"{a:04}-01-01\" end=\"{b:04}-12-31\"/>"
        );
    }
    let _ = writeln!(s, "{indent}</spells>");
}

fn write_gexf(v: &GraphView, timeline: bool) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n");
    // non-ASCII early, so Gephi settles on UTF-8 before the labels
    s.push_str("  <meta>\n    <creator>innograph</creator>\n    <description>创新政策知识图谱 innovation-policy knowledge graph</description>\n  </meta>\n");
    graph_open(&mut s, v, timeline);
    // One node-attributes block, the dynamic one included: Gephi Lite's reader
    // (graphology-gexf 0.13) keeps only the last `<attributes class="node">` of
    // a file and then refuses the values declared in the others.
    let dynamic_id = NODE_ATTRIBUTES.len();
    node_attributes(&mut s, timeline, dynamic_id);
    s.push_str("    <nodes>\n");
    for (i, node) in v.nodes.iter().enumerate() {
        write_node(&mut s, i, node, timeline, dynamic_id);
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in v.edges.iter().enumerate() {
        let label = xml_escape(&e.label);
        let open = format!(
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" label=\"{label}\" kind=\"{label}\" weight=\"{}\"",
            e.source, e.target, e.weight
        );
        if timeline && !e.years.is_empty() {
            let _ = writeln!(s, "{open}>");
            spells(&mut s, "        ", e.years.iter().copied());
            s.push_str("      </edge>\n");
        } else {
            let _ = writeln!(s, "{open}/>");
        }
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// The `<graph>` element: static, or dynamic over the years the nodes are stated in.
fn graph_open(s: &mut String, v: &GraphView, timeline: bool) {
    let kind = if v.directed { "directed" } else { "undirected" };
    if timeline {
        let years: Vec<i32> = v
            .nodes
            .iter()
            .flat_map(|n| n.year_docs.keys().copied())
            .collect();
        let bounds = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) => format!(" start=\"{a:04}-01-01\" end=\"{b:04}-12-31\""),
            _ => String::new(),
        };
        let _ = writeln!(
        s,
        "  <graph defaultedgetype=\"{kind}\" mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\"{bounds}>"
    );
    } else {
        let _ = writeln!(s, "  <graph defaultedgetype=\"{kind}\" mode=\"static\">");
    }
}

/// The node attributes' declarations; with a timeline, the dynamic one too.
fn node_attributes(s: &mut String, timeline: bool, dynamic_id: usize) {
    if timeline {
        s.push_str("    <attributes class=\"node\" mode=\"dynamic\">\n");
    } else {
        s.push_str("    <attributes class=\"node\">\n");
    }
    for (i, (title, ty)) in NODE_ATTRIBUTES.iter().enumerate() {
        let _ = writeln!(
            s,
            "      <attribute id=\"{i}\" title=\"{title}\" type=\"{ty}\"/>"
        );
    }
    if timeline {
        let _ = writeln!(
            s,
            "      <attribute id=\"{dynamic_id}\" title=\"documents_in_year\" type=\"integer\"/>"
        );
    }
    s.push_str("    </attributes>\n");
}

fn write_node(s: &mut String, i: usize, node: &ViewNode, timeline: bool, dynamic_id: usize) {
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
    if timeline {
        for (y, n) in &node.year_docs {
            let _ = writeln!(
                s,
                "          <attvalue for=\"{dynamic_id}\" value=\"{n}\" start=\"{y:04}-01-01\" end=\"{y:04}-12-31\"/>"
            );
        }
    }
    s.push_str("        </attvalues>\n");
    if timeline {
        spells(s, "        ", node.year_docs.keys().copied());
    }
    let _ = writeln!(s, "        <viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\"/>");
    let _ = writeln!(
        s,
        "        <viz:position x=\"{:.3}\" y=\"{:.3}\" z=\"0.0\"/>",
        node.x, node.y
    );
    let _ = writeln!(s, "        <viz:size value=\"{:.3}\"/>", node.size);
    s.push_str("      </node>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_years_make_one_spell() {
        for (years, runs) in [
            (vec![], vec![]),
            (vec![2024], vec![(2024, 2024)]),
            (
                vec![2019, 2021, 2022, 2023],
                vec![(2019, 2019), (2021, 2023)],
            ),
            (vec![2021, 2021, 2022], vec![(2021, 2022)]),
        ] {
            assert_eq!(year_runs(years.clone()), runs, "{years:?}");
        }
    }
}
