//! Every SPARQL text the program sends of its own (user queries aside): one
//! named function each, with the variables its rows bind, in order. Read the
//! rows with [`super::row`]. The prefixes are those of [`crate::vocab`]
//! (a test checks they agree).

/// The prefixes every query here may use.
pub const PREFIXES: &str = "PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX dcterms: <http://purl.org/dc/terms/>
";

// ---- the projection (graph::Projection::from_source) ----

/// `?e ?type ?label`: every entity of a document graph with an innograph
/// class and a label.
pub fn entity_classes() -> String {
    format!(
        "{PREFIXES}SELECT DISTINCT ?e ?type ?label WHERE {{ GRAPH ?g {{ ?e a ?type ; rdfs:label ?label }} FILTER(?g != <{}>) FILTER(STRSTARTS(STR(?type), \"{}\")) }} ORDER BY ?e ?type ?label",
        crate::vocab::ONTOLOGY_GRAPH,
        crate::vocab::IG
    )
}

/// `?e ?n`: how many documents mention each entity.
pub fn mention_counts() -> String {
    format!("{PREFIXES}SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d ig:mentions ?e }} GROUP BY ?e ORDER BY ?e")
}

/// `?d ?date`: each document's date, else the year it reports on.
pub fn document_dates() -> String {
    format!("{PREFIXES}SELECT ?d ?date WHERE {{ ?d a ig:Document {{ ?d dcterms:date ?date }} UNION {{ ?d ig:reportYear ?date FILTER NOT EXISTS {{ ?d dcterms:date ?x }} }} }} ORDER BY ?d ?date")
}

/// `?e ?d`: which documents mention which entity.
pub fn mentions() -> String {
    format!("{PREFIXES}SELECT DISTINCT ?e ?d WHERE {{ ?d ig:mentions ?e }} ORDER BY ?e ?d")
}

/// `?e ?a`: every entity's other names.
pub fn aliases() -> String {
    format!("{PREFIXES}SELECT DISTINCT ?e ?a WHERE {{ ?e skos:altLabel ?a }} ORDER BY ?e ?a")
}

/// `?s ?p ?o ?g`: the stated relations (sub-properties of `ig:relatedTo`)
/// with the graph that states each.
pub fn relations() -> String {
    format!("{PREFIXES}SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} ?p rdfs:subPropertyOf ig:relatedTo }} ORDER BY ?s ?p ?o ?g")
}

/// `?s ?p ?o ?g`: containment (`ig:partOf`) with the graph that states it; a
/// query apart from [`relations`] because Virtuoso answers nothing to the
/// UNION of a pattern and a VALUES block there.
pub fn containment() -> String {
    format!("{PREFIXES}SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ig:partOf ?o }} BIND(ig:partOf AS ?p) }} ORDER BY ?s ?o ?g")
}

// ---- figures, documents, people (analyze) ----

/// `?o ?d ?m ?v ?u ?y ?st ?q ?g ?b ?a ?dd ?ry`: every figure with its entity,
/// measure, value, unit, year, status, qualifier, graph, offset, anchor, and
/// its document's date and report year.
pub fn figures() -> String {
    format!("{PREFIXES}SELECT ?o ?d ?m ?v ?u ?y ?st ?q ?g ?b ?a ?dd ?ry WHERE {{ GRAPH ?g {{ ?o a ig:Observation ; ig:observedEntity ?d ;
  ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?st ; nif:beginIndex ?b ; nif:anchorOf ?a
  OPTIONAL {{ ?o ig:year ?y }} OPTIONAL {{ ?o ig:qualifier ?q }}
  OPTIONAL {{ ?g dcterms:date ?dd }} OPTIONAL {{ ?g ig:reportYear ?ry }} }} }} ORDER BY ?o")
}

/// `?d ?l`: the labels of the entities figures are of.
pub fn figure_entity_labels() -> String {
    format!("{PREFIXES}SELECT DISTINCT ?d ?l WHERE {{ ?o ig:observedEntity ?d . ?d rdfs:label ?l }} ORDER BY ?d ?l")
}

/// `?g ?m ?v ?u ?y ?s ?q`: the figures of entity `iri`.
pub fn figures_of(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?g ?m ?v ?u ?y ?s ?q WHERE {{ GRAPH ?g {{ ?o ig:observedEntity <{iri}> ; ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?s OPTIONAL {{ ?o ig:year ?y }} OPTIONAL {{ ?o ig:qualifier ?q }} }} }}")
}

/// `?d ?id`: every document's identifier.
pub fn document_ids() -> String {
    format!("{PREFIXES}SELECT ?d ?id WHERE {{ ?d a ig:Document ; dcterms:identifier ?id }}")
}

/// `?p ?role`: every person's roles.
pub fn roles() -> String {
    format!("{PREFIXES}SELECT DISTINCT ?p ?role WHERE {{ ?p ig:role ?role }}")
}

/// `?n`: the number of documents.
pub fn document_count() -> String {
    format!("{PREFIXES}SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a ig:Document }}")
}

/// `?t ?n`: entities mentioned, by class.
pub fn entities_per_class() -> String {
    format!("{PREFIXES}SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?d ig:mentions ?e . ?e a ?t }} GROUP BY ?t")
}

// ---- evidence (analyze::evidence) ----

/// `?t ?id`: the text and identifier of document `doc`.
pub fn document_text(doc: &str) -> String {
    format!("{PREFIXES}SELECT ?t ?id WHERE {{ GRAPH <{doc}> {{ <{doc}> nif:isString ?t OPTIONAL {{ <{doc}> dcterms:identifier ?id }} }} }}")
}

/// `?b`: where document `doc` mentions `entity`, in order.
pub fn mention_offsets(doc: &str, entity: &str) -> String {
    format!("{PREFIXES}SELECT ?b WHERE {{ GRAPH <{doc}> {{ ?m itsrdf:taIdentRef <{entity}> ; nif:beginIndex ?b }} }} ORDER BY ?b")
}

/// `?b`: where document `doc` has a mention of `a` or `b` that states its
/// relation with the other.
pub fn stating_offsets(doc: &str, a: &str, b: &str) -> String {
    format!("{PREFIXES}SELECT ?b WHERE {{ GRAPH <{doc}> {{ {{ ?m itsrdf:taIdentRef <{a}> ; ig:statesLinkWith <{b}> }} UNION {{ ?m itsrdf:taIdentRef <{b}> ; ig:statesLinkWith <{a}> }} ?m nif:beginIndex ?b }} }}")
}

// ---- pages (serve) ----

/// What `iri` says and what is said of it (a CONSTRUCT), mentions aside.
pub fn describe(iri: &str) -> String {
    format!("{PREFIXES}CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> FILTER(?q != itsrdf:taIdentRef) }} }}")
}

/// `?p ?o ?g`: what `iri` says, by graph.
pub fn outgoing(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
}

/// `?s ?p ?g`: what is said of `iri`, by graph, mentions, figures and
/// evidence aside.
pub fn incoming(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} FILTER(?p NOT IN (itsrdf:taIdentRef, ig:mentions, ig:observedEntity, ig:statesLinkWith)) }}")
}

/// `?x ?l ?t`: the label and classes of each IRI of `values` (`<a> <b> …`).
pub fn labels_of(values: &str) -> String {
    format!("{PREFIXES}SELECT ?x ?l ?t WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label ?l OPTIONAL {{ ?x a ?t }} }}")
}

/// `?m ?v ?u ?y ?st ?q ?g ?b`: the figures of `iri` with their graph and offset.
pub fn figures_with_offsets(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?m ?v ?u ?y ?st ?q ?g ?b WHERE {{ GRAPH ?g {{ ?o ig:observedEntity <{iri}> ; ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?st ; nif:beginIndex ?b OPTIONAL {{ ?o ig:year ?y }} OPTIONAL {{ ?o ig:qualifier ?q }} }} }} ORDER BY ?y ?m")
}

/// `?d ?t`: the first 200 documents that mention `iri`, with their titles.
pub fn documents_naming(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?d ?t WHERE {{ ?d ig:mentions <{iri}> OPTIONAL {{ ?d dcterms:title ?t }} }} ORDER BY ?d LIMIT 200")
}

/// `?text ?title ?date ?pub ?src`: document `iri`'s text and fields.
pub fn document_head(iri: &str) -> String {
    format!("{PREFIXES}SELECT ?text ?title ?date ?pub ?src WHERE {{ GRAPH <{iri}> {{ <{iri}> nif:isString ?text OPTIONAL {{ <{iri}> dcterms:title ?title }} OPTIONAL {{ <{iri}> dcterms:date ?date }} OPTIONAL {{ <{iri}> dcterms:publisher ?pub }} OPTIONAL {{ <{iri}> dcterms:source ?src }} }} }}")
}

/// `?b ?e ?ent ?l ?t ?rule`: the mentions of document `iri` between code
/// points `c0` and `c1`, with their entity's label and class and their rule.
pub fn mentions_between(iri: &str, c0: usize, c1: usize) -> String {
    format!("{PREFIXES}SELECT ?b ?e ?ent ?l ?t ?rule WHERE {{ GRAPH <{iri}> {{ ?m a nif:Phrase ; nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taIdentRef ?ent . FILTER(?b >= {c0} && ?e <= {c1}) OPTIONAL {{ ?m ig:rule ?rule }} OPTIONAL {{ ?ent rdfs:label ?l }} OPTIONAL {{ ?ent a ?t }} }} }}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab;

    #[test]
    fn the_prefixes_are_the_vocabulary_s() {
        // (prefix, a term of vocab.rs, its local name): the namespace is the term without it
        for (prefix, term, local) in [
            ("ig", vocab::IG, ""),
            ("rdfs", vocab::RDFS, ""),
            ("dcterms", vocab::DCTERMS, ""),
            ("nif", vocab::NIF, ""),
            ("skos", vocab::SKOS_ALTLABEL, "altLabel"),
            ("itsrdf", vocab::ITSRDF_TA_IDENT_REF, "taIdentRef"),
            ("rdf", vocab::RDF_TYPE, "type"),
        ] {
            let namespace = term.strip_suffix(local).unwrap_or(term);
            assert!(
                PREFIXES.contains(&format!("PREFIX {prefix}: <{namespace}>")),
                "{prefix}"
            );
        }
    }

    #[test]
    fn every_query_parses() {
        let iri = "https://w3id.org/innograph/id/x";
        for q in [
            entity_classes(),
            mention_counts(),
            document_dates(),
            mentions(),
            aliases(),
            relations(),
            containment(),
            figures(),
            figure_entity_labels(),
            figures_of(iri),
            document_ids(),
            roles(),
            document_count(),
            entities_per_class(),
            document_text(iri),
            mention_offsets(iri, iri),
            stating_offsets(iri, iri, iri),
            describe(iri),
            outgoing(iri),
            incoming(iri),
            labels_of(&format!("<{iri}> <{iri}>")),
            figures_with_offsets(iri),
            documents_naming(iri),
            document_head(iri),
            mentions_between(iri, 0, 10),
        ] {
            assert!(
                oxigraph::sparql::SparqlEvaluator::new()
                    .parse_query(&q)
                    .is_ok(),
                "{q}"
            );
        }
    }
}
