//! `reviewdesk round …`: the organizer's round folder. `round applicants` imports
//! applicants from a spreadsheet (`reviewdesk_io::import_applicants`), `round
//! materials` material files from a folder (`reviewdesk_io::import_materials`),
//! `round material-reason` records why a stale material is accepted, `round
//! check` lists what would block sealing (`reviewdesk_io::sealing_blockers`),
//! `round assign` assigns the panel's experts to the applicants
//! (`reviewdesk_io::assign_round`) and `round new` creates a round folder
//! (`reviewdesk_io::create_round`).

use crate::error::CliError;
use crate::messages::{
    applicant_field, applicant_problem, blocker, material_kind, material_problem,
};
use crate::messages::{eligibility_refusal, eligibility_status as eligibility_line};
use reviewdesk_core::assign::AssignError;
use reviewdesk_core::{column_letter, Lang};
use reviewdesk_io::{AssignRequest, ImportError};
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
    let errors = plan.checked.errors();
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

/// `round assign DIR [--seed N] [--dry-run] [--per-applicant N] [--max-load N]`: the
/// day conflicts were judged on, the conflicts and recusals excluded, the changes
/// against the current assignment and each expert's load; without `--dry-run` the
/// new assignment and its seed are written. A shortage prints every one (stderr)
/// and exits 1 with nothing written.
pub fn assign(
    dir: &Path,
    seed: Option<u64>,
    dry_run: bool,
    per_applicant: Option<u32>,
    max_load: Option<u32>,
    lang: Lang,
) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let req = AssignRequest {
        per_applicant,
        max_load,
        seed,
        today: crate::clock::now().today,
    };
    let edit = match reviewdesk_io::assign_round(dir, req, dry_run) {
        Ok(edit) => edit,
        Err(ImportError::Assign(AssignError::Shortage(shortages))) => {
            for s in &shortages {
                eprintln!("{}", s.message(lang));
            }
            return Err(CliError::Explained {
                code: "assign_shortage",
                message: if zh {
                    format!(
                        "无法分配：{}处缺额，round.toml 未改动（可增加专家、放宽 --max-load 或减少 --per-applicant）",
                        shortages.len()
                    )
                } else {
                    format!(
                        "no assignment: {} shortage(s), round.toml is unchanged (add experts, raise --max-load or lower --per-applicant)",
                        shortages.len()
                    )
                },
            });
        }
        Err(ImportError::Assign(AssignError::Input(problems))) => {
            for p in &problems {
                eprintln!("{p}");
            }
            return Err(CliError::Explained {
                code: "assign_input",
                message: if zh {
                    "无法分配：输入有误（见上；常见原因：每个申报单位的专家人数少于专家组中的专家类别数），round.toml 未改动".to_owned()
                } else {
                    "no assignment: the input is refused (above; usually fewer experts per applicant than kinds on the panel), round.toml is unchanged".to_owned()
                },
            });
        }
        Err(e) => return Err(e.into()),
    };
    let input = &edit.input;
    let per = input
        .applicants
        .first()
        .map_or(0, |a| a.requirement.experts);
    let pair = |p: &reviewdesk_core::assign::Pair| format!("{}–{}", p.applicant, p.expert);
    let list = |v: &[reviewdesk_core::assign::Pair]| {
        if v.is_empty() {
            "—".to_owned()
        } else {
            v.iter()
                .map(pair)
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " })
        }
    };
    if zh {
        println!(
            "种子 {}；每个申报单位 {} 名专家；利益冲突按 {} 判断：{}；回避：{}",
            edit.plan.seed,
            per,
            edit.as_of,
            list(&input.conflicts),
            list(&input.recusals)
        );
        println!("新增 {}：{}", edit.diff.added.len(), list(&edit.diff.added));
        println!(
            "取消 {}：{}",
            edit.diff.removed.len(),
            list(&edit.diff.removed)
        );
        println!("不变 {}", edit.diff.kept);
    } else {
        println!(
            "Seed {}; {} experts per applicant; conflicts of interest as of {}: {}; recused: {}",
            edit.plan.seed,
            per,
            edit.as_of,
            list(&input.conflicts),
            list(&input.recusals)
        );
        println!(
            "Added {}: {}",
            edit.diff.added.len(),
            list(&edit.diff.added)
        );
        println!(
            "Removed {}: {}",
            edit.diff.removed.len(),
            list(&edit.diff.removed)
        );
        println!("Kept {}", edit.diff.kept);
    }
    let loads: Vec<String> = edit
        .plan
        .loads()
        .iter()
        .map(|(e, n)| format!("{e} {n}"))
        .collect();
    println!(
        "{}{}",
        if zh { "工作量：" } else { "Load: " },
        loads.join(if zh { "、" } else { ", " })
    );
    let file = dir.join("round.toml");
    if dry_run {
        if zh {
            println!("试运行：{} 未改动。", file.display());
        } else {
            println!("Dry run: {} is unchanged.", file.display());
        }
    } else if zh {
        println!(
            "已写入 {}（assignment_seed = {}）。",
            file.display(),
            edit.plan.seed
        );
    } else {
        println!(
            "Written to {} (assignment_seed = {}).",
            file.display(),
            edit.plan.seed
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

/// A date option's value (`YYYY-MM-DD`), or a usage error naming the option.
pub fn date_arg(
    flag: &str,
    value: Option<&str>,
    lang: Lang,
) -> Result<Option<reviewdesk_core::Date>, CliError> {
    value
        .map(|d| {
            d.parse::<reviewdesk_core::Date>().map_err(|e| {
                CliError::Usage(if lang == Lang::ZhCn {
                    format!("{flag} {d}：不是 YYYY-MM-DD 格式的日期（{e}）")
                } else {
                    format!("{flag} {d}: not a YYYY-MM-DD date ({e})")
                })
            })
        })
        .transpose()
}

/// `round new DIR --template ID --title TEXT [--organizer TEXT] [--deadline DATE]
/// [--application-deadline DATE]`.
pub fn new(dir: &Path, new: reviewdesk_io::NewRound, lang: Lang) -> Result<(), CliError> {
    let path = reviewdesk_io::create_round(dir, &new)?;
    if lang == Lang::ZhCn {
        println!(
            "已创建 {}（批次 {}），以及 materials/ 和 cards/。下一步：reviewdesk round applicants。",
            path.display(),
            reviewdesk_io::round_id_for(dir)
        );
    } else {
        println!(
            "Created {} (round {}), materials/ and cards/. Next: reviewdesk round applicants.",
            path.display(),
            reviewdesk_io::round_id_for(dir)
        );
    }
    Ok(())
}

/// `round eligibility DIR`: the template's checklist, then every applicant's
/// eligibility on its own line and the counts.
pub fn eligibility_status(dir: &Path, lang: Lang) -> Result<(), CliError> {
    use reviewdesk_core::EligibilityStatus as S;
    let zh = lang == Lang::ZhCn;
    let loaded = reviewdesk_io::load_round(dir)?;
    let t = &loaded.template;
    if t.eligibility.is_empty() {
        if zh {
            println!("模板 {} 没有形式审查清单：每家申报单位都视为通过。", t.id);
        } else {
            println!(
                "Template {} has no eligibility checklist: every applicant passes.",
                t.id
            );
        }
        return Ok(());
    }
    if zh {
        println!("形式审查清单（模板 {}，{}项）：", t.id, t.eligibility.len());
    } else {
        println!(
            "Eligibility checklist (template {}, {} items):",
            t.id,
            t.eligibility.len()
        );
    }
    for i in &t.eligibility {
        println!("  {}  {}", i.id, i.text.get(lang));
    }
    let all = reviewdesk_core::eligibility::eligibility(&loaded.round, t);
    let (mut passed, mut failed, mut unchecked) = (0, 0, 0);
    for e in &all {
        match e.status {
            S::Passed => passed += 1,
            S::Failed { .. } => failed += 1,
            S::Unchecked { .. } => unchecked += 1,
        }
        let name = loaded
            .round
            .applicant(e.applicant)
            .map_or("", |a| a.name.as_str());
        let sep = if zh { "：" } else { ": " };
        println!(
            "{} {name}{sep}{}",
            e.applicant,
            eligibility_line(e, t, lang)
        );
    }
    if zh {
        println!("通过 {passed} 家，未通过 {failed} 家，待审查 {unchecked} 家。");
    } else {
        println!("{passed} passed, {failed} failed, {unchecked} not yet checked.");
    }
    Ok(())
}

/// `round eligibility DIR --applicant A (--met ITEM… | --all-met | --not-met ITEM
/// --note TEXT) --by NAME [--on DATE]`: records the check (today by the CLI's
/// clock unless `--on`) and prints the applicant's status; a refusal writes nothing.
pub fn eligibility_record(
    dir: &Path,
    applicant: &str,
    checked: &reviewdesk_io::Checked,
    by: &str,
    on: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let on = match on {
        Some(d) => d.parse::<reviewdesk_core::Date>().map_err(|e| {
            CliError::Usage(if zh {
                format!("--on {d}：不是 YYYY-MM-DD 格式的日期（{e}）")
            } else {
                format!("--on {d}: not a YYYY-MM-DD date ({e})")
            })
        })?,
        None => crate::clock::now().today,
    };
    let loaded = match reviewdesk_io::record_eligibility(dir, applicant, checked, by, on) {
        Ok(loaded) => loaded,
        Err(ImportError::Eligibility(e)) => {
            return Err(CliError::Explained {
                code: e.code(),
                message: eligibility_refusal(&e, &dir.join("round.toml"), lang),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let e = reviewdesk_core::eligibility::eligibility(&loaded.round, &loaded.template)
        .into_iter()
        .find(|e| e.applicant == applicant);
    let status = e
        .map(|e| eligibility_line(&e, &loaded.template, lang))
        .unwrap_or_default();
    if zh {
        println!(
            "已记录 {applicant} 的形式审查（审查人 {}，{on}）：{status}",
            by.trim()
        );
    } else {
        println!(
            "Recorded {applicant}'s eligibility check (by {}, {on}): {status}",
            by.trim()
        );
    }
    Ok(())
}
