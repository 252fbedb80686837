//! The learned name tagger earns its place: on the district texts of
//! ../shared (bureau summaries, plans, news with officials and reporters),
//! extraction finds more of the gold persons, agencies and enterprises with the
//! tagger than with the dictionaries and rules alone, and finds none of the
//! persons without it.

mod common;

use common::{bin, stdout_of};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

fn district() -> Option<(PathBuf, PathBuf)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let (corpus, gold) = (
        shared.join("corpus/district"),
        shared.join("eval/gold-district"),
    );
    if corpus.is_dir() && gold.is_dir() {
        return Some((corpus, gold));
    }
    assert!(
        std::env::var("CI").is_err(),
        "../shared/corpus/district is required on CI"
    );
    eprintln!("skipping: ../shared/corpus/district is not here");
    None
}

/// (class, label) of every mention extraction reports, per document name.
fn found(corpus: &Path, tagger: bool) -> HashMap<String, HashSet<(String, String)>> {
    let mut cmd = bin();
    cmd.args(["extract", "--format", "json"]);
    if !tagger {
        cmd.arg("--no-tagger");
    }
    let out = stdout_of(cmd.arg(corpus));
    let mut docs = HashMap::new();
    for line in String::from_utf8(out).unwrap().lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        let id = doc["id"].as_str().unwrap().to_string();
        let names = doc["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["class"].as_str().unwrap().to_string(),
                    m["label"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        docs.insert(id, names);
    }
    docs
}

/// Gold entities of `class` found / in gold, over every district document.
fn recall(
    gold: &Path,
    docs: &HashMap<String, HashSet<(String, String)>>,
    class: &str,
) -> (usize, usize) {
    let (mut hit, mut all) = (0, 0);
    for entry in std::fs::read_dir(gold).unwrap() {
        let g: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let doc = g["document"].as_str().unwrap();
        let Some(names) = docs.get(doc) else { continue };
        for e in g["entities"].as_array().unwrap() {
            if !e["types"].as_array().unwrap().iter().any(|t| t == class) {
                continue;
            }
            all += 1;
            let mut labels = vec![e["label"].as_str().unwrap()];
            if let Some(aliases) = e["aliases"].as_array() {
                labels.extend(aliases.iter().filter_map(Value::as_str));
            }
            if labels
                .iter()
                .any(|l| names.contains(&(class.to_string(), l.to_string())))
            {
                hit += 1;
            }
        }
    }
    (hit, all)
}

#[test]
fn the_tagger_adds_people_agencies_and_companies_on_district_texts() {
    let Some((corpus, gold)) = district() else {
        return;
    };
    let with = found(&corpus, true);
    let without = found(&corpus, false);
    assert!(with.len() >= 20, "extract read {} documents", with.len());
    let mut gained = 0;
    for class in ["Person", "Agency", "Enterprise"] {
        let (a, n) = recall(&gold, &with, class);
        let (b, _) = recall(&gold, &without, class);
        eprintln!("{class}: {a} of {n} with the tagger, {b} without");
        assert!(a >= b, "{class}: the tagger lost names ({a} < {b} of {n})");
        gained += a - b;
        if class == "Person" {
            // the rules alone know persons only after a title; the tagger finds
            // most of them
            assert!(a * 2 >= n, "Person: {a} of {n} with the tagger");
        }
    }
    assert!(gained >= 10, "the tagger added {gained} gold names");
}
