//! Dates as documents write them, read by the JSON Lines reader (a `date`
//! field) and by extraction (a page's dated header line).

use regex::Regex;
use std::sync::OnceLock;

fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
            .expect("static pattern")
    })
}

/// Parses a date written as 2024-01-31, 2024/1/31, 2024.1.31 or 2024年1月31日 into `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    let c = date_re().captures(s)?;
    let y: u32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    let d: u32 = c[3].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_as_written() {
        for (input, want) in [
            ("2024-01-31", Some("2024-01-31")),
            ("2024/1/31", Some("2024-01-31")),
            ("2024.1.3", Some("2024-01-03")),
            ("2024年1月31日", Some("2024-01-31")),
            ("发布时间：2023年 12 月 5 日", Some("2023-12-05")),
            ("2024年13月1日", None),
            ("1899-01-01", None),
            ("no date", None),
        ] {
            assert_eq!(parse_date(input).as_deref(), want, "{input}");
        }
    }
}
