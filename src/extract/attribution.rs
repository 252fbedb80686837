//! Which division a text speaks for, section by section, and which year a figure is for.

pub use super::candidate::Status;
use super::gazetteer::{Gazetteer, Hit, Level, Surface};
use super::metadata::Header;
use super::places::Places;
use super::Candidate;
use crate::class::Class;
use std::collections::HashSet;

/// Divisions named unambiguously in a text, with their ancestors: the context
/// that decides ambiguous names (朝阳 in a Beijing text is 朝阳区 of Beijing).
pub fn division_context(g: &Gazetteer, hits: &[Hit], text: &str) -> HashSet<usize> {
    let mut ctx = HashSet::new();
    for h in hits {
        let level = g.entries[h.entries[0]].level;
        // a city's short name standing clear of the next word is as plain as its
        // full name (2021杭州国际人才交流…: 余杭 nearby is 杭州's)
        let reliable = (h.surface == Surface::Full
            || level <= Level::Province
            || (level == Level::Prefecture
                && h.surface == Surface::Short
                && (strong_boundary(text, h.start, h.end)
                    || super::text::prev_char(text, h.start)
                        .is_some_and(|c| c.is_ascii_alphanumeric()))))
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
    // a township whose name several counties have (城南街道) is the one of a county
    // or city the text names, else the document's own place (made once the text's
    // division is known): a province in common tells nothing
    if h.entries
        .iter()
        .all(|&i| g.entries[i].level == Level::Township)
    {
        let near: Vec<usize> = h
            .entries
            .iter()
            .copied()
            .filter(|&i| {
                g.ancestors(i)
                    .iter()
                    .take(2)
                    .any(|a| ctx.contains(a) && g.entries[*a].level >= Level::Prefecture)
            })
            .collect();
        return (near.len() == 1).then(|| near[0]);
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
    /// Where a sentence's own subject takes over (`Some(division)`) and where
    /// its sentence ends (`None`), sorted by offset.
    subjects: Vec<(usize, Option<usize>)>,
}

fn strip_marker(line: &str) -> &str {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let t = t.trim_start_matches(|c: char| {
        super::numerals::TO_TEN.contains(c) || "0123456789（）()、.．".contains(c)
    });
    t.trim_end_matches(['：', ':'])
}

impl Attribution {
    /// `title` is the reader's title (a JSON Lines field, an HTML `<title>`), if any.
    pub fn new(
        places: &Places,
        text: &str,
        header: &Header,
        title: Option<&str>,
        mentions: &[Candidate],
        publisher: Option<usize>,
    ) -> Attribution {
        let g = places.gazetteer;
        let division_of = |m: &Candidate| m.entry.filter(|&i| places.is_division_or_country(i));
        // the document's division: the first division named in its title or
        // subtitle, not one inside another name (…大赛广西赛区 is an event's;
        // 江苏省政府 is the agency's own, and names it)
        let own_division =
            |m: &Candidate| division_of(m).or(m.of.filter(|_| m.class == Class::Agency));
        let free = |m: &&Candidate| {
            !mentions.iter().any(|o| {
                o.contains(m)
                    && o.class != Class::Agency
                    && division_of(o).is_none()
                    && o.class.top() != Class::AdministrativeDivision
            })
        };
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
            if let Some(d) = within(mentions, span.0, span.1)
                .filter(free)
                .find_map(own_division)
            {
                document_division = Some(d);
                break;
            }
        }
        // else the reader's title (a JSON Lines field) names it
        if let Some(t) = title.filter(|_| document_division.is_none()) {
            if t.contains("国务院") || t.contains("全国人民代表大会") {
                document_division = g.by_code("100000");
            } else {
                let hits = g.find(t);
                let ctx = division_context(g, &hits, t);
                document_division = hits
                    .iter()
                    .filter_map(|h| pick_entry(g, h, &ctx, t))
                    .find(|&i| g.entries[i].class == Class::AdministrativeDivision);
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
        if document_division.is_none() && sections.is_empty() {
            document_division = publisher.or_else(|| speaker(places, text, header, mentions));
        }
        let mut a = Attribution {
            document_division,
            sections,
            subjects: Vec::new(),
        };
        a.subjects = subjects(places, text, mentions, &a);
        a
    }

    /// The division of the section or document at byte offset `at`.
    fn base_at(&self, at: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.0 <= at);
        if i > 0 {
            Some(self.sections[i - 1].1)
        } else {
            self.document_division
        }
    }

    /// The division governing byte offset `at`: its sentence's subject, or its
    /// section's or document's division.
    pub fn division_at(&self, at: usize) -> Option<usize> {
        let i = self.subjects.partition_point(|s| s.0 <= at);
        match i.checked_sub(1).map(|k| self.subjects[k].1) {
            Some(Some(d)) => Some(d),
            _ => self.base_at(at),
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

/// Words that refer back to a division named before (街道从海内外引来…: 留下街道).
const ANAPHORS: &[&str] = &[
    "该街道",
    "该区",
    "该县",
    "该市",
    "该镇",
    "该新区",
    "新区",
    "街道",
    "示范区",
    "开发区",
    "高新区",
    "经开区",
];

/// Verbs after which a division is where the rest of the sentence happens
/// (来到益阳市，…; 前往赫山区，先后走进…; 落户新区的企业).
const LOCATIVES: &[&str] = &["落户", "来到", "前往", "走进", "位于", "坐落于", "赴"];

/// The division named at byte `at`, the last of a run of names side by side
/// (益阳市赫山区: 赫山区), through `own` (a division's entry, an agency's division).
fn chain_at(
    mentions: &[Candidate],
    at: usize,
    own: &dyn Fn(&Candidate) -> Option<usize>,
) -> Option<usize> {
    let mut found = None;
    let mut pos = at;
    loop {
        let first = mentions.partition_point(|m| m.start < pos);
        let next = mentions[first..]
            .iter()
            .take_while(|m| m.start == pos)
            .find_map(|m| own(m).map(|d| (d, m.end)));
        match next {
            Some((d, end)) if end > pos => {
                found = Some(d);
                pos = end;
            }
            _ => return found,
        }
    }
}

/// Where sentences' own subjects take over from the section's division: in a
/// county's, district's or zone's text, a clause that opens with another
/// division (益阳市大力实施…; 2022年，平原示范区新认定…), with an agency of it,
/// or with a word that refers back to one (街道从海内外引来…), speaks for that
/// division to the end of its sentence; so does a division after a verb of
/// place (前往赫山区，先后走进…). A province's or the country's text speaks for
/// itself throughout: a city it names beside a project is not the project's own.
///
/// Complexity: O(n + m log m) for n bytes of text and m mentions.
fn subjects(
    places: &Places,
    text: &str,
    mentions: &[Candidate],
    a: &Attribution,
) -> Vec<(usize, Option<usize>)> {
    let local = |d: Option<usize>| {
        d.is_none_or(|d| {
            matches!(
                places.entry(d).level,
                Level::Prefecture | Level::County | Level::Zone | Level::Township
            )
        })
    };
    let own = |m: &Candidate| -> Option<usize> {
        m.entry
            .filter(|&i| places.is_division(i))
            .or(m.of.filter(|_| m.class == Class::Agency))
    };
    let mut out = Vec::new();
    // the divisions named so far, for words that refer back
    let mut named: Vec<usize> = Vec::new();
    let mut seen = 0;
    let mut pos = 0;
    for sentence in text.split_inclusive(['。', '！', '？', '!', '?', '\n']) {
        let (s_start, s_end) = (pos, pos + sentence.len());
        pos = s_end;
        if !local(a.base_at(s_start)) {
            continue;
        }
        let mut taken = false;
        let mut c_pos = s_start;
        for clause in sentence.split_inclusive(['，', ',', '；', ';', '：', ':']) {
            let c_start = c_pos;
            c_pos += clause.len();
            // remember what was named before this clause
            while seen < mentions.len() && mentions[seen].start < c_start {
                if let Some(d) = own(&mentions[seen]) {
                    named.push(d);
                }
                seen += 1;
            }
            let lead = clause.len()
                - clause
                    .trim_start_matches(|c: char| c.is_whitespace() || "“（(《".contains(c))
                    .len();
            let at = c_start + lead;
            let opening = chain_at(mentions, at, &own);
            let referred = |at: usize| {
                let rest = &text[at..];
                let word = ANAPHORS.iter().find(|w| rest.starts_with(**w))?;
                let head = word.trim_start_matches('该');
                named
                    .iter()
                    .rev()
                    .find(|&&d| {
                        let label = &places.entry(d).label;
                        label.ends_with(head) && label != head
                    })
                    .copied()
            };
            if let Some(d) = opening.or_else(|| referred(at)) {
                out.push((at, Some(d)));
                taken = true;
            }
            // a division after a verb of place, anywhere in the clause
            for v in LOCATIVES {
                for (i, _) in clause.match_indices(v) {
                    let after = c_start + i + v.len();
                    let here = chain_at(mentions, after, &own).or_else(|| referred(after));
                    if let Some(d) = here {
                        out.push((after, Some(d)));
                        taken = true;
                    }
                }
            }
        }
        if taken {
            out.push((s_end, None));
        }
    }
    out.sort_by_key(|s| s.0);
    out
}

/// The division a text with no title, heading or byline naming one speaks for:
/// the agency that publishes it (a page's 发布机构：凤鸣区科技局), or the division
/// its first sentence names — a bureau's summary opens with its agency
/// (2024年，凤鸣区科技局…), a news item with its place (本报讯 近日，凤鸣区…).
fn speaker(places: &Places, text: &str, header: &Header, mentions: &[Candidate]) -> Option<usize> {
    let g = places.gazetteer;
    let is_div = |i: usize| places.is_division(i);
    // the first sentence of the first lines of the body (a paragraph above a
    // heading read as the title is body too: 2024年，凤鸣高新区以…。\n一、工作情况)
    let body = [header.title_span, header.subtitle_span]
        .into_iter()
        .flatten()
        .map(|s| s.1)
        .max()
        .unwrap_or(0);
    let mut pos = 0;
    let mut after_body = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if start >= body {
            after_body += 1;
            if after_body > 12 {
                break;
            }
        }
        let t = line.trim();
        let above = start < body;
        if t.chars().count() < 10
            || parse_header_line(t)
            || (above && !t.contains('。'))
            || header
                .title_span
                .is_some_and(|s| s.0 <= start && start < s.1)
        {
            continue;
        }
        let first = t.find(['。', '！', '？']).map_or(t.len(), |i| i);
        // 我代表国务院，向大会报告政府工作: the State Council speaks for the country
        if t[..first].contains("代表国务院") {
            return g.by_code("100000");
        }
        let lead = line.len() - line.trim_start().len();
        let end = start + lead + first;
        return within(mentions, start, end)
            .filter_map(|m| m.entry)
            .find(|&i| is_div(i));
    }
    None
}

/// A line of the header region (来源, 时间, 作者, a date) rather than of the text.
fn parse_header_line(t: &str) -> bool {
    [
        "来源",
        "时间",
        "作者",
        "编辑",
        "发布",
        "生成日期",
        "索引号",
        "责任编辑",
    ]
    .iter()
    .any(|w| t.starts_with(w))
        || (super::metadata::parse_date(t).is_some() && t.chars().count() < 40)
}

/// Is the division level of `i` a real division (not the country)?
pub fn is_division(places: &Places, i: usize) -> bool {
    places.is_division(i)
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::read::Document;
    use std::path::Path;

    /// The division that governs the mention labelled `label`, and the divisions of the figures.
    fn speaks_for(text: &str, label: &str) -> (Option<String>, Vec<String>) {
        let ex = Extractor::new();
        let doc = Document::from_text("t.txt", Path::new("t.txt"), text.to_string());
        let x = ex.extract(&doc);
        let g = &ex.gazetteer;
        let name = |d: usize| g.entries[d].label.clone();
        let gov = x
            .mentions
            .iter()
            .zip(&x.governing)
            .find(|(m, _)| m.label == label)
            .and_then(|(_, d)| d.map(name));
        let figs = x
            .observations
            .iter()
            .map(|o| {
                format!(
                    "{}:{}{}@{}",
                    name(o.division),
                    o.figure.value,
                    o.figure.unit,
                    o.year.unwrap_or(0)
                )
            })
            .collect();
        (gov, figs)
    }

    #[test]
    fn which_division_speaks_when_no_title_names_one() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            // a bureau's summary opens with its agency and speaks as 我局 throughout
            (
                "2024年工作总结\n\n2024年，江宁区科技局坚持创新驱动。我局全年新增高新技术企业50家，深入实施“凤鸣英才计划”。",
                "凤鸣英才计划",
                "江宁区",
                &["江宁区:50家@2024"],
            ),
            // a news item names its district in the first sentence
            (
                "凤鸣创新大赛开幕\n2024-11-20 来源：凤鸣日报\n\n本报讯 近日，江宁区举办第三届凤鸣创新创业大赛，吸引项目120个。",
                "凤鸣创新创业大赛",
                "江宁区",
                &["江宁区:120个@2024"],
            ),
            // a web page's index lines carry its publisher; the breadcrumb is chrome
            (
                "首页 > 政务公开 > 南京市\n发布机构：江宁区科学技术局\n生成日期：2024-12-30\n年度工作总结\n全区新增科技型企业300家，建成凤鸣科创园。",
                "凤鸣科创园",
                "江宁区",
                &["江宁区:300家@2024"],
            ),
        ];
        for (text, label, want, figs) in cases {
            let (gov, got_figs) = speaks_for(text, label);
            assert_eq!(gov.as_deref(), Some(*want), "{text}");
            assert_eq!(got_figs, *figs, "{text}");
        }
    }
}
