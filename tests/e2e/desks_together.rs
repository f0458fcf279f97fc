//! One app, every desk: an expert and a chair identity made in the app (roles as
//! their cards state them, shown on the home screen), a round sealed to both cards;
//! the expert imports, declares and signs at the expert desk — the sheet file
//! written where the Save-folder dialog pointed — and the chair, in the same app,
//! opens the round and imports that folder: the desktop's sheet is the chair's.

use std::path::{Path, PathBuf};

use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

use crate::expert_desk::{declare_all, import_and_pledge};

const EXPERT_NAME: &str = "陈立新"; // E01 in the demo round
const CHAIR_NAME: &str = "郑国平"; // C01

async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

/// Creates an identity at the identity screen and exports its card to `card`.
pub(crate) async fn create(desk: &Desk, name: &str, card: &Path) -> TestResult {
    let field = desk.find("[data-testid=identity-name]").await?;
    field.clear().await?;
    field.send_keys(name).await?;
    click(desk, "[data-testid=identity-create]").await?;
    desk.answer_dialog(&[card])?;
    click(desk, "[data-testid=card-export]").await?;
    desk.find("[data-testid=card-written]").await?;
    click(desk, "[data-testid=identity-continue]").await?;
    desk.find("[data-testid=identity-chosen]").await?;
    Ok(())
}

/// At a desk whose identity is someone else's: switch, then choose `name`.
pub(crate) async fn choose(desk: &Desk, name: &str) -> TestResult {
    let who = desk.text("[data-testid=identity-chosen]").await?;
    if who.contains(name) {
        return Ok(());
    }
    click(desk, "[data-testid=identity-switch]").await?;
    for b in desk.all("[data-testid=identity-choice]").await? {
        if b.text().await?.contains(name) {
            b.click().await?;
            desk.wait_text("[data-testid=identity-chosen]", |t| t.contains(name))
                .await?;
            return Ok(());
        }
    }
    Err(format!("no identity {name} to choose").into())
}

/// The demo round with E01's and C01's cards replaced by the app's, sealed whole.
fn seal(
    dir: &Path,
    expert: &Path,
    chair: &Path,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let e = |e: std::io::Error| e.to_string();
    let round = dir.join("round");
    let src = reviewdesk_io::demo_round_dir();
    std::fs::create_dir_all(&round).map_err(e)?;
    std::fs::copy(src.join("round.toml"), round.join("round.toml")).map_err(e)?;
    for sub in ["materials", "cards"] {
        std::fs::create_dir_all(round.join(sub)).map_err(e)?;
        for f in std::fs::read_dir(src.join(sub)).map_err(e)? {
            let f = f.map_err(e)?;
            std::fs::copy(f.path(), round.join(sub).join(f.file_name())).map_err(e)?;
        }
    }
    std::fs::copy(expert, round.join("cards/E01.card")).map_err(e)?;
    std::fs::copy(chair, round.join("cards/C01.card")).map_err(e)?;
    let loaded = reviewdesk_io::load_round(&round).map_err(|e| e.to_string())?;
    let cards = reviewdesk_desk::load_cards(&loaded).map_err(|e| e.to_string())?;
    let org =
        reviewdesk_desk::read_signing_key(&src.join("keys/ORG.key")).map_err(|e| e.to_string())?;
    let out = dir.join("round.rdpkg");
    reviewdesk_desk::seal_round_to_file(
        &loaded,
        &cards,
        &org,
        reviewdesk_desk::Scope::Whole,
        &out,
        &mut |_, _| {},
    )
    .map_err(|e| e.to_string())?;
    Ok(out)
}

#[tokio::test]
async fn a_sheet_signed_at_the_expert_desk_is_imported_by_the_chair_desk() {
    run(
        "a_sheet_signed_at_the_expert_desk_is_imported_by_the_chair_desk",
        Launch::default(),
        async |desk| {
            let home = desk.home().to_path_buf();
            let (e_card, c_card) = (home.join("E01.card"), home.join("C01.card"));

            // Two identities, each with its role.
            click(desk, "[data-testid=nav-expert]").await?;
            create(desk, EXPERT_NAME, &e_card).await?;
            click(desk, "[data-testid=nav-chair]").await?;
            click(desk, "[data-testid=identity-switch]").await?;
            create(desk, CHAIR_NAME, &c_card).await?;
            click(desk, "[data-testid=nav-home]").await?;
            desk.find("[data-testid=home-identity]").await?;
            let mut roles = Vec::new();
            for li in desk.all("[data-testid=home-identity]").await? {
                roles.push(li.attr("data-role").await?.unwrap_or_default());
            }
            ensure!(
                roles == ["expert", "chair"],
                "roles on the home screen: {roles:?}"
            );
            desk.screenshot("desks-home-identities").await?;

            let pkg = seal(&home, &e_card, &c_card)?;

            // The expert: import, pledge, declare, sign into a folder.
            click(desk, "[data-testid=nav-expert]").await?;
            choose(desk, EXPERT_NAME).await?;
            import_and_pledge(desk, &pkg).await?;
            declare_all(desk, "").await?;
            let out = home.join("signed");
            std::fs::create_dir_all(&out)?;
            desk.answer_dialog(&[&out])?;
            click(desk, "[data-testid=sign-button]").await?;
            click(desk, "[data-testid=sign-confirm]").await?;
            let sheet = PathBuf::from(desk.text("[data-testid=sheet-path]").await?);
            ensure!(
                sheet.parent() == Some(out.as_path())
                    && sheet.extension().is_some_and(|x| x == "rdsheet"),
                "sheet written to {}",
                sheet.display()
            );

            // The chair, same app: open the round, import the folder.
            click(desk, "[data-testid=nav-chair]").await?;
            choose(desk, CHAIR_NAME).await?;
            desk.answer_dialog(&[&pkg])?;
            click(desk, "[data-testid=chair-open-button]").await?;
            desk.find("[data-testid=chair-import]").await?;
            desk.answer_dialog(&[&out])?;
            click(desk, "[data-testid=import-folder-button]").await?;
            desk.find("[data-testid=import-lines][data-batch='1']")
                .await?;
            let lines = desk.all("[data-testid=import-line]").await?;
            ensure!(lines.len() == 1, "{} import lines", lines.len());
            let accepted = lines[0].attr("data-accepted").await?.unwrap_or_default();
            let text = lines[0].text().await?;
            ensure!(
                accepted == "true",
                "the desktop's sheet was refused: {text}"
            );
            ensure!(text.contains("E01"), "{text}");
            desk.find("[data-testid=sheet-row][data-expert=E01]")
                .await?;
            desk.screenshot("desks-chair-imported-folder").await?;
            Ok(())
        },
    )
    .await;
}
