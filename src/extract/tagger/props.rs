//! Property tests: tagging any text is safe and gives well-formed spans.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::corpus::Example;
use super::features::Templates;
use super::labels::Kind;
use super::lexicon::{Lexicon, Sources};
use super::runtime::Tagger;
use super::train::{train, Corpus, TrainConfig};

/// A small model with every template on, trained on made-up sentences.
fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| {
        let lexicon = Lexicon::from_sources(&Sources {
            surnames: "王 李 欧阳",
            divisions: "code\tname\taliases\n1\t江阴市\t江阴\n",
            roles: "局长\n",
            ..Sources::default()
        });
        let mut examples = Vec::new();
        for (i, name) in ["王明", "李红", "欧阳伟", "王小军"].iter().enumerate() {
            for city in ["江阴市", "宜兴市"] {
                let text = format!("{city}科技局局长{name}说，第{i}季度很好。");
                let n = name.chars().count();
                examples.push(Example {
                    text,
                    spans: vec![(0, 6, Kind::Organization), (8, 8 + n, Kind::Person)],
                });
            }
        }
        let cfg = TrainConfig {
            epochs: 3,
            min_count: [1, 1],
            templates: Templates {
                dictionary: true,
                ..Templates::default()
            },
            ..TrainConfig::default()
        };
        Tagger::new(train(
            &cfg,
            &lexicon,
            &[Corpus {
                name: "toy".into(),
                examples,
                weight: 1.0,
            }],
        ))
    })
}

fn check(text: &str) {
    let spans = tagger().tag(text);
    let mut last = 0;
    for s in &spans {
        assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?}"
        );
        assert!(s.start >= last, "overlap or disorder: {spans:?}");
        assert!((0.0..=1.0).contains(&s.score), "{s:?}");
        last = s.end;
    }
}

#[test]
fn the_toy_model_finds_names() {
    let text = "江阴市科技局局长王明说";
    let got: Vec<&str> = tagger()
        .tag(text)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(got, vec!["江阴市科技局", "王明"]);
}

#[test]
fn edge_cases() {
    for text in [
        "",
        "\0",
        "\u{7}\u{1b}[0m",
        "😀😀王明",
        "abc",
        "。。。",
        "\n\r\n",
        "局长王",
    ] {
        check(text);
    }
    check(&"江阴市科技局局长王明说".repeat(300));
    check(&"王".repeat(5000));
}

/// The toy model's file bytes.
fn model_bytes() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| {
        let lexicon = Lexicon::from_sources(&Sources {
            surnames: "王",
            ..Sources::default()
        });
        let examples = vec![Example {
            text: "王明说".into(),
            spans: vec![(0, 2, Kind::Person)],
        }];
        let cfg = TrainConfig {
            epochs: 1,
            min_count: [1, 1],
            ..TrainConfig::default()
        };
        train(
            &cfg,
            &lexicon,
            &[Corpus {
                name: "toy".into(),
                examples,
                weight: 1.0,
            }],
        )
        .to_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A damaged model file is an error or a working tagger, never a panic.
    #[test]
    fn damaged_model_files(at in 0usize..4096, byte in any::<u8>(), cut in 0usize..4096) {
        let mut b = model_bytes().to_vec();
        let at = at % b.len();
        b[at] = byte;
        b.truncate(cut.max(at + 1));
        if let Ok(t) = Tagger::from_bytes(&b) {
            t.tag("王明说，江阴市");
        }
    }

    /// Damage inside the compressed payload: re-compress a mutated payload.
    #[test]
    fn garbage_payloads(payload in proptest::collection::vec(any::<u8>(), 0..512)) {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new([&b"INNOTAG"[..], &[super::model::VERSION]].concat(), flate2::Compression::fast());
        z.write_all(&payload).unwrap();
        let b = z.finish().unwrap();
        if let Ok(t) = Tagger::from_bytes(&b) {
            t.tag("王明说");
        }
    }

    #[test]
    fn any_text(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn chinese_like_text(text in "[江阴市科技局长王明李红说，。a-z0-9 😀\\n]{0,1200}") {
        check(&text);
    }
}
