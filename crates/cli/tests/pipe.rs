//! A reader that goes away (`reviewdesk demo | head -1`) ends the CLI quietly, as
//! it ends other Unix tools: killed by SIGPIPE, no panic, no "Broken pipe" message.

#![cfg(unix)]

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_cli_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reviewdesk"))
        .args(["demo", "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("reviewdesk starts");
    // The reader goes away before the CLI has printed anything (it is still
    // starting): its first print meets a closed pipe.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr reads");
    let status = child.wait().expect("reviewdesk ends");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "stderr: {err}"
    );
    assert_ne!(status.code(), Some(101), "exit status {status:?}");
    // SIGPIPE ended it, as it ends `yes | head -1`.
    assert_eq!(status.signal(), Some(SIGPIPE), "exit status {status:?}");
}

/// SIGPIPE's number on Linux and the BSDs.
const SIGPIPE: i32 = 13;
