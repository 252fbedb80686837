//! Whether a head-word phrase is a proper name or a category (省级科技计划),
//! and whether a name is local to the division that speaks: asked of every
//! head-word name, by the head-word pass and by coordination (a head shared by
//! a list of conjuncts).

use super::lexicon::Head;
use super::text::{is_generic, is_han};
use crate::class::Class;

/// Is a head-word name with this modifier a name, and is it local to its
/// division (`Some(scoped)`), or a category (`None`)?
pub(super) fn properness(
    modifier: &str,
    head: &Head,
    is_industry: &dyn Fn(&str) -> bool,
) -> Option<bool> {
    // 国家重点研发计划: a national name is proper however plain its words
    // 省产业技术研究院: the province's own one, as proper as a national name
    let national = ["国家级", "国家", "中国", "全国", "省", "市"]
        .iter()
        .find_map(|w| modifier.trim_start_matches('“').strip_prefix(w))
        .is_some_and(|rest| {
            rest.chars().count() >= 4 && !rest.starts_with(['级', '域', '内', '属', '直'])
        });
    // “基础研究特区”计划: a quoted brand is proper whatever its words
    let quoted = modifier.starts_with('“') && modifier.contains('”');
    let pure_generic = !national && !quoted && is_generic(modifier, &|_| false);
    let han = modifier.chars().filter(|c| is_han(*c)).count();
    let short = han < 4;
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
            | Class::Enterprise
            | Class::FinancialInstitution
    );
    if pure_generic && (short || (!campaign && categorical)) {
        return None;
    }
    // industries only add words: generic without them is generic with them
    Some(!national && (pure_generic || is_generic(modifier, is_industry)))
}
