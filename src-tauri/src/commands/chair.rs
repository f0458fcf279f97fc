//! The chair desk: open the whole-round package as its chair, import sheets (files
//! or a folder), re-check requests, opinions and dissents, the announced draw
//! value, and the signed result bundle. Every edit returns the desk as committed.

use std::path::PathBuf;
use std::sync::MutexGuard;

use reviewdesk_desk::{ChairDesk, DeskError, ImportLine};
use reviewdesk_formats::{Identity, Signer};
use reviewdesk_ipc::{
    BundleView, ChairImportView, ChairPackageView, ChairView, ErrorCode, ImportLineView, IpcError,
};
use reviewdesk_workspace::Workspace;
use sha2::{Digest, Sha256};

use crate::state::{now, AppState, ChairSession, ExpertSession};

/// The expert session (workspace, identity) and the chair session, locked in
/// that order.
fn sessions<'a>(
    state: &'a tauri::State<'_, AppState>,
) -> (MutexGuard<'a, ExpertSession>, MutexGuard<'a, ChairSession>) {
    let s = state.expert.lock().unwrap_or_else(|e| e.into_inner());
    let c = state.chair.lock().unwrap_or_else(|e| e.into_inner());
    (s, c)
}

fn keys(s: &ExpertSession) -> Result<(Signer, Identity), IpcError> {
    let id = s.identity()?;
    Ok((id.signer().clone(), id.age_identity().clone()))
}

fn no_desk() -> IpcError {
    IpcError::new(ErrorCode::NoDesk, "no package is open at the chair desk")
}

/// The chair desk as the workspace holds it now.
fn view(s: &mut ExpertSession, c: &ChairSession) -> Result<ChairView, IpcError> {
    let desk = c.desk.as_ref().ok_or_else(no_desk)?;
    let (_, age) = keys(s)?;
    let ws = s.workspace()?;
    let o = desk.overview(ws, std::slice::from_ref(&age))?;
    let (log, _) = ws.chair_audit_log(&desk.record.id)?;
    Ok(ChairView::new(desk, &o, log.lines().count() as u64))
}

/// Runs an edit on the open chair desk, then returns the new view.
fn edit(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&ChairDesk, &mut Workspace, &Identity) -> Result<(), DeskError>,
) -> Result<ChairView, IpcError> {
    let (mut s, c) = sessions(state);
    let desk = c.desk.as_ref().ok_or_else(no_desk)?;
    let (_, age) = keys(&s)?;
    f(desk, s.workspace()?, &age)?;
    view(&mut s, &c)
}

/// The packages the chair opened before, newest first.
#[tauri::command]
pub fn chair_packages(
    state: tauri::State<'_, AppState>,
) -> Result<Vec<ChairPackageView>, IpcError> {
    let (mut s, _c) = sessions(&state);
    let ws = s.workspace()?;
    Ok(ws
        .chair_packages()?
        .iter()
        .map(ChairPackageView::from)
        .collect())
}

/// Opens a whole-round package file as its chair (verified whole first).
#[tauri::command]
pub fn chair_open(state: tauri::State<'_, AppState>, path: PathBuf) -> Result<ChairView, IpcError> {
    let (mut s, mut c) = sessions(&state);
    let (signer, age) = keys(&s)?;
    let ws = s.workspace()?;
    let desk = ChairDesk::open(ws, &path, &signer, std::slice::from_ref(&age), &now())?;
    c.desk = Some(desk);
    view(&mut s, &c)
}

/// Opens a package the chair opened before.
#[tauri::command]
pub fn chair_reopen(
    state: tauri::State<'_, AppState>,
    package: String,
) -> Result<ChairView, IpcError> {
    let (mut s, mut c) = sessions(&state);
    let (signer, age) = keys(&s)?;
    let ws = s.workspace()?;
    let desk = ChairDesk::reopen(ws, &package, &signer, std::slice::from_ref(&age))?;
    c.desk = Some(desk);
    view(&mut s, &c)
}

/// The chair desk as it stands.
#[tauri::command]
pub fn chair_view(state: tauri::State<'_, AppState>) -> Result<ChairView, IpcError> {
    let (mut s, c) = sessions(&state);
    view(&mut s, &c)
}

fn imported(
    state: &tauri::State<'_, AppState>,
    f: impl FnOnce(&ChairDesk, &mut Workspace, &Identity) -> Result<Vec<ImportLine>, DeskError>,
) -> Result<ChairImportView, IpcError> {
    let (mut s, c) = sessions(state);
    let desk = c.desk.as_ref().ok_or_else(no_desk)?;
    let (_, age) = keys(&s)?;
    let lines = f(desk, s.workspace()?, &age)?;
    Ok(ChairImportView {
        lines: lines.iter().map(ImportLineView::from).collect(),
        chair: view(&mut s, &c)?,
    })
}

/// Imports sheet files (one result line per file).
#[tauri::command]
pub fn chair_import(
    state: tauri::State<'_, AppState>,
    paths: Vec<PathBuf>,
) -> Result<ChairImportView, IpcError> {
    imported(&state, |d, ws, age| {
        d.import(ws, std::slice::from_ref(age), &paths, &now())
    })
}

/// Imports every `*.sheet` file in a folder.
#[tauri::command]
pub fn chair_import_folder(
    state: tauri::State<'_, AppState>,
    dir: PathBuf,
) -> Result<ChairImportView, IpcError> {
    imported(&state, |d, ws, age| {
        d.import_folder(ws, std::slice::from_ref(age), &dir, &now())
    })
}

/// Records a re-check request for a divergence flag.
#[tauri::command]
pub fn chair_recheck(
    state: tauri::State<'_, AppState>,
    expert: String,
    applicant: String,
    stage: String,
    indicator: Option<String>,
    note: String,
) -> Result<ChairView, IpcError> {
    edit(&state, |d, ws, _| {
        d.request_recheck(
            ws,
            &expert,
            &applicant,
            &stage,
            indicator.as_deref(),
            &note,
            &now(),
        )
    })
}

/// Writes the panel's opinion on an applicant (empty: removes it).
#[tauri::command]
pub fn chair_opinion(
    state: tauri::State<'_, AppState>,
    applicant: String,
    opinion: String,
) -> Result<ChairView, IpcError> {
    edit(&state, |d, ws, _| {
        d.set_opinion(ws, &applicant, &opinion, &now())
    })
}

/// Writes an expert's dissent on an applicant (empty: removes it).
#[tauri::command]
pub fn chair_dissent(
    state: tauri::State<'_, AppState>,
    applicant: String,
    expert: String,
    note: String,
) -> Result<ChairView, IpcError> {
    edit(&state, |d, ws, _| {
        d.set_dissent(ws, &applicant, &expert, &note, &now())
    })
}

/// Enters the value announced for the site-visit draw.
#[tauri::command]
pub fn chair_draw(
    state: tauri::State<'_, AppState>,
    announced: String,
) -> Result<ChairView, IpcError> {
    edit(&state, |d, ws, _| d.set_announced(ws, &announced, &now()))
}

/// Signs the result bundle and writes it to `path`.
#[tauri::command]
pub fn chair_sign(
    state: tauri::State<'_, AppState>,
    path: PathBuf,
) -> Result<BundleView, IpcError> {
    let (mut s, mut c) = sessions(&state);
    let desk = c.desk.as_mut().ok_or_else(no_desk)?;
    let (signer, age) = keys(&s)?;
    let ws = s.workspace()?;
    let merged = desk.sign_bundle(ws, &signer, std::slice::from_ref(&age), &path, &now())?;
    let sha256 = Sha256::digest(&merged.bundle)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let chair = view(&mut s, &c)?;
    Ok(BundleView {
        path: path.display().to_string(),
        sha256,
        sheets: chair.sheets.len() as u32,
        chair,
    })
}
