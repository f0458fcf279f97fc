//! Smoke test of the INSTALLED package (scripts/test.sh runs it after
//! `apt-get install ./ReviewDesk_….deb`, with REVIEWDESK_APP=/usr/bin/reviewdesk-desktop
//! and REVIEWDESK_CLI=/usr/bin/reviewdesk): the release build from /usr/bin, its
//! resources from /usr/lib/ReviewDesk. Not run by a plain `cargo test` (`test = false`
//! in Cargo.toml): `cargo test -p reviewdesk-e2e --test installed`.

use std::path::Path;

use reviewdesk_e2e::{app_binary, cli_binary, ensure, run, Desk, Launch, TestResult};

/// Where the .deb puts the app's resources.
const RESOURCES: &str = "/usr/lib/ReviewDesk";
const TITLE_ZH: &str = "2026年度广东省工业互联网产业生态供给资源池优秀供应商认定（第一批）";
/// E01 of the demo round.
const EXPERT: &str = "陈立新";

async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

/// Both binaries under test are the installed ones, not a build tree's.
fn installed() {
    for (what, path) in [("app", app_binary()), ("CLI", cli_binary())] {
        assert!(
            path.starts_with("/usr/bin") && path.is_file(),
            "the {what} under test is {} (set REVIEWDESK_APP/REVIEWDESK_CLI to the installed /usr/bin binaries)",
            path.display()
        );
    }
    assert!(
        Path::new(RESOURCES).join("demo/round.toml").is_file(),
        "no demo round in {RESOURCES}"
    );
}

#[tokio::test]
async fn installed_app_opens_in_chinese_and_its_demo_from_the_installed_resources() {
    installed();
    run("installed_home_and_demo", Launch::default(), async |desk| {
        let home = desk.text("[data-testid=home]").await?;
        for s in [
            "专家评审台",
            "组长汇总台",
            "主办单位工作台",
            "本机身份",
            "打开演示批次",
        ] {
            ensure!(home.contains(s), "home lacks '{s}': {home}");
        }
        ensure!(
            desk.client.title().await? == "评审台 ReviewDesk",
            "window title"
        );
        desk.screenshot("installed_home").await?;
        // A release build finds the demo only in its resource directory.
        click(desk, "[data-testid=home-demo]").await?;
        let title = desk.text("[data-testid=round-title]").await?;
        ensure!(title == TITLE_ZH, "round title '{title}'");
        // The About screen: the package's notices.
        click(desk, "[data-testid=nav-home]").await?;
        click(desk, "[data-testid=home-about]").await?;
        // The demo opened above came from the package's resources, not a source tree.
        let demo = desk.text("[data-testid=about-demo]").await?;
        ensure!(
            demo == format!("{RESOURCES}/demo"),
            "the demo round was found at '{demo}'"
        );
        let commit = desk.text("[data-testid=about-commit]").await?;
        ensure!(
            commit != "unknown" && commit.len() == 12,
            "commit '{commit}'"
        );
        for file in [
            "NotoSansCJKsc-OFL.txt",
            "npm-packages.txt",
            "rust-crates.txt",
        ] {
            desk.find(&format!("[data-testid=about-notice][data-file='{file}']"))
                .await?;
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn installed_app_imports_a_package_given_on_its_command_line() {
    installed();
    // Before the app starts, in its D-Bus session: E01's identity made with the
    // installed CLI in the keyring the app uses, and the demo round (copied from
    // the installed resources) sealed to E01's card by the demo organizer.
    let files = tempfile::tempdir().unwrap();
    let out = files.path().display().to_string();
    let setup = format!(
        r#"
        cli="$REVIEWDESK_CLI"
        "$cli" key new --name '{EXPERT}' --role expert
        "$cli" key card --name '{EXPERT}' -o "$HOME/E01.card"
        cp -r {RESOURCES}/demo "$HOME/round"
        chmod -R u+w "$HOME/round"
        cp "$HOME/E01.card" "$HOME/round/cards/E01.card"
        "$cli" seal "$HOME/round" --signing-key "$HOME/round/keys/ORG.key" \
          -o '{out}/whole.rdpkg' --per-expert '{out}/packages'
        "#
    );
    // The setup script writes the package before the app starts with it.
    run(
        "installed_package_on_the_command_line",
        Launch {
            args: vec![format!("{out}/packages/E01.rdpkg")],
            session_setup: Some(setup),
            ..Launch::default()
        },
        async |desk| {
            desk.find("[data-testid=expert-desk]").await?;
            let notice = desk.text("[data-testid=opened-file]").await?;
            ensure!(notice.contains("E01.rdpkg"), "notice: {notice}");
            // The identity the CLI made is offered; choosing it starts the import.
            click(desk, "[data-testid=identity-choice]").await?;
            let fp = desk.text("[data-testid=organizer-fingerprint]").await?;
            ensure!(fp.starts_with("SHA256:"), "organizer fingerprint '{fp}'");
            click(desk, "[data-testid=confirm-trust]").await?;
            let done = desk.text("[data-testid=import-done]").await?;
            ensure!(done.contains("E01"), "import: {done}");
            desk.find("[data-testid=package-row]").await?;
            Ok(())
        },
    )
    .await;
}

/// The .deb's file list (`dpkg-deb -c`): what the package must carry.
#[test]
fn the_deb_carries_binaries_desktop_entry_icons_mime_types_resources_and_licences() {
    let deb = std::env::var_os("REVIEWDESK_DEB")
        .expect("REVIEWDESK_DEB: the .deb scripts/package.sh built");
    let out = std::process::Command::new("dpkg-deb")
        .arg("-c")
        .arg(&deb)
        .output()
        .expect("dpkg-deb");
    assert!(out.status.success(), "dpkg-deb -c failed");
    let listing = String::from_utf8(out.stdout).unwrap();
    // `-rwxr-xr-x root/root 123 2026-01-01 00:00 usr/bin/reviewdesk` (or `./usr/…`)
    // → `/usr/bin/reviewdesk`.
    let path_of = |line: &str| {
        let p = line
            .split_whitespace()
            .skip(5)
            .collect::<Vec<_>>()
            .join(" ");
        format!("/{}", p.trim_start_matches("./").trim_end_matches('/'))
    };
    let files: std::collections::BTreeSet<String> = listing.lines().map(path_of).collect();
    let mut missing = Vec::new();
    for f in [
        "/usr/bin/reviewdesk-desktop",
        "/usr/bin/reviewdesk",
        "/usr/share/applications/ReviewDesk.desktop",
        "/usr/share/icons/hicolor/32x32/apps/reviewdesk-desktop.png",
        "/usr/share/icons/hicolor/64x64/apps/reviewdesk-desktop.png",
        "/usr/share/icons/hicolor/128x128/apps/reviewdesk-desktop.png",
        "/usr/share/icons/hicolor/256x256@2/apps/reviewdesk-desktop.png",
        "/usr/share/icons/hicolor/512x512/apps/reviewdesk-desktop.png",
        "/usr/share/mime/packages/reviewdesk.xml",
        "/usr/lib/ReviewDesk/demo/round.toml",
        "/usr/lib/ReviewDesk/demo/cards/E01.card",
        "/usr/lib/ReviewDesk/templates/gd-supplier-recognition.toml",
        "/usr/lib/ReviewDesk/licenses/NotoSansCJKsc-OFL.txt",
        "/usr/lib/ReviewDesk/licenses/rust-crates.txt",
        "/usr/lib/ReviewDesk/licenses/npm-packages.txt",
    ] {
        if !files.contains(f) {
            missing.push(f);
        }
    }
    assert!(missing.is_empty(), "missing {missing:?} in:\n{listing}");
    // Both binaries are executable.
    for bin in ["/usr/bin/reviewdesk-desktop", "/usr/bin/reviewdesk"] {
        let line = listing.lines().find(|l| path_of(l) == bin).unwrap();
        assert!(line.starts_with("-rwxr-xr-x"), "{line}");
    }
    // Every demo file of the source tree is in the package.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo");
    let mut todo = vec![demo.clone()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(&demo).unwrap().display().to_string();
                let want = format!("/usr/lib/ReviewDesk/demo/{rel}");
                assert!(files.contains(&want), "{want} not in the package");
            }
        }
    }
    // The desktop entry and the MIME types it claims, inside the package.
    let unpacked = tempfile::tempdir().unwrap();
    let st = std::process::Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(unpacked.path())
        .status()
        .unwrap();
    assert!(st.success());
    let entry = std::fs::read_to_string(
        unpacked
            .path()
            .join("usr/share/applications/ReviewDesk.desktop"),
    )
    .unwrap();
    for line in [
        "Exec=reviewdesk-desktop %F",
        "Icon=reviewdesk-desktop",
        "Name[zh_CN]=评审台",
        "MimeType=application/x-reviewdesk-package;application/x-reviewdesk-sheet;application/x-reviewdesk-bundle;",
    ] {
        assert!(entry.lines().any(|l| l == line), "no '{line}' in:\n{entry}");
    }
    let mime = std::fs::read_to_string(
        unpacked
            .path()
            .join("usr/share/mime/packages/reviewdesk.xml"),
    )
    .unwrap();
    for glob in ["*.rdpkg", "*.rdsheet", "*.rdbundle"] {
        assert!(
            mime.contains(&format!("<glob pattern=\"{glob}\"/>")),
            "{glob}"
        );
    }
    let notices = std::fs::read_to_string(
        unpacked
            .path()
            .join("usr/lib/ReviewDesk/licenses/rust-crates.txt"),
    )
    .unwrap();
    for krate in ["tauri ", "rusqlite ", "age "] {
        assert!(
            notices.contains(&format!("\n  {krate}")),
            "{krate}not in the notices"
        );
    }
}
