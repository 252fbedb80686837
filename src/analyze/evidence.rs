//! The sentences that state a relation, taken from the stored NIF mentions and
//! the document text (`nif:isString`).

use crate::error::Result;
use crate::rdf::{queries, row};
use crate::source::Source;
use std::collections::HashMap;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// The document's identifier (its file name or JSON Lines id).
    pub document: String,
    pub sentence: String,
    /// How the sentence bears on the relation.
    pub basis: Basis,
}

/// How a quoted sentence states a relation: not every relation a document
/// holds is said in one sentence that names both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The sentence names both ends.
    Sentence,
    /// The sentence names one end; the other is the division or agency the
    /// passage speaks for, named in its heading, byline or title.
    Context,
    /// No sentence of the document names both ends: the relation comes from the
    /// list of divisions (自贸区 part of its province) or from a name's nesting.
    Outside,
}

impl Basis {
    /// A few words for a page or a table.
    pub fn describe(self) -> &'static str {
        match self {
            Basis::Sentence => "stated in the sentence",
            Basis::Context => "the passage speaks for the other end",
            Basis::Outside => "from the list of divisions or a name, not a sentence",
        }
    }
}

/// Reads document texts and mention offsets from the store, caching the texts.
pub struct EvidenceReader<'a> {
    store: &'a dyn Source,
    texts: HashMap<String, (String, Vec<char>)>,
}

const MAX_CHARS: usize = 160;

fn is_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?')
}

impl<'a> EvidenceReader<'a> {
    pub fn new(store: &'a dyn Source) -> EvidenceReader<'a> {
        EvidenceReader {
            store,
            texts: HashMap::new(),
        }
    }

    /// The identifier and characters of a document graph.
    fn text(&mut self, doc: &str) -> Result<&(String, Vec<char>)> {
        if !self.texts.contains_key(doc) {
            let rows = self.store.select(&queries::document_text(doc))?;
            let (text, id) = rows
                .first()
                .map(|r| (row::literal(&r[0]).unwrap_or_default(), row::literal(&r[1])))
                .unwrap_or_default();
            let id = id.unwrap_or_else(|| doc.rsplit('/').next().unwrap_or(doc).to_string());
            self.texts
                .insert(doc.to_string(), (id, text.chars().collect()));
        }
        Ok(&self.texts[doc])
    }

    /// Begin offsets of the mentions of `entity` in document `doc`.
    fn mentions(&self, doc: &str, entity: &str) -> Result<Vec<usize>> {
        let rows = self.store.select(&queries::mention_offsets(doc, entity))?;
        Ok(rows
            .iter()
            .filter_map(|r| row::literal(&r[0])?.parse().ok())
            .collect())
    }

    /// The sentence of `doc` around code-point offset `at` (a figure's, say).
    pub fn sentence_at(&mut self, doc: &str, at: usize) -> Result<Evidence> {
        let (id, chars) = self.text(doc)?;
        let pos = at.min(chars.len());
        let s = chars[..pos]
            .iter()
            .rposition(|&c| is_break(c))
            .map_or(0, |i| i + 1);
        let e = chars[pos..]
            .iter()
            .position(|&c| is_break(c))
            .map_or(chars.len(), |i| pos + i + 1);
        let (s, e) = if e - s > MAX_CHARS {
            let from = pos.saturating_sub(MAX_CHARS / 2).max(s);
            (from, (from + MAX_CHARS).min(e))
        } else {
            (s, e)
        };
        Ok(Evidence {
            document: id.clone(),
            sentence: chars[s..e].iter().collect::<String>().trim().to_string(),
            basis: Basis::Sentence,
        })
    }

    /// Begin offset of the mention that states the relation of `a` and `b`
    /// (`ig:statesLinkWith`, recorded by resolution), either way round.
    fn stating_mention(&self, doc: &str, a: &str, b: &str) -> Result<Option<usize>> {
        let rows = self.store.select(&queries::stating_offsets(doc, a, b))?;
        Ok(rows
            .iter()
            .filter_map(|r| row::literal(&r[0])?.parse().ok())
            .min())
    }

    /// The sentence of `doc` that states a relation between `a` and `b`: the
    /// sentence of the mention resolution recorded for it; else the first
    /// sentence naming both; else the first naming the end the document names
    /// least (the entity rather than the division it speaks for).
    ///
    /// Complexity: two or three indexed queries on the document's graph and
    /// O(m log m) over its m mentions of `a` and `b`.
    pub fn sentence(&mut self, doc: &str, a: &str, b: &str) -> Result<Option<Evidence>> {
        let stated = self.stating_mention(doc, a, b)?;
        let (ma, mb) = (self.mentions(doc, a)?, self.mentions(doc, b)?);
        let (id, chars) = self.text(doc)?;
        let span = |pos: usize| -> (usize, usize) {
            let pos = pos.min(chars.len());
            let start = chars[..pos]
                .iter()
                .rposition(|&c| is_break(c))
                .map_or(0, |i| i + 1);
            let end = chars[pos..]
                .iter()
                .position(|&c| is_break(c))
                .map_or(chars.len(), |i| pos + i + 1);
            (start, end)
        };
        let inside = |ms: &[usize], (s, e): (usize, usize)| ms.iter().any(|&q| q >= s && q < e);
        let names_both = |sp: (usize, usize)| inside(&ma, sp) && inside(&mb, sp);
        let both = mb
            .iter()
            .map(|&p| (span(p), p))
            .find(|&(sp, _)| inside(&ma, sp));
        let (fewer, more) = if mb.len() <= ma.len() && !mb.is_empty() {
            (&mb, &ma)
        } else {
            (&ma, &mb)
        };
        let pick = match stated {
            Some(p) => {
                let sp = span(p);
                let basis = if names_both(sp) {
                    Basis::Sentence
                } else {
                    Basis::Context
                };
                Some((sp, p, basis))
            }
            None => both.map(|(sp, p)| (sp, p, Basis::Sentence)).or_else(|| {
                fewer
                    .first()
                    .or(more.first())
                    .map(|&p| (span(p), p, Basis::Outside))
            }),
        };
        let Some(((s, e), at, basis)) = pick else {
            return Ok(None);
        };
        // long sentences are cut to a window around the mention
        let (s, e) = if e - s > MAX_CHARS {
            let from = at.saturating_sub(MAX_CHARS / 2).max(s);
            (from, (from + MAX_CHARS).min(e))
        } else {
            (s, e)
        };
        let sentence: String = chars[s..e].iter().collect::<String>().trim().to_string();
        Ok(Some(Evidence {
            document: id.clone(),
            sentence,
            basis,
        }))
    }
}
