//! What the passes of extraction produce: candidate mentions, and figures attributed to a division.

use super::figures::Figure;
use super::text;
use crate::class::Class;

/// A candidate mention (byte offsets into the document text).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    /// Canonical label of what it names.
    pub label: String,
    pub class: Class,
    /// The dictionary entry it names, if any.
    pub entry: Option<usize>,
    /// The rule or dictionary that produced it.
    pub rule: &'static str,
    pub confidence: f32,
    /// Role of a person (局长) or the quoted short name of a longer name.
    pub note: Option<String>,
    /// A name of common words (医疗器械产业园): one entity per division, not one for all.
    pub scoped: bool,
    /// The division the named thing belongs to, where the text says so (the
    /// division of an agency or an official, the place a zone lies in): it is
    /// linked to that division whatever division the text speaks for.
    pub of: Option<usize>,
}

impl Candidate {
    pub fn rule(
        start: usize,
        end: usize,
        surface: &str,
        class: Class,
        rule: &'static str,
        confidence: f32,
    ) -> Candidate {
        Candidate {
            start,
            end,
            label: text::canonical_label(surface),
            class,
            entry: None,
            rule,
            confidence,
            note: None,
            scoped: false,
            of: None,
        }
    }

    /// The span's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Does the span cover no text?
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    pub fn contains(&self, o: &Candidate) -> bool {
        self.start <= o.start && o.end <= self.end && self.len() > o.len()
    }

    pub fn crosses(&self, o: &Candidate) -> bool {
        self.start < o.end
            && o.start < self.end
            && !self.contains(o)
            && !o.contains(self)
            && !(self.start == o.start && self.end == o.end)
    }
}

/// A figure attributed to a division and a year.
#[derive(Debug, Clone)]
pub struct Observation {
    pub figure: Figure,
    /// Dictionary entry of the division the figure is about.
    pub division: usize,
    pub year: Option<i32>,
    pub status: Status,
}

/// Actual or target figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Actual,
    Target,
}
