//! Which division a text speaks for, section by section, and which year a figure is for.

use super::gazetteer::{Gazetteer, Hit, Level, Surface};
use super::metadata::Header;
use super::Candidate;
use crate::class::Class;
use std::collections::HashSet;

/// Actual or target figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Actual,
    Target,
}

/// Divisions named unambiguously in a text, with their ancestors: the context
/// that decides ambiguous names (朝阳 in a Beijing text is 朝阳区 of Beijing).
pub fn division_context(g: &Gazetteer, hits: &[Hit]) -> HashSet<usize> {
    let mut ctx = HashSet::new();
    for h in hits {
        let level = g.entries[h.entries[0]].level;
        let reliable = (h.surface == Surface::Full || level <= Level::Province)
            && !common_county(g, h.entries[0]);
        if reliable
            && h.entries.len() == 1
            && g.entries[h.entries[0]].class == Class::AdministrativeDivision
        {
            ctx.insert(h.entries[0]);
            ctx.extend(g.ancestors(h.entries[0]));
        }
    }
    ctx
}

/// A county whose name is also an ordinary word (城区, 矿区, 和县).
fn common_county(g: &Gazetteer, i: usize) -> bool {
    let e = &g.entries[i];
    e.class == Class::AdministrativeDivision
        && e.level == Level::County
        && (e.label.chars().count() <= 2 || e.label.starts_with(['和', '与', '及', '或', '的']))
}

/// Is the city (the direct parent) of a division among the divisions the text names?
fn city_in_context(g: &Gazetteer, i: usize, ctx: &HashSet<usize>) -> bool {
    g.entries[i].parent.is_some_and(|p| ctx.contains(&p))
}

/// Chooses the entry a hit names; `None` when an ambiguous short form has no context.
pub fn pick_entry(g: &Gazetteer, h: &Hit, ctx: &HashSet<usize>, text: &str) -> Option<usize> {
    if h.entries.len() == 1 {
        let i = h.entries[0];
        let e = &g.entries[i];
        if h.surface == Surface::Short && e.class == Class::AdministrativeDivision {
            let in_context = ctx.contains(&i) || g.ancestors(i).iter().any(|a| ctx.contains(a));
            let ok = match e.level {
                Level::County => in_context,
                // 四平台, 新平台: a city's short name must stand clear of the next word
                Level::Prefecture => in_context || strong_boundary(text, h.start, h.end),
                _ => true,
            };
            return ok.then_some(i);
        }
        // 城区, 矿区, 和县: county names that are also ordinary words need their city nearby
        if common_county(g, i) {
            return city_in_context(g, i, ctx).then_some(i);
        }
        return Some(i);
    }
    let in_context = h
        .entries
        .iter()
        .copied()
        .filter(|&i| ctx.contains(&i) || g.ancestors(i).iter().any(|a| ctx.contains(a)))
        .filter(|&i| !common_county(g, i) || city_in_context(g, i, ctx))
        .max_by_key(|&i| std::cmp::Reverse(g.entries[i].level));
    if in_context.is_some() {
        return in_context;
    }
    if h.surface == Surface::Full {
        h.entries
            .iter()
            .copied()
            .filter(|&i| !common_county(g, i))
            .min_by_key(|&i| g.entries[i].level)
    } else {
        None
    }
}

fn strong_boundary(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].chars().next();
    let before = super::text::prev_char(text, start);
    let function = super::text::is_left_stop;
    after.is_none_or(|c| !super::text::is_han(c) || function(c))
        || before.is_some_and(function)
        || super::text::ends_with_governing(&text[..start])
}

/// The mentions (sorted by start) that lie inside `[start, end)`, found by binary search
/// so that attributing a long document stays linear in its lines and mentions.
fn within(mentions: &[Candidate], start: usize, end: usize) -> impl Iterator<Item = &Candidate> {
    let first = mentions.partition_point(|m| m.start < start);
    mentions[first..]
        .iter()
        .take_while(move |m| m.start < end)
        .filter(move |m| m.end <= end)
}

/// Section divisions of one document.
pub struct Attribution {
    pub document_division: Option<usize>,
    /// (byte offset where a section starts, its division)
    sections: Vec<(usize, usize)>,
}

fn strip_marker(line: &str) -> &str {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let t = t.trim_start_matches(|c: char| "一二三四五六七八九十0123456789（）()、.．".contains(c));
    t.trim_end_matches(['：', ':'])
}

impl Attribution {
    pub fn new(g: &Gazetteer, text: &str, header: &Header, mentions: &[Candidate]) -> Attribution {
        let division_of = |m: &Candidate| {
            m.entry
                .filter(|&i| g.entries[i].class == Class::AdministrativeDivision)
        };
        // the document's division: the first division named in its title or subtitle
        let mut document_division = None;
        for span in [header.title_span, header.subtitle_span]
            .into_iter()
            .flatten()
        {
            let line = &text[span.0..span.1];
            if line.contains("国务院") || line.contains("全国人民代表大会") {
                document_division = g.by_code("100000");
                break;
            }
            if let Some(d) = within(mentions, span.0, span.1).find_map(division_of) {
                document_division = Some(d);
                break;
            }
        }
        let mut sections = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let bare = strip_marker(line);
            if !bare.is_empty() && bare.chars().count() <= 12 {
                if let Some(d) = within(mentions, pos, pos + line.len())
                    .find(|m| division_of(m).is_some() && text[m.start..m.end].trim() == bare)
                    .and_then(division_of)
                {
                    sections.push((pos, d));
                }
            }
            // a byline names the division whose official speaks from here on
            if let Some(person) =
                within(mentions, pos, pos + line.len()).find(|m| m.rule == "byline")
            {
                if let Some(d) = within(mentions, pos, person.start).find_map(division_of) {
                    if sections.last().map(|s| s.1) != Some(d) {
                        sections.push((pos, d));
                    }
                    if pos < 400 && document_division.is_none() && sections.len() == 1 {
                        document_division = Some(d);
                    }
                }
            }
            pos += line.len();
        }
        Attribution {
            document_division,
            sections,
        }
    }

    /// The division governing byte offset `at`.
    pub fn division_at(&self, at: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.0 <= at);
        if i > 0 {
            Some(self.sections[i - 1].1)
        } else {
            self.document_division
        }
    }

    /// Where the section of the division governing `at` begins.
    pub fn section_start(&self, at: usize) -> usize {
        let i = self.sections.partition_point(|s| s.0 <= at);
        if i > 0 {
            self.sections[i - 1].0
        } else {
            0
        }
    }
}

/// Is the division level of `i` a real division (not the country)?
pub fn is_division(g: &Gazetteer, i: usize) -> bool {
    g.entries[i].class == Class::AdministrativeDivision && g.entries[i].level != Level::Country
}
