//! Figures: a number with its unit, the measure it is of, its year and whether it is a target.

use super::lexicon::lexicon;
use super::numerals::{chinese_number, figure_alternation, qualifier, Bound, COUNT_THOUSANDS};
use super::text::is_han;
use regex::Regex;
use std::sync::OnceLock;

/// One figure found in a text (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    /// Decimal as written (Chinese numerals converted).
    pub value: String,
    pub unit: String,
    pub measure: String,
    pub qualifier: Option<String>,
}

fn figure_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        // units longest first (data/lexicon/figure_units.txt), escaped: % is a unit
        let units: Vec<String> = lexicon()
            .figure_units
            .iter()
            .map(|u| regex::escape(u))
            .collect();
        Regex::new(&format!(
            r"({before})?(\d+(?:\.\d+)?|[{numerals}]+)({approx})?(万亿|亿|千万|百万|万|千|百)?({approx})?({units})({after})?",
            before = figure_alternation(true, None),
            numerals = COUNT_THOUSANDS.chars(),
            approx = figure_alternation(false, Some(Bound::None)),
            units = units.join("|"),
            after = figure_alternation(false, None),
        ))
        .expect("static pattern")
    })
}

/// 4个主导产业, 10项主要指标: a count of a plan's categories (产业创新综合体, which
/// only begins with 产业, is a counted thing).
fn is_meta_noun_phrase(np: &str) -> bool {
    lexicon()
        .figure_meta_nouns
        .iter()
        .any(|m| np.ends_with(m) || np == *m)
}

fn is_link_word(w: &str) -> bool {
    lexicon().figure_link_words.contains(&w)
}

fn trim_decimal(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Finds the figures in `text`.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for c in figure_re().captures_iter(text) {
        let whole = c.get(0).expect("group 0 always matches");
        let num = c.get(2).expect("number group is required");
        // 2万多家: the unit as written is the magnitude and the unit
        let unit_owned = format!(
            "{}{}",
            c.get(4).map_or("", |m| m.as_str()),
            c.get(6).map_or("", |m| m.as_str())
        );
        let unit = unit_owned.as_str();
        // 两位数: a number of digits, not a count of people
        if unit == "位" && text[whole.end()..].starts_with('数') {
            continue;
        }
        let before = &text[..whole.start()];
        let prev = before.chars().next_back();
        // 第三, 2023年, 3.0: ordinals, and numbers glued to ASCII, are not figures
        if prev == Some('第')
            || prev == Some('“')
            || prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.')
        {
            continue;
        }
        // “科创九条”, “科创18条”: a number inside a quoted name is part of the name
        if before
            .rfind('“')
            .is_some_and(|q| !before[q..].contains('”'))
        {
            continue;
        }
        let is_arabic = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
        // 一家, 一个: an article, not a figure; 超五成, 超千亿元 are figures
        if !is_arabic
            && chinese_number(num.as_str()).is_none_or(|v| v < 2.0)
            && !unit.ends_with('成')
        {
            continue;
        }
        let value = if is_arabic {
            num.as_str().to_string()
        } else {
            match chinese_number(num.as_str()) {
                Some(v) if v > 0.0 => trim_decimal(v),
                _ => continue,
            }
        };
        let after = &text[whole.end()..];
        let right_np: String = after
            .chars()
            .take_while(|c| is_han(*c) || c.is_ascii_alphanumeric())
            .take(12)
            .collect();
        if matches!(unit, "个" | "项" | "家" | "类" | "所" | "条") && is_meta_noun_phrase(&right_np)
        {
            continue;
        }
        let qualifier = c.get(1).or(c.get(3)).or(c.get(5)).or(c.get(7)).map(|m| {
            qualifier(m.as_str())
                .map_or(m.as_str(), |q| q.stored)
                .to_string()
        });
        let measure = measure_for(text, whole.start(), whole.end(), out.last());
        if measure.is_empty() || is_link_word(&measure) {
            continue;
        }
        out.push(Figure {
            start: whole.start(),
            end: whole.end(),
            value,
            unit: unit.replace('％', "%"),
            measure,
            qualifier,
        });
    }
    respectively(text, &mut out);
    inherit_subjects(text, &mut out);
    out
}

/// 概念验证中心、中试基地分别达到69家、107家: with 分别, the k-th figure is of the
/// k-th item of the list before it. Growth rates keep their verb (分别增长5%、7%),
/// as the measures of growth are named.
/// Is a measure nothing but words of change (增长, 分别增长, 同比下降)?
fn only_change(measure: &str) -> bool {
    let lx = lexicon();
    let mut rest = measure;
    while !rest.is_empty() {
        match lx.change_words.longest_prefix_of(rest) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    !measure.is_empty()
}

/// 国内生产总值达到114万亿元，增长8.1%: a growth rate whose measure is only a
/// word of change takes the subject of the figure before it in the sentence.
fn inherit_subjects(text: &str, figures: &mut [Figure]) {
    for i in 1..figures.len() {
        if !only_change(&figures[i].measure) {
            continue;
        }
        let between = &text[figures[i - 1].end..figures[i].start];
        if between.contains(['。', '；', '！', '？', '\n']) {
            continue;
        }
        let prev = figures[i - 1].measure.clone();
        if only_change(&prev) {
            continue;
        }
        // the subject: the previous measure without its own words of change
        let mut subject = prev.as_str();
        while let Some(w) = lexicon()
            .change_words
            .iter()
            .find(|w| subject.ends_with(*w) && subject.len() > w.len())
        {
            subject = &subject[..subject.len() - w.len()];
        }
        figures[i].measure = format!("{subject}{}", figures[i].measure);
    }
}

fn respectively(text: &str, figures: &mut [Figure]) {
    for f in figures.iter_mut() {
        if matches!(f.unit.as_str(), "%" | "个百分点" | "倍") {
            continue;
        }
        let before = &text[..f.start];
        let cs = before.rfind(['，', '。', '；', '\n', '：']).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let clause = &before[cs..];
        let Some(p) = clause.find("分别") else {
            continue;
        };
        let after = &clause[p + "分别".len()..];
        let k = after.matches('、').count();
        // between 分别 and the figure: a verb, then earlier figures joined by 、
        if after
            .split('、')
            .next()
            .is_some_and(|v| v.chars().count() > 4)
        {
            continue;
        }
        let items: Vec<&str> = clause[..p].split('、').map(str::trim).collect();
        if items.len() >= 2 && k < items.len() {
            let item = items[k].trim_start_matches(['“', '”']);
            if item.chars().count() >= 2 {
                f.measure = item.to_string();
            }
        }
    }
}

/// Is a figure a count of things (家, 个, 项, 名) rather than an amount, a rate or a size?
fn is_count(figure: &str) -> bool {
    const AMOUNTS: &[&str] = &[
        "%",
        "％",
        "百分点",
        "倍",
        "成",
        "元",
        "平方米",
        "平方公里",
        "公顷",
        "亩",
        "公里",
        "千米",
        "吨",
        "标准煤",
        "千瓦时",
        "千瓦",
        "瓦",
        "标准箱",
    ];
    let f = figure.trim_end_matches(['以', '上', '左', '右', '多', '余']);
    !AMOUNTS.iter().any(|u| f.ends_with(u))
}

fn measure_for(text: &str, start: usize, end: usize, previous: Option<&Figure>) -> String {
    // left: back to the clause start or the previous figure
    let floor = previous.map_or(0, |p| p.end);
    let mut left_start = start;
    for (i, c) in text[..start].char_indices().rev() {
        if i < floor
            || matches!(
                c,
                '，' | '。' | '；' | '：' | '、' | ',' | ';' | ':' | '\n' | '！' | '？'
            )
        {
            break;
        }
        left_start = i;
    }
    let sep = text[..left_start].chars().next_back();
    let raw_left = text[left_start..start].trim();
    // 7家平台和6家孵化器: after a conjunction the measure follows the number
    // …等3个交叉研究平台: after a list, the measure is what the list's items are
    let after_conjunction = raw_left.ends_with(['和', '及', '与', '等', '的']);
    let mut left = without_lead(raw_left);
    // 其中企业类6家: a kind of what the figure before counted, no measure of its own
    if left.ends_with('类') && text[left_start..start].trim_start().starts_with("其中") {
        return String::new();
    }
    trim_scope_and_links(&mut left);
    // 推荐35家企业, 目前有12项重大项目, 也汇集了14所院校: a left side that ends in a
    // verb, an adverb or a function word names nothing; the counted thing follows
    let left_is_verb = after_conjunction
        || left.is_empty()
        || is_link_word(&left)
        || left.chars().count() <= 1
        || !left.chars().any(is_han)
        || (is_count(&text[start..end]) && lexicon().non_nominal.suffix_of(&left));
    let after = &text[end..];
    let right = counted_after(after);
    // 国际医药创新公园新引入8家跨国药企, 累计落地35支大基金: the subject did
    // something to the counted thing, which is the measure
    let left_is_verb = left_is_verb
        || (!right.is_empty()
            && !after.starts_with('的')
            && super::text::ends_with_governing(&left)
            && !right.starts_with(|c: char| lexicon().left_stops.contains(&c)));
    if after.starts_with('的') && !right.is_empty() {
        return right;
    }
    if left_is_verb {
        if !right.is_empty() {
            return right;
        }
        if sep == Some('、') {
            if let Some(p) = previous {
                return p.measure.clone();
            }
        }
    }
    left
}

/// The left side without a leading time phrase, the speaker (我局将力争…)
/// or a word of intent.
fn without_lead(raw: &str) -> String {
    let mut left = raw.to_string();
    // a phrase may open with several of them (今年将…)
    loop {
        let lx = lexicon();
        let lead = ["全年", "今年", "去年", "上年", "其中", "将", "要", "我们"]
            .into_iter()
            .chain(lx.leading_noise.iter().copied())
            .chain(
                lx.cues
                    .iter()
                    .filter(|(_, c)| matches!(c, super::lexicon::Cue::Target))
                    .map(|(w, _)| *w),
            )
            .find(|p| left.starts_with(p) && left.len() > p.len());
        match lead {
            Some(p) => left = left[p.len()..].to_string(),
            None => break,
        }
    }
    left
}

/// Drops a year (2024年度), a scope that is all there is (首期100亿元…母基金,
/// 全省8个品种: a scope alone is no measure) and trailing link words.
fn trim_scope_and_links(left: &mut String) {
    static YEAR_PREFIX: OnceLock<Regex> = OnceLock::new();
    let year_prefix =
        YEAR_PREFIX.get_or_init(|| Regex::new(r"^(?:19|20)\d{2}年度?").expect("static pattern"));
    if let Some(m) = year_prefix.find(left).map(|m| m.end()) {
        *left = left[m..].to_string();
    }
    // 首期100亿元…母基金, 全省8个品种: a scope alone is no measure
    if lexicon().leading_noise.contains(&left.as_str())
        || ["全年", "今年", "去年", "上年", "全省", "全市", "全区"].contains(&left.as_str())
    {
        left.clear();
    }
    loop {
        let before = left.clone();
        for w in &lexicon().figure_link_words {
            if left.ends_with(w) && left.len() > w.len() {
                left.truncate(left.len() - w.len());
            }
        }
        if *left == before {
            break;
        }
    }
}

/// The noun phrase after a figure that names what it counts: after 的, to the
/// clause's end; else the ideographs that follow (11个市（州）分岛: a bracketed
/// word belongs to the noun phrase), up to a conjunction.
fn counted_after(after: &str) -> String {
    if let Some(r) = after.strip_prefix('的') {
        return r
            .chars()
            .take_while(|c| !matches!(c, '，' | '。' | '；' | ',' | ';' | '\n'))
            .take(20)
            .collect();
    }
    after
        .chars()
        .take_while(|c| {
            (is_han(*c) || matches!(c, '（' | '）')) && !matches!(c, '和' | '及' | '与')
        })
        .take(14)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        figures(text)
            .iter()
            .map(|f| {
                format!(
                    "{}={}{}{}",
                    f.measure,
                    f.value,
                    f.unit,
                    f.qualifier
                        .as_deref()
                        .map(|q| format!("({q})"))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn figure_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "全年高新技术产业产值超2700亿元，",
                &["高新技术产业产值=2700亿元(超)"],
            ),
            ("新增省级科创平台25个。", &["新增省级科创平台=25个"]),
            (
                "设立总规模为600亿元的科创产业、数字经济母基金，",
                &["科创产业、数字经济母基金=600亿元"],
            ),
            (
                "另有4家全国潜在独角兽企业通过评价",
                &["全国潜在独角兽企业通过评价=4家"],
            ),
            (
                "意向成交金额达到834.9亿美元、增长4.4%。",
                &["意向成交金额=834.9亿美元", "意向成交金额增长=4.4%"],
            ),
            (
                "旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%",
                &[
                    "旅客和货邮吞吐量=1.35亿人次",
                    "旅客和货邮吞吐量=453.8万吨",
                    "旅客和货邮吞吐量分别增长=8.3%",
                    "旅客和货邮吞吐量分别增长=7.9%",
                ],
            ),
            ("新集聚海内外人才近15万人", &["新集聚海内外人才=15万人(近)"]),
            ("聚焦纺织服装、新材料等4个千亿级主导产业", &[]),
            (
                "凤鸣与青岚等3个交叉研究平台试运行",
                &["交叉研究平台试运行=3个"],
            ),
            (
                "年产量近70万辆，34款新药获批，贡献超五成，投资超千亿元",
                &[
                    "年产量=70万辆(近)",
                    "新药获批=34款",
                    "贡献=5成(超)",
                    "投资=1000亿元(超)",
                ],
            ),
            ("新建20个产业创新综合体", &["产业创新综合体=20个"]),
            ("出台“凤鸣18条”，建成8条产业链", &["产业链=8条"]),
            (
                "概念验证中心、中试基地分别达到69家、107家，增加值分别增长6.8%、7.8%",
                &[
                    "概念验证中心=69家",
                    "中试基地=107家",
                    "增加值分别增长=6.8%",
                    "增加值分别增长=7.8%",
                ],
            ),
            (
                "高新技术企业5年增加2万多家，无人机等产业链产值两位数增长",
                &["高新技术企业5年增加=2万家(余)"],
            ),
            ("紧盯10项主要指标，开展好四项行动", &[]),
            (
                "新增功能完备的科创载体40余万平方米",
                &["新增功能完备的科创载体=40万平方米(余)"],
            ),
            ("连续16年排名第一，第三届大会，2023年", &[]),
            (
                "立项市重点实验室7家，其中企业类6家",
                &["立项市重点实验室=7家"],
            ),
            (
                "新建7家高质量概念验证平台和6家高质量孵化器",
                &["高质量概念验证平台=7家", "高质量孵化器=6家"],
            ),
            (
                "确保新增科技型企业2800家以上",
                &["新增科技型企业=2800家(以上)"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(show(text), *want, "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("十二"), Some(12.0));
        assert_eq!(chinese_number("三百五十"), Some(350.0));
        assert_eq!(chinese_number("两"), Some(2.0));
    }
}
