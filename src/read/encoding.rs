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
}
