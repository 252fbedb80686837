use scraper::{Html, Node, Selector};

/// Elements whose content is never document text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select",
    "template", "iframe", "svg", "head",
];
/// Elements that end a line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "hr",
    "title",
];

/// Turns HTML into plain text (one line per block element) and its `<title>`.
///
/// Scripts, styles and navigation chrome are dropped; broken markup is parsed
/// the way browsers do (html5ever), so it never fails.
pub fn html_to_text(html: &str) -> (String, Option<String>) {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    let title = Selector::parse("title").ok().and_then(|sel| {
        let t: String = doc.select(&sel).next()?.text().collect();
        let t = t.trim().to_string();
        (!t.is_empty()).then_some(t)
    });
    let mut stack = vec![(doc.tree.root(), false)];
    // iterative walk: deep documents must not overflow the stack
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let name = el.name();
                if closing {
                    if BLOCK.contains(&name) && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    continue;
                }
                if SKIP.contains(&name) {
                    continue;
                }
                if BLOCK.contains(&name) && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for c in children.into_iter().rev() {
                    stack.push((c, false));
                }
            }
            Node::Text(t) => out.push_str(t),
            _ => {
                if !closing {
                    let children: Vec<_> = node.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push((c, false));
                    }
                }
            }
        }
    }
    let text = out
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (text, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_and_navigation() {
        let html = "<html><head><title>标题</title><style>p{}</style></head><body><nav>首页 | 新闻</nav>\
                    <script>var x = '<p>不要</p>';</script><h1>江阴</h1><p>正文一<b>加粗</b></p><div>正文二<p>未闭合</div>\
                    <footer>版权</footer></body></html>";
        let (text, title) = html_to_text(html);
        assert_eq!(title.as_deref(), Some("标题"));
        assert_eq!(text, "江阴\n正文一加粗\n正文二\n未闭合");
    }
}
