//! Extraction: mentions of named things, figures and the division a text speaks for.
//!
//! [`Extractor::extract`] runs the dictionary matcher and the rules over one
//! document, keeps the mentions that do not cross each other, and attributes
//! every mention and figure to the division whose section or header governs it.

pub mod attribution;
pub mod coordination;
pub mod figures;
pub mod frame;
pub mod gazetteer;
pub mod industries;
pub mod lexicon;
pub mod metadata;
pub mod names;
pub mod people;
pub mod text;

use crate::class::Class;
use crate::read::Document;
pub use attribution::{Attribution, Status};
pub use figures::Figure;
pub use gazetteer::{Gazetteer, Surface};
pub use metadata::Header;

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
        }
    }

    fn len(&self) -> usize {
        self.end - self.start
    }

    fn contains(&self, o: &Candidate) -> bool {
        self.start <= o.start && o.end <= self.end && self.len() > o.len()
    }

    fn crosses(&self, o: &Candidate) -> bool {
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

/// Everything extracted from one document.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub header: Header,
    /// Non-crossing mentions, sorted by start; nested ones are kept.
    pub mentions: Vec<Candidate>,
    /// For each mention, the division entry that governs it (its section's or the document's).
    pub governing: Vec<Option<usize>>,
    pub observations: Vec<Observation>,
    /// The document's own division (from its title, subtitle or byline).
    pub document_division: Option<usize>,
    /// The year the document speaks for, as its date, title or headings show it.
    pub year: Option<i32>,
}

/// Runs the dictionaries and rules over documents.
pub struct Extractor {
    pub gazetteer: Gazetteer,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    pub fn new() -> Extractor {
        Extractor {
            gazetteer: Gazetteer::bundled(),
        }
    }

    /// Extracts mentions, links and figures from one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let text = doc.text.as_str();
        let g = &self.gazetteer;
        let header = metadata::read_header(text);
        let hits = g.find(text);
        let context = attribution::division_context(g, &hits);
        let mut cands: Vec<Candidate> = Vec::new();
        let mut division_spans = Vec::new();
        for h in &hits {
            let Some(entry) = attribution::pick_entry(g, h, &context, text) else {
                continue;
            };
            let e = &g.entries[entry];
            if e.class == Class::Industry && !industry_stands_alone(text, h.start, h.end) {
                continue;
            }
            if e.class == Class::AdministrativeDivision {
                division_spans.push((h.start, h.end));
            }
            cands.push(Candidate {
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
            });
        }
        let is_industry = |w: &str| g.is_industry(w);
        cands.extend(names::head_names(text, &is_industry));
        // the first industry a phrase holds (for projects named by what they make)
        let has_industry = |s: &str| {
            g.find(s)
                .into_iter()
                .find(|h| {
                    h.entries
                        .iter()
                        .any(|&i| g.entries[i].class == Class::Industry)
                })
                .map(|h| (h.start, h.end))
        };
        cands.extend(names::project_names(text, &has_industry));
        for mut q in names::quoted_names(text) {
            let stem: String = q
                .label
                .chars()
                .take(q.label.chars().count().saturating_sub(1))
                .collect();
            q.scoped = stem.chars().count() >= 2 && text::is_generic(&stem, &is_industry);
            cands.push(q);
        }
        cands.extend(names::numbered_names(text));
        cands.extend(people::agencies(text, &division_spans));
        cands.extend(people::facilities(text, &division_spans));
        cands.extend(people::enterprises(text));
        for (mut p, role) in people::people(text) {
            p.note = Some(role);
            p.scoped = true;
            cands.push(p);
        }
        let covered: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
        let inside = |c: &Candidate| {
            covered
                .iter()
                .any(|&(s, e)| s <= c.start && c.end <= e && (s, e) != (c.start, c.end))
        };
        for c in industries::enumeration_items(text, &is_industry) {
            // a list closed by its category (…等领域) says what its items are, even
            // where a head word read them otherwise (深部工程); a list beside known
            // industries only adds what nothing else named
            let clash = if c.confidence >= 0.9 {
                // 香港特别行政区 of …、香港等领域 stays what the dictionary says
                inside(&c)
                    || cands.iter().any(|k| {
                        k.entry.is_some()
                            && k.class != Class::Industry
                            && (k.start, k.end) == (c.start, c.end)
                    })
            } else {
                covered
                    .iter()
                    .any(|&(s, e)| s <= c.start && c.end <= e || (c.start <= s && e <= c.end))
            };
            if !clash {
                cands.push(c);
            }
        }
        // 崂山 of 崂山实验室, 岳麓 of 岳麓山实验室: a county's short name at the start
        // of a longer name is part of that name, not a mention of the county
        let named: Vec<(usize, usize)> = cands
            .iter()
            .filter(|c| c.entry.is_none() && c.class != Class::AdministrativeDivision)
            .map(|c| (c.start, c.end))
            .collect();
        cands.retain(|c| {
            !(c.rule == "dict:division-short"
                && c.entry
                    .is_some_and(|i| g.entries[i].level == gazetteer::Level::County)
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
                || (!tiled_by(c.start, c.end, &division_spans) && c.label.chars().count() >= 2)
        });
        // lines above the title are page chrome (site names, menus), not the document
        // (only when a dated header shows where the document starts)
        let body_start = header
            .title_span
            .filter(|_| header.date.is_some())
            .map_or(0, |t| t.0);
        cands.retain(|c| c.start >= body_start);
        let mut mentions = select(cands);
        let attribution = Attribution::new(g, text, &header, doc.title.as_deref(), &mentions);
        let governing: Vec<Option<usize>> = mentions
            .iter()
            .map(|m| attribution.division_at(m.start))
            .collect();
        // 省产业技术研究院 in a Liaoning text is 辽宁省产业技术研究院 (the short form stays an alias)
        for (m, gov) in mentions.iter_mut().zip(&governing) {
            if m.entry.is_none() {
                if let Some(full) = gov.and_then(|d| own_division_name(g, &m.label, d)) {
                    m.label = full;
                    m.scoped = false;
                }
            }
        }
        let date = doc.date.as_deref().or(header.date.as_deref());
        let body = [header.title_span, header.subtitle_span]
            .into_iter()
            .flatten()
            .map(|s| s.1)
            .max()
            .unwrap_or(0);
        let frame = frame::TemporalFrame::new(text, &header, doc.title.as_deref(), date, body);
        let observations = figures::figures(text)
            .into_iter()
            .filter_map(|mut f| {
                let division = attribution.division_at(f.start)?;
                let (year, status) =
                    frame.year_and_status(text, f.start, attribution.section_start(f.start));
                // growth over several years names its base: 与2000年相比…增长57.3% is
                // 比2000年国内生产总值增长, not the year's growth
                if let (Some(base), Some(y)) = (frame::base_year(text, f.start), year) {
                    let written = format!("{base}年");
                    if base < y - 1 && !f.measure.contains(&written) {
                        f.measure = format!("比{written}{}", f.measure);
                    }
                }
                Some(Observation {
                    figure: f,
                    division,
                    year,
                    status,
                })
            })
            .collect();
        Extraction {
            year: frame.year,
            document_division: attribution.document_division,
            header,
            mentions,
            governing,
            observations,
        }
    }
}

/// The full name of a name that begins with 省 or 市 standing for the division
/// `d` speaks for (or its province or city): 省产业技术研究院 → 辽宁省产业技术研究院.
/// 省级, 市域, 省委, 市长 and the like are other words.
pub fn own_division_name(g: &Gazetteer, label: &str, d: usize) -> Option<String> {
    let first = label.chars().next()?;
    if first != '省' && first != '市' {
        return None;
    }
    let rest = &label[first.len_utf8()..];
    if rest.chars().count() < 3
        || rest.starts_with([
            '级', '委', '域', '内', '外', '长', '属', '直', '情', '场', '民',
        ])
        || rest.starts_with("政府")
        || rest.starts_with("人大")
    {
        return None;
    }
    std::iter::once(d)
        .chain(g.ancestors(d))
        .map(|i| &g.entries[i])
        .find(|e| e.class == Class::AdministrativeDivision && e.label.ends_with(first))
        .map(|e| format!("{}{rest}", e.label))
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
        Some(_) => lexicon::lexicon()
            .industry_followers
            .iter()
            .any(|w| rest.starts_with(w)),
    }
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

/// Keeps mentions that do not cross a better one; nested ones stay, except
/// industries and rule names inside a longer name (they describe it, they are not named by it).
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
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
                Some(_) => c.class != Class::Industry || outer.class == Class::Program,
                // a rule name at the start of a longer one is what the longer one belongs to
                None => {
                    c.start == outer.start
                        && matches!(c.class.top(), Class::Institution | Class::Platform)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn labels(text: &str) -> Vec<String> {
        let ex = Extractor::new();
        let doc = Document::from_text("t.txt", Path::new("t.txt"), text.to_string());
        ex.extract(&doc)
            .mentions
            .iter()
            .map(|m| format!("{}:{}", m.class, m.label))
            .collect()
    }

    #[test]
    fn dictionary_hits_need_their_context() {
        let cases: &[(&str, &[&str])] = &[
            ("保障食品安全，促进汽车消费", &[]),
            (
                "发展食品产业和汽车、钢铁等行业",
                &["Industry:食品", "Industry:汽车", "Industry:钢铁"],
            ),
            (
                "布局人工智能大模型",
                &["Industry:人工智能", "Industry:大模型"],
            ),
            (
                "推进老旧城区改造，山西省",
                &["AdministrativeDivision:山西省"],
            ),
            (
                "支持上海浦东新区高水平改革开放",
                &[
                    "AdministrativeDivision:上海市",
                    "AdministrativeDivision:浦东新区",
                ],
            ),
            (
                "阳泉市城区",
                &[
                    "AdministrativeDivision:阳泉市",
                    "AdministrativeDivision:城区",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(labels(text), *want, "{text}");
        }
    }

    #[test]
    fn province_and_city_short_forms_take_the_full_name() {
        let text = "2026年辽宁省政府工作报告\n组建省产业技术研究院，支持省级凤鸣实验室。";
        assert!(labels(text).contains(&"Institution:辽宁省产业技术研究院".to_string()));
        let g = Gazetteer::bundled();
        let beijing = g.by_label("北京市").unwrap();
        let haidian = g.by_label("海淀区").unwrap();
        let cases = [
            ("市科创金融试验区", haidian, Some("北京市科创金融试验区")),
            ("省产业技术研究院", beijing, None),
            ("市级科创平台", beijing, None),
            ("市域科创走廊", beijing, None),
        ];
        for (label, d, want) in cases {
            assert_eq!(own_division_name(&g, label, d).as_deref(), want, "{label}");
        }
    }

    #[test]
    fn chrome_above_a_dated_title_is_skipped() {
        let text =
            "江苏省技术产权交易市场\n\n标题一行\n2024-01-31 来源:无锡日报\n宜兴将建设培源科学城。";
        // 江苏省 of the site name is gone; 无锡 of the newspaper's name stays
        let want = [
            "AdministrativeDivision:无锡市",
            "AdministrativeDivision:宜兴市",
            "Platform:培源科学城",
        ];
        assert_eq!(labels(text), want);
    }
}
