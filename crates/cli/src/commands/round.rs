//! `reviewdesk round …`: the organizer's round folder. `round applicants` imports
//! applicants from a spreadsheet (`reviewdesk_io::import_applicants`).

use crate::error::CliError;
use crate::messages::{applicant_field, applicant_problem};
use reviewdesk_core::{column_letter, Lang};
use std::path::Path;

/// `round applicants DIR FILE [--sheet NAME]`: the columns used, every problem on its
/// own line (stderr), then what was imported — or, with any error, nothing (exit 1).
pub fn applicants(
    dir: &Path,
    file: &Path,
    sheet: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let plan = reviewdesk_io::import_applicants(dir, file, sheet)?;
    let m = &plan.mapping;
    let used: Vec<String> = m
        .columns
        .iter()
        .zip(&m.headers)
        .map(|((f, c), h)| {
            format!(
                "{} ← {} \"{h}\"",
                applicant_field(*f, lang),
                column_letter(*c)
            )
        })
        .collect();
    if zh {
        println!(
            "工作表“{}”，表头在第{}行，使用的列：",
            plan.sheet, m.header_row
        );
    } else {
        println!(
            "Sheet \"{}\", header row {}, columns used:",
            plan.sheet, m.header_row
        );
    }
    for u in used {
        println!("  {u}");
    }
    for (c, h) in &m.ignored {
        if zh {
            println!("  （未使用）{} \"{h}\"", column_letter(*c));
        } else {
            println!("  (not used) {} \"{h}\"", column_letter(*c));
        }
    }
    for p in &plan.checked.problems {
        eprintln!("{}", applicant_problem(p, lang));
    }
    let errors = plan
        .checked
        .problems
        .iter()
        .filter(|p| !p.is_warning())
        .count();
    let Some(merge) = &plan.merge else {
        return Err(CliError::Explained {
            code: "sheet_has_errors",
            message: if zh {
                format!("发现{errors}个错误，未导入任何单位，round.toml 未改动")
            } else {
                format!("{errors} error(s): nothing was imported, round.toml is unchanged")
            },
        });
    };
    let ids = |v: &[String]| v.join(if zh { "、" } else { ", " });
    if zh {
        println!(
            "已导入 {}：新增{}家（{}），更新{}家（{}），未变{}家；表中没有的{}家保持不变。",
            dir.join("round.toml").display(),
            merge.added.len(),
            ids(&merge.added),
            merge.updated.len(),
            ids(&merge.updated),
            merge.unchanged.len(),
            merge.not_in_sheet.len()
        );
    } else {
        println!(
            "Imported into {}: {} added ({}), {} updated ({}), {} unchanged; {} not in the sheet kept as they are.",
            dir.join("round.toml").display(),
            merge.added.len(),
            ids(&merge.added),
            merge.updated.len(),
            ids(&merge.updated),
            merge.unchanged.len(),
            merge.not_in_sheet.len()
        );
    }
    Ok(())
}
