//! Invariants of extraction on any text: no panic, every mention inside the
//! text with its anchor equal to the text it points at.

use innograph::pipeline::extract_document;
use innograph::read::{read_bytes, Document, Format, ReadOptions};
use innograph::resolve::resolve;
use innograph::store::document_quads;
use innograph::Extractor;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

/// Text built from pieces that exercise the rules: names, heads, quotes, numbers, breaks.
fn policy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "江阴",
        "江阴市",
        "锡山区",
        "科技局局长",
        " 徐飞\n",
        "清华大学",
        "南科大",
        "研究院",
        "产业园",
        "母基金",
        "行动",
        "计划",
        "“",
        "”",
        "、",
        "，",
        "。",
        "\n",
        "等",
        "产业",
        "2024年",
        "超",
        "2700",
        "亿元",
        "家",
        "%",
        "的",
        "推动",
        "中英",
        "中法",
        "国际",
        "中心",
        "沪上",
        "在沪",
        "第三届",
        "大赛",
        "——",
        "来源：",
        "日报",
        "2024-01-31",
        "贷",
        "(",
        ")",
        "（",
        "）",
        "a",
        "5G",
        "\u{3000}",
        "\u{a0}",
        "😀",
        "一二三",
        "个",
        "万平方米",
        "其中",
        "国家级",
        "臺灣",
        "產業園",
        "清華大學",
        "機構",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mentions_point_into_the_text(text in policy_text()) {
        let ex = extractor();
        let doc = Document::from_text("p.txt", Path::new("p.txt"), text.clone());
        let chars: Vec<char> = text.chars().collect();
        let dg = extract_document(ex, &doc);
        for m in &dg.mentions {
            prop_assert!(m.begin < m.end && m.end <= chars.len(), "{m:?}");
            let slice: String = chars[m.begin..m.end].iter().collect();
            prop_assert_eq!(&slice, &m.anchor);
        }
        for o in &dg.observations {
            prop_assert!(o.begin < o.end && o.end <= chars.len());
            let slice: String = chars[o.begin..o.end].iter().collect();
            prop_assert_eq!(&slice, &o.anchor);
            prop_assert!(o.value.parse::<f64>().is_ok(), "{o:?}");
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let ex = extractor();
        let doc = Document::from_text("q.txt", Path::new("q.txt"), text);
        let _ = resolve(&ex.gazetteer, &doc, &ex.extract(&doc));
    }

    /// The fuzz target's invariants on arbitrary bytes through every reader.
    #[test]
    fn arbitrary_bytes_read_and_extract_safely(bytes in prop::collection::vec(any::<u8>(), 0..400), format in 0u8..3) {
        let format = [Format::Text, Format::Html, Format::JsonLines][format as usize];
        if let Ok((docs, _)) = read_bytes(Path::new("r.txt"), &bytes, format, &ReadOptions::default()) {
            for d in docs {
                let dg = extract_document(extractor(), &d);
                let chars: Vec<char> = d.text.chars().collect();
                for m in &dg.mentions {
                    prop_assert!(m.begin <= m.end && m.end <= chars.len());
                    prop_assert_eq!(&chars[m.begin..m.end].iter().collect::<String>(), &m.anchor);
                }
                let _ = document_quads(&dg);
            }
        }
    }
}
