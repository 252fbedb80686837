//! The analyses and graph files on the sample corpus, cross-checked with
//! networkx and validated against the GEXF schema.

mod common;

use common::{bin, check, stdout_of, tool_available as available};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// One store of the sample corpus shared by the tests (they only read it).
fn store() -> &'static Path {
    static STORE: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = STORE.get_or_init(|| {
        let tmp = TempDir::new().unwrap();
        let store = tmp.path().join("store");
        bin()
            .arg("ingest")
            .arg("--store")
            .arg(&store)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample"))
            .assert()
            .success();
        (tmp, store)
    });
    p
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = stdout_of(
        bin()
            .args(args)
            .arg("--store")
            .arg(store())
            .args(["--format", "json"]),
    );
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn centrality_and_communities_match_networkx() {
    if !available("python3", &["-c", "import networkx"]) {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/networkx_crosscheck.py");
    let binary = assert_cmd::cargo::cargo_bin("innograph");
    let report = check(
        "python3",
        &[
            script.as_os_str(),
            binary.as_os_str(),
            store().as_os_str(),
            tmp.path().as_os_str(),
        ],
    );
    eprintln!("{report}");
}

#[test]
fn pagerank_ranks_with_class_filter_and_top() {
    let v = json(&[
        "analyze",
        "centrality",
        "--metric",
        "pagerank",
        "--class",
        "Institution",
        "--top",
        "3",
    ]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r["type"] == "Institution"), "{v}");
    assert!(rows[0]["score"].as_f64().unwrap() >= rows[2]["score"].as_f64().unwrap());
    // 南京大学: named by three districts of the sample (two in the bureau summary)
    assert_eq!(rows[0]["label"], "南京大学", "{v}");
}

#[test]
fn similar_divisions_name_what_they_share() {
    let v = json(&["analyze", "similar", "新北"]);
    let rows = v.as_array().unwrap();
    let liangxi = rows
        .iter()
        .find(|r| r["label"] == "梁溪区")
        .expect("梁溪区 shares 清华大学 with 新北区");
    assert!(
        liangxi["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "清华大学"),
        "{liangxi}"
    );
    let j = liangxi["jaccard"].as_f64().unwrap();
    assert!(j > 0.0 && j <= 1.0);
    // nested divisions share by construction and are left out
    assert!(rows.iter().all(|r| r["label"] != "常州市"), "{v}");
}

#[test]
fn profile_lists_programs_officials_and_figures_with_sources() {
    let v = json(&["analyze", "profile", "武进"]);
    let rows = v.as_array().unwrap();
    let has = |section: &str, item: &str| {
        rows.iter()
            .find(|r| r["section"] == section && r["item"].as_str().unwrap().contains(item))
    };
    let program = has("programs", "武进英才计划").expect("武进英才计划");
    assert_eq!(program["sources"][0], "changzhou-districts-2025.txt");
    let official = has("officials", "王明").expect("王明");
    assert!(
        official["detail"].as_str().unwrap().contains("局长"),
        "{official}"
    );
    let figures: Vec<&str> = rows
        .iter()
        .filter(|r| r["section"] == "figures")
        .map(|r| r["detail"].as_str().unwrap())
        .collect();
    assert!(
        figures
            .iter()
            .any(|d| d.contains("2024") && d.contains("actual") && d.contains("900")),
        "{figures:?}"
    );
    assert!(
        figures
            .iter()
            .any(|d| d.contains("2025") && d.contains("target") && d.contains("2000")),
        "{figures:?}"
    );
}

#[test]
fn path_gives_each_hop_with_its_sentence() {
    let v = json(&["analyze", "path", "清华", "锡山"]);
    let chains = v.as_array().unwrap();
    assert!(!chains.is_empty());
    let first = chains[0].as_array().unwrap();
    assert_eq!(first.first().unwrap()["from"], "清华大学");
    assert_eq!(first.last().unwrap()["to"], "锡山区");
    for hop in first {
        for r in hop["relations"].as_array().unwrap() {
            if r["property"] != "partOf" {
                let ev = &r["evidence"][0];
                let sentence = ev["sentence"].as_str().unwrap();
                assert!(!sentence.is_empty() && ev["document"].is_string(), "{hop}");
            }
        }
    }
}

#[test]
fn unknown_names_get_candidates_and_quotes_cannot_change_a_query() {
    let out = bin()
        .args(["analyze", "path", "清华大字", "锡山", "--store"])
        .arg(store())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no entity named \"清华大字\"")
            && err.contains("closest")
            && err.contains("清华大学"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let out = bin()
        .args(["analyze", "profile", "x\" } ; DROP ALL ; { \"", "--store"])
        .arg(store())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entity named"));
    let out = bin()
        .args(["analyze", "profile", "清华", "--store"])
        .arg(store())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an administrative division"));
}

#[test]
fn gexf_modes_validate_and_networkx_reads_every_attribute() {
    let tmp = TempDir::new().unwrap();
    let rng = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/gexf-1.3/gexf.rng");
    for mode in ["full", "bipartite", "projection"] {
        let gexf = tmp.path().join(format!("{mode}.gexf"));
        bin()
            .args(["export", "--format", "gexf", "--mode", mode, "--store"])
            .arg(store())
            .arg("--out")
            .arg(&gexf)
            .assert()
            .success();
        if rng.exists() && available("xmllint", &["--version"]) {
            check(
                "xmllint",
                &[
                    "--noout".as_ref(),
                    "--relaxng".as_ref(),
                    rng.as_os_str(),
                    gexf.as_os_str(),
                ],
            );
        }
        if available("python3", &["-c", "import networkx"]) {
            let script = r#"
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1])
mode = sys.argv[2]
assert g.number_of_nodes() > 3, g.number_of_nodes()
for n, d in g.nodes(data=True):
    assert isinstance(d["pagerank"], float) and isinstance(d["betweenness"], float), d
    assert isinstance(d["community"], int) and isinstance(d["documents"], int), d
    if "first_year" in d:
        assert isinstance(d["first_year"], int) and d["first_year"] <= d["last_year"], d
    assert set(d["viz"]) >= {"color", "position", "size"}, d["viz"]
    if mode == "projection":
        assert d["class"] == "AdministrativeDivision", d
assert any("first_year" in d for _, d in g.nodes(data=True)), "dated documents give years"
assert all(isinstance(w, float) for _, _, w in g.edges(data="weight"))
if mode == "projection":
    assert not g.is_directed()
print(mode, g.number_of_nodes(), g.number_of_edges())
"#;
            check(
                "python3",
                &[
                    "-c".as_ref(),
                    script.as_ref(),
                    gexf.as_os_str(),
                    mode.as_ref(),
                ],
            );
        }
    }
}

#[test]
fn graphml_and_csv_are_read_by_networkx() {
    if !available("python3", &["-c", "import networkx"]) {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let graphml = tmp.path().join("g.graphml");
    bin()
        .args(["export", "--format", "graphml", "--store"])
        .arg(store())
        .arg("--out")
        .arg(&graphml)
        .assert()
        .success();
    let script = "import sys, networkx as nx\ng = nx.read_graphml(sys.argv[1])\nassert any(d['label'] == '清华大学' for _, d in g.nodes(data=True))\nassert all(isinstance(d['pagerank'], float) for _, d in g.nodes(data=True))";
    check(
        "python3",
        &["-c".as_ref(), script.as_ref(), graphml.as_os_str()],
    );
}

#[test]
fn render_draws_svg_and_png_with_chinese_labels() {
    let tmp = TempDir::new().unwrap();
    let svg = tmp.path().join("g.svg");
    bin()
        .args(["render", "--store"])
        .arg(store())
        .arg("--out")
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains(">清华大学</text>") && text.contains("<circle"),
        "labels are drawn"
    );
    let png = tmp.path().join("g.png");
    let out = bin()
        .args(["render", "--size", "800", "--store"])
        .arg(store())
        .arg("--out")
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        bytes.len() > 20_000,
        "a drawing, not an empty canvas: {} bytes",
        bytes.len()
    );
    if std::env::var("CI").is_ok() {
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("no font with Chinese glyphs"),
            "CI installs fonts-noto-cjk"
        );
    }
    let out = bin()
        .args(["render", "--store"])
        .arg(store())
        .arg("--out")
        .arg(tmp.path().join("g.pdf"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".svg or .png"));
}
