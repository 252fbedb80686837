//! Figures as the store holds them, and the measures they pair by.
//!
//! Measures pair after normalisation: well-known indicators by the table of
//! `data/lexicon/indicators.tsv` (国内生产总值增长 = 地区生产总值增长 = 经济增长预期目标),
//! others by their own words (scope, link and change words dropped). Values
//! are compared after folding magnitudes (1.2万亿元 = 12000亿元); a percentage
//! and a number of percentage points are kept apart.

use crate::error::Result;
use crate::extract::lexicon;
use crate::rdf::{queries, row};
use crate::source::Source;
use std::collections::HashMap;

/// One figure as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredFigure {
    pub division: String,
    pub division_label: String,
    pub measure: String,
    pub value: f64,
    pub unit: String,
    pub year: Option<i32>,
    pub target: bool,
    pub qualifier: Option<String>,
    /// The document's graph IRI and code-point offset of the figure.
    pub graph: String,
    /// The year of the document (its date, else its `ig:reportYear`).
    pub doc_year: Option<i32>,
    pub begin: usize,
    pub anchor: String,
}

/// A well-known indicator of `data/lexicon/indicators.tsv`.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub key: &'static str,
    pub label: &'static str,
    groups: Vec<Vec<&'static str>>,
    units: Vec<&'static str>,
    except: Vec<&'static str>,
    pub lower_is_better: bool,
}

fn indicators() -> &'static [Indicator] {
    static T: std::sync::OnceLock<Vec<Indicator>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        lexicon::entries("indicators.tsv")
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').map(str::trim).collect();
                Some(Indicator {
                    key: c.first()?,
                    label: c.get(1)?,
                    groups: c
                        .get(2)?
                        .split('+')
                        .map(|g| g.split('|').collect())
                        .collect(),
                    units: c.get(3)?.split('|').collect(),
                    lower_is_better: *c.get(4)? == "lower",
                    except: c
                        .get(5)
                        .map(|e| e.split('|').filter(|w| !w.is_empty()).collect())
                        .unwrap_or_default(),
                })
            })
            .collect()
    })
}

/// The magnitude prefixes folded into a value.
const MAGNITUDES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
];

/// (value in base units, base unit): 1.2万亿元 → (1.2e12, 元); % stays %.
pub fn fold(value: f64, unit: &str) -> (f64, String) {
    for (p, m) in MAGNITUDES {
        if let Some(rest) = unit.strip_prefix(p) {
            if !rest.is_empty() {
                return (value * m, rest.to_string());
            }
        }
    }
    (value, unit.to_string())
}

/// The key, the label and the direction of a measure written with `unit`.
pub fn measure_key(measure: &str, unit: &str) -> (String, String, bool) {
    let (_, base) = fold(1.0, unit);
    // a measure against a named year (比2002年增长) spans several years: no yearly indicator
    let spans_years = measure.char_indices().any(|(i, c)| {
        c == '年' && i >= 4 && measure.as_bytes()[i - 4..i].iter().all(u8::is_ascii_digit)
    });
    for ind in indicators().iter().filter(|_| !spans_years) {
        let unit_ok = ind
            .units
            .iter()
            .any(|u| *u == unit || fold(1.0, u).1 == base);
        if unit_ok
            && ind
                .groups
                .iter()
                .all(|g| g.iter().any(|w| measure.contains(w)))
            && !ind.except.iter().any(|w| measure.contains(w))
        {
            return (
                ind.key.to_string(),
                ind.label.to_string(),
                ind.lower_is_better,
            );
        }
    }
    // its own words: without the scope before it and the change and link words around it
    let lx = lexicon::lexicon();
    let mut m = measure.trim();
    for p in [
        "全年", "全省", "全市", "全区", "全国", "今年", "年均", "累计",
    ] {
        m = m.strip_prefix(p).unwrap_or(m);
    }
    loop {
        let before = m;
        if let Some(w) = lx
            .change_words
            .iter()
            .find(|w| m.ends_with(*w) && m.len() > w.len())
        {
            m = &m[..m.len() - w.len()];
        }
        if let Some(w) = lx
            .figure_link_words
            .iter()
            .find(|w| m.ends_with(*w) && m.len() > w.len())
        {
            m = &m[..m.len() - w.len()];
        }
        for w in ["新增", "新建", "培育", "建成", "实现"] {
            if m.starts_with(w) && m.len() > w.len() {
                m = &m[w.len()..];
            }
        }
        if m == before {
            break;
        }
    }
    (format!("{m}|{base}"), m.to_string(), false)
}

/// Every figure of a source, with its division's label.
pub fn stored_figures(source: &dyn Source) -> Result<Vec<StoredFigure>> {
    let rows = source.select(&queries::figures())?;
    let mut labels: HashMap<String, String> = HashMap::new();
    for r in source.select(&queries::figure_entity_labels())? {
        if let (Some(d), Some(l)) = (row::text(&r[0]), row::text(&r[1])) {
            labels.entry(d).or_insert(l);
        }
    }
    let mut out = Vec::new();
    let mut last = String::new();
    for r in rows {
        let o = row::text(&r[0]).unwrap_or_default();
        if o == last {
            continue;
        }
        last = o;
        let (Some(d), Some(m), Some(v), Some(u), Some(st), Some(g)) = (
            row::text(&r[1]),
            row::text(&r[2]),
            row::text(&r[3]),
            row::text(&r[4]),
            row::text(&r[6]),
            row::text(&r[8]),
        ) else {
            continue;
        };
        let Ok(value) = v.parse::<f64>() else {
            continue;
        };
        out.push(StoredFigure {
            division_label: labels.get(&d).cloned().unwrap_or_else(|| d.clone()),
            division: d,
            measure: m,
            value,
            unit: u,
            year: row::text(&r[5]).and_then(|y| y.get(..4)?.parse().ok()),
            target: st.ends_with("Target"),
            qualifier: row::text(&r[7]),
            graph: g,
            doc_year: row::text(&r[11])
                .or_else(|| row::text(&r[12]))
                .and_then(|y| y.get(..4)?.parse().ok()),
            begin: row::text(&r[9]).and_then(|b| b.parse().ok()).unwrap_or(0),
            anchor: row::text(&r[10]).unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_normalise_to_well_known_indicators() {
        for (m, u, key) in [
            ("国内生产总值增长", "%", "gdp_growth"),
            ("地区生产总值增长", "%", "gdp_growth"),
            ("经济增长预期目标", "%", "gdp_growth"),
            ("国内生产总值", "万亿元", "gdp"),
            ("城镇新增就业", "万人", "urban_jobs"),
            ("居民消费价格涨幅", "%", "cpi"),
            ("居民消费价格上涨", "%", "cpi"),
            ("城镇调查失业率", "%", "unemployment"),
            ("研发经费投入强度", "%", "rd_intensity"),
            ("全社会研发投入强度", "%", "rd_intensity"),
            ("国内生产总值比上年增长", "%", "gdp_growth"),
            ("经济增长预期目标", "%", "gdp_growth"),
        ] {
            assert_eq!(measure_key(m, u).0, key, "{m}");
        }
        // other measures that name the economy are not its growth
        for (m, u) in [
            ("国内生产总值年均增长", "%"),
            ("服务业对经济增长贡献率", "%"),
            ("财政性教育经费占国内生产总值比例", "%"),
            ("单位国内生产总值能耗下降", "%"),
            ("居民消费价格年均上涨", "%"),
            ("国内生产总值比2002年增长", "%"),
            ("全国工农业生产总值", "%"),
        ] {
            let key = measure_key(m, u).0;
            assert!(
                !["gdp_growth", "cpi"].contains(&key.as_str()),
                "{m} read as {key}"
            );
        }
        // the same measure written two ways pairs by its own words
        assert_eq!(
            measure_key("新增省级科创平台", "个").0,
            measure_key("省级科创平台", "个").0
        );
        // a percentage and percentage points stay apart
        assert_ne!(
            measure_key("凤鸣占比提高", "%").0,
            measure_key("凤鸣占比提高", "个百分点").0
        );
    }

    #[test]
    fn magnitudes_fold() {
        assert_eq!(fold(1.2, "万亿元"), (1.2e12, "元".to_string()));
        assert_eq!(fold(1100.0, "万人"), (1.1e7, "人".to_string()));
        assert_eq!(fold(5.0, "%"), (5.0, "%".to_string()));
        assert_eq!(fold(3.0, "万"), (3.0, "万".to_string()));
    }
}
