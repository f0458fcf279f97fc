//! The organizer's results, in Chinese and in English: `reviewdesk demo --out`
//! runs the demo round to the chair's signed bundle; the demo organizer's identity
//! is restored into the app's keyring from a backup; at the organizer desk the
//! round folder is opened and the bundle with it — verified and recomputed, the
//! chain of keys shown (organizer → package → every sheet and its expert → chair),
//! the results, the summary previewed as drawn PDF pages — and every report
//! exported. Then the written stage is closed on it (the advance list shown and
//! exported, revision 2 sealed for those who go on) and a substitute expert added
//! (revision 3); the publication follows, with an upheld objection that amends the
//! result and a second notice. A bundle with one byte changed is refused on screen
//! and the one open stays; a bundle opened at another round's folder is refused as
//! `other_round`.

use std::path::{Path, PathBuf};
use std::process::Command;

use reviewdesk_e2e::{cli_binary, ensure, run, Desk, Launch, TestResult};
use reviewdesk_keys::{Identity, SecretString, SECRET_FORMAT_LINE};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Clicks `css` after scrolling it to the middle of the window (at the top, the
/// fixed header would take the click).
pub(crate) async fn click(desk: &Desk, css: &str) -> TestResult {
    let el = desk.find(css).await?;
    desk.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&el)?],
        )
        .await?;
    el.click().await?;
    Ok(())
}

fn keys() -> PathBuf {
    reviewdesk_io::demo_round_dir().join("keys")
}

/// `reviewdesk demo --out DIR`: the authored round in `DIR/round`, the chair's
/// signed bundle `DIR/result.rdbundle`.
pub(crate) fn demo(dir: &Path) -> Result<(), Error> {
    let o = Command::new(cli_binary())
        .arg("demo")
        .arg("--out")
        .arg(dir)
        .output()?;
    ensure!(
        o.status.success(),
        "reviewdesk demo --out failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Ok(())
}

/// A passphrase backup of the demo organizer's identity (its DEMO key files),
/// written as `reviewdesk key backup` writes one.
fn org_backup(path: &Path, passphrase: &str) -> Result<String, Error> {
    demo_backup("ORG", "organizer", path, passphrase)
}

/// A passphrase backup of a demo person's identity (`person`'s DEMO key files and
/// card, in `role`), as `reviewdesk key backup` writes one; returns its fingerprint.
pub(crate) fn demo_backup(
    person: &str,
    role: &str,
    path: &Path,
    passphrase: &str,
) -> Result<String, Error> {
    let signer = reviewdesk_desk::read_signing_key(&keys().join(format!("{person}.key")))?;
    let age = std::fs::read_to_string(keys().join(format!("{person}.age")))?;
    let age = age
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .ok_or_else(|| format!("no age identity in {person}.age"))?;
    let card = std::fs::read_to_string(
        reviewdesk_io::demo_round_dir().join(format!("cards/{person}.card")),
    )?;
    let name = card
        .lines()
        .find_map(|l| l.strip_prefix("name: "))
        .ok_or_else(|| format!("no name in {person}.card"))?;
    let ssh = std::fs::read_to_string(keys().join(format!("{person}.key")))?;
    let text = format!(
        "{SECRET_FORMAT_LINE}\nname: {name}\nrole: {role}\nfingerprint: {}\nage-identity: {age}\n\n{ssh}",
        signer.fingerprint()
    );
    let id = Identity::from_secret_text(text.as_bytes(), person)?;
    std::fs::write(path, id.backup(&SecretString::from(passphrase.to_owned()))?)?;
    Ok(signer.fingerprint().to_string())
}

/// A copy of the folder `from` (and everything under it) at `to`.
fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

async fn results(desk: &Desk, lang: &str) -> TestResult {
    if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
    }
    let home = desk.home().to_path_buf();
    let out = home.join("demo");
    demo(&out)?;
    let round = out.join("round");
    let bundle = out.join("result.rdbundle");
    let backup = home.join("ORG.backup");
    let org = org_backup(&backup, "demo passphrase")?;

    click(desk, "[data-testid=nav-organizer]").await?;
    desk.answer_dialog(&[&round])?;
    click(desk, "[data-testid=organizer-open]").await?;
    click(desk, "[data-testid=organizer-tab-results]").await?;

    // No organizer identity yet: restore the demo organizer's from its backup.
    desk.find("[data-testid=results-needs-identity]").await?;
    desk.find("[data-testid=restore-passphrase]")
        .await?
        .send_keys("demo passphrase")
        .await?;
    desk.answer_dialog(&[&backup])?;
    click(desk, "[data-testid=restore-button]").await?;
    click(desk, "[data-testid=identity-continue]").await?;
    desk.wait_text("[data-testid=identity-chosen]", |t| t.contains(&org))
        .await?;

    // The bundle: verified, the chain, the results. In Chinese it is opened as a
    // file manager would open it (a second launch hands it over), in English from
    // the Open dialog.
    if lang == "zh" {
        let status = desk.launch_again(&[bundle.to_str().ok_or("path")?])?;
        ensure!(status.success(), "the second launch ended with {status}");
    } else {
        desk.answer_dialog(&[&bundle])?;
        click(desk, "[data-testid=bundle-open]").await?;
    }
    desk.find("[data-testid=bundle-verified]").await?;
    let organizer = desk.text("[data-testid=chain-organizer]").await?;
    ensure!(organizer.contains(&org), "organizer link: {organizer}");
    let sheets = desk.all("[data-testid=chain-sheet]").await?;
    ensure!(sheets.len() == 5, "{} sheets in the chain", sheets.len());
    let first = sheets[0].text().await?;
    ensure!(
        first.contains("E01") && first.contains("SHA256:"),
        "sheet link: {first}"
    );
    let chair = desk.text("[data-testid=chain-chair]").await?;
    ensure!(chair.contains("C01"), "chair link: {chair}");
    let rows = desk.all("[data-testid=bundle-result-row]").await?;
    let loaded = reviewdesk_io::load_round(&round)?;
    ensure!(
        rows.len() == loaded.round.applicants.len(),
        "{} result rows for {} applicants",
        rows.len(),
        loaded.round.applicants.len()
    );
    let sha = desk.text("[data-testid=bundle-sha]").await?;
    ensure!(sha.len() == 64, "bundle hash shown: {sha}");

    // The summary is previewed: its first page drawn.
    desk.find("[data-testid=report-preview][data-report='summary.pdf'] canvas[data-drawn=true]")
        .await?;
    let pages: u32 = desk
        .find("[data-testid=report-preview]")
        .await?
        .attr("data-pages")
        .await?
        .unwrap_or_default()
        .parse()?;
    ensure!(pages >= 1, "summary preview has {pages} pages");
    desk.screenshot(&format!("organizer-results-{lang}-1-bundle"))
        .await?;

    // Every report exported into a folder, the PDFs in the UI's language.
    let reports = home.join("reports");
    desk.answer_dialog(&[&reports])?;
    click(desk, "[data-testid=reports-export]").await?;
    desk.find("[data-testid=reports-exported]").await?;
    for f in [
        "summary.pdf",
        "summary.xlsx",
        "summary.csv",
        "opinions.pdf",
        "public-notice.pdf",
    ] {
        ensure!(reports.join(f).is_file(), "{f} not exported");
    }
    let text = Command::new("pdftotext")
        .arg(reports.join("summary.pdf"))
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    let (title, footer) = if lang == "en" {
        ("Score summary", "Result bundle SHA-256")
    } else {
        ("评分汇总表", "结果包 SHA-256")
    };
    ensure!(
        text.contains(title) && text.contains(footer) && text.contains(&sha),
        "summary.pdf text: {text}"
    );

    stages(desk, lang, &out).await?;
    publication(desk, lang, &round, &org).await?;

    // One byte changed: refused on screen, with its code; nothing else changes.
    click(desk, "[data-testid=organizer-tab-results]").await?;
    let mut bytes = std::fs::read(&bundle)?;
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    let tampered = home.join("tampered.rdbundle");
    std::fs::write(&tampered, &bytes)?;
    desk.answer_dialog(&[&tampered])?;
    click(desk, "[data-testid=bundle-open]").await?;
    let err = desk.find("[data-testid=organizer-error]").await?;
    let code = err.attr("data-code").await?.unwrap_or_default();
    ensure!(
        ["tampered", "malformed", "not_readable"].contains(&code.as_str()),
        "a changed bundle gave {code}"
    );
    desk.screenshot(&format!("organizer-results-{lang}-2-tampered"))
        .await?;

    // The bundle opened at another round's folder: refused as another round's.
    let other = home.join("other");
    copy_dir(&round, &other)?;
    let toml = std::fs::read_to_string(other.join("round.toml"))?;
    let id_line = toml
        .lines()
        .find(|l| l.starts_with("id = "))
        .ok_or("no id in round.toml")?;
    std::fs::write(
        other.join("round.toml"),
        toml.replacen(id_line, "id = \"another-round\"", 1),
    )?;
    desk.answer_dialog(&[&other])?;
    click(desk, "[data-testid=organizer-open]").await?;
    desk.wait_text("[data-testid=organizer-dir]", |t| t.ends_with("other"))
        .await?;
    click(desk, "[data-testid=organizer-tab-results]").await?;
    desk.answer_dialog(&[&bundle])?;
    click(desk, "[data-testid=bundle-open]").await?;
    let err = desk.find("[data-testid=organizer-error]").await?;
    ensure!(
        err.attr("data-code").await?.as_deref() == Some("other_round"),
        "another round's folder"
    );
    Ok(())
}

/// Closes the written stage on the demo bundle: the advance list (every reviewed
/// applicant with its outcome), exported as PDF and CSV, then revision 2 sealed for
/// those who go on; then a substitute expert for A01 (a new key card), revision 3
/// with only the substitute's package and the whole one.
async fn stages(desk: &Desk, lang: &str, out: &Path) -> TestResult {
    let home = desk.home().to_path_buf();
    let round = out.join("round");
    click(desk, "[data-testid=advance-make]").await?;
    let list = desk
        .find("[data-testid=advance-list][data-closed=written][data-next=defense]")
        .await?;
    let advancing: usize = list
        .attr("data-advancing")
        .await?
        .unwrap_or_default()
        .parse()?;
    let rows = desk.all("[data-testid=advance-row]").await?;
    let goes_on = desk
        .all("[data-testid=advance-row][data-outcome=advances]")
        .await?;
    ensure!(
        !rows.is_empty() && goes_on.len() == advancing && advancing > 0,
        "{} rows, {} go on, {advancing} counted",
        rows.len(),
        goes_on.len()
    );
    let outcome = rows[0].text().await?;
    let label = if lang == "en" {
        "Goes on"
    } else {
        "进入下一环节"
    };
    ensure!(
        goes_on[0].text().await?.contains(label),
        "first row: {outcome}"
    );
    desk.screenshot(&format!("organizer-stages-{lang}-1-advance"))
        .await?;

    // The list exported: the PDF says who goes on, in the UI's language.
    let listed = home.join("advance-list");
    desk.answer_dialog(&[&listed])?;
    click(desk, "[data-testid=advance-export]").await?;
    desk.find("[data-testid=advance-exported]").await?;
    let text = Command::new("pdftotext")
        .arg(listed.join("advance.pdf"))
        .arg("-")
        .output()?;
    let text = String::from_utf8_lossy(&text.stdout);
    let title = if lang == "en" {
        "Applicants advancing to"
    } else {
        "进入"
    };
    ensure!(text.contains(title), "advance.pdf: {text}");
    ensure!(listed.join("advance.csv").is_file(), "advance.csv");

    // Revision 2 for those who go on; the round folder records it.
    let next = home.join("revision-2");
    desk.answer_dialog(&[&next])?;
    click(desk, "[data-testid=advance-seal]").await?;
    desk.find("[data-testid=stage-sealed][data-revision='2']")
        .await?;
    ensure!(
        next.join("experts/E01.rdpkg").is_file() && next.join("advance.pdf").is_file(),
        "revision 2's packages and list"
    );
    let toml = std::fs::read_to_string(round.join("round.toml"))?;
    ensure!(
        toml.contains("[[advance]]") && toml.contains("package_revision = 2"),
        "round.toml after closing the stage"
    );
    desk.screenshot(&format!("organizer-stages-{lang}-2-sealed"))
        .await?;

    // A substitute for A01: the card chosen, the whole package of revision 2.
    let signer = reviewdesk_formats::Signer::from_ed25519_seed(&[77; 32]);
    let age = reviewdesk_formats::Identity::generate();
    let card = reviewdesk_formats::KeyCard::write(
        "替补专家",
        reviewdesk_formats::Role::Expert,
        &signer,
        &age.to_public(),
    )?;
    let card_path = home.join("substitute.card");
    std::fs::write(&card_path, card)?;
    let whole = std::fs::read_dir(next.join("chair"))?
        .next()
        .ok_or("no whole package for the chair")??
        .path();
    desk.answer_dialog(&[&card_path])?;
    click(desk, "[data-testid=substitute-card]").await?;
    desk.wait_text("[data-testid=substitute-card-name]", |t| {
        t.contains("substitute.card")
    })
    .await?;
    desk.answer_dialog(&[&whole])?;
    click(desk, "[data-testid=substitute-previous]").await?;
    desk.wait_text("[data-testid=substitute-previous-name]", |t| {
        t.ends_with(".rdpkg")
    })
    .await?;
    type_in(desk, "substitute-affiliation", "华南测试学院").await?;
    type_in(desk, "substitute-field-zh", "工业软件").await?;
    type_in(desk, "substitute-field-en", "Industrial software").await?;
    click(desk, "[data-testid=substitute-for][data-applicant=A01]").await?;
    let sub = home.join("revision-3");
    desk.answer_dialog(&[&sub])?;
    click(desk, "[data-testid=substitute-seal]").await?;
    desk.find("[data-testid=substituted][data-expert=E06][data-revision='3']")
        .await?;
    ensure!(
        sub.join("experts/E06.rdpkg").is_file() && !sub.join("experts/E01.rdpkg").exists(),
        "only the substitute's package and the whole one"
    );
    ensure!(round.join("cards/E06.card").is_file(), "the card kept");
    desk.screenshot(&format!("organizer-stages-{lang}-3-substitute"))
        .await?;
    Ok(())
}

/// Sets a date field as a date picker sets it.
pub(crate) async fn set_date(desk: &Desk, testid: &str, date: &str) -> TestResult {
    let el = desk.find(&format!("[data-testid={testid}]")).await?;
    desk.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::to_value(&el)?, serde_json::json!(date)],
        )
        .await?;
    Ok(())
}

pub(crate) async fn type_in(desk: &Desk, testid: &str, text: &str) -> TestResult {
    let el = desk.find(&format!("[data-testid={testid}]")).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// The notice from the bundle open (its period counted across the National Day
/// week), signed so that `ssh-keygen -Y verify` accepts it; two objections — one
/// admitted with evidence, one anonymous and refused with its reasons — a note and
/// a ruling (the final list refused while it waited) upholding the first, the
/// amendment it calls for (the final list refused until a second notice), then the
/// final list and its archive: `reviewdesk archive verify` accepts it, and refuses it with one byte
/// changed.
async fn publication(desk: &Desk, lang: &str, round: &Path, org: &str) -> TestResult {
    click(desk, "[data-testid=organizer-tab-publication]").await?;
    desk.find("[data-testid=notice-settings]").await?;
    // The holiday calendar: 2026 shipped; a year's file with a weekday marked as a
    // make-up working day is refused with its problem; the example 2027 imported.
    desk.find("[data-testid=calendar-covered] [data-year='2026'][data-origin=shipped]")
        .await?;
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/calendar");
    let example = std::fs::read_to_string(vectors.join("example-2027.toml"))?;
    let bad = desk.home().join("bad-2027.toml");
    // 2027-02-10 is a Wednesday.
    std::fs::write(
        &bad,
        example.replacen(
            "[[workday]]",
            "[[workday]]\nname = \"x\"\ndate = \"2027-02-10\"\n[[workday]]",
            1,
        ),
    )?;
    desk.answer_dialog(&[&bad])?;
    click(desk, "[data-testid=calendar-import]").await?;
    let err = desk.find("[data-testid=calendar-error]").await?;
    ensure!(
        err.attr("data-code").await?.as_deref() == Some("calendar_year_invalid"),
        "a weekday as a make-up working day"
    );
    let problems = desk.text("[data-testid=calendar-problems]").await?;
    ensure!(problems.contains("2027-02-10"), "problems: {problems}");
    desk.answer_dialog(&[&vectors.join("example-2027.toml")])?;
    click(desk, "[data-testid=calendar-import]").await?;
    desk.find("[data-testid=calendar-imported][data-outcome=added]")
        .await?;
    desk.find("[data-testid=calendar-covered] [data-year='2027'][data-origin=added]")
        .await?;
    // Monday 28 September 2026: 5 working days are 28, 29, 30 September, then
    // (1–7 October off) 8 and 9 October.
    set_date(desk, "notice-start", "2026-09-28").await?;
    type_in(desk, "notice-contact", "评审处 020-12345678").await?;
    click(desk, "[data-testid=notice-publish]").await?;
    desk.find("[data-testid=notice-published][data-end='2026-10-09']")
        .await?;
    let notice_dir = round.join("publication/notice-1");
    let signers = desk.text("[data-testid=notice-allowed-signers]").await?;
    ensure!(
        signers.contains("reviewdesk-notice@v1"),
        "allowed_signers: {signers}"
    );
    let o = Command::new("ssh-keygen")
        .current_dir(&notice_dir)
        .args(["-Y", "verify", "-f", "allowed_signers", "-I", org])
        .args(["-n", "reviewdesk-notice@v1", "-s", "notice.pdf.sig"])
        .stdin(std::fs::File::open(notice_dir.join("notice.pdf"))?)
        .output()?;
    ensure!(
        o.status.success(),
        "ssh-keygen -Y verify of the notice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = desk.text("[data-testid=notice-sha-lines]").await?;
    ensure!(lines.contains("notice.pdf"), "SHA-256 lines: {lines}");
    desk.screenshot(&format!("organizer-publication-{lang}-1-notice"))
        .await?;

    // An objection with name, contact and evidence, inside the period: admitted.
    let evidence = desk.home().join("证据-合同扫描件.pdf");
    std::fs::write(&evidence, b"%PDF-1.4\n% evidence\n")?;
    type_in(desk, "objector-name", "李明").await?;
    type_in(desk, "objector-organisation", "广州某科技有限公司").await?;
    type_in(desk, "objector-contact", "13800000000").await?;
    type_in(
        desk,
        "objection-grounds",
        "A01 申报材料中的应用案例与实际不符",
    )
    .await?;
    set_date(desk, "objection-received", "2026-09-30").await?;
    desk.answer_dialog(&[&evidence])?;
    click(desk, "[data-testid=objection-evidence]").await?;
    desk.wait_text("[data-testid=objection-evidence-count]", |t| {
        t.contains('1')
    })
    .await?;
    click(desk, "[data-testid=objection-add]").await?;
    desk.find("[data-testid=objection][data-id=O1][data-admitted=true]")
        .await?;
    // An anonymous one without evidence: refused, with both reasons.
    type_in(desk, "objection-grounds", "结果不公").await?;
    type_in(desk, "objector-contact", "13900000000").await?;
    click(desk, "[data-testid=objection-add]").await?;
    let refused = desk
        .find("[data-testid=objection][data-id=O2][data-admitted=false]")
        .await?
        .text()
        .await?;
    let (anonymous, no_evidence) = if lang == "en" {
        ("anonymous", "no evidence")
    } else {
        ("匿名", "未提供佐证材料")
    };
    ensure!(
        refused.contains(anonymous) && refused.contains(no_evidence),
        "refused objection: {refused}"
    );
    // The final list waits for the ruling.
    desk.answer_dialog(&[&desk.home().join("final.rdarchive")])?;
    click(desk, "[data-testid=final-publish]").await?;
    let err = desk.find("[data-testid=organizer-error]").await?;
    ensure!(
        err.attr("data-code").await?.as_deref() == Some("objections_open"),
        "final list before the ruling"
    );
    // A note on the admitted objection.
    type_in(desk, "objection-note", "已调取合同原件核对，案例属实").await?;
    click(desk, "[data-testid=objection-note-add]").await?;
    desk.wait_text("[data-testid=objection-note-line]", |t| {
        t.contains("案例属实")
    })
    .await?;
    // The ruling: upheld.
    type_in(
        desk,
        "objection-reasons",
        "经核查，应用案例与实际不符，异议成立",
    )
    .await?;
    click(desk, "[data-testid=objection-uphold]").await?;
    desk.find("[data-testid=objection][data-id=O1][data-ruled=true]")
        .await?;
    desk.screenshot(&format!("organizer-publication-{lang}-2-objections"))
        .await?;

    // The amendment: A01 struck off for the upheld objection; the result
    // recomputed, before and after shown; the list changed, so the final list
    // waits for a new notice.
    let cause = desk.find("[data-testid=amend-cause]").await?;
    ensure!(
        cause.prop("value").await?.as_deref() == Some("upheld_objection"),
        "the cause offered first"
    );
    desk.find("[data-testid=amend-objection]").await?;
    type_in(
        desk,
        "amend-reason",
        "申报材料中的应用案例与实际不符，取消入选资格",
    )
    .await?;
    click(desk, "[data-testid=amend-add-change]").await?;
    desk.find("[data-testid=amend-changes]").await?;
    click(desk, "[data-testid=amend-record]").await?;
    desk.find("[data-testid=amendment][data-number='1'][data-material=true]")
        .await?;
    desk.find("[data-testid=amendment-diff-row][data-applicant=A01][data-selected=false]")
        .await?;
    ensure!(
        round.join("publication/amendment-1.json").is_file(),
        "the amendment's record"
    );
    desk.screenshot(&format!("organizer-publication-{lang}-3-amendment"))
        .await?;
    desk.answer_dialog(&[&desk.home().join("final.rdarchive")])?;
    click(desk, "[data-testid=final-publish]").await?;
    let err = desk.find("[data-testid=organizer-error]").await?;
    ensure!(
        err.attr("data-code").await?.as_deref() == Some("new_notice_required"),
        "final list after a material amendment"
    );
    // The second notice, Monday 2 November 2026: to Friday 6 November.
    set_date(desk, "notice-start", "2026-11-02").await?;
    click(desk, "[data-testid=notice-publish]").await?;
    desk.find("[data-testid=notice-published][data-end='2026-11-06']")
        .await?;
    desk.find("[data-testid=notice-row][data-number='2']")
        .await?;

    // The final list and the archive.
    let archive = desk.home().join("final.rdarchive");
    desk.answer_dialog(&[&archive])?;
    click(desk, "[data-testid=final-publish]").await?;
    desk.find("[data-testid=final-published]").await?;
    desk.screenshot(&format!("organizer-publication-{lang}-4-final"))
        .await?;
    let verify = |file: &Path| {
        Command::new(cli_binary())
            .args(["archive", "verify"])
            .arg(file)
            .output()
    };
    let o = verify(&archive)?;
    ensure!(
        o.status.success(),
        "archive verify: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let mut bytes = std::fs::read(&archive)?;
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    let flipped = desk.home().join("flipped.rdarchive");
    std::fs::write(&flipped, &bytes)?;
    ensure!(
        !verify(&flipped)?.status.success(),
        "archive verify passed a flipped byte"
    );

    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organizer_opens_the_chairs_bundle() {
    run("organizer_results_zh", Launch::default(), async |desk| {
        results(desk, "zh").await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organizer_opens_the_chairs_bundle_in_english() {
    run("organizer_results_en", Launch::default(), async |desk| {
        results(desk, "en").await
    })
    .await;
}
