//! The expert desk under a crash (issue 18, part 5): an expert scores in the real
//! app; after each value the screen shows as saved, a comment is typed and the app
//! is killed with SIGKILL at once — no handler runs — then launched again on the
//! same workspace and keyring. Every value the screen showed as saved must be on
//! screen again and in the workspace, and the audit chain must hold. 20 kills here;
//! `REVIEWDESK_CRASH_KILLS=N` asks for more (`scripts/crash-test.sh N`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reviewdesk_e2e::{ensure, run_mut, Desk, Launch, TestResult};

use crate::expert_desk::{
    click, declare_all, import_and_pledge, seal_for_card, type_into, values, wait_attr, NAME,
};

/// Kills in a run unless `REVIEWDESK_CRASH_KILLS` says otherwise.
const KILLS: usize = 20;

fn kills() -> usize {
    std::env::var("REVIEWDESK_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(KILLS)
}

/// The expert's workspace database under the test's data directory.
fn workspace_dir(home: &Path) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let mut stack = vec![home.join("data")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)? {
            let path = e?.path();
            if path.file_name().is_some_and(|n| n == "workspace.sqlite3") {
                return Ok(dir);
            }
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    Err("no workspace.sqlite3 under the test's data directory".into())
}

/// After a relaunch: the expert desk, the identity chosen, the package open.
async fn reopen(desk: &Desk) -> TestResult {
    click(desk, "[data-testid=nav-expert]").await?;
    click(desk, "[data-testid=identity-choice]").await?;
    click(desk, "[data-testid=package-open]").await?;
    desk.find("[data-testid=workbench]").await?;
    Ok(())
}

/// The value on screen for `indicator` of `applicant`.
async fn shown(
    desk: &Desk,
    applicant: &str,
    indicator: &str,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    click(
        desk,
        &format!("[data-testid=applicant-tab][data-applicant={applicant}]"),
    )
    .await?;
    desk.wait_text("[data-testid=applicant-name]", |t| t.starts_with(applicant))
        .await?;
    let v = desk
        .find(&format!(
            "[data-indicator={indicator}] [data-testid=score-input]"
        ))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    Ok(v)
}

async fn crash(desk: &mut Desk) -> TestResult {
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

    let mut applicants = Vec::new();
    for tab in desk.all("[data-testid=applicant-tab]").await? {
        applicants.push(tab.attr("data-applicant").await?.unwrap_or_default());
    }
    let (first, second) = (values(false), values(true));
    ensure!(
        !first.is_empty() && !applicants.is_empty(),
        "nothing to score"
    );
    // What the screen showed as saved: (applicant, indicator) → value.
    let mut saved: BTreeMap<(String, String), String> = BTreeMap::new();
    let n = kills();
    for k in 0..n {
        let (indicator, value) = if k % 2 == 0 {
            &first[k % first.len()]
        } else {
            &second[k % second.len()]
        };
        let applicant = &applicants[(k / first.len()) % applicants.len()];
        click(
            desk,
            &format!("[data-testid=applicant-tab][data-applicant={applicant}]"),
        )
        .await?;
        desk.wait_text("[data-testid=applicant-name]", |t| {
            t.starts_with(applicant.as_str())
        })
        .await?;
        let field = format!("[data-indicator={indicator}]");
        type_into(desk, &format!("{field} [data-testid=score-input]"), value).await?;
        desk.find(&format!("{field} [data-testid=score-input]"))
            .await?
            .send_keys(&char::from(fantoccini::key::Key::Enter).to_string())
            .await?;
        wait_attr(
            desk,
            &format!("{field} [data-testid=field-state]"),
            "data-state",
            "saved",
        )
        .await?;
        saved.insert((applicant.clone(), indicator.clone()), value.clone());

        // Mid-edit: a comment typed, and the power goes at once.
        desk.find(&format!("{field} [data-testid=comment-input]"))
            .await?
            .send_keys("断电前未保存的批注")
            .await?;
        eprintln!("crash: kill {} of {n}", k + 1);
        desk.crash_and_relaunch().await?;
        reopen(desk).await?;
        let after = shown(desk, applicant, indicator).await?;
        ensure!(
            after == *value,
            "kill {}: {applicant}/{indicator} showed {value} as saved, reads {after:?} after the restart",
            k + 1
        );
    }
    desk.screenshot("crash-after-kills").await?;

    // Every value shown as saved is on screen and in the workspace; the chain holds.
    for ((applicant, indicator), value) in &saved {
        let v = shown(desk, applicant, indicator).await?;
        ensure!(
            v == *value,
            "{applicant}/{indicator}: {value} saved, {v:?} shown"
        );
    }
    let ws = reviewdesk_workspace::Workspace::open(&workspace_dir(&home)?)?;
    let package = ws
        .packages()?
        .into_iter()
        .next()
        .ok_or("no package in the workspace")?;
    let part = ws.part(&package.id)?;
    for ((applicant, indicator), value) in &saved {
        let stored = part
            .scores
            .iter()
            .find(|s| s.applicant == *applicant && s.indicator == *indicator)
            .map(|s| s.value.normalize().to_string());
        ensure!(
            stored.as_deref() == Some(value.as_str()),
            "{applicant}/{indicator}: {value} saved, the workspace has {stored:?}"
        );
    }
    let (log, _head) = ws.audit_log(&package.id)?;
    ensure!(
        log.lines().count() as u64 == ws.audit_len(&package.id)?
            && ws.audit_len(&package.id)? > n as u64,
        "the audit chain: {} lines",
        log.lines().count()
    );
    ws.integrity_check()?;
    eprintln!("crash: {n} kills, {} values kept", saved.len());
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_shown_as_saved_is_lost_when_the_app_is_killed() {
    let launch = Launch {
        // About 4 s a kill here; room for a loaded machine.
        body_limit: Some(Duration::from_secs(120 + 30 * kills() as u64)),
        ..Launch::default()
    };
    run_mut("expert_crash", launch, async |desk: &mut Desk| {
        crash(desk).await
    })
    .await;
}
