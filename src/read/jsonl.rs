use super::Document;
use crate::error::Error;
use std::path::Path;

/// Parses JSON Lines: one document per line with `text_field` (default `text`)
/// required and `id`, `title`, `date`, `publisher`, `url` optional.
///
/// Malformed lines are reported by line number; the good lines are kept. Of
/// lines with the same id, the first is kept and the others reported.
pub fn parse_jsonl(
    name: &str,
    path: &Path,
    text: &str,
    text_field: &str,
) -> (Vec<Document>, Vec<Error>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::BadLine {
            path: path.to_path_buf(),
            line: lineno,
            message,
        };
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push(bad(format!("not valid json: {e}")));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            errors.push(bad("not a json object".into()));
            continue;
        };
        let field = |k: &str| -> Option<String> {
            match obj.get(k)? {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let Some(body) = obj.get(text_field).and_then(|v| v.as_str()) else {
            errors.push(bad(format!(
                "no string field \"{text_field}\" (choose the text field with --text-field)"
            )));
            continue;
        };
        let id = field("id").unwrap_or_else(|| lineno.to_string());
        // One document per id: a later line with the same id would replace the
        // earlier one in the store without a word. The first is kept (as when
        // the file is read again, the result does not depend on which line
        // wins last) and the later line is reported and skipped.
        if let Some(first) = seen.get(&id) {
            errors.push(bad(format!(
                "id \"{id}\" repeats line {first}; the first is kept and this line is skipped"
            )));
            continue;
        }
        seen.insert(id.clone(), lineno);
        let mut doc = Document::from_text(&format!("{name}#{id}"), path, body.to_string());
        doc.source = field("url").unwrap_or_else(|| format!("{}#{}", path.display(), lineno));
        doc.title = field("title");
        doc.date = field("date").and_then(|d| super::date::parse_date(&d));
        doc.publisher = field("publisher");
        docs.push(doc);
    }
    (docs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_kept_and_bad_lines_reported_by_number() {
        let input = "{\"text\":\"甲\",\"id\":\"a\",\"date\":\"2024年1月31日\"}\nnot json\n\n{\"content\":\"乙\"}\n[1]\n{\"text\":\"丙\",\"title\":\"标题\"}\n";
        let (docs, errors) = parse_jsonl("f.jsonl", Path::new("f.jsonl"), input, "text");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "f.jsonl#a");
        assert_eq!(docs[0].date.as_deref(), Some("2024-01-31"));
        assert_eq!(docs[1].id, "f.jsonl#6");
        assert_eq!(docs[1].title.as_deref(), Some("标题"));
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| match e {
                Error::BadLine { line, .. } => *line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, vec![2, 4, 5]);
    }

    #[test]
    fn a_repeated_id_keeps_the_first_line_and_reports_the_others() {
        let input = "{\"id\":\"a\",\"text\":\"甲\"}\n{\"id\":\"b\",\"text\":\"乙\"}\n{\"id\":\"a\",\"text\":\"丙\"}\n";
        let (docs, errors) = parse_jsonl("f.jsonl", Path::new("f.jsonl"), input, "text");
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["甲", "乙"]);
        assert_eq!(errors.len(), 1);
        let Error::BadLine { line, message, .. } = &errors[0] else {
            panic!("{:?}", errors[0]);
        };
        assert_eq!(*line, 3);
        assert!(message.contains("id \"a\" repeats line 1"), "{message}");
    }

    #[test]
    fn text_field_can_be_chosen() {
        let (docs, errors) = parse_jsonl("g", Path::new("g"), "{\"content\":\"正文\"}", "content");
        assert!(errors.is_empty());
        assert_eq!(docs[0].text, "正文");
    }
}
