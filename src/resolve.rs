//! Resolution: mentions → entities with stable IRIs, aliases, part-of, links and figures.

use crate::class::Class;
use crate::extract::places::Places;
use crate::extract::text::CharIndex;
use crate::extract::{Extraction, Gazetteer, Status};
use crate::read::Document;
use crate::vocab::{iri_segment, DOC, ID};
use std::collections::{BTreeMap, BTreeSet};

/// One entity as a document states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub iri: String,
    pub label: String,
    pub class: Class,
    pub aliases: BTreeSet<String>,
    /// IRIs of what contains it.
    pub part_of: BTreeSet<String>,
    /// Mentioned in the text (ancestors of mentioned divisions are not).
    pub mentioned: bool,
}

/// A mention with code-point offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub begin: usize,
    pub end: usize,
    pub anchor: String,
    pub entity: String,
    pub rule: String,
    pub confidence: f32,
    /// The divisions and agencies this mention relates its entity to: the
    /// relation's evidence is the mention's sentence (`ig:statesLinkWith`).
    pub states_link_with: BTreeSet<String>,
}

/// A figure ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub begin: usize,
    pub end: usize,
    pub anchor: String,
    pub entity: String,
    pub measure: String,
    pub value: String,
    pub unit: String,
    pub year: Option<i32>,
    pub status: Status,
    pub qualifier: Option<String>,
}

/// What one document adds to the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentGraph {
    pub iri: String,
    pub document: Document,
    pub entities: BTreeMap<String, Entity>,
    pub mentions: Vec<Mention>,
    /// (division IRI, relation local name, entity IRI)
    pub links: BTreeSet<(String, String, String)>,
    /// (person IRI, role, agency or division IRI)
    pub roles: BTreeSet<(String, String, String)>,
    pub observations: Vec<Observation>,
    /// `ig:contentHash`: what the document was extracted from and by which
    /// extractor (set by the ingest pipeline; an unchanged document is skipped).
    pub content_hash: Option<String>,
    /// `ig:reportYear`: for an undated document, the year its text speaks for.
    pub report_year: Option<i32>,
}

/// The IRI of a document.
pub fn document_iri(id: &str) -> String {
    format!("{DOC}{}", iri_segment(id))
}

/// Records how a mention wrote an entity's name, when not as its label.
fn add_surface(entities: &mut BTreeMap<String, Entity>, iri: &str, raw: &str) {
    let Some(e) = entities.get_mut(iri) else {
        return;
    };
    let raw = raw.trim();
    // the common case: the text writes the label itself
    if raw == e.label {
        return;
    }
    if !raw.is_ascii() && !e.aliases.contains(raw) {
        e.aliases.insert(raw.to_string());
    }
    let surface = crate::extract::text::canonical_label(raw);
    if surface != e.label && !surface.is_empty() {
        e.aliases.insert(surface);
    }
}

/// Does the sentence around `[start, end)` state cooperation: a word of
/// cooperation, or the name joined to another by a dash (宜兴—上海)?
fn states_cooperation(text: &str, start: usize, end: usize) -> bool {
    let stops = ['。', '！', '？', '；', '\n'];
    let (s, e) = crate::extract::text::enclosing(text, start, end, &stops);
    let sentence = &text[s..e];
    let dash = ['—', '-', '－'];
    crate::extract::lexicon::lexicon()
        .cooperation_words
        .iter()
        .any(|w| sentence.contains(w))
        || text[..start].ends_with(dash)
        || text[end..].starts_with(dash)
}

/// Does the sentence of mention `k` also name place `other` (a mention of it,
/// or of a name that holds it)? Mentions are sorted by start, so the
/// sentence's mentions are found by binary search.
fn names_in_sentence(
    text: &str,
    mentions: &[crate::extract::Candidate],
    k: usize,
    other: usize,
) -> bool {
    let stops = ['。', '！', '？', '；', '\n'];
    let m = &mentions[k];
    let (s, e) = crate::extract::text::enclosing(text, m.start, m.end, &stops);
    let from = mentions.partition_point(|o| o.start < s);
    mentions[from..]
        .iter()
        .take_while(|o| o.start < e)
        .any(|o| o.entry == Some(other) || o.of == Some(other))
}

/// Resolves one document's extraction into its graph.
pub fn resolve(gazetteer: &Gazetteer, doc: &Document, ex: &Extraction) -> DocumentGraph {
    let g = &Places::with_local(gazetteer, ex.places.clone());
    let mut document = doc.clone();
    if document.title.is_none() {
        document.title = ex.header.title.clone();
    }
    if document.date.is_none() {
        document.date = ex.header.date.clone();
    }
    if document.publisher.is_none() {
        document.publisher = ex.header.publisher.clone();
    }
    let idx = CharIndex::new(&doc.text);
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let add_entry =
        |entities: &mut BTreeMap<String, Entity>, i: usize, mentioned: bool| -> String {
            let e = &g.entry(i);
            // most mentions name an entity seen before: look up before cloning a key
            if let Some(ent) = entities.get_mut(&e.iri) {
                ent.mentioned |= mentioned;
                return e.iri.clone();
            }
            let ent = entities.entry(e.iri.clone()).or_insert_with(|| Entity {
                iri: e.iri.clone(),
                label: e.label.clone(),
                class: e.class,
                aliases: e
                    .aliases
                    .iter()
                    .filter(|a| a.chars().count() > 1)
                    .cloned()
                    .collect(),
                part_of: BTreeSet::new(),
                mentioned,
            });
            ent.mentioned |= mentioned;
            e.iri.clone()
        };
    // divisions carry their chain of ancestors, so part-of holds transitively
    let mut mention_iris = Vec::with_capacity(ex.mentions.len());
    let mut with_ancestors = std::collections::HashSet::new();
    for (m, gov) in ex.mentions.iter().zip(&ex.governing) {
        let iri = match m.entry {
            Some(i) => {
                let iri = add_entry(&mut entities, i, true);
                // an entry mentioned again has its chain of ancestors in already
                if with_ancestors.insert(i) {
                    let mut child = i;
                    for a in g.ancestors(i) {
                        let parent_iri = add_entry(&mut entities, a, false);
                        let child_iri = g.entry(child).iri.clone();
                        if let Some(c) = entities.get_mut(&child_iri) {
                            c.part_of.insert(parent_iri);
                        }
                        child = a;
                    }
                }
                iri
            }
            None => {
                // one per division: the division the name belongs to, else the one speaking
                let scope = if m.scoped {
                    m.of.or(*gov)
                        .map(|d| g.entry(d).iri.rsplit('/').next().unwrap_or("").to_string())
                } else {
                    None
                };
                let iri = match scope {
                    Some(code) => {
                        format!("{ID}{}/{}/{}", m.class.slug(), code, iri_segment(&m.label))
                    }
                    None => format!("{ID}{}/{}", m.class.slug(), iri_segment(&m.label)),
                };
                entities.entry(iri.clone()).or_insert_with(|| Entity {
                    iri: iri.clone(),
                    label: m.label.clone(),
                    class: m.class,
                    aliases: BTreeSet::new(),
                    part_of: BTreeSet::new(),
                    mentioned: true,
                });
                iri
            }
        };
        // a conjunct (金凤 of 金凤、嘉陵江实验室) is not a name of what it makes
        if m.rule != "coordination" {
            add_surface(&mut entities, &iri, &doc.text[m.start..m.end]);
        }
        mention_iris.push(iri);
    }
    // nesting: a name that begins with another's is part of it (清华大学无锡应用技术研究院 ⊂ 清华大学);
    // a quoted name inside a longer one is its short name (“霞客杯”创新创业大赛)
    // mentions are sorted by start, longer first: the shorter names at the same start follow
    for (i, outer) in ex.mentions.iter().enumerate() {
        let same_start = ex.mentions[i + 1..]
            .iter()
            .take_while(|m| m.start == outer.start);
        for (j, inner) in same_start.enumerate().map(|(n, m)| (i + 1 + n, m)) {
            // 凤鸣平台区域节点 ⊂ 凤鸣平台: a platform's node, branch or park is part of it
            if inner.end < outer.end
                && matches!(outer.class.top(), Class::Institution | Class::Platform)
                && (matches!(inner.class.top(), Class::Institution)
                    || (inner.class.top() == Class::Platform
                        && outer.class.top() == Class::Platform))
            {
                let p = mention_iris[j].clone();
                if let Some(e) = entities.get_mut(&mention_iris[i]) {
                    e.part_of.insert(p);
                }
            }
        }
    }
    // each link keeps the mention that states it: the first whose sentence also
    // names the other end, else the first (a heading or the document names it)
    let mut links: BTreeMap<(String, String, String), (usize, bool)> = BTreeMap::new();
    let mut state = |link: (String, String, String), k: usize, other: usize| {
        let named = names_in_sentence(&doc.text, &ex.mentions, k, other);
        match links.get(&link) {
            Some(&(_, true)) => {}
            Some(_) if !named => {}
            _ => {
                links.insert(link, (k, named));
            }
        }
    };
    let mut roles = BTreeSet::new();
    for (k, (m, gov)) in ex.mentions.iter().zip(&ex.governing).enumerate() {
        let iri = &mention_iris[k];
        let Some(d) = *gov else { continue };
        if !g.is_division(d) {
            continue;
        }
        let div_iri = g.entry(d).iri.clone();
        add_entry(&mut entities, d, false);
        if let Some(i) = m.entry {
            // a zone is a place its own division hosts (临澧县 hosts 临澧高新区); a
            // division inside or around the one speaking is no partner of it
            let hosted_zone = m.class == Class::DevelopmentZone && g.ancestors(i).contains(&d);
            if g.is_division_or_country(i) && g.nested(i, d) && !hosted_zone {
                continue;
            }
        }
        // another division is a partner only where the sentence says so (合作, 对接,
        // 宜兴—上海…飞地); a visit's host or the place a list passes through is not
        // (a country a local text names is a partner abroad: 工作站（法国）)
        if m.class == Class::AdministrativeDivision
            && !states_cooperation(&doc.text, m.start, m.end)
        {
            continue;
        }
        // a reporter belongs to the paper, not to the division the story is about
        if m.class == Class::Person
            && m.of.is_none()
            && m.note
                .as_deref()
                .is_some_and(|r| crate::extract::people::REPORTER_ROLES.contains(&r))
        {
            continue;
        }
        // an agency or official of another division speaks for that one
        if matches!(m.class, Class::Agency | Class::Person) {
            // mentions are sorted by start: what lies inside m follows it
            let own = m.of.filter(|&i| g.is_division(i)).or_else(|| {
                ex.mentions[k..]
                    .iter()
                    .take_while(|o| o.start < m.end)
                    .filter(|o| o.end <= m.end)
                    .find_map(|o| o.entry.filter(|&i| g.is_division(i)))
            });
            if let Some(own) = own {
                add_entry(&mut entities, own, false);
                if m.class == Class::Person {
                    if let Some(role) = &m.note {
                        roles.insert((iri.clone(), role.clone(), g.entry(own).iri.clone()));
                    }
                }
                state(
                    (
                        g.entry(own).iri.clone(),
                        m.class.relation().to_string(),
                        iri.clone(),
                    ),
                    k,
                    own,
                );
                continue;
            }
        }
        if m.class == Class::Person {
            if let Some(role) = &m.note {
                roles.insert((iri.clone(), role.clone(), div_iri.clone()));
            }
        }
        state((div_iri, m.class.relation().to_string(), iri.clone()), k, d);
    }
    let mut states: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for ((div, _, _), (k, _)) in &links {
        states.entry(*k).or_default().insert(div.clone());
    }
    let links: BTreeSet<(String, String, String)> = links.into_keys().collect();
    let mentions = ex
        .mentions
        .iter()
        .zip(mention_iris)
        .enumerate()
        .map(|(k, (m, iri))| Mention {
            begin: idx.char_offset(m.start),
            end: idx.char_offset(m.end),
            anchor: doc.text[m.start..m.end].to_string(),
            entity: iri,
            rule: m.rule.to_string(),
            confidence: m.confidence,
            states_link_with: states.remove(&k).unwrap_or_default(),
        })
        .collect();
    let observations = ex
        .observations
        .iter()
        .map(|o| Observation {
            begin: idx.char_offset(o.figure.start),
            end: idx.char_offset(o.figure.end),
            anchor: doc.text[o.figure.start..o.figure.end].to_string(),
            entity: add_entry(&mut entities, o.division, false),
            measure: o.figure.measure.clone(),
            value: o.figure.value.clone(),
            unit: o.figure.unit.clone(),
            year: o.year,
            status: o.status,
            qualifier: o.figure.qualifier.clone(),
        })
        .collect();
    let report_year = ex.year.filter(|_| document.date.is_none());
    DocumentGraph {
        iri: document_iri(&doc.id),
        document,
        entities,
        mentions,
        links,
        roles,
        report_year,
        observations,
        content_hash: None,
    }
}
