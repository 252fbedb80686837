//! Coordinated names: conjuncts that share the tail of the name after them.
//!
//! 金凤、嘉陵江、明月湖实验室 names three laboratories; 中英、中法国际人才成果转化中心
//! two centres; 基础研究领先和关键核心技术攻坚行动 two campaigns; 苏州、崖州湾等国家实验室
//! two national laboratories. A list after a quantifier (一批概念验证、中试孵化平台) names
//! categories, not things.

use super::lexicon::{lexicon, Head};
use super::text::{governs_at, is_han, prev_char};
use super::Candidate;

/// A conjunct before a name: its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conjunct {
    pub start: usize,
    pub end: usize,
}

/// A list of conjuncts before a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// In text order.
    pub conjuncts: Vec<Conjunct>,
    /// A quantifier (一批, 各类) stands before the list: its names are categories.
    pub quantified: bool,
    /// The list ends with 等 before the name (苏州、崖州湾等国家实验室): each
    /// conjunct is whole, and the name after 等 is what they all are.
    pub closed_by_deng: bool,
}

/// The conjuncts of a list that ends right before byte `pos`, when
/// `text[..pos]` ends with a list separator (、, 和, 与, 及, or 等 closing the list).
///
/// Each conjunct is a run of two to `max_chars` ideographs or Latin letters,
/// bounded by separators, governing words and function words.
pub fn conjuncts_before(text: &str, pos: usize, max_chars: usize) -> List {
    let mut items = Vec::new();
    let mut end = pos;
    let mut closed_by_deng = false;
    while let Some(sep) = prev_char(text, end) {
        let first = items.is_empty() && !closed_by_deng;
        if sep == '等' && first {
            closed_by_deng = true;
            end -= sep.len_utf8();
            // the conjunct before 等 has no separator after it: read it as if it had
            let (start, n) = run_before(text, end, max_chars);
            if n < 2 || n > max_chars {
                break;
            }
            items.push(Conjunct { start, end });
            end = start;
            continue;
        }
        // 、 joins any two conjuncts; 和/与/及 only the last two
        let conj = matches!(sep, '和' | '与' | '及');
        if sep != '、' && !(conj && first) {
            break;
        }
        let item_end = end - sep.len_utf8();
        let (start, n) = run_before(text, item_end, max_chars);
        if n < 2 || n > max_chars {
            break;
        }
        items.push(Conjunct {
            start,
            end: item_end,
        });
        end = start;
        if conj {
            // 和 ends the list: nothing before it belongs to this list
            if prev_char(text, end) != Some('、') {
                break;
            }
        }
    }
    items.reverse();
    let quantified = items
        .first()
        .is_some_and(|first| quantifier_before(text, first.start));
    if items.is_empty() {
        closed_by_deng = false;
    }
    List {
        conjuncts: items,
        quantified,
        closed_by_deng,
    }
}

/// The run of name characters ending at `end`, bounded by function words and
/// governing words: its start and length in characters (at most `max + 1`).
fn run_before(text: &str, end: usize, max: usize) -> (usize, usize) {
    let lx = lexicon();
    let mut start = end;
    let mut n = 0;
    for (i, c) in text[..end].char_indices().rev() {
        if !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '“' | '”')) {
            break;
        }
        if lx.coordination_stops.contains(&c) || governs_at(text, i + c.len_utf8()) {
            break;
        }
        n += 1;
        start = i;
        if n > max {
            break;
        }
    }
    (start, n)
}

/// Does a quantifier of categories (一批, 各类, 各级各类, 一系列) end at byte `pos`?
pub fn quantifier_before(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    lexicon().quantifiers.iter().any(|q| before.ends_with(q))
}

/// The length in characters of the last conjunct inside `name` (which begins
/// with it and ends with `head`), given the lengths of the conjuncts before it:
/// parallel conjuncts have similar lengths, and the tail they share is the head
/// itself or begins with a generic word (国际人才成果转化中心).
pub fn last_conjunct_len(name: &str, head: &str, lengths: &[usize]) -> Option<usize> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let n = chars.len();
    let head_chars = head.chars().count();
    let lo = *lengths.iter().min()?;
    let hi = *lengths.iter().max()?;
    let tail_at = |k: usize| chars.get(k).map(|(i, _)| &name[*i..]);
    // the tail is the head alone
    if (lo..=hi).contains(&(n.saturating_sub(head_chars))) && n > head_chars {
        return Some(n - head_chars);
    }
    // else a tail that begins with a generic word, nearest the conjuncts' own length
    let mut ks: Vec<usize> = (lo..=hi).collect();
    ks.sort_by_key(|&k| (k as isize - lengths[lengths.len() - 1] as isize).abs());
    ks.into_iter().find(|&k| {
        k + head_chars < n
            && tail_at(k).is_some_and(|t| {
                // a one-character word (大) is too weak a sign of a word boundary
                lexicon()
                    .generic
                    .longest_prefix_of(t)
                    .is_some_and(|w| w.chars().count() >= 2)
                    || t.starts_with(|c: char| c.is_ascii_alphanumeric())
            })
    })
}

/// The names a list of conjuncts makes with a name's tail: each conjunct, then
/// `name` from its `k`-th character on (the whole name after 等).
pub(super) fn shared_by(
    text: &str,
    list: &List,
    name: &str,
    k: usize,
    head: &Head,
    is_industry: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    let tail: String = name.chars().skip(k).collect();
    let tail_modifier = &tail[..tail.len().saturating_sub(head.word.len())];
    let mut out = Vec::new();
    if tail.chars().count() < 2 {
        return out;
    }
    for c in &list.conjuncts {
        let item = &text[c.start..c.end];
        // 1个、人才(创新类)5个: counts are no conjuncts
        if item.chars().filter(|ch| is_han(*ch)).count() < 2
            || item.contains(|ch: char| ch.is_ascii_digit() || ch == '“' || ch == '”')
            || lexicon().heads.iter().any(|h| item.contains(h.word))
            || super::text::starts_with_governing(item)
        {
            continue;
        }
        // after 等 the conjuncts must be proper: 高校、院所等创新平台 names nothing
        if k == 0 && super::text::is_generic(item, is_industry) {
            continue;
        }
        let modifier = format!("{item}{tail_modifier}");
        let Some(scoped) = super::properness::properness(&modifier, head, is_industry) else {
            continue;
        };
        let label = format!("{item}{tail}");
        let mut cand = Candidate::rule(c.start, c.end, &label, head.class, "coordination", 0.7);
        cand.label = super::text::canonical_label(&label);
        cand.scoped = scoped;
        out.push(cand);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str, before: &str) -> (Vec<String>, bool) {
        let pos = text.find(before).unwrap();
        let list = conjuncts_before(text, pos, 6);
        (
            list.conjuncts
                .iter()
                .map(|c| text[c.start..c.end].to_string())
                .collect(),
            list.quantified,
        )
    }

    #[test]
    fn conjuncts_of_lists() {
        let cases: &[(&str, &str, &[&str], bool)] = &[
            (
                "支持青岚、白鹭洲、凤鸣湖实验室",
                "凤鸣湖",
                &["青岚", "白鹭洲"],
                false,
            ),
            ("推动中英、中法国际中心", "中法", &["中英"], false),
            ("实施凤鸣领航和青岚攻坚行动", "青岚", &["凤鸣领航"], false),
            (
                "布局一批概念验证、共性技术、中试平台",
                "中试",
                &["概念验证", "共性技术"],
                true,
            ),
            ("支持企业发展", "发展", &[], false),
            // 与 ends a conjunct: 脑机融合 is one
            (
                "推动认知机理与脑机融合、芯片平台",
                "芯片",
                &["脑机融合"],
                false,
            ),
            (
                "深化与青岚、白鹭洲等国家实验室合作",
                "国家",
                &["青岚", "白鹭洲"],
                false,
            ),
        ];
        for (text, before, want, q) in cases {
            let (got, quantified) = items(text, before);
            assert_eq!(got, *want, "{text}");
            assert_eq!(quantified, *q, "{text}");
        }
    }

    #[test]
    fn the_last_conjunct_is_as_long_as_its_siblings() {
        assert_eq!(
            last_conjunct_len("凤鸣湖实验室", "实验室", &[2, 3]),
            Some(3)
        );
        assert_eq!(
            last_conjunct_len("中法国际人才成果转化中心", "中心", &[2]),
            Some(2)
        );
        assert_eq!(last_conjunct_len("数字经济母基金", "母基金", &[4]), Some(4));
        assert_eq!(last_conjunct_len("凤鸣湖实验室", "实验室", &[5]), None);
    }
}
