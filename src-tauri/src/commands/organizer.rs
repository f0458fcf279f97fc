//! The organizer desk: open a round folder, preview and import applicants from a
//! spreadsheet.

use std::path::PathBuf;

use reviewdesk_core::Lang;
use reviewdesk_ipc::{
    ApplicantImportView, ApplicantPlanView, AssignRequestView, AssignmentPlanView, HandOutView,
    IpcError, MaterialImportView, MaterialPlanView, NewRoundView, OrganizerView, TemplateView,
};
use reviewdesk_ipc::{
    ConflictsView, EligibilityOutcomeView, EligibilityView, PanelImportView, PanelPlanView,
};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Opens a round folder at the organizer desk.
#[tauri::command]
pub async fn organizer_open(
    state: State<'_, AppState>,
    dir: PathBuf,
) -> Result<OrganizerView, IpcError> {
    state.call(move |s| s.organizer_open(&dir)).await
}

/// The built-in templates a new round can start from.
#[tauri::command]
pub async fn organizer_templates(
    state: State<'_, AppState>,
) -> Result<Vec<TemplateView>, IpcError> {
    state.call(|s| s.organizer_templates()).await
}

/// Creates a round folder from a built-in template and opens it.
#[tauri::command]
pub async fn organizer_new(
    state: State<'_, AppState>,
    dir: PathBuf,
    new: NewRoundView,
) -> Result<OrganizerView, IpcError> {
    state.call(move |s| s.organizer_new(&dir, &new)).await
}

/// The round open at the organizer desk.
#[tauri::command]
pub async fn organizer_view(state: State<'_, AppState>) -> Result<OrganizerView, IpcError> {
    state.call(|s| s.organizer_view()).await
}

/// What importing an applicant spreadsheet would do (nothing written).
#[tauri::command]
pub async fn organizer_applicants_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    sheet: Option<String>,
) -> Result<ApplicantPlanView, IpcError> {
    state
        .long(&app, "organizer_applicants", false, move |s, _| {
            s.organizer_applicants_plan(&file, sheet.as_deref())
        })
        .await
}

/// Imports an applicant spreadsheet into the round (written only without errors).
#[tauri::command]
pub async fn organizer_applicants_import(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    sheet: Option<String>,
) -> Result<ApplicantImportView, IpcError> {
    state
        .long(&app, "organizer_applicants", false, move |s, _| {
            s.organizer_applicants_import(&file, sheet.as_deref())
        })
        .await
}

/// What importing a folder of material files would do (nothing copied).
#[tauri::command]
pub async fn organizer_materials_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    folder: PathBuf,
) -> Result<MaterialPlanView, IpcError> {
    state
        .long(&app, "organizer_materials", false, move |s, _| {
            s.organizer_materials_plan(&folder)
        })
        .await
}

/// Imports a folder of material files (copied and written only without errors).
#[tauri::command]
pub async fn organizer_materials_import(
    app: AppHandle,
    state: State<'_, AppState>,
    folder: PathBuf,
) -> Result<MaterialImportView, IpcError> {
    state
        .long(&app, "organizer_materials", false, move |s, _| {
            s.organizer_materials_import(&folder)
        })
        .await
}

/// Records (or, empty, removes) why a stale material is accepted.
#[tauri::command]
pub async fn organizer_material_reason(
    state: State<'_, AppState>,
    material: String,
    reason: String,
) -> Result<OrganizerView, IpcError> {
    state
        .call(move |s| s.organizer_material_reason(&material, &reason))
        .await
}

/// Plans (`apply` false: nothing written) or applies the automatic assignment.
#[tauri::command]
pub async fn organizer_assign(
    state: State<'_, AppState>,
    req: AssignRequestView,
    apply: bool,
) -> Result<AssignmentPlanView, IpcError> {
    state.call(move |s| s.organizer_assign(req, apply)).await
}

/// Seals the round into the empty folder `out` with the hand-out list (in the UI's
/// language), reporting progress.
#[tauri::command]
pub async fn organizer_seal(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<HandOutView, IpcError> {
    state
        .long(&app, "organizer_seal", false, move |s, progress| {
            s.organizer_seal(&out, lang, progress)
        })
        .await
}

/// What importing an expert list with key cards would do (nothing written).
#[tauri::command]
pub async fn organizer_panel_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    cards: Vec<PathBuf>,
) -> Result<PanelPlanView, IpcError> {
    state
        .long(&app, "organizer_panel", false, move |s, _| {
            s.organizer_panel_plan(&file, &cards)
        })
        .await
}

/// Imports the panel (written only without errors).
#[tauri::command]
pub async fn organizer_panel_import(
    app: AppHandle,
    state: State<'_, AppState>,
    file: PathBuf,
    cards: Vec<PathBuf>,
) -> Result<PanelImportView, IpcError> {
    state
        .long(&app, "organizer_panel", false, move |s, _| {
            s.organizer_panel_import(&file, &cards)
        })
        .await
}

/// The conflicts of interest and the recusal requests.
#[tauri::command]
pub async fn organizer_conflicts(state: State<'_, AppState>) -> Result<ConflictsView, IpcError> {
    state.call(|s| s.organizer_conflicts()).await
}

/// Dismisses a conflict found, with a reason.
#[tauri::command]
pub async fn organizer_dismiss(
    state: State<'_, AppState>,
    expert: String,
    applicant: String,
    reason: String,
    by: String,
) -> Result<ConflictsView, IpcError> {
    state
        .call(move |s| s.organizer_dismiss(&expert, &applicant, &reason, &by))
        .await
}

/// Enters a recusal request.
#[tauri::command]
pub async fn organizer_recusal_add(
    state: State<'_, AppState>,
    applicant: String,
    expert: String,
    reason: String,
) -> Result<ConflictsView, IpcError> {
    state
        .call(move |s| s.organizer_recusal_add(&applicant, &expert, &reason))
        .await
}

/// Rules a pending recusal request.
#[tauri::command]
pub async fn organizer_recusal_rule(
    state: State<'_, AppState>,
    applicant: String,
    expert: String,
    upheld: bool,
    reason: String,
    by: String,
) -> Result<ConflictsView, IpcError> {
    state
        .call(move |s| s.organizer_recusal_rule(&applicant, &expert, upheld, &reason, &by))
        .await
}

/// The eligibility check of every applicant.
#[tauri::command]
pub async fn organizer_eligibility(
    state: State<'_, AppState>,
) -> Result<EligibilityView, IpcError> {
    state.call(|s| s.organizer_eligibility()).await
}

/// Records one applicant's eligibility check.
#[tauri::command]
pub async fn organizer_eligibility_record(
    state: State<'_, AppState>,
    applicant: String,
    outcome: EligibilityOutcomeView,
    by: String,
) -> Result<EligibilityView, IpcError> {
    state
        .call(move |s| s.organizer_eligibility_record(&applicant, &outcome, &by))
        .await
}
