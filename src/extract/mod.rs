//! Extraction: mentions of named things, figures and the division a text speaks for.
//!
//! [`Extractor::extract`] runs its passes over one document — each adds
//! candidates to one set — keeps the mentions that do not cross each other, and
//! attributes every mention and figure to the division whose section or header
//! governs it. One file a pass; [`candidate`] holds what they produce.

pub mod agencies;
pub mod attribution;
pub mod candidate;
pub mod coordination;
pub mod dictionary;
pub mod enterprises;
pub mod facilities;
pub mod figures;
pub mod frame;
pub mod gazetteer;
pub mod heads;
pub mod industries;
pub mod lexicon;
pub mod metadata;
pub mod numbered;
pub mod numerals;
pub mod people;
pub mod places;
pub mod projects;
mod properness;
pub mod quotes;
pub mod select;
pub mod tagged;
pub mod tagger;
pub mod text;
pub mod zones;

use crate::class::Class;
use crate::read::Document;
pub use attribution::Attribution;
pub use candidate::{Candidate, Observation, Status};
pub use figures::Figure;
pub use gazetteer::{Gazetteer, Surface};
pub use metadata::Header;

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
    /// The document's own places (zones, townships), numbered after the gazetteer's entries.
    pub places: Vec<gazetteer::Entry>,
}

/// Runs the dictionaries, the name tagger and the rules over documents.
pub struct Extractor {
    pub gazetteer: Gazetteer,
    /// The learned name tagger (data/model/tagger.bin); `None` runs the
    /// dictionaries and rules alone.
    pub tagger: Option<&'static tagger::Tagger>,
}

/// The bytes of the bundled name tagger model (data/model/tagger.bin).
pub const TAGGER_MODEL: &[u8] = include_bytes!("../../data/model/tagger.bin");

/// The bundled name tagger model, loaded on first use.
pub fn bundled_tagger() -> Option<&'static tagger::Tagger> {
    static T: std::sync::OnceLock<Option<tagger::Tagger>> = std::sync::OnceLock::new();
    T.get_or_init(|| tagger::Tagger::from_bytes(TAGGER_MODEL).ok())
        .as_ref()
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
            tagger: bundled_tagger(),
        }
    }

    /// Dictionaries and rules without the name tagger (faster; finds only the
    /// people, agencies and companies a list or a head word marks).
    pub fn without_tagger() -> Extractor {
        Extractor {
            gazetteer: Gazetteer::bundled(),
            tagger: None,
        }
    }

    /// Extracts mentions, links and figures from one document.
    ///
    /// The passes each add candidates to one set — dictionaries, head words,
    /// projects, quotes, numbered names, agencies, facilities, enterprises,
    /// people, enumerations — then [`select::prune`] and [`select::select`]
    /// settle it, attribution finds the division each mention and figure is
    /// of, and the figures pass reads the numbers.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let text = doc.text.as_str();
        let g = &self.gazetteer;
        let header = metadata::read_header(text);
        let mut places = places::Places::new(g);
        let dictionary::DictionaryPass {
            mut candidates,
            divisions,
            context,
        } = dictionary::pass(g, text);
        let division_spans: Vec<(usize, usize)> = divisions.iter().map(|d| (d.0, d.1)).collect();
        if let Some(t) = self.tagger {
            candidates.extend(tagged::pass(t, g, text, header.publisher.as_deref()));
        }
        let is_industry = |w: &str| g.is_industry(w);
        candidates.extend(heads::head_names(text, &is_industry));
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
        candidates.extend(projects::project_names(text, &has_industry));
        candidates.extend(quotes::pass(text, &is_industry));
        candidates.extend(numbered::numbered_names(text));
        candidates.extend(agencies::agencies(text, &divisions));
        candidates.extend(zones::prefixed(text));
        candidates.extend(facilities::facilities(text, &division_spans));
        candidates.extend(enterprises::enterprises(text));
        candidates.extend(enterprises::listed(text, &|w: &str| g.lookup(w).is_some()));
        candidates.extend(people::pass(text));
        industries::add_enumerations(text, &is_industry, &mut candidates);
        tagged::trim_rules(text, &mut candidates);
        let candidates = select::prune(g, text, &header, &division_spans, candidates);
        let mut mentions = select::select(candidates);
        zones::settle(&mut places, &context, text, &mut mentions);
        let publisher = publisher_division(&mut places, &context, &header);
        people::settle(&places, text, &mut mentions, publisher);
        let attribution = Attribution::new(
            &places,
            text,
            &header,
            doc.title.as_deref(),
            &mentions,
            publisher,
        );
        let governing: Vec<Option<usize>> = mentions
            .iter()
            .map(|m| attribution.division_at(m.start))
            .collect();
        zones::settle_late(&mut places, &mut mentions, &governing);
        // 省产业技术研究院 in a Liaoning text is 辽宁省产业技术研究院 (the short form stays an alias)
        for (m, gov) in mentions.iter_mut().zip(&governing) {
            if m.entry.is_none() {
                if let Some(full) = gov.and_then(|d| own_division_name(&places, &m.label, d)) {
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
        let observations = observe(text, &attribution, &frame);
        Extraction {
            year: frame.year,
            document_division: attribution.document_division,
            header,
            mentions,
            governing,
            observations,
            places: places.into_local(),
        }
    }
}

/// The division of the agency that publishes the text (a zone's office too:
/// 重庆高新技术产业开发区管理委员会办公室), or of the government whose site the
/// page is on (绍兴市上虞区人民政府); a publisher written with a stand-in
/// (区科技局) is the site's division's.
fn publisher_division(
    places: &mut places::Places,
    context: &std::collections::HashSet<usize>,
    header: &Header,
) -> Option<usize> {
    let agency = |p: &&str| {
        lexicon::lexicon()
            .agency_heads
            .iter()
            .any(|h| p.ends_with(h))
    };
    let publisher = header.publisher.as_deref().filter(agency);
    if let Some(d) = publisher.and_then(|p| zones::division_in_name(places, context, p)) {
        return Some(d);
    }
    let site = header
        .site
        .as_deref()
        .and_then(|s| zones::division_in_name(places, context, s))?;
    match publisher.and_then(|p| p.chars().next()) {
        // 区科技局 on a county's site: the county's; on a city's site, not known
        Some(c @ ('区' | '县' | '市' | '省')) => {
            places.entry(site).label.ends_with(c).then_some(site)
        }
        _ => Some(site),
    }
}

/// The figures pass: each figure with the division and year it is of.
fn observe(
    text: &str,
    attribution: &Attribution,
    frame: &frame::TemporalFrame,
) -> Vec<Observation> {
    figures::figures(text)
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
        .collect()
}

/// The full name of a name that begins with 省 or 市 standing for the division
/// `d` speaks for (or its province or city): 省产业技术研究院 → 辽宁省产业技术研究院.
/// 省级, 市域, 省委, 市长 and the like are other words.
pub fn own_division_name(g: &places::Places, label: &str, d: usize) -> Option<String> {
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
        .map(|i| g.entry(i))
        .find(|e| e.class == Class::AdministrativeDivision && e.label.ends_with(first))
        .map(|e| format!("{}{rest}", e.label))
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
        let gz = Gazetteer::bundled();
        let g = &places::Places::new(&gz);
        let beijing = g.gazetteer.by_label("北京市").unwrap();
        let haidian = g.gazetteer.by_label("海淀区").unwrap();
        let cases = [
            ("市科创金融试验区", haidian, Some("北京市科创金融试验区")),
            ("省产业技术研究院", beijing, None),
            ("市级科创平台", beijing, None),
            ("市域科创走廊", beijing, None),
        ];
        for (label, d, want) in cases {
            assert_eq!(own_division_name(g, label, d).as_deref(), want, "{label}");
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

    #[test]
    fn a_doctrines_title_names_no_person() {
        let text = "标题\n\n高新区坚持用习近平新时代中国特色社会主义思想武装头脑。";
        let got = labels(text);
        assert!(!got.iter().any(|l| l.starts_with("Person:")), "{got:?}");
    }

    #[test]
    fn a_division_in_a_companys_name_is_no_mention_of_it() {
        let text = "标题\n\n开发区引进了北辰科技、深圳高科、广东世达等100多家知名企业。";
        let got = labels(text);
        assert!(got.contains(&"Enterprise:深圳高科".to_string()), "{got:?}");
        assert!(got.contains(&"Enterprise:广东世达".to_string()), "{got:?}");
        assert!(
            !got.iter().any(|l| l.starts_with("AdministrativeDivision:")),
            "{got:?}"
        );
    }
}
