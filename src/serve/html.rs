//! HTML of the server's pages: escaping, the page frame, links from IRIs to
//! their pages, and a small SVG of an entity's neighbourhood.

use crate::vocab::{DOC, ID, IG};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The path on this server that an innograph IRI dereferences to, if it is one.
pub fn local_path(iri: &str) -> Option<String> {
    for base in [ID, DOC] {
        if iri.starts_with(base) {
            return iri
                .strip_prefix("https://w3id.org/innograph")
                .map(String::from);
        }
    }
    iri.starts_with(IG).then(|| "/ontology".to_string())
}

/// Where a link to an IRI points: its page here, or the IRI itself if it is
/// a web address. Any other scheme (`javascript:`, `data:`, found in a
/// document's data) is no link: a click would run or open what it holds.
pub fn href(iri: &str) -> Option<String> {
    if let Some(p) = local_path(iri) {
        return Some(p);
    }
    let scheme = iri.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("http" | "https")).then(|| iri.to_string())
}

/// A link to an IRI's page here, or to the IRI itself elsewhere; the text
/// alone when the IRI is no web address.
pub fn link(iri: &str, text: &str) -> String {
    match href(iri) {
        Some(h) => format!("<a href=\"{}\">{}</a>", esc(&h), esc(text)),
        None => format!("<span title=\"{}\">{}</span>", esc(iri), esc(text)),
    }
}

/// Links to the previous and next of `of` pages (or parts) of a long page,
/// `?{key}=k`; nothing when there is one.
pub fn pager(key: &str, k: usize, of: usize) -> String {
    if of <= 1 {
        return String::new();
    }
    let mut out = String::from("<p class=\"pager\">");
    if k > 1 {
        out.push_str(&format!(
            "<a rel=\"prev\" href=\"?{key}={}\">← previous</a> ",
            k - 1
        ));
    }
    out.push_str(&format!("{key} {k} of {of}"));
    if k < of {
        out.push_str(&format!(
            " <a rel=\"next\" href=\"?{key}={}\">next →</a>",
            k + 1
        ));
    }
    out.push_str("</p>");
    out
}

/// A whole page: title, the shared style, the navigation and `body`.
pub fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · innograph</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="top"><a class="brand" href="/">innograph</a> <nav><a href="/">query</a> <a href="/#analyses">analyses</a> <a href="/sparql">endpoint</a></nav></header>
<main>
{body}
</main>
</body>
</html>
"#,
        title = esc(title)
    )
}

/// Colour of a class, as in the GEXF export and the rendered picture.
pub fn class_colour(class: &str) -> &'static str {
    match class {
        "AdministrativeDivision" => "#4e79a7",
        "Region" => "#76b7b2",
        "Country" => "#9c755f",
        "Agency" => "#bab0ac",
        "Person" => "#ff9da7",
        "Institution" | "University" | "ResearchInstitute" => "#f28e2b",
        "Enterprise" => "#edc948",
        "FinancialInstitution" | "Bank" => "#b07aa1",
        "Fund" | "FinancialProduct" => "#e15759",
        "Program" => "#59a14f",
        "Platform" => "#17becf",
        "Event" => "#d37295",
        _ => "#8cd17d",
    }
}

/// An entity and its neighbours on a circle, each linked to its page.
/// `neighbours`: (IRI, label, class) of each.
pub fn neighbourhood_svg(
    label: &str,
    class: &str,
    neighbours: &[(String, String, String)],
) -> String {
    let (w, h) = (720.0f64, 380.0f64);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let n = neighbours.len().max(1) as f64;
    let r = 135.0;
    let mut edges = String::new();
    let mut nodes = String::new();
    for (i, (iri, l, c)) in neighbours.iter().enumerate() {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        let (x, y) = (cx + r * a.cos(), cy + r * a.sin());
        edges.push_str(&format!(
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#bbb\"/>"
        ));
        // a node whose IRI is no web address is drawn without a link
        let (open, close) = match href(iri) {
            Some(h) => (format!("<a href=\"{}\">", esc(&h)), "</a>"),
            None => ("<g>".to_string(), "</g>"),
        };
        let anchor = if x < cx - 5.0 {
            "end"
        } else if x > cx + 5.0 {
            "start"
        } else {
            "middle"
        };
        let dx = if anchor == "end" {
            -9.0
        } else if anchor == "start" {
            9.0
        } else {
            0.0
        };
        // a label above or below its node, not across it
        let dy = if anchor != "middle" {
            4.0
        } else if y < cy {
            -10.0
        } else {
            18.0
        };
        nodes.push_str(&format!(
            "{open}<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"12\">{}</text>{close}",
            class_colour(c),
            x + dx,
            y + dy,
            esc(l)
        ));
    }
    format!(
        "<svg class=\"hood\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"neighbourhood of {lab}\">{edges}<circle cx=\"{cx}\" cy=\"{cy}\" r=\"11\" fill=\"{col}\"/><text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{lab}</text>{nodes}</svg>",
        lab = esc(label),
        col = class_colour(class),
        ty = cy - 16.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_iris_link_here() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            local_path("https://w3id.org/innograph/id/program/霞客之光").as_deref(),
            Some("/id/program/霞客之光")
        );
        assert_eq!(
            local_path("https://w3id.org/innograph/doc/a.txt").as_deref(),
            Some("/doc/a.txt")
        );
        assert_eq!(local_path("http://example.com/x"), None);
        assert!(link("http://example.com/<x>", "<x>").contains("&lt;x&gt;"));
    }

    #[test]
    fn only_web_addresses_and_pages_here_become_links() {
        for (iri, to) in [
            (
                "https://w3id.org/innograph/id/program/x",
                Some("/id/program/x"),
            ),
            ("http://example.com/x", Some("http://example.com/x")),
            ("HTTPS://example.com/x", Some("HTTPS://example.com/x")),
            ("javascript:alert(1)", None),
            ("JavaScript:alert(1)", None),
            ("data:text/html,<script>alert(1)</script>", None),
            ("urn:isbn:123", None),
            ("vbscript:x", None),
        ] {
            assert_eq!(href(iri).as_deref(), to, "{iri}");
            let l = link(iri, "x");
            assert_eq!(l.starts_with("<a href="), to.is_some(), "{iri}: {l}");
            assert!(
                !l.contains("href=\"javascript") && !l.contains("href=\"data"),
                "{l}"
            );
        }
        let svg = neighbourhood_svg(
            "a",
            "",
            &[("javascript:alert(1)".into(), "b".into(), String::new())],
        );
        assert!(!svg.contains("href"), "{svg}");
    }

    #[test]
    fn a_pager_links_its_neighbours_only() {
        assert_eq!(pager("page", 1, 1), "");
        let first = pager("page", 1, 3);
        assert!(
            first.contains("href=\"?page=2\"") && !first.contains("prev"),
            "{first}"
        );
        let mid = pager("part", 2, 3);
        assert!(
            mid.contains("href=\"?part=1\"") && mid.contains("href=\"?part=3\""),
            "{mid}"
        );
        let last = pager("part", 3, 3);
        assert!(
            last.contains("href=\"?part=2\"") && !last.contains("next"),
            "{last}"
        );
    }

    #[test]
    fn the_neighbourhood_is_an_svg_with_links() {
        let svg = neighbourhood_svg(
            "江阴市",
            "AdministrativeDivision",
            &[(
                format!("{ID}program/霞客之光"),
                "霞客之光".into(),
                "Program".into(),
            )],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("href=\"/id/program/霞客之光\""));
    }
}
