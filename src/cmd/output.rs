//! What every command prints, in one place: tables (aligned for CJK, long lists
//! cut short), CSV and JSON; and standard output that a closed pipe
//! (`innograph query … | head`) ends quietly.

use crate::cli::TableFormat;
use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;

/// Writes `s` to standard output.
pub fn write_str(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|_| out.flush())
        .context("cannot write to standard output")
}

/// Writes `s` and a newline to standard output.
pub fn write_line(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush())
        .context("cannot write to standard output")
}

/// `println!` that returns an error instead of panicking on a closed pipe.
#[macro_export]
macro_rules! outln {
    () => { $crate::cmd::output::write_line("")? };
    ($($t:tt)*) => { $crate::cmd::output::write_line(&format!($($t)*))? };
}

/// `print!` that returns an error instead of panicking on a closed pipe.
#[macro_export]
macro_rules! out {
    ($($t:tt)*) => { $crate::cmd::output::write_str(&format!($($t)*))? };
}

/// Did the error come from a reader that went away (`| head`)?
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The widest a table cell grows, in display columns, before it is cut with "…"
/// (a document's whole text in a query result; JSON, CSV and TSV keep it whole).
pub const CELL_WIDTH: usize = 80;

/// `s` cut to [`CELL_WIDTH`] display columns, newlines shown as spaces.
pub fn short_cell(s: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        let cw = c.width().unwrap_or(0);
        if w + cw > CELL_WIDTH - 1 {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

/// How many items of a list a table cell shows before "… +N more".
pub const CELL_ITEMS: usize = 10;

/// A list as one table cell: the first [`CELL_ITEMS`] items, then "… +N more"
/// (JSON and CSV keep every item).
pub fn list_cell<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let shown: Vec<&str> = items.iter().take(CELL_ITEMS).map(AsRef::as_ref).collect();
    let mut s = shown.join(sep);
    if items.len() > CELL_ITEMS {
        s.push_str(&format!("{sep}… +{} more", items.len() - CELL_ITEMS));
    }
    s
}

/// Prints `items`: JSON serialises them as they are; CSV uses `header` and `full`
/// (every item of every list); the table uses `header` and `cells` (lists cut short).
pub fn emit_with<T: Serialize>(
    items: &[T],
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
    full: impl Fn(&T) -> Vec<String>,
    format: TableFormat,
) -> Result<()> {
    match format {
        TableFormat::Json => write_line(&serde_json::to_string_pretty(items)?)?,
        TableFormat::Csv => {
            let mut s = header.join(",");
            s.push('\n');
            for it in items {
                let r: Vec<String> = full(it).iter().map(|f| csv_field(f)).collect();
                s.push_str(&r.join(","));
                s.push('\n');
            }
            write_str(&s)?;
        }
        TableFormat::Table => {
            let h: Vec<String> = header.iter().map(|s| s.to_string()).collect();
            let rows: Vec<Vec<String>> = items.iter().map(cells).collect();
            write_str(&innograph::table::render(&h, &rows))?;
        }
    }
    Ok(())
}

/// [`emit_with`] where the table and CSV show the same cells.
pub fn emit<T: Serialize>(
    items: &[T],
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
    format: TableFormat,
) -> Result<()> {
    emit_with(items, header, &row, &row, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_end_in_a_count_of_the_rest() {
        let many: Vec<String> = (0..300).map(|i| format!("区{i}")).collect();
        let cell = list_cell(&many, " ");
        assert!(cell.ends_with("… +290 more"), "{cell}");
        assert!(cell.starts_with("区0 区1"));
        assert_eq!(list_cell(&["a", "b"], " "), "a b");
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "创新".repeat(100);
        let cell = short_cell(&long);
        assert!(cell.ends_with('…'));
        assert!(unicode_width::UnicodeWidthStr::width(cell.as_str()) <= CELL_WIDTH);
        assert_eq!(short_cell("a\nb"), "a b");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
