//! Chinese numerals and the words that qualify a figure, read from
//! `data/lexicon/numerals.tsv` and `data/lexicon/qualifiers.tsv`: every pass
//! that asks "is this a numeral?" or "what bound does 以上 set?" asks here.

use super::lexicon::columns;
use std::sync::OnceLock;

/// The two lists, parsed on first use.
struct Table {
    numerals: Vec<Numeral>,
    qualifiers: Vec<Qualifier>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(Table::load)
}

impl Table {
    fn load() -> Table {
        let mut t = Table {
            numerals: Vec::new(),
            qualifiers: Vec::new(),
        };
        for r in columns("numerals.tsv") {
            let kind = match r.get(2).copied() {
                Some("zero") => Kind::Zero,
                Some("digit") => Kind::Digit,
                Some("counting") => Kind::Counting,
                Some("unit") => Kind::Unit,
                other => panic!("data/lexicon/numerals.tsv: unknown kind {other:?}"),
            };
            t.numerals.push(Numeral {
                ch: r[0]
                    .chars()
                    .next()
                    .expect("a numeral row names its character"),
                value: r[1]
                    .parse()
                    .expect("data/lexicon/numerals.tsv: a value is a number"),
                kind,
            });
        }
        for r in columns("qualifiers.tsv") {
            let bound = match r.get(2).copied() {
                Some("at_least") => Bound::AtLeast,
                Some("at_most") => Bound::AtMost,
                Some("about") => Bound::About,
                Some("-") => Bound::None,
                other => panic!("data/lexicon/qualifiers.tsv: unknown bound {other:?}"),
            };
            t.qualifiers.push(Qualifier {
                word: r[0],
                before: r.get(1) == Some(&"before"),
                bound,
                in_figures: r.get(3) == Some(&"yes"),
                stored: r.get(4).copied().unwrap_or(r[0]),
            });
        }
        t
    }
}

/// What a numeral character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 零
    Zero,
    /// 一 to 九
    Digit,
    /// 两: two, written before a measure word
    Counting,
    /// 十, 百, 千: a power of ten
    Unit,
}

/// A row of `numerals.tsv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub ch: char,
    pub value: u32,
    pub kind: Kind,
}

/// Which numeral characters a pattern accepts: digits always; units up to
/// `up_to`; 两 and 零 when asked.
#[derive(Debug, Clone, Copy)]
pub struct Numerals {
    pub up_to: u32,
    pub counting: bool,
    pub zero: bool,
}

/// 一 … 十: section numbers, list items, ordinals of a plan.
pub const TO_TEN: Numerals = Numerals {
    up_to: 10,
    counting: false,
    zero: false,
};
/// 一 … 十 and 两: a count before a measure word (两区, 三个).
pub const COUNT: Numerals = Numerals {
    up_to: 10,
    counting: true,
    zero: false,
};
/// A count up to the hundreds (一百二十两…).
pub const COUNT_HUNDREDS: Numerals = Numerals {
    up_to: 100,
    counting: true,
    zero: false,
};
/// A count up to the thousands: what a figure's number may be written as.
pub const COUNT_THOUSANDS: Numerals = Numerals {
    up_to: 1000,
    counting: true,
    zero: false,
};
/// An ordinal after 第 (第一百零八).
pub const ORDINAL: Numerals = Numerals {
    up_to: 100,
    counting: false,
    zero: true,
};

/// The row of a numeral character.
pub fn numeral(c: char) -> Option<&'static Numeral> {
    table().numerals.iter().find(|n| n.ch == c)
}

impl Numerals {
    pub fn contains(self, c: char) -> bool {
        numeral(c).is_some_and(|n| match n.kind {
            Kind::Digit => true,
            Kind::Unit => n.value <= self.up_to,
            Kind::Counting => self.counting,
            Kind::Zero => self.zero,
        })
    }

    /// The characters, in the table's order, for a regex class.
    pub fn chars(self) -> String {
        table()
            .numerals
            .iter()
            .map(|n| n.ch)
            .filter(|&c| self.contains(c))
            .collect()
    }
}

/// The value of a number written in Chinese numerals (三百二十, 两千), or
/// `None` if a character is none.
pub fn chinese_number(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    for c in s.chars() {
        let n = numeral(c)?;
        match n.kind {
            Kind::Unit => {
                let mult = f64::from(n.value);
                total += if current == 0.0 { 1.0 } else { current } * mult;
                current = 0.0;
            }
            _ => current = f64::from(n.value),
        }
    }
    Some(total + current)
}

/// The bound a qualifier sets on a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
    About,
    /// 余, 多: an approximate count, no bound
    None,
}

/// A row of `qualifiers.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Qualifier {
    pub word: &'static str,
    /// Written before the number (超5%) rather than after the unit (5%以上).
    pub before: bool,
    pub bound: Bound,
    /// Read by figure extraction.
    pub in_figures: bool,
    /// The form a figure keeps.
    pub stored: &'static str,
}

/// The row of a qualifier word.
pub fn qualifier(word: &str) -> Option<&'static Qualifier> {
    table().qualifiers.iter().find(|q| q.word == word)
}

/// The qualifiers figure extraction reads, written `before` or after, longest
/// first, as a regex alternation; `bound` keeps only those setting that bound.
pub fn figure_alternation(before: bool, bound: Option<Bound>) -> String {
    let mut words: Vec<&str> = table()
        .qualifiers
        .iter()
        .filter(|q| q.in_figures && q.before == before && bound.is_none_or(|b| q.bound == b))
        .map(|q| q.word)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        for (s, want) in [
            ("三", Some(3.0)),
            ("十", Some(10.0)),
            ("十二", Some(12.0)),
            ("三百二十", Some(320.0)),
            ("两千", Some(2000.0)),
            ("一百零八", Some(108.0)),
            ("三x", None),
        ] {
            assert_eq!(chinese_number(s), want, "{s}");
        }
    }

    #[test]
    fn sets_of_numerals() {
        assert_eq!(TO_TEN.chars(), "一二三四五六七八九十");
        assert_eq!(COUNT.chars(), "一二三四五六七八九两十");
        assert_eq!(COUNT_THOUSANDS.chars(), "一二三四五六七八九两十百千");
        assert_eq!(ORDINAL.chars(), "零一二三四五六七八九十百");
    }

    #[test]
    fn qualifiers_as_written() {
        assert_eq!(figure_alternation(true, None), "超过|突破|超|近|约|逾");
        assert_eq!(figure_alternation(false, None), "以上|左右|多|余");
        assert_eq!(figure_alternation(false, Some(Bound::None)), "多|余");
        assert_eq!(qualifier("超过").map(|q| q.stored), Some("超"));
        assert_eq!(qualifier("以内").map(|q| q.bound), Some(Bound::AtMost));
    }
}
