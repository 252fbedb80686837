//! `innograph extract`: what extraction finds in documents, without a store.

use crate::cli::{ExtractArgs, ExtractFormat};
use anyhow::Result;
use innograph::pipeline::extract_document;
use innograph::read::{collect_files, read_path, ReadOptions};
use innograph::resolve::DocumentGraph;
use innograph::Extractor;
use serde_json::json;
use std::process::ExitCode;

/// Runs `extract`: each document's names, links and figures, as a table or JSON Lines.
/// A file that cannot be read is reported and the others are still shown.
pub fn run(a: &ExtractArgs) -> Result<ExitCode> {
    let options = ReadOptions {
        text_field: a.text_field.clone(),
    };
    let (files, mut errors) = collect_files(&a.paths);
    let extractor = if a.no_tagger {
        Extractor::without_tagger()
    } else {
        Extractor::new()
    };
    for f in &files {
        let (docs, errs) = match read_path(f, &options) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        errors.extend(errs);
        for doc in &docs {
            let dg = extract_document(&extractor, doc);
            let text = match a.format {
                ExtractFormat::Json => format!("{}\n", to_json(&dg)),
                ExtractFormat::Table => to_table(&dg),
            };
            super::output::write_str(&text)?;
        }
    }
    for e in &errors {
        eprintln!("innograph extract: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn label_of(dg: &DocumentGraph, iri: &str) -> String {
    dg.entities
        .get(iri)
        .map_or_else(|| iri.to_string(), |e| e.label.clone())
}

/// One document as a JSON object: metadata, mentions (code-point offsets), links, figures.
fn to_json(dg: &DocumentGraph) -> serde_json::Value {
    let d = &dg.document;
    let mentions: Vec<_> = dg
        .mentions
        .iter()
        .map(|m| {
            let e = dg.entities.get(&m.entity);
            json!({
                "begin": m.begin, "end": m.end, "text": m.anchor,
                "label": e.map(|e| e.label.as_str()), "class": e.map(|e| e.class.name()),
                "iri": m.entity, "rule": m.rule,
            })
        })
        .collect();
    let links: Vec<_> = dg
        .links
        .iter()
        .map(|(div, rel, e)| json!({"division": label_of(dg, div), "relation": rel, "entity": label_of(dg, e)}))
        .collect();
    let figures: Vec<_> = dg
        .observations
        .iter()
        .map(|o| {
            json!({
                "of": label_of(dg, &o.entity), "measure": o.measure, "value": o.value,
                "unit": o.unit, "year": o.year, "status": format!("{:?}", o.status).to_lowercase(),
                "qualifier": o.qualifier, "text": o.anchor, "begin": o.begin, "end": o.end,
            })
        })
        .collect();
    json!({
        "id": d.id, "title": d.title, "date": d.date, "publisher": d.publisher,
        "mentions": mentions, "links": links, "figures": figures,
    })
}

/// One document as tables for reading.
fn to_table(dg: &DocumentGraph) -> String {
    let d = &dg.document;
    let mut s = format!(
        "== {}\ntitle: {}\ndate: {}\npublisher: {}\n\n",
        d.id,
        d.title.as_deref().unwrap_or("-"),
        d.date.as_deref().unwrap_or("-"),
        d.publisher.as_deref().unwrap_or("-")
    );
    let rows: Vec<Vec<String>> = dg
        .mentions
        .iter()
        .map(|m| {
            let e = dg.entities.get(&m.entity);
            vec![
                format!("{}-{}", m.begin, m.end),
                m.anchor.clone(),
                e.map_or(String::new(), |e| e.label.clone()),
                e.map_or(String::new(), |e| e.class.name().to_string()),
                m.rule.clone(),
            ]
        })
        .collect();
    let header = |h: &[&str]| h.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    s.push_str(&innograph::table::render(
        &header(&["at", "text", "label", "class", "rule"]),
        &rows,
    ));
    let links: Vec<Vec<String>> = dg
        .links
        .iter()
        .map(|(div, rel, e)| vec![label_of(dg, div), rel.clone(), label_of(dg, e)])
        .collect();
    s.push('\n');
    s.push_str(&innograph::table::render(
        &header(&["division", "relation", "entity"]),
        &links,
    ));
    let figures: Vec<Vec<String>> = dg
        .observations
        .iter()
        .map(|o| {
            vec![
                label_of(dg, &o.entity),
                o.measure.clone(),
                format!("{}{}", o.value, o.unit),
                o.year.map_or(String::new(), |y| y.to_string()),
                format!("{:?}", o.status).to_lowercase(),
            ]
        })
        .collect();
    s.push('\n');
    s.push_str(&innograph::table::render(
        &header(&["of", "measure", "value", "year", "status"]),
        &figures,
    ));
    s.push('\n');
    s
}
