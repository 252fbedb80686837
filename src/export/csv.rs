use super::view::GraphView;

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Node and edge tables in the columns Gephi's spreadsheet import expects
/// (`Id,Label,…` and `Source,Target,Type,Label,Weight`), read as they are by pandas.
pub fn to_csv(v: &GraphView) -> (String, String) {
    let mut nodes = String::from(
        "Id,Label,class,iri,documents,pagerank,betweenness,community,first_year,last_year,x,y\n",
    );
    for (i, n) in v.nodes.iter().enumerate() {
        let (first, last) = n
            .years
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or_default();
        nodes.push_str(&format!(
            "n{i},{},{},{},{},{:.9},{:.9},{},{first},{last},{:.3},{:.3}\n",
            field(&n.label),
            n.class.top().name(),
            field(&n.iri),
            n.documents,
            n.pagerank,
            n.betweenness,
            n.community,
            n.x,
            n.y
        ));
    }
    let kind = if v.directed { "Directed" } else { "Undirected" };
    let mut edges = String::from("Source,Target,Type,Label,Weight\n");
    for e in &v.edges {
        edges.push_str(&format!(
            "n{},n{},{kind},{},{}\n",
            e.source,
            e.target,
            field(&e.label),
            e.weight
        ));
    }
    (nodes, edges)
}
