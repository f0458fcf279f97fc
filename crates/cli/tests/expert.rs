//! Keys by name from the system keyring (`seal --organizer NAME`, `sheet sign --as
//! NAME`, `merge --as NAME`, `--as NAME` where an identity file is accepted) and the expert's import
//! with organizer pinning (`import PKG --as NAME [--trust FP]`, `workspace list`),
//! through the real binary and the real Secret Service: like `keys.rs`, these tests
//! expect a D-Bus session with an unlocked gnome-keyring, as `scripts/test.sh`
//! starts one. Each test has its own HOME and XDG directories (so its own identity
//! index and workspace); keyring items are keyed by fingerprint.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh user: HOME and every XDG directory inside one temporary directory.
struct User {
    dir: tempfile::TempDir,
}

impl User {
    fn new() -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "these tests need a D-Bus session with an unlocked gnome-keyring: run scripts/test.sh \
             (or see how it wraps `cargo test` in dbus-run-session)"
        );
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let d = self.dir.path();
        let mut c = Command::new(env!("CARGO_BIN_EXE_reviewdesk"));
        c.args(args)
            .current_dir(d)
            .env("HOME", d)
            .env("XDG_DATA_HOME", d.join(".local/share"))
            .env("XDG_CONFIG_HOME", d.join(".config"))
            .env("XDG_CACHE_HOME", d.join(".cache"))
            .env("XDG_STATE_HOME", d.join(".local/state"))
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs")
    }

    /// Runs and requires success; returns stdout.
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

    /// Runs and requires exit code `code`; returns stderr.
    fn fails(&self, code: i32, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{args:?} should exit {code}:\n{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        text(&o.stderr)
    }

    /// `key new`; returns the fingerprint (the last line).
    fn new_key(&self, name: &str, role: &str) -> String {
        let out = self.ok(&["key", "new", "--name", name, "--role", role]);
        out.lines().last().expect("a last line").to_string()
    }

    /// Every file under the user's directory, with its bytes.
    fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut todo = vec![self.dir.path().to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else {
                    let bytes = std::fs::read(&p).unwrap();
                    out.push((p, bytes));
                }
            }
        }
        out
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

/// A DEMO key file of the bundled round (for the panel members not in the keyring).
fn demo_key(name: &str) -> String {
    demo().join("keys").join(name).display().to_string()
}

/// The demo round's organizer key (DEMO), which is not the keyring's.
const DEMO_ORG_FP: &str = "SHA256:DO39ImbnXQ8ksuZQ1N8IcJ6oxz6TJh5MV5BL5Xai2zo";
/// The organizer name the demo round states: what the pin is kept under.
const ORGANIZER: &str = "广东省工业互联网产业联盟（受省工业和信息化厅委托）";
const ORG_NAME: &str = "主办单位";
const EXPERT_NAME: &str = "陈立新";
const CHAIR_NAME: &str = "组长";

/// A copy of the demo round whose organizer (ORG) and expert E01 are identities
/// in this user's keyring; the other panel members keep their DEMO cards.
struct Panel {
    round: PathBuf,
    org_fp: String,
    expert_fp: String,
}

fn panel(user: &User) -> Panel {
    let round = user.path("round");
    std::fs::create_dir_all(round.join("materials")).unwrap();
    std::fs::create_dir_all(round.join("cards")).unwrap();
    std::fs::copy(demo().join("round.toml"), round.join("round.toml")).unwrap();
    for sub in ["materials", "cards"] {
        for e in std::fs::read_dir(demo().join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), round.join(sub).join(e.file_name())).unwrap();
        }
    }
    let org_fp = user.new_key(ORG_NAME, "organizer");
    let expert_fp = user.new_key(EXPERT_NAME, "expert");
    let card = |name: &str, file: &str| {
        user.ok(&[
            "key",
            "card",
            "--name",
            name,
            "-o",
            s(&round.join("cards").join(file)),
        ])
    };
    card(ORG_NAME, "ORG.card");
    card(EXPERT_NAME, "E01.card");
    Panel {
        round,
        org_fp,
        expert_fp,
    }
}

/// The package id `seal` printed for `out`.
fn package_id(seal_out: &str, out: &Path) -> String {
    let line = seal_out
        .lines()
        .find(|l| l.contains(s(out)))
        .unwrap_or_else(|| panic!("no line for {} in\n{seal_out}", out.display()));
    line.split_whitespace()
        .find(|w| w.len() == 32 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("no package id in {line}"))
        .to_string()
}

fn assert_no_private_key_on_disk(user: &User) {
    for (path, bytes) in user.files() {
        let t = text(&bytes);
        assert!(
            !t.contains("AGE-SECRET-KEY") && !t.contains("PRIVATE KEY"),
            "{} holds a private key in the clear",
            path.display()
        );
    }
}

/// E01 signs a sheet against `whole` by name (the keyring's key): every assigned
/// applicant declared, one score for A01; the package is imported into the
/// user's workspace on the way, the organizer confirmed by `org_fp`.
fn sign_by_name(user: &User, whole: &Path, org_fp: &str) -> PathBuf {
    let scores = user.path("scores.json");
    std::fs::write(
        &scores,
        r#"{"expert":"E01","declarations":[{"applicant":"A01"},{"applicant":"A02"},{"applicant":"A03"},{"applicant":"A04"},{"applicant":"A05"},{"applicant":"A06"},{"applicant":"A07"},{"applicant":"A08"}],"scores":[{"applicant":"A01","stage":"written","indicator":"w_basic","value":"8.5"}]}"#,
    )
    .unwrap();
    let sheet = user.path("E01.rdsheet");
    user.ok(&[
        "sheet",
        "sign",
        "--package",
        s(whole),
        "--as",
        EXPERT_NAME,
        "--trust",
        org_fp,
        "--input",
        s(&scores),
        "-o",
        s(&sheet),
    ]);
    sheet
}

#[test]
fn seal_and_sheet_sign_take_keys_by_name_from_the_keyring() {
    let user = User::new();
    let p = panel(&user);
    let whole = user.path("whole.rdpkg");
    let per = user.path("per");
    user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        ORG_NAME,
        "-o",
        s(&whole),
        "--per-expert",
        s(&per),
    ]);
    // Signed by the keyring's organizer key, not by the DEMO one.
    let out = user.ok(&[
        "--lang",
        "en",
        "verify",
        s(&whole),
        "--organizer",
        &p.org_fp,
    ]);
    assert!(out.contains(&p.org_fp), "{out}");
    let err = user.fails(1, &["verify", s(&whole), "--organizer", DEMO_ORG_FP]);
    assert!(err.contains("unknown_signer"), "{err}");
    // --as where an identity file is accepted: inspect lists the roster with it.
    let out = user.ok(&[
        "--lang",
        "en",
        "inspect",
        s(&per.join("E01.rdpkg")),
        "--as",
        EXPERT_NAME,
    ]);
    assert!(
        out.contains(&p.expert_fp) && out.contains("Recipients: 3"),
        "{out}"
    );
    let out = user.ok(&["verify", s(&whole), "--as", EXPERT_NAME]);
    assert!(
        out.contains("已解密，明文大小与 SHA-256 与索引一致"),
        "{out}"
    );

    // The expert signs by name.
    let sheet = sign_by_name(&user, &whole, &p.org_fp);
    // The chair (a DEMO key file) verifies it: signed by the keyring's expert key.
    let out = user.ok(&[
        "--lang",
        "en",
        "verify",
        s(&sheet),
        "--package",
        s(&whole),
        "--identity",
        &demo_key("C01.age"),
    ]);
    assert!(
        out.contains("Expert: E01") && out.contains(&format!("Signed by: {}", p.expert_fp)),
        "{out}"
    );
    let out = user.ok(&[
        "--lang",
        "en",
        "sheet",
        "show",
        s(&sheet),
        "--as",
        EXPERT_NAME,
        "--package",
        s(&whole),
    ]);
    assert!(out.contains("\"8.5\""), "{out}");
    // Its signature, exported with --as, checks with ssh-keygen.
    let sig = user.path("sig");
    let out = user.ok(&[
        "export-signature",
        s(&sheet),
        "-o",
        s(&sig),
        "--package",
        s(&whole),
        "--as",
        EXPERT_NAME,
    ]);
    let cmd = out.lines().last().unwrap();
    assert!(cmd.contains(&p.expert_fp), "{cmd}");
    let o = Command::new("sh")
        .args(["-c", cmd])
        .current_dir(user.dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    // The organizer's name cannot sign a sheet: it is not an expert of the package.
    let err = user.fails(
        1,
        &[
            "sheet",
            "sign",
            "--package",
            s(&whole),
            "--as",
            ORG_NAME,
            "--input",
            s(&user.path("scores.json")),
            "-o",
            s(&user.path("x.rdsheet")),
        ],
    );
    assert!(
        err.contains("[not_an_expert]") && err.contains("不是此评审包中的评审专家"),
        "{err}"
    );
    assert!(!user.path("x.rdsheet").exists());
    assert_no_private_key_on_disk(&user);
}

#[test]
fn merge_takes_the_chair_by_name_from_the_keyring() {
    let user = User::new();
    let p = panel(&user);
    let chair_fp = user.new_key(CHAIR_NAME, "chair");
    user.ok(&[
        "key",
        "card",
        "--name",
        CHAIR_NAME,
        "-o",
        s(&p.round.join("cards").join("C01.card")),
    ]);
    let whole = user.path("whole.rdpkg");
    user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        ORG_NAME,
        "-o",
        s(&whole),
    ]);
    let sheet = sign_by_name(&user, &whole, &p.org_fp);

    // Exactly one key form: both, neither, or a key file without its identity file
    // are usage errors that name the options; nothing is written.
    let bundle = user.path("result.rdbundle");
    let merge = |extra: &[&str]| {
        // No package was imported in this home, so nothing is pinned: the
        // organizer's key is given.
        let mut args = vec![
            "--lang",
            "en",
            "merge",
            "--package",
            s(&whole),
            "--organizer",
            &p.org_fp,
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-o", s(&bundle), s(&sheet)]);
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let args = merge(extra);
        user.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let usage = |extra: &[&str]| {
        let o = run(extra);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", text(&o.stderr));
        text(&o.stderr)
    };
    let c01_key = demo_key("C01.key");
    let c01_age = demo_key("C01.age");
    let err = usage(&[
        "--as",
        CHAIR_NAME,
        "--key",
        &c01_key,
        "--identity",
        &c01_age,
    ]);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = usage(&[]);
    assert!(err.contains("--as <NAME>|--key <FILE>"), "{err}");
    let err = usage(&["--key", &c01_key]);
    assert!(err.contains("--identity"), "{err}");
    let err = usage(&["--identity", &c01_age]);
    assert!(err.contains("--key"), "{err}");
    assert!(!bundle.exists());

    // The DEMO chair's key files are no longer the package's chair.
    let o = run(&["--key", &c01_key, "--identity", &c01_age]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!bundle.exists(), "{}", text(&o.stderr));

    // By name: the chair's keys from the keyring, no key file anywhere.
    let o = run(&["--as", CHAIR_NAME]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}{}", text(&o.stderr));
    assert!(out.starts_with("accepted  E01 revision 1"), "{out}");
    assert!(bundle.is_file());
    // The organizer verifies it by name (the chain and the recomputed merge), and
    // the bundle is signed by the keyring's chair key.
    user.ok(&[
        "verify",
        s(&bundle),
        "--organizer",
        &p.org_fp,
        "--as",
        ORG_NAME,
    ]);
    let out = user.ok(&["--lang", "en", "inspect", s(&bundle), "--as", CHAIR_NAME]);
    assert!(out.contains(&chair_fp), "{out}");
    // An expert's name cannot merge: not the package's chair.
    let before = std::fs::read(&bundle).unwrap();
    let o = run(&["--as", EXPERT_NAME]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("not_the_chair"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(std::fs::read(&bundle).unwrap(), before);
    assert_no_private_key_on_disk(&user);
}

#[test]
fn exactly_one_key_form_and_no_keyring_is_exit_5() {
    let user = User::new();
    let p = panel(&user);
    let out = user.path("x.rdpkg");
    // Both forms, or neither: usage errors (exit 2) that name the options.
    let err = user.fails(
        2,
        &[
            "seal",
            s(&p.round),
            "--organizer",
            ORG_NAME,
            "--signing-key",
            &demo_key("ORG.key"),
            "-o",
            s(&out),
        ],
    );
    assert!(
        err.contains("--organizer") && err.contains("不能与"),
        "{err}"
    );
    let err = user.fails(2, &["seal", s(&p.round), "-o", s(&out)]);
    assert!(
        err.contains("--organizer <NAME>|--signing-key <FILE>"),
        "{err}"
    );
    let sign = |extra: &[&str]| {
        let mut args = vec![
            "sheet",
            "sign",
            "--package",
            "p.rdpkg",
            "--input",
            "s.json",
            "-o",
            "x.rdsheet",
        ];
        args.extend_from_slice(extra);
        user.fails(2, &args)
    };
    let e01_age = demo_key("E01.age");
    let e01_key = demo_key("E01.key");
    let err = sign(&["--as", EXPERT_NAME, "--identity", &e01_age]);
    assert!(err.contains("不能与"), "{err}");
    let err = sign(&["--signing-key", &e01_key]);
    assert!(err.contains("--identity"), "{err}");
    let err = sign(&[]);
    assert!(err.contains("--as <NAME>|--signing-key <FILE>"), "{err}");
    let err = user.fails(
        2,
        &[
            "verify",
            "p.rdpkg",
            "--as",
            EXPERT_NAME,
            "--identity",
            &e01_age,
        ],
    );
    assert!(err.contains("不能与"), "{err}");
    let err = user.fails(2, &["sheet", "show", "x.rdsheet", "--package", "p.rdpkg"]);
    assert!(err.contains("--as <NAME>|--identity <FILE>"), "{err}");

    // An unknown name is named.
    let err = user.fails(
        1,
        &["seal", s(&p.round), "--organizer", "无此人", "-o", s(&out)],
    );
    assert!(
        err.contains("[unknown_name]") && err.contains("本机没有名为「无此人」的身份"),
        "{err}"
    );

    // Without a usable keyring: the hint, exit 5, nothing written.
    let no_bus = |args: &[&str]| {
        user.command(args)
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", s(&user.path("no-bus-here"))),
            )
            .env_remove("DISPLAY")
            .output()
            .expect("runs")
    };
    let o = no_bus(&["seal", s(&p.round), "--organizer", ORG_NAME, "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("[no_keyring] 没有可用的密钥环")
            && text(&o.stderr).contains("gnome-keyring-daemon --unlock"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
    let o = no_bus(&["import", "p.rdpkg", "--as", EXPERT_NAME]);
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
}

#[test]
fn import_pins_the_organizer_key_and_refuses_what_it_must() {
    let user = User::new();
    let p = panel(&user);
    let whole = user.path("whole.rdpkg");
    let per = user.path("per");
    let sealed = user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        ORG_NAME,
        "-o",
        s(&whole),
        "--per-expert",
        s(&per),
    ]);
    let mine = per.join("E01.rdpkg");
    let my_id = package_id(&sealed, &mine);
    let import = |pkg: &Path, extra: &[&str]| {
        let mut args = vec!["import", s(pkg), "--as", EXPERT_NAME];
        args.extend_from_slice(extra);
        user.run(&args)
    };
    let refused = |o: Output, code: &str| {
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        let err = text(&o.stderr);
        assert!(err.contains(&format!("[{code}]")), "{err}");
        err
    };

    // First package from this organizer: refused until the user confirms the key;
    // the message shows the fingerprint to compare and the command to confirm it.
    let err = refused(import(&mine, &[]), "organizer_not_pinned");
    assert!(
        err.contains(&p.org_fp) && err.contains(&format!("--trust {}", p.org_fp)),
        "{err}"
    );
    assert!(err.contains("未导入任何内容"), "Chinese by default: {err}");
    let list = user.ok(&["--lang", "en", "workspace", "list"]);
    assert!(
        list.contains("No packages") && list.contains("No organizer key pinned"),
        "{list}"
    );
    // A fingerprint that is not the signer's.
    let err = refused(import(&mine, &["--trust", DEMO_ORG_FP]), "trust_mismatch");
    assert!(
        err.contains(DEMO_ORG_FP) && err.contains(&p.org_fp),
        "{err}"
    );
    let err = user.fails(
        2,
        &["import", s(&mine), "--as", EXPERT_NAME, "--trust", "abc"],
    );
    assert!(err.contains("--trust"), "{err}");

    // Confirmed: imported and pinned.
    let o = user
        .command(&[
            "--lang",
            "en",
            "import",
            s(&mine),
            "--as",
            EXPERT_NAME,
            "--trust",
            &p.org_fp,
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for want in [
        format!("Imported package: {my_id}"),
        "Round: gd-pool-2026-01".into(),
        format!("You: E01 ({EXPERT_NAME}, {})", p.expert_fp),
        format!("Organizer key: {} (confirmed and pinned now", p.org_fp),
    ] {
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }

    // The same package again.
    let err = refused(import(&mine, &[]), "already_imported");
    assert!(
        err.contains(&my_id) && err.contains("workspace list"),
        "{err}"
    );
    // Another expert's package: not encrypted to this identity.
    let err = refused(import(&per.join("E02.rdpkg"), &[]), "not_a_recipient");
    assert!(err.contains(&p.expert_fp), "{err}");
    // A damaged copy.
    let mut bytes = std::fs::read(&whole).unwrap();
    let n = bytes.len();
    bytes[n - 1] ^= 1;
    let damaged = user.path("damaged.rdpkg");
    std::fs::write(&damaged, bytes).unwrap();
    let err = refused(import(&damaged, &[]), "hash_mismatch");
    assert!(err.contains("material.M08"), "{err}");

    // Another key signing for the same organizer: refused, both fingerprints shown.
    let other_fp = user.new_key("冒充者", "organizer");
    let org_card = p.round.join("cards/ORG.card");
    user.ok(&["key", "card", "--name", "冒充者", "-o", s(&org_card)]);
    let forged = user.path("forged.rdpkg");
    user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        "冒充者",
        "-o",
        s(&forged),
    ]);
    let err = refused(import(&forged, &[]), "organizer_changed");
    assert!(
        err.contains(&format!("此前固定的指纹：{}", p.org_fp))
            && err.contains(&format!("本评审包签名者：{other_fp}"))
            && err.contains(&format!("--trust {other_fp}")),
        "{err}"
    );

    // Past the round's deadline.
    user.ok(&["key", "card", "--name", ORG_NAME, "-o", s(&org_card)]);
    let round_toml = p.round.join("round.toml");
    let authored = std::fs::read_to_string(&round_toml).unwrap();
    std::fs::write(
        &round_toml,
        authored.replacen(
            "template = \"gd-supplier-recognition\"",
            "template = \"gd-supplier-recognition\"\ndeadline = \"2021-06-30\"",
            1,
        ),
    )
    .unwrap();
    let late = user.path("late.rdpkg");
    user.ok(&["seal", s(&p.round), "--organizer", ORG_NAME, "-o", s(&late)]);
    let err = refused(import(&late, &[]), "expired");
    assert!(err.contains("2021-06-30"), "{err}");
    std::fs::write(&round_toml, &authored).unwrap();

    // Nothing refused was recorded: one package, one pin.
    let list = user.ok(&["--lang", "en", "workspace", "list"]);
    assert!(
        list.contains(&my_id) && list.contains("Packages: 1") && list.contains("current"),
        "{list}"
    );
    assert!(
        list.contains("Pinned organizer keys: 1")
            && list.contains(ORGANIZER)
            && list.contains(&p.org_fp)
            && !list.contains(&other_fp),
        "{list}"
    );

    // Sealed again without a newer revision: the same revision 1 is refused
    // (stale_package, both revisions named).
    let same = user.path("same");
    user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        ORG_NAME,
        "--per-expert",
        s(&same),
    ]);
    let err = refused(import(&same.join("E01.rdpkg"), &[]), "stale_package");
    assert!(
        err.contains("第 1 版") && err.contains("已有第 1 版"),
        "{err}"
    );

    // A newer package (revision 2) of the same round from the pinned key: no
    // --trust needed; it supersedes the first.
    let toml = std::fs::read_to_string(p.round.join("round.toml")).unwrap();
    std::fs::write(
        p.round.join("round.toml"),
        format!("package_revision = 2\n{toml}"),
    )
    .unwrap();
    let newer = user.path("newer");
    let sealed = user.ok(&[
        "seal",
        s(&p.round),
        "--organizer",
        ORG_NAME,
        "--per-expert",
        s(&newer),
    ]);
    let newer_pkg = newer.join("E01.rdpkg");
    let newer_id = package_id(&sealed, &newer_pkg);
    let out = user.ok(&["import", s(&newer_pkg), "--as", EXPERT_NAME]);
    assert!(
        out.contains(&newer_id)
            && out.contains("与此前固定的密钥一致")
            && out.contains(&format!("替代较早的评审包: {my_id}")),
        "{out}"
    );
    let list = user.ok(&["workspace", "list"]);
    assert!(
        list.contains(&format!("已被替代：{newer_id}")) && list.contains("当前"),
        "{list}"
    );
    assert_no_private_key_on_disk(&user);
}
