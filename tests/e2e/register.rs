//! The register of units across years (动态管理) in the real app, in Chinese and in
//! English: the demo's final archive (`reviewdesk demo --out`) applied from the
//! organizer desk — every admitted unit a member, applying it again records
//! nothing — then a yearly grade of 不合格 recorded by hand for one unit, the rules'
//! proposal (removal) shown, confirmed with a reason, and the unit's history with
//! the grade and the removal naming the proposal; then a unit admitted by hand is
//! flagged when a round's applicant spreadsheet lists it.

use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

use crate::organizer_results::{click, demo, set_date, type_in};

/// The first element matching `css`, waiting up to a minute (applying an archive
/// verifies and recomputes it: slow in a debug build on a loaded machine).
async fn slow(
    desk: &Desk,
    css: &str,
) -> Result<fantoccini::elements::Element, Box<dyn std::error::Error + Send + Sync>> {
    let start = std::time::Instant::now();
    loop {
        match desk.find(css).await {
            Ok(el) => return Ok(el),
            Err(e) if start.elapsed() > std::time::Duration::from_secs(60) => return Err(e),
            Err(_) => {}
        }
    }
}

async fn register(desk: &Desk, lang: &str) -> TestResult {
    if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
    }
    let out = desk.home().join("demo");
    demo(&out)?;
    let archive = out.join("round.rdarchive");

    click(desk, "[data-testid=nav-organizer]").await?;
    desk.find("[data-testid=register-summary]").await?;
    click(desk, "[data-testid=organizer-register]").await?;
    desk.find("[data-testid=register]").await?;
    // Loaded (the buttons wait while the register is read).
    desk.find("[data-testid=register-units]").await?;

    // The archive: verified, then every admitted unit recorded.
    desk.answer_dialog(&[&archive])?;
    click(desk, "[data-testid=register-apply-button]").await?;
    let applied = slow(desk, "[data-testid=register-applied][data-again=false]").await?;
    let lines: usize = applied
        .attr("data-lines")
        .await?
        .unwrap_or_default()
        .parse()?;
    let members = desk
        .all("[data-testid=register-unit][data-standing=member]")
        .await?;
    ensure!(
        lines > 0 && members.len() == lines,
        "{lines} lines written, {} members",
        members.len()
    );
    let unit = members[0].attr("data-unit").await?.unwrap_or_default();
    ensure!(unit.len() == 18, "a credit code: {unit}");
    desk.screenshot(&format!("register-{lang}-1-applied"))
        .await?;
    // Again: nothing new.
    desk.answer_dialog(&[&archive])?;
    click(desk, "[data-testid=register-apply-button]").await?;
    slow(desk, "[data-testid=register-applied][data-again=true]").await?;

    // A yearly grade of 不合格 for that unit: the rules propose its removal.
    type_in(desk, "record-unit", &unit).await?;
    desk.find("[data-testid=record-program]")
        .await?
        .select_by_value("gd-supplier")
        .await?;
    desk.find("[data-testid=record-event]")
        .await?
        .select_by_value("graded")
        .await?;
    type_in(desk, "record-year", "2026").await?;
    desk.find("[data-testid=record-grade]")
        .await?
        .select_by_value("unqualified")
        .await?;
    click(desk, "[data-testid=record-button]").await?;
    desk.find(&format!(
        "[data-testid=register-history][data-unit='{unit}'] [data-testid=history-line][data-kind=graded]"
    ))
    .await?;
    let proposal = desk
        .find(&format!(
            "[data-testid=register-proposal][data-kind=removal][data-unit='{unit}']"
        ))
        .await?;
    let text = proposal.text().await?;
    let (removal, cause) = if lang == "en" {
        ("Removal", "Unqualified")
    } else {
        ("移出", "不合格")
    };
    ensure!(
        text.contains(removal) && text.contains(cause),
        "proposal: {text}"
    );
    desk.screenshot(&format!("register-{lang}-2-proposal"))
        .await?;

    // Confirmed with a reason: recorded, naming the proposal; the unit is removed.
    let form = format!("[data-testid=register-proposal][data-unit='{unit}']");
    let reason = desk
        .find(&format!("{form} [data-testid=proposal-reason]"))
        .await?;
    reason.send_keys("年度评价不合格，经研究予以淘汰").await?;
    click(desk, &format!("{form} [data-testid=proposal-confirm]")).await?;
    desk.find(&format!(
        "[data-testid=register-unit][data-unit='{unit}'][data-standing=removed]"
    ))
    .await?;
    desk.find(&format!(
        "[data-testid=register-history][data-unit='{unit}'] [data-testid=history-line][data-kind=removed]"
    ))
    .await?;
    let history = desk.text("[data-testid=register-history]").await?;
    ensure!(
        history.contains("年度评价不合格，经研究予以淘汰"),
        "history: {history}"
    );
    desk.screenshot(&format!("register-{lang}-3-history"))
        .await?;

    // Checks at authoring: a unit admitted by hand on 1 November is flagged when a
    // round's applicant spreadsheet lists it, citing its ledger line.
    type_in(desk, "record-unit", "91440101MA5AGYGLU6").await?;
    desk.find("[data-testid=record-event]")
        .await?
        .select_by_value("admitted")
        .await?;
    set_date(desk, "record-on", "2026-11-01").await?;
    type_in(desk, "record-name", "广州云擎工业软件有限公司").await?;
    click(desk, "[data-testid=record-button]").await?;
    desk.find(
        "[data-testid=register-history][data-unit='91440101MA5AGYGLU6'] [data-testid=history-line][data-kind=admitted]",
    )
    .await?;
    click(desk, "[data-testid=register-back]").await?;
    desk.answer_dialog(&[&out.join("round")])?;
    click(desk, "[data-testid=organizer-open]").await?;
    desk.wait_text("[data-testid=organizer-dir]", |t| t.ends_with("round"))
        .await?;
    click(desk, "[data-testid=organizer-tab-applicants]").await?;
    desk.answer_dialog(&[&reviewdesk_io::demo_round_dir().join("applicants.xlsx")])?;
    click(desk, "[data-testid=applicants-choose]").await?;
    let flag = desk
        .find("[data-testid=register-flag][data-applicant=A01][data-kind=already_member]")
        .await?
        .text()
        .await?;
    ensure!(flag.contains("91440101MA5AGYGLU6"), "flag: {flag}");
    desk.screenshot(&format!("register-{lang}-4-flags")).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organizer_applies_an_archive_and_confirms_a_proposal() {
    run("register_zh", Launch::default(), async |desk| {
        register(desk, "zh").await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organizer_applies_an_archive_and_confirms_a_proposal_in_english() {
    run("register_en", Launch::default(), async |desk| {
        register(desk, "en").await
    })
    .await;
}
