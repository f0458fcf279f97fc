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
//!
//! It also imports applicants from a spreadsheet (XLSX, XLS, ODS, CSV) into
//! `round.toml` ([`import_applicants`]), and materials from a folder
//! ([`import_materials`]), the panel from an expert list and key cards
//! ([`import_panel`]), records the eligibility check ([`record_eligibility`]) and
//! the organizer's decisions on conflicts and recusal requests
//! ([`dismiss_round_conflict`], [`add_round_recusal`], [`rule_round_recusal`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod applicants;
mod assignments;
mod eligibility;
mod error;
mod materials;
mod new_round;
mod panel;
pub mod programs;
mod recusal;
mod revision;
mod round_edit;
mod round_folder;
mod sheet;
pub mod templates;

pub use applicants::every_import_error;
pub use applicants::{
    import_applicants, plan_applicant_import, write_applicant_import, write_atomically,
    ApplicantImport, ImportCode, ImportError,
};
pub use assignments::{assign_round, plan_assignment, AssignRequest, AssignmentEdit};
pub use eligibility::{record_eligibility, Checked};
pub use error::{every_load_error, LoadCode, LoadError};
pub use materials::{
    import_materials, plan_material_import, set_stale_reason, write_material_import, MaterialImport,
};
pub use new_round::{create_round, new_round_text, round_id_for, NewRound};
pub use panel::{import_panel, plan_panel_import, write_panel_import, PanelImport, CARDS_DIR};
pub use recusal::{
    add_round_recusal, conflict_report, conflicts_as_of, dismiss_round_conflict, rule_round_recusal,
};
pub use revision::record_next_revision;
#[cfg(debug_assertions)]
pub use round_folder::demo_round_dir;
pub use round_folder::{
    find_demo_round, load_round, parse_round, sealing_blockers, LoadedRound, MAX_MATERIAL_BYTES,
};
pub use sheet::{decode_csv, read_sheet, SheetCode, SheetError, MAX_SHEET_BYTES};

/// The first ten of `items`, joined by "；", then "……等共 N 处" when there were more:
/// a Chinese message names a few problems and counts the rest.
pub(crate) fn listed_zh(items: impl IntoIterator<Item = String>) -> String {
    let mut shown = Vec::new();
    let mut n = 0usize;
    for item in items {
        if shown.len() < 10 {
            shown.push(item);
        }
        n += 1;
    }
    let mut text = shown.join("；");
    if n > shown.len() {
        text.push_str(&format!("……等共 {n} 处"));
    }
    text
}
