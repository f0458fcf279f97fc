//! A realistic result set from the demo round (loaded like any round), with
//! deterministic scores, the demo's upheld recusal (A04 / E03), one applicant
//! scored low (A06) and one failed at the site visit (A08); and helpers that run
//! poppler's tools. Shared by the tests and the benchmark example.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use reviewdesk_core::rules::{
    compute, round_input, Answer, ApplicantOpinion, ComputeInput, ComputeResult, Dissent,
    DrawRecord, Justification, Opinions, ScoreInput, VerdictInput,
};
use reviewdesk_core::{Lang, Round, StageKind, Template};
use reviewdesk_reports::{DocumentDate, FontData};
use reviewdesk_results::ResultSet;
use rust_decimal::Decimal;

/// Everything a `ResultSet` borrows.
pub struct Data {
    pub round: Round,
    pub template: Template,
    pub input: ComputeInput,
    pub result: ComputeResult,
    pub opinions: Opinions,
    pub draw: DrawRecord,
    /// E02's answer to the chair's re-check request on A01's first written indicator.
    pub justifications: Vec<(String, Justification)>,
}

impl Data {
    pub fn set(&self, lang: Lang) -> ResultSet<'_> {
        ResultSet {
            round: &self.round,
            template: &self.template,
            input: &self.input,
            result: &self.result,
            opinions: &self.opinions,
            draw: &self.draw,
            lang,
            date: DocumentDate::new(2026, 3, 20).unwrap(),
            footer: Some("结果包 SHA-256: 5c0ffee".to_owned()),
            justifications: &self.justifications,
        }
    }
}

pub fn font() -> &'static FontData {
    static FONT: OnceLock<FontData> = OnceLock::new();
    FONT.get_or_init(|| FontData::bundled().expect("the bundled font"))
}

/// Whether `expert` reviews `applicant` in `input` (assigned, not recused).
pub fn reviews(input: &ComputeInput, expert: &str, applicant: &str) -> bool {
    input.assignments.as_ref().is_none_or(|v| {
        v.iter()
            .any(|p| p.expert == expert && p.applicant == applicant)
    }) && !input
        .recusals
        .iter()
        .any(|p| p.expert == expert && p.applicant == applicant)
}

/// The demo round with scores for every reviewing expert, applicant and scored
/// indicator: `max − k·step` with k = (expert + applicant × (indicator + 1)) mod 5 (indices), A06
/// at half marks (with reasons), site visits passed except A08's.
pub fn demo() -> Data {
    let loaded = reviewdesk_io::load_round(&reviewdesk_io::demo_round_dir()).expect("demo round");
    let (round, template) = (loaded.round, loaded.template);
    let mut input = round_input(&round);
    for (ei, e) in input.experts.clone().iter().enumerate() {
        for (ai, a) in round.applicants.iter().enumerate() {
            if !reviews(&input, e, &a.id) {
                continue;
            }
            for stage in &template.stages {
                if stage.kind == StageKind::PassFail {
                    input.verdicts.push(VerdictInput {
                        expert: e.clone(),
                        applicant: a.id.clone(),
                        stage: stage.id.clone(),
                        pass: a.id != "A08",
                    });
                    continue;
                }
                for (ii, ind) in template.scored_indicators(&stage.id).enumerate() {
                    let (value, reason) = if a.id == "A06" {
                        let half = (ind.max / Decimal::TWO / ind.step).floor() * ind.step;
                        (half, Some("案例成效不足，支撑材料欠缺。".to_owned()))
                    } else {
                        let k = Decimal::from(((ei + ai * ii + ai) % 5) as u32);
                        (ind.max - k * ind.step, None)
                    };
                    input.scores.push(ScoreInput {
                        expert: e.clone(),
                        applicant: a.id.clone(),
                        stage: stage.id.clone(),
                        indicator: ind.id.clone(),
                        value,
                        reason,
                    });
                }
            }
        }
    }
    let result = compute(&template, &input).expect("the demo scores compute");
    let opinions = Opinions {
        applicants: round
            .applicants
            .iter()
            .filter(|a| a.id != "A03")
            .map(|a| ApplicantOpinion {
                applicant: a.id.clone(),
                opinion: format!(
                    "{}申报材料完整，应用案例成效明显，核心团队稳定，建议予以认定。",
                    a.name
                ),
                dissents: if a.id == "A01" {
                    vec![Dissent {
                        expert: "E04".into(),
                        note: "财务数据需复核。".into(),
                    }]
                } else {
                    Vec::new()
                },
            })
            .collect(),
    };
    assert!(opinions.problems(&input).is_empty());
    let draw = DrawRecord::of(&input, &result);
    let first = template
        .scored_indicators(&template.stages[0].id)
        .next()
        .expect("a scored indicator")
        .id
        .clone();
    let justifications = vec![(
        "E02".to_owned(),
        Justification {
            applicant: "A01".into(),
            stage: template.stages[0].id.clone(),
            indicator: Some(first),
            request: 1,
            answer: Answer::Kept,
            text: "现场核实案例材料，维持原分。".into(),
        },
    )];
    Data {
        round,
        template,
        input,
        result,
        opinions,
        draw,
        justifications,
    }
}

fn write_temp(pdf: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    (dir, path)
}

fn run(tool: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian poppler-utils) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// `pdftotext -layout` of the whole PDF, or of page `page` (from 1).
pub fn pdftotext(pdf: &[u8], page: Option<usize>) -> String {
    let (_dir, path) = write_temp(pdf);
    let p = page.map(|p| p.to_string());
    let mut args = vec!["-layout"];
    if let Some(p) = &p {
        args.extend(["-f", p, "-l", p]);
    }
    run("pdftotext", &args, &path)
}

/// The page count `pdfinfo` reports.
pub fn pages(pdf: &[u8]) -> usize {
    let (_dir, path) = write_temp(pdf);
    let info = run("pdfinfo", &[], &path);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in:\n{info}"))
}

/// Whether some line of `text` has `tokens` (each split at white space) in
/// this order among its white-space-separated words.
pub fn has_row(text: &str, tokens: &[&str]) -> bool {
    let want: Vec<&str> = tokens.iter().flat_map(|t| t.split_whitespace()).collect();
    text.lines().any(|line| {
        let mut words = line.split_whitespace();
        want.iter().all(|w| words.any(|x| x == *w))
    })
}

/// `text` without any white space, for text that may wrap.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
