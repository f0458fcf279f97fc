//! The organizer's steps after an interim bundle: close a stage (the advance list
//! made, exported, and the next package revision sealed for those who go on), take
//! over the site-visit draw, add a substitute expert.

use std::path::PathBuf;

use reviewdesk_core::Lang;
use reviewdesk_ipc::{
    AdvanceView, IpcError, ReportsView, StageSealedView, SubstituteInputView, SubstitutedView,
};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Closes `stage` (or the first stage whose next is not open) on the open bundle.
#[tauri::command]
pub async fn organizer_advance(
    state: State<'_, AppState>,
    stage: Option<String>,
) -> Result<AdvanceView, IpcError> {
    state
        .call(move |s| s.organizer_advance(stage.as_deref()))
        .await
}

/// Writes the advance list (PDF and CSV, in `lang`) into the folder `out`.
#[tauri::command]
pub async fn organizer_advance_export(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<ReportsView, IpcError> {
    state
        .long(&app, "organizer_advance_export", false, move |s, _| {
            s.organizer_advance_export(&out, lang)
        })
        .await
}

/// Opens the next stage for those who go on and seals the family into `out`.
#[tauri::command]
pub async fn organizer_open_next_stage(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<StageSealedView, IpcError> {
    state
        .long(&app, "organizer_seal", false, move |s, progress| {
            s.organizer_open_next_stage(&out, lang, progress)
        })
        .await
}

/// Takes over the open bundle's draw and seals the family into `out`.
#[tauri::command]
pub async fn organizer_open_sampled_stage(
    app: AppHandle,
    state: State<'_, AppState>,
    out: PathBuf,
    lang: Lang,
) -> Result<StageSealedView, IpcError> {
    state
        .long(&app, "organizer_seal", false, move |s, progress| {
            s.organizer_open_sampled_stage(&out, lang, progress)
        })
        .await
}

/// Adds a substitute expert and seals their package and the whole one into `out`.
#[tauri::command]
pub async fn organizer_substitute(
    app: AppHandle,
    state: State<'_, AppState>,
    input: SubstituteInputView,
    out: PathBuf,
    lang: Lang,
) -> Result<SubstitutedView, IpcError> {
    state
        .long(&app, "organizer_seal", false, move |s, progress| {
            s.organizer_substitute(&input, &out, lang, progress)
        })
        .await
}
