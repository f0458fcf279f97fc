//! The organizer desk end to end: a round folder opened from the folder dialog,
//! applicants imported from a real XLSX with two bad rows (a credit code stored as
//! a number, an unknown category) — shown by row and column, nothing written — then
//! the fixed sheet imported (one applicant added, one updated by credit code), then
//! a GBK CSV; the round's applicant table shows them.

use std::path::{Path, PathBuf};

use reviewdesk_e2e::{ensure, run, Desk, Launch, TestResult};

async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

/// Goes to a step of the organizer desk (overview, applicants, materials, assign,
/// check, seal).
async fn step(desk: &Desk, name: &str) -> TestResult {
    click(desk, &format!("[data-testid=organizer-tab-{name}]")).await
}

/// A copy of the demo round (round.toml, materials, cards) in `dir`.
fn demo_copy(dir: &Path) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let src = reviewdesk_io::demo_round_dir();
    let round = dir.join("round");
    std::fs::create_dir_all(&round)?;
    std::fs::copy(src.join("round.toml"), round.join("round.toml"))?;
    for sub in ["materials", "cards"] {
        std::fs::create_dir_all(round.join(sub))?;
        for f in std::fs::read_dir(src.join(sub))? {
            let f = f?;
            std::fs::copy(f.path(), round.join(sub).join(f.file_name()))?;
        }
    }
    Ok(round)
}

/// A valid credit code from its first 17 characters (the check character found by
/// trying the alphabet, so the test does not restate the algorithm).
fn credit_code(first17: &str) -> String {
    "0123456789ABCDEFGHJKLMNPQRTUWXY"
        .chars()
        .map(|c| format!("{first17}{c}"))
        .find(|code| reviewdesk_core::CreditCode::parse(code).is_ok())
        .expect("a check character")
}

const HEADER: [&str; 5] = [
    "单位名称",
    "统一社会信用代码",
    "所属地市",
    "所属行业",
    "申报类别",
];

/// An XLSX of applicants; a row whose code is `None` stores a number instead.
fn xlsx(path: &Path, rows: &[(&str, Option<&str>, &str, &str, &str)]) -> TestResult {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("申报名单")?;
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (r, (name, code, region, industry, cats)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *name)?;
        match code {
            Some(code) => sheet.write_string(r, 1, *code)?,
            None => sheet.write_number(r, 1, 914_401_010_000_000_000.0)?,
        };
        sheet.write_string(r, 2, *region)?;
        sheet.write_string(r, 3, *industry)?;
        sheet.write_string(r, 4, *cats)?;
    }
    book.save(path)?;
    Ok(())
}

async fn applicant_names(
    desk: &Desk,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    step(desk, "overview").await?;
    let mut out = Vec::new();
    for row in desk.all("[data-testid=applicant-row]").await? {
        out.push(row.text().await?);
    }
    Ok(out)
}

/// What the organizer's screens say, per language.
struct Words {
    lang: &'static str,
    as_text: &'static str,
    added_one: &'static str,
    updated_one: &'static str,
    below_quorum: &'static str,
    recent_title: &'static str,
}

const ZH: Words = Words {
    lang: "zh",
    as_text: "文本",
    added_one: "新增 1",
    updated_one: "更新 1",
    below_quorum: "少于法定人数",
    recent_title: "2026年度广东省工业互联网",
};

const EN: Words = Words {
    lang: "en",
    as_text: "column as text",
    added_one: "add 1",
    updated_one: "update 1",
    below_quorum: "fewer than the quorum",
    // The home lists a round by its Chinese title in either language.
    recent_title: "2026年度广东省工业互联网",
};

#[tokio::test]
async fn an_organizer_imports_applicants_from_spreadsheets() {
    run("organizer_desk_zh", Launch::default(), async |desk| {
        applicants_round(desk, &ZH).await
    })
    .await;
}

#[tokio::test]
async fn an_organizer_imports_applicants_in_english() {
    run("organizer_desk_en", Launch::default(), async |desk| {
        applicants_round(desk, &EN).await
    })
    .await;
}

async fn applicants_round(desk: &Desk, w: &Words) -> TestResult {
    {
        if w.lang == "en" {
            click(desk, "[data-testid=lang-switch]").await?;
        }
        let home = desk.home().to_path_buf();
        let round = demo_copy(&home)?;
        let new_code = credit_code("91440101MA5AGNEW0");
        // A01 of the demo round, to be updated by its credit code.
        let a01 = "91440101MA5AGYGLU6";

        click(desk, "[data-testid=nav-organizer]").await?;
        desk.answer_dialog(&[&round])?;
        click(desk, "[data-testid=organizer-open]").await?;
        desk.find("[data-testid=organizer-tab-overview]").await?;
        ensure!(
            applicant_names(desk).await?.len() == 8,
            "the demo has 8 applicants"
        );
        // The demo round can be sealed as it is.
        step(desk, "check").await?;
        desk.find("[data-testid=organizer-check] [data-testid=check-clear]")
            .await?;
        step(desk, "applicants").await?;

        // Two bad rows: the preview names them, nothing can be imported.
        let bad = home.join("申报名单.xlsx");
        xlsx(
            &bad,
            &[
                (
                    "广州新申科技有限公司",
                    Some(&new_code),
                    "广州市",
                    "软件和信息技术服务业",
                    "工业互联网平台",
                ),
                (
                    "数字丢失有限公司",
                    None,
                    "深圳市",
                    "软件和信息技术服务业",
                    "application",
                ),
                (
                    "类别不明有限公司",
                    Some(a01),
                    "佛山市",
                    "软件和信息技术服务业",
                    "区块链",
                ),
            ],
        )?;
        desk.answer_dialog(&[&bad])?;
        click(desk, "[data-testid=applicants-choose]").await?;
        desk.find("[data-testid=applicants-plan][data-importable=false]")
            .await?;
        let problems = desk.all("[data-testid=plan-problem]").await?;
        let mut found = Vec::new();
        for p in &problems {
            found.push((
                p.attr("data-code").await?.unwrap_or_default(),
                p.attr("data-row").await?.unwrap_or_default(),
                p.attr("data-column").await?.unwrap_or_default(),
            ));
        }
        ensure!(
            found.contains(&("credit_code_as_number".into(), "3".into(), "B".into())),
            "{found:?}"
        );
        ensure!(
            found.contains(&("unknown_category".into(), "4".into(), "E".into())),
            "{found:?}"
        );
        let text = desk.text("[data-testid=plan-problems]").await?;
        ensure!(
            text.contains(w.as_text) && text.contains("区块链"),
            "problems in Chinese: {text}"
        );
        let import = desk.find("[data-testid=applicants-import]").await?;
        ensure!(!import.is_enabled().await?, "import enabled with errors");
        desk.screenshot(&format!("organizer-{}-1-problems", w.lang))
            .await?;
        let toml = std::fs::read_to_string(round.join("round.toml"))?;
        ensure!(
            !toml.contains("广州新申科技有限公司"),
            "written despite errors"
        );

        // Fixed: one new applicant, A01 updated by its credit code.
        let fixed = home.join("申报名单-修正.xlsx");
        xlsx(
            &fixed,
            &[
                (
                    "广州新申科技有限公司",
                    Some(&new_code),
                    "广州市",
                    "软件和信息技术服务业",
                    "工业互联网平台",
                ),
                (
                    "广州云擎工业软件有限公司",
                    Some(a01),
                    "广州市黄埔区",
                    "软件和信息技术服务业",
                    "application",
                ),
            ],
        )?;
        click(desk, "[data-testid=applicants-cancel]").await?;
        desk.answer_dialog(&[&fixed])?;
        click(desk, "[data-testid=applicants-choose]").await?;
        desk.find("[data-testid=applicants-plan][data-importable=true]")
            .await?;
        let summary = desk.text("[data-testid=plan-summary]").await?;
        ensure!(
            summary.contains(w.added_one) && summary.contains(w.updated_one),
            "{summary}"
        );
        desk.screenshot(&format!("organizer-{}-2-preview", w.lang))
            .await?;
        click(desk, "[data-testid=applicants-import]").await?;
        desk.find("[data-testid=applicants-done]").await?;
        let names = applicant_names(desk).await?;
        ensure!(
            names.len() == 9,
            "{} applicants after the import",
            names.len()
        );
        ensure!(
            names
                .iter()
                .any(|n| n.contains("A09") && n.contains("广州新申科技有限公司")),
            "{names:?}"
        );
        ensure!(
            names.iter().any(|n| n.contains("广州市黄埔区")),
            "A01 not updated: {names:?}"
        );

        // A GBK CSV (as Excel on Chinese Windows saves it).
        let csv_text = format!(
            "{}\r\n江门蓝海数据有限公司,{},江门市,软件和信息技术服务业,工业互联网网络\r\n",
            HEADER.join(","),
            credit_code("91440700MA5GBKC8X")
        );
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&csv_text);
        ensure!(!lossy, "the CSV text is GBK");
        let csv = home.join("补充名单.csv");
        std::fs::write(&csv, &gbk)?;
        step(desk, "applicants").await?;
        desk.answer_dialog(&[&csv])?;
        click(desk, "[data-testid=applicants-choose]").await?;
        desk.find("[data-testid=applicants-plan][data-importable=true]")
            .await?;
        click(desk, "[data-testid=applicants-import]").await?;
        desk.wait_text("[data-testid=applicants-done]", |t| {
            t.contains("1 added") || t.contains("新增 1")
        })
        .await?;
        let names = applicant_names(desk).await?;
        ensure!(
            names
                .iter()
                .any(|n| n.contains("A10") && n.contains("江门蓝海数据有限公司")),
            "{names:?}"
        );
        // Materials from a folder: a .docx refuses the whole import, by name.
        let folder = home.join("材料");
        std::fs::create_dir_all(&folder)?;
        let mut pdf =
            std::fs::read(reviewdesk_io::demo_round_dir().join("materials/A01-application.pdf"))?;
        pdf.extend_from_slice(b"\n% A09\n");
        std::fs::write(folder.join("A09-营业执照-2026-03-01.pdf"), &pdf)?;
        std::fs::write(folder.join("说明.docx"), b"PK\x03\x04 a word document")?;
        step(desk, "materials").await?;
        desk.answer_dialog(&[&folder])?;
        click(desk, "[data-testid=materials-choose]").await?;
        desk.find("[data-testid=materials-plan][data-importable=false]")
            .await?;
        desk.find("[data-testid=material-problem][data-code=not_pdf_or_image]")
            .await?;
        desk.screenshot(&format!("organizer-{}-4-materials-refused", w.lang))
            .await?;
        // Without it, the licence goes to A09.
        std::fs::remove_file(folder.join("说明.docx"))?;
        click(desk, "[data-testid=materials-cancel]").await?;
        desk.answer_dialog(&[&folder])?;
        click(desk, "[data-testid=materials-choose]").await?;
        desk.find("[data-testid=materials-plan][data-importable=true]")
            .await?;
        desk.find(
            "[data-testid=material-accepted][data-applicant=A09][data-kind=business_license]",
        )
        .await?;
        click(desk, "[data-testid=materials-import]").await?;
        desk.find("[data-testid=materials-done]").await?;
        let toml = std::fs::read_to_string(round.join("round.toml"))?;
        ensure!(
            toml.contains("A09-营业执照-2026-03-01.pdf")
                && toml.contains("issued = \"2026-03-01\""),
            "the material is not in round.toml"
        );

        // The new applicants have no experts yet: sealing is blocked, and says why.
        step(desk, "check").await?;
        let check = desk.text("[data-testid=organizer-check]").await?;
        ensure!(
            check.contains("A09") && check.contains(w.below_quorum),
            "sealing check: {check}"
        );
        desk.screenshot(&format!("organizer-{}-3-imported", w.lang))
            .await?;
        // The home lists the round among the organizer's recent work; it opens again.
        click(desk, "[data-testid=nav-home]").await?;
        let recent = desk.text("[data-testid=home-organizer-round]").await?;
        ensure!(recent.contains(w.recent_title), "recent: {recent}");
        desk.find("[data-testid=home-organizer-round] button")
            .await?
            .click()
            .await?;
        desk.find("[data-testid=organizer-tab-overview]").await?;
        ensure!(applicant_names(desk).await?.len() == 10, "reopened round");
        // The round folder still loads, with the ten applicants.
        let loaded = reviewdesk_io::load_round(&round).map_err(|e| e.to_string())?;
        ensure!(
            loaded.round.applicants.len() == 10,
            "round.toml has {}",
            loaded.round.applicants.len()
        );
        Ok(())
    }
}

/// A new round from a template, in English: the templates with their stages; the
/// folder chosen in the dialog gets round.toml, materials/ and cards/; the new round
/// opens with no applicant and loads.
#[tokio::test]
async fn an_organizer_starts_a_round_from_a_template() {
    run("organizer_new_round_en", Launch::default(), async |desk| {
        let home = desk.home().to_path_buf();
        click(desk, "[data-testid=lang-switch]").await?;
        click(desk, "[data-testid=nav-organizer]").await?;
        click(desk, "[data-testid=organizer-new-button]").await?;
        let choices = desk.all("[data-testid=template-choice]").await?;
        ensure!(choices.len() >= 6, "{} templates shown", choices.len());
        let pool = desk
            .find("[data-testid=template-choice][data-template=gd-pool-2021]")
            .await?;
        let text = pool.text().await?;
        ensure!(
            text.contains("experts per applicant"),
            "template card: {text}"
        );
        pool.click().await?;
        let title = desk.find("[data-testid=new-title]").await?;
        title
            .send_keys("2027 Supply Resource Pool, batch 1")
            .await?;
        desk.screenshot("organizer-en-1-new-round").await?;
        let dir = home.join("gd-2027-01");
        desk.answer_dialog(&[&dir])?;
        click(desk, "[data-testid=new-create]").await?;
        desk.wait_text("[data-testid=round-title]", |t| {
            t == "2027 Supply Resource Pool, batch 1"
        })
        .await?;
        ensure!(dir.join("round.toml").is_file(), "no round.toml");
        ensure!(
            dir.join("materials").is_dir() && dir.join("cards").is_dir(),
            "no materials/ or cards/"
        );
        let loaded = reviewdesk_io::load_round(&dir).map_err(|e| e.to_string())?;
        ensure!(
            loaded.template.id == "gd-pool-2021",
            "template {}",
            loaded.template.id
        );
        ensure!(
            loaded.round.applicants.is_empty(),
            "applicants in a new round"
        );
        // Creating again in the same folder is refused, in English, and changes nothing.
        let before = std::fs::read(dir.join("round.toml"))?;
        click(desk, "[data-testid=organizer-new-button]").await?;
        desk.find("[data-testid=new-title]")
            .await?
            .send_keys("again")
            .await?;
        desk.answer_dialog(&[&dir])?;
        click(desk, "[data-testid=new-create]").await?;
        let err = desk.find("[data-testid=organizer-error]").await?;
        ensure!(
            err.attr("data-code").await?.as_deref() == Some("round_exists"),
            "error code"
        );
        ensure!(
            std::fs::read(dir.join("round.toml"))? == before,
            "round.toml changed"
        );
        desk.screenshot("organizer-en-2-exists").await?;
        Ok(())
    })
    .await;
}

/// From an authored round to an expert's desk, in the app: the organizer previews
/// an assignment that cannot be made (what is short, nothing written), then a
/// seeded one, applies it, finds the round clear to seal, creates an organizer
/// identity at the seal step and seals into an empty folder with a progress bar;
/// the hand-out list names every file with its fingerprint; a non-empty folder is
/// refused. The expert (an identity made in the app, its card in `cards/`) imports
/// `experts/E01.rdpkg`, confirming the organizer's fingerprint shown on the list.
#[tokio::test]
async fn an_organizer_assigns_seals_and_hands_out() {
    run("organizer_seal_zh", Launch::default(), async |desk| {
        assign_and_seal(desk, "zh").await
    })
    .await;
}

#[tokio::test]
async fn an_organizer_assigns_seals_and_hands_out_in_english() {
    run("organizer_seal_en", Launch::default(), async |desk| {
        assign_and_seal(desk, "en").await
    })
    .await;
}

async fn assign_and_seal(desk: &Desk, lang: &str) -> TestResult {
    use crate::desks_together::{choose, create};
    if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
    }
    let home = desk.home().to_path_buf();
    let round = demo_copy(&home)?;
    // The organizer's card comes from the identity made below.
    std::fs::remove_file(round.join("cards/ORG.card"))?;
    // E01 is an expert identity made in this app; its card replaces the demo's.
    click(desk, "[data-testid=nav-expert]").await?;
    let e_card = home.join("E01.card");
    create(desk, "陈立新", &e_card).await?;
    std::fs::copy(&e_card, round.join("cards/E01.card"))?;

    click(desk, "[data-testid=nav-organizer]").await?;
    desk.answer_dialog(&[&round])?;
    click(desk, "[data-testid=organizer-open]").await?;
    step(desk, "assign").await?;
    let before = std::fs::read(round.join("round.toml"))?;

    // Nine experts for each applicant: the panel has five. What is short, nothing written.
    let per = desk.find("[data-testid=assign-per-applicant]").await?;
    per.send_keys("9").await?;
    click(desk, "[data-testid=assign-preview]").await?;
    desk.find("[data-testid=assign-plan][data-short=true]")
        .await?;
    let short = desk
        .text("[data-testid=assign-shortage][data-applicant=A01]")
        .await?;
    ensure!(short.contains("A01"), "shortage: {short}");
    ensure!(
        std::fs::read(round.join("round.toml"))? == before,
        "a shortage wrote round.toml"
    );
    desk.screenshot(&format!("organizer-seal-{lang}-1-short"))
        .await?;

    // Three per applicant, seed 7: previewed, then applied.
    per.clear().await?;
    per.send_keys("3").await?;
    desk.find("[data-testid=assign-seed]")
        .await?
        .send_keys("7")
        .await?;
    // By hand: E05 on A01, never E02 on A02.
    desk.find("[data-testid=assign-pins]")
        .await?
        .send_keys("A01:E05")
        .await?;
    desk.find("[data-testid=assign-bans]")
        .await?
        .send_keys("A02:E02")
        .await?;
    click(desk, "[data-testid=assign-preview]").await?;
    desk.find("[data-testid=assign-plan][data-short=false]")
        .await?;
    let rows = desk.all("[data-testid=assign-row]").await?;
    ensure!(rows.len() == 8, "{} applicants in the preview", rows.len());
    ensure!(
        std::fs::read(round.join("round.toml"))? == before,
        "a preview wrote round.toml"
    );
    desk.screenshot(&format!("organizer-seal-{lang}-2-preview"))
        .await?;
    click(desk, "[data-testid=assign-apply]").await?;
    desk.find("[data-testid=assign-done]").await?;
    let toml = std::fs::read_to_string(round.join("round.toml"))?;
    ensure!(toml.contains("assignment_seed = 7"), "seed not recorded");
    let loaded = reviewdesk_io::load_round(&round).map_err(|e| e.to_string())?;
    let has = |a: &str, e: &str| {
        loaded
            .round
            .assignments
            .iter()
            .any(|x| x.applicant == a && x.expert == e)
    };
    ensure!(
        has("A01", "E05") && !has("A02", "E02"),
        "pins and bans not kept"
    );
    ensure!(
        loaded.round.assignment_pins.len() == 1 && loaded.round.assignment_bans.len() == 1,
        "pins and bans not recorded"
    );

    step(desk, "check").await?;
    desk.find("[data-testid=check-clear]").await?;

    // The seal step asks for an organizer identity first.
    step(desk, "seal").await?;
    desk.find("[data-testid=seal-needs-identity]").await?;
    let org_card = home.join("ORG-own.card");
    create(desk, "省工信厅评审处", &org_card).await?;
    let out = home.join("分发");
    desk.answer_dialog(&[&out])?;
    click(desk, "[data-testid=seal-button]").await?;
    desk.find("[data-testid=handout][data-files='6']").await?;
    let lines = desk.all("[data-testid=handout-line]").await?;
    ensure!(lines.len() == 6, "{} hand-out lines", lines.len());
    let chair = lines[0].text().await?;
    ensure!(
        chair.contains("C01") && chair.contains("SHA256:"),
        "{chair}"
    );
    for e in ["E01", "E02", "E03", "E04", "E05"] {
        ensure!(
            out.join(format!("experts/{e}.rdpkg")).is_file(),
            "no package for {e}"
        );
    }
    ensure!(
        out.join("handout.pdf").is_file() && out.join("handout.csv").is_file(),
        "no hand-out list"
    );
    ensure!(
        round.join("cards/ORG.card").is_file(),
        "the organizer's card was not put in cards/"
    );
    let organizer = desk.text("[data-testid=handout]").await?;
    desk.screenshot(&format!("organizer-seal-{lang}-3-handout"))
        .await?;

    // Sealing again into the same folder is refused, with the reason.
    desk.answer_dialog(&[&out])?;
    click(desk, "[data-testid=seal-button]").await?;
    let err = desk.find("[data-testid=organizer-error]").await?;
    ensure!(
        err.attr("data-code").await?.as_deref() == Some("output_not_empty"),
        "error code"
    );

    // The expert imports their own package and sees the organizer's fingerprint.
    click(desk, "[data-testid=nav-expert]").await?;
    choose(desk, "陈立新").await?;
    desk.answer_dialog(&[&out.join("experts/E01.rdpkg")])?;
    click(desk, "[data-testid=import-button]").await?;
    let shown = desk.text("[data-testid=organizer-fingerprint]").await?;
    ensure!(
        organizer.contains(shown.trim()),
        "the fingerprint the expert confirms ({shown}) is not the hand-out list's"
    );
    click(desk, "[data-testid=confirm-trust]").await?;
    desk.find("[data-testid=import-done]").await?;
    desk.screenshot(&format!("organizer-seal-{lang}-4-expert"))
        .await?;
    Ok(())
}

/// A stale material in a new round, in Chinese: the round is made from the
/// empowerment template (material freshness rules, seed 004) with an application
/// deadline; a test report issued more than 24 months before it is imported, the
/// sealing check names it, and the reason typed in place accepts it — recorded in
/// `round.toml`, the blocker gone.
#[tokio::test]
async fn an_organizer_accepts_a_stale_material_with_a_reason() {
    run("organizer_stale_zh", Launch::default(), async |desk| {
        let home = desk.home().to_path_buf();
        click(desk, "[data-testid=nav-organizer]").await?;
        click(desk, "[data-testid=organizer-new-button]").await?;
        click(
            desk,
            "[data-testid=template-choice][data-template=gd-empowerment]",
        )
        .await?;
        desk.find("[data-testid=new-title]")
            .await?
            .send_keys("2027年第一季度制造业赋能资源认定")
            .await?;
        // A date field is set as a date picker sets it.
        desk.client
            .execute(
                "const i = document.querySelector('[data-testid=new-application-deadline]');\
                 i.value = '2027-03-31'; i.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![],
            )
            .await?;
        let dir = home.join("赋能-2027-1");
        desk.answer_dialog(&[&dir])?;
        click(desk, "[data-testid=new-create]").await?;
        desk.find("[data-testid=organizer-tab-overview]").await?;
        let toml = std::fs::read_to_string(dir.join("round.toml"))?;
        ensure!(
            toml.contains("application_deadline = \"2027-03-31\""),
            "no application deadline: {toml}"
        );

        // One applicant, from a UTF-8 CSV; the category by its Chinese name.
        let code = credit_code("91440101MA5AFR3HX");
        let csv = home.join("名单.csv");
        std::fs::write(
            &csv,
            format!(
                "{}\n广州赋能智造有限公司,{code},广州市,软件和信息技术服务业,人工智能应用赋能\n",
                HEADER.join(",")
            ),
        )?;
        step(desk, "applicants").await?;
        desk.answer_dialog(&[&csv])?;
        click(desk, "[data-testid=applicants-choose]").await?;
        desk.find("[data-testid=applicants-plan][data-importable=true]")
            .await?;
        click(desk, "[data-testid=applicants-import]").await?;
        desk.find("[data-testid=applicants-done]").await?;

        // A test report from January 2024: more than 24 months before the deadline.
        let folder = home.join("材料");
        std::fs::create_dir_all(folder.join("A01"))?;
        let pdf =
            std::fs::read(reviewdesk_io::demo_round_dir().join("materials/A01-application.pdf"))?;
        std::fs::write(folder.join("A01/检测报告-2024-01-15.pdf"), &pdf)?;
        step(desk, "materials").await?;
        desk.answer_dialog(&[&folder])?;
        click(desk, "[data-testid=materials-choose]").await?;
        desk.find("[data-testid=material-accepted][data-applicant=A01][data-kind=test_report]")
            .await?;
        click(desk, "[data-testid=materials-import]").await?;
        desk.find("[data-testid=materials-done]").await?;

        step(desk, "check").await?;
        let stale = desk.text("[data-testid=blocker][data-code=stale]").await?;
        ensure!(
            stale.contains("2024-01-15") && stale.contains("24"),
            "stale blocker: {stale}"
        );
        desk.find("[data-testid=stale-reason]")
            .await?
            .send_keys("原报告对应产品版本未变，已核对检测机构出具的有效性说明")
            .await?;
        desk.screenshot("organizer-zh-5-stale").await?;
        click(desk, "[data-testid=stale-reason-save]").await?;
        desk.wait_text("[data-testid=organizer-check]", |t| {
            !t.contains("2024-01-15")
        })
        .await?;
        let toml = std::fs::read_to_string(dir.join("round.toml"))?;
        ensure!(
            toml.contains(
                "stale_reason = \"原报告对应产品版本未变，已核对检测机构出具的有效性说明\""
            ),
            "the reason is not in round.toml"
        );
        let left = desk
            .client
            .find_all(fantoccini::Locator::Css(
                "[data-testid=blocker][data-code=stale]",
            ))
            .await?;
        ensure!(left.is_empty(), "the stale blocker is still there");
        desk.screenshot("organizer-zh-6-stale-accepted").await?;
        Ok(())
    })
    .await;
}

/// Sets a date field as a date picker does.
async fn set_date(desk: &Desk, testid: &str, date: &str) -> TestResult {
    desk.client
        .execute(
            &format!(
                "const i = document.querySelector('[data-testid={testid}]');\
                 i.value = '{date}'; i.dispatchEvent(new Event('input', {{ bubbles: true }}));"
            ),
            vec![],
        )
        .await?;
    Ok(())
}

/// Types into a field after clearing it.
async fn type_in(desk: &Desk, css: &str, text: &str) -> TestResult {
    let f = desk.find(css).await?;
    f.clear().await?;
    f.send_keys(text).await?;
    Ok(())
}

/// The whole of authoring in the app, from nothing to an expert's desk: a new round
/// from the empowerment template with its deadlines; applicants from an XLSX with
/// two bad rows (fixed, then imported) and a GBK CSV; the eligibility check; a
/// materials folder with a stale test report and a .docx (refused, then without
/// it); the panel from an expert list and a folder of key cards (one made in the
/// app); a conflict found from a former employer; a recusal request entered and
/// upheld; the assignment; the stale report accepted with a reason; sealing with
/// the hand-out list; the expert imports their package, which leaves out the
/// applicant they were recused from.
#[tokio::test]
async fn an_organizer_authors_a_round_from_nothing() {
    run("organizer_author_zh", Launch::default(), async |desk| {
        author(desk, "zh").await
    })
    .await;
}

#[tokio::test]
async fn an_organizer_authors_a_round_from_nothing_in_english() {
    run("organizer_author_en", Launch::default(), async |desk| {
        author(desk, "en").await
    })
    .await;
}

async fn author(desk: &Desk, lang: &str) -> TestResult {
    use crate::desks_together::{choose, create};
    let shot = |n: &str| format!("author-{lang}-{n}");
    if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
    }
    let home = desk.home().to_path_buf();
    // E01 is an expert identity made in this app; the other cards are the demo's.
    click(desk, "[data-testid=nav-expert]").await?;
    let cards = home.join("公钥卡");
    std::fs::create_dir_all(&cards)?;
    create(desk, "陈立新", &cards.join("陈立新.card")).await?;
    let demo_cards = reviewdesk_io::demo_round_dir().join("cards");
    for id in ["C01", "E02", "E03", "E04", "E05"] {
        std::fs::copy(
            demo_cards.join(format!("{id}.card")),
            cards.join(format!("{id}.card")),
        )?;
    }

    // 1. A new round.
    click(desk, "[data-testid=nav-organizer]").await?;
    click(desk, "[data-testid=organizer-new-button]").await?;
    click(
        desk,
        "[data-testid=template-choice][data-template=gd-empowerment]",
    )
    .await?;
    type_in(
        desk,
        "[data-testid=new-title]",
        "2027年第一季度制造业赋能资源认定",
    )
    .await?;
    type_in(desk, "[data-testid=new-organizer]", "广东省工业和信息化厅").await?;
    set_date(desk, "new-application-deadline", "2027-03-31").await?;
    set_date(desk, "new-deadline", "2027-05-31").await?;
    desk.screenshot(&shot("01-new")).await?;
    let dir = home.join("gd-empowerment-2027q1");
    desk.answer_dialog(&[&dir])?;
    click(desk, "[data-testid=new-create]").await?;
    desk.find("[data-testid=organizer-tab-overview]").await?;

    // 2. Applicants: two bad rows shown by row and column, nothing written; fixed.
    let (c1, c2, c3) = (
        credit_code("91440101MA5AFR3HX"),
        credit_code("91440300MA5BHX7KQ"),
        credit_code("91440700MA5GBKC8X"),
    );
    step(desk, "applicants").await?;
    let bad = home.join("申报名单.xlsx");
    xlsx(
        &bad,
        &[
            (
                "广州赋能智造有限公司",
                Some(&c1),
                "广州市",
                "软件和信息技术服务业",
                "人工智能应用赋能",
            ),
            (
                "深圳研创云科技有限公司",
                None,
                "深圳市",
                "软件和信息技术服务业",
                "研发创新赋能",
            ),
            (
                "类别不明有限公司",
                Some(&c2),
                "佛山市",
                "软件和信息技术服务业",
                "区块链",
            ),
        ],
    )?;
    desk.answer_dialog(&[&bad])?;
    click(desk, "[data-testid=applicants-choose]").await?;
    desk.find("[data-testid=applicants-plan][data-importable=false]")
        .await?;
    desk.find(
        "[data-testid=plan-problem][data-code=credit_code_as_number][data-row='3'][data-column=B]",
    )
    .await?;
    desk.find(
        "[data-testid=plan-problem][data-code=unknown_category][data-row='4'][data-column=E]",
    )
    .await?;
    desk.screenshot(&shot("02-applicants-bad")).await?;
    let fixed = home.join("申报名单-修正.xlsx");
    xlsx(
        &fixed,
        &[
            (
                "广州赋能智造有限公司",
                Some(&c1),
                "广州市",
                "软件和信息技术服务业",
                "人工智能应用赋能",
            ),
            (
                "深圳研创云科技有限公司",
                Some(&c2),
                "深圳市",
                "软件和信息技术服务业",
                "研发创新赋能",
            ),
        ],
    )?;
    click(desk, "[data-testid=applicants-cancel]").await?;
    desk.answer_dialog(&[&fixed])?;
    click(desk, "[data-testid=applicants-choose]").await?;
    click(
        desk,
        "[data-testid=applicants-plan][data-importable=true] [data-testid=applicants-import]",
    )
    .await?;
    desk.find("[data-testid=applicants-done]").await?;
    // A GBK CSV adds a third.
    let csv_text = format!(
        "{}\r\n江门蓝海数据有限公司,{c3},江门市,软件和信息技术服务业,制造生产赋能\r\n",
        HEADER.join(",")
    );
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&csv_text);
    ensure!(!lossy, "the CSV text is GBK");
    let csv = home.join("补充名单.csv");
    std::fs::write(&csv, &gbk)?;
    desk.answer_dialog(&[&csv])?;
    click(desk, "[data-testid=applicants-choose]").await?;
    click(
        desk,
        "[data-testid=applicants-plan][data-importable=true] [data-testid=applicants-import]",
    )
    .await?;
    desk.find("[data-testid=organizer-tab-applicants] .count")
        .await?;
    desk.wait_text("[data-testid=organizer-tab-applicants]", |t| {
        t.contains('3')
    })
    .await?;

    // 3. The eligibility check: every condition met for the three.
    step(desk, "eligibility").await?;
    type_in(desk, "[data-testid=decision-by]", "郑雅文").await?;
    for a in ["A01", "A02", "A03"] {
        click(
            desk,
            &format!("[data-testid=eligibility-row][data-applicant={a}] [data-testid=eligibility-all-met]"),
        )
        .await?;
        desk.find(&format!(
            "[data-testid=eligibility-row][data-applicant={a}][data-status=passed]"
        ))
        .await?;
    }
    desk.screenshot(&shot("03-eligibility")).await?;

    // 4. Materials: a .docx refuses the folder; without it, a stale test report goes in.
    let folder = home.join("材料");
    let pdf = std::fs::read(reviewdesk_io::demo_round_dir().join("materials/A01-application.pdf"))?;
    for (sub, name) in [
        ("A01", "申报书-2027-03-01.pdf"),
        ("A01", "检测报告-2024-01-15.pdf"),
        ("A02", "申报书-2027-03-02.pdf"),
        ("A03", "申报书-2027-03-03.pdf"),
    ] {
        std::fs::create_dir_all(folder.join(sub))?;
        let mut bytes = pdf.clone();
        bytes.extend_from_slice(format!("\n% {sub} {name}\n").as_bytes());
        std::fs::write(folder.join(sub).join(name), bytes)?;
    }
    std::fs::write(folder.join("说明.docx"), b"PK\x03\x04 a word document")?;
    step(desk, "materials").await?;
    desk.answer_dialog(&[&folder])?;
    click(desk, "[data-testid=materials-choose]").await?;
    desk.find("[data-testid=materials-plan][data-importable=false] [data-testid=material-problem][data-code=not_pdf_or_image]")
        .await?;
    desk.screenshot(&shot("04-materials-refused")).await?;
    std::fs::remove_file(folder.join("说明.docx"))?;
    click(desk, "[data-testid=materials-cancel]").await?;
    desk.answer_dialog(&[&folder])?;
    click(desk, "[data-testid=materials-choose]").await?;
    click(
        desk,
        "[data-testid=materials-plan][data-importable=true] [data-testid=materials-import]",
    )
    .await?;
    desk.find("[data-testid=materials-done]").await?;

    // 5. The panel: the expert list, then the folder of six key cards.
    let experts = home.join("专家名单.xlsx");
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let rows: [[&str; 6]; 7] = [
            [
                "姓名",
                "工作单位",
                "专家类别",
                "专业领域",
                "角色",
                "近三年曾任职单位",
            ],
            ["郑国平", "岭南工业技术研究院", "", "工业互联网", "组长", ""],
            [
                "陈立新",
                "岭南工业技术研究院",
                "技术",
                "工业软件",
                "专家",
                "",
            ],
            [
                "林晓梅",
                "粤海理工学院信息工程学院",
                "技术",
                "工业网络与5G",
                "专家",
                "",
            ],
            [
                "黄志强",
                "南粤信息安全测评中心",
                "行业",
                "工业控制系统安全",
                "专家",
                "",
            ],
            [
                "周婉婷",
                "珠江明信会计师事务所",
                "财务",
                "财务与投融资",
                "专家",
                "",
            ],
            [
                "吴建华",
                "广东智能制造促进会",
                "行业",
                "智能制造",
                "专家",
                "深圳研创云科技有限公司 2025-06-30",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v)?;
            }
        }
        book.save(&experts)?;
    }
    step(desk, "panel").await?;
    desk.answer_dialog(&[&experts])?;
    click(desk, "[data-testid=panel-choose]").await?;
    desk.find("[data-testid=panel-problem][data-code=no_card]")
        .await?;
    desk.answer_dialog(&[&cards])?;
    click(desk, "[data-testid=panel-add-card-folder]").await?;
    desk.find("[data-testid=panel-plan][data-importable=true] [data-testid=panel-member][data-id=E05][data-card=copied]")
        .await?;
    desk.screenshot(&shot("05-panel")).await?;
    click(desk, "[data-testid=panel-import]").await?;
    desk.find("[data-testid=panel-done]").await?;

    // 6. The conflict (吴建华 left A02 in 2025) stands; A01 asks 陈立新 to recuse: upheld.
    step(desk, "recusal").await?;
    desk.find("[data-testid=conflict][data-expert=E05][data-applicant=A02][data-dismissed=false]")
        .await?;
    type_in(desk, "[data-testid=decision-by]", "省工信厅评审处").await?;
    desk.find("[data-testid=new-request-applicant]")
        .await?
        .select_by_value("A01")
        .await?;
    desk.find("[data-testid=new-request-expert]")
        .await?
        .select_by_value("E01")
        .await?;
    type_in(
        desk,
        "[data-testid=new-request-reason]",
        "该专家曾为本单位提供咨询服务",
    )
    .await?;
    click(desk, "[data-testid=new-request-add]").await?;
    desk.find(
        "[data-testid=recusal-request][data-applicant=A01][data-expert=E01][data-ruling=pending]",
    )
    .await?;
    type_in(desk, "[data-testid=ruling-reason]", "经核实咨询关系属实").await?;
    click(desk, "[data-testid=rule-upheld]").await?;
    desk.find(
        "[data-testid=recusal-request][data-applicant=A01][data-expert=E01][data-ruling=upheld]",
    )
    .await?;
    desk.screenshot(&shot("06-recusal")).await?;

    // 7. The assignment: three per applicant, seed 11.
    step(desk, "assign").await?;
    type_in(desk, "[data-testid=assign-per-applicant]", "3").await?;
    type_in(desk, "[data-testid=assign-seed]", "11").await?;
    click(desk, "[data-testid=assign-preview]").await?;
    desk.find("[data-testid=assign-plan][data-short=false]")
        .await?;
    click(desk, "[data-testid=assign-apply]").await?;
    desk.find("[data-testid=assign-done]").await?;
    let loaded = reviewdesk_io::load_round(&dir).map_err(|e| e.to_string())?;
    let assigned = |a: &str, e: &str| {
        loaded
            .round
            .assignments
            .iter()
            .any(|x| x.applicant == a && x.expert == e)
    };
    ensure!(!assigned("A01", "E01"), "a recused expert was assigned");
    ensure!(!assigned("A02", "E05"), "a conflicted expert was assigned");

    // 8. The stale test report, accepted with a reason; then nothing blocks.
    step(desk, "check").await?;
    desk.find("[data-testid=blocker][data-code=stale]").await?;
    type_in(
        desk,
        "[data-testid=stale-reason]",
        "产品版本未变，检测结论仍有效",
    )
    .await?;
    click(desk, "[data-testid=stale-reason-save]").await?;
    desk.find("[data-testid=check-clear]").await?;

    // 9. Seal, with an organizer identity made at the seal step.
    step(desk, "seal").await?;
    create(desk, "省工信厅评审处", &home.join("ORG.card")).await?;
    let out = home.join("分发");
    desk.answer_dialog(&[&out])?;
    click(desk, "[data-testid=seal-button]").await?;
    desk.find("[data-testid=handout][data-files='6']").await?;
    desk.screenshot(&shot("07-handout")).await?;

    // 10. The expert imports their package: A01, from which they were recused, is not in it.
    click(desk, "[data-testid=nav-expert]").await?;
    choose(desk, "陈立新").await?;
    desk.answer_dialog(&[&out.join("experts/E01.rdpkg")])?;
    click(desk, "[data-testid=import-button]").await?;
    click(desk, "[data-testid=confirm-trust]").await?;
    desk.find("[data-testid=import-done]").await?;
    click(desk, "[data-testid=package-open]").await?;
    click(desk, "[data-testid=pledge-agree]").await?;
    click(desk, "[data-testid=pledge-accept]").await?;
    desk.find("[data-testid=workbench]").await?;
    let mut tabs = Vec::new();
    for t in desk.all("[data-testid=applicant-tab]").await? {
        tabs.push(t.attr("data-applicant").await?.unwrap_or_default());
    }
    ensure!(
        !tabs.is_empty() && !tabs.contains(&"A01".to_owned()),
        "E01's applicants: {tabs:?}"
    );
    desk.screenshot(&shot("08-expert")).await?;
    Ok(())
}
