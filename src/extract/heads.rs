//! Names found by their head word (凤鸣科学城 → Platform, 霞客杯创新创业大赛 → Event),
//! with the exceptions that make a phrase with a head word no name.

use super::coordination::{conjuncts_before, last_conjunct_len, quantifier_before, List};
use super::lexicon::{lexicon, Head};
use super::properness::properness;
use super::text::{is_han, is_hard_break, is_name_char, prev_char};
use super::Candidate;
use crate::class::Class;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

const MAX_NAME_CHARS: usize = 26;

pub(super) fn head_matcher() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(lexicon().heads.iter().map(|h| h.word))
            .expect("head words are plain strings")
    })
}

/// Finds names by their head words, and the coordinated names that share their tail.
pub fn head_names(text: &str, is_industry: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in head_matcher().find_iter(text) {
        let head = &lexicon().heads[m.pattern().as_usize()];
        let (hs, he) = (m.start(), m.end());
        let rest = &text[he..];
        if head.not_before.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let Some((start, scoped, list)) = name_before(text, hs, he, head, is_industry, &mut out)
        else {
            continue;
        };
        // 凤鸣中心（青岚）, 凤鸣科创中心（低空安全）: a bracketed place or field completes the name
        let he = he + bracket_suffix(&text[he..]);
        let name = &text[start..he];
        let mut cand = Candidate::rule(start, he, name, head.class, "head-word", 0.8);
        cand.scoped = scoped;
        out.push(cand);
        if list.closed_by_deng {
            if head.class.top() == Class::Institution {
                out.extend(super::coordination::shared_by(
                    text,
                    &list,
                    name,
                    0,
                    head,
                    is_industry,
                ));
            }
        } else if !list.conjuncts.is_empty() && !name.starts_with('“') {
            out.extend(sharing_the_tail(
                text,
                &list,
                start,
                name,
                head,
                is_industry,
            ));
        }
    }
    out
}

/// The proper name that ends in the head word at `hs..he`: its start, whether
/// it is scoped by its division, and the list before it. A plain name of an
/// institution after a list of proper conjuncts (苏州、崖州湾等国家实验室) gives
/// the conjuncts' names to `out` instead.
fn name_before(
    text: &str,
    hs: usize,
    he: usize,
    head: &Head,
    is_industry: &dyn Fn(&str) -> bool,
    out: &mut Vec<Candidate>,
) -> Option<(usize, bool, List)> {
    // one start: trying further ones where the nearest leaves a category
    // (…高质量发展行动) was measured to add more fragments than names
    let starts: Vec<usize> = name_start(text, hs).into_iter().collect();
    for (i, &st) in starts.iter().enumerate() {
        let Some(start) = trim_name(text, st, hs) else {
            continue;
        };
        let name = &text[start..he];
        let modifier = &text[start..hs];
        if skip_name(text, start, name, modifier, head) {
            if i == 0 {
                return None;
            }
            continue;
        }
        // 建设一批新型研发平台, 布局一批概念验证、中试孵化平台, …等3个交叉研究平台: categories
        let list = conjuncts_before(text, start, 6);
        if quantifier_before(text, start) || list.quantified || counted_after_deng(text, start) {
            return None;
        }
        // 高校区域技术转移转化中心（福建）: the bracket names one instance of a designation
        let judged = properness(modifier, head, is_industry)
            .or_else(|| (bracket_suffix(&text[he..]) > 0).then_some(false));
        match judged {
            Some(scoped) => return Some((start, scoped, list)),
            None => {
                // …等创新资源集聚区 only describes the conjuncts
                if i == 0 && list.closed_by_deng && head.class.top() == Class::Institution {
                    out.extend(super::coordination::shared_by(
                        text,
                        &list,
                        name,
                        0,
                        head,
                        is_industry,
                    ));
                    return None;
                }
            }
        }
    }
    None
}

/// 中英、中法国际人才成果转化中心: the conjuncts before a name share the last
/// one's tail.
fn sharing_the_tail(
    text: &str,
    list: &List,
    start: usize,
    name: &str,
    head: &Head,
    is_industry: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    let lengths: Vec<usize> = list
        .conjuncts
        .iter()
        .map(|c| text[c.start..c.end].chars().count())
        .collect();
    let bare = name.trim_start_matches('“');
    // 和 joins two phrases far more often than two names (爱国卫生运动和健康行动):
    // only 、 makes conjuncts; a list holding whole names (海峡论坛、海峡青年荟)
    // shares no tail
    let and_only = !text[list.conjuncts[list.conjuncts.len() - 1].end..start].starts_with('、');
    let whole_names = list.conjuncts.iter().any(|c| {
        let item = &text[c.start..c.end];
        lexicon().heads.iter().any(|h| item.contains(h.word))
    });
    if and_only || whole_names || name.contains('”') {
        return Vec::new();
    }
    match last_conjunct_len(bare, head.word, &lengths) {
        Some(k) => super::coordination::shared_by(text, list, bare, k, head, is_industry),
        None => Vec::new(),
    }
}

/// Does a count after 等 end at `pos` (…等3个交叉研究平台): the name after it is
/// the category of the list before, not a name.
pub(super) fn counted_after_deng(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    let Some(unit) = ['个', '家', '项', '类', '大', '所']
        .into_iter()
        .find(|u| before.ends_with(*u))
    else {
        return false;
    };
    let digits = before[..before.len() - unit.len_utf8()]
        .trim_end_matches(|c: char| c.is_ascii_digit() || "一二两三四五六七八九十百".contains(c));
    digits.len() < before.len() - unit.len_utf8() && digits.ends_with('等')
}

/// The length in bytes of a bracketed suffix of two to eight ideographs that
/// completes a name (（福建）, （低空电磁安全）), or 0.
fn bracket_suffix(rest: &str) -> usize {
    let Some(inner) = rest.strip_prefix('（') else {
        return 0;
    };
    let Some(close) = inner.find('）') else {
        return 0;
    };
    let word = &inner[..close];
    let n = word.chars().count();
    if (2..=8).contains(&n) && word.chars().all(is_han) {
        '（'.len_utf8() + close + '）'.len_utf8()
    } else {
        0
    }
}

/// Where a name ending at `head_start` begins: after the nearest function word
/// or break; after the nearest governing verb, or — when that leaves the head
/// bare (优化行动) — after the first run of governing verbs in the phrase.
pub(super) fn name_start(text: &str, head_start: usize) -> Option<usize> {
    // scan left over name characters, at most MAX_NAME_CHARS, stopping at an opening quote
    let mut limit = head_start;
    for (n, (i, c)) in text[..head_start].char_indices().rev().enumerate() {
        if is_hard_break(c) || !is_name_char(c) || n >= MAX_NAME_CHARS {
            break;
        }
        limit = i;
        if c == '“' {
            break;
        }
    }
    let modifier_len = |cut: usize| {
        text[cut..head_start]
            .chars()
            .filter(|c| is_han(*c) || c.is_ascii_alphanumeric())
            .count()
    };
    // governing cuts, nearest first; a function word ends the search
    let mut governing: Vec<usize> = Vec::new();
    let mut floor = limit;
    let mut pos = head_start;
    while pos > limit {
        if super::text::governs_at(text, pos) {
            governing.push(pos);
        } else if let Some(c) = prev_char(text, pos) {
            // 在线, 和平, 高等, 共同体 are words, not a function word + name
            let cs = pos - c.len_utf8();
            let next_end = text[pos..]
                .chars()
                .next()
                .map_or(pos, |n| pos + n.len_utf8());
            let before_start = prev_char(text, cs).map_or(cs, |b| cs - b.len_utf8());
            let words = &lexicon().function_char_words;
            let in_word =
                words.contains(&text[cs..next_end]) || words.contains(&text[before_start..pos]);
            if lexicon().name_stops.contains(&c) && !in_word {
                floor = pos;
                break;
            }
        }
        pos -= prev_char(text, pos).map_or(1, char::len_utf8);
    }
    // 发展促进中心: verbs right before the head that modify it are part of the name
    let mut run_start = head_start;
    // (only governing words: a run of plain modifiers such as 创新创业 ends it)
    while let Some(w) = lexicon()
        .nominal_verbs
        .iter()
        .filter(|w| text[..run_start].ends_with(w) && lexicon().governing.contains(w))
        .max_by_key(|w| w.len())
    {
        if run_start - w.len() < floor {
            break;
        }
        run_start -= w.len();
    }
    let nominal_run = run_start < head_start;
    // a quoted part is one word: no verb inside it ends the name (“全覆盖两提升”行动)
    let quoted = text[limit..head_start]
        .starts_with('“')
        .then(|| text[limit..head_start].find('”').map(|c| limit + c))
        .flatten();
    governing.retain(|&g| {
        g > floor
            && (!nominal_run || g <= run_start)
            && quoted.is_none_or(|close| g <= limit || g > close)
    });
    if !governing.is_empty() {
        // the nearest governing word that leaves a modifier (优化行动 → 实施…优化行动)
        if let Some(&cut) = governing.iter().find(|&&g| modifier_len(g) >= 2) {
            return Some(cut);
        }
        // else the end of the first run of governing words from the left
        let mut cut = floor;
        loop {
            let rest = &text[cut..head_start];
            match super::text::governing_prefix(rest) {
                Some(w) => cut += w.len(),
                None => break,
            }
        }
        // a verb inside that governs a word of its own (分别完成年计划): no name
        // here; one right before the head is the name's (上海合作组织峰会)
        if governing.iter().any(|&g| {
            g > cut && (modifier_len(g) >= 1 || lexicon().pure_verbs.suffix_of(&text[..g]))
        }) {
            return None;
        }
        return (modifier_len(cut) >= 2).then_some(cut);
    }
    (modifier_len(floor) >= 2).then_some(floor)
}

/// Phrases with a head word that are not names: the rows of
/// `data/lexicon/not_names.tsv` (honours, credit in general, modal verbs …),
/// and the grammatical patterns below (counts, periods, factions, 在…上).
fn skip_name(text: &str, start: usize, name: &str, modifier: &str, head: &Head) -> bool {
    let before = &text[..start];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| is_hard_break(*c) && *c != '、')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    let phrase = super::lexicon::Phrase {
        clause,
        name,
        modifier,
        prev: prev_char(text, start),
    };
    if lexicon()
        .not_names
        .iter()
        .any(|r| r.applies_to(head) && r.holds(&phrase))
    {
        return true;
    }
    // 侵略集团, 蒋介石集团: a faction or a person's clique, not a company
    if head.word == "集团"
        && (lexicon().faction_words.suffix_of(modifier)
            || super::people::is_person_name(modifier.trim_start_matches(|c: char| !is_han(c))))
    {
        return true;
    }
    // 建在产业链上专项行动: a place (在…上) is not the start of a name
    if prev_char(text, start) == Some('在') && modifier.contains(['上', '中', '内']) {
        return true;
    }
    // 五年计划, 年度计划, 三年行动: a period, not a name
    if head.class == Class::Program && is_period(modifier) {
        return true;
    }
    // 2个重点实验室: a count, not a name
    let mut prev_digit = false;
    for c in modifier.chars() {
        if prev_digit && "个家项所批".contains(c) {
            return true;
        }
        prev_digit = c.is_ascii_digit() || super::numerals::COUNT.contains(c);
    }
    let m: Vec<char> = modifier
        .chars()
        .filter(|c| *c != '“' && *c != '”')
        .collect();
    if m.len() >= 2
        && (super::numerals::COUNT.contains(m[0]) || m[0].is_ascii_digit())
        && "个项大条类".contains(m[1])
    {
        return true;
    }
    // “服务提优年”行动: a year campaign's slogan with a tail, not a name
    if let Some(q) = name.strip_prefix('“') {
        if q.split('”')
            .next()
            .is_some_and(|inner| inner.ends_with('年'))
            && name.contains('”')
        {
            return true;
        }
    }
    super::text::starts_with_governing(name)
}

/// The byte offset just after the last count or amount (16支, 一支, 100亿元,
/// 3届) in `s`.
fn after_last_count(s: &str) -> Option<usize> {
    let mut last = None;
    let mut in_number = false;
    for (i, c) in s.char_indices() {
        if in_number {
            if let Some(u) = lexicon()
                .count_words
                .iter()
                .find(|u| s[i..].starts_with(**u))
            {
                last = Some(i + u.len());
            }
        }
        in_number = c.is_ascii_digit() || super::numerals::COUNT_THOUSANDS.contains(c);
    }
    last
}

/// 五年, 三年, 年度, 两年多, 第一季度, 中长期: how long or when, nothing more.
fn is_period(modifier: &str) -> bool {
    let m = modifier.trim_matches(|c| c == '“' || c == '”');
    let core = m.trim_start_matches('第').trim_start_matches(|c: char| {
        c.is_ascii_digit() || super::numerals::COUNT_HUNDREDS.contains(c)
    });
    matches!(
        core,
        "年" | "年度" | "年多" | "季度" | "个月" | "中长期" | "长期" | "短期" | "近期" | "中期"
    )
}

/// Drops leading noise (numbers with measure words, pronouns) from a name's start.
pub(super) fn trim_name(text: &str, mut start: usize, head_start: usize) -> Option<usize> {
    loop {
        let s = &text[start..head_start];
        if let Some(w) = lexicon().leading_noise.iter().find(|w| s.starts_with(**w)) {
            start += w.len();
            continue;
        }
        let digits = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .map(char::len_utf8)
            .sum::<usize>();
        // 2024年…: a year before a name (counts are cut below, wherever they are)
        if digits > 0 && s[digits..].starts_with('年') {
            start += digits + '年'.len_utf8();
            continue;
        }
        // 3个省（地）级…中心: a name does not begin inside brackets or with a measure word
        if let Some(i) = s.rfind(['）', ')']) {
            let open = s[..i].contains(['（', '(']);
            if !open {
                start += i + s[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
        }
        if s.starts_with('个')
            && prev_char(text, start)
                .is_some_and(|c| c.is_ascii_digit() || super::numerals::COUNT.contains(c))
        {
            start += '个'.len_utf8();
            continue;
        }
        // 新设16支…基金, 组建一支…基金: a count before a name ends what precedes it
        if let Some(cut) = after_last_count(s) {
            start += cut;
            continue;
        }
        break;
    }
    // 沪上重点孵化平台: “in Shanghai” describes where, it does not name
    let abbreviations = super::gazetteer::province_abbreviations();
    if let Some(c) = text[start..head_start].chars().next() {
        if abbreviations.contains(&c) && text[start + c.len_utf8()..].starts_with('上') {
            start += c.len_utf8() + '上'.len_utf8();
        }
    }
    // 在沪国家实验室: the place after 在 is not part of the name (在浙江科技学院
    // names the province in full: the name begins there)
    if prev_char(text, start) == Some('在')
        && !super::gazetteer::starts_with_province(&text[start..head_start])
    {
        if let Some(c) = text[start..head_start].chars().next() {
            if abbreviations.contains(&c) {
                start += c.len_utf8();
            }
        }
    }
    let modifier: String = text[start..head_start]
        .chars()
        .filter(|c| is_han(*c) || c.is_ascii_alphanumeric())
        .collect();
    if modifier.chars().count() < 2 {
        return None;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(text: &str) -> Vec<String> {
        let industry =
            |w: &str| ["医疗器械", "生命健康", "大健康", "合成生物", "人工智能"].contains(&w);
        head_names(text, &industry)
            .into_iter()
            .map(|c| format!("{}:{}", c.class, c.label))
            .collect()
    }

    #[test]
    fn head_word_names() {
        let cases: &[(&str, &[&str])] = &[
            (
                "大力实施科创企业引育攻坚行动。",
                &["Program:科创企业引育攻坚行动"],
            ),
            (
                "大力实施科技创新生态优化行动。",
                &["Program:科技创新生态优化行动"],
            ),
            (
                "做大科创天使母基金，推进建立生物医药产业链基金。",
                &["Fund:科创天使母基金", "Fund:生物医药产业链基金"],
            ),
            (
                "提速推进陶都科技新城、培源科学城等科技新城建设",
                &["Platform:陶都科技新城", "Platform:培源科学城"],
            ),
            (
                "推动中英、中法国际人才成果转化中心实体化运作",
                &[
                    "Platform:中法国际人才成果转化中心",
                    "Platform:中英国际人才成果转化中心",
                ],
            ),
            (
                "设立总规模为600亿元的科创产业、数字经济母基金",
                &["Fund:数字经济母基金", "Fund:科创产业母基金"],
            ),
            (
                "加快医疗器械产业园等科创载体建设",
                &["Platform:医疗器械产业园"],
            ),
            ("推动建设综合性专业化科创平台", &[]),
            (
                "深度链接江苏技术产权交易市场，培育",
                &["Platform:江苏技术产权交易市场"],
            ),
            (
                "加快推进美兮·皮肤健康园实质运行",
                &["Platform:美兮·皮肤健康园"],
            ),
            (
                "持续打响“霞客杯”创新创业大赛品牌",
                &["Event:霞客杯创新创业大赛"],
            ),
            (
                "上线运行企业走出去综合服务平台",
                &["Platform:企业走出去综合服务平台"],
            ),
            (
                "启动实施跨境金融服务便利化行动",
                &["Program:跨境金融服务便利化行动"],
            ),
            (
                "出台我区培育发展未来产业三年行动计划",
                &["Program:未来产业三年行动计划"],
            ),
            ("主动对接太湖湾科创带", &["Region:太湖湾科创带"]),
            ("获评国家重点研发计划项目1项", &["Program:国家重点研发计划"]),
            ("盯准沪上重点孵化平台", &[]),
            ("坚持以经济建设为中心", &[]),
            ("在思想上政治上行动上保持一致", &[]),
            ("支持教育部直属师范大学发展", &[]),
            ("接续推进世界一流大学建设。", &[]),
            ("从小学直到大学。", &[]),
            ("使用1000亿元失业保险基金", &[]),
            ("门诊费用纳入统筹基金", &[]),
            (
                "线下方式出席二十国集团领导人峰会",
                &["Event:二十国集团领导人峰会"],
            ),
            ("建设在线政务服务平台", &[]),
            ("延误工期而多贷", &[]),
            ("建强闽台地区2个重点实验室", &[]),
            ("全力争创国家级创新中心", &[]),
            ("获评江苏省创新型示范区和中国产学研合作创新示范区", &[]),
            ("获批国家、省级科技计划项目10项", &[]),
            ("多渠道扩大学前教育资源供给", &[]),
            (
                "新设16支凤鸣成长基金，组建一支瞪羚跃升基金",
                &["Fund:凤鸣成长基金", "Fund:瞪羚跃升基金"],
            ),
            ("两家实验室入列全国重点实验室", &[]),
            (
                "海南医学院更名为海南医科大学",
                &["University:海南医学院", "University:海南医科大学"],
            ),
            (
                "挂牌重庆大学智能汽车技术学院",
                &["University:重庆大学", "University:重庆大学智能汽车技术学院"],
            ),
            ("鼓励企业发行资产支持证券", &[]),
            ("引导各商业银行消费贷投放", &[]),
            ("编制五年计划和年度计划，实施三年行动", &[]),
            ("寻求建立新的军事基地", &[]),
            ("国民经济就能够有计划地发展，便有计划", &[]),
            ("在全国范围内实施方案", &[]),
            ("重大改革措施坚持先行试点，两年多试点和第一季度计划", &[]),
            (
                "建好国家区域医疗中心，省一体化算力调度服务平台正式接入国家平台",
                &[
                    "Platform:国家区域医疗中心",
                    "Platform:省一体化算力调度服务平台",
                ],
            ),
            (
                "用好各项凤鸣成长基金，建成50个左右瞪羚跃升基金",
                &["Fund:凤鸣成长基金", "Fund:瞪羚跃升基金"],
            ),
            (
                "设立3个省（地）级疾病预防控制中心和附件二）凤鸣服务中心",
                &[
                    "Platform:省（地）级疾病预防控制中心",
                    "Platform:凤鸣服务中心",
                ],
            ),
            ("但凤鸣成长基金且博览会", &["Fund:凤鸣成长基金"]),
            ("建设二期工程和主要工程", &[]),
            ("举办联合国气候变化大会", &["Event:联合国气候变化大会"]),
            (
                "铸牢中华民族共同体意识论坛",
                &["Event:中华民族共同体意识论坛"],
            ),
            ("举办世界和平论坛", &["Event:世界和平论坛"]),
            (
                "申办第三届凤鸣合作论坛，争办凤鸣葡萄酒大会",
                &["Event:凤鸣合作论坛", "Event:凤鸣葡萄酒大会"],
            ),
            ("承办三月三及十大赛事", &[]),
            ("凤鸣大学跻身软科中国大学排名", &["University:凤鸣大学"]),
            (
                "设立首期100亿元省级凤鸣创新母基金",
                &["Fund:省级凤鸣创新母基金"],
            ),
            ("闽江学院更名大学", &["University:闽江学院"]),
            ("发放创业担保贷款分别完成年计划", &[]),
            ("滨洲铁路开行动车组", &[]),
            (
                "办好凤鸣论坛年会、上海合作组织峰会",
                &[
                    "Event:凤鸣论坛",
                    "Event:凤鸣论坛年会",
                    "Event:上海合作组织峰会",
                ],
            ),
            ("持续优化行动", &[]),
            // coordination: conjuncts share the tail of the name after them
            (
                "支持青岚、白鹭洲、凤鸣湖实验室发展",
                &[
                    "Institution:凤鸣湖实验室",
                    "Institution:青岚实验室",
                    "Institution:白鹭洲实验室",
                ],
            ),
            // 和 joins phrases: no shared tail
            ("深入实施凤鸣领航和青岚攻坚行动", &["Program:青岚攻坚行动"]),
            (
                "办好凤鸣论坛、青岚青年荟、世界凤鸣文化论坛",
                &["Event:凤鸣论坛", "Event:世界凤鸣文化论坛"],
            ),
            // 和 joins short conjuncts only as a conjunction (企业和高校)
            ("支持企业和凤鸣实验室", &["Institution:凤鸣实验室"]),
            (
                "深化与青岚、白鹭洲等国家实验室合作",
                &["Institution:青岚国家实验室", "Institution:白鹭洲国家实验室"],
            ),
            // lists after a quantifier or before a count are categories
            ("布局一批概念验证、共性技术、孵化转让平台", &[]),
            ("建成各级各类概念验证中心和中试熟化平台", &[]),
            ("凤鸣与青岚等3个交叉研究平台试运行", &[]),
            ("新建省级以上概念验证中心5家", &[]),
            (
                "建成150亿方/年天然气产能倍增工程，实施中试平台建在产业链上专项行动",
                &[],
            ),
            ("全面对接青岚、白鹭等创新资源集聚区", &[]),
            ("出席二十国集团峰会", &["Event:二十国集团峰会"]),
            ("反对侵略集团和大型企业集团，国有商业银行", &[]),
            (
                "建设全国凤鸣技术转移中心（青岚）",
                &["Platform:全国凤鸣技术转移中心（青岚）"],
            ),
            (
                "建好高校区域技术转移转化中心（青岚）",
                &["Platform:高校区域技术转移转化中心（青岚）"],
            ),
            // words that hold a function character, and verbs that modify a head
            ("建设凤鸣高等研究院", &["Institution:凤鸣高等研究院"]),
            (
                "发挥凤鸣数智化发展促进中心作用",
                &["Platform:凤鸣数智化发展促进中心"],
            ),
            ("建设服务中心，支持高校建设实验室", &[]),
            ("高效组织凤鸣创新创业大赛", &["Event:凤鸣创新创业大赛"]),
            // head words of parks, exchanges, groups, games, facilities
            (
                "高水平建设凤鸣国际医药创新公园",
                &["Platform:凤鸣国际医药创新公园"],
            ),
            (
                "支持凤鸣证券交易所加强服务",
                &["FinancialInstitution:凤鸣证券交易所"],
            ),
            ("组建凤鸣数据集团", &["Enterprise:凤鸣数据集团"]),
            ("举办凤鸣人形机器人运动会", &["Event:凤鸣人形机器人运动会"]),
            (
                "凤鸣湖地基综合监测网投运",
                &["Platform:凤鸣湖地基综合监测网"],
            ),
            ("企业生产发展基金和其他基金", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(heads(text), *want, "{text}");
        }
    }
}
