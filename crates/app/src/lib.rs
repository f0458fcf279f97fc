//! ReviewDesk's app session: what the desktop app does for each command, without
//! Tauri. The shell holds one [`Session`] behind a lock, runs each command's method
//! off the UI thread and sends back the view or the [`IpcError`]; the methods are
//! unit-tested here against a temporary workspace, without a window.
//!
//! The session owns what all desks share: the workspace (opened on first use), the
//! identity chosen (keys in memory only, loaded from the keyring), the clock, and
//! the round, package or sheets open at each desk.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod about;
mod authoring;
mod calendar;
mod chair;
mod expert;
mod identity;
mod organizer;
mod publication;
mod register;
mod result_bundle;
mod session;
mod stages;

pub use about::{about, LICENSES_DIR};
pub use reviewdesk_io::find_demo_round;
pub use session::{Clock, Session, SessionConfig};
pub use stages::Progress;
