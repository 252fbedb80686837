//! IRIs of the vocabularies innograph writes.

pub const IG: &str = "https://w3id.org/innograph/ontology#";
/// Base of entity IRIs: `{ID}{class}/{key}`.
pub const ID: &str = "https://w3id.org/innograph/id/";
/// Base of document IRIs (and so of named graphs).
pub const DOC: &str = "https://w3id.org/innograph/doc/";
/// The named graph that holds the ontology inside every store.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/innograph/ontology";
/// The named graph of the store's own bookkeeping: its generation, bumped by
/// every write, which tells whether the projection cache beside it is current.
pub const META_GRAPH: &str = "https://w3id.org/innograph/meta";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const RDFS_SUBCLASSOF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
pub const RDFS_SUBPROPERTYOF: &str = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf";
pub const SKOS_ALTLABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// `dcterms:date`, matched as a constant on every quad a summary reads.
pub const DCTERMS_DATE: &str = "http://purl.org/dc/terms/date";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const ITSRDF_TA_IDENT_REF: &str = "http://www.w3.org/2005/11/its/rdf#taIdentRef";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// `ig:` + local name.
pub fn ig(local: &str) -> String {
    format!("{IG}{local}")
}

/// `nif:` + local name.
pub fn nif(local: &str) -> String {
    format!("{NIF}{local}")
}

/// `dcterms:` + local name.
pub fn dcterms(local: &str) -> String {
    format!("{DCTERMS}{local}")
}

/// `xsd:` + local name.
pub fn xsd(local: &str) -> String {
    format!("{XSD}{local}")
}

/// Percent-encodes what may not stand in an IRI path segment, keeping CJK text readable.
///
/// ASCII letters, digits and `-._~` stay; other ASCII (space, `/`, `#`, `<`, quotes…)
/// and control characters are encoded; non-ASCII characters stay as IRIs allow
/// them, except the few that RFC 3987 excludes (private use, specials, non-characters).
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (!c.is_ascii() && is_ucschar(c));
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn is_ucschar(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF
        | 0x10000..=0x1FFFD | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// The ontology shipped with innograph, loaded into every store.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/innograph.ttl");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iri_segment_keeps_cjk_and_encodes_ascii_specials() {
        for (input, want) in [
            ("清华大学", "清华大学"),
            ("a b", "a%20b"),
            ("x/y#z", "x%2Fy%23z"),
            ("“1+4”", "“1%2B4”"),
            ("\u{1}", "%01"),
            ("\u{FFFF}", "%EF%BF%BF"),
        ] {
            assert_eq!(iri_segment(input), want, "{input}");
        }
    }
}
