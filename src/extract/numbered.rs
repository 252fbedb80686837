//! Crafts, satellites and devices named with a number (凤鸣五号, 天穹2号).

use super::lexicon::lexicon;
use super::text::{is_han, is_hard_break, prev_char};
use super::Candidate;
use crate::class::Class;

/// Does a name end with a number and 号 (凤鸣五号, 天穹2号): a craft, satellite or device?
pub(super) fn numbered(name: &str) -> bool {
    let Some(stem) = name.strip_suffix('号') else {
        return false;
    };
    let base =
        stem.trim_end_matches(|c: char| c.is_ascii_digit() || super::numerals::TO_TEN.contains(c));
    base.len() < stem.len() && base.chars().filter(|c| is_han(*c)).count() >= 2
}

/// Crafts, satellites and devices named with a number (凤鸣五号可重复使用火箭):
/// two to four ideographs after a clause edge, a number, 号.
pub fn numbered_names(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('号') {
        let end = at + '号'.len_utf8();
        // 一号文件, 一号工程, 2号线: documents, campaigns and lines, not crafts
        let after = &text[end..];
        if ["文件", "工程", "线", "楼", "令", "公告", "院", "机"]
            .iter()
            .any(|w| after.starts_with(w))
        {
            continue;
        }
        let digits_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || super::numerals::TO_TEN.contains(*c))
            .last()
            .map(|(i, _)| i);
        let Some(ds) = digits_start else { continue };
        let mut start = ds;
        let mut n = 0;
        for (i, c) in text[..ds].char_indices().rev() {
            if !is_han(c)
                || lexicon().name_stops.contains(&c)
                || super::text::governs_at(text, i + c.len_utf8())
            {
                break;
            }
            n += 1;
            start = i;
            if n > 4 {
                break;
            }
        }
        if !(2..=4).contains(&n) || super::text::is_generic(&text[start..ds], &|_| false) {
            continue;
        }
        // a clause edge before the name: 第一, 年号 and counts are not names
        let edge = prev_char(text, start).is_none_or(|c| is_hard_break(c) || c == '“')
            || super::text::governs_at(text, start);
        if edge {
            out.push(Candidate::rule(
                start,
                end,
                &text[start..end],
                Class::Platform,
                "numbered-name",
                0.75,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_crafts() {
        let got: Vec<String> =
            numbered_names("凤鸣三号可重复使用火箭首飞，青岚2号线开通，中央一号文件")
                .into_iter()
                .map(|c| c.label)
                .collect();
        assert_eq!(got, ["凤鸣三号"]);
    }
}
