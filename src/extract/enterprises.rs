//! Companies named as the subject of an honour: 吉姆西半导体获评省独角兽企业.

use super::text::is_han;
use super::Candidate;
use crate::class::Class;
use regex::Regex;
use std::sync::OnceLock;

/// The clauses (between `delimiters`) that hold one of `words`, as byte spans.
/// A regex whose matches never cross a delimiter need only run on these: most
/// of a text holds none of the words.
fn clauses_with(text: &str, words: &[&str], delimiters: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for w in words {
        for (at, _) in text.match_indices(w) {
            let a = text[..at].rfind(|c| delimiters.contains(c)).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let b = text[at..]
                .find(|c| delimiters.contains(c))
                .map_or(text.len(), |i| at + i);
            spans.push((a, b));
        }
    }
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// Companies named as the subject of an honour: 吉姆西半导体获评省独角兽企业.
pub fn enterprises(text: &str) -> Vec<Candidate> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"([\p{Han}A-Za-z0-9]{2,12}?)(获评|入选|荣获|冲刺|成功上市|获批)[^，。；,;]{0,12}?(独角兽|瞪羚|专精特新|小巨人|领军企业|龙头企业|上市公司)")
            .expect("static pattern")
    });
    let mut out = Vec::new();
    let clauses = clauses_with(
        text,
        &["获评", "入选", "荣获", "冲刺", "成功上市", "获批"],
        "，。；,;",
    );
    let found = clauses
        .into_iter()
        .flat_map(|(a, b)| re.captures_iter(&text[a..b]).map(move |c| (a, c)));
    for (a, c) in found {
        let Some(m) = c.get(1) else { continue };
        let (m_start, m_end) = (a + m.start(), a + m.end());
        let mut start = m_start;
        let span = m.as_str();
        // the subject starts after the last governing word (推动吉姆西半导体冲刺…)
        for (i, _) in span.char_indices() {
            if super::text::ends_with_governing(&span[..i]) {
                start = m_start + i;
            }
        }
        let name = &text[start..m_end];
        let n = name.chars().count();
        if n < 3
            || !name.chars().all(is_han)
            || name.contains("企业")
            || name.ends_with(['区', '市', '县', '省'])
        {
            continue;
        }
        out.push(Candidate::rule(
            start,
            m_end,
            name,
            Class::Enterprise,
            "honour-subject",
            0.7,
        ));
    }
    out
}

/// Companies listed before the count of what they are: 红太阳、高淳陶瓷、红宝丽
/// 这三家上市公司, 中电科技、深圳高科等100多家知名企业. Each item of the list
/// is a company unless `known` holds it (a place, an industry: its list's
/// class wins) or it is generic (高新技术, a kind of company); the first item
/// begins after the verb or function word before it.
pub fn listed(text: &str, known: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(&format!(
            r"((?:[\p{{Han}}A-Za-z0-9]{{2,10}}、)+[\p{{Han}}A-Za-z0-9]{{2,10}})(?:这|等)(?:[0-9]+|[{}]+)(?:{})?家[^，。；、,;]{{0,10}}?(?:公司|企业)",
            super::numerals::COUNT_THOUSANDS.chars(),
            super::numerals::figure_alternation(false, Some(super::numerals::Bound::None)),
        ))
            .expect("static pattern")
    });
    let lx = super::lexicon::lexicon();
    let clauses = clauses_with(text, &["家"], "，。；,;");
    let mut out = Vec::new();
    for (a, b) in clauses {
        for c in re.captures_iter(&text[a..b]) {
            let Some(m) = c.get(1) else { continue };
            let mut pos = a + m.start();
            for (k, item) in m.as_str().split('、').enumerate() {
                let (mut start, end) = (pos, pos + item.len());
                pos = end + '、'.len_utf8();
                if k == 0 {
                    // 聚集了红太阳: the list begins after the last word that names nothing
                    for (i, _) in item.char_indices().skip(1) {
                        let before = &item[..i];
                        if lx.non_nominal.suffix_of(before)
                            || super::text::ends_with_governing(before)
                        {
                            start = pos - '、'.len_utf8() - item.len() + i;
                        }
                    }
                }
                let name = &text[start..end];
                if name.chars().count() < 2
                    || name.contains("企业")
                    || name.ends_with(['区', '市', '县', '省', '型', '类'])
                    || known(name)
                    || super::text::is_generic(name, &|_| false)
                {
                    continue;
                }
                out.push(Candidate::rule(
                    start,
                    end,
                    name,
                    Class::Enterprise,
                    "company-list",
                    0.6,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honoured_enterprises() {
        let cases: &[(&str, &[&str])] = &[
            ("吉姆西半导体获评省独角兽企业，另有4家", &["吉姆西半导体"]),
            ("推动吉姆西半导体冲刺国家级独角兽企业", &["吉姆西半导体"]),
            ("科技型企业获评专精特新", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = enterprises(text).into_iter().map(|c| c.label).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn companies_listed_before_their_count() {
        let cases: &[(&str, &[&str])] = &[
            (
                "园区聚集了星河电子、蓝海材料这两家上市公司，",
                &["星河电子", "蓝海材料"],
            ),
            (
                "北辰科技、南湖精工、东岳制药等30多家知名企业先后落户。",
                &["北辰科技", "南湖精工", "东岳制药"],
            ),
            // a list of places or of kinds of company is no list of companies
            ("引进苏州、无锡等10家企业", &[]),
            ("培育高新技术、科技型等200家企业", &[]),
            // no count of companies after the list
            ("星河电子、蓝海材料等单位参加", &[]),
        ];
        for (text, want) in cases {
            let places = |w: &str| ["苏州", "无锡"].contains(&w);
            let got: Vec<String> = listed(text, &places).into_iter().map(|c| c.label).collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
