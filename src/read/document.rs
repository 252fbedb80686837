use std::path::Path;

/// One document: its text and what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Stable identifier (file name, or file name + `#` + JSON Lines id/line).
    pub id: String,
    /// Where it came from: a path or URL.
    pub source: String,
    pub text: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub publisher: Option<String>,
}

impl Document {
    pub fn from_text(id: &str, path: &Path, text: String) -> Document {
        Document {
            id: id.to_string(),
            source: path.to_string_lossy().into_owned(),
            text,
            title: None,
            date: None,
            publisher: None,
        }
    }
}
