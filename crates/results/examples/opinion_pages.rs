//! Benchmark of issue #6's target: the opinion pages of 500 applicants in under
//! 5 s and under 30 KB a page. Builds a synthetic round from the demo round (500
//! applicants, the demo's five experts reviewing everyone, deterministic scores,
//! a ~300-character Chinese opinion and one or two dissents per applicant), times
//! `opinion_pages_pdf` and prints the figures; it asserts nothing.
//!
//! ```text
//! cargo run --release -p reviewdesk-results --example opinion_pages [-- OUT.pdf]
//! ```
//!
//! The page count is read with `pdfinfo` when it is installed.

use std::process::Command;
use std::time::Instant;

use reviewdesk_core::rules::{
    compute, round_input, ApplicantOpinion, Dissent, DrawRecord, Opinions, ScoreInput, VerdictInput,
};
use reviewdesk_core::{Lang, StageKind};
use reviewdesk_reports::{DocumentDate, FontData};
use reviewdesk_results::{opinion_pages_pdf, ResultSet};
use rust_decimal::Decimal;

const APPLICANTS: usize = 500;

const CITIES: [&str; 8] = [
    "广州", "深圳", "佛山", "东莞", "珠海", "中山", "惠州", "江门",
];
const TRADES: [&str; 8] = [
    "工业软件",
    "智能装备",
    "数据科技",
    "网络技术",
    "信息安全",
    "机器视觉",
    "云计算",
    "物联网",
];

fn opinion(i: usize, name: &str) -> String {
    format!(
        "{name}申报材料齐全、真实，符合申报条件。该单位在粤服务团队稳定，核心技术人员{n}人，\
近三年在广东省内完成工业互联网应用案例{c}个，覆盖电子信息、家具制造、汽车零部件等行业，\
案例成效数据详实，用户评价总体良好。产品采用云原生与微服务架构，具备自主知识产权，\
拥有发明专利{p}项、软件著作权{s}项。现场答辩思路清晰，对商业模式和推广路径的阐述较为充分，\
但在中小企业低成本部署方面仍需进一步细化方案。专家组经集体讨论，认为该单位总体达到认定要求，\
建议予以认定，并请其在公示后按要求报送季度服务情况。",
        n = 30 + i % 70,
        c = 5 + i % 20,
        p = 3 + i % 9,
        s = 10 + i % 40,
    )
}

fn main() {
    let out = std::env::args().nth(1);
    let loaded = reviewdesk_io::load_round(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo"),
    )
    .expect("demo round");
    let template = loaded.template;
    let mut round = loaded.round;
    let demo = round.applicants.clone();
    round.applicants = (0..APPLICANTS)
        .map(|i| {
            let mut a = demo[i % demo.len()].clone();
            a.id = format!("A{:03}", i + 1);
            a.name = format!(
                "{}{}{}有限公司",
                CITIES[i % CITIES.len()],
                ["云擎", "智联", "数研", "鼎安", "海纳", "明途", "边云", "星链"][(i / 8) % 8],
                TRADES[(i / 64) % TRADES.len()]
            );
            a
        })
        .collect();
    round.assignments.clear();
    round.recusal_requests.clear();
    round.materials.clear();

    let mut input = round_input(&round);
    for (ei, e) in input.experts.clone().iter().enumerate() {
        for (ai, a) in round.applicants.iter().enumerate() {
            for stage in &template.stages {
                if stage.kind == StageKind::PassFail {
                    input.verdicts.push(VerdictInput {
                        expert: e.clone(),
                        applicant: a.id.clone(),
                        stage: stage.id.clone(),
                        pass: (ai + ei) % 7 != 0,
                    });
                    continue;
                }
                for (ii, ind) in template.scored_indicators(&stage.id).enumerate() {
                    let k = Decimal::from(((ei + ai * (ii + 1)) % 5) as u32);
                    input.scores.push(ScoreInput {
                        expert: e.clone(),
                        applicant: a.id.clone(),
                        stage: stage.id.clone(),
                        indicator: ind.id.clone(),
                        value: ind.max - k * ind.step,
                        reason: None,
                    });
                }
            }
        }
    }
    let result = compute(&template, &input).expect("the synthetic scores compute");
    let opinions = Opinions {
        applicants: round
            .applicants
            .iter()
            .enumerate()
            .map(|(i, a)| ApplicantOpinion {
                applicant: a.id.clone(),
                opinion: opinion(i, &a.name),
                dissents: (0..1 + i % 2)
                    .map(|k| Dissent {
                        expert: input.experts[(i + k) % input.experts.len()].clone(),
                        note: "对该单位近两年营业收入的审计口径有保留意见，建议在公示前由主办单位核实审计报告原件，\
并补充说明研发投入占比的计算方法。"
                            .to_owned(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let draw = DrawRecord::of(&input, &result);
    let set = ResultSet {
        round: &round,
        template: &template,
        input: &input,
        result: &result,
        opinions: &opinions,
        draw: &draw,
        lang: Lang::ZhCn,
        date: DocumentDate::new(2026, 3, 20).expect("a date"),
        footer: Some(format!("结果包 SHA-256: {}", "5c".repeat(32))),
        justifications: &[],
    };

    let started = Instant::now();
    let font = FontData::bundled().expect("the bundled font");
    let font_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let pdf = opinion_pages_pdf(&set, &font).expect("the opinion pages");
    let secs = started.elapsed().as_secs_f64();

    let path = match &out {
        Some(p) => std::path::PathBuf::from(p),
        None => std::env::temp_dir().join("reviewdesk-opinion-pages.pdf"),
    };
    std::fs::write(&path, &pdf).expect("write the PDF");
    let pages = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_owned()))
        })
        .and_then(|n| n.parse::<usize>().ok());
    if out.is_none() {
        let _ = std::fs::remove_file(&path);
    }

    println!("applicants:            {APPLICANTS}");
    println!("font parse:            {font_secs:.3} s (once, not counted below)");
    println!("opinion_pages_pdf:     {secs:.3} s");
    println!("total bytes:           {}", pdf.len());
    match pages {
        Some(p) => {
            println!("pages (pdfinfo):       {p}");
            println!("bytes per page:        {}", pdf.len() / p.max(1));
        }
        None => {
            println!("pages:                 unknown (pdfinfo not installed)");
            println!("bytes per applicant:   {}", pdf.len() / APPLICANTS);
        }
    }
}
