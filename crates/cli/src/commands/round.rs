//! `reviewdesk round …`: the organizer's round folder. `round applicants` imports
//! applicants from a spreadsheet (`reviewdesk_io::import_applicants`), `round
//! materials` material files from a folder (`reviewdesk_io::import_materials`),
//! `round material-reason` records why a stale material is accepted, `round
//! check` lists what would block sealing (`reviewdesk_io::sealing_blockers`),
//! `round assign` assigns the panel's experts to the applicants
//! (`reviewdesk_io::assign_round`) and `round new` creates a round folder
//! (`reviewdesk_io::create_round`). `round panel` imports the panel from an
//! expert list and key cards (`reviewdesk_io::import_panel`), `round conflicts`
//! lists the conflicts of interest and their dismissals, `round dismiss` records
//! one, `round recusal` and `round rule` enter and rule recusal requests.

use crate::error::CliError;
use crate::messages::{
    applicant_field, applicant_problem, blocker, material_kind, material_problem,
};
use crate::messages::{decision_error, expert_field, panel_problem};
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
    for line in crate::commands::register::round_flags(dir, lang)? {
        eprintln!("{line}");
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

/// What `round assign` was asked.
#[derive(Debug)]
pub struct AssignArgs {
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--dry-run`.
    pub dry_run: bool,
    /// `--per-applicant`.
    pub per_applicant: Option<u32>,
    /// `--max-load`.
    pub max_load: Option<u32>,
    /// `--pin` pairs (`Some`: they replace the recorded ones).
    pub pins: Option<Vec<reviewdesk_core::Assignment>>,
    /// `--ban` pairs, likewise.
    pub bans: Option<Vec<reviewdesk_core::Assignment>>,
}

/// `--pin`/`--ban` pairs as the request's replacement list: `None` (keep what is
/// recorded) when none is given and `--no-…` is not, empty with `--no-…`.
pub fn manual_pairs(
    pairs: Vec<(String, String)>,
    none: bool,
) -> Option<Vec<reviewdesk_core::Assignment>> {
    if none {
        return Some(Vec::new());
    }
    (!pairs.is_empty()).then(|| {
        pairs
            .into_iter()
            .map(|(applicant, expert)| reviewdesk_core::Assignment { expert, applicant })
            .collect()
    })
}

/// `round assign DIR [--seed N] [--dry-run] [--per-applicant N] [--max-load N]
/// [--pin A:E…] [--ban A:E…]`: the day conflicts were judged on, the conflicts and
/// recusals excluded, the changes
/// against the current assignment and each expert's load; without `--dry-run` the
/// new assignment and its seed are written. A shortage prints every one (stderr)
/// and exits 1 with nothing written.
pub fn assign(dir: &Path, args: AssignArgs, lang: Lang) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let dry_run = args.dry_run;
    let req = AssignRequest {
        per_applicant: args.per_applicant,
        max_load: args.max_load,
        seed: args.seed,
        today: crate::clock::now().today,
        pins: args.pins,
        bans: args.bans,
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
                eprintln!("{}", p.message(lang));
            }
            return Err(CliError::Explained {
                code: "assign_input",
                message: if zh {
                    "无法分配：输入有误（见上；常见原因：每个申报单位的专家人数少于专家组中的专家类别数，或手工指定与利益冲突、回避、排除相抵），round.toml 未改动".to_owned()
                } else {
                    "no assignment: the input is refused (above; usually fewer experts per applicant than kinds on the panel, or a pin against a conflict, a recusal or a ban), round.toml is unchanged".to_owned()
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
        if !input.pins.is_empty() || !input.bans.is_empty() {
            println!("指定：{}；排除：{}", list(&input.pins), list(&input.bans));
        }
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
        if !input.pins.is_empty() || !input.bans.is_empty() {
            println!(
                "Pinned: {}; banned: {}",
                list(&input.pins),
                list(&input.bans)
            );
        }
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
    let on = date_arg("--on", on, lang)?.unwrap_or_else(|| crate::clock::now().today);
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

/// A dismissal's or a recusal edit's refusal in the user's language (exit 1).
fn refused(e: reviewdesk_io::ImportError, lang: Lang) -> CliError {
    match e {
        ImportError::Decision(d) => CliError::Explained {
            code: d.code(),
            message: format!(
                "{}{}",
                decision_error(&d, lang),
                if lang == Lang::ZhCn {
                    "；round.toml 未改动"
                } else {
                    "; round.toml is unchanged"
                }
            ),
        },
        other => other.into(),
    }
}

/// `round panel DIR --experts FILE [--sheet NAME] CARD_OR_DIR…`: the columns used,
/// every problem on its own line (stderr), then each member with its id and card
/// — or, with any error, nothing written or copied (exit 1).
pub fn panel(
    dir: &Path,
    experts: &Path,
    sheet: Option<&str>,
    cards: &[std::path::PathBuf],
    lang: Lang,
) -> Result<(), CliError> {
    use reviewdesk_core::{MemberCard, MemberChange, OrganizerCardPlan};
    let zh = lang == Lang::ZhCn;
    let import = reviewdesk_io::import_panel(dir, experts, sheet, cards)?;
    let m = &import.mapping;
    if zh {
        println!(
            "工作表“{}”，表头在第{}行，使用的列：",
            import.sheet, m.header_row
        );
    } else {
        println!(
            "Sheet \"{}\", header row {}, columns used:",
            import.sheet, m.header_row
        );
    }
    for ((f, c), h) in m.columns.iter().zip(&m.headers) {
        println!(
            "  {} ← {} \"{h}\"",
            expert_field(*f, lang),
            column_letter(*c)
        );
    }
    for (c, h) in &m.ignored {
        if zh {
            println!("  （未使用）{} \"{h}\"", column_letter(*c));
        } else {
            println!("  (not used) {} \"{h}\"", column_letter(*c));
        }
    }
    if zh {
        println!("密钥卡：{} 张已验证", import.cards.len());
    } else {
        println!("Key cards: {} verified", import.cards.len());
    }
    for p in &import.plan.problems {
        eprintln!("{}", panel_problem(p, lang));
    }
    if import.round_toml.is_none() {
        let errors = import.errors();
        return Err(CliError::Explained {
            code: "panel_has_errors",
            message: if zh {
                format!("发现{errors}个错误，专家组未导入，round.toml 和 cards/ 未改动")
            } else {
                format!("{errors} error(s): the panel was not imported, round.toml and cards/ are unchanged")
            },
        });
    }
    let plan = &import.plan;
    for mbr in &plan.members {
        let role = match (mbr.chair, zh) {
            (true, true) => "组长",
            (false, true) => "专家",
            (true, false) => "chair",
            (false, false) => "expert",
        };
        let change = match (mbr.change, zh) {
            (MemberChange::Added, true) => "新增",
            (MemberChange::Updated, true) => "更新",
            (MemberChange::Unchanged, true) => "未变",
            (MemberChange::Added, false) => "added",
            (MemberChange::Updated, false) => "updated",
            (MemberChange::Unchanged, false) => "unchanged",
        };
        let card = match (mbr.card, zh) {
            (MemberCard::Copied { card, .. }, _) => format!(
                "cards/{}.card ← {}",
                mbr.id,
                import
                    .card_file(card)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
            (MemberCard::AlreadyThere, true) => format!("cards/{}.card（已有）", mbr.id),
            (MemberCard::AlreadyThere, false) => format!("cards/{}.card (already there)", mbr.id),
            (MemberCard::Missing, true) => "缺少密钥卡".to_owned(),
            (MemberCard::Missing, false) => "no key card".to_owned(),
        };
        if zh {
            println!(
                "{change} {} {role} {}（第{}行）{card}",
                mbr.id, mbr.name, mbr.row
            );
        } else {
            println!(
                "{change} {} {role} {} (row {}) {card}",
                mbr.id, mbr.name, mbr.row
            );
        }
    }
    match (&plan.organizer, zh) {
        (OrganizerCardPlan::Copied { card, person, .. }, _) => println!(
            "{}cards/{person}.card ← {}",
            if zh { "主办单位：" } else { "Organizer: " },
            import
                .card_file(*card)
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ),
        (OrganizerCardPlan::AlreadyThere { person }, true) => {
            println!("主办单位：cards/{person}.card（已有）")
        }
        (OrganizerCardPlan::AlreadyThere { person }, false) => {
            println!("Organizer: cards/{person}.card (already there)")
        }
        (OrganizerCardPlan::Missing, _) => {}
    }
    let sep = if zh { "、" } else { ", " };
    if !plan.removed.is_empty() {
        let ids: Vec<String> = plan
            .removed
            .iter()
            .map(|e| format!("{} {}", e.id, e.name))
            .collect();
        if zh {
            println!(
                "移出专家组：{}（删除其 {} 条分配、{} 张密钥卡；请重新运行 reviewdesk round assign）",
                ids.join(sep),
                plan.dropped_assignments.len(),
                plan.card_removals.len()
            );
        } else {
            println!(
                "Left the panel: {} ({} assignment(s) and {} key card(s) removed; run reviewdesk round assign again)",
                ids.join(sep),
                plan.dropped_assignments.len(),
                plan.card_removals.len()
            );
        }
    }
    if zh {
        println!(
            "已导入 {}：组长 1 名，专家 {} 名。",
            dir.join("round.toml").display(),
            plan.members.len().saturating_sub(1)
        );
    } else {
        println!(
            "Imported into {}: the chair and {} expert(s).",
            dir.join("round.toml").display(),
            plan.members.len().saturating_sub(1)
        );
    }
    Ok(())
}

/// `round conflicts DIR`: every conflict of interest found from employers (the
/// day judged on, expert, applicant, why, by credit code or name) and each
/// dismissal. Exit 0 (a list, not a check).
pub fn conflicts(dir: &Path, lang: Lang) -> Result<(), CliError> {
    use reviewdesk_core::{Employment, MatchedBy};
    let zh = lang == Lang::ZhCn;
    let loaded = reviewdesk_io::load_round(dir)?;
    let today = crate::clock::now().today;
    let report = reviewdesk_io::conflict_report(dir, today)?;
    let name_of = |id: &str| {
        loaded
            .round
            .expert(id)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    let applicant_of = |id: &str| {
        loaded
            .round
            .applicant(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    if zh {
        println!(
            "利益冲突（按 {} 判断：现工作单位，或此前36个月内离职的单位）：{} 处，其中已排除 {} 处",
            report.as_of,
            report.conflicts.len(),
            report.conflicts.len() - report.standing().count()
        );
    } else {
        println!(
            "Conflicts of interest as of {} (current employer, or one left within the 36 months before): {}, {} dismissed",
            report.as_of,
            report.conflicts.len(),
            report.conflicts.len() - report.standing().count()
        );
    }
    for c in &report.conflicts {
        let why: Vec<String> = c
            .grounds
            .iter()
            .map(|g| {
                let by = match (g.matched_by, zh) {
                    (MatchedBy::CreditCode, true) => "统一社会信用代码相同",
                    (MatchedBy::Name, true) => "单位名称相同",
                    (MatchedBy::CreditCode, false) => "same credit code",
                    (MatchedBy::Name, false) => "same name",
                };
                match (g.employment, zh) {
                    (Employment::Current, true) => format!("现工作单位“{}”（{by}）", g.employer),
                    (Employment::Current, false) => {
                        format!("current employer \"{}\" ({by})", g.employer)
                    }
                    (Employment::Former { until }, true) => {
                        format!("曾任职单位“{}”，{until} 离职（{by}）", g.employer)
                    }
                    (Employment::Former { until }, false) => {
                        format!("former employer \"{}\", left {until} ({by})", g.employer)
                    }
                }
            })
            .collect();
        let state = match (&c.dismissal, zh) {
            (None, true) => "冲突".to_owned(),
            (None, false) => "conflict".to_owned(),
            (Some(d), true) => format!("已排除（{}，{} {}）", d.reason, d.by, d.on),
            (Some(d), false) => format!("dismissed ({}, {} {})", d.reason, d.by, d.on),
        };
        println!(
            "{state}: {} {} — {} {}: {}",
            c.expert,
            name_of(&c.expert),
            c.applicant,
            applicant_of(&c.applicant),
            why.join(if zh { "；" } else { "; " })
        );
    }
    for d in &report.unused_dismissals {
        if zh {
            println!(
                "（排除记录 {}–{} 已无对应的冲突：{}）",
                d.expert, d.applicant, d.reason
            );
        } else {
            println!(
                "(dismissal {}–{} no longer matches a conflict: {})",
                d.expert, d.applicant, d.reason
            );
        }
    }
    Ok(())
}

/// `round dismiss DIR --expert E --applicant A --reason TEXT --by NAME`: records a
/// `[[conflict_dismissal]]` dated today; refused (exit 1, nothing written) without
/// a reason, for an unknown id or a pair that is not conflicted.
pub fn dismiss(
    dir: &Path,
    applicant: &str,
    expert: &str,
    reason: &str,
    by: &str,
    lang: Lang,
) -> Result<(), CliError> {
    let today = crate::clock::now().today;
    let d = reviewdesk_io::dismiss_round_conflict(dir, applicant, expert, reason, by, today)
        .map_err(|e| refused(e, lang))?;
    if lang == Lang::ZhCn {
        println!(
            "已记录：专家 {} 与申报单位 {} 的利益冲突予以排除（{}，{} {}）。",
            d.expert, d.applicant, d.reason, d.by, d.on
        );
    } else {
        println!(
            "Recorded: the conflict of expert {} with applicant {} is dismissed ({}, {} {}).",
            d.expert, d.applicant, d.reason, d.by, d.on
        );
    }
    Ok(())
}

/// `round recusal DIR --applicant A --expert E --reason TEXT [--received DATE]`:
/// adds a pending recusal request.
pub fn recusal(
    dir: &Path,
    applicant: &str,
    expert: &str,
    reason: &str,
    received: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    let received = date_arg("--received", received, lang)?;
    let r = reviewdesk_io::add_round_recusal(dir, applicant, expert, reason, received)
        .map_err(|e| refused(e, lang))?;
    if lang == Lang::ZhCn {
        println!(
            "已登记：{} 申请 {} 回避（待裁定；裁定前不能封装，用 reviewdesk round rule 裁定）。",
            r.applicant, r.expert
        );
    } else {
        println!(
            "Entered: {} asks {} to recuse (pending; sealing waits for the ruling: reviewdesk round rule).",
            r.applicant, r.expert
        );
    }
    Ok(())
}

/// `round rule DIR --applicant A --expert E (--upheld | --rejected) --reason TEXT
/// --by NAME [--on DATE]`: rules the pending request (default day: today).
#[allow(clippy::too_many_arguments)]
pub fn rule(
    dir: &Path,
    applicant: &str,
    expert: &str,
    upheld: bool,
    reason: &str,
    by: &str,
    on: Option<&str>,
    lang: Lang,
) -> Result<(), CliError> {
    use reviewdesk_core::RecusalRuling;
    let on = date_arg("--on", on, lang)?.unwrap_or_else(|| crate::clock::now().today);
    let ruling = if upheld {
        RecusalRuling::Upheld
    } else {
        RecusalRuling::Rejected
    };
    let r = reviewdesk_io::rule_round_recusal(dir, applicant, expert, ruling, reason, by, on)
        .map_err(|e| refused(e, lang))?;
    let l = crate::messages::labels(lang);
    let word = if upheld { l.upheld } else { l.rejected };
    if lang == Lang::ZhCn {
        println!(
            "已裁定：{} 申请 {} 回避 — {word}（{}，{} {}）。",
            r.applicant,
            r.expert,
            reason.trim(),
            by.trim(),
            on
        );
    } else {
        println!(
            "Ruled: {} asking {} to recuse — {word} ({}, {} {}).",
            r.applicant,
            r.expert,
            reason.trim(),
            by.trim(),
            on
        );
    }
    Ok(())
}
