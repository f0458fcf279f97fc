//! The whole expert flow without the mouse (issue 18, part 7): from the home screen
//! to a signed sheet with Tab, Space, Enter, the arrow keys, Alt+↓ and typed text
//! only — the identity created and its card exported, the package imported (the
//! organizer's key confirmed), the pledge, the declarations (one recusal with its
//! case chosen from the list and a note), the scores and the verdict, a veto with
//! its reason, then signing. Files are still chosen in the native dialogs, which
//! the keyboard operates; the test answers them through the debug build's seam.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

use crate::expert_desk::{seal_for_card, values, wait_attr, NAME};

/// Presses `keys` together (the first ones held while the last is pressed), as a
/// keyboard does: down in order, up in reverse.
async fn press(desk: &Desk, keys: &[Key]) -> TestResult {
    let mut actions = KeyActions::new("keyboard".into());
    for k in keys {
        actions = actions.then(KeyAction::Down {
            value: char::from(*k),
        });
    }
    for k in keys.iter().rev() {
        actions = actions.then(KeyAction::Up {
            value: char::from(*k),
        });
    }
    desk.client.perform_actions(actions).await?;
    Ok(())
}

/// Types `text` into whatever has the focus.
async fn type_text(desk: &Desk, text: &str) -> TestResult {
    desk.client.active_element().await?.send_keys(text).await?;
    Ok(())
}

/// The `data-testid` of the focused element, if any.
async fn focused(desk: &Desk) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let v = desk
        .client
        .execute(
            "const e = document.activeElement; return e ? (e.getAttribute('data-testid') || '') : '';",
            vec![],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Presses Tab until the element with `testid` has the focus (at most 80 times).
async fn tab_to(desk: &Desk, testid: &str) -> TestResult {
    desk.find(&format!("[data-testid={testid}]")).await?;
    for _ in 0..80 {
        if focused(desk).await? == testid {
            return Ok(());
        }
        press(desk, &[Key::Tab]).await?;
    }
    Err(format!(
        "Tab never reached {testid} (the focus is on {:?})",
        focused(desk).await?
    )
    .into())
}

/// Waits until the focus is on `testid` (the app moves it after a step).
async fn focus_is(desk: &Desk, testid: &str) -> TestResult {
    for _ in 0..50 {
        if focused(desk).await? == testid {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("the focus is on {:?}, not {testid}", focused(desk).await?).into())
}

/// Declares "no conflict" for the applicant on screen: its first radio has the
/// focus; Space chooses it, Tab reaches the button, Enter sends.
async fn declare_none(desk: &Desk) -> TestResult {
    focus_is(desk, "decl-none").await?;
    press(desk, &[Key::Space]).await?;
    tab_to(desk, "decl-submit").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=score-form]").await?;
    Ok(())
}

/// The values typed, each saved by Enter, which moves to the next field; the
/// verdict after them takes Enter too.
async fn score(desk: &Desk, vals: &[(String, String)]) -> TestResult {
    focus_is(desk, "score-input").await?;
    for (ind, v) in vals {
        type_text(desk, v).await?;
        press(desk, &[Key::Enter]).await?;
        wait_attr(
            desk,
            &format!("[data-indicator={ind}] [data-testid=field-state]"),
            "data-state",
            "saved",
        )
        .await?;
    }
    focus_is(desk, "verdict-pass").await?;
    press(desk, &[Key::Enter]).await?;
    Ok(())
}

async fn next_applicant(desk: &Desk, id: &str) -> TestResult {
    press(desk, &[Key::Alt, Key::Down]).await?;
    desk.wait_text("[data-testid=applicant-name]", |t| t.starts_with(id))
        .await?;
    Ok(())
}

async fn keyboard_only(desk: &Desk) -> TestResult {
    let home = desk.home().to_path_buf();
    // Home → the expert desk.
    tab_to(desk, "nav-expert").await?;
    press(desk, &[Key::Enter]).await?;
    // A new identity, its card exported.
    tab_to(desk, "identity-name").await?;
    type_text(desk, NAME).await?;
    tab_to(desk, "identity-create").await?;
    press(desk, &[Key::Enter]).await?;
    let card = home.join("my.card");
    desk.answer_dialog(&[&card])?;
    tab_to(desk, "card-export").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=card-written]").await?;
    tab_to(desk, "identity-continue").await?;
    press(desk, &[Key::Enter]).await?;

    // The package: imported, the organizer's key confirmed, opened; the pledge.
    let pkg = seal_for_card(&home, &card)?;
    desk.answer_dialog(&[&pkg])?;
    tab_to(desk, "import-button").await?;
    press(desk, &[Key::Enter]).await?;
    tab_to(desk, "confirm-trust").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=import-done]").await?;
    tab_to(desk, "package-open").await?;
    press(desk, &[Key::Enter]).await?;
    tab_to(desk, "pledge-agree").await?;
    press(desk, &[Key::Space]).await?;
    tab_to(desk, "pledge-accept").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=workbench]").await?;

    // A01: no conflict, the scores and the verdict, then a veto with its reason.
    desk.wait_text("[data-testid=applicant-name]", |t| t.starts_with("A01"))
        .await?;
    declare_none(desk).await?;
    score(desk, &values(false)).await?;
    tab_to(desk, "veto-reason").await?;
    type_text(desk, "申报材料中的检测报告系伪造").await?;
    press(desk, &[Key::Tab]).await?;
    focus_is(desk, "veto-check").await?;
    press(desk, &[Key::Space]).await?;
    desk.find("[data-testid=veto][data-marked=true]").await?;
    desk.screenshot("keyboard-1-a01").await?;

    // A02: a recusal — the second radio by the arrow key, the case from the list,
    // a note.
    next_applicant(desk, "A02").await?;
    focus_is(desk, "decl-none").await?;
    press(desk, &[Key::Down]).await?;
    tab_to(desk, "decl-case").await?;
    press(desk, &[Key::Down]).await?;
    tab_to(desk, "decl-note").await?;
    type_text(desk, "本人近三年在该单位兼职").await?;
    tab_to(desk, "decl-submit").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=recused]").await?;
    let recused = desk.text("[data-testid=recused]").await?;
    ensure!(
        recused.contains("本人近三年在该单位兼职"),
        "recusal: {recused}"
    );

    // A03: no conflict and its scores; the others: no conflict.
    next_applicant(desk, "A03").await?;
    declare_none(desk).await?;
    score(desk, &values(true)).await?;
    for id in ["A04", "A05", "A06", "A07", "A08"] {
        next_applicant(desk, id).await?;
        declare_none(desk).await?;
    }
    desk.screenshot("keyboard-2-declared").await?;

    // Signing.
    let out = home.join("out");
    std::fs::create_dir_all(&out)?;
    desk.answer_dialog(&[&out])?;
    tab_to(desk, "sign-button").await?;
    press(desk, &[Key::Enter]).await?;
    tab_to(desk, "sign-confirm").await?;
    press(desk, &[Key::Enter]).await?;
    desk.find("[data-testid=signed]").await?;
    let sheets: Vec<_> = std::fs::read_dir(&out)?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rdsheet"))
        .collect();
    ensure!(sheets.len() == 1, "{} signed sheets written", sheets.len());
    desk.screenshot("keyboard-3-signed").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expert_scores_and_signs_with_the_keyboard_only() {
    run("keyboard_only", Launch::default(), async |desk| {
        keyboard_only(desk).await
    })
    .await;
}
