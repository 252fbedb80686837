//! The temporal frame of a document: which year a figure is for, and whether it
//! is a record of that year or a goal for it.
//!
//! The frame comes from the document (its date or the year of its title: a
//! report given in January reviews the year before and plans the year it is
//! given in), its sections (一、2025年工作回顾 / 三、2026年重点工作), each
//! paragraph's own cues when no heading says (many records and results → a
//! review; clauses led by plan verbs → a plan), the year the text turns to
//! (2023年，… / 今年), and the clause's own words (力争 → a goal, 预计 → an
//! estimate of the year under review, 同比 → a record). An explicit year always
//! wins; a figure never goes without a year when the document has one.

use super::attribution::Status;
use super::lexicon::{lexicon, Cue, Frame};
use super::metadata::Header;
use regex::Regex;
use std::sync::OnceLock;

/// The temporal frame of one document.
#[derive(Debug, Clone, Default)]
pub struct TemporalFrame {
    /// The calendar year the document was written in.
    pub year: Option<i32>,
    /// The year its records are of, when no other cue says.
    pub review_year: Option<i32>,
    /// The year its goals are for, when no other cue says.
    pub plan_year: Option<i32>,
    /// (byte offset of a heading, the frame it opens, the year it names)
    headings: Vec<(usize, Option<Frame>, Option<i32>)>,
    /// (start, end, frame) of each paragraph, from its own cues
    paragraphs: Vec<(usize, usize, Frame)>,
    /// (byte offset, year) where the text turns to a year (2023年，… / 今年)
    years: Vec<(usize, i32)>,
}

fn year_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年").expect("static pattern"))
}

/// A year written in `s` (2026年, not the 2026 of 2026年2月3日's date).
fn explicit_years(s: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    year_re().captures_iter(s).filter_map(move |c| {
        let m = c.get(0)?;
        if s[m.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
            return None;
        }
        Some((m.start(), c[1].parse().ok()?))
    })
}

/// Years that open a name (2021杭州国际人才交流与项目合作大会, 2024中关村论坛):
/// four digits 19xx or 20xx right before an ideograph other than 年.
fn name_years(s: &str) -> impl Iterator<Item = i32> + '_ {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"(?:^|[^\d.])((?:19|20)\d{2})\p{Han}").expect("static pattern")
    });
    re.captures_iter(s).filter_map(move |c| {
        let m = c.get(1)?;
        (!s[m.end()..].starts_with('年')).then(|| m.as_str().parse().ok())?
    })
}

/// Is the year at `pos` of `s` the base of a comparison (比2000年, 与2000年相比)?
fn is_base(s: &str, pos: usize) -> bool {
    let after = s[pos..]
        .find('年')
        .map_or("", |e| &s[pos + e + '年'.len_utf8()..]);
    s[..pos].ends_with(['比', '较', '与', '同', '和'])
        || after.starts_with("相比")
        || after.starts_with("比较")
}

/// The whole sentence of `text` up to `at`, across its clauses (2023年全区…；规上
/// 工业企业…: the year of the first clause holds for the next).
fn full_sentence_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '\n' | '！' | '？'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    &text[start..at]
}

/// The clause of `text` up to `at` (back to a comma).
fn clause_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | ',' | '。' | '；' | ';' | '\n' | '！' | '？'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    &text[start..at]
}

/// The sentence of `text` up to `at`.
fn sentence_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '；' | '\n' | '！' | '？'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    &text[start..at]
}

/// The base year of a comparison in the sentence before `at`: 2000 in
/// 2005年与2000年相比，国内生产总值增长57.3%.
pub fn base_year(text: &str, at: usize) -> Option<i32> {
    let sentence = sentence_before(text, at);
    explicit_years(sentence)
        .filter(|(p, _)| is_base(sentence, *p))
        .last()
        .map(|(_, y)| y)
}

/// The words of a title that make a document a record of its year (总结) rather than a plan.
/// The year of a short line that reviews it: 一、2024年工作回顾 → 2024.
fn review_heading_year(text: &str) -> Option<i32> {
    text.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|l| l.chars().count() <= 16 && RECORD_TITLES[..2].iter().any(|w| l.ends_with(w)))
        .find_map(|l| explicit_years(l).next().map(|(_, y)| y))
}

const RECORD_TITLES: &[&str] = &["总结", "回顾", "年报", "成效", "综述", "情况"];

impl TemporalFrame {
    /// Reads the frame of `text`. `date` is the document's date if known
    /// (`YYYY-MM-DD`, from the reader or the header); `body` is where the
    /// text after the header begins; `title` is the reader's title (a JSON
    /// Lines field, an HTML `<title>`), which counts before the text's own.
    pub fn new(
        text: &str,
        header: &Header,
        title: Option<&str>,
        date: Option<&str>,
        body: usize,
    ) -> TemporalFrame {
        let title = title.or(header.title.as_deref());
        let mut f = TemporalFrame::default();
        let parsed = date.and_then(|d| {
            let y: i32 = d.get(..4)?.parse().ok()?;
            let m: u32 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
            Some((y, m))
        });
        let title_year = title.and_then(|t| explicit_years(t).next().map(|(_, y)| y));
        let record_title = title.is_some_and(|t| RECORD_TITLES.iter().any(|w| t.contains(w)));
        match (parsed, title_year) {
            // the title's year says what the document is about: 2024年工作总结 dated 2025-01
            (_, Some(y)) if record_title => {
                f.review_year = Some(y);
                f.plan_year = Some(y + 1);
                f.year = parsed.map(|p| p.0).or(Some(y));
            }
            (None, Some(y)) => {
                // 2026年政府工作报告: a plan for its year, reviewing the one before
                f.year = Some(y);
                f.plan_year = Some(y);
                f.review_year = Some(y - 1);
            }
            (Some((py, m)), Some(y)) if py == y => {
                f.year = Some(y);
                // a year-end text of the title's year reviews that year
                (f.review_year, f.plan_year) = if m >= 10 {
                    (Some(y), Some(y + 1))
                } else {
                    (Some(y - 1), Some(y))
                };
            }
            (Some((y, m)), _) => {
                f.year = Some(y);
                (f.review_year, f.plan_year) = match m {
                    1..=4 => (Some(y - 1), Some(y)),
                    10..=12 => (Some(y), Some(y + 1)),
                    _ => (Some(y), Some(y)),
                };
            }
            (None, None) => {
                // no date anywhere: a heading 2024年工作回顾 opens the review of that
                // year, so the plan that follows is for the next one
                if let Some(y) = review_heading_year(text) {
                    f.year = Some(y + 1);
                    f.review_year = Some(y);
                    f.plan_year = Some(y + 1);
                } else if let Some(y) = explicit_years(text)
                    .map(|(_, y)| y)
                    .chain(name_years(text))
                    .max()
                {
                    // else the latest year the text names is the one it speaks of
                    f.year = Some(y);
                    f.review_year = Some(y);
                    f.plan_year = Some(y);
                }
            }
        }
        f.headings = headings(text, body);
        f.paragraphs = paragraph_frames(text, body);
        f.years = year_cues(text, &f)
            .into_iter()
            .filter(|c| c.0 > body)
            .collect();
        f
    }

    /// The frame a heading before `at` opens, with its offset.
    fn heading_at(&self, at: usize) -> Option<(usize, Frame, Option<i32>)> {
        let i = self.headings.partition_point(|h| h.0 <= at);
        self.headings[..i]
            .iter()
            .rev()
            .find_map(|&(p, fr, y)| fr.map(|fr| (p, fr, y)))
    }

    fn paragraph_at(&self, at: usize) -> Option<Frame> {
        let i = self.paragraphs.partition_point(|p| p.0 <= at);
        let p = self.paragraphs.get(i.checked_sub(1)?)?;
        (at < p.1).then_some(p.2)
    }

    /// The year a figure at byte `at` is for and whether it is a target;
    /// `floor` is where the section of its division begins (a year the text
    /// turned to before that does not carry over).
    pub fn year_and_status(&self, text: &str, at: usize, floor: usize) -> (Option<i32>, Status) {
        let sentence = sentence_before(text, at);
        // the clause's own words
        let cue = lexicon()
            .cues
            .iter()
            .filter(|(_, c)| matches!(c, Cue::Target | Cue::Estimate | Cue::Actual))
            // the cue that ends last, the longer of two ending together
            // (年初确定的主要目标 over 主要目标)
            .filter_map(|(w, c)| sentence.rfind(w).map(|p| ((p + w.len(), w.len()), *c)))
            .max_by_key(|(p, _)| *p)
            .map(|(_, c)| c);
        // a word of achievement in the figure's own clause, with no goal there,
        // makes it a record whatever goal an earlier clause set (争取…，获批立项8个)
        let clause = clause_before(text, at);
        let achieved = |kind: Cue| {
            lexicon()
                .cues
                .iter()
                .any(|(w, c)| *c == kind && clause.contains(w))
        };
        let cue = if achieved(Cue::Achieved) && !achieved(Cue::Target) {
            Some(Cue::Actual)
        } else {
            cue
        };
        // the year a figure is for, not the base it is compared with (比2000年)
        let whole = full_sentence_before(text, at);
        let explicit = explicit_years(whole)
            .filter(|(p, _)| !is_base(whole, *p))
            .last()
            .map(|(_, y)| y);
        let heading = self.heading_at(at);
        let floor = floor.max(heading.map_or(0, |h| h.0));
        let context = self
            .years
            .iter()
            .rev()
            .find(|(p, _)| *p <= at && *p >= floor)
            .map(|(_, y)| *y);
        let frame = heading.map(|h| h.1).or_else(|| self.paragraph_at(at));
        let heading_year = heading.and_then(|h| h.2);
        let (base_year, base_status) = match frame {
            Some(Frame::Plan) => (heading_year.or(self.plan_year), Status::Target),
            Some(Frame::Review) => (heading_year.or(self.review_year), Status::Actual),
            None => (self.review_year, Status::Actual),
        };
        let year = explicit.or(context).or(base_year);
        let status = match cue {
            Some(Cue::Target) => Status::Target,
            Some(Cue::Estimate | Cue::Actual) => Status::Actual,
            // a year the text names is a record when before the plan year
            _ => match (explicit.or(context), self.plan_year) {
                (Some(y), Some(p)) if self.review_year.is_some_and(|r| r < p) => {
                    if y >= p {
                        Status::Target
                    } else {
                        Status::Actual
                    }
                }
                _ => base_status,
            },
        };
        // 预计 is an estimate of the year under review, whatever the section
        let year = if cue == Some(Cue::Estimate) && explicit.is_none() {
            self.review_year.or(year)
        } else {
            year
        };
        (year, status)
    }
}

/// Headings (short lines, or a chapter marker and a short title) that open a
/// review or a plan, with the year they name.
fn headings(text: &str, body: usize) -> Vec<(usize, Option<Frame>, Option<i32>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if start < body {
            continue;
        }
        let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if t.is_empty() || t.chars().count() > 40 {
            continue;
        }
        let marked = t.starts_with(|c: char| super::numerals::TO_TEN.contains(c))
            && t.chars().find(|c| !super::numerals::TO_TEN.contains(*c)) == Some('、');
        if !marked && t.ends_with(['。', '；', '，']) {
            continue;
        }
        let frames: Vec<Frame> = lexicon()
            .frames
            .iter()
            .filter(|(w, _)| t.contains(w))
            .map(|(_, f)| *f)
            .collect();
        let frame = match (
            frames.contains(&Frame::Review),
            frames.contains(&Frame::Plan),
        ) {
            (true, false) => Some(Frame::Review),
            (false, true) => Some(Frame::Plan),
            _ => None,
        };
        let year = explicit_years(t).next().map(|(_, y)| y);
        if frame.is_some() || marked {
            out.push((start, frame, year));
        }
    }
    out
}

fn growth_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:增长|下降|提高)\d+(?:\.\d+)?%(左右|以上)?").expect("static pattern")
    })
}

/// Each paragraph's frame from its own cues: records and results (了, 取得,
/// 建成, 增长5%) against clauses led by plan words (加快, 推进, 将). The
/// weights were set on the 27 provincial reports of 2026, whose review and
/// plan parts are headed: 84% of their paragraphs are read right.
fn paragraph_frames(text: &str, body: usize) -> Vec<(usize, usize, Frame)> {
    let lx = lexicon();
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (pos, pos + line.len());
        pos = end;
        if end <= body || line.trim().chars().count() < 20 {
            continue;
        }
        let mut plan = 0usize;
        // a growth rate is a record; one with 左右 or 以上 is a goal
        let mut record = 2 * growth_re()
            .captures_iter(line)
            .filter(|c| c.get(1).is_none())
            .count();
        for clause in line.split(['，', '；', '。', '！', '？']) {
            let clause = clause.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
            // （三）提升…: the marker of a numbered heading is not the clause's first word
            let clause = clause
                .strip_prefix(['（', '('])
                .and_then(|r| r.split_once(['）', ')']))
                .map_or(clause, |(_, r)| r);
            if lx
                .cues
                .iter()
                .any(|(w, c)| *c == Cue::Plan && clause.starts_with(w))
            {
                plan += 1;
            }
        }
        for (w, c) in &lx.cues {
            if matches!(c, Cue::Record | Cue::Achieved) {
                record += line.matches(w).count();
            }
        }
        // no cue either way (a news item's facts): no frame, the document's decides
        if plan == 0 && record == 0 {
            continue;
        }
        // twice as many plan clauses as records: a plan
        let frame = if 2 * record > plan {
            Frame::Review
        } else {
            Frame::Plan
        };
        out.push((start, end, frame));
    }
    out
}

/// Where the text turns to a year at a sentence's start: 2023年，… / 今年 /
/// 过去一年 / 新的一年.
fn year_cues(text: &str, f: &TemporalFrame) -> Vec<(usize, i32)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r"(?m)(?:^|[。；！？\n])[\s\u{3000}\u{a0}]*((?:19|20)\d{2})年|(?:^|[。；！？\n])[\s\u{3000}\u{a0}]*(今年|新的一年|新一年|本年度|过去一年|过去的一年|一年来|去年|上一年|明年)")
            .expect("static pattern")
    });
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let at = c.get(0).map_or(0, |m| m.end());
        // 2026年2月3日 is a date, not the year the text turns to (今年6月 turns to this year)
        if c.get(1).is_some() && text[at..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        if let Some(y) = c.get(1).and_then(|m| m.as_str().parse().ok()) {
            out.push((at, y));
        } else if let Some(w) = c.get(2) {
            let y = match w.as_str() {
                "过去一年" | "过去的一年" | "一年来" => f.review_year,
                "去年" | "上一年" => f.year.map(|y| y - 1),
                "明年" => f.year.map(|y| y + 1),
                "新的一年" | "新一年" => f.plan_year,
                _ => f.year,
            };
            if let Some(y) = y {
                out.push((at, y));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::metadata::read_header;

    fn frame_of(text: &str) -> (TemporalFrame, String) {
        let h = read_header(text);
        let body = h.title_span.map_or(0, |s| s.1);
        (
            TemporalFrame::new(text, &h, None, h.date.as_deref(), body),
            text.to_string(),
        )
    }

    fn at(f: &(TemporalFrame, String), needle: &str) -> (Option<i32>, Status) {
        let p = f.1.find(needle).unwrap();
        f.0.year_and_status(&f.1, p, 0)
    }

    #[test]
    fn a_report_reviews_the_year_before_and_plans_its_own() {
        let text = "2026年凤鸣省政府工作报告\n——2026年1月27日在凤鸣省人民代表大会上\n\n一、2025年工作回顾\n\n科技创新取得新成效，技术合同成交额突破300亿元、增长15%，新增高新技术企业500家。\n\n三、2026年重点工作\n\n加快建设创新平台，新建中试基地10家，预计全年增长5%。力争研发投入增长8%。\n";
        let f = frame_of(text);
        assert_eq!(f.0.review_year, Some(2025));
        assert_eq!(f.0.plan_year, Some(2026));
        assert_eq!(at(&f, "300亿元"), (Some(2025), Status::Actual));
        assert_eq!(at(&f, "500家"), (Some(2025), Status::Actual));
        assert_eq!(at(&f, "10家"), (Some(2026), Status::Target));
        // 预计: an estimate of the year under review
        assert_eq!(at(&f, "5%"), (Some(2025), Status::Actual));
        assert_eq!(at(&f, "8%"), (Some(2026), Status::Target));
    }

    #[test]
    fn paragraphs_without_a_heading_are_read_by_their_cues() {
        let plan = "2026年凤鸣省政府工作报告\n\n（三）提升科技创新效能。组建省产业技术研究院，新建概念验证中心5家、中试基地10家。培育技术经理人超过600人。加快推进高校改革。\n";
        let f = frame_of(plan);
        assert_eq!(at(&f, "5家"), (Some(2026), Status::Target));
        assert_eq!(at(&f, "600人"), (Some(2026), Status::Target));
        let review = "2026年凤鸣省政府工作报告\n\n二是科技兴产业成效明显。锦屏装置获批建设，技术合同成交额突破3000亿元、增长15.1%，新增规上工业企业1494家，成功落地凤鸣母基金。\n";
        let f = frame_of(review);
        assert_eq!(at(&f, "1494家"), (Some(2025), Status::Actual));
    }

    #[test]
    fn a_year_the_text_turns_to_wins() {
        let text = "凤鸣区科技局谈新一年\n2024-01-31 来源：凤鸣日报\n\n2023年，凤鸣区新增省级平台25个。\n2024年，我们将新增高新技术企业120家。\n";
        let f = frame_of(text);
        assert_eq!(at(&f, "25个"), (Some(2023), Status::Actual));
        assert_eq!(at(&f, "120家"), (Some(2024), Status::Target));
        // a year-end summary reviews its own year
        let text =
            "凤鸣区科技局2024年工作总结\n发布日期：2024-12-30\n\n全年新增科技型企业300家。\n";
        let f = frame_of(text);
        assert_eq!(f.0.review_year, Some(2024));
        assert_eq!(at(&f, "300家"), (Some(2024), Status::Actual));
    }

    #[test]
    fn a_document_without_a_date_still_has_a_year() {
        let text = "凤鸣区科技创新情况\n\n2024年，我区新增科技型企业300家。全区研发投入增长10%。\n";
        let f = frame_of(text);
        assert_eq!(at(&f, "10%"), (Some(2024), Status::Actual));
    }
}
