//! The organizer's publication (公示与异议): the register as it stands, a notice,
//! objections registered, noted and ruled, amendments, the final list with its archive.

use std::path::PathBuf;

use reviewdesk_core::Lang;
use reviewdesk_ipc::{
    AmendInputView, FinalPublishedView, IpcError, NoticePublishedView, ObjectionInputView,
    PublicationView,
};
use tauri::{AppHandle, State};

use crate::state::AppState;

/// The publication of the round open at the organizer desk.
#[tauri::command]
pub async fn organizer_publication(
    state: State<'_, AppState>,
) -> Result<PublicationView, IpcError> {
    state.call(|s| s.organizer_publication()).await
}

/// Publishes a notice starting on `start`.
#[tauri::command]
pub async fn organizer_notice(
    app: AppHandle,
    state: State<'_, AppState>,
    start: String,
    channel: String,
    contact: String,
    lang: Lang,
) -> Result<NoticePublishedView, IpcError> {
    state
        .long(&app, "organizer_notice", false, move |s, _| {
            s.organizer_notice(&start, &channel, &contact, lang)
        })
        .await
}

/// Registers an objection.
#[tauri::command]
pub async fn organizer_objection_add(
    app: AppHandle,
    state: State<'_, AppState>,
    input: ObjectionInputView,
) -> Result<PublicationView, IpcError> {
    state
        .long(&app, "organizer_objection", false, move |s, _| {
            s.organizer_objection_add(&input)
        })
        .await
}

/// Adds an investigation note to an objection.
#[tauri::command]
pub async fn organizer_objection_note(
    state: State<'_, AppState>,
    id: String,
    text: String,
) -> Result<PublicationView, IpcError> {
    state
        .call(move |s| s.organizer_objection_note(&id, &text))
        .await
}

/// Rules on an objection.
#[tauri::command]
pub async fn organizer_objection_rule(
    state: State<'_, AppState>,
    id: String,
    upheld: bool,
    reasons: String,
) -> Result<PublicationView, IpcError> {
    state
        .call(move |s| s.organizer_objection_rule(&id, upheld, &reasons))
        .await
}

/// Publishes the final list and writes the archive to `archive`.
#[tauri::command]
pub async fn organizer_publish_final(
    app: AppHandle,
    state: State<'_, AppState>,
    archive: PathBuf,
    lang: Lang,
) -> Result<FinalPublishedView, IpcError> {
    state
        .long(&app, "organizer_publish", false, move |s, _| {
            s.organizer_publish_final(&archive, lang)
        })
        .await
}

/// Records an amendment (更正).
#[tauri::command]
pub async fn organizer_amend(
    app: AppHandle,
    state: State<'_, AppState>,
    input: AmendInputView,
) -> Result<PublicationView, IpcError> {
    state
        .long(&app, "organizer_amend", false, move |s, _| {
            s.organizer_amend(&input)
        })
        .await
}
