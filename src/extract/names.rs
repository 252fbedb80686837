//! Rules for names no list holds: head words, quotes, coordination and enumerations.

use super::text::{ends_with_governing, is_han, is_hard_break, is_name_char, prev_char};
use super::Candidate;
use crate::class::Class;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::OnceLock;

/// A head word: the last word of a name, which tells its class.
pub struct Head {
    pub word: &'static str,
    pub class: Class,
    /// Characters after the head that make it part of another word (市场化, 节能).
    pub not_before: &'static [&'static str],
}

const fn h(word: &'static str, class: Class, not_before: &'static [&'static str]) -> Head {
    Head {
        word,
        class,
        not_before,
    }
}

/// Head words by class (issue 3, "What it takes" 2).
pub const HEADS: &[Head] = &[
    h("计划", Class::Program, &["单列", "经济", "生育", "投资"]),
    h(
        "工程",
        Class::Program,
        &[
            "技术", "师", "机械", "建设", "项目", "院", "学", "大学", "研究",
        ],
    ),
    h("行动", Class::Program, &["方案", "计划", "车"]),
    h("行动方案", Class::Program, &[]),
    h(
        "专项",
        Class::Program,
        &["赛", "基金", "行动", "资金", "债", "计划", "规划", "工作"],
    ),
    h(
        "试点",
        Class::Program,
        &["示范", "城市", "地区", "工作", "区"],
    ),
    h("规划", Class::Program, &["建设", "纲要", "编制", "布局"]),
    h("规划纲要", Class::Program, &[]),
    h("实施方案", Class::Program, &[]),
    h("培育方案", Class::Program, &[]),
    h("母基金", Class::Fund, &[]),
    h("贷", Class::FinancialProduct, &["款"]),
    h("基金", Class::Fund, &["会", "管理"]),
    h("产业园", Class::Platform, &["区"]),
    h("科学城", Class::Platform, &[]),
    h("科技城", Class::Platform, &[]),
    h("科技新城", Class::Platform, &[]),
    h("创新港", Class::Platform, &[]),
    h("产业社区", Class::Platform, &[]),
    h("飞地", Class::Platform, &["经济"]),
    h("中心", Class::Platform, &["城", "区", "任务", "工作", "组"]),
    h("基地", Class::Platform, &[]),
    h("平台", Class::Platform, &["经济", "企业", "公司", "建设"]),
    h("交易市场", Class::Platform, &[]),
    h("工作站", Class::Platform, &[]),
    h("软件园", Class::Platform, &[]),
    h("健康园", Class::Platform, &[]),
    h("科技园", Class::Platform, &[]),
    h("创业园", Class::Platform, &[]),
    h("园区", Class::Platform, &[]),
    h("示范区", Class::Platform, &[]),
    h("开发区", Class::Platform, &[]),
    h("高新区", Class::Platform, &[]),
    h("自贸区", Class::Platform, &[]),
    h("新区", Class::Platform, &[]),
    h("港区", Class::Platform, &[]),
    h("孵化器", Class::Platform, &[]),
    h("加速器", Class::Platform, &[]),
    h("大赛", Class::Event, &["事"]),
    h("挑战赛", Class::Event, &[]),
    h("专项赛", Class::Event, &[]),
    h("博览会", Class::Event, &[]),
    h("交易会", Class::Event, &[]),
    h("大会", Class::Event, &["堂"]),
    h("论坛", Class::Event, &[]),
    h("峰会", Class::Event, &[]),
    h("英才节", Class::Event, &[]),
    h("科技节", Class::Event, &[]),
    h("文化节", Class::Event, &[]),
    h("创新奖", Class::Event, &[]),
    h("研究院", Class::Institution, &[]),
    h("研究所", Class::Institution, &[]),
    h("实验室", Class::Institution, &["建设", "体系"]),
    h("校区", Class::Institution, &[]),
    h(
        "大学",
        Class::University,
        &["生", "科技园", "城", "校", "排名", "排行"],
    ),
    h("学院", Class::University, &[]),
    h("学会", Class::Institution, &[]),
    h("协会", Class::Institution, &[]),
    h(
        "证券",
        Class::FinancialInstitution,
        &["市场", "公司", "化", "投资", "交易"],
    ),
    h("有限公司", Class::Enterprise, &[]),
    h("科创带", Class::Region, &[]),
    h("科技创新带", Class::Region, &[]),
    h("科创走廊", Class::Region, &[]),
    h("经济带", Class::Region, &[]),
    h("经济圈", Class::Region, &[]),
    h("城市群", Class::Region, &[]),
    h("都市圈", Class::Region, &[]),
];

/// Heads that only make a name inside quotes (“苏科贷”, “科技板”, “科创九条”).
const QUOTE_HEADS: &[(&str, Class)] = &[
    ("贷", Class::FinancialProduct),
    ("板", Class::Platform),
    ("杯", Class::Event),
    ("节", Class::Event),
    ("奖", Class::Event),
    ("坛", Class::Event),
    ("行", Class::Event),
    ("年", Class::Program),
    ("条", Class::Program),
    ("之光", Class::Program),
    ("计划", Class::Program),
];

/// Generic words after a quoted name that tell its class without being part of it.
const TAIL_CLASS: &[(&str, Class)] = &[
    ("项目", Class::Program),
    ("品牌", Class::Event),
    ("活动", Class::Event),
    ("政策", Class::Program),
    ("工程", Class::Program),
];

/// Leading words that are not part of a name (我区培育… → 培育…).
const LEADING_NOISE: &[&str] = &[
    "我区",
    "我市",
    "我省",
    "我县",
    "本区",
    "本市",
    "全区",
    "全市",
    "全省",
    "该区",
    "该市",
    "辖区",
    "一批",
    "多个",
    "各类",
    "各级",
    "一个",
    "一大批",
    "积极",
    "以",
    "领域",
    "好",
    "使",
    "让",
    "左右",
    "各项",
    "首单",
];

fn head_matcher() -> &'static AhoCorasick {
    static M: OnceLock<AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(HEADS.iter().map(|h| h.word))
            .expect("head words are plain strings")
    })
}

const MAX_NAME_CHARS: usize = 26;

/// Governing verbs that are never a noun, so never the last word of a name
/// (更名大学: renamed a university; 组织 in 上海合作组织峰会 is a noun).
const PURE_VERBS: &[&str] = &[
    "更名", "入列", "挂牌", "跻身", "申办", "争办", "筹备", "新设", "印发", "获批", "获评", "入选",
    "荣获",
];

/// Measure words after a number that make it a count or an amount, not part
/// of a name (16支基金, 100亿元母基金, 3届大会).
const COUNT_WORDS: [&str; 11] = [
    "亿元", "万元", "家", "个", "项", "所", "座", "批", "支", "只", "届",
];
/// Characters that make a word with 大 (扩大, 加大, 壮大): 扩大学前教育 holds no 大学.
const DA_WORDS: &str = "扩加放壮强伟巨最较更庞宽增";

/// Finds names by their head words.
pub fn head_names(text: &str, is_industry: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let mut out = Vec::new();
    for m in head_matcher().find_iter(text) {
        let head = &HEADS[m.pattern().as_usize()];
        let (hs, he) = (m.start(), m.end());
        let rest = &text[he..];
        if head.not_before.iter().any(|w| rest.starts_with(w)) {
            continue;
        }
        let Some(start) = name_start(text, hs) else {
            continue;
        };
        let Some((start, coord)) = trim_name(text, start, hs) else {
            continue;
        };
        let name = &text[start..he];
        let modifier = &text[start..hs];
        if skip_name(text, start, name, modifier, head) {
            continue;
        }
        // a category (科创平台, 研发中心), not a name; programs and funds of
        // policy words are names when long enough (科技企业倍增行动)
        // 国家重点研发计划: a national name is proper however plain its words
        let national = ["国家级", "国家", "中国", "全国"]
            .iter()
            .find_map(|w| modifier.trim_start_matches('“').strip_prefix(w))
            .is_some_and(|rest| rest.chars().count() >= 4);
        let pure_generic = !national && super::text::is_generic(modifier, &|_| false);
        let short = modifier.chars().filter(|c| is_han(*c)).count() < 4;
        // 科技企业倍增行动 names a campaign; 省级科技计划 is a category
        let campaign = matches!(head.word, "行动" | "工程" | "母基金");
        let categorical = matches!(
            head.class.top(),
            Class::Platform
                | Class::Institution
                | Class::Region
                | Class::Event
                | Class::Program
                | Class::Fund
        );
        if pure_generic && (short || (!campaign && categorical)) {
            continue;
        }
        let mut cand = Candidate::rule(start, he, name, head.class, "head-word", 0.8);
        // industries only add words: generic without them is generic with them
        cand.scoped = !national && (pure_generic || super::text::is_generic(modifier, is_industry));
        out.push(cand);
        if let Some(q) = coord {
            // 中英、中法国际人才成果转化中心: the first part shares the second's tail
            let qlen = text[q.0..q.1].chars().count();
            let tail: String = name.chars().skip(qlen).collect();
            if tail.chars().count() >= 2 {
                let label = format!("{}{}", &text[q.0..q.1], tail);
                let mut c = Candidate::rule(q.0, q.1, &label, head.class, "coordination", 0.7);
                c.label = super::text::canonical_label(&label);
                c.scoped = super::text::is_generic(&text[q.0..q.1], is_industry);
                out.push(c);
            }
        }
    }
    out
}

/// Where a name ending at `head_start` begins: after the nearest function word
/// or break; after the nearest governing verb, or — when that leaves the head
/// bare (优化行动) — after the first run of governing verbs in the phrase.
fn name_start(text: &str, head_start: usize) -> Option<usize> {
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
            // 在线, 和平, 对外, 共同体 are words, not a function word + name
            let next = text[pos..].chars().next();
            let before = prev_char(text, pos - c.len_utf8());
            let in_word = matches!(
                (c, next),
                ('在', Some('线')) | ('和', Some('平' | '谐')) | ('对', Some('外' | '口'))
            ) || (c == '同'
                && before.is_some_and(|b| "共协合相如连会大".contains(b)));
            if "的等在与和同对向从把被将由了或并是于跟至到而但且按".contains(c) && !in_word
            {
                floor = pos;
                break;
            }
        }
        pos -= prev_char(text, pos).map_or(1, char::len_utf8);
    }
    governing.retain(|&g| g > floor);
    if !governing.is_empty() {
        // the nearest governing word that leaves a modifier (优化行动 → 实施…优化行动)
        if let Some(&cut) = governing.iter().find(|&&g| modifier_len(g) >= 2) {
            return Some(cut);
        }
        // else the end of the first run of governing words from the left
        let mut cut = floor;
        loop {
            let rest = &text[cut..head_start];
            match super::text::GOVERNING
                .iter()
                .filter(|w| rest.starts_with(**w))
                .max_by_key(|w| w.len())
            {
                Some(w) => cut += w.len(),
                None => break,
            }
        }
        // a verb inside that governs a word of its own (分别完成年计划): no name
        // here; one right before the head is the name's (上海合作组织峰会)
        if governing.iter().any(|&g| {
            g > cut && (modifier_len(g) >= 1 || PURE_VERBS.iter().any(|v| text[..g].ends_with(v)))
        }) {
            return None;
        }
        return (modifier_len(cut) >= 2).then_some(cut);
    }
    (modifier_len(floor) >= 2).then_some(floor)
}

/// Phrases with a head word that are not names: honours (获评…示范区), counts
/// (四项行动), partnerships (锡山—清华大学), year campaigns with a tail (“服务提优年”行动).
fn skip_name(text: &str, start: usize, name: &str, modifier: &str, head: &Head) -> bool {
    let before = &text[..start];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| is_hard_break(*c) && *c != '、')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    if matches!(head.class.top(), Class::Platform | Class::Institution)
        && ["获评", "入选", "荣获", "获批", "获得"]
            .iter()
            .any(|w| clause.contains(w))
    {
        return true;
    }
    if head.class == Class::University && (name.contains('—') || name.contains('-')) {
        return true;
    }
    if head.word == "大学" && modifier.ends_with(|c| DA_WORDS.contains(c)) {
        return true;
    }
    // 资产支持证券, 债券: a kind of security, not a securities firm
    if head.word == "证券" && (modifier.ends_with("支持") || modifier.ends_with("资产")) {
        return true;
    }
    // 各商业银行消费贷: the lender and a plain loan, not a product name
    if head.word == "贷"
        && ["银行", "机构", "开发"]
            .iter()
            .any(|w| modifier.contains(w))
    {
        return true;
    }
    // 有计划地, 便有计划: planned (an adverb), not a plan
    if head.word == "计划" && modifier.ends_with('有') {
        return true;
    }
    // 全国范围内实施方案: where, not what
    if modifier.ends_with('内') {
        return true;
    }
    // 五年计划, 年度计划, 三年行动: a period, not a name
    if head.class == Class::Program && is_period(modifier) {
        return true;
    }
    // 信贷, 房贷, 续贷, 严惩不贷: credit in general, not a product
    if head.word == "贷"
        && (modifier.ends_with([
            '信', '借', '放', '网', '助', '续', '房', '不', '首', '限', '收', '还', '审', '拨',
            '农', '存',
        ]) || modifier.chars().count() < 3)
    {
        return true;
    }
    // 以经济建设为中心: a principle; 思想上政治上行动: a manner; 2个重点实验室: a count
    if modifier.ends_with(['为', '上']) {
        return true;
    }
    let mut prev_digit = false;
    for c in modifier.chars() {
        if prev_digit && "个家项所批".contains(c) {
            return true;
        }
        prev_digit = c.is_ascii_digit() || "一二三四五六七八九十两".contains(c);
    }
    // 我们必须学会, 这次大会, 提交大会
    if matches!(head.word, "学会" | "协会")
        && modifier.ends_with(['须', '要', '应', '能', '会', '得', '们', '地', '经'])
    {
        return true;
    }
    if ["这次", "本次", "此次", "这个", "该", "提交", "提请", "全文"]
        .iter()
        .any(|w| modifier.starts_with(w))
    {
        return true;
    }
    if name.contains("人民代表大会") || name.contains("政府工作") {
        return true;
    }
    let m: Vec<char> = modifier
        .chars()
        .filter(|c| *c != '“' && *c != '”')
        .collect();
    if m.len() >= 2
        && ("一二三四五六七八九十两".contains(m[0]) || m[0].is_ascii_digit())
        && "个项大条类".contains(m[1])
    {
        return true;
    }
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
            if let Some(u) = COUNT_WORDS.iter().find(|u| s[i..].starts_with(**u)) {
                last = Some(i + u.len());
            }
        }
        in_number = c.is_ascii_digit() || "一二三四五六七八九十两百千".contains(c);
    }
    last
}

/// 五年, 三年, 年度, 两年多, 第一季度, 中长期: how long or when, nothing more.
fn is_period(modifier: &str) -> bool {
    let m = modifier.trim_matches(|c| c == '“' || c == '”');
    let core = m
        .trim_start_matches('第')
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两百".contains(c));
    matches!(
        core,
        "年" | "年度" | "年多" | "季度" | "个月" | "中长期" | "长期" | "短期" | "近期" | "中期"
    )
}

/// Drops leading noise (numbers with measure words, pronouns) and reports a
/// coordinated fragment before a 、 that shares this name's tail.
#[allow(clippy::type_complexity)]
fn trim_name(
    text: &str,
    mut start: usize,
    head_start: usize,
) -> Option<(usize, Option<(usize, usize)>)> {
    loop {
        let s = &text[start..head_start];
        if let Some(w) = LEADING_NOISE.iter().find(|w| s.starts_with(**w)) {
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
                .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c))
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
    if let Some(c) = text[start..head_start].chars().next() {
        if "沪京津渝冀晋辽浙皖闽赣鲁豫鄂湘粤桂琼黔滇陕".contains(c)
            && text[start + c.len_utf8()..].starts_with('上')
        {
            start += c.len_utf8() + '上'.len_utf8();
        }
    }
    // 在沪国家实验室: the place after 在 is not part of the name
    if prev_char(text, start) == Some('在') {
        if let Some(c) = text[start..head_start].chars().next() {
            if "沪京津渝冀晋辽浙皖闽赣鲁豫鄂湘粤桂琼黔滇陕".contains(c) {
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
    // coordination: “中英、中法…” — a short fragment right before a 、 at our start
    let mut coord = None;
    if prev_char(text, start) == Some('、') {
        let sep = start - '、'.len_utf8();
        let mut q = sep;
        for (i, c) in text[..sep].char_indices().rev() {
            if !is_han(c) {
                break;
            }
            if ends_with_governing(&text[..i + c.len_utf8()]) && i + c.len_utf8() < sep {
                q = i + c.len_utf8();
                break;
            }
            if "的等在与和对向将为".contains(c) {
                break;
            }
            q = i;
        }
        let frag = &text[q..sep];
        let flen = frag.chars().count();
        let has_head = HEADS.iter().any(|h| frag.contains(h.word));
        if (2..=4).contains(&flen) && !has_head && modifier.chars().count() >= flen {
            coord = Some((q, sep));
        }
    }
    Some((start, coord))
}

/// Names in quotes: “霞客之光”, “苏科贷”, “百千万”科技政策宣讲行动.
///
/// Returns candidates and the spans of quoted text that are not names, so
/// that head-word rules do not read slogans as names.
pub fn quoted_names(text: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut pending: Vec<(usize, usize)> = Vec::new(); // unclassified quotes in the current run
    let mut last_end = 0usize;
    let mut i = 0;
    while let Some(off) = text[i..].find('“') {
        let qs = i + off;
        let Some(len) = text[qs + 3..].find('”') else {
            break;
        };
        let qe = qs + 3 + len + 3; // after ”
        i = qe;
        let inner = &text[qs + 3..qe - 3];
        let n = inner.chars().count();
        if n == 0 || n > 16 || inner.contains(['、', '，', ',', '。', '；']) {
            pending.clear();
            continue;
        }
        if qs != last_end {
            pending.clear();
        }
        last_end = qe;
        let has_han = inner.chars().any(is_han);
        // the quoted text's own head
        let own = QUOTE_HEADS
            .iter()
            .find(|(w, _)| strip_version(inner).ends_with(w))
            .map(|(_, c)| *c)
            .or_else(|| {
                HEADS
                    .iter()
                    .find(|h| inner.ends_with(h.word))
                    .map(|h| h.class)
            });
        // a generic tail word after the quote gives a class without joining the name
        let after = &text[qe..];
        let tail_class = tail_class(after);
        if let Some(class) = own {
            // “新平台”, “众创空间—孵化器—加速器—产业园”: categories in quotes, not names
            let categorical = HEADS
                .iter()
                .find(|h| inner.ends_with(h.word))
                .is_some_and(|h| {
                    matches!(h.class.top(), Class::Platform | Class::Institution)
                        && super::text::is_generic(&inner[..inner.len() - h.word.len()], &|_| false)
                });
            if categorical {
                pending.clear();
                continue;
            }
            if inner.starts_with(|c: char| c.is_ascii_digit()) && !has_han {
                continue;
            }
            if is_count_phrase(inner) {
                continue;
            }
            // “不行”, “基金”: a head with at most one character before it names nothing
            let head_len = QUOTE_HEADS
                .iter()
                .map(|(w, _)| *w)
                .chain(HEADS.iter().map(|h| h.word))
                .filter(|w| strip_version(inner).ends_with(w))
                .map(|w| w.chars().count())
                .min()
                .unwrap_or(0);
            if strip_version(inner).chars().count() < head_len + 2 {
                continue;
            }
            out.push(Candidate::rule(qs, qe, inner, class, "quote", 0.85));
            flush_pending(text, &mut pending, class, &mut out);
        } else if let Some(class) = tail_class {
            if has_han {
                out.push(Candidate::rule(qs, qe, inner, class, "quote-tail", 0.75));
                flush_pending(text, &mut pending, class, &mut out);
            }
        } else if has_han && !after.starts_with(|c: char| is_han(c)) {
            // “霞客之光”、…等“揭榜挂帅”科技攻关项目: a quote in a list takes the list's class
            let in_list = after.starts_with(['、', '“']) || after.starts_with('等');
            if let Some(class) = list_class(after).filter(|_| in_list) {
                out.push(Candidate::rule(qs, qe, inner, class, "quote-list", 0.7));
            } else {
                pending.push((qs, qe));
            }
        } else if !has_han {
            // “331”重点任务, “1+4”科技招商体系: numbers name nothing without their tail
            continue;
        }
    }
    out
}

/// Quotes waiting in a run (“科技节”“智荟澄”) take the class of the one that has it.
fn flush_pending(
    text: &str,
    pending: &mut Vec<(usize, usize)>,
    class: Class,
    out: &mut Vec<Candidate>,
) {
    for (ps, pe) in pending.drain(..) {
        // the span includes the quote marks, three bytes each
        out.push(Candidate::rule(
            ps,
            pe,
            &text[ps + 3..pe - 3],
            class,
            "quote-coordination",
            0.7,
        ));
    }
}

fn strip_version(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
}

fn is_count_phrase(s: &str) -> bool {
    // 五个中心, 三大工程: a number and a measure word, not a name
    let mut cs = s.chars();
    let first = cs.next();
    let second = cs.next();
    first.is_some_and(|c| "一二三四五六七八九十两".contains(c) || c.is_ascii_digit())
        && second.is_some_and(|c| "个大项条类".contains(c))
        && !s.ends_with('条')
}

fn tail_class(after: &str) -> Option<Class> {
    let run: String = after.chars().take_while(|c| is_han(*c)).take(8).collect();
    for (w, c) in TAIL_CLASS {
        if let Some(p) = run.find(w) {
            let between = &run[..p];
            // “清锡未来行”系列品牌活动 is an event; “台独”分裂活动 is not
            if *w == "活动"
                && !super::text::is_generic(between, &|x: &str| {
                    ["系列", "主题", "宣传", "评选", "推介"].contains(&x)
                })
            {
                continue;
            }
            if between.chars().count() <= 6 {
                return Some(*c);
            }
        }
    }
    None
}

/// `、…等“X”科技攻关项目`: the class of the list a quote belongs to.
fn list_class(after: &str) -> Option<Class> {
    let window: String = after.chars().take(40).collect();
    let end = window
        .find(['。', '；', '，', ',', ';'])
        .unwrap_or(window.len());
    let clause = &window[..end];
    let deng = clause.find('等')?;
    let rest = &clause[deng..];
    TAIL_CLASS
        .iter()
        .filter_map(|(w, c)| rest.find(w).map(|p| (p, *c)))
        .min_by_key(|(p, _)| *p)
        .map(|(_, c)| c)
}

/// Modifiers allowed between 等 and the category word of an enumeration.
const ENUM_MODIFIERS: &[&str] = &[
    "战略性新兴",
    "新兴",
    "未来",
    "重点",
    "主导",
    "优势",
    "特色",
    "前沿",
    "先导",
    "支柱",
    "前沿型",
    "主导型",
    "千亿级",
    "百亿级",
    "万亿级",
    "高端",
    "重点产业",
    "现代",
    "关键",
    "核心",
    "新",
    "",
];

/// `A、B、C等(未来)产业/领域` → each item is an Industry; `A、B等基金` → Funds.
pub fn enumeration_items(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(off) = text[search..].find('等') {
        let deng = search + off;
        search = deng + '等'.len_utf8();
        let after = &text[search..];
        let mut class = None;
        for m in ENUM_MODIFIERS {
            if let Some(r) = after.strip_prefix(m) {
                if (r.starts_with("产业") && !r.starts_with("产业链") && !r.starts_with("产业园"))
                    || r.starts_with("领域")
                    || r.starts_with("行业")
                    || r.starts_with("赛道")
                {
                    class = Some(Class::Industry);
                } else if r.starts_with("基金") && m.is_empty() {
                    class = Some(Class::Fund);
                }
            }
            if class.is_some() {
                break;
            }
        }
        let Some(class) = class else { continue };
        // items run left to the clause start or a governing word
        let mut items_start = deng;
        for (i, c) in text[..deng].char_indices().rev() {
            if is_hard_break(c) && c != '、' {
                break;
            }
            if ends_with_governing(&text[..i + c.len_utf8()]) {
                break;
            }
            items_start = i;
        }
        let span = &text[items_start..deng];
        if !span.contains('、') && class == Class::Industry && !span.contains('和') {
            continue;
        }
        let mut pos = items_start;
        for item in span.split(['、', '和']) {
            let s = pos;
            pos += item.len() + '、'.len_utf8();
            let trimmed = item.trim_matches(|c: char| c.is_whitespace() || c == '“' || c == '”');
            let n = trimmed.chars().count();
            if !(2..=8).contains(&n)
                || !trimmed
                    .chars()
                    .all(|c| is_han(c) || c.is_ascii_alphanumeric())
            {
                continue;
            }
            if trimmed.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let lead = item.len()
                - item
                    .trim_start_matches(|c: char| c.is_whitespace() || c == '“')
                    .len();
            let s = s + lead;
            out.push(Candidate::rule(
                s,
                s + trimmed.len(),
                trimmed,
                class,
                "enumeration",
                0.6,
            ));
        }
    }
    out
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
                &["Event:凤鸣论坛", "Event:上海合作组织峰会"],
            ),
            ("持续优化行动", &[]),
            ("企业生产发展基金和其他基金", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(heads(text), *want, "{text}");
        }
    }

    #[test]
    fn quoted_name_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "持续做大“苏科贷”“锡科贷”规模",
                &["FinancialProduct:苏科贷", "FinancialProduct:锡科贷"],
            ),
            (
                "打响“科技节”“智荟澄”等科技创新品牌",
                &["Event:科技节", "Event:智荟澄"],
            ),
            (
                "持续实施“霞客之光”、江阴—清华等“揭榜挂帅”科技攻关项目",
                &["Program:霞客之光", "Program:揭榜挂帅"],
            ),
            ("打好“组合拳”，抢占“新赛道”", &[]),
            (
                "出台“科创九条”和“人才九条”",
                &["Program:科创九条", "Program:人才九条"],
            ),
            (
                "用好“科创18条”“锡山英才计划3.0”等政策",
                &["Program:科创18条", "Program:锡山英才计划3.0"],
            ),
            (
                "开展“清锡未来行”“清锡未来坛”系列品牌活动",
                &["Event:清锡未来行", "Event:清锡未来坛"],
            ),
            ("“五个中心”建设扎实推进", &[]),
            (
                "入选省“双创计划”科技创新类双创团队1个",
                &["Program:双创计划"],
            ),
            ("完善“众创空间—孵化器—加速器—产业园”的体系", &[]),
            ("激发企业创新“引擎”,深入开展研发费用加计扣除等税收政策", &[]),
            ("紧盯“331”重点任务", &[]),
            ("这样“不行”，“行”不通，设立“基金”", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = quoted_names(text)
                .into_iter()
                .map(|c| format!("{}:{}", c.class, c.label))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn enumerations() {
        let got: Vec<String> = enumeration_items(
            "完善高端医疗器械、智能终端、智算云、具身智能、商业航天等产业发展政策",
        )
        .into_iter()
        .map(|c| c.label)
        .collect();
        assert_eq!(
            got,
            ["高端医疗器械", "智能终端", "智算云", "具身智能", "商业航天"]
        );
        let got: Vec<String> = enumeration_items("加快推动华平、毅达等基金的运行")
            .into_iter()
            .map(|c| format!("{}:{}", c.class, c.label))
            .collect();
        assert_eq!(got, ["Fund:华平", "Fund:毅达"]);
        assert!(enumeration_items("集成电路装备、零部件、材料、EDA软件等全产业链攻关").is_empty());
    }
}
