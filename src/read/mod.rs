//! Reading documents: files and folders of text, HTML and JSON Lines, in UTF-8 or GBK.

pub mod date;
mod document;
mod encoding;
mod html;
mod jsonl;
mod simplify;
mod width;

pub use document::Document;
pub use encoding::{decode, Encoding};
pub use html::html_to_text;
pub use jsonl::parse_jsonl;
pub use simplify::to_simplified;
pub use width::fold_width;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// How documents are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The JSON Lines field that holds the text (default `text`).
    pub text_field: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text_field: "text".to_string(),
        }
    }
}

/// The kinds of file innograph reads, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// Lists the readable files under each path (folders recursively, in sorted order).
///
/// A path that does not exist is an error; files with other extensions inside
/// folders are skipped, but a file named explicitly must have a known extension.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(source) => errors.push(Error::Io {
                path: p.clone(),
                source,
            }),
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors),
            Ok(m) if !m.is_file() => errors.push(Error::BadInput {
                path: p.clone(),
                message: "not a regular file".into(),
            }),
            Ok(_) if Format::of(p).is_some() => files.push(p.clone()),
            Ok(_) => errors.push(Error::BadInput {
                path: p.clone(),
                message: "unknown file type (expected .txt, .md, .html, .htm or .jsonl)".into(),
            }),
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, errors);
        } else if Format::of(&p).is_some() {
            // named like a document but a dangling link, a pipe or a device: say so, never block on it
            match std::fs::metadata(&p) {
                Ok(m) if m.is_file() => files.push(p),
                Ok(_) => errors.push(Error::BadInput {
                    path: p,
                    message: "not a regular file".into(),
                }),
                Err(source) => errors.push(Error::Io { path: p, source }),
            }
        }
    }
}

/// Reads one file into its documents (one for text and HTML, one per line for JSON Lines).
///
/// Returns the documents read and the errors of lines that could not be read;
/// a file that cannot be read at all is an `Err`.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<(Vec<Document>, Vec<Error>)> {
    let format = Format::of(path).ok_or_else(|| Error::BadInput {
        path: path.to_path_buf(),
        message: "unknown file type".into(),
    })?;
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_bytes(path, &bytes, format, options)
}

/// Reads documents from bytes already in memory; `path` names them.
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    format: Format,
    options: &ReadOptions,
) -> Result<(Vec<Document>, Vec<Error>)> {
    let bad = |message: &str| Error::BadInput {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    if bytes.is_empty() {
        return Err(bad("the file is empty"));
    }
    let (text, _encoding) = decode(bytes).map_err(|m| bad(&m))?;
    let name = file_id(path);
    match format {
        Format::Text if text.trim().is_empty() => {
            Err(bad("the file holds no text, only white space"))
        }
        Format::Text => Ok((vec![Document::from_text(&name, path, text)], Vec::new())),
        Format::Html => {
            let (body, title) = html_to_text(&text);
            if body.trim().is_empty() {
                return Err(bad("the html page holds no text"));
            }
            let mut doc = Document::from_text(&name, path, body);
            if let Some(t) = title {
                doc.title = Some(t);
            }
            Ok((vec![doc], Vec::new()))
        }
        Format::JsonLines => Ok(parse_jsonl(&name, path, &text, &options.text_field)),
    }
}

/// The identifier of a file's document: its file name, which stays the same
/// wherever the corpus is moved, so that ingesting it again replaces it.
pub fn file_id(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}
