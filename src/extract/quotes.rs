//! Names in quotes: “霞客之光”, “苏科贷”, “百千万”科技政策宣讲行动.

use super::lexicon::lexicon;
use super::text::is_han;
use super::Candidate;
use crate::class::Class;

/// The quotes pass: quoted names, and whether each is local to its division
/// (“医疗器械”产业园 is a name of common words: one per division).
pub fn pass(text: &str, is_industry: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let mut out = quoted_names(text);
    for q in &mut out {
        let stem: String = q
            .label
            .chars()
            .take(q.label.chars().count().saturating_sub(1))
            .collect();
        q.scoped = stem.chars().count() >= 2 && super::text::is_generic(&stem, is_industry);
    }
    out
}

/// Names in quotes: “霞客之光”, “苏科贷”, “百千万”科技政策宣讲行动.
///
/// Returns candidates and the spans of quoted text that are not names, so
/// that head-word rules do not read slogans as names.
pub fn quoted_names(text: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut pending: Vec<(usize, usize)> = Vec::new(); // unclassified quotes in the current run
    let mut last_end = 0usize;
    // the run of quotes is the object of a program verb (深入推进“…”“…”)
    let mut governed = false;
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
            let before = &text[..qs];
            governed = lexicon().program_verbs.iter().any(|v| before.ends_with(v));
        }
        last_end = qe;
        let run_ends = !text[qe..].starts_with('“');
        let has_han = inner.chars().any(is_han);
        let own = own_class(inner);
        // a generic tail word after the quote gives a class without joining the name
        let after = &text[qe..];
        let tail_class = tail_class(after);
        if let Some(class) = own {
            with_own_head(text, qs, qe, class, &mut pending, &mut out);
        } else if let Some(class) = tail_class {
            if has_han {
                out.push(Candidate::rule(qs, qe, inner, class, "quote-tail", 0.75));
                flush_pending(text, &mut pending, class, &mut out);
            }
        } else if has_han && (!after.starts_with(|c: char| is_han(c)) || after.starts_with('等')) {
            // “霞客之光”、…等“揭榜挂帅”科技攻关项目: a quote in a list takes the list's class
            let in_list = after.starts_with(['、', '“']) || after.starts_with('等');
            if let Some(class) = list_class(after).filter(|_| in_list) {
                out.push(Candidate::rule(qs, qe, inner, class, "quote-list", 0.7));
            } else {
                pending.push((qs, qe));
                // 深入推进“凤鸣揭榜”“青岚双进”: a run governed by a program verb
                if run_ends && governed && n >= 3 {
                    flush_pending(text, &mut pending, Class::Program, &mut out);
                }
            }
        } else if !has_han {
            // “331”重点任务, “1+4”科技招商体系: numbers name nothing without their tail
            continue;
        }
    }
    out
}

/// The class the quoted text's own head gives it: a quote head (…工程), a
/// head word, or a craft or device named with a number (“凤鸣五号”).
fn own_class(inner: &str) -> Option<Class> {
    lexicon()
        .quote_heads
        .iter()
        .find(|(w, _)| strip_version(inner).ends_with(w))
        .map(|(_, c)| *c)
        .or_else(|| {
            lexicon()
                .heads
                .iter()
                .find(|h| inner.ends_with(h.word))
                .map(|h| h.class)
        })
        .or_else(|| super::numbered::numbered(inner).then_some(Class::Platform))
}

/// A quote `qs..qe` whose own head gives it `class`: a name, unless it is a
/// category, a bare number or a head alone; a count in quotes is named with
/// the word before it.
fn with_own_head(
    text: &str,
    qs: usize,
    qe: usize,
    class: Class,
    pending: &mut Vec<(usize, usize)>,
    out: &mut Vec<Candidate>,
) {
    let inner = &text[qs + 3..qe - 3];
    let has_han = inner.chars().any(is_han);
    // “新平台”, “众创空间—孵化器—加速器—产业园”: categories in quotes, not names
    let categorical = lexicon()
        .heads
        .iter()
        .find(|h| inner.ends_with(h.word))
        .is_some_and(|h| {
            matches!(h.class.top(), Class::Platform | Class::Institution)
                && super::text::is_generic(&inner[..inner.len() - h.word.len()], &|_| false)
        });
    if categorical {
        pending.clear();
        return;
    }
    if inner.starts_with(|c: char| c.is_ascii_digit()) && !has_han {
        return;
    }
    if is_count_phrase(inner) {
        // 数字产业化“十大工程”: a count in quotes is named by the word before it
        if let Some(ps) = prefix_word(text, qs) {
            let label = format!("{}{}", &text[ps..qs], &text[qs..qe]);
            out.push(Candidate::rule(ps, qe, &label, class, "quote-prefix", 0.8));
        }
        return;
    }
    // “不行”, “基金”: a head with at most one character before it names nothing
    let head_len = lexicon()
        .quote_heads
        .iter()
        .map(|(w, _)| *w)
        .chain(lexicon().heads.iter().map(|h| h.word))
        .filter(|w| strip_version(inner).ends_with(w))
        .map(|w| w.chars().count())
        .min()
        .unwrap_or(0);
    if strip_version(inner).chars().count() < head_len + 2 {
        return;
    }
    out.push(Candidate::rule(qs, qe, inner, class, "quote", 0.85));
    flush_pending(text, pending, class, out);
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

/// The word of three to six ideographs right before byte `at` (bounded by a
/// break, a function word or a governing word), if it is not all generic.
fn prefix_word(text: &str, at: usize) -> Option<usize> {
    let mut start = at;
    let mut n = 0;
    for (i, c) in text[..at].char_indices().rev() {
        if !is_han(c)
            || lexicon().name_stops.contains(&c)
            || super::text::governs_at(text, i + c.len_utf8())
        {
            break;
        }
        n += 1;
        start = i;
        if n > 6 {
            return None;
        }
    }
    ((3..=6).contains(&n) && !super::text::is_generic(&text[start..at], &|_| false))
        .then_some(start)
}

fn is_count_phrase(s: &str) -> bool {
    // 五个中心, 三大工程: a number and a measure word, not a name
    let mut cs = s.chars();
    let first = cs.next();
    let second = cs.next();
    first.is_some_and(|c| super::numerals::COUNT.contains(c) || c.is_ascii_digit())
        && second.is_some_and(|c| "个大项条类".contains(c))
        && !s.ends_with('条')
}

fn tail_class(after: &str) -> Option<Class> {
    let run: String = after.chars().take_while(|c| is_han(*c)).take(8).collect();
    for (w, c) in &lexicon().quote_tails {
        if let Some(p) = run.find(w) {
            let between = &run[..p];
            // “清锡未来行”系列品牌活动 is an event; “台独”分裂活动 is not
            if *w == "活动"
                && !super::text::is_generic(between, &|x: &str| {
                    lexicon().activity_words.contains(x)
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
    lexicon()
        .quote_tails
        .iter()
        .filter_map(|(w, c)| rest.find(w).map(|p| (p, *c)))
        .min_by_key(|(p, _)| *p)
        .map(|(_, c)| c)
        // “凤鸣高地”等人工智能孵化社区: the head of the category after 等
        .or_else(|| {
            super::heads::head_matcher()
                .find_iter(rest)
                .last()
                .map(|m| lexicon().heads[m.pattern().as_usize()].class)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            // a run of quotes governed by a program verb
            (
                "深入推进“凤鸣揭榜”“青岚双进·找宝”。",
                &["Program:凤鸣揭榜", "Program:青岚双进·找宝"],
            ),
            ("“凤鸣高地”等孵化生态社区", &["Platform:凤鸣高地"]),
            ("持续开展“凤鸣周周见”投资路演活动", &["Event:凤鸣周周见"]),
            ("取得“凤鸣环流三号”首次放电", &["Platform:凤鸣环流三号"]),
            (
                "推进凤鸣产业化“十大工程”，打好“五大战役”",
                &["Program:凤鸣产业化十大工程"],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<String> = quoted_names(text)
                .into_iter()
                .map(|c| format!("{}:{}", c.class, c.label))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
