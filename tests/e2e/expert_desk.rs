//! The expert desk end to end, in Chinese and in English: first run (a new identity
//! in the real keyring, its key card exported), a package sealed to that card by
//! the demo organizer, import with the organizer's fingerprint confirmed, the
//! pledge, one recusal and "no conflict" for the rest, a PDF material drawn by
//! pdf.js, every stage of two applicants scored with the keyboard only, the sheet
//! signed; then `reviewdesk verify`, `ssh-keygen -Y verify` and `pdftotext` on
//! what the app wrote.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use fantoccini::key::Key;
use reviewdesk_e2e::{run, Desk, Launch, TestResult};

const EXPERT: &str = "E01";
pub(crate) const NAME: &str = "陈立新"; // E01's name in the demo round

fn cli() -> PathBuf {
    reviewdesk_e2e::cli_binary()
}

/// Seals the demo round for E01, with E01's card replaced by the one the app
/// exported, signed by the demo organizer.
pub(crate) fn seal_for_card(
    dir: &Path,
    card: &Path,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    seal_for_card_with(dir, card, &[])
}

/// [`seal_for_card`], with some material files of the demo round replaced:
/// `(file name in materials/, the file to use instead)`.
pub(crate) fn seal_for_card_with(
    dir: &Path,
    card: &Path,
    replace: &[(&str, &Path)],
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let round = dir.join("round");
    let src = reviewdesk_io::demo_round_dir();
    std::fs::create_dir_all(round.join("materials")).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(round.join("cards")).map_err(|e| e.to_string())?;
    std::fs::copy(src.join("round.toml"), round.join("round.toml")).map_err(|e| e.to_string())?;
    for sub in ["materials", "cards"] {
        for e in std::fs::read_dir(src.join(sub)).map_err(|e| e.to_string())? {
            let e = e.map_err(|e| e.to_string())?;
            std::fs::copy(e.path(), round.join(sub).join(e.file_name()))
                .map_err(|e| e.to_string())?;
        }
    }
    std::fs::copy(card, round.join("cards").join(format!("{EXPERT}.card")))
        .map_err(|e| e.to_string())?;
    for (name, with) in replace {
        std::fs::copy(with, round.join("materials").join(name)).map_err(|e| e.to_string())?;
    }
    let loaded = reviewdesk_io::load_round(&round).map_err(|e| e.to_string())?;
    let cards = reviewdesk_desk::load_cards(&loaded).map_err(|e| e.to_string())?;
    let org =
        reviewdesk_desk::read_signing_key(&src.join("keys/ORG.key")).map_err(|e| e.to_string())?;
    let out = dir.join("E01.rdpkg");
    reviewdesk_desk::seal_round_to_file(
        &loaded,
        &cards,
        &org,
        reviewdesk_desk::Scope::Expert(EXPERT),
        &out,
        &mut |_, _| {},
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The values typed for one applicant: every scored indicator of the score stages.
pub(crate) fn values(second: bool) -> Vec<(String, String)> {
    let t = reviewdesk_io::templates::builtin_by_id("gd-supplier-recognition")
        .unwrap()
        .unwrap();
    let mut out = Vec::new();
    for s in t
        .stages
        .iter()
        .filter(|s| s.kind == reviewdesk_core::StageKind::Score)
    {
        for i in t.scored_indicators(&s.id) {
            let lower = i.max - i.step;
            let v = if second && i.low_threshold.is_none_or(|th| lower >= th) {
                lower
            } else {
                i.max
            };
            out.push((i.id.clone(), v.normalize().to_string()));
        }
    }
    out
}

/// Alt+↓ (the modifier is released by the trailing Null key).
fn alt_down() -> String {
    [Key::Alt, Key::Down, Key::Null]
        .into_iter()
        .map(char::from)
        .collect()
}

pub(crate) async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

pub(crate) async fn type_into(desk: &Desk, css: &str, text: &str) -> TestResult {
    let el = desk.find(css).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// Sends keys to whatever has the focus.
async fn keys(desk: &Desk, text: &str) -> TestResult {
    let active = desk.client.active_element().await?;
    active.send_keys(text).await?;
    Ok(())
}

pub(crate) async fn wait_attr(desk: &Desk, css: &str, attr: &str, want: &str) -> TestResult {
    let start = std::time::Instant::now();
    loop {
        if let Ok(el) = desk.find(css).await {
            if el.attr(attr).await?.as_deref() == Some(want) {
                return Ok(());
            }
        }
        if start.elapsed() > Duration::from_secs(15) {
            return Err(format!("{css} never had {attr}={want}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Imports `pkg` from the Open dialog (confirming the organizer's key), opens it
/// and accepts the pledge: the workbench is on screen.
pub(crate) async fn import_and_pledge(desk: &Desk, pkg: &Path) -> TestResult {
    desk.answer_dialog(&[pkg])?;
    click(desk, "[data-testid=import-button]").await?;
    click(desk, "[data-testid=confirm-trust]").await?;
    desk.find("[data-testid=import-done]").await?;
    click(desk, "[data-testid=package-open]").await?;
    click(desk, "[data-testid=pledge-agree]").await?;
    click(desk, "[data-testid=pledge-accept]").await?;
    desk.find("[data-testid=workbench]").await?;
    Ok(())
}

pub(crate) async fn declare_all(desk: &Desk, recuse: &str) -> TestResult {
    let tabs = desk.all("[data-testid=applicant-tab]").await?;
    for i in 0..tabs.len() {
        let tabs = desk.all("[data-testid=applicant-tab]").await?;
        let id = tabs[i].attr("data-applicant").await?.unwrap_or_default();
        tabs[i].click().await?;
        desk.find("[data-testid=declaration]").await?;
        if id == recuse {
            click(desk, "[data-testid=decl-recuse]").await?;
            type_into(desk, "[data-testid=decl-note]", "本人近三年任该单位董事").await?;
            desk.find("[data-testid=decl-case]")
                .await?
                .select_by_value("board")
                .await?;
        }
        click(desk, "[data-testid=decl-submit]").await?;
        if id == recuse {
            desk.find("[data-testid=recused]").await?;
        } else {
            desk.find("[data-testid=score-form]").await?;
        }
    }
    Ok(())
}

/// Scores the selected applicant with the keyboard: a value then Enter per
/// indicator (Enter saves and moves on), Enter on "pass" for the site visit.
async fn score_by_keyboard(desk: &Desk, vals: &[(String, String)]) -> TestResult {
    // The first field has the focus after Alt+↓ or a click on the form.
    for (ind, v) in vals {
        keys(desk, &format!("{v}{}", char::from(Key::Enter))).await?;
        wait_attr(
            desk,
            &format!("[data-indicator={ind}] [data-testid=field-state]"),
            "data-state",
            "saved",
        )
        .await?;
    }
    // The verdict: the focus is on "pass" now.
    keys(desk, &char::from(Key::Enter).to_string()).await?;
    Ok(())
}

async fn expert_round(desk: &Desk, lang: &str) -> TestResult {
    let home = desk.home().to_path_buf();
    if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
    }
    click(desk, "[data-testid=nav-expert]").await?;

    // First run: a new identity in the keyring, its card exported.
    type_into(desk, "[data-testid=identity-name]", NAME).await?;
    click(desk, "[data-testid=identity-create]").await?;
    let fp = desk.text("[data-testid=new-fingerprint]").await?;
    assert!(fp.starts_with("SHA256:"), "{fp}");
    desk.screenshot(&format!("expert-{lang}-1-identity"))
        .await?;
    let card = home.join("my.card");
    desk.answer_dialog(&[&card])?;
    click(desk, "[data-testid=card-export]").await?;
    desk.find("[data-testid=card-written]").await?;
    click(desk, "[data-testid=identity-continue]").await?;

    // The organizer seals a package to that card.
    let pkg = seal_for_card(&home, &card)?;

    // Import: a first package asks to confirm the organizer's key.
    desk.answer_dialog(&[&pkg])?;
    click(desk, "[data-testid=import-button]").await?;
    let shown = desk.text("[data-testid=organizer-fingerprint]").await?;
    let org =
        reviewdesk_desk::read_signing_key(&reviewdesk_io::demo_round_dir().join("keys/ORG.key"))
            .map_err(|e| e.to_string())?;
    assert_eq!(shown, org.fingerprint().to_string());
    desk.screenshot(&format!("expert-{lang}-2-confirm-organizer"))
        .await?;
    click(desk, "[data-testid=confirm-trust]").await?;
    desk.find("[data-testid=import-done]").await?;
    // A second import of the same package is refused with its own screen.
    desk.answer_dialog(&[&pkg])?;
    click(desk, "[data-testid=import-button]").await?;
    wait_attr(
        desk,
        "[data-testid=failure]",
        "data-code",
        "already_imported",
    )
    .await?;
    desk.screenshot(&format!("expert-{lang}-3-already-imported"))
        .await?;
    click(desk, "[data-testid=failure-back]").await?;
    click(desk, "[data-testid=package-open]").await?;

    // The pledge before any applicant.
    desk.find("[data-testid=pledge-text]").await?;
    desk.screenshot(&format!("expert-{lang}-4-pledge")).await?;
    click(desk, "[data-testid=pledge-agree]").await?;
    click(desk, "[data-testid=pledge-accept]").await?;

    // Declarations: recuse from A02, no conflict for the rest.
    desk.find("[data-testid=workbench]").await?;
    desk.screenshot(&format!("expert-{lang}-5-declaration"))
        .await?;
    declare_all(desk, "A02").await?;

    // A01: open its application PDF, then score it by keyboard.
    click(desk, "[data-applicant=A01]").await?;
    click(desk, "[data-material=M01]").await?;
    wait_attr(desk, "canvas[data-page='1']", "data-drawn", "true").await?;
    // Its stored bytes were hashed against the signed manifest beside the reading.
    wait_attr(desk, "[data-testid=pdf-view]", "data-verified", "true").await?;
    let pages = desk.text("[data-testid=pdf-pages]").await?;
    assert!(pages.chars().any(|c| c.is_ascii_digit()), "{pages}");
    // Text search reads the pages it needs by range: the credit code is on page 1.
    type_into(desk, "[data-testid=pdf-search]", "91440101MA5AGYGLU6").await?;
    click(desk, "[data-testid=pdf-find]").await?;
    desk.wait_text("[data-testid=pdf-hits]", |t| t.contains('1'))
        .await?;
    desk.find("[data-testid=pdf-hit][data-page='1']").await?;
    desk.find("[data-testid=score-input]")
        .await?
        .click()
        .await?;
    score_by_keyboard(desk, &values(false)).await?;
    desk.screenshot(&format!("expert-{lang}-6-scored-a01"))
        .await?;

    // A03 by Alt+↓ twice (A02 is recused: no fields there), then the keyboard again.
    keys(desk, &alt_down()).await?;
    keys(desk, &alt_down()).await?;
    desk.wait_text("[data-testid=applicant-name]", |t| t.starts_with("A03"))
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    score_by_keyboard(desk, &values(true)).await?;
    let total = desk
        .text("[data-stage=written] [data-testid=stage-total]")
        .await?;
    assert!(total.contains('/'), "{total}");

    // Sign and export.
    let out = home.join("out");
    std::fs::create_dir_all(&out)?;
    desk.answer_dialog(&[&out])?;
    click(desk, "[data-testid=sign-button]").await?;
    // Entries of other applicants are still open: signing asks first.
    desk.find("[data-testid=sign-confirm-panel]").await?;
    desk.client
        .execute(
            "document.querySelector('[data-testid=sign-confirm-panel]').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await?;
    desk.screenshot(&format!("expert-{lang}-7-confirm-sign"))
        .await?;
    click(desk, "[data-testid=sign-confirm]").await?;
    let sheet = PathBuf::from(desk.text("[data-testid=sheet-path]").await?);
    let pdf = PathBuf::from(desk.text("[data-testid=pdf-path]").await?);
    desk.screenshot(&format!("expert-{lang}-8-signed")).await?;

    // The chair's side: reviewdesk verify and ssh-keygen accept the sheet.
    let keys_dir = reviewdesk_io::demo_round_dir().join("keys");
    let verify = Command::new(cli())
        .args([
            "verify",
            sheet.to_str().unwrap(),
            "--package",
            pkg.to_str().unwrap(),
        ])
        .args(["--identity", keys_dir.join("C01.age").to_str().unwrap()])
        .output()?;
    assert!(
        verify.status.success(),
        "reviewdesk verify: {}",
        String::from_utf8_lossy(&verify.stderr)
    );
    let exported = home.join("sig");
    let export = Command::new(cli())
        .args([
            "export-signature",
            sheet.to_str().unwrap(),
            "-o",
            exported.to_str().unwrap(),
        ])
        .args(["--package", pkg.to_str().unwrap()])
        .args(["--identity", keys_dir.join("C01.age").to_str().unwrap()])
        .output()?;
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let ssh = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(exported.join("allowed_signers"))
        .args(["-I", &fp, "-n", "reviewdesk-sheet@v1", "-s"])
        .arg(exported.join("sheet.sig"))
        .stdin(std::fs::File::open(exported.join("sheet"))?)
        .output()?;
    assert!(
        ssh.status.success(),
        "ssh-keygen -Y verify: {}{}",
        String::from_utf8_lossy(&ssh.stdout),
        String::from_utf8_lossy(&ssh.stderr)
    );

    // The printed sheet names the applicants and carries the scores.
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    let round = reviewdesk_io::load_round(&reviewdesk_io::demo_round_dir())?;
    for id in ["A01", "A03"] {
        let name = &round.round.applicant(id).unwrap().name;
        assert!(
            text.contains(name.as_str()),
            "{name} not in the printed sheet"
        );
    }
    let (_, first) = &values(true)[0];
    assert!(
        text.contains(first.as_str()),
        "score {first} not in the printed sheet"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expert_scores_and_signs_in_chinese() {
    run("expert_desk_zh", Launch::default(), async |desk| {
        expert_round(desk, "zh").await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expert_scores_and_signs_in_english() {
    run("expert_desk_en", Launch::default(), async |desk| {
        expert_round(desk, "en").await
    })
    .await;
}

/// A value and a comment typed and left alone (no Enter, no blur) are saved after a
/// short pause, the field showing "not saved yet" and then saved; the values are
/// still there when the desk is opened again.
#[tokio::test]
async fn a_value_left_alone_is_saved_after_a_pause() {
    run("expert_autosave", Launch::default(), async |desk| {
        let home = desk.home().to_path_buf();
        click(desk, "[data-testid=nav-expert]").await?;
        type_into(desk, "[data-testid=identity-name]", NAME).await?;
        click(desk, "[data-testid=identity-create]").await?;
        let card = home.join("my.card");
        desk.answer_dialog(&[&card])?;
        click(desk, "[data-testid=card-export]").await?;
        desk.find("[data-testid=card-written]").await?;
        click(desk, "[data-testid=identity-continue]").await?;
        let pkg = seal_for_card(&home, &card)?;
        import_and_pledge(desk, &pkg).await?;
        declare_all(desk, "").await?;
        click(desk, "[data-applicant=A01]").await?;

        let value = desk.find("[data-testid=score-input]").await?;
        value.click().await?;
        value.send_keys("7").await?;
        // Typed: not saved yet, then saved by itself while the focus stays put.
        wait_attr(desk, "[data-testid=field-state]", "data-state", "saved").await?;
        let comment = desk.find("[data-testid=comment-input]").await?;
        comment.click().await?;
        comment.send_keys("方案完整").await?;
        wait_attr(desk, "[data-testid=field-state]", "data-state", "dirty").await?;
        wait_attr(desk, "[data-testid=field-state]", "data-state", "saved").await?;
        desk.screenshot("expert-autosave-saved").await?;

        // Away and back: the desk reads the workspace again.
        click(desk, "[data-testid=nav-home]").await?;
        click(desk, "[data-testid=nav-expert]").await?;
        click(desk, "[data-testid=package-open]").await?;
        click(desk, "[data-applicant=A01]").await?;
        let v = desk.find("[data-testid=score-input]").await?;
        let c = desk.find("[data-testid=comment-input]").await?;
        let (v, c) = (
            v.prop("value").await?.unwrap_or_default(),
            c.prop("value").await?.unwrap_or_default(),
        );
        if v != "7" || c != "方案完整" {
            return Err(format!("after reopening: value {v:?}, comment {c:?}").into());
        }
        Ok(())
    })
    .await;
}
