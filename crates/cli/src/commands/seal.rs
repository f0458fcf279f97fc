//! `reviewdesk seal`: a round folder into a sealed package (and, with
//! `--per-expert`, one package per expert), with a progress bar on a terminal.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use reviewdesk_core::Lang;
use reviewdesk_desk::{load_cards, seal_family_on, seal_round_to_file_on, PanelCards, Scope};
use reviewdesk_formats::{Sealed, Signer};
use reviewdesk_io::{load_round, LoadedRound};

use crate::commands::keyarg;
use crate::error::CliError;
use crate::messages::package_labels;

/// A byte progress bar on stderr; drawn only when stderr is a terminal.
pub fn byte_bar(message: String) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:32}] {bytes}/{total_bytes} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(message);
    bar
}

fn seal_one(
    loaded: &LoadedRound,
    cards: &PanelCards,
    signer: &Signer,
    scope: Scope<'_>,
    out: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let bar = byte_bar(out.display().to_string());
    let today = crate::clock::now().today;
    let sealed = seal_round_to_file_on(
        loaded,
        cards,
        signer,
        scope,
        today,
        out,
        &mut |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    );
    bar.finish_and_clear();
    print_sealed(out, &sealed?, lang);
    Ok(())
}

fn print_sealed(out: &Path, sealed: &Sealed, lang: Lang) {
    let l = package_labels(lang);
    println!(
        "{}: {}  {} {}  {} {}",
        l.sealed,
        out.display(),
        l.package_id,
        sealed.manifest.package,
        l.entries,
        sealed.manifest.entries.len()
    );
}

fn usage() -> CliError {
    CliError::Usage("give -o FILE, --per-expert DIR, both, or --handout DIR".into())
}

/// `seal ROUND --handout DIR`: the package family into the empty folder `dir` with
/// the hand-out list, which is then printed (file, person, fingerprint).
pub fn handout(
    round: &Path,
    organizer: Option<&str>,
    signing_key: Option<&Path>,
    dir: &Path,
    lang: Lang,
) -> Result<(), CliError> {
    let mut loaded = load_round(round)?;
    loaded.calendar = crate::commands::calendar::round_calendar()?;
    let cards = load_cards(&loaded)?;
    let signer = keyarg::signer(organizer, signing_key)?;
    let font = reviewdesk_reports::FontData::bundled()
        .map_err(|e| reviewdesk_desk::DeskError::Print(e.to_string()))?;
    let bar = byte_bar(String::new());
    let h = reviewdesk_desk::seal_for_handout(
        &loaded,
        &cards,
        &signer,
        dir,
        &font,
        lang,
        crate::clock::now().today,
        &mut |file, files, done, total| {
            bar.set_message(format!("{}/{files}", file + 1));
            bar.set_length(total);
            bar.set_position(done);
        },
    );
    bar.finish_and_clear();
    let h = h?;
    let l = package_labels(lang);
    for line in &h.lines {
        println!(
            "{}: {}  {} {}  {}",
            l.sealed,
            dir.join(&line.file).display(),
            line.person,
            line.name,
            line.fingerprint
        );
    }
    println!(
        "{}",
        match lang {
            Lang::ZhCn => format!(
                "分发清单：{}、{}",
                dir.join(reviewdesk_desk::HANDOUT_PDF).display(),
                dir.join(reviewdesk_desk::HANDOUT_CSV).display()
            ),
            Lang::En => format!(
                "hand-out list: {}, {}",
                dir.join(reviewdesk_desk::HANDOUT_PDF).display(),
                dir.join(reviewdesk_desk::HANDOUT_CSV).display()
            ),
        }
    );
    Ok(())
}

/// Runs the subcommand: the organizer's key is the keyring identity `organizer`
/// or the key file `signing_key` (exactly one).
pub fn run(
    round: &Path,
    organizer: Option<&str>,
    signing_key: Option<&Path>,
    output: Option<&Path>,
    per_expert: Option<&Path>,
    lang: Lang,
) -> Result<(), CliError> {
    if output.is_none() && per_expert.is_none() {
        return Err(usage());
    }
    let mut loaded = load_round(round)?;
    loaded.calendar = crate::commands::calendar::round_calendar()?;
    let cards = load_cards(&loaded)?;
    let signer = keyarg::signer(organizer, signing_key)?;
    match (output, per_expert) {
        // Both: the per-expert packages first, then the whole one naming them
        // (its `family`), so the chair accepts sheets bound to either.
        (Some(out), Some(dir)) => {
            let bar = byte_bar(String::new());
            let sealed = seal_family_on(
                &loaded,
                &cards,
                &signer,
                crate::clock::now().today,
                out,
                dir,
                &mut |file, done, total| {
                    bar.set_message(file.display().to_string());
                    bar.set_length(total);
                    bar.set_position(done);
                },
            );
            bar.finish_and_clear();
            for (file, sealed) in sealed? {
                print_sealed(&file, &sealed, lang);
            }
        }
        (Some(out), None) => seal_one(&loaded, &cards, &signer, Scope::Whole, out, lang)?,
        (None, Some(dir)) => {
            std::fs::create_dir_all(dir).map_err(|source| reviewdesk_desk::DeskError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
            for e in &loaded.round.panel.experts {
                let out = dir.join(format!("{}.rdpkg", e.id));
                seal_one(&loaded, &cards, &signer, Scope::Expert(&e.id), &out, lang)?;
            }
        }
        (None, None) => return Err(usage()),
    }
    Ok(())
}
