//! The About screen: the version, the build's commit, and the third-party licence
//! notices shipped with the app.

use serde::Serialize;
use ts_rs::TS;

/// What the About screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutView {
    /// The app's version (the workspace's `version`).
    pub version: String,
    /// The git commit the app was built from (`unknown` when built outside a
    /// git checkout without `REVIEWDESK_COMMIT` set).
    pub commit: String,
    /// Where the demo round was found (the resource directory's `demo` folder in
    /// an installed app; the source tree's in a development build), if anywhere.
    pub demo_round: Option<String>,
    /// The licence notices found in the resource directory's `licenses` folder, in
    /// file name order; empty when none were shipped (a development build without
    /// `scripts/package.sh`'s generated notices).
    pub notices: Vec<NoticeView>,
}

/// One licence notice file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeView {
    /// Its file name (e.g. `rust-crates.txt`); the UI words the known ones.
    pub file: String,
    /// Its text.
    pub text: String,
}
