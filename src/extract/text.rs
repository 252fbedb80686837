//! Character classes and word lists shared by the extraction rules.
//!
//! These are facts of the Chinese language as policy texts use it (verbs that
//! govern a name, function words, generic policy vocabulary), not names.

use super::lexicon::lexicon;

/// Is `c` a CJK ideograph?
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Characters that may stand inside a name besides ideographs.
pub fn is_name_char(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            '·' | '•' | '+' | '.' | '—' | '-' | '－' | '（' | '）' | '(' | ')' | '“' | '”' | '"'
        )
}

/// Punctuation and spaces that always end a name.
pub fn is_hard_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | '、'
                | '！'
                | '？'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '《'
                | '》'
                | '【'
                | '】'
                | '「'
                | '」'
                | '\u{3000}'
                | '…'
                | '|'
                | '/'
                | '／'
        )
}

/// Does `s` end with a governing word (data/lexicon/governing.txt)?
pub fn ends_with_governing(s: &str) -> bool {
    // hashed suffixes instead of a scan of the list: this runs for every
    // character left of every head word
    lexicon().governing.suffix_of(s)
}

/// Is `c` a function word that ends a name to its left (data/lexicon/function_words.tsv)?
pub fn is_left_stop(c: char) -> bool {
    lexicon().left_stops.contains(&c)
}

/// Does a governing word end at byte `pos` of `text`, one that is not the
/// start of a name such as 联合国 (data/lexicon/names_led_by_a_verb.txt)?
pub fn governs_at(text: &str, pos: usize) -> bool {
    let (before, after) = text.split_at(pos);
    ends_with_governing(before)
        && !lexicon().names_led_by_a_verb.iter().any(|n| {
            n.char_indices()
                .skip(1)
                .any(|(k, _)| before.ends_with(&n[..k]) && after.starts_with(&n[k..]))
        })
}

/// Does `s` begin with a governing word (and not with a name such as 联合国)?
pub fn starts_with_governing(s: &str) -> bool {
    let lx = lexicon();
    if lx.names_led_by_a_verb.iter().any(|n| s.starts_with(n)) {
        return false;
    }
    lx.governing.longest_prefix_of(s).is_some()
}

/// The longest governing word `s` begins with.
pub fn governing_prefix(s: &str) -> Option<&'static str> {
    lexicon().governing.longest_prefix_of(s)
}

fn is_generic_word(w: &str) -> bool {
    lexicon().generic.contains(w)
}

/// Splits `s` greedily into known words; true when every character is covered
/// by generic words (data/lexicon/generic.txt), `extra` words (industries) or digits.
pub fn is_generic(s: &str, extra: &dyn Fn(&str) -> bool) -> bool {
    let kept: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”'
                    | '"'
                    | '、'
                    | '·'
                    | '（'
                    | '）'
                    | '('
                    | ')'
                    | '及'
                    | '和'
                    | '与'
                    | '—'
                    | '-'
            )
        })
        .collect();
    // char boundaries, so that candidate words are slices, not new strings
    let bounds: Vec<usize> = kept
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(kept.len()))
        .collect();
    let n = bounds.len() - 1;
    let mut i = 0;
    'outer: while i < n {
        if kept.as_bytes()[bounds[i]].is_ascii_digit() {
            i += 1;
            continue;
        }
        for len in (1..=(n - i).min(8)).rev() {
            let w = &kept[bounds[i]..bounds[i + len]];
            if is_generic_word(w) || (len >= 2 && extra(w)) {
                i += len;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// Converts byte offsets into code-point offsets for one text, in increasing order.
pub struct CharIndex {
    /// byte offset of each char boundary, in order
    bounds: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bounds.push(text.len());
        CharIndex { bounds }
    }

    /// The code-point offset of a byte offset on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.bounds.partition_point(|&b| b < byte)
    }
}

/// The char just before byte `at`.
pub fn prev_char(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

/// The char at byte `at`.
pub fn next_char(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

/// Canonical label of a name: quotes removed, ASCII parentheses and dashes made
/// full-width, a leading ordinal (第五届) or year (2024, 2024年) dropped.
pub fn canonical_label(s: &str) -> String {
    let mut t: String = s
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」' | '《' | '》'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '-' | '－' | '–' | '―' => '—',
            '•' => '·',
            c => c,
        })
        .collect();
    loop {
        let before = t.clone();
        if let Some(rest) = strip_ordinal(&t) {
            t = rest;
        }
        if let Some(rest) = strip_year(&t) {
            t = rest;
        }
        if t == before {
            break;
        }
    }
    // 国家级重大人才工程 is 国家重大人才工程
    if let Some(rest) = t.strip_prefix("国家级") {
        if rest.chars().count() >= 4 {
            t = format!("国家{rest}");
        }
    }
    t.trim().to_string()
}

fn strip_ordinal(t: &str) -> Option<String> {
    let rest = t.strip_prefix('第')?;
    let n = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || super::numerals::ORDINAL.contains(*c))
        .count();
    if n == 0 {
        return None;
    }
    let after: String = rest.chars().skip(n).collect();
    let after = after
        .strip_prefix('届')
        .or_else(|| after.strip_prefix('期'))?;
    (after.chars().count() >= 2).then(|| after.to_string())
}

fn strip_year(t: &str) -> Option<String> {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 {
        return None;
    }
    let rest: String = t.chars().skip(4).collect();
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
        .unwrap_or(&rest);
    (rest.chars().count() >= 3 && rest.chars().next().is_some_and(is_han)).then(|| rest.to_string())
}

/// The bounds of the stretch around `[start, end)` that no character of
/// `stops` breaks: the clause or sentence a span sits in.
pub fn enclosing(text: &str, start: usize, end: usize, stops: &[char]) -> (usize, usize) {
    let s = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| stops.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let e = text[end..].find(stops).map_or(text.len(), |i| end + i);
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_labels() {
        for (input, want) in [
            ("“霞客杯”创新创业大赛", "霞客杯创新创业大赛"),
            ("第五届宜兴太湖湾精英挑战赛", "宜兴太湖湾精英挑战赛"),
            ("2024宜兴国际科创英才节", "宜兴国际科创英才节"),
            ("长三角(江阴)数字创新港", "长三角（江阴）数字创新港"),
            (
                "宜兴-上海(卓易)人才科创飞地",
                "宜兴—上海（卓易）人才科创飞地",
            ),
            (
                "第三届无锡锡山大院大所合作发展大会",
                "无锡锡山大院大所合作发展大会",
            ),
            ("锡山英才计划3.0", "锡山英才计划3.0"),
            ("5G", "5G"),
        ] {
            assert_eq!(canonical_label(input), want, "{input}");
        }
    }

    #[test]
    fn generic_names_are_recognised() {
        let industries = |w: &str| ["医疗器械", "生命健康", "数字经济"].contains(&w);
        for (input, want) in [
            ("科创企业引育攻坚行动", true),
            ("综合性专业化科创平台", true),
            ("医疗器械", true),
            ("霞客之光", false),
            ("培源科学城", false),
            ("梁溪科技城", false),
        ] {
            assert_eq!(is_generic(input, &industries), want, "{input}");
        }
    }

    #[test]
    fn governing_words_at_either_end() {
        for (input, starts, ends) in [
            ("推动凤鸣科学城", true, false),
            ("凤鸣计划", false, true),
            ("更名为", true, true),
            ("凤鸣计划入列", false, true),
            ("推", false, false),
            ("", false, false),
            ("凤鸣科学城", false, false),
            ("联合国大会", false, false),
        ] {
            assert_eq!(starts_with_governing(input), starts, "{input}");
            assert_eq!(ends_with_governing(input), ends, "{input}");
        }
        // 联合 before 国 is the name 联合国, before 攻关 a verb
        assert!(!governs_at("举办联合国大会", "举办联合".len()));
        assert!(governs_at("开展联合攻关", "开展联合".len()));
    }

    #[test]
    fn char_offsets() {
        let s = "a江阴b";
        let idx = CharIndex::new(s);
        assert_eq!(idx.char_offset(0), 0);
        assert_eq!(idx.char_offset(1), 1);
        assert_eq!(idx.char_offset(4), 2);
        assert_eq!(idx.char_offset(7), 3);
        assert_eq!(idx.char_offset(8), 4);
    }
}
