//! `reviewdesk register …`: the organizer's register of units across years
//! (动态管理), each subcommand thin over `reviewdesk_desk::register` on the
//! user's workspace (`reviewdesk-workspace`); dates default to today (China
//! Standard Time). Output in Chinese by default, `--lang en` in English.

use std::path::Path;

use reviewdesk_core::register::{
    ApplicantFlag, DeadlineKind, DueKind, FlagKind, LedgerLine, Proposal, ReasonCode, UnitStatus,
};
use reviewdesk_core::{Date, Lang};
use reviewdesk_desk::register::{ApplyOutcome, RecordRequest, Register, RegisterError};
use reviewdesk_workspace::Workspace;

use crate::cli::RegisterAction;
use crate::clock;
use crate::commands::keyarg;
use crate::error::CliError;
use crate::render::table;

fn err(lang: Lang) -> impl Fn(RegisterError) -> CliError {
    move |e| CliError::Register {
        code: e.code().as_str(),
        message: e.message(lang),
    }
}

fn day(d: Option<&str>) -> Result<Date, CliError> {
    match d {
        Some(d) => Ok(d.parse()?),
        None => Ok(clock::now().today),
    }
}

fn open(lang: Lang) -> Result<Register, CliError> {
    let ws = Workspace::open_default()
        .map_err(|e| CliError::Desk(reviewdesk_desk::DeskError::Workspace(e)))?;
    Register::open(ws).map_err(err(lang))
}

/// Runs one `register` subcommand.
pub fn run(action: RegisterAction, lang: Lang) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let e = err(lang);
    match action {
        RegisterAction::Apply {
            file,
            year,
            on,
            as_name,
            identity,
        } => {
            let mut r = open(lang)?;
            let bundle = file.extension().is_some_and(|x| x == "rdbundle");
            let outcome = if bundle {
                let on = on.ok_or_else(|| {
                    CliError::Usage("a bundle has no publication date: give --on DATE".into())
                })?;
                let ids = keyarg::required_identities(as_name.as_deref(), identity.as_deref())?;
                r.apply_bundle_file(&file, &ids, on.parse()?, year)
                    .map_err(e)?
            } else {
                r.apply_archive_file(&file, year).map_err(e)?
            };
            print_apply(&outcome, lang);
            Ok(())
        }
        RegisterAction::Record {
            unit,
            program,
            event,
            date,
            year,
            grade,
            cause,
            name,
            period,
            until,
            corrects,
            note,
        } => {
            let mut r = open(lang)?;
            let today = clock::now().today;
            let lines = r
                .record(
                    RecordRequest {
                        unit,
                        program,
                        event,
                        on: date.as_deref().map(str::parse).transpose()?,
                        year,
                        grade,
                        cause,
                        name,
                        period,
                        until: until.as_deref().map(str::parse).transpose()?,
                        corrects,
                        note,
                    },
                    today,
                )
                .map_err(e)?;
            for l in &lines {
                println!("{}", line_text(l, lang));
            }
            Ok(())
        }
        RegisterAction::Status { at, program, json } => {
            let r = open(lang)?;
            let list = r
                .status(day(at.as_deref())?, program.as_deref())
                .map_err(e)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).expect("statuses serialize")
                );
            } else {
                print_status(&list, lang);
            }
            Ok(())
        }
        RegisterAction::History { code, at, output } => {
            let r = open(lang)?;
            let at = day(at.as_deref())?;
            let h = r.history(&code, at).map_err(&e)?;
            if let Some(out) = output {
                let pdf = r.history_pdf(&code, at, lang).map_err(&e)?;
                write(&out, &pdf)?;
                println!("{}", out.display());
                return Ok(());
            }
            for l in &h.lines {
                println!("{}", line_text(l, lang));
            }
            println!(
                "{}: {}",
                if zh {
                    "台账链末哈希"
                } else {
                    "ledger head"
                },
                h.head
            );
            print_status(&h.statuses, lang);
            Ok(())
        }
        RegisterAction::Due { at } => {
            let r = open(lang)?;
            let items = r.due(day(at.as_deref())?).map_err(e)?;
            if items.is_empty() {
                println!(
                    "{}",
                    if zh {
                        "本月没有到期事项。"
                    } else {
                        "Nothing due this month."
                    }
                );
            }
            for i in &items {
                let what = match (i.kind, zh) {
                    (DueKind::ReportDue, true) => "报告本月到期",
                    (DueKind::ReportDue, false) => "report due",
                    (DueKind::ReportOverdue, true) => "报告逾期未交",
                    (DueKind::ReportOverdue, false) => "report overdue",
                    (DueKind::Rectification, true) => "整改期限",
                    (DueKind::Rectification, false) => "rectification deadline",
                    (DueKind::BanEnds, true) => "禁止申报期届满",
                    (DueKind::BanEnds, false) => "ban ends",
                };
                println!(
                    "{}  {}  {}  {}  {}{}  [{}]",
                    i.due,
                    i.unit,
                    i.name,
                    i.program,
                    what,
                    i.period
                        .as_deref()
                        .map(|p| format!(" {p}"))
                        .unwrap_or_default(),
                    i.article
                );
            }
            Ok(())
        }
        RegisterAction::Proposals { at, json } => {
            let r = open(lang)?;
            let list = r.proposals(day(at.as_deref())?).map_err(e)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).expect("proposals serialize")
                );
            } else if list.is_empty() {
                println!(
                    "{}",
                    if zh {
                        "没有待处理的建议。"
                    } else {
                        "No open proposals."
                    }
                );
            } else {
                for p in &list {
                    println!("{}", proposal_text(p, lang));
                }
            }
            Ok(())
        }
        RegisterAction::Confirm { id, reason, on } => {
            let mut r = open(lang)?;
            for l in r.confirm(&id, &reason, day(on.as_deref())?).map_err(e)? {
                println!("{}", line_text(&l, lang));
            }
            Ok(())
        }
        RegisterAction::Reject { id, reason, on } => {
            let mut r = open(lang)?;
            for l in r.reject(&id, &reason, day(on.as_deref())?).map_err(e)? {
                println!("{}", line_text(&l, lang));
            }
            Ok(())
        }
        RegisterAction::Checkpoint {
            as_name,
            signing_key,
            output,
            year,
        } => {
            let signer = keyarg::signer(as_name.as_deref(), signing_key.as_deref())?;
            let r = open(lang)?;
            let today = clock::now().today;
            let bytes = r
                .checkpoint(&signer, year.unwrap_or(today.year()), today)
                .map_err(e)?;
            write(&output, &bytes)?;
            println!(
                "{} {} ({})",
                if zh {
                    "已签署核验点"
                } else {
                    "Checkpoint signed:"
                },
                output.display(),
                signer.fingerprint()
            );
            Ok(())
        }
        RegisterAction::Verify { file } => {
            let r = open(lang)?;
            let bytes = std::fs::read(&file).map_err(|source| CliError::File {
                path: file.clone(),
                source,
            })?;
            let rep = r.verify_checkpoint(&bytes).map_err(e)?;
            println!(
                "{}: {}  {}: {}  {}: {}",
                if zh { "签署人" } else { "signed by" },
                rep.organizer,
                if zh { "年度" } else { "year" },
                rep.year,
                if zh { "日期" } else { "on" },
                rep.on
            );
            println!(
                "{}",
                if zh {
                    format!("台账 {} 本，未改动 {} 本。", rep.units, rep.unchanged)
                } else {
                    format!("{} ledger(s), {} unchanged.", rep.units, rep.unchanged)
                }
            );
            for (u, n) in &rep.appended {
                println!(
                    "  {u}: {}",
                    if zh {
                        format!("其后新增 {n} 条")
                    } else {
                        format!("{n} line(s) added since")
                    }
                );
            }
            for u in &rep.new_units {
                println!(
                    "  {u}: {}",
                    if zh {
                        "其后新建台账"
                    } else {
                        "ledger begun since"
                    }
                );
            }
            for (u, what) in &rep.changed {
                eprintln!(
                    "  {u}: {}{what}",
                    if zh { "已改动 — " } else { "changed — " }
                );
            }
            if rep.changed.is_empty() {
                Ok(())
            } else {
                Err(CliError::Register {
                    code: "checkpoint_mismatch",
                    message: if zh {
                        format!(
                            "{} 本台账的既往记录与核验点不符（见上）。",
                            rep.changed.len()
                        )
                    } else {
                        format!(
                            "{} ledger(s) differ from the checkpoint in their past (above).",
                            rep.changed.len()
                        )
                    },
                })
            }
        }
        RegisterAction::Catalogue { year, output } => {
            let r = open(lang)?;
            std::fs::create_dir_all(&output).map_err(|source| CliError::File {
                path: output.clone(),
                source,
            })?;
            for f in r.write_catalogue(year, &output, lang).map_err(e)? {
                println!(
                    "{}: {} {}  {}  {}",
                    f.program,
                    f.units,
                    if zh { "家" } else { "unit(s)" },
                    f.pdf.display(),
                    f.csv.display()
                );
            }
            Ok(())
        }
        RegisterAction::Export { at, output } => {
            let r = open(lang)?;
            let bytes = r.register_xlsx(day(at.as_deref())?, lang).map_err(e)?;
            write(&output, &bytes)?;
            println!("{}", output.display());
            Ok(())
        }
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    Ok(reviewdesk_io::write_atomically(path, bytes)?)
}

/// One ledger line: seq, date, program, event and its fields, note.
pub fn line_text(l: &LedgerLine, lang: Lang) -> String {
    let kind = match lang {
        Lang::ZhCn => format!("{}({})", l.event.kind().zh(), l.event.kind().as_str()),
        Lang::En => l.event.kind().as_str().to_owned(),
    };
    let mut fields: Vec<String> = l
        .event
        .fields()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if let Some(c) = l.corrects {
        fields.push(format!("corrects={c}"));
    }
    if let Some(p) = &l.proposal {
        fields.push(format!("proposal={p}"));
    }
    if let Some(r) = &l.round {
        fields.push(format!("round={r}"));
    }
    if let Some(n) = &l.note {
        fields.push(format!("note={n}"));
    }
    format!(
        "{} #{} {} {} {} {}",
        l.unit,
        l.seq,
        l.on,
        l.program,
        kind,
        fields.join(" ")
    )
    .trim_end()
    .to_owned()
}

fn proposal_text(p: &Proposal, lang: Lang) -> String {
    let kind = match lang {
        Lang::ZhCn => p.kind.zh(),
        Lang::En => p.kind.as_str(),
    };
    let mut s = format!("{}  {}  {kind}", p.id, p.on);
    if let Some(c) = &p.cause {
        s.push_str(&format!("  cause={c}"));
    }
    if p.ban_years > 0 {
        s.push_str(&match lang {
            Lang::ZhCn => format!("  禁止申报{}年", p.ban_years),
            Lang::En => format!("  ban {} year(s)", p.ban_years),
        });
    }
    s.push_str(&format!("  [{}]", p.article));
    s
}

fn reasons(s: &UnitStatus, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let mut out: Vec<String> = s
        .not_eligible
        .iter()
        .map(|r| match r.code {
            ReasonCode::AlreadyMember if zh => format!("已在册（#{}）", r.seq),
            ReasonCode::AlreadyMember => format!("already a member (#{})", r.seq),
            ReasonCode::Banned if zh => format!(
                "禁止申报至 {}，原因 {}（#{}，{}）",
                r.until.map(|d| d.to_string()).unwrap_or_default(),
                r.cause.as_deref().unwrap_or(""),
                r.seq,
                r.article
            ),
            ReasonCode::Banned => format!(
                "banned until {}, cause {} (#{}, {})",
                r.until.map(|d| d.to_string()).unwrap_or_default(),
                r.cause.as_deref().unwrap_or(""),
                r.seq,
                r.article
            ),
            _ => String::new(),
        })
        .collect();
    if let Some(r) = &s.recommended {
        out.push(if zh {
            format!("推荐名录（#{}，{}）", r.seq, r.article)
        } else {
            format!("recommended list (#{}, {})", r.seq, r.article)
        });
    }
    out.join("；")
}

fn print_status(list: &[UnitStatus], lang: Lang) {
    let zh = lang == Lang::ZhCn;
    let header = if zh {
        vec![
            "统一社会信用代码",
            "单位名称",
            "项目",
            "状态",
            "自",
            "禁止申报至",
            "未结期限",
            "可否申报",
            "理由",
        ]
    } else {
        vec![
            "Credit code",
            "Name",
            "Program",
            "Status",
            "Since",
            "Banned until",
            "Open deadlines",
            "May apply",
            "Reasons",
        ]
    };
    let mut t = table(header);
    for s in list {
        let deadlines: Vec<String> = s
            .deadlines
            .iter()
            .map(|d| {
                let what = match (d.kind, zh) {
                    (DeadlineKind::Report, true) => {
                        format!("报告 {}", d.period.as_deref().unwrap_or(""))
                    }
                    (DeadlineKind::Report, false) => {
                        format!("report {}", d.period.as_deref().unwrap_or(""))
                    }
                    (DeadlineKind::Rectification, true) => "整改".into(),
                    (DeadlineKind::Rectification, false) => "rectification".into(),
                    (DeadlineKind::ChangeApproval, true) => "变更待核准".into(),
                    (DeadlineKind::ChangeApproval, false) => "change awaiting approval".into(),
                };
                let late = if d.overdue {
                    if zh {
                        "（逾期）"
                    } else {
                        " (overdue)"
                    }
                } else {
                    ""
                };
                format!(
                    "{what} {}{late}",
                    d.due.map(|x| x.to_string()).unwrap_or_default()
                )
            })
            .collect();
        t.add_row(vec![
            s.unit.clone(),
            s.name.clone(),
            s.program.clone(),
            if zh {
                s.standing.zh().to_owned()
            } else {
                s.standing.as_str().to_owned()
            },
            s.since.map(|d| d.to_string()).unwrap_or_default(),
            s.banned_until.map(|d| d.to_string()).unwrap_or_default(),
            deadlines.join("\n"),
            if s.may_apply {
                if zh {
                    "可"
                } else {
                    "yes"
                }
            } else if zh {
                "否"
            } else {
                "no"
            }
            .to_owned(),
            reasons(s, lang),
        ]);
    }
    println!("{t}");
}

fn print_apply(o: &ApplyOutcome, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    if o.already_applied {
        println!(
            "{}",
            if zh {
                format!(
                    "该文件（SHA-256 {}）已记录过，本次未记录任何内容。",
                    o.sha256
                )
            } else {
                format!(
                    "This file (SHA-256 {}) was applied before: nothing recorded.",
                    o.sha256
                )
            }
        );
    } else {
        println!(
            "{}",
            if zh {
                format!(
                    "批次 {}（模板 {}，项目 {}）：记录 {} 条。",
                    o.round,
                    o.template,
                    o.programs.join("、"),
                    o.lines.len()
                )
            } else {
                format!(
                    "Round {} (template {}, programs {}): {} line(s) recorded.",
                    o.round,
                    o.template,
                    o.programs.join(", "),
                    o.lines.len()
                )
            }
        );
        for l in &o.lines {
            println!("  {}", line_text(l, lang));
        }
    }
    if !o.proposals.is_empty() {
        println!(
            "{}",
            if zh {
                "待确认的建议："
            } else {
                "Proposals to confirm or reject:"
            }
        );
        for p in &o.proposals {
            println!("  {}", proposal_text(p, lang));
        }
    }
}

/// The register's flags on a round's applicants (`round applicants`), when the
/// user's workspace has a register: one line each on stderr.
pub fn flag_lines(flags: &[ApplicantFlag], lang: Lang) -> Vec<String> {
    let zh = lang == Lang::ZhCn;
    flags
        .iter()
        .map(|f| {
            let cause = f.cause.as_deref().unwrap_or("");
            match (f.kind, zh) {
                (FlagKind::Banned, true) => format!(
                    "注意：{} {} 在项目 {} 禁止申报至 {}，原因 {}（台账 #{} {}，{}）",
                    f.applicant,
                    f.unit,
                    f.program,
                    f.until.map(|d| d.to_string()).unwrap_or_default(),
                    cause,
                    f.seq,
                    f.on,
                    f.article
                ),
                (FlagKind::Banned, false) => format!(
                    "note: {} {} is banned from {} until {}, cause {} (ledger #{} {}, {})",
                    f.applicant,
                    f.unit,
                    f.program,
                    f.until.map(|d| d.to_string()).unwrap_or_default(),
                    cause,
                    f.seq,
                    f.on,
                    f.article
                ),
                (FlagKind::Revoked, true) => format!(
                    "注意：{} {} 在项目 {} 已被撤销或移出，原因 {}（台账 #{} {}，{}）",
                    f.applicant, f.unit, f.program, cause, f.seq, f.on, f.article
                ),
                (FlagKind::Revoked, false) => format!(
                    "note: {} {} was revoked or removed from {}, cause {} (ledger #{} {}, {})",
                    f.applicant, f.unit, f.program, cause, f.seq, f.on, f.article
                ),
                (FlagKind::AlreadyMember, true) => format!(
                    "注意：{} {} 已在项目 {} 在册（台账 #{} {}）",
                    f.applicant, f.unit, f.program, f.seq, f.on
                ),
                (FlagKind::AlreadyMember, false) => format!(
                    "note: {} {} is already a member of {} (ledger #{} {})",
                    f.applicant, f.unit, f.program, f.seq, f.on
                ),
            }
        })
        .collect()
}

/// The flags on the applicants of the round in `dir` today, from the user's
/// workspace register (none when there is no workspace yet).
pub fn round_flags(dir: &Path, lang: Lang) -> Result<Vec<String>, CliError> {
    let db = reviewdesk_workspace::default_dir()
        .map_err(|e| CliError::Desk(reviewdesk_desk::DeskError::Workspace(e)))?
        .join(reviewdesk_workspace::DB_FILE);
    if !db.exists() {
        return Ok(Vec::new());
    }
    let round = reviewdesk_io::load_round(dir)?;
    let r = open(lang)?;
    let applicants: Vec<(String, String)> = round
        .round
        .applicants
        .iter()
        .map(|a| (a.id.clone(), a.credit_code.to_string()))
        .collect();
    let flags = r
        .applicant_flags(
            &round.round.program.template,
            &applicants,
            clock::now().today,
        )
        .map_err(err(lang))?;
    Ok(flag_lines(&flags, lang))
}
