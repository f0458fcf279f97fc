//! The domain core stays pure: nothing in its dependency tree does IO of the kinds
//! the shell owns (window, database, keyring, PDF, OS directories).

use std::process::Command;

#[test]
fn the_core_depends_on_no_io_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "reviewdesk-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.starts_with("reviewdesk-core "), "{tree}");
    let forbidden = [
        "tauri",
        "rusqlite",
        "keyring",
        "printpdf",
        "directories",
        "wry",
        "tokio",
    ];
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        assert!(
            !forbidden
                .iter()
                .any(|f| name == *f || name.starts_with(&format!("{f}-"))),
            "reviewdesk-core depends on {name}:\n{tree}"
        );
    }
}
