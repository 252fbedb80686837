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
}
