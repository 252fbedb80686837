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

/// A relation (division IRI, relation local name, entity IRI).
type Link = (String, String, String);

/// The entities of one document as they are gathered.
struct Entities<'a> {
    places: &'a Places<'a>,
    by_iri: BTreeMap<String, Entity>,
}

impl Entities<'_> {
    /// Adds the entity of dictionary entry `i` (once) and returns its IRI.
    fn add_entry(&mut self, i: usize, mentioned: bool) -> String {
        let e = self.places.entry(i);
        // most mentions name an entity seen before: look up before cloning a key
        if let Some(ent) = self.by_iri.get_mut(&e.iri) {
            ent.mentioned |= mentioned;
            return e.iri.clone();
        }
        self.by_iri.insert(
            e.iri.clone(),
            Entity {
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
            },
        );
        e.iri.clone()
    }

    /// Adds entry `i` with its chain of ancestors, so part-of holds transitively.
    fn add_with_ancestors(&mut self, i: usize) {
        let mut child = i;
        for a in self.places.ancestors(i) {
            let parent_iri = self.add_entry(a, false);
            let child_iri = self.places.entry(child).iri.clone();
            if let Some(c) = self.by_iri.get_mut(&child_iri) {
                c.part_of.insert(parent_iri);
            }
            child = a;
        }
    }

    /// Adds a name no dictionary holds, one per division: the division the
    /// name belongs to, else the one speaking.
    fn add_local(&mut self, m: &crate::extract::Candidate, gov: Option<usize>) -> String {
        let scope = if m.scoped {
            m.of.or(gov).map(|d| {
                let iri = &self.places.entry(d).iri;
                iri.rsplit('/').next().unwrap_or("").to_string()
            })
        } else {
            None
        };
        let iri = match scope {
            Some(code) => format!("{ID}{}/{}/{}", m.class.slug(), code, iri_segment(&m.label)),
            None => format!("{ID}{}/{}", m.class.slug(), iri_segment(&m.label)),
        };
        self.by_iri.entry(iri.clone()).or_insert_with(|| Entity {
            iri: iri.clone(),
            label: m.label.clone(),
            class: m.class,
            aliases: BTreeSet::new(),
            part_of: BTreeSet::new(),
            mentioned: true,
        });
        iri
    }

    /// The entity of every mention, in the mentions' order.
    fn of_mentions(&mut self, text: &str, ex: &Extraction) -> Vec<String> {
        let mut iris = Vec::with_capacity(ex.mentions.len());
        let mut with_ancestors = std::collections::HashSet::new();
        for (m, gov) in ex.mentions.iter().zip(&ex.governing) {
            let iri = match m.entry {
                Some(i) => {
                    let iri = self.add_entry(i, true);
                    // an entry mentioned again has its chain of ancestors in already
                    if with_ancestors.insert(i) {
                        self.add_with_ancestors(i);
                    }
                    iri
                }
                None => self.add_local(m, *gov),
            };
            // a conjunct (金凤 of 金凤、嘉陵江实验室) is not a name of what it makes
            if m.rule != "coordination" {
                add_surface(&mut self.by_iri, &iri, &text[m.start..m.end]);
            }
            iris.push(iri);
        }
        iris
    }

    /// Nesting: a name that begins with another's is part of it
    /// (清华大学无锡应用技术研究院 ⊂ 清华大学). Mentions are sorted by start,
    /// longer first: the shorter names at the same start follow.
    fn nest(&mut self, ex: &Extraction, mention_iris: &[String]) {
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
                    if let Some(e) = self.by_iri.get_mut(&mention_iris[i]) {
                        e.part_of.insert(p);
                    }
                }
            }
        }
    }
}

/// The division mention `k` (an agency or official) speaks for when it is its
/// own: the division its name belongs to, or one named inside its name.
fn own_division(g: &Places, ex: &Extraction, k: usize) -> Option<usize> {
    let m = &ex.mentions[k];
    // mentions are sorted by start: what lies inside m follows it
    m.of.filter(|&i| g.is_division(i)).or_else(|| {
        ex.mentions[k..]
            .iter()
            .take_while(|o| o.start < m.end)
            .filter(|o| o.end <= m.end)
            .find_map(|o| o.entry.filter(|&i| g.is_division(i)))
    })
}

/// Is mention `k`, governed by division `d`, no relation of `d` at all?
fn links_to_no_division(g: &Places, text: &str, ex: &Extraction, k: usize, d: usize) -> bool {
    let m = &ex.mentions[k];
    if let Some(i) = m.entry {
        // a zone is a place its own division hosts (临澧县 hosts 临澧高新区); a
        // division inside or around the one speaking is no partner of it
        let hosted_zone = m.class == Class::DevelopmentZone && g.ancestors(i).contains(&d);
        if g.is_division_or_country(i) && g.nested(i, d) && !hosted_zone {
            return true;
        }
    }
    // another division is a partner only where the sentence says so (合作, 对接,
    // 宜兴—上海…飞地); a visit's host or the place a list passes through is not
    // (a country a local text names is a partner abroad: 工作站（法国）)
    if m.class == Class::AdministrativeDivision && !states_cooperation(text, m.start, m.end) {
        return true;
    }
    // a reporter belongs to the paper, not to the division the story is about
    m.class == Class::Person
        && m.of.is_none()
        && m.note
            .as_deref()
            .is_some_and(|r| crate::extract::people::REPORTER_ROLES.contains(&r))
}

/// The links of one document, each with the mention that states it, and the
/// roles of its people.
#[derive(Default)]
struct Links {
    /// Each link keeps the mention that states it: the first whose sentence
    /// also names the other end (true), else the first (a heading or the
    /// document names it).
    stated_by: BTreeMap<Link, (usize, bool)>,
    /// (person IRI, role, division IRI)
    roles: BTreeSet<(String, String, String)>,
}

impl Links {
    fn state(&mut self, text: &str, ex: &Extraction, link: Link, k: usize, other: usize) {
        let named = names_in_sentence(text, &ex.mentions, k, other);
        match self.stated_by.get(&link) {
            Some(&(_, true)) => {}
            Some(_) if !named => {}
            _ => {
                self.stated_by.insert(link, (k, named));
            }
        }
    }

    /// Links every mention to the division it speaks for (its own, for an
    /// agency or official of another division; else the governing one).
    fn gather(es: &mut Entities, text: &str, ex: &Extraction, mention_iris: &[String]) -> Links {
        let g = es.places;
        let mut links = Links::default();
        for (k, (m, gov)) in ex.mentions.iter().zip(&ex.governing).enumerate() {
            let iri = &mention_iris[k];
            let Some(d) = *gov else { continue };
            if !g.is_division(d) {
                continue;
            }
            es.add_entry(d, false);
            if links_to_no_division(g, text, ex, k, d) {
                continue;
            }
            // an agency or official of another division speaks for that one
            let own = matches!(m.class, Class::Agency | Class::Person)
                .then(|| own_division(g, ex, k))
                .flatten();
            let div = own.unwrap_or(d);
            if own.is_some() {
                es.add_entry(div, false);
            }
            let div_iri = g.entry(div).iri.clone();
            if m.class == Class::Person {
                if let Some(role) = &m.note {
                    links
                        .roles
                        .insert((iri.clone(), role.clone(), div_iri.clone()));
                }
            }
            let link = (div_iri, m.class.relation().to_string(), iri.clone());
            links.state(text, ex, link, k, div);
        }
        links
    }
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
    let mut es = Entities {
        places: g,
        by_iri: BTreeMap::new(),
    };
    let mention_iris = es.of_mentions(&doc.text, ex);
    es.nest(ex, &mention_iris);
    let links = Links::gather(&mut es, &doc.text, ex, &mention_iris);
    let mut states: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for ((div, _, _), (k, _)) in &links.stated_by {
        states.entry(*k).or_default().insert(div.clone());
    }
    let idx = CharIndex::new(&doc.text);
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
            entity: es.add_entry(o.division, false),
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
        entities: es.by_iri,
        mentions,
        links: links.stated_by.into_keys().collect(),
        roles: links.roles,
        report_year,
        observations,
        content_hash: None,
    }
}
