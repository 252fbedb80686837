//! The tagger pass: the persons and organisations the learned name tagger
//! finds ([`super::tagger`]), as candidates beside the dictionaries' and the
//! rules'. The dictionaries keep priority where they know a name; the tagger
//! adds what they do not (李奕, 时代天使, 新都区新经济和科技局). An
//! organisation's class comes from the last word of its name (局 → Agency,
//! 公司 → Enterprise, 大学 → Institution, 银行 → FinancialInstitution); a
//! name with none of them is a brand, an Enterprise.

use super::gazetteer::Gazetteer;
use super::lexicon::lexicon;
use super::tagger::{Kind, Span, Tagger};
use super::text::is_han;
use super::Candidate;
use crate::class::Class;

/// Spans scored below these are left out: under them the tagger's names were
/// right less often than wrong on the benchmark's held-out sentences.
const PERSON_MIN: f32 = 0.2;
const ORGANISATION_MIN: f32 = 0.35;
/// A name that opens with a surname but scores below this is a person only in
/// a clause that speaks of people: on the benchmark's held-out lines 0.3 kept
/// the persons' F1 (0.703) while 秦创原-like names of places and platforms go.
const PERSON_ALONE_MIN: f32 = 0.3;

/// The rule every candidate of this pass carries.
pub const RULE: &str = "tagger";

/// Is `name` shaped like a person's name: two to four ideographs, or a foreign
/// name written with ·(埃蒙德·菲尔普斯), or one in Latin letters?
fn person_shaped(name: &str) -> bool {
    let n = name.chars().count();
    if name.chars().all(|c| c.is_ascii_alphabetic()) {
        return (2..=24).contains(&n);
    }
    let han = name.chars().filter(|c| is_han(*c)).count();
    if name.contains('·') {
        return (3..=16).contains(&n) && han + name.matches('·').count() == n;
    }
    (2..=4).contains(&n) && han == n
}

/// The class of an organisation by the last word of its name.
pub fn organisation_class(name: &str) -> Class {
    let lx = lexicon();
    if lx.agency_heads.iter().any(|h| name.ends_with(h)) {
        return Class::Agency;
    }
    lx.organisation_heads
        .iter()
        .find(|(h, _)| name.ends_with(h))
        .map_or(Class::Enterprise, |(_, c)| *c)
}

/// Does a name that begins at `start` have a clean left edge: the start of a
/// line, a character that is no ideograph, a function word, or a verb, a title
/// or another word that ends right there (带领, 局长, 先后走进)?
fn clean_start(text: &str, start: usize) -> bool {
    let lx = lexicon();
    match super::text::prev_char(text, start) {
        None => true,
        Some(c) if !is_han(c) || super::text::is_left_stop(c) => true,
        Some(_) => {
            let before = &text[..start];
            super::text::ends_with_governing(before)
                || lx.non_nominal.suffix_of(before)
                || lx.roles.iter().any(|r| before.ends_with(r))
        }
    }
}

/// The clause around `[start, end)` (between commas, full stops or line breaks).
fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let stops = ['，', '。', '；', '！', '？', '\n', ',', ';'];
    let (s, e) = super::text::enclosing(text, start, end, &stops);
    &text[s..e]
}

/// Does a clause speak of people: a title of office, or a word only people
/// do (说, 表示, 同志)? A low-scored name that merely opens with a surname
/// (秦创原 提级扩能) is a person only there.
fn speaks_of_people(clause: &str) -> bool {
    const DEEDS: [&str; 8] = [
        "说",
        "表示",
        "介绍",
        "指出",
        "强调",
        "同志",
        "记者",
        "通讯员",
    ];
    DEEDS.iter().any(|w| clause.contains(w)) || lexicon().roles.iter().any(|r| clause.contains(r))
}

/// Where a tagged organisation's name begins: none for what a head-word name
/// would not begin with (在沪国家实验室, 2024年凤鸣科技), after a country that
/// says where a company is from (英国边行集团).
fn organisation_start(g: &Gazetteer, text: &str, start: usize, end: usize) -> Option<usize> {
    let mut start = super::heads::trim_name(text, start, end)?;
    if let Some(country) = g.find(&text[start..end]).first().filter(|h| {
        h.start == 0
            && h.entries
                .iter()
                .any(|&i| g.entries[i].class == Class::Country)
    }) {
        if text[start + country.end..end].chars().count() >= 2 {
            start += country.end;
        }
    }
    Some(start)
}

/// A tagged person as a candidate: a person's name opens with a surname (奋楫
/// is a verb) unless the tagger is sure.
fn person(
    text: &str,
    start: usize,
    span: &Span,
    name: String,
    surnamed: bool,
) -> Option<Candidate> {
    let shaped = span.score >= PERSON_MIN
        && person_shaped(&name)
        && (span.score >= 0.45
            || name.contains('·')
            || (surnamed
                && (span.score >= PERSON_ALONE_MIN
                    || speaks_of_people(clause_around(text, start, span.end)))))
        && (span.score >= 0.7 || name.chars().any(is_han));
    if !shaped {
        return None;
    }
    let mut c = Candidate::rule(
        start,
        span.end,
        &name,
        Class::Person,
        RULE,
        0.5 + 0.3 * span.score,
    );
    c.label = name;
    // two 王伟 of two districts are two people
    c.scoped = true;
    Some(c)
}

/// Is a tagged organisation without a head word no brand? A brand needs a
/// clause that speaks of companies, three characters or a sure tagger, and is
/// no category of them (瞪羚企业), no enumerated point (二是聚力打好…: it opens
/// with a verb phrase) and no quality (具有核心竞争力的).
fn no_brand(text: &str, start: usize, span: &Span, name: &str) -> bool {
    let lx = lexicon();
    let before = &text[..start];
    let after = &text[span.end..];
    let enumerated = before.strip_suffix('是').is_some_and(|b| {
        b.chars()
            .next_back()
            .is_some_and(|c| super::numerals::TO_TEN.contains(c))
    });
    let quality = before.ends_with("具有") && after.starts_with('的');
    enumerated
        || quality
        || after.starts_with(['企', '型', '类', '式'])
        || (name.chars().count() < 3 && span.score < 0.6)
        || (span.score < 0.5
            && !lx
                .company_cues
                .iter()
                .any(|w| clause_around(text, start, span.end).contains(w)))
}

/// A tagged organisation as a candidate: a name of ideographs, or a Latin one
/// the tagger is sure of (FPT, bet365), of the class its head word says.
fn organisation(text: &str, start: usize, span: &Span, name: String) -> Option<Candidate> {
    let lx = lexicon();
    let plain = name.chars().filter(|c| is_han(*c)).count() >= 2
        || (span.score >= 0.6
            && name.len() >= 2
            && name.chars().all(|c| c.is_ascii_alphanumeric()));
    if span.score < ORGANISATION_MIN || !plain {
        return None;
    }
    let after = &text[span.end..];
    // 东昌府讯, 本报讯: a dateline names the place news comes from, not an
    // organisation; 上海市政府工作报告: the report, not the government
    if name.ends_with('讯') || after.starts_with("工作") {
        return None;
    }
    // 探索环大学: a name does not open with a verb, an adverb or a
    // function word of two or more characters the tagger took in
    if span.score < 0.7
        && lx
            .non_nominal
            .longest_prefix_of(&name)
            .is_some_and(|w| w.chars().count() >= 2 && w.len() < name.len())
    {
        return None;
    }
    let headless = !lx.agency_heads.iter().any(|h| name.ends_with(h))
        && !lx.organisation_heads.iter().any(|(h, _)| name.ends_with(h));
    if headless && no_brand(text, start, span, &name) {
        return None;
    }
    let class = organisation_class(&name);
    // 工程技术研究中心, 重点实验室: a category of places, not one of them
    let head = lx
        .organisation_heads
        .iter()
        .map(|(h, _)| *h)
        .chain(lx.agency_heads.iter().copied())
        .filter(|h| name.ends_with(h))
        .max_by_key(|h| h.len())
        .unwrap_or("");
    let modifier = &name[..name.len() - head.len()];
    if class != Class::Agency && !head.is_empty() && super::text::is_generic(modifier, &|_| false) {
        return None;
    }
    let mut c = Candidate::rule(start, span.end, &name, class, RULE, 0.5 + 0.25 * span.score);
    // 区委, 县科技局, 区党工委: a stand-in for the division names it
    let first = name.chars().next();
    if class == Class::Agency
        && first.is_some_and(|f| super::zones::STAND_INS.contains(&f))
        && super::zones::stands_in(text, start)
    {
        c.rule = "division-prefix";
        c.note = first.map(String::from);
        c.scoped = true;
    }
    Some(c)
}

/// The persons and organisations of `text` as candidates. `publisher` is the
/// header's publisher: metadata of the document, not a name in it.
pub fn pass(tagger: &Tagger, g: &Gazetteer, text: &str, publisher: Option<&str>) -> Vec<Candidate> {
    let mut out = Vec::new();
    for span in tagger.tag(text) {
        let start = match span.kind {
            Kind::Organization => match organisation_start(g, text, span.start, span.end) {
                Some(s) => s,
                None => continue,
            },
            _ => span.start,
        };
        let surface = &text[start..span.end];
        let name: String = surface.chars().filter(|c| !c.is_whitespace()).collect();
        // a name the dictionaries know is theirs (徐汇 read as a person, 清华大学 as an organisation)
        if g.lookup(&name).is_some() || publisher == Some(name.as_str()) {
            continue;
        }
        // a fragment of a word (板块科技局) unless the tagger is sure of it or
        // it is a person's name after a title the lists do not hold (副署长孙寿山)
        let surnamed = span.kind == Kind::Person && super::people::is_person_name(&name);
        if span.score < 0.7 && !surnamed && !clean_start(text, start) {
            continue;
        }
        // 习近平新时代中国特色社会主义思想: a doctrine's title, not a person the text names
        if span.kind == Kind::Person
            && ["新时代", "思想"]
                .iter()
                .any(|w| text[span.end..].starts_with(w))
        {
            continue;
        }
        let cand = match span.kind {
            Kind::Person => person(text, start, &span, name, surnamed),
            Kind::Organization => organisation(text, start, &span, name),
            _ => None,
        };
        out.extend(cand);
    }
    out
}

/// A head-word name and a tagger's name of an organisation with the same end
/// but different starts: where the head-word name's extra words end in a verb,
/// an adverb or a title (先后走进艾华集团股份有限公司) it took in what precedes
/// the name, and goes; else the tagger cut a word (品技术研究所 of
/// 集萃未来食品技术研究所), and its name goes.
pub fn trim_rules(text: &str, cands: &mut Vec<Candidate>) {
    let lx = lexicon();
    let tagged: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.rule == RULE && c.class != Class::Person)
        .map(|c| (c.start, c.end))
        .collect();
    let mut drop_rule = Vec::new();
    let mut drop_tagged = Vec::new();
    for c in cands.iter().filter(|c| {
        c.rule == "head-word"
            && c.entry.is_none()
            && matches!(
                c.class.top(),
                Class::Enterprise
                    | Class::Agency
                    | Class::Institution
                    | Class::FinancialInstitution
            )
    }) {
        for &(s, e) in tagged.iter().filter(|&&(s, e)| e == c.end && s > c.start) {
            let gap = &text[c.start..s];
            if super::text::ends_with_governing(gap)
                || lx.non_nominal.suffix_of(gap)
                || lx.roles.iter().any(|r| gap.ends_with(r))
            {
                drop_rule.push((c.start, c.end));
            } else {
                drop_tagged.push((s, e));
            }
        }
    }
    // …研究所所长秦尊文博士出任中心: a head-word name holds no person named
    // after a title (a title inside a name ends it)
    let persons: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.rule == RULE && c.class == Class::Person)
        .filter(|c| lx.roles.iter().any(|r| text[..c.start].ends_with(r)))
        .map(|c| (c.start, c.end))
        .collect();
    cands.retain(|c| {
        let span = (c.start, c.end);
        let holds_person = c.rule == "head-word"
            && c.entry.is_none()
            && persons.iter().any(|&(s, e)| c.start < s && e <= c.end);
        !(c.rule == "head-word" && drop_rule.contains(&span)
            || c.rule == RULE && drop_tagged.contains(&span)
            || holds_person)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_take_their_class_from_their_last_word() {
        let cases = [
            ("崇川区科技局", Class::Agency),
            ("新都区新经济和科技局", Class::Agency),
            ("重庆高新技术产业开发区管理委员会办公室", Class::Agency),
            ("浙江晶盛机电股份有限公司", Class::Enterprise),
            ("时代天使", Class::Enterprise),
            ("泉州联通", Class::Enterprise),
            ("浙江工业大学", Class::University),
            ("中国医药保健品进出口商会", Class::Institution),
            ("邮储银行绵阳分行", Class::Bank),
            ("绵阳科技城“两金”管理中心", Class::Platform),
        ];
        for (name, want) in cases {
            assert_eq!(organisation_class(name), want, "{name}");
        }
    }

    #[test]
    fn person_names_have_a_persons_shape() {
        assert!(person_shaped("邓蕴琳"));
        assert!(person_shaped("埃蒙德·菲尔普斯"));
        assert!(!person_shaped("张"));
        assert!(!person_shaped("荣红智代表区委"));
        assert!(!person_shaped("A.Smith"));
        assert!(person_shaped("Icefrog"));
    }
}
