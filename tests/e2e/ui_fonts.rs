//! Chinese on any machine: the UI's bundled CJK font loads (and, where the machine
//! has no CJK font of its own, is what the page draws with), and pdf.js gets its
//! bundled CMaps, so a PDF whose Chinese font is not embedded still yields its text.
//! The screenshots are the pixels to look at: glyphs, not boxes.

use std::path::{Path, PathBuf};
use std::process::Command;

use reviewdesk_e2e::{ensure, run, Desk, Launch};

use crate::expert_desk::{
    click, declare_all, import_and_pledge, seal_for_card_with, type_into, wait_attr, NAME,
};

const FAMILY: &str = "ReviewDesk CJK SC";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether fontconfig knows any font for Chinese on this machine.
fn machine_has_cjk_font() -> bool {
    Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false)
}

/// The bundled face's status (`unloaded`, `loading`, `loaded`, `error`), once
/// `document.fonts.ready` has settled; with `load`, after asking it to load.
async fn face_status(
    desk: &Desk,
    load: bool,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let script = r#"
        const [family, load, done] = arguments;
        (async () => {
          await document.fonts.ready;
          let face = null;
          document.fonts.forEach((f) => { if (f.family.replace(/"/g, "") === family) face = f; });
          if (!face) return "absent";
          if (load) await face.load().catch(() => {});
          return face.status;
        })().then(done, (e) => done("failed: " + e));
    "#;
    let v = desk
        .client
        .execute_async(script, vec![FAMILY.into(), load.into()])
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn the_first_screen_draws_chinese_with_the_bundled_font() {
    // The harness would load the font itself: here the page must do it.
    let launch = Launch {
        fonts_untouched: true,
        ..Launch::default()
    };
    run("ui_font_first_screen", launch, async |desk| {
        // The first screen is the home.
        desk.find("[data-testid=home]").await?;
        if !machine_has_cjk_font() {
            // Nothing else can draw 评审台 here: the page must have loaded ours itself.
            let start = std::time::Instant::now();
            let mut status = face_status(desk, false).await?;
            while status != "loaded" && start.elapsed() < std::time::Duration::from_secs(10) {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                status = face_status(desk, false).await?;
            }
            ensure!(
                status == "loaded",
                "without a CJK system font, the bundled face is '{status}'"
            );
        }
        let status = face_status(desk, true).await?;
        ensure!(status == "loaded", "the bundled face is '{status}'");
        let check = desk
            .client
            .execute(
                "return document.fonts.check(`16px \"${arguments[0]}\"`, '评审台');",
                vec![FAMILY.into()],
            )
            .await?;
        ensure!(check == true, "document.fonts.check for 评审台: {check}");
        // Then the demo round, the screenshot's screen.
        desk.find("[data-testid=home-demo]").await?.click().await?;
        desk.text("[data-testid=round-title]").await?;
        Ok(())
    })
    .await;
}

/// What pdf.js does for a CMap on the tauri:// origin (not http, so no `fetch`):
/// an XMLHttpRequest relative to the page. Returns (status, bytes).
async fn get_from_page(
    desk: &Desk,
    url: &str,
) -> Result<(u64, u64), Box<dyn std::error::Error + Send + Sync>> {
    let script = r#"
        const [url, done] = arguments;
        const r = new XMLHttpRequest();
        r.open("GET", url, true);
        r.responseType = "arraybuffer";
        r.onloadend = () => done([r.status, r.response ? r.response.byteLength : -1]);
        r.send();
    "#;
    let v = desk.client.execute_async(script, vec![url.into()]).await?;
    Ok((v[0].as_u64().unwrap_or(999), v[1].as_u64().unwrap_or(0)))
}

#[tokio::test]
async fn the_app_serves_pdfjs_its_cmaps_and_standard_fonts() {
    run("pdfjs_assets_served", Launch::default(), async |desk| {
        desk.find("[data-testid=home]").await?;
        let dist = repo().join("ui/node_modules/pdfjs-dist");
        for (url, src) in [
            ("pdfjs/cmaps/UniGB-UCS2-H.bcmap", "cmaps/UniGB-UCS2-H.bcmap"),
            (
                "pdfjs/cmaps/Adobe-GB1-UCS2.bcmap",
                "cmaps/Adobe-GB1-UCS2.bcmap",
            ),
            (
                "pdfjs/standard_fonts/LiberationSans-Regular.ttf",
                "standard_fonts/LiberationSans-Regular.ttf",
            ),
        ] {
            let (status, len) = get_from_page(desk, url).await?;
            let want = std::fs::metadata(dist.join(src))?.len();
            ensure!(
                (status == 200 || status == 0) && len == want,
                "{url}: status {status}, {len} bytes (want {want})"
            );
        }
        Ok(())
    })
    .await;
}

/// The expert opens a PDF whose Chinese font (STSong-Light) is not embedded, as
/// material M02 of the demo round, and finds its text with the viewer's search:
/// pdf.js reads that text only through the bundled CMaps.
#[tokio::test(flavor = "multi_thread")]
async fn a_pdf_without_its_chinese_font_is_searchable() {
    run("pdf_unembedded_cjk", Launch::default(), async |desk| {
        let home = desk.home().to_path_buf();
        click(desk, "[data-testid=nav-expert]").await?;
        type_into(desk, "[data-testid=identity-name]", NAME).await?;
        click(desk, "[data-testid=identity-create]").await?;
        let card = home.join("my.card");
        desk.answer_dialog(&[&card])?;
        click(desk, "[data-testid=card-export]").await?;
        desk.find("[data-testid=card-written]").await?;
        click(desk, "[data-testid=identity-continue]").await?;

        let fixture = repo().join("tests/vectors/pdf/unembedded-cjk.pdf");
        let pkg = seal_for_card_with(&home, &card, &[("A01-case-study.pdf", &fixture)])?;
        import_and_pledge(desk, &pkg).await?;
        declare_all(desk, "A02").await?;

        click(desk, "[data-applicant=A01]").await?;
        click(desk, "[data-material=M02]").await?;
        wait_attr(desk, "canvas[data-page='1']", "data-drawn", "true").await?;
        // A word the page does not have first, so the hit below is the search's own.
        type_into(desk, "[data-testid=pdf-search]", "缺席").await?;
        click(desk, "[data-testid=pdf-find]").await?;
        desk.wait_text("[data-testid=pdf-hits]", |t| t.contains('0'))
            .await?;
        type_into(desk, "[data-testid=pdf-search]", "未嵌入字体的中文").await?;
        click(desk, "[data-testid=pdf-find]").await?;
        desk.find("[data-testid=pdf-hit][data-page='1']").await?;
        ensure!(
            desk.client
                .find(fantoccini::Locator::Css("[data-testid=pdf-error]"))
                .await
                .is_err(),
            "the viewer shows an error"
        );
        Ok(())
    })
    .await;
}
