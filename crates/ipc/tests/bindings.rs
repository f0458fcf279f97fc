//! The TypeScript bindings in `ui/src/lib/bindings/` must be exactly what ts-rs
//! generates from the Rust types today. Run `UPDATE_BINDINGS=1 cargo test -p
//! reviewdesk-ipc --test bindings` after changing an IPC type, and commit the result.

use reviewdesk_ipc::{
    ApplicantImportView, ApplicantPlanView, BundleView, ChairImportView, ChairPackageView,
    DeskKind, FinalPublishedView, HomeView, IdentityView, ImportView, IpcError,
    NoticePublishedView, ObjectionInputView, OrganizerView, PickKind, ProgressView,
    PublicationView, ResultBundleView, RoundOverview, SignedView,
};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings")
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                files.insert(name, fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    files
}

/// Generates the bindings of every root IPC type (and, through them, of every type
/// they use) into `dir`.
fn generate(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    RoundOverview::export_all(&cfg).unwrap();
    IpcError::export_all(&cfg).unwrap();
    IdentityView::export_all(&cfg).unwrap();
    ImportView::export_all(&cfg).unwrap();
    SignedView::export_all(&cfg).unwrap();
    BundleView::export_all(&cfg).unwrap();
    ResultBundleView::export_all(&cfg).unwrap();
    PublicationView::export_all(&cfg).unwrap();
    NoticePublishedView::export_all(&cfg).unwrap();
    FinalPublishedView::export_all(&cfg).unwrap();
    ObjectionInputView::export_all(&cfg).unwrap();
    reviewdesk_ipc::AmendInputView::export_all(&cfg).unwrap();
    reviewdesk_ipc::RegisterView::export_all(&cfg).unwrap();
    reviewdesk_ipc::UnitHistoryView::export_all(&cfg).unwrap();
    reviewdesk_ipc::RegisterAppliedView::export_all(&cfg).unwrap();
    reviewdesk_ipc::RegisterRecordView::export_all(&cfg).unwrap();
    reviewdesk_ipc::CheckpointVerifiedView::export_all(&cfg).unwrap();
    reviewdesk_ipc::AdvanceView::export_all(&cfg).unwrap();
    reviewdesk_ipc::StageSealedView::export_all(&cfg).unwrap();
    reviewdesk_ipc::SubstituteInputView::export_all(&cfg).unwrap();
    reviewdesk_ipc::SubstitutedView::export_all(&cfg).unwrap();
    ChairPackageView::export_all(&cfg).unwrap();
    ChairImportView::export_all(&cfg).unwrap();
    HomeView::export_all(&cfg).unwrap();
    PickKind::export_all(&cfg).unwrap();
    DeskKind::export_all(&cfg).unwrap();
    ProgressView::export_all(&cfg).unwrap();
    OrganizerView::export_all(&cfg).unwrap();
    ApplicantPlanView::export_all(&cfg).unwrap();
    ApplicantImportView::export_all(&cfg).unwrap();
    reviewdesk_ipc::TemplateView::export_all(&cfg).unwrap();
    reviewdesk_ipc::MaterialPlanView::export_all(&cfg).unwrap();
    reviewdesk_ipc::MaterialImportView::export_all(&cfg).unwrap();
    reviewdesk_ipc::AssignRequestView::export_all(&cfg).unwrap();
    reviewdesk_ipc::AssignmentPlanView::export_all(&cfg).unwrap();
    reviewdesk_ipc::HandOutView::export_all(&cfg).unwrap();
    reviewdesk_ipc::NewRoundView::export_all(&cfg).unwrap();
    reviewdesk_ipc::ReportsView::export_all(&cfg).unwrap();
    reviewdesk_ipc::PanelImportView::export_all(&cfg).unwrap();
    reviewdesk_ipc::ConflictsView::export_all(&cfg).unwrap();
    reviewdesk_ipc::EligibilityView::export_all(&cfg).unwrap();
    reviewdesk_ipc::EligibilityOutcomeView::export_all(&cfg).unwrap();
    reviewdesk_ipc::AboutView::export_all(&cfg).unwrap();
    reviewdesk_ipc::OpenedFileView::export_all(&cfg).unwrap();
    reviewdesk_ipc::RecheckExportView::export_all(&cfg).unwrap();
    reviewdesk_ipc::CalendarYearView::export_all(&cfg).unwrap();
    reviewdesk_ipc::CalendarImportView::export_all(&cfg).unwrap();
}

#[test]
fn bindings_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let fresh = read_dir(tmp.path());
    assert!(fresh.contains_key("RoundOverview.ts") && fresh.contains_key("ErrorCode.ts"));

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let dir = committed_dir();
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in &fresh {
            fs::write(dir.join(name), text).unwrap();
        }
        return;
    }

    let committed = read_dir(&committed_dir());
    let drifted: Vec<&String> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|k| fresh.get(*k) != committed.get(*k))
        .collect();
    assert!(
        drifted.is_empty(),
        "ui/src/lib/bindings is out of date for {drifted:?}; run \
         `UPDATE_BINDINGS=1 cargo test -p reviewdesk-ipc --test bindings` and commit"
    );
}
