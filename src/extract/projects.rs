//! Named investment projects (凤鸣时代8英寸半导体项目): an investor and an industry before 项目.

use super::coordination::{conjuncts_before, quantifier_before};
use super::lexicon::lexicon;
use super::text::is_han;
use super::Candidate;
use crate::class::Class;

/// Named investment projects: a company or place and what it makes, then 项目
/// (凤鸣时代8英寸半导体项目, 青岚新材料项目). 项目 alone is too plain a head: a
/// project counts as named only when its modifier holds an industry and
/// something no list knows (the investor), no other head word (国家重点研发计划项目
/// is the plan's), no quote or plus sign (“揭榜挂帅”项目, 基金+项目), and does not
/// end in a grade (集成电路重点项目).
pub fn project_names(
    text: &str,
    has_industry: &dyn Fn(&str) -> Option<(usize, usize)>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (hs, _) in text.match_indices("项目") {
        let he = hs + "项目".len();
        if text[he..].starts_with(['库', '化']) {
            continue;
        }
        let Some(start) =
            super::heads::name_start(text, hs).and_then(|st| super::heads::trim_name(text, st, hs))
        else {
            continue;
        };
        let modifier = &text[start..hs];
        if quantifier_before(text, start) || !project_modifier(modifier, has_industry) {
            continue;
        }
        out.push(Candidate::rule(
            start,
            he,
            &text[start..he],
            Class::Program,
            "project",
            0.7,
        ));
    }
    // 凤鸣8英寸半导体、青岚动力电池扩产等(重大)项目投产: each conjunct is a project
    for (at, _) in text.match_indices('等') {
        let after = &text[at + '等'.len_utf8()..];
        let grade = lexicon()
            .quality
            .longest_prefix_of(after)
            .map_or(0, str::len);
        if !after[grade..].starts_with("项目") {
            continue;
        }
        let list = conjuncts_before(text, at + '等'.len_utf8(), 14);
        if !list.closed_by_deng || list.quantified {
            continue;
        }
        for c in &list.conjuncts {
            let item = &text[c.start..c.end];
            if project_modifier(item, has_industry) {
                let mut cand = Candidate::rule(
                    c.start,
                    c.end,
                    &format!("{item}项目"),
                    Class::Program,
                    "coordination",
                    0.7,
                );
                cand.label = super::text::canonical_label(&format!("{item}项目"));
                out.push(cand);
            }
        }
    }
    out
}

/// Is this the modifier of a named project: an industry and an investor before it?
fn project_modifier(modifier: &str, has_industry: &dyn Fn(&str) -> Option<(usize, usize)>) -> bool {
    let lx = lexicon();
    if modifier.contains(['“', '”', '+', '＋'])
        || modifier.contains("项目")
        || lx.heads.iter().any(|h| modifier.contains(h.word))
        || lx.quality.suffix_of(modifier)
        || super::text::starts_with_governing(modifier)
    {
        return false;
    }
    let Some((is, _)) = has_industry(modifier) else {
        return false;
    };
    let investor = &modifier[..is];
    investor.chars().filter(|c| is_han(*c)).count() >= 2
        && !super::text::is_generic(investor, &|_| false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_projects() {
        let industry = |s: &str| {
            ["半导体", "新材料", "集成电路", "动力电池"]
                .iter()
                .find_map(|w| s.find(w).map(|i| (i, i + w.len())))
        };
        let got: Vec<String> = project_names(
            "凤鸣时代8英寸半导体项目、青岚化学新材料项目建成，获评国家重点研发计划项目，推进集成电路重点项目，有效承接优质科技项目。白鹭8英寸半导体、青岚动力电池扩产等项目投产",
            &industry,
        )
        .into_iter()
        .map(|c| c.label)
        .collect();
        assert_eq!(
            got,
            [
                "凤鸣时代8英寸半导体项目",
                "青岚化学新材料项目",
                "白鹭8英寸半导体项目",
                "青岚动力电池扩产项目"
            ]
        );
    }
}
