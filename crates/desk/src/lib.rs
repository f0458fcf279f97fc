//! ReviewDesk's application services over round folders and the files that cross
//! between people — what the CLI and the desktop shell both call.
//!
//! - [`seal_round`]: a round folder (with the panel's key cards in `cards/`) into a
//!   sealed package, whole or [per expert](Scope::Expert) with a filtered round.
//! - [`inspect_package`], [`verify_package`]: no private key needed to check every
//!   signature and hash; with an identity, every plaintext too.
//! - [`sign_sheet`], [`open_sheet`]: an expert's score sheet against a package.
//! - [`merge`]: the chair's sheets into a result bundle, carrying the package's
//!   organizer's decisions; [`verify_bundle`]: the bundle's whole chain, then its
//!   merge and the decisions recomputed from the signed inputs.
//! - [`package_signature`], [`sheet_signature`], [`bundle_signature`],
//!   [`card_signature`]: a signed
//!   payload and its detached signature for `ssh-keygen -Y verify`;
//!   [`encrypted_entry`]: one material's raw age file for `age -d`.
//!
//! The formats themselves live in `reviewdesk-formats`; this crate adds the round
//! folder, files on disk (always written through a temporary file and renamed) and
//! the order of the checks. Keys come in as arguments: no keyring, no prompts, no
//! terminal, no window.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bundle;
pub mod calendar;
mod cards;
mod chair;
mod clock;
mod decisions;
mod error;
mod expert;
mod export;
mod files;
mod handout;
mod merge;
mod package;
mod print;
pub mod publication;
mod recheck;
pub mod register;
mod results;
mod seal;
mod sheet;
mod sheet_sign;
mod stages;

pub use bundle::{
    encrypted_file_kind, encrypted_kind, open_bundle, open_bundle_file, recompute_bundle,
    verify_bundle, verify_bundle_file, verify_draw, BundleVerification, DrawCheck, EncryptedKind,
};
pub use calendar::{
    calendar_years, import_calendar_year, round_calendar, CalendarImport, CalendarYearLine,
    ImportedYear, YearOrigin, CALENDAR_ENTRY,
};
pub use cards::{
    ensure_organizer_card, load_cards, PanelCards, PersonCard, CARDS_DIR, MAX_CARD_FILES,
};
pub use chair::{
    sheet_files_in, ChairDesk, ChairOverview, ImportLine, ImportOutcome, SHEET_EXTENSION,
};
pub use decisions::{check_decisions, decisions_bytes, read_decisions, DECISIONS_ENTRY};
pub use error::{every_desk_error, listed, shortened, DeskCode, DeskError, LISTED, QUOTED};
pub use expert::{
    import_package, import_package_with_progress, ExpertDesk, Imported, Now, RecheckItem,
    SignedSheet, Trust,
};
pub use export::{
    bundle_signature, card_signature, encrypted_entry, package_signature, sheet_signature,
    write_encrypted_entry, ExportedFiles, SignatureExport,
};
pub use files::{
    parse_identities, read, read_identities, read_limited, read_signing_key, sha256_limited,
    write_atomically, write_bytes, Limited, LimitedFile,
};
pub use handout::{
    handout_csv, handout_pdf, seal_for_handout, seal_for_handout_part, HandOut, HandOutLine,
    HANDOUT_CSV, HANDOUT_PDF,
};
pub use merge::{
    canonical_json, check_audit_log, check_chair, check_sheets, merge, merge_accepted,
    merge_to_file, package_rules, parse_rules, run_compute, set_draw, sheet_audit, sheet_part,
    written_result_hash, CheckedSheet, MergeOptions, Merged, PackageRules, SheetChecks,
    SheetOutcome, SheetReport,
};
pub use package::{
    check_newer, file_kind, file_kind_of, inspect_package, kept_revision, open_package,
    verify_package, EntryInfo, FileKind, Inspection, Verification,
};
pub use print::{oriented_image, score_sheet_pdf, PrintedSheet};
pub use recheck::{
    flags_of_sheets, open_recheck, request_flags, write_recheck, RecheckCells, WrittenRecheck,
};
pub use results::{result_reports, write_result_reports, ReportFile};
pub use seal::{
    contents, new_package_id, round_for_expert, round_toml_for_expert, seal_family, seal_family_on,
    seal_family_part_on, seal_round, seal_round_to_file, seal_round_to_file_on, Contents, Scope,
    Source,
};
pub use sheet::{
    check_scores, open_for_member, open_sheet, open_sheet_file, open_sheet_plaintext, sign_sheet,
    verify_sheet, verify_sheet_file, OpenPackage, SheetDraft, SheetVerification,
};
pub use sheet_sign::{sign_scores, Entered};
pub use stages::{
    add_substitute, advance_csv, advance_list, advance_pdf, drawn_sample, open_next_stage,
    open_sampled_stage, outcome_label, write_advance_list, AdvanceList, HandOutTo, Substitute,
    Substituted, ADVANCE_CSV, ADVANCE_PDF,
};
