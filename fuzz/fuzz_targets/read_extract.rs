//! Reading + extraction on arbitrary bytes: no panic, every mention and figure
//! inside the text, its anchor equal to the text between its offsets.
#![no_main]

use innograph::pipeline::extract_document;
use innograph::read::{read_bytes, Format, ReadOptions};
use innograph::store::document_quads;
use innograph::Extractor;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    // the first byte picks the format, so one corpus covers all three readers
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => Format::Text,
        1 => Format::Html,
        _ => Format::JsonLines,
    };
    let Ok((docs, _errors)) = read_bytes(
        Path::new("fuzz.txt"),
        bytes,
        format,
        &ReadOptions::default(),
    ) else {
        return;
    };
    for d in docs {
        let dg = extract_document(extractor(), &d);
        let chars: Vec<char> = d.text.chars().collect();
        for m in &dg.mentions {
            assert!(
                m.begin <= m.end && m.end <= chars.len(),
                "mention {}..{} outside {}",
                m.begin,
                m.end,
                chars.len()
            );
            assert_eq!(m.anchor, chars[m.begin..m.end].iter().collect::<String>());
        }
        for o in &dg.observations {
            assert!(o.begin <= o.end && o.end <= chars.len());
            assert_eq!(o.anchor, chars[o.begin..o.end].iter().collect::<String>());
        }
        let _ = document_quads(&dg);
    }
});
