//! Figures and entities across years: targets paired with the outcomes of
//! later documents, trends, a series chart and the dynamic GEXF of Gephi's
//! timeline, on four short documents of ours (a district bureau's summaries
//! of 2023–2025 and a news item of 2026).

mod common;

use common::{bin, check, stdout_of, tool_available};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const DOCS: &[(&str, &str)] = &[
    (
        "wujin-2023.txt",
        "武进区科技局2023年工作总结\n发布机构：常州市武进区科学技术局\n生成日期：2023-12-26\n\n\
2023年，武进区新增高新技术企业130家。我局与南京大学共建常州高新技术研究院，举办第一届武进创新创业大赛。\n\n\
2024年，我局将力争新增高新技术企业150家。\n",
    ),
    (
        "wujin-2024.txt",
        "武进区科技局2024年工作总结\n发布机构：常州市武进区科学技术局\n生成日期：2024-12-28\n\n\
2024年，武进区新增高新技术企业152家，技术合同成交额突破80亿元。深入实施“武进英才计划”，与南京大学、清华大学合作建设新型研发机构。\n\n\
2025年，我局将力争新增高新技术企业160家，技术合同成交额达到100亿元。\n",
    ),
    (
        "wujin-2025.txt",
        "武进区科技局2025年工作总结\n发布机构：常州市武进区科学技术局\n生成日期：2025-12-30\n\n\
2025年，武进区新增高新技术企业158家，技术合同成交额达到105亿元。深入实施“武进英才计划”，与清华大学共建低空经济研究中心，发展低空经济。\n",
    ),
    (
        "news-2026.txt",
        "武进区高新技术企业再创新高\n2026-01-05 来源：示例新闻\n\n\
2025年，武进区新增高新技术企业161家，低空经济产业加快集聚。\n",
    ),
];

fn store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, text) in DOCS {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let store = tmp.path().join("store");
    stdout_of(bin().args(["ingest", "--store"]).arg(&store).arg(&docs));
    (tmp, store)
}

fn json(store: &Path, args: &[&str]) -> Value {
    let out = stdout_of(
        bin()
            .args(args)
            .args(["--format", "json", "--store"])
            .arg(store),
    );
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn targets_pair_with_later_outcomes_and_show_disagreements() {
    let (_tmp, store) = store();
    let pairs = json(&store, &["analyze", "targets", "--division", "武进"]);
    let pairs = pairs.as_array().unwrap();
    let find = |year: i64, measure: &str| -> &Value {
        pairs
            .iter()
            .find(|p| p["year"] == year && p["measure"].as_str().unwrap().contains(measure))
            .unwrap_or_else(|| panic!("no {year} {measure} in {pairs:#?}"))
    };
    let cases = [
        // (year, measure, target, actual, its document, status)
        (2024, "高新技术企业", 150.0, 152.0, "wujin-2024.txt", "met"),
        (
            2025,
            "技术合同成交额",
            100.0,
            105.0,
            "wujin-2025.txt",
            "met",
        ),
        // the first document after the year speaks; the bureau's own 158 disagrees
        (2025, "高新技术企业", 160.0, 161.0, "news-2026.txt", "met"),
    ];
    for (year, measure, target, actual, document, status) in cases {
        let p = find(year, measure);
        assert_eq!(p["division"], "武进区", "{p:#}");
        assert_eq!(p["target"]["value"].as_f64(), Some(target), "{p:#}");
        assert_eq!(p["actual"]["value"].as_f64(), Some(actual), "{p:#}");
        assert_eq!(p["actual"]["document"], document, "{p:#}");
        assert_eq!(p["status"], status, "{p:#}");
    }
    let disputed = find(2025, "高新技术企业");
    assert_eq!(disputed["conflicting"][0]["value"].as_f64(), Some(158.0));
    assert_eq!(disputed["conflicting"][0]["document"], "wujin-2025.txt");
    assert!(disputed["target"]["text"]
        .as_str()
        .unwrap()
        .contains("力争"));
    // a target with no later document stays pending; filters narrow the list
    assert_eq!(pairs.len(), 3, "{pairs:#?}");
    assert_eq!(
        json(&store, &["analyze", "targets", "--year", "2024"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(json(&store, &["analyze", "targets", "--status", "missed"])
        .as_array()
        .unwrap()
        .is_empty());
    // the table says where each side was read and shows the disagreement
    let table = String::from_utf8(stdout_of(
        bin().args(["analyze", "targets", "--store"]).arg(&store),
    ))
    .unwrap();
    assert!(
        table.contains("other documents say 158家 (wujin-2025.txt)"),
        "{table}"
    );
}

#[test]
fn series_lists_years_and_draws_them() {
    let (tmp, store) = store();
    let s = json(
        &store,
        &[
            "analyze",
            "series",
            "--division",
            "武进区",
            "--measure",
            "high_tech_firms",
        ],
    );
    let years: Vec<i64> = s["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2023, 2024, 2025]);
    let y2025 = &s["points"][2];
    assert_eq!(y2025["targets"][0]["value"].as_f64(), Some(160.0));
    // both outcomes of 2025 are listed, the first document after the year first
    let actuals: Vec<f64> = y2025["actuals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"].as_f64().unwrap())
        .collect();
    assert_eq!(actuals, [161.0, 158.0]);
    let svg = tmp.path().join("series.svg");
    stdout_of(
        bin()
            .args([
                "render",
                "--series",
                "--division",
                "武进区",
                "--measure",
                "high_tech_firms",
                "--store",
            ])
            .arg(&store)
            .arg("--out")
            .arg(&svg),
    );
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
    assert!(svg.contains("2025 161家"), "{svg}");
    // a measure no document states is an error, not an empty chart
    let out = bin()
        .args([
            "analyze",
            "series",
            "--division",
            "武进区",
            "--measure",
            "gdp_growth",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no figure of \"gdp_growth\""));
}

#[test]
fn trends_rise_and_fall_with_the_share_of_documents() {
    let (_tmp, store) = store();
    let t = json(&store, &["analyze", "trends", "--min-documents", "2"]);
    let rows = t.as_array().unwrap();
    let first = &rows[0];
    assert_eq!(
        (first["direction"].as_str(), first["label"].as_str()),
        (Some("rising"), Some("低空经济"))
    );
    let falling: Vec<&str> = rows
        .iter()
        .filter(|r| r["direction"] == "falling")
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(falling.contains(&"南京大学"), "{rows:#?}");
    // shares by year: 南京大学 is in the 2023 and 2024 summaries only
    let nju = rows.iter().find(|r| r["label"] == "南京大学").unwrap();
    assert_eq!(nju["shares"]["2023"].as_f64(), Some(1.0));
    assert_eq!(nju["shares"]["2025"].as_f64(), Some(0.0));
    let programs = json(
        &store,
        &[
            "analyze",
            "trends",
            "--class",
            "Industry",
            "--min-documents",
            "1",
        ],
    );
    assert!(programs
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["class"] == "Industry"));
}

#[test]
fn the_timeline_gexf_is_valid_and_read_by_networkx() {
    let (tmp, store) = store();
    let gexf = tmp.path().join("timeline.gexf");
    stdout_of(
        bin()
            .args(["export", "--format", "gexf", "--timeline", "--store"])
            .arg(&store)
            .arg("--out")
            .arg(&gexf),
    );
    let text = std::fs::read_to_string(&gexf).unwrap();
    assert!(
        text.contains("mode=\"dynamic\" timeformat=\"date\""),
        "{}",
        &text[..600]
    );
    assert!(text.contains("start=\"2023-01-01\" end=\"2026-12-31\""));
    // --timeline is for GEXF only
    let out = bin()
        .args(["export", "--format", "graphml", "--timeline", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(tmp.path().join("x.graphml"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timeline is for --format gexf"));
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/gexf-1.3/gexf.rng");
    if schema.exists() && tool_available("xmllint", &["--version"]) {
        check(
            "xmllint",
            &[
                OsStr::new("--noout"),
                OsStr::new("--relaxng"),
                schema.as_os_str(),
                gexf.as_os_str(),
            ],
        );
    } else {
        assert!(
            std::env::var("CI").is_err(),
            "the GEXF schema is required on CI"
        );
    }
    if tool_available("python3", &["-c", "import networkx"]) {
        let script = r#"
import sys, json, networkx as nx
g = nx.read_gexf(sys.argv[1])
by_label = {d["label"]: d for _, d in g.nodes(data=True)}
print(json.dumps({
    "nodes": g.number_of_nodes(),
    "mode": g.graph.get("mode"),
    "low_altitude": by_label["低空经济"].get("spells"),
    "nju": by_label["南京大学"].get("spells"),
    "nju_docs": by_label["南京大学"].get("documents_in_year"),
    "edge_spells": sum(1 for *_, d in g.edges(data=True) if d.get("spells")),
}))
"#;
        let out = check(
            "python3",
            &[OsStr::new("-c"), OsStr::new(script), gexf.as_os_str()],
        );
        let v: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["mode"], "dynamic", "{v}");
        // 2025 and 2026 are one run, one spell
        assert_eq!(
            v["low_altitude"],
            serde_json::json!([["2025-01-01", "2026-12-31"]]),
            "{v}"
        );
        assert_eq!(
            v["nju"],
            serde_json::json!([["2023-01-01", "2024-12-31"]]),
            "{v}"
        );
        assert_eq!(
            v["nju_docs"],
            serde_json::json!([
                [1, "2023-01-01", "2023-12-31"],
                [1, "2024-01-01", "2024-12-31"]
            ]),
            "{v}"
        );
        assert!(v["edge_spells"].as_u64().unwrap() > 0, "{v}");
    }
}

/// A sentence of Beijing's 2026 report that makes an entity partOf itself in
/// the store (一区三中心 partOf 一区三中心: the zone is named like its plan).
const SELF_LOOP_DOC: (&str, &str) = (
    "beijing-2026.txt",
    "北京市2026年政府工作报告\n发布机构：北京市人民政府\n生成日期：2026-01-20\n\n\
高水平建设“数智北京”。全面推进国家数据要素“一区三中心”建设，高质量完成国家数据基础设施先行先试任务，建设国家级数据产业集聚区。\n",
);

/// The checks Gephi Lite's reader makes, done here without it: exactly one
/// node-attributes block, every `attvalue for` declared in it, no edge from a
/// node to itself. Returns the number of edges.
fn check_gephi_lite_shape(text: &str, what: &str) -> usize {
    let blocks = regex::Regex::new(r#"<attributes class="node"[^>]*>([\s\S]*?)</attributes>"#)
        .unwrap()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect::<Vec<_>>();
    assert_eq!(blocks.len(), 1, "{what}: node-attributes blocks");
    let declared: std::collections::BTreeSet<String> =
        regex::Regex::new(r#"<attribute id="([^"]+)""#)
            .unwrap()
            .captures_iter(&blocks[0])
            .map(|c| c[1].to_string())
            .collect();
    let used: std::collections::BTreeSet<String> = regex::Regex::new(r#"<attvalue for="([^"]+)""#)
        .unwrap()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect();
    assert!(!used.is_empty(), "{what}: no attvalues");
    assert!(
        used.is_subset(&declared),
        "{what}: undeclared {:?}",
        used.difference(&declared).collect::<Vec<_>>()
    );
    let edges: Vec<(String, String)> =
        regex::Regex::new(r#"<edge id="[^"]+" source="([^"]+)" target="([^"]+)""#)
            .unwrap()
            .captures_iter(text)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
    let loops: Vec<_> = edges.iter().filter(|(s, t)| s == t).collect();
    assert!(loops.is_empty(), "{what}: self-loops {loops:?}");
    edges.len()
}

#[test]
fn gexf_exports_have_one_attribute_block_and_no_self_loops() {
    let (tmp, store) = store();
    let docs = tmp.path().join("more");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join(SELF_LOOP_DOC.0), SELF_LOOP_DOC.1).unwrap();
    stdout_of(bin().args(["ingest", "--store"]).arg(&store).arg(&docs));
    // the store holds the self-loop: the exports are what drop it
    let loops = common::query_json(
        &store,
        "SELECT ?s WHERE { ?s <https://w3id.org/innograph/ontology#partOf> ?s }",
    );
    assert_eq!(
        loops["results"]["bindings"][0]["s"]["value"],
        "https://w3id.org/innograph/id/platform/一区三中心",
        "{loops}"
    );
    let reader = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/read_gexf.js");
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/node_modules");
    let node = tool_available("node", &["--version"]) && {
        let installed = modules.join("graphology-gexf").exists();
        assert!(
            installed || std::env::var("CI").is_err(),
            "graphology-gexf is required on CI (tools/setup.sh --test)"
        );
        installed
    };
    for timeline in [false, true] {
        let gexf = tmp.path().join(format!("g-{timeline}.gexf"));
        let mut cmd = bin();
        cmd.args(["export", "--format", "gexf", "--store"])
            .arg(&store)
            .arg("--out")
            .arg(&gexf);
        if timeline {
            cmd.arg("--timeline");
        }
        stdout_of(&mut cmd);
        let text = std::fs::read_to_string(&gexf).unwrap();
        let what = if timeline { "timeline" } else { "static" };
        let edges = check_gephi_lite_shape(&text, what);
        assert!(text.contains("label=\"一区三中心\""), "{what}");
        if node {
            let out = check(
                "node",
                &[
                    reader.as_os_str(),
                    gexf.as_os_str(),
                    OsStr::new("一区三中心"),
                ],
            );
            let v: Value = serde_json::from_str(out.trim()).unwrap();
            assert_eq!(v["size"].as_u64().unwrap() as usize, edges, "{what}: {v}");
            assert_eq!(v["selfLoops"], 0, "{what}: {v}");
            assert_eq!(v["node"]["class"], "Platform", "{what}: {v}");
            assert_eq!(v["node"]["first_year"], 2026, "{what}: {v}");
            assert!(v["node"]["pagerank"].as_f64().unwrap() > 0.0, "{what}: {v}");
            if timeline {
                assert_eq!(v["node"]["documents_in_year"], 1, "{what}: {v}");
            }
        }
    }
}
