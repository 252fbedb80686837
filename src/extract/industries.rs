//! Industries no list holds, found by where they stand: in a list closed by
//! its category (…等产业, …等领域, 三大产业) or beside known industries.
//! (X领域, X服务业 and X产业 alone were tried and left out: on the 33 reports
//! their left edge is a verb as often as a modifier — 防范化解重点领域,
//! 振兴装备制造业 — and no list tells the two apart.)

use super::lexicon::lexicon;
use super::text::{ends_with_governing, is_han, is_hard_break};
use super::Candidate;
use crate::class::Class;

/// The enumerations pass: adds the items of industry lists to `cands`. A list
/// closed by its category (…等领域) says what its items are, even where a head
/// word read them otherwise (深部工程); a list beside known industries only adds
/// what nothing else named.
pub fn add_enumerations(
    text: &str,
    is_industry: &dyn Fn(&str) -> bool,
    cands: &mut Vec<Candidate>,
) {
    let covered: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
    let inside = |c: &Candidate| {
        covered
            .iter()
            .any(|&(s, e)| s <= c.start && c.end <= e && (s, e) != (c.start, c.end))
    };
    for c in enumeration_items(text, is_industry) {
        let clash = if c.confidence >= 0.9 {
            // 香港特别行政区 of …、香港等领域 stays what the dictionary says
            inside(&c)
                || cands.iter().any(|k| {
                    k.entry.is_some()
                        && k.class != Class::Industry
                        && (k.start, k.end) == (c.start, c.end)
                })
        } else {
            covered
                .iter()
                .any(|&(s, e)| s <= c.start && c.end <= e || (c.start <= s && e <= c.end))
        };
        if !clash {
            cands.push(c);
        }
    }
}

/// Items of an enumeration closed by a category (`A、B、C等(未来)产业` → each an
/// Industry, `A、B等基金` → Funds), and items of a list beside known industries
/// (绿色先进能源、新能源汽车、机器人等重点项目: the unknown one is an industry too).
pub fn enumeration_items(text: &str, is_industry: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let mut out = Vec::new();
    for list in lists(text) {
        let closer = &text[list.end..];
        let class = list_category(closer);
        let items: Vec<(usize, usize)> = list
            .items
            .iter()
            .copied()
            .filter(|&(s, e)| plausible_item(&text[s..e]))
            .collect();
        let known = items
            .iter()
            .filter(|&&(s, e)| is_industry(&text[s..e]))
            .count();
        let (class, confidence, rule) = match class {
            // 等领域: what the list is, the closer says outright
            Some(c) => (c, 0.9, "enumeration"),
            // beside known industries, in a list closed by 等 or a count (三大产业)
            // at least half of the items known, in a list closed by 等 or a count
            None if known >= 1 && 2 * known >= items.len() && list.closed => {
                (Class::Industry, 0.6, "enumeration-induced")
            }
            None => continue,
        };
        if class == Class::Industry && items.len() < 2 {
            continue;
        }
        for (s, e) in items {
            let item = &text[s..e];
            // 材料: one generic word is a part of the list's topic, not an industry
            if rule == "enumeration-induced"
                && !is_industry(item)
                && lexicon().generic.contains(item)
            {
                continue;
            }
            // a fund list's items must name funds: 引导基金 alone is no name
            if class == Class::Fund && (item == "基金" || super::text::is_generic(item, &|_| false))
            {
                continue;
            }
            out.push(Candidate::rule(s, e, item, class, rule, confidence));
        }
    }
    out
}

/// A list of items separated by 、 (and 和/及/与 before the last), with
/// whether it is closed (by 等, a count such as 三大, or a category word).
struct List {
    items: Vec<(usize, usize)>,
    /// Byte offset just after the last item.
    end: usize,
    closed: bool,
}

fn plausible_item(item: &str) -> bool {
    let n = item.chars().count();
    (2..=8).contains(&n)
        && item.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
        && !item.chars().all(|c| c.is_ascii_digit())
        && !super::text::starts_with_governing(item)
}

/// The category word that closes a list (等(战略性新兴)产业, 等领域, 等基金, 三大产业), if any.
fn list_category(closer: &str) -> Option<Class> {
    // 三大产业, 4个千亿级产业: a count of industries
    let counted = closer
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c));
    if counted.len() < closer.len() {
        let r = counted.trim_start_matches(['大', '个', '类']);
        let r = lexicon()
            .enum_modifiers
            .iter()
            .filter_map(|m| r.strip_prefix(m))
            .find(|r| r.starts_with("产业") || r.starts_with("领域") || r.starts_with("行业"));
        return r.map(|_| Class::Industry);
    }
    let after = closer.strip_prefix('等')?;
    for m in &lexicon().enum_modifiers {
        let Some(r) = after.strip_prefix(m) else {
            continue;
        };
        if (r.starts_with("产业") && !r.starts_with("产业链") && !r.starts_with("产业园"))
            || r.starts_with("领域")
            || r.starts_with("行业")
            || r.starts_with("赛道")
        {
            return Some(Class::Industry);
        }
        if r.starts_with("基金") && m.is_empty() {
            return Some(Class::Fund);
        }
    }
    None
}

/// Lists of two or more items in `text`.
fn lists(text: &str) -> Vec<List> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(off) = text[search..].find('、') {
        let first_sep = search + off;
        // the first item: back to the clause start, a governing word or a function word
        let first_start = item_start(text, first_sep);
        let mut items = vec![(first_start, first_sep)];
        let mut pos = first_sep + '、'.len_utf8();
        let mut end;
        let mut closed = false;
        loop {
            // the next item runs to the next 、, or ends the list
            let seg_end = text[pos..]
                .char_indices()
                .find(|&(_, c)| is_hard_break(c))
                .map_or(text.len(), |(i, _)| pos + i);
            let seg = &text[pos..seg_end];
            if seg_end < text.len() && text[seg_end..].starts_with('、') {
                items.push((pos, seg_end));
                pos = seg_end + '、'.len_utf8();
                continue;
            }
            // the last item: up to 等, a count (三大, 4个), 和/及 (then one more) or the end
            let (last_end, more, is_closed) = last_item_end(seg);
            items.push((pos, pos + last_end));
            end = pos + last_end;
            closed = closed || is_closed;
            if let Some(next) = more {
                let next_start = pos + next;
                let rest = &text[next_start..seg_end];
                let (e, _, c) = last_item_end(rest);
                items.push((next_start, next_start + e));
                end = next_start + e;
                closed = c;
            }
            break;
        }
        search = end.max(first_sep + '、'.len_utf8());
        let items: Vec<(usize, usize)> = items.into_iter().filter(|(s, e)| e > s).collect();
        if items.len() >= 2 {
            out.push(List { items, end, closed });
        }
    }
    out
}

/// Where the first item of a list ending at `sep` begins.
fn item_start(text: &str, sep: usize) -> usize {
    let lx = lexicon();
    let mut start = sep;
    for (i, c) in text[..sep].char_indices().rev() {
        if is_hard_break(c) || !(is_han(c) || c.is_ascii_alphanumeric() || c == '“' || c == '”')
        {
            break;
        }
        if lx.left_stops.contains(&c) || ends_with_governing(&text[..i + c.len_utf8()]) {
            break;
        }
        start = i;
    }
    // quotes around an item are not part of it
    let s = &text[start..sep];
    start + (s.len() - s.trim_start_matches('“').len())
}

/// In the segment after the last 、: the end of the last item, where a further
/// item after 和/及/与 begins, and whether the list is closed (等, a count, a category).
fn last_item_end(seg: &str) -> (usize, Option<usize>, bool) {
    let lx = lexicon();
    let mut prev_digit = false;
    for (i, c) in seg.char_indices() {
        let rest = &seg[i..];
        if c == '等' {
            return (i, None, true);
        }
        if matches!(c, '和' | '及' | '与') && i > 0 {
            return (i, Some(i + c.len_utf8()), false);
        }
        // 三大产业, 4个千亿级产业: a count closes the list
        let digit = c.is_ascii_digit() || "一二两三四五六七八九十".contains(c);
        if digit && !prev_digit {
            let tail = rest.trim_start_matches(|ch: char| {
                ch.is_ascii_digit() || "一二两三四五六七八九十".contains(ch)
            });
            if tail.starts_with(['大', '个', '类', '项']) {
                return (i, None, true);
            }
        }
        prev_digit = digit;
        if rest.starts_with("产业") || rest.starts_with("领域") || rest.starts_with("行业") {
            return (i, None, true);
        }
        if !(is_han(c) || c.is_ascii_alphanumeric()) || lx.left_stops.contains(&c) {
            return (i, None, false);
        }
        if i > 0 && ends_with_governing(&seg[..i]) {
            return (i, None, false);
        }
    }
    (seg.len(), None, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(w: &str) -> bool {
        ["新能源汽车", "机器人", "人工智能", "集成电路"].contains(&w)
    }

    fn enumerated(text: &str) -> Vec<String> {
        enumeration_items(text, &known)
            .into_iter()
            .map(|c| format!("{}:{}", c.class, c.label))
            .collect()
    }

    #[test]
    fn enumerations_and_lists_beside_known_industries() {
        let cases: &[(&str, &[&str])] = &[
            (
                "完善高端医疗器械、智能终端、智算云、具身智能、商业航天等产业发展政策",
                &[
                    "Industry:高端医疗器械",
                    "Industry:智能终端",
                    "Industry:智算云",
                    "Industry:具身智能",
                    "Industry:商业航天",
                ],
            ),
            (
                "加快推动华平、毅达等基金的运行",
                &["Fund:华平", "Fund:毅达"],
            ),
            // beside two known industries and closed by 等: the third is one too
            (
                "推进凤鸣新能源、新能源汽车、机器人等重点项目",
                &[
                    "Industry:凤鸣新能源",
                    "Industry:新能源汽车",
                    "Industry:机器人",
                ],
            ),
            // closed by a count
            (
                "壮大软件信息、科技服务和商务服务三大产业",
                &[
                    "Industry:软件信息",
                    "Industry:科技服务",
                    "Industry:商务服务",
                ],
            ),
            (
                "布局人工智能、高端航空装备等9个重大科技专项",
                &["Industry:人工智能", "Industry:高端航空装备"],
            ),
            // no known industry, no category: nothing
            ("加强与企业、高校、金融机构等合作", &[]),
            (
                "发挥好凤鸣引导基金、国资国企基金等基金作用",
                &["Fund:国资国企基金"],
            ),
            ("集成电路装备、零部件、材料、EDA软件等全产业链攻关", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(enumerated(text), *want, "{text}");
        }
    }
}
