//! `reviewdesk key …` through the real binary and the real Secret Service: these tests
//! expect a D-Bus session with an unlocked gnome-keyring, as `scripts/test.sh` starts
//! one. Each test has its own HOME and XDG directories; the keyring is shared, and
//! items are keyed by fingerprint, so tests never see each other's keys.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
            .env("HOME", d)
            .env("XDG_DATA_HOME", d.join(".local/share"))
            .env("XDG_CONFIG_HOME", d.join(".config"))
            .env("XDG_CACHE_HOME", d.join(".cache"))
            .env("XDG_STATE_HOME", d.join(".local/state"));
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs")
    }

    /// Runs and requires success.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    }

    /// `key new`; returns the fingerprint (the last line).
    fn new_key(&self, name: &str, role: &str) -> String {
        let out = self.ok(&["key", "new", "--name", name, "--role", role]);
        let fp = out.lines().last().expect("a last line").to_string();
        assert!(
            fp.starts_with("SHA256:") && fp.len() == 50,
            "last line is not a fingerprint: {out}"
        );
        fp
    }

    fn passphrase_file(&self, pass: &str) -> PathBuf {
        let p = self.path(&format!("pass-{}", pass.len()));
        std::fs::write(&p, format!("{pass}\n")).unwrap();
        p
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

/// The keyring item of a fingerprint, read by libsecret's own tool.
fn secret_tool_lookup(fp: &str) -> Output {
    Command::new("secret-tool")
        .args(["lookup", "service", "reviewdesk", "username", fp])
        .output()
        .expect("secret-tool runs")
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

#[test]
fn new_stores_both_keys_in_the_secret_service_and_prints_the_fingerprint_last() {
    let user = User::new();
    let fp = user.new_key("王小明", "expert");

    let item = secret_tool_lookup(&fp);
    assert!(item.status.success(), "{}", text(&item.stderr));
    let item = text(&item.stdout);
    assert!(
        item.starts_with("reviewdesk-identity/1\nname: 王小明\nrole: expert\n"),
        "{item}"
    );
    assert!(item.contains("AGE-SECRET-KEY-1") && item.contains("OPENSSH PRIVATE KEY"));

    let list = user.ok(&["key", "list"]);
    assert!(
        list.contains("王小明") && list.contains(&fp) && list.contains("评审专家"),
        "{list}"
    );
    let list = user.ok(&["--lang", "en", "key", "list"]);
    assert!(list.contains("expert") && list.contains(&fp), "{list}");
    assert_no_private_key_on_disk(&user);
}

#[test]
fn list_without_identities_says_how_to_make_one() {
    let user = User::new();
    let out = user.ok(&["--lang", "en", "key", "list"]);
    assert!(
        out.contains("No identities") && out.contains("key new"),
        "{out}"
    );
}

#[test]
fn new_refuses_a_name_already_taken() {
    let user = User::new();
    let fp = user.new_key("组长", "chair");
    let o = user.run(&["key", "new", "--name", "组长", "--role", "expert"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("[name_taken]") && err.contains("已经存在") && err.contains(&fp),
        "{err}"
    );
}

#[test]
fn bad_names_and_roles_are_refused() {
    let user = User::new();
    let o = user.run(&["key", "new", "--name", "A", "--role", "admin"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let o = user.run(&["key", "new", "--name", " A", "--role", "expert"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[bad_name]") && text(&o.stderr).contains("不允许"),
        "{}",
        text(&o.stderr)
    );
    assert!(user.files().is_empty());
}

#[test]
fn without_a_secret_service_new_says_how_to_fix_it_and_writes_nothing() {
    let user = User::new();
    let o = user
        .command(&["key", "new", "--name", "王小明", "--role", "expert"])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", s(&user.path("no-bus-here"))),
        )
        .env_remove("DISPLAY")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    for part in [
        "[no_keyring] 没有可用的密钥环",
        "Secret Service",
        "gnome-keyring-daemon --unlock",
        "dbus-run-session",
    ] {
        assert!(err.contains(part), "missing {part:?} in: {err}");
    }
    assert!(o.stdout.is_empty(), "{}", text(&o.stdout));
    assert!(
        user.files().is_empty(),
        "wrote {:?}",
        user.files().iter().map(|f| &f.0).collect::<Vec<_>>()
    );
}

#[test]
fn ssh_keygen_verifies_what_a_new_key_signed_against_our_allowed_signers() {
    let user = User::new();
    let fp = user.new_key("王小明", "expert");
    let org = user.new_key("主办单位", "organizer");
    let card = user.path("wang.card");
    let org_card = user.path("org.card");
    user.ok(&["key", "card", "--name", "王小明", "-o", s(&card)]);
    user.ok(&["key", "card", "--name", "主办单位", "-o", s(&org_card)]);
    let signers = user.path("allowed_signers");
    let out = user.ok(&[
        "key",
        "allowed-signers",
        s(&card),
        s(&org_card),
        "-o",
        s(&signers),
    ]);
    assert!(out.contains(&fp) && out.contains(&org), "{out}");

    // The card is signed by the key in the keyring (namespace reviewdesk-keycard@v1):
    // its body and armor, checked by OpenSSH.
    let bytes = std::fs::read(&card).unwrap();
    let armor_at = text(&bytes)
        .find("-----BEGIN SSH SIGNATURE-----\n")
        .expect("armor");
    let (body, armor) = bytes.split_at(armor_at);
    let sig = user.path("card.sig");
    std::fs::write(&sig, armor).unwrap();
    let verify = |namespace: &str, msg: &[u8]| {
        let mut c = Command::new("ssh-keygen")
            .args([
                "-Y",
                "verify",
                "-f",
                s(&signers),
                "-I",
                &fp,
                "-n",
                namespace,
            ])
            .args(["-s", s(&sig)])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("ssh-keygen runs");
        use std::io::Write;
        c.stdin.take().unwrap().write_all(msg).unwrap();
        c.wait_with_output().unwrap()
    };
    let o = verify("reviewdesk-keycard@v1", body);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&fp), "{}", text(&o.stdout));

    let mut flipped = body.to_vec();
    flipped[30] ^= 1;
    assert!(!verify("reviewdesk-keycard@v1", &flipped).status.success());
    // An expert's key is not allowed to sign package manifests.
    assert!(!verify("reviewdesk-package-manifest@v1", body)
        .status
        .success());
}

#[test]
fn allowed_signers_refuses_a_tampered_card_and_writes_nothing() {
    let user = User::new();
    user.new_key("王小明", "expert");
    let card = user.path("wang.card");
    user.ok(&["key", "card", "--name", "王小明", "-o", s(&card)]);
    let forged = user.path("forged.card");
    let t = std::fs::read_to_string(&card)
        .unwrap()
        .replace("role: expert", "role: chair");
    std::fs::write(&forged, t).unwrap();
    let signers = user.path("allowed_signers");
    let o = user.run(&[
        "key",
        "allowed-signers",
        s(&card),
        s(&forged),
        "-o",
        s(&signers),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("forged.card") && err.contains("signature"),
        "{err}"
    );
    assert!(!signers.exists());
}

#[test]
fn card_of_an_unknown_name_fails() {
    let user = User::new();
    let o = user.run(&["key", "card", "--name", "nobody", "-o", s(&user.path("c"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[unknown_name] 本机没有名为「nobody」的身份"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn backup_then_delete_then_restore_gives_back_the_same_key() {
    let user = User::new();
    let fp = user.new_key("王小明", "expert");
    let backup = user.path("wang.backup");
    let pass = user.passphrase_file("correct horse battery staple");
    user.ok(&[
        "key",
        "backup",
        "--name",
        "王小明",
        "-o",
        s(&backup),
        "--passphrase-file",
        s(&pass),
    ]);
    let bytes = std::fs::read(&backup).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_no_private_key_on_disk(&user);

    // The keyring loses the key (deleted by libsecret's own tool).
    let cleared = Command::new("secret-tool")
        .args(["clear", "service", "reviewdesk", "username", &fp])
        .output()
        .unwrap();
    assert!(cleared.status.success(), "{}", text(&cleared.stderr));
    assert!(!secret_tool_lookup(&fp).status.success());
    let o = user.run(&["key", "card", "--name", "王小明", "-o", s(&user.path("c"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("key restore"),
        "{}",
        text(&o.stderr)
    );

    let out = user.ok(&["key", "restore", s(&backup), "--passphrase-file", s(&pass)]);
    assert_eq!(out.lines().last(), Some(fp.as_str()), "{out}");
    assert!(secret_tool_lookup(&fp).status.success());
    user.ok(&["key", "card", "--name", "王小明", "-o", s(&user.path("c"))]);

    // On another computer (another user), the backup brings the identity along.
    let other = User::new();
    let out = other.ok(&["key", "restore", s(&backup), "--passphrase-file", s(&pass)]);
    assert_eq!(out.lines().last(), Some(fp.as_str()));
    assert!(other.ok(&["key", "list"]).contains(&fp));
}

#[test]
fn restore_with_a_wrong_passphrase_fails_clearly_and_restores_nothing() {
    let user = User::new();
    user.new_key("王小明", "expert");
    let backup = user.path("wang.backup");
    let pass = user.passphrase_file("right");
    user.ok(&[
        "key",
        "backup",
        "--name",
        "王小明",
        "-o",
        s(&backup),
        "--passphrase-file",
        s(&pass),
    ]);
    let other = User::new();
    let wrong = other.passphrase_file("wrong passphrase");
    let o = other.run(&["key", "restore", s(&backup), "--passphrase-file", s(&wrong)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[wrong_passphrase] 备份的口令不对"),
        "{}",
        text(&o.stderr)
    );
    assert!(other
        .ok(&["--lang", "en", "key", "list"])
        .contains("No identities"));

    let o = other.run(&["key", "restore", s(&pass), "--passphrase-file", s(&wrong)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("[not_a_backup] 这不是评审台的身份备份文件"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn backup_without_a_terminal_or_passphrase_file_says_so() {
    let user = User::new();
    user.new_key("王小明", "expert");
    let backup = user.path("b");
    // `setsid`: a new session has no controlling terminal to ask on, even when the
    // tests themselves run in one.
    let env = user.command(&[]);
    let o = Command::new("setsid")
        .arg("--wait")
        .arg(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(["key", "backup", "--name", "王小明", "-o", s(&backup)])
        .envs(env.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("--passphrase-file"),
        "{}",
        text(&o.stderr)
    );
    assert!(!backup.exists());
}

#[test]
fn list_needs_no_keyring_but_a_card_does() {
    let user = User::new();
    let fp = user.new_key("王小明", "expert");
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
    let o = no_bus(&["key", "list"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&fp));
    let card = user.path("wang.card");
    let o = no_bus(&["key", "card", "--name", "王小明", "-o", s(&card)]);
    assert_eq!(o.status.code(), Some(5));
    assert!(
        text(&o.stderr).contains("[no_keyring] 没有可用的密钥环"),
        "{}",
        text(&o.stderr)
    );
    assert!(!card.exists());
}
