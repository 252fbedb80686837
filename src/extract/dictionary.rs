//! The dictionary pass: every known name the gazetteer finds, with the entry it names.

use super::attribution;
use super::gazetteer::{Gazetteer, Surface};
use super::lexicon::lexicon;
use super::text;
use super::Candidate;
use crate::class::Class;
use std::collections::HashSet;

/// What the dictionary pass found: candidates, and the spans of division names
/// (agencies and facilities are named after them).
pub struct DictionaryPass {
    pub candidates: Vec<Candidate>,
    /// The division mentions (start, end, entry), sorted by start.
    pub divisions: Vec<(usize, usize, usize)>,
    /// The divisions the text names unambiguously, with their ancestors: what
    /// decides an ambiguous name elsewhere in it.
    pub context: HashSet<usize>,
}

/// Runs the gazetteer over `text`; ambiguous short forms take the entry the
/// text's other divisions make likely, or none.
pub fn pass(g: &Gazetteer, text: &str) -> DictionaryPass {
    let hits = g.find(text);
    let context = attribution::division_context(g, &hits, text);
    let mut candidates = Vec::new();
    let mut divisions = Vec::new();
    for h in &hits {
        let Some(entry) = attribution::pick_entry(g, h, &context, text) else {
            // 城南街道: a township whose name several counties have and the text
            // does not tell which; settled as the document's own place
            if h.surface == Surface::Full
                && h.entries
                    .iter()
                    .all(|&i| g.entries[i].level == super::gazetteer::Level::Township)
            {
                let label = g.entries[h.entries[0]].label.clone();
                let mut c = Candidate::rule(
                    h.start,
                    h.end,
                    &label,
                    Class::AdministrativeDivision,
                    "dict:township",
                    0.9,
                );
                c.label = label;
                candidates.push(c);
            }
            continue;
        };
        let e = &g.entries[entry];
        if e.class == Class::Industry && !industry_stands_alone(text, h.start, h.end) {
            continue;
        }
        if e.class == Class::AdministrativeDivision {
            divisions.push((h.start, h.end, entry));
        }
        candidates.push(Candidate {
            start: h.start,
            end: h.end,
            label: e.label.clone(),
            class: e.class,
            entry: Some(entry),
            rule: dictionary_rule(e.class, h.surface),
            confidence: if h.surface == Surface::Full {
                0.95
            } else {
                0.85
            },
            note: None,
            scoped: false,
            of: None,
        });
    }
    DictionaryPass {
        candidates,
        divisions,
        context,
    }
}

/// A two-character industry (食品, 汽车) names the industry only when it stands
/// alone or before an industry word: 食品安全 and 汽车消费 are not industries.
fn industry_stands_alone(text: &str, start: usize, end: usize) -> bool {
    if text[start..end].chars().count() > 2 {
        return true;
    }
    let rest = &text[end..];
    match rest.chars().next() {
        None => true,
        Some(c) if !text::is_han(c) => true,
        Some(_) => lexicon()
            .industry_followers
            .iter()
            .any(|w| rest.starts_with(w)),
    }
}

fn dictionary_rule(class: Class, surface: Surface) -> &'static str {
    match (class.top(), surface) {
        (Class::AdministrativeDivision, Surface::Full) => "dict:division",
        (Class::AdministrativeDivision, Surface::Short) => "dict:division-short",
        (Class::AdministrativeDivision, Surface::Abbreviation) => "dict:division-abbreviation",
        (Class::Institution, Surface::Full) => "dict:institution",
        (Class::Institution, _) => "dict:institution-abbreviation",
        (Class::FinancialInstitution, _) | (Class::Enterprise, _) => "dict:finance",
        (Class::Country, _) => "dict:country",
        (Class::Region, _) => "dict:region",
        _ => "dict:industry",
    }
}
