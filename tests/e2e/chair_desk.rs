//! The chair desk end to end, in Chinese and in English: the chair's identity created in the real
//! keyring and its card exported; the demo round (under the sampled template
//! `gd-pool-2021`) sealed whole with that card; five experts' sheets signed with
//! the CLI `reviewdesk sheet sign` — one with a declared recusal, one divergent,
//! one revised twice — imported as the chair, with a tampered copy refused on
//! screen; the matrix and the flags checked, a re-check requested, the draw, two
//! opinions and a dissent, the bundle signed; then `reviewdesk verify` and
//! `reviewdesk draw verify` of the bundle.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use reviewdesk_e2e::{run, Desk, Launch, TestResult};
use serde_json::{json, Value};

const CHAIR: &str = "C01";
const NAME: &str = "周建国";
const TEMPLATE: &str = "gd-pool-2021";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cli() -> PathBuf {
    std::env::var_os("REVIEWDESK_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let exe = std::env::current_exe().expect("test binary");
            exe.parent()
                .and_then(Path::parent)
                .map(|d| d.join("reviewdesk"))
                .filter(|p| p.is_file())
                .unwrap_or_else(|| repo().join("target/debug/reviewdesk"))
        })
}

fn keys() -> PathBuf {
    reviewdesk_io::demo_round_dir().join("keys")
}

fn reviewdesk(args: &[&str]) -> Result<String, String> {
    let o = Command::new(cli())
        .args(args)
        .output()
        .map_err(|e| format!("{}: {e}", cli().display()))?;
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    if o.status.success() {
        Ok(out)
    } else {
        Err(format!(
            "reviewdesk {args:?} failed:\n{out}{}",
            String::from_utf8_lossy(&o.stderr)
        ))
    }
}

/// The demo round under the sampled template, with the chair's card replaced by
/// the one the app exported, sealed whole by the demo organizer.
fn seal_for_chair(
    dir: &Path,
    card: &Path,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let e = |e: std::io::Error| e.to_string();
    let round = dir.join("round");
    let src = reviewdesk_io::demo_round_dir();
    for sub in ["materials", "cards"] {
        std::fs::create_dir_all(round.join(sub)).map_err(e)?;
        for f in std::fs::read_dir(src.join(sub)).map_err(e)? {
            let f = f.map_err(e)?;
            std::fs::copy(f.path(), round.join(sub).join(f.file_name())).map_err(e)?;
        }
    }
    let toml = std::fs::read_to_string(src.join("round.toml"))
        .map_err(e)?
        .replace(
            "template = \"gd-supplier-recognition\"",
            &format!("template = \"{TEMPLATE}\""),
        );
    std::fs::write(round.join("round.toml"), without_eligibility(&toml)).map_err(e)?;
    std::fs::copy(card, round.join("cards").join(format!("{CHAIR}.card"))).map_err(e)?;
    let out = dir.join("round.rdpkg");
    reviewdesk(&[
        "seal",
        round.to_str().unwrap(),
        "--signing-key",
        keys().join("ORG.key").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])?;
    Ok(out)
}

/// One expert's written-stage part: every assigned applicant declared (E01 declares
/// a conflict with A02), every score-stage indicator scored; E05 scores A01 far
/// below the others (with reasons); `bump` varies the values of a revision.
fn part(expert: &str, bump: u32) -> Value {
    let r = reviewdesk_io::load_round(&reviewdesk_io::demo_round_dir()).unwrap();
    let t = reviewdesk_io::templates::builtin_by_id(TEMPLATE)
        .unwrap()
        .unwrap();
    let upheld: Vec<&str> = r
        .round
        .recusal_requests
        .iter()
        .filter(|q| q.expert == expert && q.ruling == reviewdesk_core::RecusalRuling::Upheld)
        .map(|q| q.applicant.as_str())
        .collect();
    let k: u32 = expert[1..].parse().unwrap();
    let (mut declarations, mut scores) = (Vec::new(), Vec::new());
    let assigned = r.round.assignments.iter().filter(|a| a.expert == expert);
    for (j, a) in assigned.enumerate() {
        let app = a.applicant.as_str();
        if upheld.contains(&app) {
            declarations.push(json!({"applicant": app, "recuse": "upheld_request"}));
            continue;
        }
        if expert == "E01" && app == "A02" {
            declarations.push(json!({"applicant": app, "recuse": "employment", "note": "本人2024年前在该单位任职"}));
            continue;
        }
        declarations.push(json!({"applicant": app}));
        for st in t
            .stages
            .iter()
            .filter(|s| s.kind == reviewdesk_core::StageKind::Score)
        {
            for (ii, ind) in t.scored_indicators(&st.id).enumerate() {
                let max: u32 = ind.max.to_string().parse().unwrap();
                let mut s = if expert == "E05" && app == "A01" {
                    json!({"value": (max * 2 / 5).to_string(), "reason": "材料与现场情况不符"})
                } else {
                    json!({"value": (max - (k + j as u32 + ii as u32 + bump) % 3).to_string()})
                };
                s["applicant"] = json!(app);
                s["stage"] = json!(st.id);
                s["indicator"] = json!(ind.id);
                scores.push(s);
            }
        }
    }
    json!({"expert": expert, "declarations": declarations, "scores": scores, "verdicts": []})
}

fn sign(
    pkg: &Path,
    dir: &Path,
    expert: &str,
    bump: u32,
    revision: u32,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    sign_in(pkg, dir, expert, bump, revision, None)
}

/// As [`sign`], in the workspace `workspace` when given (the app's: the expert
/// then goes on at the desktop with the same work).
fn sign_in(
    pkg: &Path,
    dir: &Path,
    expert: &str,
    bump: u32,
    revision: u32,
    workspace: Option<&Path>,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let input = dir.join(format!("{expert}-{revision}.json"));
    std::fs::write(&input, part(expert, bump).to_string()).map_err(|e| e.to_string())?;
    let out = dir.join(format!("{expert}-r{revision}.rdsheet"));
    let k = |ext: &str| keys().join(format!("{expert}.{ext}"));
    // At the desk, through `sheet sign`: a workspace of the expert's own, signed
    // `revision` times (each signing the next revision).
    let ws = workspace.map_or_else(
        || dir.join(format!("workspace-{expert}-{revision}")),
        Path::to_path_buf,
    );
    for _ in 0..revision {
        reviewdesk(&[
            "sheet",
            "sign",
            "--package",
            pkg.to_str().unwrap(),
            "--signing-key",
            k("key").to_str().unwrap(),
            "--identity",
            k("age").to_str().unwrap(),
            "--input",
            input.to_str().unwrap(),
            "--workspace",
            ws.to_str().unwrap(),
            "--trust",
            "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo",
            "-o",
            out.to_str().unwrap(),
        ])?;
    }
    Ok(out)
}

async fn click(desk: &Desk, css: &str) -> TestResult {
    desk.find(css).await?.click().await?;
    Ok(())
}

async fn type_into(desk: &Desk, css: &str, text: &str) -> TestResult {
    let el = desk.find(css).await?;
    el.clear().await?;
    el.send_keys(text).await?;
    Ok(())
}

/// Opens a sub-tab of the chair desk (scrolled to the top first: the sticky
/// header must not cover it).
async fn tab(desk: &Desk, name: &str) -> TestResult {
    desk.client.execute("window.scrollTo(0, 0)", vec![]).await?;
    click(desk, &format!("[data-testid=chair-tab-{name}]")).await
}

async fn attr(
    desk: &Desk,
    css: &str,
    name: &str,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    Ok(desk.find(css).await?.attr(name).await?.unwrap_or_default())
}

/// Imports files chosen in the Open dialog and waits for the `batch`-th result list.
async fn import(desk: &Desk, files: &[&Path], batch: u32) -> TestResult {
    desk.answer_dialog(files)?;
    click(desk, "[data-testid=import-button]").await?;
    let css = format!("[data-testid=import-lines][data-batch='{batch}']");
    desk.client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(fantoccini::Locator::Css(&css))
        .await
        .map_err(|e| format!("no import result {batch}: {e}"))?;
    Ok(())
}

async fn lines(
    desk: &Desk,
) -> Result<Vec<(String, String, String)>, Box<dyn std::error::Error + Send + Sync>> {
    let mut out = Vec::new();
    for l in desk.all("[data-testid=import-line]").await? {
        out.push((
            l.attr("data-accepted").await?.unwrap_or_default(),
            l.attr("data-code").await?.unwrap_or_default(),
            l.text().await?,
        ));
    }
    Ok(out)
}

/// What the screens say, per language.
struct Words {
    superseded: &'static str,
    tampered: &'static str,
    flag: &'static str,
}

/// The reason E05 gives for each flag it is asked about.
const JUSTIFIED: &str = "现场核查后复核";
/// E05 on its demo card.
const E05_NAME: &str = "吴建华";

/// Back at the chair desk as `name`: chosen from the list when the desk asks, or
/// switched to when another identity is chosen.
async fn chair_as(desk: &Desk, name: &str) -> TestResult {
    click(desk, "[data-testid=nav-chair]").await?;
    desk.find("[data-testid=chair-desk]").await?;
    if !desk.all("[data-testid=identity-chosen]").await?.is_empty() {
        return crate::desks_together::choose(desk, name).await;
    }
    for b in desk.all("[data-testid=identity-choice]").await? {
        if b.text().await?.contains(name) {
            b.click().await?;
            desk.wait_text("[data-testid=identity-chosen]", |t| t.contains(name))
                .await?;
            return Ok(());
        }
    }
    Err(format!("no identity {name} to choose at the chair desk").into())
}

/// E05 at this app's expert desk: the identity restored from a backup of its DEMO
/// keys, the package its CLI signing left in the app's workspace opened, the
/// chair's request imported — the flagged cells highlighted, signing refused until
/// every flag is answered — one flagged score changed, every flag answered, and the
/// next revision signed. Returns the new sheet.
async fn answer_recheck(
    desk: &Desk,
    lang: &str,
    home: &Path,
    request: &Path,
) -> Result<PathBuf, Box<dyn std::error::Error + Send + Sync>> {
    let backup = home.join("E05.backup");
    let fp = crate::organizer_results::demo_backup("E05", "expert", &backup, "demo passphrase")?;
    crate::organizer_results::click(desk, "[data-testid=nav-expert]").await?;
    desk.find("[data-testid=expert-desk]").await?;
    if !desk.all("[data-testid=identity-switch]").await?.is_empty() {
        crate::organizer_results::click(desk, "[data-testid=identity-switch]").await?;
    }
    desk.find("[data-testid=restore-passphrase]")
        .await?
        .send_keys("demo passphrase")
        .await?;
    desk.answer_dialog(&[&backup])?;
    crate::organizer_results::click(desk, "[data-testid=restore-button]").await?;
    crate::organizer_results::click(desk, "[data-testid=identity-continue]").await?;
    desk.wait_text("[data-testid=identity-chosen]", |t| {
        t.contains(&fp) || t.contains(E05_NAME)
    })
    .await?;
    crate::organizer_results::click(desk, "[data-testid=package-open]").await?;
    desk.find("[data-testid=workbench]").await?;

    desk.answer_dialog(&[request])?;
    crate::organizer_results::click(desk, "[data-testid=recheck-import]").await?;
    desk.find("[data-testid=recheck-imported]").await?;
    let flags = desk.all("[data-testid=recheck-flag]").await?;
    reviewdesk_e2e::ensure!(!flags.is_empty(), "no flag shown after the import");
    let disabled = attr(desk, "[data-testid=sign-button]", "disabled").await?;
    reviewdesk_e2e::ensure!(!disabled.is_empty(), "signing allowed with open flags");
    desk.find("[data-testid=sign-unanswered]").await?;
    // The flagged cells, highlighted in A01's form; the first flagged indicator's
    // score changed (one step up, which the chair's figures allow).
    crate::organizer_results::click(desk, "[data-testid=applicant-tab][data-applicant=A01]")
        .await?;
    // The first flag's cell highlighted in A01's form (an indicator, or the stage
    // for a flag on its total), and a score there raised one step: that flag is
    // then answered "changed", any other "kept".
    let first = &desk.all("[data-testid=recheck-flag]").await?[0];
    let stage = first.attr("data-stage").await?.unwrap_or_default();
    let ind = first.attr("data-indicator").await?.unwrap_or_default();
    let (marked, row) = if ind.is_empty() {
        let form = format!("[data-testid=stage-form][data-stage={stage}]");
        (form.clone(), format!("{form} [data-testid=indicator]"))
    } else {
        let row = format!("[data-testid=indicator][data-indicator={ind}]");
        (row.clone(), row)
    };
    let flagged = attr(desk, &marked, "data-flagged").await?;
    reviewdesk_e2e::ensure!(flagged == "true", "{marked} not highlighted");
    let ind = attr(desk, &row, "data-indicator").await?;
    let row = format!("[data-testid=stage-form][data-stage={stage}] [data-testid=indicator][data-indicator={ind}]");
    let input = desk
        .find(&format!("{row} [data-testid=score-input]"))
        .await?;
    desk.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&input)?],
        )
        .await?;
    let now: u32 = input.prop("value").await?.unwrap_or_default().parse()?;
    input.clear().await?;
    input.send_keys(&format!("{}\u{E007}", now + 1)).await?;
    crate::expert_desk::wait_attr(
        desk,
        &format!("{row} [data-testid=field-state]"),
        "data-state",
        "saved",
    )
    .await?;
    desk.screenshot(&format!("recheck-{lang}-1-flags")).await?;
    // Every flag answered: the answer follows the value (changed where it moved).
    let n = desk.all("[data-testid=recheck-flag]").await?.len();
    for i in 0..n {
        let flag = format!("[data-testid=recheck-flag]:nth-of-type({})", i + 1);
        crate::organizer_results::click(desk, &format!("{flag} [data-testid=recheck-text]"))
            .await?;
        desk.find(&format!("{flag} [data-testid=recheck-text]"))
            .await?
            .send_keys(JUSTIFIED)
            .await?;
        crate::organizer_results::click(desk, &format!("{flag} [data-testid=recheck-save]"))
            .await?;
        desk.find(&format!("{flag} [data-testid=recheck-saved]"))
            .await?;
    }
    let answers: Vec<String> = {
        let mut v = Vec::new();
        for f in desk.all("[data-testid=recheck-flag]").await? {
            v.push(f.attr("data-answer").await?.unwrap_or_default());
        }
        v
    };
    reviewdesk_e2e::ensure!(
        answers.first().map(String::as_str) == Some("changed")
            && answers.iter().all(|a| a == "kept" || a == "changed"),
        "answers: {answers:?}"
    );
    desk.screenshot(&format!("recheck-{lang}-2-answered"))
        .await?;
    let out = home.join("E05-signed");
    std::fs::create_dir_all(&out)?;
    crate::organizer_results::click(desk, "[data-testid=sign-button]").await?;
    desk.answer_dialog(&[&out])?;
    crate::organizer_results::click(desk, "[data-testid=sign-confirm]").await?;
    let sheet = PathBuf::from(desk.text("[data-testid=sheet-path]").await?);
    reviewdesk_e2e::ensure!(sheet.is_file(), "no sheet at {}", sheet.display());
    Ok(sheet)
}

async fn chair_round(desk: &Desk, lang: &str) -> TestResult {
    let home = desk.home().to_path_buf();
    let w = if lang == "en" {
        click(desk, "[data-testid=lang-switch]").await?;
        Words {
            superseded: "supersedes revision 1",
            tampered: "The sheet was altered or damaged",
            flag: "flag",
        }
    } else {
        Words {
            superseded: "取代第 1 版",
            tampered: "评分表已被改动或损坏",
            flag: "偏离",
        }
    };
    click(desk, "[data-testid=nav-chair]").await?;

    // The chair's identity, its card exported for the organizer.
    type_into(desk, "[data-testid=identity-name]", NAME).await?;
    click(desk, "[data-testid=identity-create]").await?;
    let card = home.join("chair.card");
    desk.answer_dialog(&[&card])?;
    click(desk, "[data-testid=card-export]").await?;
    desk.find("[data-testid=card-written]").await?;
    click(desk, "[data-testid=identity-continue]").await?;

    // The organizer seals the round; the experts sign their sheets with the CLI.
    let pkg = seal_for_chair(&home, &card)?;
    let sheets = home.join("sheets");
    std::fs::create_dir_all(&sheets)?;
    let mut first = Vec::new();
    for e in ["E01", "E02", "E03", "E04"] {
        first.push(sign(&pkg, &sheets, e, 0, 1)?);
    }
    let e02_r2 = sign(&pkg, &sheets, "E02", 1, 2)?;
    let e02_r3 = sign(&pkg, &sheets, "E02", 2, 3)?;
    let mut bytes = std::fs::read(&first[3])?;
    let n = bytes.len();
    bytes[n - 50] ^= 0x20;
    let tampered = home.join("E04-tampered.rdsheet");
    std::fs::write(&tampered, bytes)?;

    // Open the whole-round package as the chair.
    desk.find("[data-testid=chair-open]").await?;
    desk.screenshot(&format!("chair-{lang}-1-open")).await?;
    desk.answer_dialog(&[&pkg])?;
    click(desk, "[data-testid=chair-open-button]").await?;
    // A first package of this organizer: its key is shown to compare, then pinned.
    let shown = desk.text("[data-testid=organizer-fingerprint]").await?;
    let org = reviewdesk_desk::read_signing_key(&keys().join("ORG.key"))
        .map_err(|e| e.to_string())?
        .fingerprint()
        .to_string();
    reviewdesk_e2e::ensure!(shown == org, "organizer key shown: {shown}");
    desk.screenshot(&format!("chair-{lang}-1b-confirm-organizer"))
        .await?;
    click(desk, "[data-testid=confirm-trust]").await?;
    desk.find("[data-testid=chair-import]").await?;
    // E05 signs in the app's own workspace (after the chair pinned the organizer
    // there): the re-check below goes on at this desktop's expert desk.
    let app_workspace = home.join("data/reviewdesk/workspace");
    first.push(sign_in(&pkg, &sheets, "E05", 0, 1, Some(&app_workspace))?);

    // Five sheets, then E02's two revisions (the older after the newer), then the
    // tampered copy and a repeated sheet.
    let refs: Vec<&Path> = first.iter().map(PathBuf::as_path).collect();
    import(desk, &refs, 1).await?;
    let l = lines(desk).await?;
    ensure_all_accepted(&l)?;
    import(desk, &[&e02_r3, &e02_r2], 2).await?;
    let l = lines(desk).await?;
    reviewdesk_e2e::ensure!(
        l[0].0 == "true" && l[0].2.contains(w.superseded),
        "E02 r3: {l:?}"
    );
    reviewdesk_e2e::ensure!(l[1].1 == "stale_revision", "E02 r2: {l:?}");
    import(desk, &[&tampered, &first[0]], 3).await?;
    let l = lines(desk).await?;
    reviewdesk_e2e::ensure!(l[0].0 == "false" && l[0].1 == "tampered", "tampered: {l:?}");
    reviewdesk_e2e::ensure!(l[0].2.contains(w.tampered), "message: {}", l[0].2);
    reviewdesk_e2e::ensure!(l[1].1 == "duplicate_sheet", "repeat: {l:?}");
    let rev = attr(
        desk,
        "[data-testid=sheet-row][data-expert=E02]",
        "data-revision",
    )
    .await?;
    reviewdesk_e2e::ensure!(rev == "3", "E02 in force: revision {rev}");
    desk.screenshot(&format!("chair-{lang}-2-import")).await?;

    // Completeness: the declared and the upheld recusals, a partial-free matrix,
    // E05's divergent A01 flagged in its cell.
    tab(desk, "matrix").await?;
    let cell = |e: &str, a: &str, s: &str| {
        format!("[data-testid=matrix-cell][data-expert={e}][data-applicant={a}][data-stage={s}]")
    };
    let st = attr(desk, &cell("E01", "A02", "preliminary"), "data-state").await?;
    reviewdesk_e2e::ensure!(st == "recused_self", "E01×A02: {st}");
    let st = attr(desk, &cell("E03", "A04", "preliminary"), "data-state").await?;
    reviewdesk_e2e::ensure!(st == "recused_upheld", "E03×A04: {st}");
    let st = attr(desk, &cell("E02", "A01", "preliminary"), "data-state").await?;
    reviewdesk_e2e::ensure!(st == "scored", "E02×A01: {st}");
    let flags = attr(desk, &cell("E05", "A01", "preliminary"), "data-flags").await?;
    reviewdesk_e2e::ensure!(flags != "0", "E05×A01 is not flagged");
    let text = desk.text(&cell("E05", "A01", "preliminary")).await?;
    reviewdesk_e2e::ensure!(text.contains(w.flag), "flag not shown in the cell: {text}");
    let q = attr(
        desk,
        "[data-testid=quorum-cell][data-applicant=A01][data-stage=site_visit]",
        "data-state",
    )
    .await?;
    reviewdesk_e2e::ensure!(q == "awaiting_draw", "site visit before the draw: {q}");
    let st = attr(desk, &cell("E04", "A01", "site_visit"), "data-state").await?;
    reviewdesk_e2e::ensure!(st == "awaiting_draw", "E04×A01 site visit: {st}");
    desk.screenshot(&format!("chair-{lang}-3-matrix")).await?;
    click(
        desk,
        &format!("{} button", cell("E05", "A01", "preliminary")),
    )
    .await?;
    let row = desk.text("[data-testid=flag-row][data-expert=E05]").await?;
    reviewdesk_e2e::ensure!(row.contains("A01"), "flag detail: {row}");
    click(
        desk,
        "[data-testid=flag-row][data-expert=E05] [data-testid=recheck-button]",
    )
    .await?;
    desk.find("[data-testid=flag-row][data-expert=E05] [data-testid=recheck-requested]")
        .await?;
    desk.screenshot(&format!("chair-{lang}-4-flags")).await?;

    // The re-check reaches E05: the chair's signed request file, answered at the
    // expert desk of this app, and the new revision back at the chair.
    let request = home.join("E05.rdrecheck");
    desk.answer_dialog(&[&request])?;
    click(desk, "[data-testid=recheck-export][data-expert=E05]").await?;
    desk.find("[data-testid=recheck-written]").await?;
    reviewdesk_e2e::ensure!(request.is_file(), "no request file written");
    let shown = reviewdesk(&[
        "--lang",
        lang,
        "recheck",
        "show",
        request.to_str().unwrap(),
        "--package",
        pkg.to_str().unwrap(),
        "--identity",
        keys().join("E05.age").to_str().unwrap(),
    ])?;
    reviewdesk_e2e::ensure!(shown.contains("A01"), "recheck show: {shown}");
    let revised = answer_recheck(desk, lang, &home, &request).await?;
    chair_as(desk, NAME).await?;
    if desk.all("[data-testid=chair-reopen]").await?.len() == 1 {
        click(desk, "[data-testid=chair-reopen]").await?;
    }
    desk.find("[data-testid=chair-import]").await?;
    import(desk, &[&revised], 1).await?;
    let l = lines(desk).await?;
    reviewdesk_e2e::ensure!(
        l.len() == 1 && l[0].0 == "true" && l[0].2.contains(w.superseded),
        "E05's answered revision: {l:?}"
    );
    let audit = desk.text("[data-testid=import-audit]").await?;
    reviewdesk_e2e::ensure!(
        audit.contains("2026") || audit.contains("UTC"),
        "audit summary: {audit}"
    );
    tab(desk, "matrix").await?;
    desk.find(&format!(
        "{} [data-testid=cell-justified]",
        cell("E05", "A01", "preliminary")
    ))
    .await?;
    let answers = desk.all("[data-testid=flag-justification]").await?;
    reviewdesk_e2e::ensure!(!answers.is_empty(), "no justification in the flag list");
    let text = answers[0].text().await?;
    reviewdesk_e2e::ensure!(text.contains(JUSTIFIED), "justification shown: {text}");
    desk.screenshot(&format!("chair-{lang}-4b-justified"))
        .await?;

    // Results and the method comparison.
    tab(desk, "results").await?;
    desk.find("[data-testid=result-row]").await?;
    desk.find("[data-testid=before-draw]").await?;
    desk.find("[data-testid=compare-summary]").await?;
    // The spread of E05's scores on A01 moves ranks under some method.
    desk.find("[data-testid=compare-cell][data-differs=true]")
        .await?;
    desk.screenshot(&format!("chair-{lang}-5-results")).await?;

    // The draw.
    tab(desk, "draw").await?;
    type_into(
        desk,
        "[data-testid=draw-announced]",
        "2026-03-16 上证综指收盘 3281.07",
    )
    .await?;
    click(desk, "[data-testid=draw-button]").await?;
    let seed = desk.text("[data-testid=draw-seed]").await?;
    reviewdesk_e2e::ensure!(seed.len() == 64, "seed: {seed}");
    let sampled = desk.all("[data-testid=draw-sampled]").await?;
    reviewdesk_e2e::ensure!(!sampled.is_empty(), "no sample");
    desk.screenshot(&format!("chair-{lang}-6-draw")).await?;

    // Two opinions, one dissent.
    tab(desk, "opinions").await?;
    for (a, text) in [
        ("A01", "申报材料完整，平台能力突出，建议认定。"),
        ("A02", "案例数量不足，建议补充后再议。"),
    ] {
        click(
            desk,
            &format!("[data-testid=opinion-applicant][data-applicant={a}]"),
        )
        .await?;
        type_into(desk, "[data-testid=opinion-text]", text).await?;
        click(desk, "[data-testid=opinion-save]").await?;
        desk.find("[data-testid=opinion-saved]").await?;
    }
    click(desk, "[data-testid=opinion-applicant][data-applicant=A01]").await?;
    desk.find("[data-testid=dissent-expert]")
        .await?
        .select_by_value("E05")
        .await?;
    type_into(
        desk,
        "[data-testid=dissent-note]",
        "现场核查发现材料与实际不符，不同意认定。",
    )
    .await?;
    click(desk, "[data-testid=dissent-save]").await?;
    desk.find("[data-testid=dissent-row]").await?;
    desk.screenshot(&format!("chair-{lang}-7-opinions")).await?;

    // Sign the bundle.
    tab(desk, "sign").await?;
    let bundle = home.join("result.rdbundle");
    desk.answer_dialog(&[&bundle])?;
    click(desk, "[data-testid=sign-button]").await?;
    let done = desk.text("[data-testid=sign-done]").await?;
    reviewdesk_e2e::ensure!(done.contains("result.rdbundle"), "{done}");
    desk.screenshot(&format!("chair-{lang}-8-signed")).await?;

    // The reports, from the verified bundle, into a folder chosen in the dialog.
    let reports = home.join("reports");
    std::fs::create_dir_all(&reports)?;
    desk.answer_dialog(&[&reports])?;
    click(desk, "[data-testid=reports-button]").await?;
    desk.find("[data-testid=reports-done]").await?;
    for f in [
        "summary.pdf",
        "summary.xlsx",
        "summary.csv",
        "opinions.pdf",
        "public-notice.pdf",
    ] {
        reviewdesk_e2e::ensure!(reports.join(f).is_file(), "no {f}");
    }
    let text = std::process::Command::new("pdftotext")
        .arg(reports.join("summary.pdf"))
        .arg("-")
        .output()?;
    let text: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect();
    // The footer (the bundle's hash) and the page numbers in the report's language.
    let (footer, page) = if lang == "en" {
        ("ResultbundleSHA-256", "Page1of")
    } else {
        ("结果包SHA-256", "第1页共")
    };
    reviewdesk_e2e::ensure!(
        text.contains(footer) && text.contains(page),
        "summary.pdf: {text}"
    );
    desk.screenshot(&format!("chair-{lang}-9-reports")).await?;

    // The organizer verifies the bundle and recomputes the draw.
    let org = keys().join("ORG.age");
    let out = reviewdesk(&[
        "verify",
        bundle.to_str().unwrap(),
        "--identity",
        org.to_str().unwrap(),
    ])?;
    reviewdesk_e2e::ensure!(out.contains("E02 第3版"), "verify: {out}");
    let out = reviewdesk(&[
        "draw",
        "verify",
        bundle.to_str().unwrap(),
        "--identity",
        org.to_str().unwrap(),
    ])?;
    reviewdesk_e2e::ensure!(
        out.contains("抽签结果一致") && out.contains(&seed),
        "draw verify: {out}"
    );
    Ok(())
}

fn ensure_all_accepted(l: &[(String, String, String)]) -> TestResult {
    reviewdesk_e2e::ensure!(
        l.len() == 5 && l.iter().all(|x| x.0 == "true"),
        "first import: {l:?}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn chair_desk_zh() {
    run("chair_desk_zh", Launch::default(), async |d| {
        chair_round(d, "zh").await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn chair_desk_en() {
    run("chair_desk_en", Launch::default(), async |d| {
        chair_round(d, "en").await
    })
    .await;
}

/// `text` without the demo round's `[[eligibility]]` tables (from its
/// `# 形式审查` comment to the first `[[material]]`): they name the demo template's
/// checklist items, which another template does not have.
fn without_eligibility(text: &str) -> String {
    let start = text
        .find("# 形式审查")
        .expect("the demo's eligibility tables");
    let end = text.find("[[material]]").expect("the demo's materials");
    format!("{}{}", &text[..start], &text[end..])
}
