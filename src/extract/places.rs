//! The places of one document: the bundled gazetteer, and the divisions the
//! document names that no list holds (development zones such as 如皋高新区,
//! townships whose name the list gives for several counties).
//!
//! Local entries are numbered after the gazetteer's, so that a mention, a
//! section or a figure refers to a division by one index whichever list holds it.

use super::gazetteer::{Entry, Gazetteer, Level};
use crate::class::Class;

/// The gazetteer and the document's own places.
pub struct Places<'g> {
    pub gazetteer: &'g Gazetteer,
    local: Vec<Entry>,
}

impl<'g> Places<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> Places<'g> {
        Places {
            gazetteer,
            local: Vec::new(),
        }
    }

    /// The places of a document whose extraction made `local`.
    pub fn with_local(gazetteer: &'g Gazetteer, local: Vec<Entry>) -> Places<'g> {
        Places { gazetteer, local }
    }

    /// The entry numbered `i`, in the gazetteer or among the local ones.
    pub fn entry(&self, i: usize) -> &Entry {
        let n = self.gazetteer.entries.len();
        if i < n {
            &self.gazetteer.entries[i]
        } else {
            &self.local[i - n]
        }
    }

    /// Is `i` one of the document's own places?
    pub fn is_local(&self, i: usize) -> bool {
        i >= self.gazetteer.entries.len()
    }

    /// Adds a place of the document's own (or finds the one with its IRI) and returns its number.
    pub fn add(&mut self, e: Entry) -> usize {
        let n = self.gazetteer.entries.len();
        if let Some(k) = self.local.iter().position(|x| x.iri == e.iri) {
            return n + k;
        }
        self.local.push(e);
        n + self.local.len() - 1
    }

    /// The document's own places, for resolution.
    pub fn into_local(self) -> Vec<Entry> {
        self.local
    }

    /// Ancestors of a division, nearest first.
    pub fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while let Some(p) = self.entry(i).parent {
            if out.contains(&p) || p == i {
                break;
            }
            out.push(p);
            i = p;
        }
        out
    }

    /// Are two entries the same or one inside the other?
    pub fn nested(&self, a: usize, b: usize) -> bool {
        a == b || self.ancestors(a).contains(&b) || self.ancestors(b).contains(&a)
    }

    /// Is entry `i` a division (or a zone that speaks like one), other than the country?
    pub fn is_division(&self, i: usize) -> bool {
        let e = self.entry(i);
        e.class.top() == Class::AdministrativeDivision && e.level != Level::Country
    }

    /// Is entry `i` a division or a zone, the country included?
    pub fn is_division_or_country(&self, i: usize) -> bool {
        self.entry(i).class.top() == Class::AdministrativeDivision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_places_follow_the_gazetteer_and_know_their_parents() {
        let g = Gazetteer::bundled();
        let rugao = g.by_label("如皋市").unwrap();
        let mut p = Places::new(&g);
        let zone = Entry {
            label: "如皋高新技术产业开发区".into(),
            class: Class::DevelopmentZone,
            iri: "urn:x-test:zone".into(),
            aliases: vec![],
            parent: Some(rugao),
            level: Level::Zone,
        };
        let z = p.add(zone.clone());
        assert_eq!(z, g.entries.len());
        assert_eq!(p.add(zone), z, "the same place is added once");
        assert!(p.is_local(z) && !p.is_local(rugao));
        assert_eq!(p.entry(z).label, "如皋高新技术产业开发区");
        let names: Vec<&str> = p
            .ancestors(z)
            .iter()
            .map(|&i| p.entry(i).label.as_str())
            .collect();
        assert_eq!(names, ["如皋市", "南通市", "江苏省"]);
        assert!(p.nested(z, g.by_label("江苏省").unwrap()));
        assert!(p.is_division(z));
    }
}
