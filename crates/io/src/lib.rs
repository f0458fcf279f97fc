//! ReviewDesk's file IO (the imperative shell around `reviewdesk-core`): reads a
//! round folder — `round.toml`, its template and its `materials/` — into domain
//! types. Every error names the file, and where it can the field, that is wrong.
//!
//! A round folder looks like this (see `docs/formats.md`):
//!
//! ```text
//! round.toml          the round (format reviewdesk-round/1)
//! template.toml       optional: the template, when it is not a built-in one
//! materials/          one file per material listed in round.toml
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod round_folder;
pub mod templates;

pub use error::{LoadCode, LoadError};
#[cfg(debug_assertions)]
pub use round_folder::demo_round_dir;
pub use round_folder::{find_demo_round, load_round, parse_round, LoadedRound, MAX_MATERIAL_BYTES};
