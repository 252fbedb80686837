//! Targets against outcomes: every target a document sets, paired with the
//! actual figure of the same division, measure and year from any document;
//! and the series of targets and actuals of one measure by year.
//!
//! Measures pair after normalisation: well-known indicators by the table of
//! `data/lexicon/indicators.tsv` (国内生产总值增长 = 地区生产总值增长 = 经济增长预期目标),
//! others by their own words (scope, link and change words dropped). Values
//! are compared after folding magnitudes (1.2万亿元 = 12000亿元); a percentage
//! and a number of percentage points are kept apart.
//!
//! A target is met by its qualifier: 以上/超/不低于 → at least; 以内/以下/不超过 →
//! at most; 左右/约/近 → within a tolerance (0.3 percentage points for a
//! percentage, 2% of the value otherwise); no qualifier → at least, or at most
//! where lower is better. Where lower is better (prices, unemployment) a target
//! is read as a ceiling: 3%左右 is met by anything up to 3.3%.

use super::evidence::EvidenceReader;
use crate::error::Result;
use crate::extract::lexicon;
use crate::extract::numerals::Bound;
use crate::source::Source;
use oxigraph::model::Term;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One figure as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
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

fn lit(t: &Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

/// Every figure of a source, with its division's label.
pub fn figures(source: &dyn Source) -> Result<Vec<Figure>> {
    let rows = source.select(
        "PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?o ?d ?m ?v ?u ?y ?st ?q ?g ?b ?a ?dd ?ry WHERE { GRAPH ?g { ?o a ig:Observation ; ig:observedEntity ?d ;
  ig:measure ?m ; ig:value ?v ; ig:unit ?u ; ig:status ?st ; nif:beginIndex ?b ; nif:anchorOf ?a
  OPTIONAL { ?o ig:year ?y } OPTIONAL { ?o ig:qualifier ?q }
  OPTIONAL { ?g dcterms:date ?dd } OPTIONAL { ?g ig:reportYear ?ry } } } ORDER BY ?o",
    )?;
    let mut labels: HashMap<String, String> = HashMap::new();
    for r in source.select(
        "PREFIX ig: <https://w3id.org/innograph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?d ?l WHERE { ?o ig:observedEntity ?d . ?d rdfs:label ?l } ORDER BY ?d ?l",
    )? {
        if let (Some(d), Some(l)) = (lit(&r[0]), lit(&r[1])) {
            labels.entry(d).or_insert(l);
        }
    }
    let mut out = Vec::new();
    let mut last = String::new();
    for r in rows {
        let o = lit(&r[0]).unwrap_or_default();
        if o == last {
            continue;
        }
        last = o;
        let (Some(d), Some(m), Some(v), Some(u), Some(st), Some(g)) = (
            lit(&r[1]),
            lit(&r[2]),
            lit(&r[3]),
            lit(&r[4]),
            lit(&r[6]),
            lit(&r[8]),
        ) else {
            continue;
        };
        let Ok(value) = v.parse::<f64>() else {
            continue;
        };
        out.push(Figure {
            division_label: labels.get(&d).cloned().unwrap_or_else(|| d.clone()),
            division: d,
            measure: m,
            value,
            unit: u,
            year: lit(&r[5]).and_then(|y| y.get(..4)?.parse().ok()),
            target: st.ends_with("Target"),
            qualifier: lit(&r[7]),
            graph: g,
            doc_year: lit(&r[11])
                .or_else(|| lit(&r[12]))
                .and_then(|y| y.get(..4)?.parse().ok()),
            begin: lit(&r[9]).and_then(|b| b.parse().ok()).unwrap_or(0),
            anchor: lit(&r[10]).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// A figure as a pair shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    pub value: f64,
    pub unit: String,
    pub qualifier: Option<String>,
    pub document: String,
    pub text: String,
}

/// A target and its outcome.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pair {
    pub division: String,
    pub measure: String,
    pub year: i32,
    pub unit: String,
    pub target: Side,
    pub actual: Option<Side>,
    /// Other actuals of the same measure and year that disagree with the one shown.
    pub conflicting: Vec<Side>,
    pub status: &'static str,
    /// How the target was read: at least, at most or about.
    pub rule: &'static str,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub division: Option<String>,
    /// A key of the indicators table, or words the measure contains.
    pub measure: Option<String>,
    pub year: Option<i32>,
    pub status: Option<String>,
}

/// Is `a` (an actual) meeting `t` (a target) with this qualifier? And the rule read.
pub fn judge(
    t: f64,
    a: f64,
    unit: &str,
    qualifier: Option<&str>,
    lower_is_better: bool,
) -> (bool, &'static str) {
    let tol = if unit == "%" || unit == "个百分点" {
        0.3
    } else {
        0.02 * t.abs()
    };
    let eps = 1e-9;
    let bound = qualifier
        .and_then(crate::extract::numerals::qualifier)
        .map_or(Bound::None, |q| q.bound);
    match bound {
        Bound::AtLeast => (a >= t - eps, "at least"),
        Bound::AtMost => (a <= t + eps, "at most"),
        Bound::About => {
            if lower_is_better {
                (a <= t + tol + eps, "at most, about")
            } else {
                (a >= t - tol - eps, "at least, about")
            }
        }
        Bound::None if lower_is_better => (a <= t + eps, "at most"),
        Bound::None => (a >= t - eps, "at least"),
    }
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every target paired with the actual of the same division, measure and year.
///
/// # Arguments
/// * `source` — the store or an endpoint (for the sentences, read through it).
/// * `figs` — the figures, from [`figures`].
///
/// # Returns
/// Pairs by division, year and measure. The actual shown is the one the first
/// document dated after the year states (the next year's report); actuals of
/// other documents that disagree with it are listed in `conflicting`.
///
/// # Complexity
/// O(n log n) in the figures, plus one sentence read per pair.
pub fn pairs(source: &dyn Source, figs: &[Figure], filter: &Filter) -> Result<Vec<Pair>> {
    let ids = super::profile::document_ids(source)?;
    let mut ev = EvidenceReader::new(source);
    // actuals by (division, key, year)
    let mut actuals: BTreeMap<(String, String, i32), Vec<&Figure>> = BTreeMap::new();
    for f in figs.iter().filter(|f| !f.target) {
        let Some(y) = f.year else { continue };
        let (key, _, _) = measure_key(&f.measure, &f.unit);
        actuals
            .entry((f.division.clone(), key, y))
            .or_default()
            .push(f);
    }
    let mut side = |f: &Figure| -> Result<Side> {
        let text = ev.sentence_at(&f.graph, f.begin)?.sentence;
        Ok(Side {
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            document: ids
                .get(&f.graph)
                .cloned()
                .unwrap_or_else(|| f.graph.clone()),
            text,
        })
    };
    let mut out = Vec::new();
    for t in figs.iter().filter(|f| f.target) {
        let Some(year) = t.year else { continue };
        let (key, label, lower) = measure_key(&t.measure, &t.unit);
        if let Some(d) = &filter.division {
            if &t.division != d && &t.division_label != d {
                continue;
            }
        }
        if let Some(m) = &filter.measure {
            if key.split('|').next() != Some(m.as_str())
                && !t.measure.contains(m.as_str())
                && !label.contains(m.as_str())
            {
                continue;
            }
        }
        if filter.year.is_some_and(|y| y != year) {
            continue;
        }
        let (tv, tu) = fold(t.value, &t.unit);
        let mut found: Vec<&Figure> = actuals
            .get(&(t.division.clone(), key.clone(), year))
            // an outcome is stated by another document than the one that set the
            // target (比上年增加5000亿元 beside a plan's 4.4万亿元 is no outcome)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|a| a.graph != t.graph && fold(a.value, &a.unit).1 == tu)
                    .collect()
            })
            .unwrap_or_default();
        // the outcome as first reported: by the earliest document dated after the
        // year (a report reviews the year before it), then by the others
        found.sort_by_key(|a| {
            let after = a.doc_year.filter(|y| *y > year);
            (after.is_none(), after, a.doc_year, a.graph.clone(), a.begin)
        });
        let (actual, conflicting, status, rule) = match found.first() {
            None => (
                None,
                Vec::new(),
                "pending",
                judge(tv, tv, &tu, t.qualifier.as_deref(), lower).1,
            ),
            Some(a) => {
                let av = fold(a.value, &a.unit).0;
                let (met, rule) = judge(tv, av, &tu, t.qualifier.as_deref(), lower);
                let mut others = Vec::new();
                for o in &found[1..] {
                    if !near(fold(o.value, &o.unit).0, av) {
                        others.push(side(o)?);
                    }
                }
                (
                    Some(side(a)?),
                    others,
                    if met { "met" } else { "missed" },
                    rule,
                )
            }
        };
        if filter.status.as_deref().is_some_and(|s| s != status) {
            continue;
        }
        out.push(Pair {
            division: t.division_label.clone(),
            measure: label,
            year,
            unit: t.unit.clone(),
            target: side(t)?,
            actual,
            conflicting,
            status,
            rule,
        });
    }
    out.sort_by(|a, b| {
        (a.division.as_str(), a.year, a.measure.as_str()).cmp(&(
            b.division.as_str(),
            b.year,
            b.measure.as_str(),
        ))
    });
    // one target stated twice (国内生产总值增长5%左右 … 经济增长预期目标为5%左右) is listed once
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| {
        seen.insert((
            p.division.clone(),
            p.year,
            p.measure.clone(),
            p.target.value.to_bits(),
            p.target.unit.clone(),
        ))
    });
    Ok(out)
}

/// One year of a series.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Point {
    pub year: i32,
    pub targets: Vec<Side>,
    pub actuals: Vec<Side>,
}

/// Targets and actuals of one measure of one division by year, over every document.
///
/// # Arguments
/// * `division` — the division's IRI or label; `measure` — a key of the
///   indicators table or words the measure contains.
///
/// # Returns
/// The measure's label and one point per year, in year order. In each point,
/// a value stated by several documents is listed once; the first target and
/// the first actual are those of the earliest document dated from that year
/// (targets) or after it (actuals).
///
/// # Complexity
/// O(n log n) in the figures.
pub fn series(
    source: &dyn Source,
    figs: &[Figure],
    division: &str,
    measure: &str,
) -> Result<(String, Vec<Point>)> {
    let ids = super::profile::document_ids(source)?;
    let mut by_year: BTreeMap<i32, Point> = BTreeMap::new();
    let mut label = measure.to_string();
    let mut ordered: Vec<&Figure> = figs.iter().collect();
    ordered.sort_by_key(|f| {
        let y = f.year.unwrap_or(i32::MIN);
        let from = f
            .doc_year
            .filter(|d| if f.target { *d >= y } else { *d > y });
        (from.is_none(), from, f.graph.clone(), f.begin)
    });
    for f in ordered {
        if f.division != division && f.division_label != division {
            continue;
        }
        let Some(y) = f.year else { continue };
        let (key, l, _) = measure_key(&f.measure, &f.unit);
        if key.split('|').next() != Some(measure) && !f.measure.contains(measure) {
            continue;
        }
        label = l;
        let p = by_year.entry(y).or_insert(Point {
            year: y,
            targets: Vec::new(),
            actuals: Vec::new(),
        });
        let s = Side {
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            document: ids
                .get(&f.graph)
                .cloned()
                .unwrap_or_else(|| f.graph.clone()),
            text: f.anchor.clone(),
        };
        let list = if f.target {
            &mut p.targets
        } else {
            &mut p.actuals
        };
        if !list
            .iter()
            .any(|x| near(x.value, s.value) && x.unit == s.unit)
        {
            list.push(s);
        }
    }
    Ok((label, by_year.into_values().collect()))
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

    #[test]
    fn each_qualifier_reads_as_its_rule() {
        let cases = [
            // (target, actual, unit, qualifier, lower is better, met)
            (6.0, 8.1, "%", Some("以上"), false, true),
            (5.5, 3.0, "%", Some("左右"), false, false),
            (5.0, 5.2, "%", Some("左右"), false, true),
            (5.0, 5.0, "%", Some("左右"), false, true),
            (5.0, 4.8, "%", Some("左右"), false, true),
            (5.0, 4.6, "%", Some("左右"), false, false),
            (1100.0, 1269.0, "万人", Some("以上"), false, true),
            (1200.0, 1190.0, "万人", Some("左右"), false, true),
            (1200.0, 1100.0, "万人", Some("左右"), false, false),
            // prices and unemployment: a ceiling
            (3.0, 0.2, "%", Some("左右"), true, true),
            (3.0, 3.2, "%", Some("左右"), true, true),
            (3.0, 3.5, "%", Some("左右"), true, false),
            (5.5, 5.2, "%", Some("左右"), true, true),
            (3.0, 2.0, "%", Some("以内"), false, true),
            (3.0, 4.0, "%", Some("以内"), false, false),
            (100.0, 99.0, "家", None, false, false),
            (100.0, 100.0, "家", None, false, true),
        ];
        for (t, a, u, q, lower, met) in cases {
            assert_eq!(judge(t, a, u, q, lower).0, met, "{t} {q:?} vs {a}");
        }
    }
}
