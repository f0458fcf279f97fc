//! `reviewdesk round advance|sample|substitute`: the organizer's steps after a
//! chair's bundle, each one call into `reviewdesk_desk` (`crates/desk/src/stages.rs`)
//! — close a stage and open the next for those who go on, take over a site-visit
//! draw, add a substitute expert — each sealing the next package revision into an
//! empty folder with its hand-out list.

use std::path::Path;

use reviewdesk_core::{CreditCode, Lang, Localized};
use reviewdesk_desk::{DeskError, HandOut, HandOutTo, Substitute};
use reviewdesk_formats::{Identity, Signer};
use reviewdesk_reports::FontData;

use crate::commands::keyarg;
use crate::commands::seal::byte_bar;
use crate::error::CliError;
use crate::messages::{advance_outcome_line, stage_refusal};

/// The organizer's keys as the commands take them: `--as NAME`, or
/// `--signing-key FILE` with `--identity FILE`.
pub struct OrganizerKeys<'a> {
    /// `--as NAME`.
    pub as_name: Option<&'a str>,
    /// `--signing-key FILE`.
    pub signing_key: Option<&'a Path>,
    /// `--identity FILE`.
    pub identity: Option<&'a Path>,
}

impl OrganizerKeys<'_> {
    fn load(&self) -> Result<(Signer, Vec<Identity>), CliError> {
        keyarg::signer_and_identities(self.as_name, self.signing_key, self.identity)
    }
}

/// A desk refusal explained in the user's language where there is an explanation.
fn explained(e: DeskError, lang: Lang) -> CliError {
    match stage_refusal(&e, lang) {
        Some(message) => CliError::Explained {
            code: e.code().as_str(),
            message,
        },
        None => CliError::Desk(e),
    }
}

fn font() -> Result<FontData, CliError> {
    FontData::bundled().map_err(|e| CliError::Desk(DeskError::Print(e.to_string())))
}

fn print_handout(h: &HandOut, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    if zh {
        println!("已封装第 {} 版评审包（批次 {}）：", h.revision, h.round);
    } else {
        println!(
            "Sealed package revision {} of round {}:",
            h.revision, h.round
        );
    }
    for line in &h.lines {
        println!(
            "  {}  {} {}  {}",
            h.dir.join(&line.file).display(),
            line.person,
            line.name,
            line.fingerprint
        );
    }
    println!(
        "{} {}, {}",
        if zh {
            "分发清单："
        } else {
            "hand-out list:"
        },
        h.dir.join(reviewdesk_desk::HANDOUT_PDF).display(),
        h.dir.join(reviewdesk_desk::HANDOUT_CSV).display()
    );
}

fn progress_bar() -> (indicatif::ProgressBar, impl FnMut(usize, usize, u64, u64)) {
    let bar = byte_bar(String::new());
    let b = bar.clone();
    (
        bar,
        move |file: usize, files: usize, done: u64, total: u64| {
            b.set_message(format!("{}/{files}", file + 1));
            b.set_length(total);
            b.set_position(done);
        },
    )
}

/// `round advance DIR --bundle FILE -o OUT [--stage ID] [--list-only]`: the gate's
/// result printed (who goes on, who does not and why), then — unless
/// `--list-only` — the next stage opened for them and the package family sealed
/// into OUT; the advance list (advance.pdf, advance.csv) is written into OUT.
pub fn advance(
    dir: &Path,
    bundle: &Path,
    keys: &OrganizerKeys<'_>,
    stage: Option<&str>,
    out: &Path,
    list_only: bool,
    lang: Lang,
) -> Result<(), CliError> {
    let zh = lang == Lang::ZhCn;
    let (signer, ids) = keys.load()?;
    let org = signer.fingerprint();
    let list = reviewdesk_desk::advance_list(bundle, Some(&org), &ids, stage)
        .map_err(|e| explained(e, lang))?;
    let a = &list.advance;
    if zh {
        println!("结束环节 {}，进入环节 {}：", a.closed, a.next);
    } else {
        println!("Closing stage {}, opening stage {}:", a.closed, a.next);
    }
    for r in &a.rows {
        println!("  {}", advance_outcome_line(r, lang));
    }
    let today = crate::clock::now().today;
    let font = font()?;
    if !list_only {
        let (bar, mut progress) = progress_bar();
        let calendar = crate::commands::calendar::round_calendar()?;
        let to = HandOutTo {
            organizer: &signer,
            dir: out,
            font: &font,
            lang,
            today,
            calendar: &calendar,
        };
        let h = reviewdesk_desk::open_next_stage(dir, &list, to, &mut progress);
        bar.finish_and_clear();
        print_handout(&h.map_err(|e| explained(e, lang))?, lang);
    }
    let files = reviewdesk_desk::write_advance_list(&list, out, &font, lang, today)?;
    for f in files {
        println!(
            "{} {}",
            if zh {
                "进入名单："
            } else {
                "advance list:"
            },
            f.display()
        );
    }
    Ok(())
}

/// `round sample DIR --bundle FILE -o OUT`: the bundle's site-visit draw written
/// into the round and the package family sealed again into OUT.
pub fn sample(
    dir: &Path,
    bundle: &Path,
    keys: &OrganizerKeys<'_>,
    out: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys.load()?;
    let org = signer.fingerprint();
    let drawn =
        reviewdesk_desk::drawn_sample(bundle, Some(&org), &ids).map_err(|e| explained(e, lang))?;
    if lang == Lang::ZhCn {
        println!(
            "抽签结果（环节 {}，公布值 {}）：{}",
            drawn.stage,
            drawn.announced,
            drawn.sample.join("、")
        );
    } else {
        println!(
            "Drawn for stage {} (announced {}): {}",
            drawn.stage,
            drawn.announced,
            drawn.sample.join(", ")
        );
    }
    let font = font()?;
    let (bar, mut progress) = progress_bar();
    let calendar = crate::commands::calendar::round_calendar()?;
    let to = HandOutTo {
        organizer: &signer,
        dir: out,
        font: &font,
        lang,
        today: crate::clock::now().today,
        calendar: &calendar,
    };
    let h = reviewdesk_desk::open_sampled_stage(dir, &drawn, to, &mut progress);
    bar.finish_and_clear();
    print_handout(&h.map_err(|e| explained(e, lang))?, lang);
    Ok(())
}

/// What `round substitute` takes besides the folder and keys.
pub struct SubstituteArgs<'a> {
    /// The substitute's key card.
    pub card: &'a Path,
    /// Employer.
    pub affiliation: &'a str,
    /// Employer's credit code.
    pub affiliation_code: Option<&'a str>,
    /// Field, zh.
    pub field_zh: &'a str,
    /// Field, en.
    pub field_en: &'a str,
    /// Applicants to review.
    pub applicants: &'a [String],
    /// The whole package handed out last.
    pub previous: &'a Path,
}

/// `round substitute DIR --card FILE --for A… --previous WHOLE.rdpkg -o OUT`: the
/// substitute added (conflicts checked), their package and the whole one (the
/// enlarged family) sealed into OUT; every other expert keeps their package.
pub fn substitute(
    dir: &Path,
    args: &SubstituteArgs<'_>,
    keys: &OrganizerKeys<'_>,
    out: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let (signer, ids) = keys.load()?;
    let code = match args.affiliation_code {
        Some(c) => Some(
            CreditCode::parse(c)
                .map_err(|e| CliError::Usage(format!("--affiliation-code {c}: {e}")))?,
        ),
        None => None,
    };
    let sub = Substitute {
        card: args.card,
        affiliation: args.affiliation,
        affiliation_credit_code: code,
        field: Localized {
            zh: args.field_zh.to_owned(),
            en: args.field_en.to_owned(),
        },
        applicants: args.applicants,
    };
    let font = font()?;
    let (bar, mut progress) = progress_bar();
    let calendar = crate::commands::calendar::round_calendar()?;
    let to = HandOutTo {
        organizer: &signer,
        dir: out,
        font: &font,
        lang,
        today: crate::clock::now().today,
        calendar: &calendar,
    };
    let done = reviewdesk_desk::add_substitute(dir, args.previous, &ids, &sub, to, &mut progress);
    bar.finish_and_clear();
    let done = done.map_err(|e| explained(e, lang))?;
    if lang == Lang::ZhCn {
        println!(
            "替补专家 {} 已加入评审组，评审：{}",
            done.expert,
            args.applicants.join("、")
        );
    } else {
        println!(
            "Substitute {} added to the panel, reviewing {}",
            done.expert,
            args.applicants.join(", ")
        );
    }
    print_handout(&done.handout, lang);
    Ok(())
}
