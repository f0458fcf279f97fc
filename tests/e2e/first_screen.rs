//! The first screen: the home (no round folder needed: the desks, identities,
//! recent work, the demo); the demo round's program, stages, applicants and panel,
//! in Chinese by default and in English after the switch; and the error screen.

use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

const TITLE_ZH: &str = "2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）";
const TITLE_EN: &str =
    "2026 Guangdong Industrial Internet Supply Resource Pool — Supplier Recognition, Batch 1";

async fn applicant_rows(
    desk: &Desk,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let mut rows = Vec::new();
    for row in desk.all("[data-testid=applicant-row]").await? {
        rows.push(row.text().await?);
    }
    Ok(rows)
}

/// From the home screen to the bundled demo round.
async fn open_demo(desk: &Desk) -> TestResult {
    desk.find("[data-testid=home-demo]").await?.click().await?;
    desk.find("[data-testid=round-title]").await?;
    Ok(())
}

#[tokio::test]
async fn opens_on_the_home_screen() {
    run(
        "opens_on_the_home_screen",
        Launch::default(),
        async |desk| {
            desk.find("[data-testid=home]").await?;
            let mut entries = Vec::new();
            for e in desk.all(".desk-entry").await? {
                entries.push(e.attr("data-testid").await?.unwrap_or_default());
            }
            ensure!(
                entries
                    == [
                        "desk-entry-expert",
                        "desk-entry-chair",
                        "desk-entry-organizer"
                    ],
                "desk entries {entries:?}"
            );
            let text = desk.text("[data-testid=home]").await?;
            for s in [
                "专家评审台",
                "组长汇总台",
                "主办单位工作台",
                "本机身份",
                "最近的工作",
            ] {
                ensure!(text.contains(s), "home lacks '{s}': {text}");
            }
            // No identity yet, no recent work; the demo is there.
            desk.find("[data-testid=home-identities]").await?;
            let ids = desk
                .client
                .find_all(fantoccini::Locator::Css("[data-testid=home-identity]"))
                .await?;
            ensure!(
                ids.is_empty(),
                "{} identities on a fresh machine",
                ids.len()
            );
            let demo = desk.find("[data-testid=home-demo]").await?;
            ensure!(demo.is_enabled().await?, "the demo button is disabled");
            // Each desk is reachable from its entry, the organizer's a placeholder for now.
            desk.find("[data-testid=desk-entry-organizer]")
                .await?
                .click()
                .await?;
            desk.find("[data-testid=organizer-desk]").await?;
            desk.find("[data-testid=nav-home]").await?.click().await?;
            desk.find("[data-testid=desk-entry-chair]")
                .await?
                .click()
                .await?;
            desk.find("[data-testid=chair-desk]").await?;
            desk.find("[data-testid=nav-home]").await?.click().await?;
            desk.find("[data-testid=home]").await?;
            desk.screenshot("home-zh").await?;
            // The same home in English.
            desk.find("[data-testid=lang-switch]")
                .await?
                .click()
                .await?;
            desk.wait_text("[data-testid=home]", |t| t.contains("Expert desk"))
                .await?;
            let text = desk.text("[data-testid=home]").await?;
            for s in [
                "Chair desk",
                "Organizer desk",
                "Identities on this computer",
                "Try the demo round",
            ] {
                ensure!(text.contains(s), "English home lacks '{s}': {text}");
            }
            desk.screenshot("home-en").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn opens_on_the_demo_round_in_chinese() {
    run(
        "opens_on_the_demo_round_in_chinese",
        Launch::default(),
        async |desk| {
            open_demo(desk).await?;
            let title = desk.text("[data-testid=round-title]").await?;
            ensure!(title == TITLE_ZH, "round title is '{title}'");
            let window_title = desk.client.title().await?;
            ensure!(
                window_title == "评审台 ReviewDesk",
                "window title is '{window_title}'"
            );

            let stages = desk.text("[data-testid=stages]").await?;
            for s in ["书面审查", "现场答辩", "实地考察", "权重 60%"] {
                ensure!(stages.contains(s), "stages lack '{s}': {stages}");
            }

            let rows = applicant_rows(desk).await?;
            ensure!(rows.len() == 8, "{} applicant rows", rows.len());
            let first = &rows[0];
            for s in [
                "A01",
                "广州云擎工业软件有限公司",
                "广州市",
                "工业互联网应用（含工业软件）",
            ] {
                ensure!(
                    first.contains(s),
                    "first applicant row lacks '{s}': {first}"
                );
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn switching_to_english_changes_the_screen() {
    run(
        "switching_to_english_changes_the_screen",
        Launch::default(),
        async |desk| {
            open_demo(desk).await?;
            desk.text("[data-testid=round-title]").await?;
            let switch = desk.find("[data-testid=lang-switch]").await?;
            ensure!(
                switch.text().await? == "English",
                "switch reads '{}'",
                switch.text().await?
            );
            switch.click().await?;

            desk.wait_text("[data-testid=round-title]", |t| t == TITLE_EN)
                .await?;
            let heading = desk.text("[data-testid=stages]").await?;
            ensure!(
                heading.contains("Written review"),
                "stages in English: {heading}"
            );
            let rows = applicant_rows(desk).await?;
            ensure!(
                rows[0].contains("Guangzhou"),
                "region in English: {}",
                rows[0]
            );
            // Registered company names stay as registered.
            ensure!(
                rows[0].contains("广州云擎工业软件有限公司"),
                "name kept: {}",
                rows[0]
            );
            let window_title = desk.client.title().await?;
            ensure!(
                window_title == "ReviewDesk 评审台",
                "window title is '{window_title}'"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn english_switches_back_to_chinese() {
    run(
        "english_switches_back_to_chinese",
        Launch::default(),
        async |desk| {
            open_demo(desk).await?;
            desk.find("[data-testid=lang-switch]")
                .await?
                .click()
                .await?;
            desk.wait_text("[data-testid=round-title]", |t| t == TITLE_EN)
                .await?;
            let switch = desk.find("[data-testid=lang-switch]").await?;
            ensure!(
                switch.text().await? == "中文",
                "switch reads '{}'",
                switch.text().await?
            );
            switch.click().await?;
            desk.wait_text("[data-testid=round-title]", |t| t == TITLE_ZH)
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn shows_the_panel_and_the_recusal_request() {
    run(
        "shows_the_panel_and_the_recusal_request",
        Launch::default(),
        async |desk| {
            open_demo(desk).await?;
            let panel = desk.all("[data-testid=panel-row]").await?;
            ensure!(
                panel.len() == 6,
                "{} panel rows (chair + 5 experts expected)",
                panel.len()
            );
            let chair = panel[0].text().await?;
            ensure!(
                chair.contains("郑国平") && chair.contains("评审组长"),
                "chair row: {chair}"
            );
            let table = desk.find("[data-testid=recusals]").await?;
            desk.client
                .execute(
                    "arguments[0].scrollIntoView()",
                    vec![serde_json::to_value(&table)?],
                )
                .await?;
            let recusals = table.text().await?;
            for s in ["东莞鼎安工控安全技术有限公司", "黄志强", "予以回避"] {
                ensure!(
                    recusals.contains(s),
                    "recusal table lacks '{s}': {recusals}"
                );
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_broken_round_file_gets_an_error_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("round.toml"),
        "format = \"reviewdesk-round/1\"\nid = [\n",
    )
    .unwrap();
    let launch = Launch {
        args: vec!["--round".into(), dir.path().display().to_string()],
        ..Launch::default()
    };
    run(
        "a_broken_round_file_gets_an_error_screen",
        launch,
        async |desk| {
            let err = desk.find("[data-testid=error]").await?;
            let code = err.attr("data-code").await?.unwrap_or_default();
            ensure!(code == "malformed", "error code '{code}'");
            let text = err.text().await?;
            ensure!(text.contains("无法打开评审批次"), "error title: {text}");
            // Where, in Chinese: the file and the line, labelled in the UI's words;
            // the shell's English sentence is not on the Chinese screen.
            ensure!(
                text.contains("round.toml") && text.contains("行"),
                "where: {text}"
            );
            ensure!(
                !text.contains("line"),
                "English on the Chinese screen: {text}"
            );
            Ok(())
        },
    )
    .await;
}

/// The progress bar: what the shell's `progress` events say, in the UI's words,
/// with the percent and, for work that can stop, a Stop button; gone when it ends.
#[tokio::test]
async fn the_progress_bar_names_the_work() {
    run("progress_bar", Launch::default(), async |desk| {
        desk.find("[data-testid=home]").await?;
        let emit = |running: bool| {
            serde_json::json!({
                "event": "progress",
                "payload": {
                    "task": "package_import", "running": running, "cancellable": true,
                    "done": 600_000_000u64, "total": 2_000_000_000u64
                }
            })
        };
        let script = "return window.__TAURI_INTERNALS__.invoke('plugin:event|emit', arguments[0]);";
        desk.client.execute(script, vec![emit(true)]).await?;
        let bar = desk.find("[data-testid=progress]").await?;
        let text = bar.text().await?;
        ensure!(
            text.contains("正在校验并导入评审包"),
            "progress bar: {text}"
        );
        ensure!(text.contains("30%"), "percent: {text}");
        desk.find("[data-testid=progress-cancel]").await?;
        desk.screenshot("progress-zh").await?;
        desk.client.execute(script, vec![emit(false)]).await?;
        let start = std::time::Instant::now();
        while desk
            .client
            .find(fantoccini::Locator::Css("[data-testid=progress]"))
            .await
            .is_ok()
        {
            ensure!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "the bar stays after the work ended"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Ok(())
    })
    .await;
}
