//! Native file dialogs: the UI asks for a path by what it is for ([`PickKind`]);
//! the shell opens the system's Open, Save or folder dialog with the right filter.
//! Dialogs are opened from Rust, so the window's capability grants the UI no
//! dialog or file-system command.
//!
//! **Test seam** (debug builds only, compiled out of release builds): when the
//! environment variable `REVIEWDESK_TEST_DIALOGS` names a file, no dialog opens;
//! each call takes the file's first line as the user's answer instead (paths
//! separated by tabs; an empty line or no line is "cancelled") and removes it. The
//! end-to-end tests drive the real app through it (`Desk::answer_dialog`).

use std::path::PathBuf;

use reviewdesk_ipc::{ErrorCode, IpcError, PickKind};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// Asks the user for one or more paths; `None` when cancelled. `title` and
/// `filter` (the file type's name) come in the UI's language; `suggested` is a
/// file name for a Save dialog.
#[tauri::command]
pub async fn pick(
    app: AppHandle,
    kind: PickKind,
    title: String,
    filter: String,
    suggested: Option<String>,
) -> Result<Option<Vec<String>>, IpcError> {
    #[cfg(debug_assertions)]
    if let Some(answers) = std::env::var_os("REVIEWDESK_TEST_DIALOGS") {
        return test_answer(&PathBuf::from(answers));
    }
    tauri::async_runtime::spawn_blocking(move || ask(&app, kind, &title, &filter, suggested))
        .await
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the dialog's task failed: {e}"),
            )
        })?
}

/// The extensions a dialog of `kind` filters on (empty: folders, or any file).
fn extensions(kind: PickKind) -> &'static [&'static str] {
    match kind {
        PickKind::Package => &["rdpkg"],
        PickKind::Sheets => &[reviewdesk_desk::SHEET_EXTENSION],
        PickKind::SaveCard => &["card"],
        PickKind::SaveBundle => &["rdbundle"],
        PickKind::Backup => &[],
        PickKind::Spreadsheet | PickKind::ExpertList => &["xlsx", "xls", "ods", "csv"],
        PickKind::Cards | PickKind::Card => &["card"],
        PickKind::Bundle => &["rdbundle"],
        PickKind::SaveArchive | PickKind::Archive => &["rdarchive"],
        PickKind::SaveXlsx => &["xlsx"],
        PickKind::SavePdf => &["pdf"],
        PickKind::SaveCheckpoint | PickKind::Checkpoint => &["rdcheckpoint"],
        PickKind::CalendarYear => &["toml"],
        PickKind::Recheck | PickKind::SaveRecheck => &["rdrecheck"],
        PickKind::Evidence => &[],
        PickKind::CardFolder
        | PickKind::SheetFolder
        | PickKind::OutputFolder
        | PickKind::RoundFolder
        | PickKind::MaterialFolder
        | PickKind::SealFolder
        | PickKind::ReportFolder => &[],
    }
}

fn ask(
    app: &AppHandle,
    kind: PickKind,
    title: &str,
    filter: &str,
    suggested: Option<String>,
) -> Result<Option<Vec<String>>, IpcError> {
    let mut d = app.dialog().file().set_title(title);
    let ext = extensions(kind);
    if !ext.is_empty() {
        d = d.add_filter(filter, ext);
    }
    if let Some(name) = suggested {
        d = d.set_file_name(name);
    }
    let chosen: Option<Vec<FilePath>> = match kind {
        PickKind::Package
        | PickKind::Backup
        | PickKind::Spreadsheet
        | PickKind::ExpertList
        | PickKind::Card
        | PickKind::Archive
        | PickKind::Checkpoint
        | PickKind::CalendarYear
        | PickKind::Recheck
        | PickKind::Bundle => d.blocking_pick_file().map(|p| vec![p]),
        PickKind::Sheets | PickKind::Cards | PickKind::Evidence => d.blocking_pick_files(),
        PickKind::CardFolder
        | PickKind::SheetFolder
        | PickKind::OutputFolder
        | PickKind::RoundFolder
        | PickKind::MaterialFolder
        | PickKind::SealFolder
        | PickKind::ReportFolder => d.blocking_pick_folder().map(|p| vec![p]),
        PickKind::SaveCard
        | PickKind::SaveBundle
        | PickKind::SaveArchive
        | PickKind::SaveXlsx
        | PickKind::SavePdf
        | PickKind::SaveCheckpoint
        | PickKind::SaveRecheck => d.blocking_save_file().map(|p| vec![p]),
    };
    chosen
        .map(|paths| {
            paths
                .into_iter()
                .map(|p| {
                    p.into_path()
                        .map(|p| p.display().to_string())
                        .map_err(|e| IpcError::new(ErrorCode::NotReadable, e.to_string()))
                })
                .collect()
        })
        .transpose()
}

/// The test seam's answer: the first line of `file`, which is removed.
#[cfg(debug_assertions)]
fn test_answer(file: &std::path::Path) -> Result<Option<Vec<String>>, IpcError> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").to_owned();
    let rest: Vec<&str> = lines.collect();
    let rest = if rest.is_empty() {
        String::new()
    } else {
        rest.join("\n") + "\n"
    };
    std::fs::write(file, rest).map_err(|e| IpcError::new(ErrorCode::NotWritable, e.to_string()))?;
    Ok((!first.is_empty()).then(|| first.split('\t').map(str::to_owned).collect()))
}
