//! Settling the candidates of all passes into one set of mentions: known names
//! win over rule names that spell them, names that cross a better one go.

use super::gazetteer::{Gazetteer, Level};
use super::metadata::Header;
use super::Candidate;
use crate::class::Class;

/// Drops the candidates that other candidates show to be no names, and gives a
/// rule name that spells a known name that entry.
pub fn prune(
    g: &Gazetteer,
    text: &str,
    header: &Header,
    division_spans: &[(usize, usize)],
    mut cands: Vec<Candidate>,
) -> Vec<Candidate> {
    // 崂山 of 崂山实验室, 岳麓 of 岳麓山实验室: a county's short name at the start
    // of a longer name is part of that name, not a mention of the county
    let named: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.entry.is_none() && c.class != Class::AdministrativeDivision)
        .map(|c| (c.start, c.end))
        .collect();
    cands.retain(|c| {
        !(c.rule == "dict:division-short"
            && c.entry.is_some_and(|i| g.entries[i].level == Level::County)
            && named.iter().any(|&(s, e)| s == c.start && e > c.end))
    });
    // a conjunct that is a known name on its own (京津冀 of 京津冀、长三角、粤港澳大湾区)
    // shares no tail
    let known: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.entry.is_some())
        .map(|c| (c.start, c.end))
        .collect();
    cands.retain(|c| c.rule != "coordination" || !known.contains(&(c.start, c.end)));
    // a rule name that is a known name is that entry
    for c in cands.iter_mut().filter(|c| c.entry.is_none()) {
        if let Some((_, entries)) = g.lookup(&c.label) {
            if let Some(&i) = entries.first() {
                c.entry = Some(i);
                c.class = g.entries[i].class;
                c.label = g.entries[i].label.clone();
            }
        }
    }
    // 上海浦东新区, 江苏南京: divisions side by side, not a platform named after
    // them; a single character names nothing
    cands.retain(|c| {
        c.entry.is_some()
            || (!tiled_by(c.start, c.end, division_spans) && c.label.chars().count() >= 2)
    });
    // 齐鲁工业大学（山东省科学院: a name holds both brackets or neither; one that
    // opens a bracket it does not close begins inside it
    for c in cands.iter_mut().filter(|c| c.entry.is_none()) {
        let surface = &text[c.start..c.end];
        let open = surface.rfind(['（', '(']);
        let close = surface.rfind(['）', ')']);
        if let Some(o) = open.filter(|&o| close.is_none_or(|cl| cl < o)) {
            let bracket = surface[o..].chars().next().map_or(1, char::len_utf8);
            c.start += o + bracket;
            c.label = super::text::canonical_label(&text[c.start..c.end]);
        }
    }
    cands.retain(|c| c.label.chars().count() >= 2);
    // lines above the title are page chrome (site names, menus), not the document
    // (only when a dated header shows where the document starts)
    // (a title read below the dated line is a heading of the body: the body
    // starts at the dated line then)
    let body_start = match (header.title_span, header.date_span) {
        (Some(t), Some(d)) => t.0.min(d.0),
        _ => 0,
    };
    // (the site's own line names the division the page is of, and stays)
    let site = header.site_span.unwrap_or((0, 0));
    cands.retain(|c| c.start >= body_start || (site.0 <= c.start && c.end <= site.1));
    cands
}

/// Is `[start, end)` exactly covered by adjacent spans (sorted by start)?
fn tiled_by(start: usize, end: usize, spans: &[(usize, usize)]) -> bool {
    let mut pos = start;
    while pos < end {
        let first = spans.partition_point(|s| s.0 < pos);
        match spans[first..]
            .iter()
            .take_while(|s| s.0 == pos)
            .filter(|s| s.1 <= end)
            .map(|s| s.1)
            .max()
        {
            Some(next) => pos = next,
            None => return false,
        }
    }
    pos == end
}

/// Keeps mentions that do not cross a better one; nested ones stay, except
/// industries and rule names inside a longer name (they describe it, they are not named by it).
pub fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    // better first: longer, then dictionary, then confidence
    cands.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.entry.is_some().cmp(&a.entry.is_some()))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    // kept candidates by start: only those starting less than the longest
    // length before a candidate can overlap it (a scan of all kept was quadratic)
    let longest = cands.first().map_or(0, Candidate::len);
    let mut by_start: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for c in cands {
        let near: Vec<usize> = by_start
            .range(c.start.saturating_sub(longest)..c.end.max(c.start + 1))
            .flat_map(|(_, v)| v.iter().copied())
            .collect();
        if near.iter().any(|&i| {
            let k = &kept[i];
            k.crosses(&c) || (k.start == c.start && k.end == c.end)
        }) {
            continue;
        }
        // the first kept (the longest) that contains it
        let inside = near
            .iter()
            .copied()
            .filter(|&i| kept[i].contains(&c))
            .min()
            .map(|i| &kept[i]);
        if let Some(outer) = inside {
            let keep_nested = match c.entry {
                // an industry inside a campaign's name is what the campaign is
                // about (“人工智能+”行动); inside a park's or a lab's name it only
                // describes the place (生命健康产业园)
                // a division inside a company's name is where it was registered
                // (深圳高科, 上海沿锋汽车科技), not a place the text speaks of
                Some(_) if outer.class == Class::Enterprise => {
                    c.class.top() != Class::AdministrativeDivision && c.class != Class::Industry
                }
                Some(_) => c.class != Class::Industry || outer.class == Class::Program,
                // a rule name at the start of a longer one is what the longer one belongs to
                // (华邦化学 of 华邦化学研发生产基地: the company the base is of)
                None => {
                    c.start == outer.start
                        && matches!(
                            c.class.top(),
                            Class::Institution
                                | Class::Platform
                                | Class::Enterprise
                                | Class::Agency
                        )
                }
            };
            if !keep_nested {
                continue;
            }
        }
        by_start.entry(c.start).or_default().push(kept.len());
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    kept
}
