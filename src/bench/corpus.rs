//! A synthetic corpus: our own sentence templates filled from the bundled
//! dictionaries and generated names, deterministic for a seed, any size.

use super::rng::SplitMix64;
use crate::class::Class;
use crate::extract::gazetteer::{Gazetteer, Level};
use std::io::Write;
use std::path::{Path, PathBuf};

fn pick<'a>(rng: &mut SplitMix64, v: &'a [String]) -> &'a str {
    if v.is_empty() {
        return "";
    }
    &v[rng.below(v.len())]
}

/// Fills templates from dictionary entries.
pub struct CorpusGenerator {
    divisions: Vec<String>,
    universities: Vec<String>,
    institutes: Vec<String>,
    banks: Vec<String>,
    industries: Vec<String>,
    rng: SplitMix64,
}

const NAME_PARTS: [&str; 24] = [
    "英才",
    "领航",
    "揭榜",
    "智造",
    "启明",
    "星火",
    "凤鸣",
    "筑梦",
    "金种子",
    "云帆",
    "青蓝",
    "鲲鹏",
    "春笋",
    "燎原",
    "攀登",
    "雏鹰",
    "瞪羚",
    "独角",
    "苗圃",
    "沃土",
    "远航",
    "晨光",
    "聚才",
    "创客",
];
const PROGRAM_HEADS: [&str; 4] = ["计划", "工程", "行动", "专项"];
/// Sentences that name nothing: real plans and reports are mostly such text
/// (see `FILLER_SHARE`).
const FILLER: [&str; 16] = [
    "坚持把科技创新摆在发展全局的核心位置，推动创新链产业链资金链人才链深度融合。",
    "持续优化创新生态，完善科技成果转化服务体系，营造鼓励创新、宽容失败的良好氛围。",
    "加快构建以企业为主体、市场为导向、产学研深度融合的技术创新体系。",
    "深化科技体制机制改革，扩大科研经费使用自主权，激发科研人员创新活力。",
    "强化知识产权创造、保护和运用，提升区域创新体系整体效能。",
    "统筹推进创新平台建设，提升公共技术服务能力，服务中小企业转型升级。",
    "进一步简化审批流程，推行一网通办，让企业和群众办事少跑腿、好办事。",
    "健全科技评价机制，突出质量、贡献和绩效导向，破除唯论文倾向。",
    "鼓励龙头企业牵头组建创新联合体，带动上下游企业协同攻关关键核心技术。",
    "完善人才引进、培养、使用、评价和激励机制，让各类人才各展其能。",
    "加大政府采购对创新产品的支持力度，推动首台套装备和首批次材料推广应用。",
    "推动金融资源向科技领域集聚，为初创期、成长期企业提供全周期融资服务。",
    "落实研发费用加计扣除等普惠性政策，引导企业持续加大研发投入。",
    "加强科学普及，提升全民科学素质，厚植创新文化土壤。",
    "坚持问题导向和目标导向，压实工作责任，确保各项任务落地见效。",
    "建立健全跟踪督办机制，定期通报进展情况，及时协调解决重大问题。",
];
/// Out of `TEMPLATES + FILLER_SHARE` sentences, `FILLER_SHARE` name nothing.
/// Chosen so that a generated megabyte yields about as many quads as a
/// megabyte of the real reports in ../shared/corpus/reports (README, Performance).
const FILLER_SHARE: usize = 36;
const TEMPLATES: usize = 10;

impl CorpusGenerator {
    /// A generator drawing names from the dictionaries.
    pub fn new(g: &Gazetteer, seed: u64) -> CorpusGenerator {
        let of = |f: &dyn Fn(&crate::extract::gazetteer::Entry) -> bool| -> Vec<String> {
            g.entries
                .iter()
                .filter(|e| f(e))
                .map(|e| e.label.clone())
                .collect()
        };
        CorpusGenerator {
            divisions: of(&|e| {
                e.class == Class::AdministrativeDivision
                    && matches!(e.level, Level::County | Level::Prefecture)
            }),
            universities: of(&|e| e.class == Class::University),
            institutes: of(&|e| e.class == Class::ResearchInstitute),
            banks: of(&|e| e.class == Class::Bank),
            industries: of(&|e| e.class == Class::Industry),
            rng: SplitMix64::new(seed),
        }
    }

    fn part(&mut self) -> &'static str {
        NAME_PARTS[self.rng.below(NAME_PARTS.len())]
    }

    fn sentence(&mut self, div: &str, year: u32) -> String {
        let ind = pick(&mut self.rng, &self.industries).to_string();
        let ind2 = pick(&mut self.rng, &self.industries).to_string();
        let n = 10 + self.rng.below(990);
        let p = 1 + self.rng.below(30);
        let s = match self.rng.below(TEMPLATES + FILLER_SHARE) {
            0 => {
                let head = PROGRAM_HEADS[self.rng.below(PROGRAM_HEADS.len())];
                format!(
                    "{div}实施“{}{}”{head}，围绕{ind}和{ind2}布局一批重点项目。",
                    self.part(),
                    self.part()
                )
            }
            1 => format!(
                "{div}与{}签署战略合作协议，共建{ind}研究院。",
                pick(&mut self.rng, &self.universities)
            ),
            2 => format!("全年新增高新技术企业{n}家，同比增长{p}%。"),
            3 => format!("力争到{}年，{ind}产业规模突破{n}亿元。", year + 2),
            4 => {
                let bank = pick(&mut self.rng, &self.banks).to_string();
                format!(
                    "{bank}推出“{}贷”产品，全年累计放款{p}.{}亿元。",
                    self.part(),
                    n % 10
                )
            }
            5 => format!("设立规模{n}亿元的{ind}产业母基金，重点投向{ind2}领域。"),
            6 => format!(
                "{}在{div}设立{ind}创新中心。",
                pick(&mut self.rng, &self.institutes)
            ),
            7 => format!(
                "成功举办第{}届{div}{ind}创新创业大赛，吸引{n}个项目参赛。",
                1 + p % 9
            ),
            8 => format!("{div}{ind}产业园新入驻企业{n}家，实现产值{p}亿元。"),
            9 => format!(
                "与{}开展跨区域协同创新，共建{ind2}科创飞地。",
                pick(&mut self.rng, &self.divisions)
            ),
            _ => FILLER[self.rng.below(FILLER.len())].to_string(),
        };
        s
    }

    /// One document of about `chars` characters: a title naming a division
    /// and year, then paragraphs of sentences about it.
    pub fn document(&mut self, chars: usize) -> String {
        let div = pick(&mut self.rng, &self.divisions).to_string();
        let year = 2020 + self.rng.below(6) as u32;
        let mut s = format!("{year}年{div}科技创新工作要点\n\n");
        let mut count = s.chars().count();
        while count < chars {
            let mut para = String::new();
            for _ in 0..(3 + self.rng.below(5)) {
                para.push_str(&self.sentence(&div, year));
            }
            para.push('\n');
            count += para.chars().count();
            s.push_str(&para);
        }
        s
    }
}

/// Writes a corpus of about `bytes` bytes as `.txt` files of about 48 KB into `dir`.
///
/// # Returns
/// The files written and their total size.
pub fn write_corpus(dir: &Path, bytes: u64, seed: u64) -> std::io::Result<(Vec<PathBuf>, u64)> {
    std::fs::create_dir_all(dir)?;
    let mut generator = CorpusGenerator::new(&Gazetteer::bundled(), seed);
    let (mut files, mut total) = (Vec::new(), 0u64);
    let mut i = 0;
    while total < bytes {
        let text = generator.document(16_000);
        let path = dir.join(format!("doc-{i:06}.txt"));
        std::fs::File::create(&path)?.write_all(text.as_bytes())?;
        total += text.len() as u64;
        files.push(path);
        i += 1;
    }
    Ok((files, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic_and_name_known_things() {
        let g = Gazetteer::bundled();
        let a = CorpusGenerator::new(&g, 3).document(2000);
        assert_eq!(a, CorpusGenerator::new(&g, 3).document(2000));
        assert!(a.chars().count() >= 2000);
        assert!(a.contains("年") && a.contains('。'));
    }
}
