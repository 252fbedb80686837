//! Traditional characters read as simplified, one character for one, so
//! that code-point offsets into the simplified text hold for the original.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/traditional_simplified.tsv");

fn table() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let t = f.next()?.chars().next()?;
                let s = f.next()?.chars().next()?;
                Some((t, s))
            })
            .collect()
    })
}

/// The text with traditional characters replaced by their simplified forms,
/// or `None` when it has none. The result has as many characters as the input.
///
/// # Example
/// ```
/// use innograph::read::to_simplified;
/// assert_eq!(to_simplified("臺灣科技產業").as_deref(), Some("台湾科技产业"));
/// assert_eq!(to_simplified("江阴市"), None);
/// ```
pub fn to_simplified(text: &str) -> Option<String> {
    let t = table();
    if !text.chars().any(|c| t.contains_key(&c)) {
        return None;
    }
    Some(text.chars().map(|c| *t.get(&c).unwrap_or(&c)).collect())
}
