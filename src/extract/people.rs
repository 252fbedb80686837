//! Agencies named after their division (江阴市科技局) and people named with their role.

use super::lexicon::lexicon;
use super::text::is_han;
use super::Candidate;
use crate::class::Class;
use regex::Regex;
use std::sync::OnceLock;

/// Titles of office (data/lexicon/roles.txt) as a regex alternation.
fn roles() -> String {
    lexicon().roles.join("|")
}

fn surnames() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("../../data/surnames.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>())
            .collect()
    })
}

/// Is `s` (2–4 ideographs) shaped like a Chinese personal name?
pub fn is_person_name(s: &str) -> bool {
    // verbs that follow a title (书记强调) are not names
    if lexicon().speech_verbs.contains(s) {
        return false;
    }
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars().all(is_han)
        && surnames()
            .iter()
            .any(|x| s.starts_with(x.as_str()) && n > x.chars().count())
}

/// `division + bureau` agencies; `division` is any known division surface that
/// ends right before the suffix (given as byte spans of division hits).
pub fn agencies(text: &str, division_hits: &[(usize, usize)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &(s, e) in division_hits {
        let rest = &text[e..];
        if let Some(suf) = lexicon()
            .agency_suffixes
            .iter()
            .find(|x| rest.starts_with(**x) && !rest[x.len()..].starts_with("工作"))
        {
            let end = e + suf.len();
            out.push(Candidate::rule(
                s,
                end,
                &text[s..end],
                Class::Agency,
                "agency",
                0.9,
            ));
        }
    }
    out
}

/// Facilities named by their division: 上海港, 上海机场, 宁波舟山港.
pub fn facilities(text: &str, division_hits: &[(usize, usize)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &(s, e) in division_hits {
        let rest = &text[e..];
        if let Some(suf) = lexicon()
            .facility_suffixes
            .iter()
            .find(|x| rest.starts_with(**x))
        {
            let after = &rest[suf.len()..];
            // 港澳, 港口, 港区 are other words
            if *suf == "港" && after.starts_with(['澳', '口', '区', '股', '人', '资']) {
                continue;
            }
            let end = e + suf.len();
            out.push(Candidate::rule(
                s,
                end,
                &text[s..end],
                Class::Platform,
                "facility",
                0.8,
            ));
        }
    }
    out
}

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

/// Runs of consecutive lines with at most `max` characters that are not
/// whitespace, as byte spans from a line start to a line end: a byline (which
/// may put the role and the name on two lines) lies within one.
fn short_line_runs(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut run_start = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let end = pos + line.len();
        if line
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(max + 1)
            .count()
            > max
        {
            if pos > run_start {
                runs.push((run_start, pos));
            }
            run_start = end;
        }
        pos = end;
    }
    if pos > run_start {
        runs.push((run_start, pos));
    }
    runs
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

/// People with their role: bylines (`江阴市科技局局长  徐飞`) and `省长毛伟明作…`.
/// Returns the person candidates with the role, and the byte span of the agency part of a byline.
pub fn people(text: &str) -> Vec<(Candidate, String)> {
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    static INLINE: OnceLock<Regex> = OnceLock::new();
    let byline = BYLINE.get_or_init(|| {
        let roles = roles();
        Regex::new(&format!(r"(?m)^[\s\u{{3000}}\u{{a0}}]*([^\n]{{0,60}}?)({roles})[\s\u{{3000}}\u{{a0}}]+(\p{{Han}}[\s\u{{3000}}]?\p{{Han}}{{1,2}})[\s\u{{3000}}\u{{a0}}]*$"))
            .expect("static pattern")
    });
    let inline = INLINE.get_or_init(|| {
        let roles = roles();
        Regex::new(&format!(
            r"({roles})(\p{{Han}}{{2,3}}?)(同志|所作|作|表示|指出|强调|介绍|说|主持|出席|在|代表)"
        ))
        .expect("static pattern")
    });
    let mut out = Vec::new();
    let bylines = short_line_runs(text, 40)
        .into_iter()
        .flat_map(|(a, b)| byline.captures_iter(&text[a..b]).map(move |c| (a, c)));
    for (a, c) in bylines {
        let (Some(role), Some(name)) = (c.get(2), c.get(3)) else {
            continue;
        };
        let clean: String = name.as_str().chars().filter(|c| is_han(*c)).collect();
        if is_person_name(&clean) {
            let mut cand = Candidate::rule(
                a + name.start(),
                a + name.end(),
                &clean,
                Class::Person,
                "byline",
                0.9,
            );
            cand.label = clean;
            out.push((cand, role.as_str().to_string()));
        }
    }
    for c in inline.captures_iter(text) {
        let (Some(role), Some(name)) = (c.get(1), c.get(2)) else {
            continue;
        };
        if is_person_name(name.as_str()) && !out.iter().any(|(p, _)| p.start == name.start()) {
            out.push((
                Candidate::rule(
                    name.start(),
                    name.end(),
                    name.as_str(),
                    Class::Person,
                    "title-name",
                    0.8,
                ),
                role.as_str().to_string(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_inline_titles() {
        let text = "江阴\n  江阴市科技局局长  徐飞\n\n省长毛伟明作政府工作报告。总书记强调指出。总理李强所作报告。\n国务院总理　\n李　强\n北京市市长 殷勇\n科技局局长 重点工作\n";
        let got: Vec<String> = people(text)
            .iter()
            .map(|(c, r)| format!("{}:{}", r, c.label))
            .collect();
        assert_eq!(
            got,
            [
                "局长:徐飞",
                "总理:李强",
                "市长:殷勇",
                "省长:毛伟明",
                "总理:李强"
            ]
        );
    }

    #[test]
    fn person_names_need_a_surname() {
        assert!(is_person_name("钱红星"));
        assert!(is_person_name("欧阳修"));
        assert!(!is_person_name("重点工作"));
        assert!(!is_person_name("徐"));
        assert!(!is_person_name("强调"));
    }

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
    fn facilities_after_a_division() {
        let text = "上海港集装箱吞吐量，上海机场旅客，港澳";
        let shanghai = [
            (0, "上海".len()),
            (
                "上海港集装箱吞吐量，".len(),
                "上海港集装箱吞吐量，上海".len(),
            ),
        ];
        let got: Vec<String> = facilities(text, &shanghai)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["上海港", "上海机场"]);
    }

    #[test]
    fn agencies_after_a_division() {
        let text = "江阴市科技局局长；上海市政府工作报告";
        let divisions = [
            (0, "江阴市".len()),
            ("江阴市科技局局长；".len(), "江阴市科技局局长；上海市".len()),
        ];
        let got: Vec<String> = agencies(text, &divisions)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["江阴市科技局"]);
    }
}
