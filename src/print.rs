//! Printing rows as a table, CSV or JSON, the three formats of every analysis.

use crate::cli::TableFormat;
use anyhow::Result;
use serde::Serialize;

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Prints `items`: JSON serialises them as they are; table and CSV use `header` and `row`.
pub fn emit<T: Serialize>(
    items: &[T],
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
    format: TableFormat,
) -> Result<()> {
    match format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(items)?),
        TableFormat::Csv => {
            println!("{}", header.join(","));
            for it in items {
                let r: Vec<String> = row(it).iter().map(|f| csv_field(f)).collect();
                println!("{}", r.join(","));
            }
        }
        TableFormat::Table => {
            let h: Vec<String> = header.iter().map(|s| s.to_string()).collect();
            let rows: Vec<Vec<String>> = items.iter().map(row).collect();
            print!("{}", innograph::table::render(&h, &rows));
        }
    }
    Ok(())
}
