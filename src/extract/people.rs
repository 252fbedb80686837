//! People named with their role: bylines (`江阴市科技局局长  徐飞`) and `省长毛伟明作…`.

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

/// The people pass: each person with the role the text gives (kept in the
/// candidate's note); a person is one per division (two 王伟 are two people).
pub fn pass(text: &str) -> Vec<Candidate> {
    people(text)
        .into_iter()
        .map(|(mut p, role)| {
            p.note = Some(role);
            p.scoped = true;
            p
        })
        .collect()
}

/// Titles of those who report a story rather than act in it: a reporter belongs
/// to the paper, not to the division the story is about.
pub const REPORTER_ROLES: &[&str] = &["记者", "通讯员", "摄影", "编辑", "责任编辑"];

/// Settles each person's role and own division among the selected `mentions`
/// (sorted by start): the agency or division named right before their titles
/// (益阳市科技局党组书记杨耀武 → 益阳市), or that of the person before them in an
/// apposition (杨耀武，党组成员、副局长张自强 → 益阳市); a byline closing the text
/// (（办公室 邓琼）) is the publisher's staff.
pub fn settle(
    places: &super::places::Places,
    text: &str,
    mentions: &mut [Candidate],
    publisher: Option<usize>,
) {
    let closing = text.trim_end().ends_with(['）', ')']);
    let last_open = text.rfind(['（', '(']).unwrap_or(text.len());
    for k in 0..mentions.len() {
        if mentions[k].class != Class::Person {
            continue;
        }
        let mut pos = mentions[k].start;
        let mut role: Option<String> = None;
        loop {
            let before = text[..pos].trim_end_matches([' ', '\u{3000}']);
            pos = before.len();
            if let Some(r) = lexicon()
                .roles
                .iter()
                .filter(|r| before.ends_with(**r))
                .max_by_key(|r| r.len())
            {
                role.get_or_insert_with(|| r.to_string());
                pos -= r.len();
            } else if before.ends_with('、') {
                pos -= '、'.len_utf8();
            } else {
                break;
            }
        }
        let ending_here = |at: usize| mentions[..k].iter().rev().find(|o| o.end == at);
        let own = |o: &Candidate| -> Option<usize> {
            match o.class {
                Class::Agency => o.of,
                Class::Person => o.of,
                _ => o.entry.filter(|&i| places.is_division(i)),
            }
        };
        let mut of = ending_here(pos).and_then(own);
        // an apposition: 杨耀武，党组成员、副局长张自强
        if of.is_none() && role.is_some() && text[..pos].ends_with('，') {
            of = ending_here(pos - '，'.len_utf8())
                .filter(|o| o.class == Class::Person)
                .and_then(|o| o.of);
        }
        // the closing byline of the text: the publisher's own staff
        if of.is_none() && closing && mentions[k].start > last_open {
            of = publisher;
        }
        let m = &mut mentions[k];
        if m.note.is_none() {
            m.note = role;
        }
        if m.of.is_none() {
            m.of = of;
        }
    }
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
}
