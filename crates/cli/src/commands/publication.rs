//! The organizer's publication: `notice new|verify`, `objection add|note|rule|list`,
//! `amend`, `publish` and `archive verify` — each thin over
//! `reviewdesk_desk::publication` (`docs/formats.md`, "Publication").

use std::path::{Path, PathBuf};

use reviewdesk_core::publication::{Cause, Change, ObjectionState, Objector, Outcome};
use reviewdesk_core::{Date, Lang, PeriodUnit};
use reviewdesk_desk::publication::{
    add_objection, amend, note_objection, publish_final, publish_notice, read_register,
    rule_objection, verify_archive_file, verify_notice_dir, AmendRequest, NoticeRequest,
    ObjectionRequest,
};
use reviewdesk_formats::{Identity, Signer};

use crate::cli::{CauseArg, OrganizerKeyArgs, OutcomeArg};
use crate::clock;
use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::{publication_labels, refusal};

fn keys(k: &OrganizerKeyArgs) -> Result<(Signer, Vec<Identity>), CliError> {
    keyarg::signer_and_identities(
        k.as_name.as_deref(),
        k.key.as_deref(),
        k.identity.as_deref(),
    )
}

/// `--on DATE`, or today (China Standard Time).
fn day(on: Option<&str>) -> Result<Date, CliError> {
    match on {
        Some(d) => Ok(d.parse()?),
        None => Ok(clock::now().today),
    }
}

/// `reviewdesk notice new BUNDLE --start DATE -o DIR --channel T --contact T`.
#[allow(clippy::too_many_arguments)]
pub fn notice_new(
    bundle: &Path,
    start: &str,
    out: &Path,
    channel: &str,
    contact: &str,
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let l = publication_labels(lang);
    let o = publish_notice(
        out,
        &signer,
        &ids,
        &NoticeRequest {
            bundle: Some(bundle),
            start: start.parse()?,
            channel,
            contact,
            lang,
            today: day(on)?,
        },
    )?;
    let unit = match o.period.unit {
        PeriodUnit::WorkingDays => l.working_days,
        PeriodUnit::CalendarDays => l.calendar_days,
    };
    println!("{} {}: {}", l.notice_published, o.number, o.dir.display());
    println!(
        "{}: {} – {} ({}{}){}",
        l.period,
        o.period.start,
        o.period.end,
        o.period.days,
        unit,
        if o.assumed { l.assumed } else { "" }
    );
    println!("{}: {}", l.listed, o.rows);
    println!("{}", l.paste);
    for (path, sha) in &o.files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        println!("SHA-256  {sha}  {name}");
    }
    println!("{}", l.allowed_signers);
    print!("{}", o.allowed_signers);
    println!("{}", l.check_with);
    println!("{}", o.verify_command);
    println!("{}: {}", l.notice_end, o.period.end);
    // The one machine-readable line, the same in every language (docs/formats.md,
    // "Publication"): scripts read the end date from it.
    println!("end: {}", o.period.end);
    Ok(())
}

/// `reviewdesk notice verify DIR`.
pub fn notice_verify(dir: &Path, lang: Lang) -> Result<(), CliError> {
    let l = publication_labels(lang);
    let (signer, rec) = verify_notice_dir(dir)?;
    println!("{}: {}", l.notice_ok, dir.display());
    println!("{}: {signer}", l.signer);
    println!("{}: {} – {}", l.period, rec.start, rec.end);
    println!("{}: {}", l.listed, rec.rows.len());
    Ok(())
}

fn print_objection(o: &ObjectionState, today: Option<Date>, lang: Lang) {
    let l = publication_labels(lang);
    let state = if !o.admitted {
        let reasons: Vec<&str> = o.refused.iter().map(|r| refusal(*r, lang)).collect();
        format!(
            "{}: {}",
            l.refused,
            reasons.join(if lang == Lang::En { "; " } else { "；" })
        )
    } else {
        match &o.ruling {
            Some((d, Outcome::Upheld, _)) => format!("{} ({d})", l.ruled_upheld),
            Some((d, Outcome::Rejected, _)) => format!("{} ({d})", l.ruled_rejected),
            None => {
                let due = o.reply_due.map(|d| d.to_string()).unwrap_or_default();
                let late = today.is_some_and(|t| o.overdue(t));
                format!(
                    "{}, {}, {} {due}{}",
                    l.admitted,
                    l.pending,
                    l.reply_due,
                    if late {
                        format!(" — {}", l.overdue)
                    } else {
                        String::new()
                    }
                )
            }
        }
    };
    println!(
        "{} {}  {}  {}  {}  [{}]",
        l.objection, o.id, o.applicant, o.received, o.objector.name, state
    );
    for (d, n) in &o.notes {
        println!("    {} {d}: {n}", l.notes);
    }
}

/// `reviewdesk objection add DIR …`.
#[allow(clippy::too_many_arguments)]
pub fn objection_add(
    dir: &Path,
    applicant: &str,
    objector: Objector,
    grounds: &str,
    evidence: &[PathBuf],
    received: &str,
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let o = add_objection(
        dir,
        &signer,
        &ids,
        &ObjectionRequest {
            objector,
            applicant,
            grounds,
            evidence,
            received: received.parse()?,
            today: day(on)?,
        },
    )?;
    print_objection(&o, None, lang);
    Ok(())
}

/// `reviewdesk objection note DIR ID TEXT`.
pub fn objection_note(
    dir: &Path,
    id: &str,
    text: &str,
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let o = note_objection(dir, &signer, &ids, id, text, day(on)?)?;
    print_objection(&o, None, lang);
    Ok(())
}

/// `reviewdesk objection rule DIR ID --outcome … --reasons …`.
pub fn objection_rule(
    dir: &Path,
    id: &str,
    outcome: OutcomeArg,
    reasons: &str,
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let outcome = match outcome {
        OutcomeArg::Upheld => Outcome::Upheld,
        OutcomeArg::Rejected => Outcome::Rejected,
    };
    let o = rule_objection(dir, &signer, &ids, id, outcome, reasons, day(on)?)?;
    print_objection(&o, None, lang);
    Ok(())
}

/// `reviewdesk objection list DIR`: every objection, overdue ones marked.
pub fn objection_list(dir: &Path, on: Option<&str>, lang: Lang) -> Result<(), CliError> {
    let today = day(on)?;
    let reg = read_register(dir)?;
    if reg.objections.is_empty() {
        println!("{}", publication_labels(lang).no_objections);
    }
    for o in &reg.objections {
        print_objection(o, Some(today), lang);
    }
    Ok(())
}

fn score_change(s: &str) -> Result<Change, CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--score {s}: expected EXPERT:APPLICANT:INDICATOR=VALUE"
        ))
    };
    let (who, value) = s.split_once('=').ok_or_else(bad)?;
    let mut parts = who.split(':');
    let (Some(expert), Some(applicant), Some(indicator), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    Ok(Change::Score {
        expert: expert.into(),
        applicant: applicant.into(),
        indicator: indicator.into(),
        value: value.parse().map_err(|_| bad())?,
    })
}

/// `reviewdesk amend DIR --cause … --reason … (--strike A | --score …)…`.
#[allow(clippy::too_many_arguments)]
pub fn amend_run(
    dir: &Path,
    cause: CauseArg,
    objection: Option<&str>,
    reason: &str,
    strike: &[String],
    score: &[String],
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let l = publication_labels(lang);
    let cause = match cause {
        CauseArg::CalculationError => Cause::CalculationError,
        CauseArg::ScoreOutOfRange => Cause::ScoreOutOfRange,
        CauseArg::ObjectiveItemInconsistent => Cause::ObjectiveItemInconsistent,
        CauseArg::AbnormalScore => Cause::AbnormalScore,
        CauseArg::UpheldObjection => Cause::UpheldObjection,
    };
    let mut changes: Vec<Change> = score
        .iter()
        .map(|s| score_change(s))
        .collect::<Result<_, _>>()?;
    changes.extend(strike.iter().map(|a| Change::Strike {
        applicant: a.clone(),
    }));
    let o = amend(
        dir,
        &signer,
        &ids,
        &AmendRequest {
            cause,
            objection,
            reason,
            changes,
            today: day(on)?,
        },
    )?;
    println!("{} {}: {}", l.amendment, o.record.number, o.path.display());
    println!("{}:", l.before_after);
    let show = |s: &reviewdesk_core::publication::Standing| {
        format!(
            "{}, {}, #{}",
            if s.selected {
                l.selected
            } else {
                l.not_selected
            },
            s.grade.as_deref().unwrap_or("—"),
            s.rank.map_or("—".to_string(), |r| r.to_string())
        )
    };
    for d in &o.record.diff {
        println!(
            "  {}: {} → {}",
            d.applicant,
            show(&d.before),
            show(&d.after)
        );
    }
    println!(
        "{}",
        if o.record.material {
            l.material
        } else {
            l.not_material
        }
    );
    Ok(())
}

/// `reviewdesk publish DIR -o ARCHIVE`.
pub fn publish(
    dir: &Path,
    output: &Path,
    on: Option<&str>,
    key: &OrganizerKeyArgs,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys(key)?;
    let l = publication_labels(lang);
    let o = publish_final(dir, &signer, &ids, output, lang, day(on)?)?;
    println!("{}: {} ({})", l.final_published, o.dir.display(), o.rows);
    println!("{}", l.paste);
    for (path, sha) in &o.files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        println!("SHA-256  {sha}  {name}");
    }
    println!("{}", l.check_with);
    println!("{}", o.verify_command);
    println!(
        "{}: {}  SHA-256 {}",
        l.archive_written,
        o.archive.0.display(),
        o.archive.1
    );
    println!("reviewdesk archive verify {}", o.archive.0.display());
    Ok(())
}

/// `reviewdesk archive verify FILE`: exit 0 only when everything holds.
pub fn archive_verify(file: &Path, lang: Lang) -> Result<(), CliError> {
    let l = publication_labels(lang);
    let r = verify_archive_file(file)?;
    println!("{}", l.archive_ok);
    println!("{}: {}", l.signer, r.organizer);
    println!("{}: {}", l.notices, r.notices);
    println!(
        "{}: {}/{}/{}",
        l.objections, r.objections.0, r.objections.1, r.objections.2
    );
    println!("{}: {}", l.amendments, r.amendments);
    println!("{}: {}", l.final_list, r.rows.len());
    for row in &r.rows {
        println!(
            "  {}  {}  {}  {}  {}",
            row.seq,
            row.applicant,
            row.name,
            row.credit_code,
            row.region.get(lang)
        );
    }
    Ok(())
}
