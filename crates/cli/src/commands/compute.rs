//! `reviewdesk compute --template FILE --input FILE [--table]`: reads the
//! template and the JSON input, calls the rules engine once, prints the result.

use crate::commands::template::resolve;
use crate::error::CliError;
use crate::messages::{rules_labels, RulesLabels};
use crate::render;
use reviewdesk_core::rules::{compute, ApplicantStatus, ComputeInput, ComputeResult, StageStatus};
use reviewdesk_core::{Lang, Template};
use std::path::Path;

/// Parses the input JSON; errors name the field path (e.g. `scores[3].value`).
pub fn parse_input(path: &Path, text: &str) -> Result<ComputeInput, CliError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| CliError::Input {
        path: path.to_path_buf(),
        message: format!("{}: {}", e.path(), e.inner()),
    })
}

/// Runs the subcommand.
pub fn run(template: &Path, input: &Path, as_table: bool, lang: Lang) -> Result<(), CliError> {
    let t = resolve(template)?;
    let text = std::fs::read_to_string(input).map_err(|e| CliError::Input {
        path: input.to_path_buf(),
        message: e.to_string(),
    })?;
    let parsed = parse_input(input, &text)?;
    let result = compute(&t, &parsed).map_err(|source| CliError::Compute {
        path: input.to_path_buf(),
        source,
    })?;
    if as_table {
        print!("{}", render(&t, &result, lang));
    } else {
        let json = serde_json::to_string_pretty(&result).expect("results serialize");
        println!("{json}");
    }
    Ok(())
}

fn status_label(s: ApplicantStatus, l: &RulesLabels) -> &'static str {
    match s {
        ApplicantStatus::Graded => l.graded,
        ApplicantStatus::QuotaExceeded => l.quota_exceeded,
        ApplicantStatus::Vetoed => l.vetoed,
        ApplicantStatus::FailedStage => l.failed_stage,
        ApplicantStatus::FailedGate => l.failed_gate,
        ApplicantStatus::InsufficientQuorum => l.insufficient_quorum,
        ApplicantStatus::Ineligible => l.ineligible,
    }
}

/// Renders the result as tables.
pub fn render(t: &Template, r: &ComputeResult, lang: Lang) -> String {
    let l = rules_labels(lang);
    let mut out = format!("{} v{} — {}: {:?}\n", t.id, t.version, l.method, r.method);
    let mut header = vec![
        l.category.to_owned(),
        l.rank.to_owned(),
        l.applicant.to_owned(),
        l.status.to_owned(),
    ];
    header.extend(t.stages.iter().map(|s| s.name.get(lang).to_owned()));
    header.extend([
        l.final_score.to_owned(),
        l.grade.to_owned(),
        l.selected.to_owned(),
    ]);
    let mut table = render::table(header);
    for a in &r.applicants {
        let mut row = vec![
            t.category(&a.category)
                .map(|c| c.name.get(lang).to_owned())
                .unwrap_or_default(),
            a.rank.map(|n| n.to_string()).unwrap_or_default(),
            a.id.clone(),
            status_label(a.status, l).to_owned(),
        ];
        for s in &a.stages {
            row.push(match (s.status, s.aggregate, s.passed) {
                (StageStatus::Skipped, _, _) => l.skipped.to_owned(),
                (StageStatus::NotReviewed, _, _) => l.not_reviewed.to_owned(),
                (StageStatus::NotRequired, _, _) => l.not_required.to_owned(),
                (StageStatus::InsufficientQuorum, _, _) => {
                    format!("{} ({})", l.short, s.valid_experts)
                }
                (_, Some(x), _) => x.to_string(),
                (_, None, Some(true)) => {
                    format!("{} {}/{}", l.passed, s.passes.unwrap_or(0), s.valid_experts)
                }
                (_, None, Some(false)) => {
                    format!("{} {}/{}", l.failed, s.passes.unwrap_or(0), s.valid_experts)
                }
                _ => String::new(),
            });
        }
        row.push(a.final_score.map(|f| f.to_string()).unwrap_or_default());
        row.push(
            a.grade
                .as_ref()
                .and_then(|g| t.grades.iter().find(|b| &b.id == g))
                .map(|b| b.label.get(lang).to_owned())
                .unwrap_or_default(),
        );
        row.push((if a.selected { l.yes } else { l.no }).to_owned());
        table.add_row(row);
    }
    out += &format!("{table}\n");
    if !r.divergence.is_empty() {
        let mut table = render::table(vec![
            l.applicant,
            l.stage,
            l.indicator,
            l.expert,
            l.value,
            l.mean_of_others,
            l.deviation,
        ]);
        for f in &r.divergence {
            table.add_row(vec![
                f.applicant.clone(),
                f.stage.clone(),
                f.indicator.clone().unwrap_or_default(),
                f.expert.clone(),
                f.value.to_string(),
                f.mean_of_others.round_dp(2).to_string(),
                format!("{} > {}", f.d.round_dp(2), f.threshold),
            ]);
        }
        out += &format!("\n{}\n{table}\n", l.divergence);
    }
    if let Some(d) = &r.draw {
        out += &format!(
            "\n{} ({}): {} {}\n{}: {}\n",
            l.draw,
            d.stage,
            l.seed,
            d.seed,
            l.sample,
            d.sample.join(", ")
        );
    }
    out
}
