//! Training and evaluation examples: the CLUENER 2020 gold file and the
//! teacher's silver files, and which lines of them are held out.

use serde_json::Value;

use super::labels::Kind;

/// A text with its names, in character offsets (end exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub spans: Vec<(usize, usize, Kind)>,
}

/// CLUENER's types folded into the three kinds; the rest (position, game,
/// book, movie, scene) are not names of persons, places or organisations in
/// the sense of the graph and read as no name.
fn fold_cluener(label: &str) -> Option<Kind> {
    match label {
        "name" => Some(Kind::Person),
        "address" => Some(Kind::Place),
        "company" | "government" | "organization" => Some(Kind::Organization),
        _ => None,
    }
}

/// One line of CLUENER 2020 (`{"text", "label": {type: {entity: [[start,
/// end_inclusive], …]}}}`). None for a line that is not such an object.
pub fn parse_cluener(line: &str) -> Option<Example> {
    let v: Value = serde_json::from_str(line).ok()?;
    let text = v.get("text")?.as_str()?.to_string();
    let n = text.chars().count();
    let mut spans = Vec::new();
    if let Some(labels) = v.get("label").and_then(Value::as_object) {
        for (label, entities) in labels {
            let Some(kind) = fold_cluener(label) else {
                continue;
            };
            for places in entities.as_object().into_iter().flat_map(|m| m.values()) {
                for p in places.as_array().into_iter().flatten() {
                    let (Some(s), Some(e)) = (
                        p.get(0).and_then(Value::as_u64),
                        p.get(1).and_then(Value::as_u64),
                    ) else {
                        continue;
                    };
                    let (s, e) = (s as usize, e as usize + 1);
                    if s < e && e <= n {
                        spans.push((s, e, kind));
                    }
                }
            }
        }
    }
    spans.sort();
    spans.dedup();
    Some(Example { text, spans })
}

/// One line of the teacher's output (`{"text", "spans": [[start, end,
/// "PER"|"LOC"|"ORG"], …]}`, code points, end exclusive).
pub fn parse_silver(line: &str) -> Option<Example> {
    let v: Value = serde_json::from_str(line).ok()?;
    let text = v.get("text")?.as_str()?.to_string();
    let n = text.chars().count();
    let mut spans = Vec::new();
    for s in v.get("spans")?.as_array()? {
        let (Some(a), Some(b), Some(k)) = (
            s.get(0).and_then(Value::as_u64),
            s.get(1).and_then(Value::as_u64),
            s.get(2).and_then(Value::as_str).and_then(Kind::from_code),
        ) else {
            continue;
        };
        let (a, b) = (a as usize, b as usize);
        if a < b && b <= n {
            spans.push((a, b, k));
        }
    }
    spans.sort();
    Some(Example { text, spans })
}

/// The CLUENER lines kept for evaluation, never trained on: every 7th line
/// (0, 7, 14…, 14.3% of the file), spread over the whole file.
pub fn cluener_held_out(line_index: usize) -> bool {
    line_index % 7 == 0
}

/// The silver lines kept for measuring agreement with the teacher: every
/// 50th clause (0, 50, 100…).
pub fn silver_held_out(line_index: usize) -> bool {
    line_index % 50 == 0
}

/// Reads a JSON Lines text into examples with a parser, keeping the lines
/// whose index passes `keep`. Returns the examples and the number of lines
/// that did not parse.
pub fn read_lines(
    text: &str,
    parse: fn(&str) -> Option<Example>,
    keep: impl Fn(usize) -> bool,
) -> (Vec<Example>, usize) {
    let mut bad = 0;
    let mut out = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if !keep(i) {
            continue;
        }
        match parse(line) {
            Some(e) => out.push(e),
            None => bad += 1,
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line and the spans it should give (None: unreadable).
    type Case<'a> = (&'a str, Option<&'a [(usize, usize, Kind)]>);

    #[test]
    fn cluener_lines() {
        let table: &[Case] = &[
            (
                r#"{"text": "浙商银行企业信贷部叶老桂博士", "label": {"name": {"叶老桂": [[9, 11]]}, "company": {"浙商银行": [[0, 3]]}, "position": {"博士": [[12, 13]]}}}"#,
                Some(&[(0, 4, Kind::Organization), (9, 12, Kind::Person)]),
            ),
            (
                r#"{"text": "北京市海淀区", "label": {"address": {"北京市海淀区": [[0, 5]]}}}"#,
                Some(&[(0, 6, Kind::Place)]),
            ),
            // out of range and malformed offsets are dropped
            (
                r#"{"text": "甲乙", "label": {"name": {"x": [[1, 5], ["a", 1]]}}}"#,
                Some(&[]),
            ),
            (r#"{"text": "甲乙"}"#, Some(&[])),
            ("not json", None),
            (r#"{"label": {}}"#, None),
        ];
        for &(line, want) in table {
            let got = parse_cluener(line).map(|e| e.spans);
            assert_eq!(got.as_deref(), want, "{line}");
        }
    }

    #[test]
    fn silver_lines() {
        let table: &[Case] = &[
            (
                r#"{"text": "我代表国务院向大会报告", "spans": [[3, 6, "ORG"], [0, 1, "PER"]]}"#,
                Some(&[(0, 1, Kind::Person), (3, 6, Kind::Organization)]),
            ),
            (
                r#"{"text": "甲", "spans": [[0, 1, "TIME"], [0, 3, "LOC"]]}"#,
                Some(&[]),
            ),
            (r#"{"text": "甲"}"#, None),
        ];
        for &(line, want) in table {
            let got = parse_silver(line).map(|e| e.spans);
            assert_eq!(got.as_deref(), want, "{line}");
        }
    }

    #[test]
    fn held_out_slices() {
        let held: Vec<usize> = (0..22).filter(|&i| cluener_held_out(i)).collect();
        assert_eq!(held, vec![0, 7, 14, 21]);
        assert_eq!((0..1000).filter(|&i| silver_held_out(i)).count(), 20);
        let text = "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\nbad\n";
        let (ex, bad) = read_lines(text, parse_cluener, |i| i != 0);
        assert_eq!((ex.len(), bad), (1, 1));
        assert_eq!(ex[0].text, "b");
    }
}
