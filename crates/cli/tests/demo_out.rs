//! `reviewdesk demo --out DIR`: the demo round end to end through the real binary,
//! checked with the binary's own `verify`, the rules engine (`compute`), and the
//! outside tools `age` and `ssh-keygen`. No keyring: the demo uses the round's
//! committed DEMO keys; HOME points into a temporary folder all the same, so
//! nothing of the user's is touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

const EXPERTS: [&str; 5] = ["E01", "E02", "E03", "E04", "E05"];

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("share"))
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(
            o.status.success(),
            "{args:?}:\n{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        text(&o.stdout)
    }
}

fn sh(cmd: &str) -> Output {
    Command::new("sh")
        .args(["-c", cmd])
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Each expert's signed part, as the chair reads it (with the chair's DEMO key).
fn part(home: &Home, out: &Path, expert: &str) -> Value {
    let shown = home.ok(&[
        "--lang",
        "en",
        "sheet",
        "show",
        s(&out.join(format!("sheets/{expert}.rdsheet"))),
        "--identity",
        s(&out.join("keys/C01.age")),
        "--package",
        s(&out.join(format!("per-expert/{expert}.rdpkg"))),
    ]);
    assert!(shown.contains("Revision: 1"), "{shown}");
    let json = shown.split_once("Scores:\n").expect("a Scores: section").1;
    serde_json::from_str(json.trim()).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn demo_out_runs_the_round_end_to_end_and_outside_tools_check_it() {
    let home = Home::new();
    let out = home.path("demo out"); // a space: the printed commands must quote it
                                     // Chinese, the default language.
    let stdout = home.ok(&["demo", "--out", s(&out)]);
    for want in ["演示密钥", "评分表", "自行核对", "汇总结果", "结果包"] {
        assert!(stdout.contains(want), "missing {want} in\n{stdout}");
    }

    // The files.
    let mut want: Vec<String> = vec![
        "round.rdpkg".into(),
        "keys/allowed_signers".into(),
        "keys/README.txt".into(),
        "keys/ORG.age".into(),
        "keys/C01.age".into(),
        "opinions.json".into(),
        "result.rdbundle".into(),
        "reports/summary.pdf".into(),
        "reports/summary.xlsx".into(),
        "reports/summary.csv".into(),
        "reports/opinions.pdf".into(),
        "reports/public-notice.pdf".into(),
    ];
    for e in EXPERTS {
        want.push(format!("keys/{e}.age"));
        want.push(format!("per-expert/{e}.rdpkg"));
        want.push(format!("sheets/{e}.rdsheet"));
        want.push(format!("workspace-{e}/workspace.sqlite3"));
    }
    for f in &want {
        assert!(out.join(f).is_file(), "{f} was not written");
        assert!(
            stdout.contains(s(&out.join(f))) || f.starts_with("workspace-"),
            "{f} is not in the summary:\n{stdout}"
        );
    }
    let readme = std::fs::read_to_string(out.join("keys/README.txt")).unwrap();
    assert!(readme.contains("DEMO"), "{readme}");
    // Only age identities are copied: no signing key leaves the round folder.
    for e in std::fs::read_dir(out.join("keys")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        assert!(!text(&bytes).contains("PRIVATE KEY"));
    }

    // The summary: one sheet per expert, revision 1; no recusal at the desk: the
    // upheld request kept E03 off A04 in the assignment.
    for e in EXPERTS {
        let row = stdout
            .lines()
            .find(|l| {
                l.contains(&format!("sheets/{e}.rdsheet"))
                    && l.contains('┆')
                    && l.starts_with(&format!("│ {e}"))
            })
            .unwrap_or_else(|| panic!("no summary row for {e} in\n{stdout}"));
        let cells: Vec<&str> = row.split('┆').map(str::trim).collect();
        assert_eq!(cells[3], "1", "revision of {e}: {row}");
        assert_eq!(cells[5], "0", "recusals of {e}: {row}");
        assert!(cells[6].parse::<u32>().unwrap() > 0, "scores of {e}: {row}");
    }
    // The chair's merge: the bundle holds every expert's sheet, bound to their
    // per-expert packages through the whole package's family, and recomputes.
    let v = home.ok(&[
        "--lang",
        "en",
        "verify",
        s(&out.join("result.rdbundle")),
        "--identity",
        s(&out.join("keys/C01.age")),
    ]);
    for e in EXPERTS {
        assert!(v.contains(e), "{e} in\n{v}");
    }
    let opinions: Value =
        serde_json::from_slice(&std::fs::read(out.join("opinions.json")).unwrap()).unwrap();
    assert_eq!(opinions["applicants"].as_array().unwrap().len(), 8);
    // The printed summary names every expert and carries the bundle's hash.
    let o = Command::new("pdftotext")
        .args(["-layout", s(&out.join("reports/summary.pdf")), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let summary = text(&o.stdout).replace('\n', " ");
    for want in ["评分汇总表", "陈立新", "吴建华", "结果包 SHA-256"] {
        assert!(summary.contains(want), "{want} not in the summary PDF");
    }
    // The opinion pages: one per applicant.
    let o = Command::new("pdfinfo")
        .arg(out.join("reports/opinions.pdf"))
        .output()
        .expect("pdfinfo runs");
    assert!(
        text(&o.stdout)
            .lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 8")),
        "{}",
        text(&o.stdout)
    );
    // A08 ranks first among the platforms and carries one dissent.
    assert!(text(&std::fs::read(out.join("opinions.json")).unwrap()).contains("dissents"));

    // `reviewdesk verify` passes on the whole package and on every sheet.
    home.ok(&[
        "verify",
        s(&out.join("round.rdpkg")),
        "--identity",
        s(&out.join("keys/C01.age")),
    ]);
    for e in EXPERTS {
        let v = home.ok(&[
            "--lang",
            "en",
            "verify",
            s(&out.join(format!("sheets/{e}.rdsheet"))),
            "--package",
            s(&out.join(format!("per-expert/{e}.rdpkg"))),
            "--identity",
            s(&out.join("keys/C01.age")),
        ]);
        assert!(v.contains(&format!("Expert: {e}")), "{v}");
    }

    // The parts: every assigned applicant declared, none by E03 for A04 (the
    // upheld recusal request: the solver did not assign them); low scores carry
    // reasons.
    let authored = reviewdesk_io::load_round(&out.join("round")).unwrap();
    let parts: Vec<Value> = EXPERTS.iter().map(|e| part(&home, &out, e)).collect();
    for (e, p) in EXPERTS.iter().zip(&parts) {
        let declared: Vec<&str> = p["declarations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["applicant"].as_str().unwrap())
            .collect();
        let assigned: Vec<&str> = authored
            .round
            .assignments
            .iter()
            .filter(|a| a.expert == *e)
            .map(|a| a.applicant.as_str())
            .collect();
        assert_eq!(declared, assigned, "{e}");
        assert!(p["declarations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("recuse").is_none()));
    }
    assert!(!authored
        .round
        .assignments
        .iter()
        .any(|a| a.expert == "E03" && a.applicant == "A04"));
    let reasons = parts
        .iter()
        .flat_map(|p| p["scores"].as_array().unwrap())
        .filter(|x| x.get("reason").is_some())
        .count();
    assert!(
        reasons > 0,
        "the script should give some scores below the threshold"
    );

    // The rules engine accepts all five parts together (ranges, steps, reasons,
    // recusals), as the chair's merge will give them to it.
    let categories = [
        ("A01", "application"),
        ("A02", "network"),
        ("A03", "platform"),
        ("A04", "security"),
        ("A05", "platform"),
        ("A06", "application"),
        ("A07", "network"),
        ("A08", "platform"),
    ];
    let mut input = json!({
        "applicants": categories.iter().map(|(a, c)| json!({"id": a, "category": c})).collect::<Vec<_>>(),
        "experts": EXPERTS,
        "recusals": [],
        "scores": [],
    });
    for p in &parts {
        let expert = p["expert"].clone();
        for d in p["declarations"].as_array().unwrap() {
            if d.get("recuse").is_some() {
                input["recusals"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"expert": expert, "applicant": d["applicant"]}));
            }
        }
        for x in p["scores"].as_array().unwrap() {
            let mut x = x.clone();
            x["expert"] = expert.clone();
            x.as_object_mut().unwrap().remove("comment");
            input["scores"].as_array_mut().unwrap().push(x);
        }
    }
    let input_file = home.path("merge-input.json");
    std::fs::write(&input_file, input.to_string()).unwrap();
    home.ok(&[
        "compute",
        "--template",
        "gd-supplier-recognition",
        "--input",
        s(&input_file),
    ]);

    // `age -d` with the copied DEMO identity of an expert assigned to A03 opens
    // its exported material.
    let m = home.path("M05.age");
    let reader = authored
        .round
        .assignments
        .iter()
        .find(|a| a.applicant == "A03")
        .map(|a| a.expert.clone())
        .unwrap();
    home.ok(&[
        "export-encrypted",
        s(&out.join("round.rdpkg")),
        "M05",
        "-o",
        s(&m),
    ]);
    let o = Command::new("age")
        .args([
            "-d",
            "-i",
            s(&out.join(format!("keys/{reader}.age"))),
            s(&m),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        o.stdout,
        std::fs::read(demo().join("materials/A03-software-copyright.pdf")).unwrap()
    );
    // An expert not assigned to A03 cannot: the material is not sealed to them.
    let other = EXPERTS
        .iter()
        .find(|e| {
            authored
                .round
                .experts_for("A03")
                .iter()
                .all(|x| x.id != **e)
        })
        .unwrap();
    let o = Command::new("age")
        .args(["-d", "-i", s(&out.join(format!("keys/{other}.age"))), s(&m)])
        .output()
        .unwrap();
    assert!(!o.status.success(), "{other} decrypted A03's material");

    // `ssh-keygen -Y verify` with the demo's allowed_signers accepts a sheet
    // signature exported with export-signature, and refuses it for another expert.
    let sig = home.path("sig-E02");
    home.ok(&[
        "export-signature",
        s(&out.join("sheets/E02.rdsheet")),
        "-o",
        s(&sig),
        "--package",
        s(&out.join("per-expert/E02.rdpkg")),
        "--identity",
        s(&out.join("keys/C01.age")),
    ]);
    let check = |principal: &str| {
        Command::new("ssh-keygen")
            .args(["-Y", "verify", "-f", s(&out.join("keys/allowed_signers"))])
            .args(["-I", principal, "-n", "reviewdesk-sheet@v1"])
            .args(["-s", s(&sig.join("sheet.sig"))])
            .stdin(std::fs::File::open(sig.join("sheet")).unwrap())
            .output()
            .unwrap()
    };
    let e02 = "SHA256:OuwTnwbwSOP0byu2V2o9KHZBDfOVWkA3PO0D8bpnJXs";
    let o = check(e02);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(!check("SHA256:VkT2hagc2hauRsbyGE41Qq5KAgo4R8Gcm9gZW26x4r8")
        .status
        .success());

    // Every command the demo printed at the end runs as printed.
    let commands: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("自行核对这些输出"))
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(
        commands
            .iter()
            .any(|c| c.contains(" verify ") && c.contains(".rdsheet")),
        "{stdout}"
    );
    assert!(
        commands
            .iter()
            .any(|c| c.contains(" verify ") && c.contains("result.rdbundle")),
        "{stdout}"
    );
    assert!(
        commands.iter().any(|c| c.starts_with("age -d -i ")),
        "{stdout}"
    );
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("ssh-keygen -Y verify ")),
        "{stdout}"
    );
    for c in &commands {
        let o = sh(c);
        assert!(
            o.status.success(),
            "{c}\n{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
    }

    // A second run into the same folder is refused and changes nothing.
    let before = std::fs::read(out.join("sheets/E01.rdsheet")).unwrap();
    let o = home.run(&["demo", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("not empty"), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read(out.join("sheets/E01.rdsheet")).unwrap(),
        before
    );
}

/// The demo authors its round through the organizer's services from
/// `applicants.xlsx`, `materials/`, `experts.xlsx` and `cards/` — never reading the
/// bundled `round.toml` (here replaced by a file that does not parse) — and the
/// round it authors agrees with that `round.toml`, which the desktop's "try the
/// demo" opens: same applicants, panel, materials (applicant, kind, file, bytes),
/// eligibility records and recusal request.
#[test]
fn the_authored_round_agrees_with_the_bundled_round_toml() {
    let home = Home::new();
    // A copy of the demo folder whose round.toml is not a round.
    let resources = home.path("resources");
    let copy = resources.join("demo");
    for sub in ["materials", "cards", "keys"] {
        std::fs::create_dir_all(copy.join(sub)).unwrap();
        for e in std::fs::read_dir(demo().join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), copy.join(sub).join(e.file_name())).unwrap();
        }
    }
    for f in ["applicants.xlsx", "experts.xlsx"] {
        std::fs::copy(demo().join(f), copy.join(f)).unwrap();
    }
    std::fs::write(copy.join("round.toml"), "not read by demo --out = [").unwrap();

    let out = home.path("out");
    let o = Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(["--lang", "en", "demo", "--out", s(&out)])
        .env("HOME", home.dir.path())
        .env("XDG_DATA_HOME", home.path("share"))
        .env("REVIEWDESK_RESOURCES", &resources)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = text(&o.stdout);
    assert!(o.status.success(), "{stdout}{}", text(&o.stderr));
    for want in [
        "The organizer authors the round",
        "1. New round",
        "2. Applicants:",
        "3. Materials:",
        "4. Panel:",
        "5. Eligibility: all 8 applicants",
        "6. Recusal request: A04 asks E03 黄志强 to recuse — upheld",
        "7. Assignment: 4 experts per applicant",
        "seed 20260312",
        "8. Check before sealing: nothing blocks it",
    ] {
        assert!(stdout.contains(want), "{want} not in\n{stdout}");
    }

    let authored = reviewdesk_io::load_round(&out.join("round")).unwrap();
    let bundled = reviewdesk_io::load_round(&demo()).unwrap();
    let (a, b) = (&authored.round, &bundled.round);
    assert_eq!(a.program.template, b.program.template);
    assert_eq!(a.program.title.zh, b.program.title.zh);
    assert_eq!(a.program.organizer.zh, b.program.organizer.zh);
    assert_eq!(a.applicants, b.applicants);
    assert_eq!(a.panel, b.panel);
    assert_eq!(a.eligibility, b.eligibility);
    let material = |dir: &Path, m: &reviewdesk_core::Material| {
        (
            m.id.clone(),
            m.applicant.clone(),
            m.kind,
            m.file.clone(),
            std::fs::read(dir.join("materials").join(&m.file)).unwrap(),
        )
    };
    let materials = |l: &reviewdesk_io::LoadedRound| -> Vec<_> {
        l.round
            .materials
            .iter()
            .map(|m| material(&l.dir, m))
            .collect()
    };
    assert_eq!(materials(&authored), materials(&bundled));
    let requests = |r: &reviewdesk_core::Round| -> Vec<_> {
        r.recusal_requests
            .iter()
            .map(|q| {
                (
                    q.applicant.clone(),
                    q.expert.clone(),
                    q.reason.clone(),
                    q.ruling,
                )
            })
            .collect()
    };
    assert_eq!(requests(a), requests(b));
    // The authored request carries its dates, reason and who ruled.
    let q = &a.recusal_requests[0];
    assert!(q.received.is_some() && q.ruled_on.is_some());
    assert_eq!(q.ruled_by.as_deref(), Some("郑雅文"));
    assert!(q.ruling_reason.is_some());
    // The assignment is the solver's, with its seed recorded; nothing blocks sealing.
    assert_eq!(a.assignment_seed, Some(20_260_312));
    assert_eq!(a.assignments.len(), 8 * 4);
    assert!(reviewdesk_io::sealing_blockers(&authored).is_empty());
    // The same round on every run: only fixed dates.
    let again = home.path("again");
    let o = Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(["demo", "--out", s(&again)])
        .env("HOME", home.dir.path())
        .env("XDG_DATA_HOME", home.path("share"))
        .env("REVIEWDESK_RESOURCES", &resources)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read(again.join("round/round.toml")).unwrap(),
        std::fs::read(out.join("round/round.toml")).unwrap()
    );
}

/// The commands the demo prints at the end, each run as printed.
fn run_printed_commands(stdout: &str, heading: &str) -> usize {
    let commands: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    for c in &commands {
        let o = sh(c);
        assert!(
            o.status.success(),
            "{c}\n{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
    }
    commands.len()
}

#[test]
fn with_a_sampled_stage_the_demo_draws_reseals_and_merges_revision_2() {
    let home = Home::new();
    // The demo round under the 2021 pool template, whose site visit samples 30 %.
    let round = home.path("round");
    for sub in ["", "materials", "cards", "keys"] {
        std::fs::create_dir_all(round.join(sub)).unwrap();
        if sub.is_empty() {
            continue;
        }
        for e in std::fs::read_dir(demo().join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), round.join(sub).join(e.file_name())).unwrap();
        }
    }
    let toml = std::fs::read_to_string(demo().join("round.toml"))
        .unwrap()
        .replace(
            "template = \"gd-supplier-recognition\"",
            "template = \"gd-pool-2021\"",
        );
    std::fs::write(round.join("round.toml"), without_eligibility(&toml)).unwrap();
    let out = home.path("out");
    let stdout = home.ok(&[
        "--lang",
        "en",
        "demo",
        "--round",
        s(&round),
        "--out",
        s(&out),
    ]);
    let drawn = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Drawn: "))
        .unwrap_or_else(|| panic!("no draw in\n{stdout}"));
    let sample: Vec<&str> = drawn.split(", ").collect();
    assert_eq!(sample.len(), 3, "30 % of 8, rounded up: {drawn}");
    // The organizer wrote the sample into the round and sealed it again
    // (`reviewdesk_desk::open_sampled_stage`, as `round sample` does): revision 2,
    // with its hand-out list.
    let resealed = std::fs::read_to_string(out.join("round-with-sample/round.toml")).unwrap();
    assert!(resealed.contains("[[sample]]"), "{resealed}");
    assert!(resealed.contains("package_revision = 2"), "{resealed}");
    assert!(out.join("resealed/handout.csv").is_file());
    assert!(out.join("resealed/chair/gd-pool-2026-01.rdpkg").is_file());
    for e in EXPERTS {
        assert!(out.join(format!("resealed/experts/{e}.rdpkg")).is_file());
        assert!(out.join(format!("sheets/after-draw/{e}.rdsheet")).is_file());
    }
    // The bundle's draw recomputes, and only the drawn applicants have a site
    // visit result.
    let v = home.ok(&[
        "--lang",
        "en",
        "verify",
        s(&out.join("result.rdbundle")),
        "--identity",
        s(&out.join("keys/C01.age")),
    ]);
    assert!(v.contains(drawn), "{v}");
    assert!(run_printed_commands(&stdout, "Check these outputs yourself") > 5);
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
