//! Full-width digits and letters read as ASCII (２００１年 → 2001年, ７．３％ → 7.3%),
//! one character for one, so that offsets into the copy are offsets into the
//! original.

/// `text` with full-width digits, Latin letters and ％ folded to ASCII, and a
/// full-width ． between digits to `.`; `None` when there is nothing to fold.
/// Chinese punctuation (，：；（）) stays: the rules read it.
pub fn fold_width(text: &str) -> Option<String> {
    let wide = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．');
    if !text.chars().any(wide) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    let out = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '．' if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) => '.',
            '．' => c,
            c if wide(c) => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_one_for_one() {
        for (input, want) in [
            (
                "２００１年国内生产总值比上年增长７．３％",
                Some("2001年国内生产总值比上年增长7.3%"),
            ),
            ("ＡＩ产业", Some("AI产业")),
            ("句末．（注）", Some("句末．（注）")),
            ("没有全角", None),
        ] {
            let got = fold_width(input);
            assert_eq!(got.as_deref(), want, "{input}");
            if let Some(g) = got {
                assert_eq!(g.chars().count(), input.chars().count());
            }
        }
    }
}
