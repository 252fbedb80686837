//! Title, date and publisher from a document's first lines.

use super::lexicon::lexicon;
pub use crate::read::date::parse_date;
use regex::Regex;
use std::sync::OnceLock;

/// What the header of a text tells about it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Header {
    pub title: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    /// The site a page comes from, when its header names it as a government
    /// body on a line of its own (绍兴市上虞区人民政府): the division whose page it is.
    pub site: Option<String>,
    /// Byte span of the dated line of the header.
    pub date_span: Option<(usize, usize)>,
    /// Byte span of the site's line.
    pub site_span: Option<(usize, usize)>,
    /// Byte span of the title line and of a subtitle line (——… 在…会议上).
    pub title_span: Option<(usize, usize)>,
    pub subtitle_span: Option<(usize, usize)>,
}

fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 2
        || t.starts_with('【')
        || t.starts_with('】')
        || t.starts_with("来源")
        || t.starts_with("时间")
        || index_line(t).is_some()
        // 首页 > 政务公开 > …: a site's breadcrumb
        || t.contains('>')
        || t.contains('›')
        || t.starts_with("首页")
        || t.starts_with("当前位置")
        || t.starts_with("您的位置")
        || is_publisher_line(t)
        || is_author_line(t)
}

/// A line of a web page's index (发布机构：凤鸣区科技局, [ 发布机构 ] 凤鸣区科技局,
/// 【发布机构】凤鸣区科技局): its field and value.
fn index_line(t: &str) -> Option<(&'static str, &str)> {
    let (label, value) = match t.chars().next()? {
        '[' | '【' => {
            let close = t.find([']', '】'])?;
            let open = t.chars().next().map_or(1, char::len_utf8);
            let value = &t[close..];
            let value = &value[value.chars().next().map_or(1, char::len_utf8)..];
            (&t[open..close], value.trim_start_matches(['：', ':']))
        }
        _ => t.split_once(['：', ':'])?,
    };
    let field = lexicon().index_labels.get(label.trim())?;
    Some((field, value.trim()))
}

/// A line above the title that names the site's government or zone on its own
/// (绍兴市上虞区人民政府, 如皋高新技术产业开发区（如城街道、城南街道）).
fn is_site_line(l: &str) -> bool {
    let name = l.split(['（', '(']).next().unwrap_or(l).trim();
    let n = name.chars().count();
    let lx = lexicon();
    (4..=24).contains(&n)
        && name.chars().all(super::text::is_han)
        && (lx.agency_heads.iter().any(|a| name.ends_with(a))
            || lx.zone_heads.iter().any(|z| name.ends_with(z.head)))
}

/// An author's line: a person's name alone (孟庆朋), or 作者/记者 and a name.
fn is_author_line(t: &str) -> bool {
    let bare = t
        .trim_start_matches("作者")
        .trim_start_matches("记者")
        .trim_start_matches(['：', ':', ' ', '\u{3000}']);
    let n = bare.chars().count();
    (2..=4).contains(&n) && super::people::is_person_name(bare)
}

/// The medium that opens a dated line (东昌时讯　2020-07-17, 中国网 · 丁萨 | 发布时间：…).
fn lead_publisher(line: &str) -> Option<&str> {
    let lead = line
        .split(|c: char| {
            c == '·' || c == '|' || c == '｜' || c.is_whitespace() || c.is_ascii_digit()
        })
        .next()?
        .trim();
    let n = lead.chars().count();
    let label = lead.contains(['：', ':'])
        || ["发布", "来源", "时间", "日期", "作者", "编辑", "记者"]
            .iter()
            .any(|w| lead.starts_with(w));
    ((2..=12).contains(&n)
        && !label
        && lead
            .chars()
            .all(|c| super::text::is_han(c) || c.is_ascii_alphabetic()))
    .then_some(lead)
}

/// The news agency of a dateline (中新网天津11月1日电, 新华社北京3月5日电).
fn dateline_publisher(line: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"^(\p{Han}{1,6}?(?:网|社|报|台))\p{Han}{0,4}?\d{1,2}月\d{1,2}日电")
            .expect("static pattern")
    });
    re.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str())
}

/// A bare publisher's name on a line of its own (四川日报, 凤鸣新闻网, 凤鸣省人民政府).
fn is_publisher_line(t: &str) -> bool {
    let n = t.chars().count();
    let lx = lexicon();
    (3..=14).contains(&n)
        && t.chars().all(super::text::is_han)
        && (lx.publisher_heads.iter().any(|h| t.ends_with(h))
            || ["人民政府", "办公厅", "办公室"]
                .iter()
                .any(|h| t.ends_with(h))
            || lx
                .agency_suffixes
                .iter()
                .any(|h| h.chars().count() >= 3 && t.ends_with(h)))
}

/// Reads the header: the first line with a date (within the first lines) anchors
/// it; the title is the nearest real line above it, a `——` line is a subtitle,
/// and `来源：X` gives the publisher.
pub fn read_header(text: &str) -> Header {
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    let source = SOURCE.get_or_init(|| {
        Regex::new(r"来源\s*[:：]\s*([^\s\u{3000}\u{a0}|｜]+)").expect("static pattern")
    });
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let content = l.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            let lead = content.len() - content.trim_start().len();
            lines.push((pos + lead, content.trim()));
        }
        pos += l.len();
        if lines.len() >= 16 {
            break;
        }
    }
    let mut h = Header::default();
    let date_line = lines
        .iter()
        .position(|(_, l)| parse_date(l).is_some() && l.chars().count() < 80);
    if let Some(i) = date_line {
        h.date = parse_date(lines[i].1);
        h.date_span = Some((lines[i].0, lines[i].0 + lines[i].1.len()));
        if lines[i].1.starts_with("——") || lines[i].1.starts_with("--") {
            h.subtitle_span = Some((lines[i].0, lines[i].0 + lines[i].1.len()));
        }
        if let Some(j) = (0..i)
            .rev()
            .find(|&j| !is_chrome(lines[j].1) && !lines[j].1.starts_with("——"))
        {
            h.title = Some(lines[j].1.to_string());
            h.title_span = Some((lines[j].0, lines[j].0 + lines[j].1.len()));
        }
    }
    if h.title.is_none() {
        if let Some((s, l)) = lines
            .iter()
            .find(|(_, l)| !is_chrome(l) && l.chars().count() >= 4 && l.chars().count() <= 60)
        {
            h.title = Some(l.to_string());
            h.title_span = Some((*s, s + l.len()));
        }
    }
    if let Some((s, l)) = lines
        .iter()
        .skip_while(|(s, _)| Some(*s) != h.title_span.map(|t| t.0))
        .nth(1)
    {
        if h.subtitle_span.is_none() && l.starts_with("——") {
            h.subtitle_span = Some((*s, s + l.len()));
        }
    }
    for (_, l) in &lines {
        if let Some(c) = source.captures(l) {
            h.publisher = Some(c[1].to_string());
            break;
        }
    }
    // a page's index lines (发布机构：…, 生成日期：…) and a bare publisher's line
    for (_, l) in &lines {
        match index_line(l) {
            Some(("publisher", v)) if h.publisher.is_none() && !v.is_empty() => {
                h.publisher = Some(v.to_string());
            }
            Some(("date", v)) => {
                if let Some(d) = parse_date(v) {
                    h.date.get_or_insert(d);
                }
            }
            _ => {}
        }
    }
    if let Some((s, l)) = lines
        .iter()
        .take_while(|(s, _)| h.title_span.is_none_or(|t| *s < t.0))
        .find(|(_, l)| is_site_line(l))
    {
        h.site = Some(l.to_string());
        h.site_span = Some((*s, s + l.len()));
    }
    // the medium that opens the dated line, a news agency's dateline, a bare publisher's line
    if h.publisher.is_none() {
        h.publisher = date_line
            .and_then(|i| lead_publisher(lines[i].1))
            .or_else(|| lines.iter().find_map(|(_, l)| dateline_publisher(l)))
            .or_else(|| {
                lines
                    .iter()
                    .find(|(_, l)| is_publisher_line(l))
                    .map(|(_, l)| *l)
            })
            .map(str::to_string);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_real_shapes() {
        let news = "江苏省技术产权交易市场\n\n引擎轰鸣,“新”声澎湃\n\n2024-01-31 来源:无锡日报 作者:admin02\n\n正文";
        let h = read_header(news);
        assert_eq!(h.title.as_deref(), Some("引擎轰鸣,“新”声澎湃"));
        assert_eq!(h.date.as_deref(), Some("2024-01-31"));
        assert_eq!(h.publisher.as_deref(), Some("无锡日报"));
        let report = "下载\n打印\n【字号：\n】\n2026年湖南省政府工作报告\n——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n来源：湖南日报\n时间：2026-02-24\n正文";
        let h = read_header(report);
        assert_eq!(h.title.as_deref(), Some("2026年湖南省政府工作报告"));
        assert_eq!(h.date.as_deref(), Some("2026-02-03"));
        assert_eq!(h.publisher.as_deref(), Some("湖南日报"));
        assert!(h.subtitle_span.is_some());
        let report = "2026年凤鸣省人民政府工作报告\n凤鸣日报\n2026年2月3日在凤鸣省第十四届人民代表大会第五次会议上\n\n正文。";
        let h = read_header(report);
        assert_eq!(h.title.as_deref(), Some("2026年凤鸣省人民政府工作报告"));
        assert_eq!(h.publisher.as_deref(), Some("凤鸣日报"));
        assert_eq!(h.date.as_deref(), Some("2026-02-03"));
        let page = "首页 > 政务公开 > 工作总结\n索引号：0001/2024-00012\n发布机构：凤鸣区科技局\n生成日期：2024-12-30\n凤鸣区科技局2024年工作总结\n2024年，凤鸣区科技局…";
        let h = read_header(page);
        assert_eq!(h.title.as_deref(), Some("凤鸣区科技局2024年工作总结"));
        assert_eq!(h.publisher.as_deref(), Some("凤鸣区科技局"));
        assert_eq!(h.date.as_deref(), Some("2024-12-30"));
        let h = read_header("凤鸣省2026年政府工作报告\n2026年1月27日在凤鸣省人民代表大会上 凤鸣省省长 王明\n凤鸣省人民政府\n\n一、回顾");
        assert_eq!(h.publisher.as_deref(), Some("凤鸣省人民政府"));
        assert_eq!(h.title.as_deref(), Some("凤鸣省2026年政府工作报告"));
        let h = read_header("凤鸣区与凤鸣大学举行校地合作签约仪式\n王小明\n凤鸣时讯　2020-07-17 08:26\n\n凤鸣讯　7月16日，…");
        assert_eq!(
            h.title.as_deref(),
            Some("凤鸣区与凤鸣大学举行校地合作签约仪式")
        );
        assert_eq!(h.publisher.as_deref(), Some("凤鸣时讯"));
        let h = read_header("您的位置：首页 > 要闻\n\n凤鸣区政府签约\n\n凤鸣网 · 王小明　通讯员 李四　|　发布时间：2021-09-18 15:56:36\n\n正文");
        assert_eq!(h.title.as_deref(), Some("凤鸣区政府签约"));
        assert_eq!(h.publisher.as_deref(), Some("凤鸣网"));
        assert_eq!(h.date.as_deref(), Some("2021-09-18"));
        let h = read_header("[ 索引号 ] 11500107/2024-01986\n[ 发布机构 ] 凤鸣高新区管理委员会办公室\n[ 成文日期 ] 2024-03-01\n\n2023年工作情况");
        assert_eq!(h.publisher.as_deref(), Some("凤鸣高新区管理委员会办公室"));
        assert_eq!(h.date.as_deref(), Some("2024-03-01"));
        assert_eq!(h.title.as_deref(), Some("2023年工作情况"));
        let h = read_header("凤鸣园开园\n\n发布时间：2024-11-15 14:11:20\n\n凤鸣网天津11月1日电（王小明）11月1日，凤鸣园开园。");
        assert_eq!(h.publisher.as_deref(), Some("凤鸣网"));
        let h = read_header("只有一行正文，没有日期。");
        assert_eq!(h.date, None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024年1月31日").as_deref(), Some("2024-01-31"));
        assert_eq!(parse_date("2024/13/01"), None);
    }
}
