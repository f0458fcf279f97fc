//! The chair's merge through the real binary: the demo round sealed, every demo
//! expert's sheet signed with `sheet sign`, merged with `merge` (one line per
//! sheet file), then `verify`, `inspect` and `export-signature` on the bundle, the
//! real `age -d` opening it and the real `ssh-keygen -Y verify` checking its
//! signature. Keys are the demo round's public DEMO keys (`assets/demo/keys/`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use reviewdesk_core::{RecusalRuling, StageKind};
use reviewdesk_io::{load_round, LoadedRound};
use serde_json::{json, Value};

fn reviewdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(args)
        .output()
        .expect("runs")
}

/// The DEMO organizer's fingerprint (`assets/demo/keys/ORG.key`).
const ORG_FP: &str = "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn key(name: &str) -> String {
    demo().join("keys").join(name).display().to_string()
}

fn ids(e: &str) -> Vec<reviewdesk_formats::Identity> {
    reviewdesk_desk::read_identities(Path::new(&key(&format!("{e}.age")))).unwrap()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(args: &[&str]) -> String {
    let o = reviewdesk(args);
    assert!(
        o.status.success(),
        "reviewdesk {args:?} failed:\n{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

/// Runs and expects exit code 1; returns stdout and stderr.
fn fails(args: &[&str]) -> (String, String) {
    let o = reviewdesk(args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "reviewdesk {args:?} should fail:\n{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    (text(&o.stdout), text(&o.stderr))
}

/// An expert's full part for the demo round: every assigned applicant declared
/// (E03's upheld recusal from A04 declared as such), every scored indicator of the
/// score stages scored, a pass for the site visit.
fn part(loaded: &LoadedRound, expert: &str, bump: u32) -> Value {
    let r = &loaded.round;
    let recused: Vec<&str> = r
        .recusal_requests
        .iter()
        .filter(|q| q.expert == expert && q.ruling == RecusalRuling::Upheld)
        .map(|q| q.applicant.as_str())
        .collect();
    let reviews: Vec<&str> = r
        .assignments
        .iter()
        .filter(|a| a.expert == expert && !recused.contains(&a.applicant.as_str()))
        .map(|a| a.applicant.as_str())
        .collect();
    let mut declarations: Vec<Value> = reviews.iter().map(|a| json!({"applicant": a})).collect();
    declarations.extend(
        recused
            .iter()
            .map(|a| json!({"applicant": a, "recuse": "upheld_request"})),
    );
    let (mut scores, mut verdicts) = (Vec::new(), Vec::new());
    let e: u32 = expert[1..].parse().unwrap();
    for (ai, a) in reviews.iter().enumerate() {
        for st in &loaded.template.stages {
            if st.kind == StageKind::PassFail {
                verdicts.push(json!({"applicant": a, "stage": st.id, "pass": true}));
                continue;
            }
            for (ii, ind) in loaded.template.scored_indicators(&st.id).enumerate() {
                // Maxima are whole numbers and steps 0.5 in the demo template.
                let max: u32 = ind.max.to_string().parse().unwrap();
                let k = (e + ai as u32 + ii as u32 + bump) % 4;
                let halves = max * 2 - k;
                let value = if halves.is_multiple_of(2) {
                    (halves / 2).to_string()
                } else {
                    format!("{}.5", halves / 2)
                };
                scores.push(
                    json!({"applicant": a, "stage": st.id, "indicator": ind.id, "value": value}),
                );
            }
        }
    }
    json!({"expert": expert, "declarations": declarations, "scores": scores, "verdicts": verdicts})
}

/// Seals the demo round and signs one sheet per demo expert (revision 1); returns
/// the package and the sheet files.
fn sealed_with_sheets(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let loaded = load_round(&demo()).unwrap();
    let pkg = dir.join("demo.rdpkg");
    ok(&[
        "seal",
        &s(&demo()),
        "--signing-key",
        &key("ORG.key"),
        "-o",
        &s(&pkg),
    ]);
    let mut sheets = Vec::new();
    for e in ["E01", "E02", "E03", "E04", "E05"] {
        sheets.push(sign(&loaded, &pkg, dir, e, 0, 1));
    }
    (pkg, sheets)
}

/// `sheet sign` as expert `e` with key files, in the workspace `ws`.
fn sheet_sign(pkg: &Path, e: &str, input: &Path, ws: &Path, out: &Path) -> Output {
    reviewdesk(&[
        "sheet",
        "sign",
        "--package",
        &s(pkg),
        "--signing-key",
        &key(&format!("{e}.key")),
        "--identity",
        &key(&format!("{e}.age")),
        "--input",
        &s(input),
        "--workspace",
        &s(ws),
        "--trust",
        ORG_FP,
        "-o",
        &s(out),
    ])
}

/// Expert `e` signs their part with `sheet sign` in a workspace of their own,
/// `rev` times (each signing the next revision); the last sheet.
fn sign(loaded: &LoadedRound, pkg: &Path, dir: &Path, e: &str, bump: u32, rev: u32) -> PathBuf {
    let input = dir.join(format!("{e}-{rev}.json"));
    std::fs::write(&input, part(loaded, e, bump).to_string()).unwrap();
    let out = dir.join(format!("{e}-{rev}.rdsheet"));
    let ws = dir.join(format!("workspace-{e}-{rev}"));
    for _ in 0..rev {
        let o = sheet_sign(pkg, e, &input, &ws, &out);
        assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    }
    out
}

/// `merge` as the demo chair, in English, trusting the DEMO organizer unless
/// `extra` names `--organizer`.
fn merge(pkg: &Path, out: &Path, sheets: &[PathBuf], extra: &[&str]) -> Output {
    let mut args: Vec<String> = [
        "--lang",
        "en",
        "merge",
        "--package",
        &s(pkg),
        "--key",
        &key("C01.key"),
        "--identity",
        &key("C01.age"),
        "-o",
        &s(out),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    // The DEMO organizer unless the test names another.
    if !extra.contains(&"--organizer") {
        args.extend(["--organizer".to_string(), ORG_FP.to_string()]);
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    args.extend(sheets.iter().map(|p| s(p)));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    reviewdesk(&refs)
}

#[test]
fn the_chair_merges_and_the_bundle_verifies_inspects_and_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let (pkg, mut sheets) = sealed_with_sheets(tmp.path());
    let loaded = load_round(&demo()).unwrap();
    // E02 signs again; the older sheet stays on the list.
    sheets.push(sign(&loaded, &pkg, tmp.path(), "E02", 1, 2));
    let opinions = tmp.path().join("opinions.json");
    std::fs::write(
        &opinions,
        json!({"applicants": [{"applicant": "A01", "opinion": "建议予以认定。",
            "dissents": [{"expert": "E04", "note": "财务数据需复核。"}]}]})
        .to_string(),
    )
    .unwrap();
    let bundle = tmp.path().join("result.rdbundle");
    // The chair checks the organizer: another key is refused, nothing written.
    let chair_fp = reviewdesk_desk::read_signing_key(Path::new(&key("C01.key")))
        .unwrap()
        .fingerprint()
        .to_string();
    let o = merge(&pkg, &bundle, &sheets, &["--organizer", &chair_fp]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!bundle.exists());
    // With the organizer's own key it merges.
    let org_fp = reviewdesk_desk::read_signing_key(Path::new(&key("ORG.key")))
        .unwrap()
        .fingerprint()
        .to_string();
    let o = merge(
        &pkg,
        &bundle,
        &sheets,
        &["--opinions", &s(&opinions), "--organizer", &org_fp],
    );
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}{}", text(&o.stderr));
    // One line per sheet file; an accepted one's audit log under it.
    let all: Vec<&str> = out.lines().collect();
    assert!(
        all[1].starts_with("    pledged 20")
            && all[1].contains("declared 8 no conflict, 0 recused"),
        "{out}"
    );
    let lines: Vec<&str> = all
        .iter()
        .copied()
        .filter(|l| !l.starts_with("    "))
        .take(6)
        .collect();
    assert!(lines[0].starts_with("accepted  E01 revision 1"), "{out}");
    assert!(
        lines[1].starts_with("refused  ") && lines[1].contains("[stale_revision]"),
        "{out}"
    );
    assert!(lines[5].starts_with("accepted  E02 revision 2"), "{out}");
    assert!(out.contains("Wrote result bundle"), "{out}");
    assert!(out.contains("A01") && out.contains("Final"), "{out}");

    // verify: the organizer and the chair; English and Chinese.
    let out = ok(&[
        "--lang",
        "en",
        "verify",
        &s(&bundle),
        "--identity",
        &key("ORG.age"),
        "--organizer",
        "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo",
    ]);
    assert!(out.starts_with("verified: every signature"), "{out}");
    assert!(
        out.contains("E02 revision 2") && out.contains("Opinions: 1"),
        "{out}"
    );
    // The organizer's decisions the result rests on, recomputed from the round.
    assert!(
        out.contains("Organizer's decisions: 8 applicants (8 passed")
            && out.contains("1 recusal requests (1 upheld"),
        "{out}"
    );
    let out = ok(&["verify", &s(&bundle), "--identity", &key("C01.age")]);
    assert!(
        out.contains("校验通过")
            && out.contains("评审组长")
            && out.contains("主办方决定: 申报单位 8 家")
            && out.contains("工作日日历（年份）: 2024, 2025, 2026"),
        "{out}"
    );
    let (_, err) = fails(&["verify", &s(&bundle), "--identity", &key("E01.age")]);
    assert!(err.contains("not_a_recipient"), "{err}");
    let (_, err) = fails(&["verify", &s(&bundle)]);
    assert!(err.contains("needs_identity"), "{err}");

    // inspect
    let out = ok(&[
        "--lang",
        "en",
        "inspect",
        &s(&bundle),
        "--identity",
        &key("C01.age"),
    ]);
    for want in [
        "Kind: result bundle",
        "Chair: C01",
        "sheet.E05",
        "merge-output",
        "C01 (chair)",
        "ORG (organizer)",
        "decisions",
        "Organizer's decisions: 8 applicants",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let out = ok(&["--lang", "en", "inspect", &s(&bundle)]);
    assert!(out.contains("give --identity"), "{out}");

    // age -d opens it for the organizer: the container inside.
    let o = Command::new("age")
        .args(["-d", "-i", &key("ORG.age"), &s(&bundle)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(o.stdout.starts_with(b"reviewdesk-bundle/1\n"));

    // export-signature: ssh-keygen accepts it, and refuses a flipped byte.
    let dir = tmp.path().join("sig");
    let out = ok(&[
        "export-signature",
        &s(&bundle),
        "-o",
        &s(&dir),
        "--identity",
        &key("ORG.age"),
    ]);
    let cmd = out.lines().last().unwrap().to_string();
    assert!(
        cmd.contains("-n reviewdesk-bundle-manifest@v1") && cmd.contains("bundle-manifest.sig"),
        "{cmd}"
    );
    let run = |c: &str| {
        Command::new("sh")
            .args(["-c", c])
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let o = run(&cmd);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    let payload = dir.join("bundle-manifest");
    let mut bytes = std::fs::read(&payload).unwrap();
    bytes[30] ^= 1;
    std::fs::write(&payload, bytes).unwrap();
    assert!(
        !run(&cmd).status.success(),
        "ssh-keygen accepted a flipped byte"
    );

    // A flipped byte in the bundle file: age's authentication fails.
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.len() - 30;
    bytes[at] ^= 1;
    let flipped = tmp.path().join("flipped.rdbundle");
    std::fs::write(&flipped, bytes).unwrap();
    let (_, err) = fails(&["verify", &s(&flipped), "--identity", &key("ORG.age")]);
    assert!(err.contains("decrypt_failed"), "{err}");
}

#[test]
fn a_refused_sheet_is_reported_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (pkg, mut sheets) = sealed_with_sheets(tmp.path());
    let loaded = load_round(&demo()).unwrap();
    // E03 scores A04, from which E03 is recused.
    let mut e03 = part(&loaded, "E03", 0);
    let extra: Vec<Value> = e03["scores"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["applicant"] == "A01")
        .map(|x| {
            let mut x = x.clone();
            x["applicant"] = json!("A04");
            x
        })
        .collect();
    e03["scores"].as_array_mut().unwrap().extend(extra);
    let input = tmp.path().join("e03.json");
    std::fs::write(&input, e03.to_string()).unwrap();
    // The desk refuses to enter it: nothing is signed.
    let recused = tmp.path().join("E03-recused.rdsheet");
    let o = sheet_sign(&pkg, "E03", &input, &tmp.path().join("ws-E03"), &recused);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("[recused]"), "{}", text(&o.stderr));
    assert!(!recused.exists());
    // Signed outside the desk with E03's own key, the part edited after signing
    // (one score raised) and the log as the desk wrote it: the merge replays the
    // log and refuses the sheet, naming the score and the log's line.
    let good = sheets.remove(2);
    let opened = reviewdesk_desk::open_for_member(&pkg, None, &ids("E03")).unwrap();
    let signed =
        reviewdesk_desk::open_sheet(&std::fs::read(&good).unwrap(), &opened, &ids("E03")).unwrap();
    let mut edited: Value = serde_json::from_str(&signed.scores).unwrap();
    let first = edited["scores"][0]["value"].as_str().unwrap().to_string();
    let raised = if first.ends_with(".5") { "10" } else { "0.5" };
    edited["scores"][0]["value"] = json!(raised);
    let forged = reviewdesk_desk::sign_sheet(
        &opened,
        &reviewdesk_desk::read_signing_key(Path::new(&key("E03.key"))).unwrap(),
        reviewdesk_desk::SheetDraft {
            scores: &edited.to_string(),
            audit: &signed.audit,
            revision: signed.revision,
        },
    )
    .unwrap();
    let hand_edited = tmp.path().join("E03-edited.rdsheet");
    std::fs::write(&hand_edited, forged).unwrap();
    sheets.push(hand_edited);
    let bundle = tmp.path().join("result.rdbundle");
    let o = merge(&pkg, &bundle, &sheets, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("[audit_values] expert E03's sheet: score A01 written")
            && out.contains("the audit log's last edit of it (line ")
            && out.contains("the sheet was not signed from the desk's record")
            && out.contains("No result bundle"),
        "{out}"
    );
    // Accepted sheets show their log: pledge time, declarations, edits.
    assert!(
        out.contains("pledged 20")
            && out.contains(" no conflict, 0 recused; ")
            && out.contains(" edits; "),
        "{out}"
    );
    assert!(
        text(&o.stderr).contains("sheets_refused"),
        "{}",
        text(&o.stderr)
    );
    assert!(!bundle.exists());
    // In Chinese, the default.
    let mut args: Vec<String> = [
        "merge",
        "--package",
        &s(&pkg),
        "--organizer",
        ORG_FP,
        "--key",
        &key("C01.key"),
        "--identity",
        &key("C01.age"),
        "-o",
        &s(&bundle),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.extend(sheets.iter().map(|p| s(p)));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = reviewdesk(&refs);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("[audit_values] 专家 E03 的评分表：评分 A01 written")
            && out.contains("评分表为")
            && out.contains("审计日志中最后一次修改（第 ")
            && out.contains("请专家在评审台重新签署"),
        "{out}"
    );
    assert!(
        out.contains("承诺于 20") && out.contains("声明无利益冲突"),
        "{out}"
    );
    assert!(!bundle.exists());
    // An expert's key cannot merge.
    sheets.pop();
    let o = reviewdesk(&[
        "merge",
        "--package",
        &s(&pkg),
        "--organizer",
        ORG_FP,
        "--key",
        &key("E01.key"),
        "--identity",
        &key("E01.age"),
        "-o",
        &s(&bundle),
        &s(&sheets[0]),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("not_the_chair"),
        "{}",
        text(&o.stderr)
    );
    assert!(!bundle.exists());
    // The demo template draws no sample: an announced value is refused.
    let o = merge(&pkg, &bundle, &sheets, &["--announced", "42"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("bad_draw"), "{}", text(&o.stderr));
    // No sheet at all is a usage error.
    let o = reviewdesk(&[
        "merge",
        "--package",
        &s(&pkg),
        "--organizer",
        ORG_FP,
        "--key",
        &key("C01.key"),
        "--identity",
        &key("C01.age"),
        "-o",
        &s(&bundle),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// A copy of the demo round under the sampled template `gd-pool-2021`.
fn sampled_round(dir: &Path) -> PathBuf {
    let round = dir.join("round");
    std::fs::create_dir(&round).unwrap();
    let toml = std::fs::read_to_string(demo().join("round.toml"))
        .unwrap()
        .replace(
            "template = \"gd-supplier-recognition\"",
            "template = \"gd-pool-2021\"",
        );
    std::fs::write(round.join("round.toml"), without_eligibility(&toml)).unwrap();
    for sub in ["materials", "cards"] {
        std::fs::create_dir(round.join(sub)).unwrap();
        for e in std::fs::read_dir(demo().join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), round.join(sub).join(e.file_name())).unwrap();
        }
    }
    round
}

#[test]
fn draw_verify_recomputes_the_sample_and_refuses_an_edited_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let round = sampled_round(dir);
    let loaded = load_round(&round).unwrap();
    let pkg = dir.join("pool.rdpkg");
    ok(&[
        "seal",
        &s(&round),
        "--signing-key",
        &key("ORG.key"),
        "-o",
        &s(&pkg),
    ]);
    // Written-stage sheets (the site visit comes after the draw).
    let mut sheets = Vec::new();
    for e in ["E01", "E02", "E03", "E04", "E05"] {
        let mut p = part(&loaded, e, 0);
        p["verdicts"] = json!([]);
        // The pool template scores in whole points.
        for sc in p["scores"].as_array_mut().unwrap() {
            let v = sc["value"]
                .as_str()
                .unwrap()
                .trim_end_matches(".5")
                .to_string();
            sc["value"] = json!(v);
        }
        let input = dir.join(format!("{e}.json"));
        std::fs::write(&input, p.to_string()).unwrap();
        let out = dir.join(format!("{e}.rdsheet"));
        let o = sheet_sign(&pkg, e, &input, &dir.join(format!("ws-{e}")), &out);
        assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
        sheets.push(out);
    }
    let bundle = dir.join("pool.rdbundle");
    let o = merge(
        &pkg,
        &bundle,
        &sheets,
        &["--announced", "2026-03-15 上证综指收盘 3281.07"],
    );
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));

    let out = ok(&["draw", "verify", &s(&bundle), "--identity", &key("ORG.age")]);
    assert!(out.contains("抽签结果一致"), "{out}");
    assert!(out.contains("种子: ") && out.contains("抽中单位"), "{out}");
    assert!(out.contains("2026-03-15 上证综指收盘 3281.07"), "{out}");
    let out = ok(&[
        "--lang",
        "en",
        "draw",
        "verify",
        &s(&bundle),
        "--identity",
        &key("C01.age"),
    ]);
    assert!(out.contains("The draw matches"), "{out}");
    let sample_line = out
        .lines()
        .find(|l| l.starts_with("Sample ("))
        .unwrap()
        .to_string();
    assert!(sample_line.contains('A'), "{sample_line}");

    // The chair re-signs the bundle with another sample: the recomputation differs.
    let b = reviewdesk_formats::OpenedBundle::open(
        &std::fs::read(&bundle).unwrap(),
        &reviewdesk_desk::read_identities(Path::new(&key("C01.age"))).unwrap(),
        reviewdesk_formats::Trusted::AnyKey,
    )
    .unwrap();
    let mut draw: Value = serde_json::from_slice(b.draw()).unwrap();
    let sample = draw["drawn"]["sample"].as_array_mut().unwrap();
    sample.reverse();
    sample[0] = json!("A99");
    let draw = reviewdesk_desk::canonical_json(&draw);
    let mut content = b.content();
    content.draw = &draw;
    let chair = reviewdesk_desk::read_signing_key(Path::new(&key("C01.key"))).unwrap();
    let edited = dir.join("edited.rdbundle");
    std::fs::write(
        &edited,
        reviewdesk_formats::write_bundle(&content, &chair).unwrap(),
    )
    .unwrap();
    let (out, err) = fails(&["draw", "verify", &s(&edited), "--identity", &key("ORG.age")]);
    assert!(
        err.contains("draw_mismatch") && err.contains("抽签结果不一致"),
        "{err}"
    );
    assert!(out.contains("A99"), "{out}");

    // A bundle of a template without a draw says so.
    let (pkg, sheets) = sealed_with_sheets(&dir.join("plain").tap_mkdir());
    let plain = dir.join("plain.rdbundle");
    assert!(merge(&pkg, &plain, &sheets, &[]).status.success());
    let out = ok(&["draw", "verify", &s(&plain), "--identity", &key("ORG.age")]);
    assert!(out.contains("不抽签"), "{out}");
    // Issue 17, item 5: an edited draw is refused even when nothing is drawn.
    let b = reviewdesk_formats::OpenedBundle::open(
        &std::fs::read(&plain).unwrap(),
        &reviewdesk_desk::read_identities(Path::new(&key("C01.age"))).unwrap(),
        reviewdesk_formats::Trusted::AnyKey,
    )
    .unwrap();
    let mut draw: Value = serde_json::from_slice(b.draw()).unwrap();
    assert!(draw.get("drawn").is_none(), "{draw}");
    draw["recompute"] = json!("nothing to recompute");
    let draw = reviewdesk_desk::canonical_json(&draw);
    let mut content = b.content();
    content.draw = &draw;
    let edited = dir.join("edited-plain.rdbundle");
    std::fs::write(
        &edited,
        reviewdesk_formats::write_bundle(&content, &chair).unwrap(),
    )
    .unwrap();
    let (out, err) = fails(&["draw", "verify", &s(&edited), "--identity", &key("ORG.age")]);
    assert!(err.contains("draw_mismatch"), "{err}");
    assert!(out.contains("nothing to recompute"), "{out}");
    let (_, err) = fails(&["verify", &s(&edited), "--identity", &key("ORG.age")]);
    assert!(err.contains("recompute_mismatch"), "{err}");
    // An identity is required.
    assert_eq!(
        reviewdesk(&["draw", "verify", &s(&plain)]).status.code(),
        Some(2)
    );
}

trait Mkdir {
    fn tap_mkdir(self) -> Self;
}

impl Mkdir for PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
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

/// `merge` as the demo chair in a throwaway home (its own workspace), without
/// `--organizer`.
fn merge_at_home(home: &Path, pkg: &Path, out: &Path, sheets: &[PathBuf]) -> Output {
    let mut args: Vec<String> = [
        "merge",
        "--package",
        &s(pkg),
        "--key",
        &key("C01.key"),
        "--identity",
        &key("C01.age"),
        "-o",
        &s(out),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.extend(sheets.iter().map(|p| s(p)));
    Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(&args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .expect("runs")
}

/// Issue 17, item 2: without `--organizer` the merge takes the organizer key
/// pinned in the chair's workspace; with no pin it refuses, showing the signer to
/// compare; a pin that is another key refuses with both fingerprints.
#[test]
fn merge_without_organizer_uses_the_workspace_pin_or_refuses() {
    let tmp = tempfile::tempdir().unwrap();
    let (pkg, sheets) = sealed_with_sheets(tmp.path());
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let bundle = tmp.path().join("result.rdbundle");

    // No workspace, no option: refused in Chinese, the signer shown, nothing written.
    let o = merge_at_home(&home, &pkg, &bundle, &sheets);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("[organizer_not_pinned]"), "{err}");
    assert!(err.contains(&format!("--organizer {ORG_FP}")), "{err}");
    assert!(err.contains("未写入任何内容"), "{err}");
    assert!(!bundle.exists());

    // Another key pinned for the organizer: refused with both fingerprints.
    let organizer = "广东省工业互联网产业联盟（受省工业和信息化厅委托）";
    let other = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let ws =
        reviewdesk_workspace::Workspace::open(&home.join("share/reviewdesk/workspace")).unwrap();
    ws.pin_organizer(organizer, other, "2026-05-01T00:00:00Z")
        .unwrap();
    let o = merge_at_home(&home, &pkg, &bundle, &sheets);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("[organizer_changed]"), "{err}");
    assert!(err.contains(other) && err.contains(ORG_FP), "{err}");
    assert!(!bundle.exists());

    // The organizer's key pinned: the merge goes ahead without the option.
    ws.pin_organizer(organizer, ORG_FP, "2026-05-02T00:00:00Z")
        .unwrap();
    let o = merge_at_home(&home, &pkg, &bundle, &sheets);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(bundle.is_file());
}
