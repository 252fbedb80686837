//! Invariants of extraction on any text: no panic, every mention inside the
//! text with its anchor equal to the text it points at.

use innograph::read::Document;
use innograph::resolve::resolve;
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
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mentions_point_into_the_text(text in policy_text()) {
        let ex = extractor();
        let doc = Document::from_text("p.txt", Path::new("p.txt"), text.clone());
        let extraction = ex.extract(&doc);
        let chars: Vec<char> = text.chars().collect();
        let dg = resolve(&ex.gazetteer, &doc, &extraction);
        for m in &dg.mentions {
            prop_assert!(m.begin < m.end && m.end <= chars.len(), "{m:?}");
            let slice: String = chars[m.begin..m.end].iter().collect();
            prop_assert_eq!(&slice, &m.anchor);
        }
        for o in &dg.observations {
            prop_assert!(o.begin < o.end && o.end <= chars.len());
            prop_assert!(o.value.parse::<f64>().is_ok(), "{o:?}");
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let ex = extractor();
        let doc = Document::from_text("q.txt", Path::new("q.txt"), text);
        let _ = resolve(&ex.gazetteer, &doc, &ex.extract(&doc));
    }
}
