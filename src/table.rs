//! Aligned text tables for people, aware of the double width of CJK characters.

use unicode_width::UnicodeWidthStr;

/// Renders rows under a header with columns padded to their display width.
pub fn render(header: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.width());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(c.width())));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    out.push_str(&line(
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    ));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_cjk_by_display_width() {
        let t = render(
            &["name".into(), "n".into()],
            &[
                vec!["清华大学".into(), "2".into()],
                vec!["ab".into(), "10".into()],
            ],
        );
        assert_eq!(t, "name      n\n--------  --\n清华大学  2\nab        10\n");
    }
}
