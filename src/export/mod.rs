//! Graph files (GEXF, GraphML, CSV) and pictures (SVG, PNG) of a view of the
//! projection, with its layout; RDF dumps of the store.

pub mod chart;
pub mod csv;
pub mod gexf;
pub mod graphml;
pub mod layout;
pub mod rdf;
pub mod render;
pub mod view;

pub use view::{GraphView, Mode};

/// Escapes text for XML attribute values and content, dropping characters XML 1.0 forbids.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escape_drops_illegal_characters() {
        assert_eq!(
            super::xml_escape("a<b>&\"c'\u{1}\u{FFFF}清华"),
            "a&lt;b&gt;&amp;&quot;c&apos;清华"
        );
    }
}
