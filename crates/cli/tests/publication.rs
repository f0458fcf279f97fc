//! The organizer's publication through the real binary, on the demo's result
//! bundle and DEMO organizer key files: `notice new` (dates, SHA-256 lines,
//! `ssh-keygen -Y verify` of the detached signatures), `objection add|note|rule|list`
//! (a late one refused, one upheld), `amend` (the upheld objection strikes an
//! applicant: a new notice is required), `publish` (refused while the period runs,
//! then the final list and the archive) and `archive verify` (passes, then fails
//! after any flipped byte).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{s, text, Home};

/// The refusals this test checks.
trait Fails {
    fn fails(&self, args: &[&str], code: &str) -> String;
}

impl Fails for Home {
    /// Runs a command that must fail with exit 1 and `code` in its message.
    fn fails(&self, args: &[&str], code: &str) -> String {
        let o = self.run(args);
        let err = text(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{args:?}: {}{err}",
            text(&o.stdout)
        );
        assert!(err.contains(&format!("[{code}]")), "{args:?}: {err}");
        err
    }
}

fn sh(cmd: &str) -> Output {
    Command::new("sh")
        .args(["-c", cmd])
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn with_key<'a>(keys: &'a [String; 4], args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(keys.iter().map(String::as_str));
    v
}

#[test]
fn notice_objections_amendment_final_list_and_archive() {
    let home = Home::new();
    let out = home.path("demo");
    home.ok(&["demo", "--out", s(&out)]);
    let bundle = out.join("result.rdbundle");
    let demo_keys = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/keys");
    let keys = [
        "--key".to_string(),
        s(&demo_keys.join("ORG.key")).to_string(),
        "--identity".to_string(),
        s(&demo_keys.join("ORG.age")).to_string(),
    ];
    let pubdir = home.path("publication");
    let p = s(&pubdir);

    // The notice: 5 working days from Monday 2026-03-02 (the template's [notice]).
    let printed = home.ok(&with_key(
        &keys,
        &[
            "--lang",
            "en",
            "notice",
            "new",
            s(&bundle),
            "--start",
            "2026-03-02",
            "-o",
            p,
            "--channel",
            "广州市天河区某路1号 收",
            "--contact",
            "联系人：张三 020-12345678",
            "--on",
            "2026-02-27",
        ],
    ));
    assert!(printed.contains("end: 2026-03-06"), "{printed}");
    assert!(
        printed.contains("2026-03-02 – 2026-03-06 (5 working days)"),
        "{printed}"
    );
    let n1 = pubdir.join("notice-1");
    for f in ["notice.pdf", "notice.csv"] {
        let sha = sh(&format!("sha256sum {}", s(&n1.join(f))));
        let hex = text(&sha.stdout)[..64].to_string();
        assert!(
            printed.contains(&format!("SHA-256  {hex}  {f}")),
            "{printed}"
        );
    }
    // ssh-keygen accepts both detached signatures in the notice namespace, and
    // refuses them in another.
    let fp = text(
        &sh(&format!(
            "ssh-keygen -l -f {} | cut -d' ' -f2",
            s(&demo_keys.join("ORG.key"))
        ))
        .stdout,
    )
    .trim()
    .to_string();
    assert!(fp.starts_with("SHA256:"), "{fp}");
    for f in ["notice.pdf", "notice.csv"] {
        let cmd = |ns: &str| {
            format!(
                "cd {} && ssh-keygen -Y verify -f allowed_signers -I {fp} -n {ns} -s {f}.sig < {f}",
                s(&n1)
            )
        };
        let o = sh(&cmd("reviewdesk-notice@v1"));
        assert!(
            o.status.success(),
            "{f}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        assert!(!sh(&cmd("reviewdesk-final-list@v1")).status.success());
    }
    assert!(sh(&format!("cd {} && sha256sum -c SHA256SUMS", s(&n1)))
        .status
        .success());
    assert!(home.ok(&["notice", "verify", s(&n1)]).contains(&fp));
    // The record `notice verify` prints is signed too (the bit-flip sweep found an
    // edited period or format printed as verified): an edited copy is refused, and
    // so is one without the record's signature.
    let copy = home.path("notice-edited");
    std::fs::create_dir_all(&copy).unwrap();
    for f in std::fs::read_dir(&n1).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), copy.join(f.file_name())).unwrap();
    }
    let json = std::fs::read_to_string(copy.join("notice.json")).unwrap();
    let end = serde_json::from_str::<Value>(&json).unwrap()["end"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(
        copy.join("notice.json"),
        json.replacen(&format!("\"end\":\"{end}\""), "\"end\":\"2099-12-31\"", 1),
    )
    .unwrap();
    home.fails(&["notice", "verify", s(&copy)], "bad_signature");
    std::fs::write(copy.join("notice.json"), &json).unwrap();
    assert!(home.ok(&["notice", "verify", s(&copy)]).contains(&fp));
    std::fs::remove_file(copy.join("notice.json.sig")).unwrap();
    assert_eq!(
        home.run(&["notice", "verify", s(&copy)]).status.code(),
        Some(1)
    );
    let csv = std::fs::read(n1.join("notice.csv")).unwrap();
    // --lang en: the CSV in English (the second notice, in Chinese, below).
    assert!(
        csv.starts_with("\u{FEFF}No.,Applicant,Credit code,Region,Category,Result\r\n".as_bytes())
    );

    let record: Value =
        serde_json::from_slice(&std::fs::read(n1.join("notice.json")).unwrap()).unwrap();
    let rows = record["rows"].as_array().unwrap();
    assert!(rows.len() >= 2, "{record}");
    let contested = rows[0]["applicant"].as_str().unwrap().to_string();

    // Two objections: one received after the end date (refused), one admitted.
    let evidence = home.path("证明材料.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 evidence").unwrap();
    let late = home.ok(&with_key(
        &keys,
        &[
            "--lang",
            "en",
            "objection",
            "add",
            p,
            "--applicant",
            &contested,
            "--name",
            "李四",
            "--organisation",
            "某某科技有限公司",
            "--contact",
            "13800000000",
            "--grounds",
            "案例不实",
            "--evidence",
            s(&evidence),
            "--received",
            "2026-03-09",
            "--on",
            "2026-03-09",
        ],
    ));
    assert!(
        late.contains("O1") && late.contains("received after the notice period"),
        "{late}"
    );
    let admitted = home.ok(&with_key(
        &keys,
        &[
            "--lang",
            "en",
            "objection",
            "add",
            p,
            "--applicant",
            &contested,
            "--name",
            "王五",
            "--organisation",
            "某某信息技术有限公司",
            "--id-code",
            "91440101MA59ABCD1X",
            "--contact",
            "020-87654321",
            "--grounds",
            "申报材料中的案例合同系伪造",
            "--evidence",
            s(&evidence),
            "--received",
            "2026-03-04",
            "--on",
            "2026-03-04",
        ],
    ));
    assert!(
        admitted.contains("O2") && admitted.contains("reply due 2026-03-18"),
        "{admitted}"
    );
    assert!(pubdir.join("evidence").read_dir().unwrap().count() == 1);
    // Overdue after its reply date while unruled.
    let listed = home.ok(&["--lang", "en", "objection", "list", p, "--on", "2026-03-19"]);
    assert!(listed.contains("OVERDUE"), "{listed}");
    // A refused objection takes no ruling.
    home.fails(
        &with_key(
            &keys,
            &[
                "objection",
                "rule",
                p,
                "O1",
                "--outcome",
                "rejected",
                "--reasons",
                "x",
            ],
        ),
        "not_admitted",
    );
    home.ok(&with_key(
        &keys,
        &[
            "objection",
            "note",
            p,
            "O2",
            "已向合同相对方核实",
            "--on",
            "2026-03-05",
        ],
    ));
    // The final list is refused while the period runs and while O2 is open.
    home.fails(
        &with_key(
            &keys,
            &[
                "publish",
                p,
                "-o",
                s(&home.path("x.rdarchive")),
                "--on",
                "2026-03-06",
            ],
        ),
        "notice_running",
    );
    home.fails(
        &with_key(
            &keys,
            &[
                "publish",
                p,
                "-o",
                s(&home.path("x.rdarchive")),
                "--on",
                "2026-03-09",
            ],
        ),
        "objections_open",
    );
    home.ok(&with_key(
        &keys,
        &[
            "objection",
            "rule",
            p,
            "O2",
            "--outcome",
            "upheld",
            "--reasons",
            "合同系伪造，异议成立",
            "--on",
            "2026-03-10",
        ],
    ));
    let amended = home.ok(&with_key(
        &keys,
        &[
            "--lang",
            "en",
            "amend",
            p,
            "--cause",
            "upheld-objection",
            "--objection",
            "O2",
            "--reason",
            "提供虚假材料",
            "--strike",
            &contested,
            "--on",
            "2026-03-10",
        ],
    ));
    assert!(amended.contains("The list changed"), "{amended}");
    assert!(
        amended.contains(&format!("{contested}: selected")),
        "{amended}"
    );
    home.fails(
        &with_key(
            &keys,
            &[
                "publish",
                p,
                "-o",
                s(&home.path("x.rdarchive")),
                "--on",
                "2026-03-11",
            ],
        ),
        "new_notice_required",
    );
    // The second notice no longer lists the struck applicant.
    let second = home.ok(&with_key(
        &keys,
        &[
            "notice",
            "new",
            s(&bundle),
            "--start",
            "2026-03-11",
            "-o",
            p,
            "--channel",
            "广州市天河区某路1号 收",
            "--contact",
            "联系人：张三 020-12345678",
            "--on",
            "2026-03-11",
        ],
    ));
    assert!(second.contains("end: 2026-03-17"), "{second}");
    // Every other line follows --lang (Chinese by default); `end:` is the one
    // machine-readable line, the last.
    assert!(second.contains("公示截止日期: 2026-03-17"), "{second}");
    assert_eq!(second.lines().last(), Some("end: 2026-03-17"), "{second}");
    let record2: Value =
        serde_json::from_slice(&std::fs::read(pubdir.join("notice-2/notice.json")).unwrap())
            .unwrap();
    assert_eq!(record2["amendments"], 1);
    let csv2 = std::fs::read(pubdir.join("notice-2/notice.csv")).unwrap();
    assert!(csv2
        .starts_with("\u{FEFF}序号,单位名称,统一社会信用代码,所属地市,类别,结果\r\n".as_bytes()));
    assert!(record2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["applicant"] != contested.as_str()));

    let archive = home.path("round.rdarchive");
    let published = home.ok(&with_key(
        &keys,
        &["publish", p, "-o", s(&archive), "--on", "2026-03-18"],
    ));
    assert!(
        published.contains("reviewdesk archive verify"),
        "{published}"
    );
    let fin = pubdir.join("final");
    let o = sh(&format!(
        "cd {} && ssh-keygen -Y verify -f allowed_signers -I {fp} -n reviewdesk-final-list@v1 -s final-list.pdf.sig < final-list.pdf",
        s(&fin)
    ));
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    let verified = home.ok(&["--lang", "en", "archive", "verify", s(&archive)]);
    assert!(verified.contains("The archive holds"), "{verified}");
    assert!(
        verified.contains("Objections (registered/admitted/upheld): 2/1/1"),
        "{verified}"
    );
    assert!(!verified.contains(&format!(" {contested} ")));

    // Any flipped byte fails the archive.
    let bytes = std::fs::read(&archive).unwrap();
    let len = bytes.len();
    for at in [30, 600, len / 3, len / 2, len - 2000, len - 10] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x01;
        let path = home.path("bad.rdarchive");
        std::fs::write(&path, &bad).unwrap();
        let o = home.run(&["archive", "verify", s(&path)]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "byte {at} of {len}: {}",
            text(&o.stdout)
        );
    }

    // An edited register line is found.
    let log = std::fs::read_to_string(pubdir.join("log.jsonl")).unwrap();
    std::fs::write(
        pubdir.join("log.jsonl"),
        log.replacen("申报材料中的案例合同系伪造", "申报材料中的案例合同有误", 1),
    )
    .unwrap();
    home.fails(&["objection", "list", p], "log_broken");
}
