//! What the CLI tests that run `reviewdesk` in a throwaway home share.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Bytes as text (lossy), for messages.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A path as `&str`, for arguments.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A throwaway `HOME` (and data directory) the binary runs in.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    /// A new, empty one.
    pub fn new() -> Self {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A path inside it.
    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// Runs `reviewdesk ARGS` with no input.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("share"))
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }

    /// Runs a command that must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
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
