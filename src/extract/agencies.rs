//! Agencies named after their division: 江阴市科技局, 崇川区科学技术局.

use super::lexicon::lexicon;
use super::Candidate;
use crate::class::Class;

/// `division + bureau` agencies; `division` is any known division surface that
/// ends right before the suffix (given as byte spans of division hits).
pub fn agencies(text: &str, division_hits: &[(usize, usize, usize)]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &(s, e, division) in division_hits {
        let rest = &text[e..];
        if let Some(suf) = lexicon()
            .agency_suffixes
            .iter()
            .find(|x| rest.starts_with(**x) && !rest[x.len()..].starts_with("工作"))
        {
            let end = e + suf.len();
            let mut cand = Candidate::rule(s, end, &text[s..end], Class::Agency, "agency", 0.9);
            cand.label = super::zones::agency_label(&text[s..e], suf);
            cand.of = Some(division);
            out.push(cand);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_after_a_division() {
        let text = "江阴市科技局局长；上海市政府工作报告";
        let divisions = [
            (0, "江阴市".len(), 1),
            (
                "江阴市科技局局长；".len(),
                "江阴市科技局局长；上海市".len(),
                2,
            ),
        ];
        let got: Vec<String> = agencies(text, &divisions)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(got, ["江阴市科技局"]);
    }
}
