//! Helpers shared by the desk's integration tests: the demo round's DEMO keys, a
//! copy of the demo round under another template, sealing, and sheets signed by
//! the demo experts with scripted values.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use reviewdesk_core::{RecusalRuling, Template};
use reviewdesk_desk::*;
use reviewdesk_formats::{Identity, Signer};
use reviewdesk_io::{demo_round_dir, load_round, LoadedRound};
use serde_json::{json, Value};

pub fn keys() -> PathBuf {
    demo_round_dir().join("keys")
}

pub fn signer(id: &str) -> Signer {
    read_signing_key(&keys().join(format!("{id}.key"))).unwrap()
}

pub fn ids(id: &str) -> Vec<Identity> {
    read_identities(&keys().join(format!("{id}.age")))
        .map_err(|e| e.to_string())
        .unwrap()
}

pub fn code<T>(r: Result<T, DeskError>) -> &'static str {
    r.map_or_else(|e| e.code().as_str(), |_| "ok")
}

pub const ORG_FP: &str = "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo";

/// A copy of the demo round, optionally under another built-in template.
pub fn round_copy(template: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = demo_round_dir();
    let mut toml = fs::read_to_string(src.join("round.toml")).unwrap();
    if let Some(t) = template {
        toml = without_eligibility(&toml.replace(
            "template = \"gd-supplier-recognition\"",
            &format!("template = \"{t}\""),
        ));
    }
    fs::write(tmp.path().join("round.toml"), toml).unwrap();
    for sub in ["materials", "cards"] {
        fs::create_dir(tmp.path().join(sub)).unwrap();
        for e in fs::read_dir(src.join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    tmp
}

/// Seals a round folder whole, as the demo organizer.
pub fn seal(round_dir: &Path, out_dir: &Path) -> (LoadedRound, PathBuf) {
    let loaded = load_round(round_dir).unwrap();
    let cards = load_cards(&loaded).unwrap();
    let out = out_dir.join("round.rdpkg");
    seal_round_to_file(
        &loaded,
        &cards,
        &signer("ORG"),
        Scope::Whole,
        &out,
        &mut |_, _| {},
    )
    .unwrap();
    (loaded, out)
}

/// "10" or "0.5" as a count of halves.
pub fn halves(d: &str) -> u32 {
    match d.split_once('.') {
        Some((i, "5")) => i.parse::<u32>().unwrap() * 2 + 1,
        Some((i, _)) => i.parse::<u32>().unwrap() * 2,
        None => d.parse::<u32>().unwrap() * 2,
    }
}

pub fn from_halves(h: u32) -> String {
    if h.is_multiple_of(2) {
        (h / 2).to_string()
    } else {
        format!("{}.5", h / 2)
    }
}

/// The applicants `expert` reviews and those they are recused from (upheld).
pub fn assigned(loaded: &LoadedRound, expert: &str) -> (Vec<String>, Vec<String>) {
    let r = &loaded.round;
    let recused: Vec<String> = r
        .recusal_requests
        .iter()
        .filter(|q| q.expert == expert && q.ruling == RecusalRuling::Upheld)
        .filter(|q| {
            r.assignments
                .iter()
                .any(|x| x.expert == expert && x.applicant == q.applicant)
        })
        .map(|q| q.applicant.clone())
        .collect();
    let reviews = r
        .applicants
        .iter()
        .map(|a| a.id.clone())
        .filter(|a| {
            r.assignments
                .iter()
                .any(|x| x.expert == expert && &x.applicant == a)
        })
        .filter(|a| !recused.contains(a))
        .collect();
    (reviews, recused)
}

/// A full part for `expert`: every assigned applicant declared, every scored
/// indicator of the score stages scored (values vary with `bump`), a site-visit
/// verdict for the applicants in `site` (every one when `None`).
pub fn part(loaded: &LoadedRound, expert: &str, bump: u32, site: Option<&[String]>) -> Value {
    let t: &Template = &loaded.template;
    let (reviews, recused) = assigned(loaded, expert);
    let e: u32 = expert[1..].parse().unwrap();
    let mut declarations: Vec<Value> = reviews.iter().map(|a| json!({"applicant": a})).collect();
    declarations.extend(
        recused
            .iter()
            .map(|a| json!({"applicant": a, "recuse": "upheld_request", "note": "申请回避已裁定"})),
    );
    let (mut scores, mut verdicts) = (Vec::new(), Vec::new());
    for (ai, a) in reviews.iter().enumerate() {
        for stage in &t.stages {
            if stage.kind == reviewdesk_core::StageKind::PassFail {
                if site.is_none_or(|s| s.contains(a)) {
                    verdicts.push(json!({"applicant": a, "stage": stage.id, "pass": true}));
                }
                continue;
            }
            for (ii, ind) in t.scored_indicators(&stage.id).enumerate() {
                let k = (e + ai as u32 + ii as u32 + bump) % 4;
                let v = halves(&ind.max.to_string()) - k * halves(&ind.step.to_string());
                scores.push(json!({
                    "applicant": a, "stage": stage.id, "indicator": ind.id,
                    "value": from_halves(v)
                }));
            }
        }
    }
    json!({"expert": expert, "declarations": declarations, "scores": scores, "verdicts": verdicts})
}

/// The clock of the sheets the helpers sign.
pub fn sign_now() -> Now {
    Now {
        at: "2026-11-21T08:00:00Z".into(),
        today: reviewdesk_core::Date::new(2026, 3, 1).unwrap(),
    }
}

/// Signs `part` as `expert` the way the expert desk does (`sign_scores`: the
/// package imported into a fresh workspace, the organizer confirmed, the part
/// entered through the desk's services, each change logged), `revision` times —
/// each signing the next revision — and writes the last to `dir/<name>`.
pub fn sign(
    pkg: &Path,
    expert: &str,
    part: &Value,
    revision: u32,
    dir: &Path,
    name: &str,
) -> PathBuf {
    let ws_dir = tempfile::tempdir().unwrap();
    let mut ws = reviewdesk_workspace::Workspace::open(ws_dir.path()).unwrap();
    let organizer = open_package(pkg, None).unwrap().manifest.organizer.clone();
    let part: reviewdesk_core::rules::ExpertPart = serde_json::from_value(part.clone()).unwrap();
    let mut file = Vec::new();
    for _ in 0..revision {
        let (_, signed) = sign_scores(
            &mut ws,
            pkg,
            &signer(expert),
            &ids(expert),
            Trust::Confirm(&organizer),
            &part,
            &sign_now(),
        )
        .unwrap();
        file = signed.file;
    }
    let out = dir.join(name);
    fs::write(&out, file).unwrap();
    out
}

/// Signs `part` as `expert` without the desk, the sheet carrying `audit` as given:
/// for sheets the desk would never sign (a score where the expert is recused,
/// another expert's part, an edited or missing log).
pub fn sign_unlogged(
    pkg: &Path,
    expert: &str,
    part: &Value,
    revision: u32,
    audit: &str,
    dir: &Path,
    name: &str,
) -> PathBuf {
    let opened = open_for_member(pkg, None, &ids(expert)).unwrap();
    let file = sign_sheet(
        &opened,
        &signer(expert),
        SheetDraft {
            scores: &part.to_string(),
            audit,
            revision,
        },
    )
    .unwrap();
    let out = dir.join(name);
    fs::write(&out, file).unwrap();
    out
}

/// The audit log a sheet file carries, as the chair reads it.
pub fn sheet_log(pkg: &Path, sheet: &Path) -> String {
    let opened = open_for_member(pkg, None, &ids("C01")).unwrap();
    open_sheet(&fs::read(sheet).unwrap(), &opened, &ids("C01"))
        .unwrap()
        .audit
}

pub fn chair_package(pkg: &Path) -> OpenPackage {
    open_for_member(pkg, None, &ids("C01")).unwrap()
}

pub fn outcome_codes(reports: &[SheetReport]) -> Vec<String> {
    reports
        .iter()
        .map(|r| match &r.outcome {
            SheetOutcome::Accepted {
                expert, revision, ..
            } => format!("{expert}@{revision}"),
            SheetOutcome::Refused(e) => e.code().to_string(),
        })
        .collect()
}

/// Five sheets for the demo package, one per expert, revision 1.
pub fn demo_sheets(loaded: &LoadedRound, pkg: &Path, dir: &Path) -> Vec<PathBuf> {
    ["E01", "E02", "E03", "E04", "E05"]
        .iter()
        .map(|e| {
            sign(
                pkg,
                e,
                &part(loaded, e, 0, None),
                1,
                dir,
                &format!("{e}.rdsheet"),
            )
        })
        .collect()
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
