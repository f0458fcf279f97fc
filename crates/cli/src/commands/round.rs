//! `reviewdesk round …`: the organizer's round folder. `round applicants` imports
//! applicants from a spreadsheet (`reviewdesk_io::import_applicants`), `round
//! materials` material files from a folder (`reviewdesk_io::import_materials`),
//! `round material-reason` records why a stale material is accepted, and `round
//! check` lists what would block sealing (`reviewdesk_core::check_sealing`).

use crate::error::CliError;
use crate::messages::{
    applicant_field, applicant_problem, blocker, material_kind, material_problem,
};
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

/// `round materials DIR FOLDER`: every file taken (material id, kind, date) on
/// stdout, every file not taken and every applicant missing a required kind on
/// stderr; with any error (a file that is not a PDF or an image) nothing is copied
/// or written (exit 1).
pub fn materials(dir: &Path, folder: &Path, lang: Lang) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let import = reviewdesk_io::import_materials(dir, folder)?;
    let plan = &import.plan;
    for p in &plan.problems {
        eprintln!("{}", material_problem(p, lang));
    }
    if import.round_toml.is_none() {
        return Err(CliError::Explained {
            code: "materials_refused",
            message: if zh {
                format!(
                    "发现{}个错误，未导入任何材料，round.toml 未改动",
                    plan.errors()
                )
            } else {
                format!(
                    "{} error(s): no material was imported, round.toml is unchanged",
                    plan.errors()
                )
            },
        });
    }
    for a in &plan.accepted {
        let m = &a.material;
        let issued = m
            .issued
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into());
        let state = match (a.existing, zh) {
            (true, true) => "更新",
            (true, false) => "updated",
            (false, true) => "新增",
            (false, false) => "added",
        };
        println!(
            "{state} {} {} {} {issued} {} ← {}",
            m.id,
            m.applicant,
            material_kind(m.kind, lang),
            m.file,
            a.path
        );
    }
    if !import.template_requires {
        if zh {
            println!("模板未规定必备材料类型，未检查缺少的材料。");
        } else {
            println!(
                "The template names no required material kinds: nothing checked for missing ones."
            );
        }
    }
    for (applicant, kinds) in &plan.missing {
        let kinds: Vec<&str> = kinds.iter().map(|k| material_kind(*k, lang)).collect();
        if zh {
            eprintln!("缺少必备材料：{applicant}：{}", kinds.join("、"));
        } else {
            eprintln!(
                "missing required material: {applicant}: {}",
                kinds.join(", ")
            );
        }
    }
    if zh {
        println!(
            "已导入 {} 个文件到 {}。",
            plan.accepted.len(),
            dir.join("materials").display()
        );
    } else {
        println!(
            "Imported {} file(s) into {}.",
            plan.accepted.len(),
            dir.join("materials").display()
        );
    }
    Ok(())
}

/// `round material-reason DIR MATERIAL TEXT`: records (an empty TEXT removes) why
/// a stale material is accepted.
pub fn material_reason(dir: &Path, material: &str, text: &str, lang: Lang) -> Result<(), CliError> {
    reviewdesk_io::set_stale_reason(dir, material, text)?;
    match (lang == Lang::ZhCn, text.trim().is_empty()) {
        (true, false) => println!("已记录 {material} 的过期说明。"),
        (true, true) => println!("已删除 {material} 的过期说明。"),
        (false, false) => println!("Recorded the reason for {material}."),
        (false, true) => println!("Removed the reason for {material}."),
    }
    Ok(())
}

/// `round check DIR`: every blocker on its own line (stdout); exit 0 only with none.
pub fn check(dir: &Path, lang: Lang) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let loaded = reviewdesk_io::load_round(dir)?;
    let blockers = reviewdesk_io::sealing_blockers(&loaded);
    for b in &blockers {
        println!("{}", blocker(b, lang));
    }
    if loaded.template.required_materials.is_empty() {
        if zh {
            println!("（模板未规定必备材料类型）");
        } else {
            println!("(the template names no required material kinds)");
        }
    }
    if blockers.is_empty() {
        if zh {
            println!("可以封装：没有阻止封装的问题。");
        } else {
            println!("Ready to seal: nothing blocks it.");
        }
        Ok(())
    } else {
        Err(CliError::Explained {
            code: "not_ready",
            message: if zh {
                format!("{}个问题阻止封装", blockers.len())
            } else {
                format!("{} thing(s) block sealing", blockers.len())
            },
        })
    }
}
