//! Traditional characters read as simplified, one character for one, so
//! that code-point offsets into the simplified text hold for the original.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/traditional_simplified.tsv");

/// The conversion table, with a bitmap of the characters it converts: the
/// common case, a text with no traditional character, is one bit test per
/// character instead of one hash lookup.
struct Table {
    map: HashMap<char, char>,
    bits: Vec<u64>,
}

impl Table {
    fn converts(&self, c: char) -> bool {
        let i = c as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

fn table() -> &'static Table {
    static TABLE_MAP: OnceLock<Table> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        let map: HashMap<char, char> = TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let t = f.next()?.chars().next()?;
                let s = f.next()?.chars().next()?;
                Some((t, s))
            })
            .collect();
        let top = map.keys().map(|&c| c as usize).max().unwrap_or(0);
        let mut bits = vec![0u64; top / 64 + 1];
        for &c in map.keys() {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        Table { map, bits }
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
    // ASCII is never traditional: skip it bytewise
    if !text.chars().any(|c| !c.is_ascii() && t.converts(c)) {
        return None;
    }
    Some(
        text.chars()
            .map(|c| if t.converts(c) { t.map[&c] } else { c })
            .collect(),
    )
}
