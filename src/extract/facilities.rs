//! Facilities named by their division: 上海港, 上海机场, 宁波舟山港.

use super::lexicon::lexicon;
use super::Candidate;
use crate::class::Class;

/// Facilities named by their division: 上海港, 上海机场, 宁波舟山港.
pub fn facilities(text: &str, division_hits: &[(usize, usize)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &(s, e) in division_hits {
        let rest = &text[e..];
        if let Some(suf) = lexicon()
            .facility_suffixes
            .iter()
            .find(|x| rest.starts_with(**x))
        {
            let after = &rest[suf.len()..];
            // 港澳, 港口, 港区 are other words
            if *suf == "港" && after.starts_with(['澳', '口', '区', '股', '人', '资']) {
                continue;
            }
            let end = e + suf.len();
            out.push(Candidate::rule(
                s,
                end,
                &text[s..end],
                Class::Platform,
                "facility",
                0.8,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facilities_after_a_division() {
        let text = "上海港集装箱吞吐量，上海机场旅客，港澳";
        let shanghai = [
            (0, "上海".len()),
            (
                "上海港集装箱吞吐量，".len(),
                "上海港集装箱吞吐量，上海".len(),
            ),
        ];
        let got: Vec<String> = facilities(text, &shanghai)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["上海港", "上海机场"]);
    }
}
