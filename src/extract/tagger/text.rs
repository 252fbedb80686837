//! Text preparation shared by training and tagging: cutting text into pieces,
//! folding character variants, and character classes.

/// Longest piece the decoder sees, in characters. Viterbi is linear, so this
/// only bounds the work buffers and keeps one pathological line (a table
/// flattened into one line) from holding a long buffer.
pub(crate) const MAX_PIECE_CHARS: usize = 500;

/// Characters after which a piece ends. Names never run across them.
fn is_piece_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r')
}

/// Byte ranges of the pieces of `text`: cut after sentence ends and otherwise
/// every `max_chars` characters. The ranges cover the text without gaps.
pub(crate) fn pieces(text: &str, max_chars: usize) -> Vec<(usize, usize)> {
    let max_chars = max_chars.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, c) in text.char_indices() {
        count += 1;
        if is_piece_end(c) || count >= max_chars {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
            count = 0;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The form of a character the features see: full-width ASCII folded to
/// ASCII, Latin letters lower-cased and every digit read as 0, since neither
/// width, case nor the value of a digit tells what kind of name is near.
pub(crate) fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    };
    if c.is_ascii_digit() {
        '0'
    } else {
        c.to_ascii_lowercase()
    }
}

/// Character classes; the class of a neighbour carries what a character
/// unseen in training cannot (a Latin brand name, a digit before 年).
pub(crate) const N_CLASSES: usize = 7;
/// The class of the padding before and after a piece.
pub(crate) const PAD_CLASS: u8 = 6;

pub(crate) fn class(c: char) -> u8 {
    match c {
        '0'..='9' => 1,
        'a'..='z' | 'A'..='Z' => 2,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}' => 0,
        c if c.is_whitespace() || c.is_control() => 4,
        c if c.is_ascii_punctuation() || ('\u{3000}'..='\u{303F}').contains(&c) => 3,
        '\u{FF00}'..='\u{FFEF}' | '\u{2000}'..='\u{206F}' => 3,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text() {
        let table: &[(&str, usize, &[&str])] = &[
            ("", 500, &[]),
            ("甲乙", 500, &["甲乙"]),
            ("甲。乙！", 500, &["甲。", "乙！"]),
            ("甲乙丙丁戊", 2, &["甲乙", "丙丁", "戊"]),
            ("a\nb\r\n", 500, &["a\n", "b\r", "\n"]),
            ("x", 0, &["x"]),
        ];
        for &(text, max, want) in table {
            let got: Vec<&str> = pieces(text, max)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn folding() {
        let table = [
            ('Ａ', 'a'),
            ('５', '0'),
            ('7', '0'),
            ('B', 'b'),
            ('　', ' '),
            ('京', '京'),
            ('，', ','),
            ('、', '、'),
        ];
        for (c, want) in table {
            assert_eq!(fold(c), want, "{c}");
        }
    }

    #[test]
    fn classes() {
        let table = [
            ('京', 0),
            ('0', 1),
            ('x', 2),
            ('，', 3),
            ('。', 3),
            (',', 3),
            (' ', 4),
            ('\u{7}', 4),
            ('😀', 5),
        ];
        for (c, want) in table {
            assert_eq!(class(c), want, "{c}");
            assert!((class(c) as usize) < N_CLASSES);
        }
    }
}
