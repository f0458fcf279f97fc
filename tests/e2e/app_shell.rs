//! The shell around the desks: a file given on the command line opens its desk's
//! import, a second launch hands its file to the running window (one instance),
//! and the About screen (version, commit, licence notices).

use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

/// A new identity at the identity screen, chosen.
async fn new_identity(desk: &Desk, name: &str) -> TestResult {
    let field = desk.find("[data-testid=identity-name]").await?;
    field.clear().await?;
    field.send_keys(name).await?;
    click(desk, "[data-testid=identity-create]").await?;
    click(desk, "[data-testid=identity-continue]").await
}

/// A file named like a package that is not one.
fn not_a_package(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("某批次 E01.rdpkg");
    std::fs::write(&path, b"not a package\n").unwrap();
    path
}

#[tokio::test]
async fn a_package_on_the_command_line_opens_the_expert_desks_import() {
    let files = tempfile::tempdir().unwrap();
    let pkg = not_a_package(files.path());
    run(
        "a_package_on_the_command_line_opens_the_expert_desks_import",
        Launch {
            args: vec![pkg.display().to_string()],
            ..Launch::default()
        },
        async |desk| {
            // Straight to the expert desk, naming the file; the identity comes first.
            desk.find("[data-testid=expert-desk]").await?;
            let notice = desk.text("[data-testid=opened-file]").await?;
            ensure!(
                notice.contains("某批次 E01.rdpkg") && notice.contains("专家评审台"),
                "notice: {notice}"
            );
            new_identity(desk, "测试专家").await?;
            // Then the import runs on that file: this one is refused as no package.
            let failure = desk.find("[data-testid=failure]").await?;
            let code = failure.attr("data-code").await?.unwrap_or_default();
            ensure!(code == "not_a_package", "import failed with {code}");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_second_launch_hands_its_file_to_the_running_window() {
    run(
        "a_second_launch_hands_its_file_to_the_running_window",
        Launch::default(),
        async |desk| {
            desk.find("[data-testid=home]").await?;
            let sheet = desk.home().join("E02-r1.rdsheet");
            std::fs::write(&sheet, b"age-encryption.org/v1\n")?;
            // Relative to the second launch's working directory (the test's HOME).
            let status = desk.launch_again(&["E02-r1.rdsheet"])?;
            ensure!(status.success(), "the second launch ended with {status}");
            desk.find("[data-testid=chair-desk]").await?;
            let notice = desk
                .wait_text("[data-testid=opened-file]", |t| {
                    t.contains("E02-r1.rdsheet")
                })
                .await?;
            ensure!(notice.contains("组长汇总台"), "notice: {notice}");
            let windows = desk.client.windows().await?;
            ensure!(windows.len() == 1, "{} windows", windows.len());
            // A result bundle goes to the organizer's desk, which waits for the round
            // folder it belongs to (the results tab then checks it).
            let status = desk.launch_again(&["result.rdbundle"])?;
            ensure!(status.success(), "the second launch ended with {status}");
            desk.find("[data-testid=organizer-desk]").await?;
            let notice = desk
                .wait_text("[data-testid=opened-file]", |t| {
                    t.contains("result.rdbundle")
                })
                .await?;
            ensure!(notice.contains("评审结果"), "notice: {notice}");
            desk.find("[data-testid=bundle-needs-round]").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_about_screen_shows_version_commit_and_the_fonts_licence() {
    run(
        "the_about_screen_shows_version_commit_and_the_fonts_licence",
        Launch::default(),
        async |desk| {
            click(desk, "[data-testid=home-about]").await?;
            let version = desk.text("[data-testid=about-version]").await?;
            ensure!(version == env!("CARGO_PKG_VERSION"), "version {version}");
            let commit = desk.text("[data-testid=about-commit]").await?;
            ensure!(
                commit == "unknown"
                    || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
                "commit {commit}"
            );
            let about = desk.text("[data-testid=about]").await?;
            ensure!(about.contains("第三方许可声明"), "about: {about}");
            // The font's licence is a resource of every build.
            let font = desk
                .find("[data-testid=about-notice][data-file='NotoSansCJKsc-OFL.txt']")
                .await?;
            font.click().await?;
            let text = font.text().await?;
            ensure!(
                text.contains("SIL OPEN FONT LICENSE"),
                "font notice: {text}"
            );
            click(desk, "[data-testid=about-back]").await?;
            desk.find("[data-testid=home]").await?;
            Ok(())
        },
    )
    .await;
}
