//! Character classes and word lists shared by the extraction rules.
//!
//! These are facts of the Chinese language as policy texts use it (verbs that
//! govern a name, function words, generic policy vocabulary), not names.

// FxHash: looked up for every character left of every head word
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// Is `c` a CJK ideograph?
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Characters that may stand inside a name besides ideographs.
pub fn is_name_char(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            '·' | '•' | '+' | '.' | '—' | '-' | '－' | '（' | '）' | '(' | ')' | '“' | '”' | '"'
        )
}

/// Punctuation and spaces that always end a name.
pub fn is_hard_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | '、'
                | '！'
                | '？'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '《'
                | '》'
                | '【'
                | '】'
                | '「'
                | '」'
                | '\u{3000}'
                | '…'
                | '|'
                | '/'
                | '／'
        )
}

/// Verbs and adverbs that govern a following name: a name never begins before them.
pub const GOVERNING: &[&str] = &[
    "出席",
    "转为",
    "使用",
    "充实",
    "纳入",
    "调低",
    "试编",
    "清理",
    "规范",
    "筹建",
    "学习",
    "盯准",
    "瞄准",
    "紧盯",
    "锁定",
    "推动",
    "推进",
    "支持",
    "加快",
    "建设",
    "发挥",
    "对接",
    "实施",
    "设立",
    "打造",
    "做大",
    "做强",
    "做优",
    "开展",
    "举办",
    "建立",
    "完善",
    "培育",
    "布局",
    "围绕",
    "聚焦",
    "加强",
    "深化",
    "深入",
    "持续",
    "积极",
    "全力",
    "大力",
    "着力",
    "努力",
    "争创",
    "创建",
    "成立",
    "组建",
    "引进",
    "落地",
    "启动",
    "出台",
    "制定",
    "编制",
    "获评",
    "获批",
    "入选",
    "依托",
    "利用",
    "用好",
    "形成",
    "规划",
    "新建",
    "投用",
    "筹划",
    "组织",
    "承办",
    "主办",
    "参加",
    "参与",
    "推出",
    "发布",
    "构建",
    "搭建",
    "共建",
    "携手",
    "融入",
    "链接",
    "牵头",
    "申报",
    "认定",
    "成为",
    "作为",
    "包括",
    "落实",
    "宣传",
    "抓好",
    "打响",
    "力促",
    "助推",
    "提速",
    "完成",
    "上线",
    "运行",
    "拓展",
    "吸引",
    "召开",
    "举行",
    "成功",
    "圆满",
    "联合",
    "对标",
    "优化",
    "提升",
    "壮大",
    "发展",
    "加大",
    "鼓励",
    "引导",
    "探索",
    "实现",
    "健全",
    "强化",
    "巩固",
    "扩大",
    "稳步",
    "全面",
    "进一步",
    "高水平",
    "高质量",
    "扎实",
    "统筹",
    "主动",
    "谋划",
    "建成",
    "开工",
    "启用",
    "揭牌",
    "签约",
    "引入",
    "招引",
    "集聚",
    "入驻",
    "落户",
    "设置",
    "部署",
    "聚力",
    "聚焦于",
    "还有",
    "以及",
    "其中",
    "另有",
    "通过",
    "按照",
    "根据",
    "围绕着",
    "加速",
    "全速",
    "奋力",
    "力争",
    "确保",
    "争取",
    "计划",
    "预计",
    "首批",
    "一批",
    "各类",
    "各级",
    "一系列",
    "系列",
    "若干",
    "多个",
    "一流",
    "迈向",
    "助力",
    "赋予",
    "实行",
    "举全",
    "编好",
    "用活",
    "办好",
    "办成",
    "开好",
    "推广",
    "复制",
    "立项",
    "提交",
    "提请",
    "划转",
    "调入",
    "加入",
    "提高",
    "严格",
    "管好",
    "建强",
    "分批",
    "重组",
    "新增",
    "荣获",
    "获得",
    "冲刺",
    "锻造",
    "面向",
    "入列",
    "挂牌",
    "更名为",
    "改名为",
    "升格为",
    "转设为",
    "发行",
    "牵引",
    "支撑",
    "坚持",
    "建好",
    "接入",
    "覆盖",
    "进入",
    "做出",
    "作出",
    "见诸",
    "安排",
    "体现",
    "促进",
    "申办",
    "争办",
    "筹备",
    "跻身",
    "分获",
    "计提",
    "重构",
    "压减",
    "倚重",
    "印发",
    "新设",
    "更名",
    "足额",
    "严守",
    "增强",
    "理顺",
    "做好",
    "有序",
    "丰富",
    "重塑",
    "释放",
    "改造",
    "加力",
    "修改",
    "争建",
    "夯实",
    "兴办",
    "做实",
    "增加",
    "维修",
    "养护",
    "延长",
    "铸牢",
];

/// Function words that end a name to their left.
pub const FUNCTION_CHARS: &[char] = &[
    '的', '在', '与', '和', '同', '对', '向', '从', '把', '被', '将', '为', '以', '等', '由', '有',
    '了', '或', '并', '是', '于', '跟', '至', '及', '中', '上', '下', '也', '又', '还', '即', '让',
    '使', '给', '赴', '去',
];

/// Words of policy language that do not make a name proper: a name made of
/// nothing else (and industries) is generic, and scoped to its division.
pub const GENERIC_WORDS: &[&str] = &[
    "在线",
    "军事",
    "其他",
    "其它",
    "经营性",
    "信贷",
    "个人",
    "总体",
    "生产",
    "基本建设",
    "主要",
    "先行",
    "既有",
    "更多",
    "新一轮",
    "一体",
    "自治区",
    "省外",
    "世界一流",
    "中国特色",
    "市属",
    "现代产业",
    "校企联合",
    "中型",
    "大型",
    "小型",
    "一期",
    "二期",
    "三期",
    "政务",
    "统筹",
    "国家级",
    "省级",
    "市级",
    "区级",
    "县级",
    "国家",
    "国际",
    "全国",
    "全省",
    "全市",
    "全区",
    "重点",
    "重大",
    "科技",
    "科创",
    "创新",
    "创业",
    "双创",
    "企业",
    "人才",
    "产业",
    "数字",
    "经济",
    "高端",
    "发展",
    "建设",
    "服务",
    "综合",
    "综合性",
    "专业",
    "专业化",
    "技术",
    "研发",
    "成果",
    "转化",
    "赋能",
    "生态",
    "优化",
    "提升",
    "攻坚",
    "引育",
    "载体",
    "提效",
    "做强",
    "倍增",
    "导入",
    "未来",
    "新兴",
    "战略性",
    "特色",
    "示范",
    "先进",
    "现代",
    "现代化",
    "高新",
    "高新技术",
    "新型",
    "公共",
    "共享",
    "开放",
    "合作",
    "交流",
    "协同",
    "一站式",
    "线上",
    "线下",
    "孵化",
    "加速",
    "众创",
    "空间",
    "金融",
    "投资",
    "创投",
    "天使",
    "引导",
    "政策",
    "项目",
    "工作",
    "管理",
    "人力",
    "资源",
    "信息",
    "智能",
    "智慧",
    "绿色",
    "低碳",
    "高质量",
    "高水平",
    "高能级",
    "大型",
    "小型",
    "中小",
    "中小企业",
    "科技型",
    "创新型",
    "龙头",
    "骨干",
    "领军",
    "青年",
    "海外",
    "海内外",
    "国内",
    "城市",
    "区域",
    "园区",
    "基地",
    "中心",
    "平台",
    "市场",
    "实验",
    "研究",
    "工程",
    "产学研",
    "校企",
    "联盟",
    "新",
    "大",
    "高",
    "优",
    "强",
    "精",
    "特",
    "专",
    "一批",
    "若干",
    "多",
    "各类",
    "首批",
    "融合",
    "深度",
    "行业",
    "领域",
    "集群",
    "产业链",
    "供应链",
    "创新链",
    "人才链",
    "资金链",
    "招商",
    "引才",
    "引智",
    "成长",
    "培育",
    "行动",
    "计划",
    "体系",
    "机制",
    "制度",
    "标准",
    "质量",
    "品牌",
    "文化",
    "教育",
    "医疗",
    "卫生",
    "环保",
    "节能",
    "能源",
    "材料",
    "制造",
    "装备",
    "概念",
    "验证",
    "中试",
    "检测",
    "认证",
    "知识产权",
    "专利",
    "成果转化",
    "技术转移",
    "应用",
    "场景",
    "示范区",
    "先行区",
    "试验区",
    "改革",
    "试点",
    "孵化器",
    "实际",
    "具体",
    "有效",
    "老",
    "工业",
    "零碳",
    "融资",
    "综治",
    "贸易",
    "社区",
    "卫生",
    "区域",
    "医学",
    "医疗",
    "互联网",
    "农业",
    "物流",
    "数据",
    "人民",
    "特区",
    "世界",
    "一流",
    "直属",
    "师范",
    "函授",
    "应用型",
    "研究型",
    "电视",
    "普通",
    "本科",
    "高校",
    "教育部",
    "分类",
    "职业",
    "老年",
    "形象",
    "医保",
    "社保",
    "养老",
    "保险",
    "失业",
    "消费",
    "政府性",
    "社会",
    "保障",
    "稳定",
    "调节",
    "财政",
    "政府",
    "产业投资",
    "市",
    "省",
    "区",
    "县",
    "风险",
    "基本",
    "职工",
    "代表",
    "加速器",
    "制造业",
    "服务业",
    "重要",
    "招才",
    "离岸",
    "专项",
    "新城",
    "载体",
    "提质",
    "增效",
    "升级",
    "转型",
    "更新",
    "赛道",
    "生产力",
    "新质",
    "全链条",
    "全生命周期",
];

/// Is the text before byte `at` (within `s`) ended by a governing word?
pub fn ends_with_governing(s: &str) -> bool {
    // hashed suffixes instead of a scan of the list: this runs for every
    // character left of every head word, and the scan was the extractor's hot spot
    let (set, longest) = governing_set();
    s.char_indices()
        .rev()
        .take(*longest)
        .any(|(i, _)| set.contains(&s[i..]))
}

/// Names that begin with a governing word: 联合国 is not 联合 + 国.
const NAMES_LED_BY_A_VERB: &[&str] = &["联合国"];

/// Does a governing word end at byte `pos` of `text`, one that is not the
/// start of a name such as 联合国?
pub fn governs_at(text: &str, pos: usize) -> bool {
    let (before, after) = text.split_at(pos);
    ends_with_governing(before)
        && !NAMES_LED_BY_A_VERB.iter().any(|n| {
            n.char_indices()
                .skip(1)
                .any(|(k, _)| before.ends_with(&n[..k]) && after.starts_with(&n[k..]))
        })
}

/// Does `s` begin with a governing word (and not with a name such as 联合国)?
pub fn starts_with_governing(s: &str) -> bool {
    if NAMES_LED_BY_A_VERB.iter().any(|n| s.starts_with(n)) {
        return false;
    }
    let (set, longest) = governing_set();
    s.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .take(*longest)
        .any(|end| set.contains(&s[..end]))
}

fn governing_set() -> &'static (HashSet<&'static str>, usize) {
    static SET: OnceLock<(HashSet<&'static str>, usize)> = OnceLock::new();
    SET.get_or_init(|| word_set(GOVERNING))
}

/// A list as a hash set, with the length in characters of its longest word.
fn word_set(words: &'static [&'static str]) -> (HashSet<&'static str>, usize) {
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    (words.iter().copied().collect(), longest)
}

fn is_generic_word(w: &str) -> bool {
    static SET: OnceLock<(HashSet<&'static str>, usize)> = OnceLock::new();
    SET.get_or_init(|| word_set(GENERIC_WORDS)).0.contains(w)
}

/// Splits `s` greedily into known words; true when every character is covered
/// by `GENERIC_WORDS`, `extra` words (industries) or digits.
pub fn is_generic(s: &str, extra: &dyn Fn(&str) -> bool) -> bool {
    let kept: String = s
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”'
                    | '"'
                    | '、'
                    | '·'
                    | '（'
                    | '）'
                    | '('
                    | ')'
                    | '及'
                    | '和'
                    | '与'
                    | '—'
                    | '-'
            )
        })
        .collect();
    // char boundaries, so that candidate words are slices, not new strings
    let bounds: Vec<usize> = kept
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(kept.len()))
        .collect();
    let n = bounds.len() - 1;
    let mut i = 0;
    'outer: while i < n {
        if kept.as_bytes()[bounds[i]].is_ascii_digit() {
            i += 1;
            continue;
        }
        for len in (1..=(n - i).min(8)).rev() {
            let w = &kept[bounds[i]..bounds[i + len]];
            if is_generic_word(w) || (len >= 2 && extra(w)) {
                i += len;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// Converts byte offsets into code-point offsets for one text, in increasing order.
pub struct CharIndex {
    /// byte offset of each char boundary, in order
    bounds: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bounds.push(text.len());
        CharIndex { bounds }
    }

    /// The code-point offset of a byte offset on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.bounds.partition_point(|&b| b < byte)
    }
}

/// The char just before byte `at`.
pub fn prev_char(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

/// The char at byte `at`.
pub fn next_char(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

/// Canonical label of a name: quotes removed, ASCII parentheses and dashes made
/// full-width, a leading ordinal (第五届) or year (2024, 2024年) dropped.
pub fn canonical_label(s: &str) -> String {
    let mut t: String = s
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」' | '《' | '》'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '-' | '－' | '–' | '―' => '—',
            '•' => '·',
            c => c,
        })
        .collect();
    loop {
        let before = t.clone();
        if let Some(rest) = strip_ordinal(&t) {
            t = rest;
        }
        if let Some(rest) = strip_year(&t) {
            t = rest;
        }
        if t == before {
            break;
        }
    }
    // 国家级重大人才工程 is 国家重大人才工程
    if let Some(rest) = t.strip_prefix("国家级") {
        if rest.chars().count() >= 4 {
            t = format!("国家{rest}");
        }
    }
    t.trim().to_string()
}

fn strip_ordinal(t: &str) -> Option<String> {
    let rest = t.strip_prefix('第')?;
    let n = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百零".contains(*c))
        .count();
    if n == 0 {
        return None;
    }
    let after: String = rest.chars().skip(n).collect();
    let after = after
        .strip_prefix('届')
        .or_else(|| after.strip_prefix('期'))?;
    (after.chars().count() >= 2).then(|| after.to_string())
}

fn strip_year(t: &str) -> Option<String> {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 {
        return None;
    }
    let rest: String = t.chars().skip(4).collect();
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
        .unwrap_or(&rest);
    (rest.chars().count() >= 3 && rest.chars().next().is_some_and(is_han)).then(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_labels() {
        for (input, want) in [
            ("“霞客杯”创新创业大赛", "霞客杯创新创业大赛"),
            ("第五届宜兴太湖湾精英挑战赛", "宜兴太湖湾精英挑战赛"),
            ("2024宜兴国际科创英才节", "宜兴国际科创英才节"),
            ("长三角(江阴)数字创新港", "长三角（江阴）数字创新港"),
            (
                "宜兴-上海(卓易)人才科创飞地",
                "宜兴—上海（卓易）人才科创飞地",
            ),
            (
                "第三届无锡锡山大院大所合作发展大会",
                "无锡锡山大院大所合作发展大会",
            ),
            ("锡山英才计划3.0", "锡山英才计划3.0"),
            ("5G", "5G"),
        ] {
            assert_eq!(canonical_label(input), want, "{input}");
        }
    }

    #[test]
    fn generic_names_are_recognised() {
        let industries = |w: &str| ["医疗器械", "生命健康", "数字经济"].contains(&w);
        for (input, want) in [
            ("科创企业引育攻坚行动", true),
            ("综合性专业化科创平台", true),
            ("医疗器械", true),
            ("霞客之光", false),
            ("培源科学城", false),
            ("梁溪科技城", false),
        ] {
            assert_eq!(is_generic(input, &industries), want, "{input}");
        }
    }

    #[test]
    fn governing_words_at_either_end() {
        for (input, starts, ends) in [
            ("推动凤鸣科学城", true, false),
            ("凤鸣计划", false, true),
            ("更名为", true, true),
            ("凤鸣计划入列", false, true),
            ("推", false, false),
            ("", false, false),
            ("凤鸣科学城", false, false),
            ("联合国大会", false, false),
        ] {
            assert_eq!(starts_with_governing(input), starts, "{input}");
            assert_eq!(ends_with_governing(input), ends, "{input}");
        }
        // 联合 before 国 is the name 联合国, before 攻关 a verb
        assert!(!governs_at("举办联合国大会", "举办联合".len()));
        assert!(governs_at("开展联合攻关", "开展联合".len()));
    }

    #[test]
    fn char_offsets() {
        let s = "a江阴b";
        let idx = CharIndex::new(s);
        assert_eq!(idx.char_offset(0), 0);
        assert_eq!(idx.char_offset(1), 1);
        assert_eq!(idx.char_offset(4), 2);
        assert_eq!(idx.char_offset(7), 3);
        assert_eq!(idx.char_offset(8), 4);
    }
}
