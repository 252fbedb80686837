//! Detecting and decoding the text encodings of Chinese documents.

/// The encodings innograph recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

/// Decodes bytes to text: a BOM wins; then valid UTF-8; then GB18030 (a superset
/// of GBK) or Big5, whichever decodes without errors into more common Chinese.
///
/// Returns an error message for binary data (NUL bytes, or no encoding fits).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[len..]);
        if had_errors {
            return Err(format!(
                "invalid {} text after its byte-order mark",
                enc.name()
            ));
        }
        let e = if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if enc == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        };
        return Ok((text.into_owned(), e));
    }
    // UTF-16 without a byte-order mark (Windows' "Unicode" without one, some
    // exports): read as GB18030 it becomes mojibake that no later check
    // notices, so it is tried first, and taken only when nearly every character
    // it gives is Chinese, ASCII or common punctuation.
    if let Some(found) = utf16_without_bom(bytes) {
        return found;
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file (contains NUL bytes), not text".into());
    }
    let bad_utf8 = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_string(), Encoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    let (gb, _, gb_err) = encoding_rs::GB18030.decode(bytes);
    let (big5, _, big5_err) = encoding_rs::BIG5.decode(bytes);
    match (gb_err, big5_err) {
        (false, true) => Ok((gb.into_owned(), Encoding::Gb18030)),
        (true, false) => Ok((big5.into_owned(), Encoding::Big5)),
        (false, false) => {
            // Both decode: GBK text read as Big5 gives rarer characters.
            if common_share(&gb) >= common_share(&big5) {
                Ok((gb.into_owned(), Encoding::Gb18030))
            } else {
                Ok((big5.into_owned(), Encoding::Big5))
            }
        }
        (true, true) => Err(format!(
            "not text in a known encoding: invalid UTF-8 at byte {bad_utf8}, and not GBK/GB18030 or Big5 either"
        )),
    }
}

/// UTF-16 without a BOM: `Some(Ok)` when one byte order decodes into
/// plausible text, `Some(Err)` when the NUL bytes sit where UTF-16 puts them
/// (every other byte) but neither order decodes into text, `None` otherwise.
///
/// Valid UTF-8 without NUL bytes is never taken for UTF-16: two ASCII letters
/// make one CJK character in UTF-16 (`ab` is 扡), so ASCII text would pass.
fn utf16_without_bom(bytes: &[u8]) -> Option<Result<(String, Encoding), String>> {
    let sample = &bytes[..bytes.len().min(8192)];
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if nul_even + nul_odd == 0 && std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    // NUL bytes on one side only are the ASCII characters of UTF-16 text, and
    // the side is the byte order (the high byte comes second in little-endian).
    // The order must come from them: ASCII read in the wrong order gives
    // U+4100–U+7A00, CJK ideographs that would pass for text.
    let orders: &[(&'static encoding_rs::Encoding, Encoding)] = match (nul_even, nul_odd) {
        (0, 0) => &[
            (encoding_rs::UTF_16LE, Encoding::Utf16Le),
            (encoding_rs::UTF_16BE, Encoding::Utf16Be),
        ],
        (0, _) => &[(encoding_rs::UTF_16LE, Encoding::Utf16Le)],
        (_, 0) => &[(encoding_rs::UTF_16BE, Encoding::Utf16Be)],
        // NUL bytes on both sides: binary, not UTF-16
        _ => return None,
    };
    let laid_out_as_utf16 = nul_even + nul_odd > 0;
    if bytes.len() % 2 == 0 && bytes.len() >= 4 {
        let mut best: Option<(f64, String, Encoding)> = None;
        for &(enc, e) in orders {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors {
                continue;
            }
            let share = text_share(&text);
            if share >= 0.95 && best.as_ref().is_none_or(|b| share > b.0) {
                best = Some((share, text.into_owned(), e));
            }
        }
        if let Some((_, text, e)) = best {
            return Some(Ok((text, e)));
        }
    }
    laid_out_as_utf16.then(|| {
        Err("looks like UTF-16 without a byte-order mark (NUL in every other byte) but does not decode as UTF-16 text; save it as UTF-8".to_string())
    })
}

/// Share of characters that Chinese text in any encoding is made of: CJK
/// ideographs, ASCII letters, digits and white space, CJK and general
/// punctuation, full-width forms. Text decoded in the wrong encoding spreads
/// over the whole of Unicode (Hangul, Yi, private use) and stays far below.
fn text_share(s: &str) -> f64 {
    let total = s.chars().count().max(1);
    let hits = s
        .chars()
        .filter(|&c| {
            matches!(c, '\n' | '\r' | '\t' | ' '..='~' | '\u{a0}'..='\u{ff}'
                | '\u{2000}'..='\u{206f}' | '\u{2460}'..='\u{24ff}'
                | '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}'
                | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
        })
        .count();
    hits as f64 / total as f64
}

/// Share of characters among very frequent Chinese characters and ASCII.
fn common_share(s: &str) -> f64 {
    const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
    let total = s.chars().count().max(1);
    let hits = s
        .chars()
        .filter(|c| c.is_ascii() || COMMON.contains(*c))
        .count();
    hits as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_gbk_big5_and_rejects_binary() {
        let text = "江阴市科技局局长徐飞表示，高新技术企业超1000家。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (big5, _, _) = encoding_rs::BIG5.encode("臺灣的科技產業發展很快，我們是研究機構。");
        let cases: Vec<(&[u8], Result<Encoding, ()>)> = vec![
            (text.as_bytes(), Ok(Encoding::Utf8)),
            (&gbk, Ok(Encoding::Gb18030)),
            (&big5, Ok(Encoding::Big5)),
            (b"\x00\x01\x02binary", Err(())),
            (b"\xEF\xBB\xBFhello", Ok(Encoding::Utf8)),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes).map(|(_, e)| e).map_err(|_| ());
            assert_eq!(got, want, "{bytes:?}");
        }
        assert_eq!(decode(&gbk).unwrap().0, text);
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_a_bom_is_read_and_ascii_stays_utf8() {
        // with ASCII (NUL bytes) and without (pure Chinese, no NUL at all)
        for text in [
            "2025年江阴市科技工作要点\n力争新增高新技术企业200家。\n",
            "江阴市将深化与清华大学的合作，建设江阴科技城。",
        ] {
            for (big_endian, want) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
                let got = decode(&utf16(text, big_endian)).unwrap();
                assert_eq!(got, (text.to_string(), want), "{text} {big_endian}");
            }
        }
        // ASCII is UTF-8, though its bytes also decode as UTF-16 CJK
        assert_eq!(
            decode(b"abcdefgh").unwrap(),
            ("abcdefgh".to_string(), Encoding::Utf8)
        );
        // GBK text stays GBK
        let (gbk, _, _) =
            encoding_rs::GBK.encode("江阴市科技局局长徐飞表示，高新技术企业超1000家。");
        assert_eq!(decode(&gbk).unwrap().1, Encoding::Gb18030);
        // NUL in every other byte, but no text either way: refused as UTF-16
        let mut bad = utf16("ab", false);
        bad.extend_from_slice(&[0x01, 0xd8, 0x41, 0x00]);
        let err = decode(&bad).unwrap_err();
        assert!(err.contains("UTF-16 without a byte-order mark"), "{err}");
    }
}
