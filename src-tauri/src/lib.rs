//! ReviewDesk's desktop shell: builds the Tauri app, holds one app session, and
//! exposes thin async commands that each run one session method off the UI thread.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod commands;
mod state;

use std::path::PathBuf;
use std::sync::Mutex;

use reviewdesk_app::{Session, SessionConfig};
use reviewdesk_ipc::OpenedFileView;
use state::AppState;
use tauri::{AppHandle, Emitter, Manager};

/// The event a running window gets when a second launch hands it a file.
pub const OPENED_FILE_EVENT: &str = "opened-file";

/// The file the window is to open next (from this launch's command line, or handed
/// over by a second launch), until the UI takes it with the `opened_file` command.
#[derive(Default)]
pub struct OpenedFile(pub Mutex<Option<OpenedFileView>>);

/// A second launch (`reviewdesk-desktop FILE` while the app runs, e.g. a
/// double-click on a package): its file goes to this window, which comes to the
/// front and switches to the file's desk; the second process exits.
fn second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let file = OpenedFileView::from_args(argv.iter().skip(1), std::path::Path::new(&cwd));
    hand_over(app, file);
}

/// A file the running app is asked to open (a second launch's, or on macOS an
/// open event's): it waits for its desk, the UI hears of it, the window comes to
/// the front.
fn hand_over(app: &AppHandle, file: Option<OpenedFileView>) {
    if let Some(file) = file {
        *app.state::<OpenedFile>()
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(file.clone());
        let _ = app.emit(OPENED_FILE_EVENT, file);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// `--round DIR` on the command line, else `REVIEWDESK_ROUND`: a round folder to
/// open on its overview at start; without one the app opens on its home screen.
fn round_arg() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--round" {
            if let Some(dir) = args.next() {
                return Some(PathBuf::from(dir));
            }
        }
    }
    std::env::var_os("REVIEWDESK_ROUND").map(PathBuf::from)
}

/// Builds and runs the app until its last window closes.
pub fn run() {
    tauri::Builder::default()
        // First: a second launch must hand over its file and exit before it does
        // anything else (it never opens the workspace or a window).
        .plugin(tauri_plugin_single_instance::init(second_launch))
        .manage(OpenedFile::default())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            // The demo round is a resource: in the resource directory of an
            // installed app; in a development build also in the source tree.
            let resources: Vec<PathBuf> = app.path().resource_dir().into_iter().collect();
            let mut session = Session::new(SessionConfig {
                demo_round: reviewdesk_app::find_demo_round(&resources),
                ..SessionConfig::default()
            });
            if let Some(dir) = round_arg() {
                // A round that does not load is shown as its error by the UI.
                let _ = session.open_round(&dir);
            }
            app.manage(AppState::new(session));
            let cwd = std::env::current_dir().unwrap_or_default();
            if let Some(file) = OpenedFileView::from_args(std::env::args_os().skip(1), &cwd) {
                let slot = app.state::<OpenedFile>();
                // A second launch's file that arrived first is newer: it stays.
                slot.0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(file);
            }
            app.manage(commands::about::Resources(resources));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::home,
            commands::round_overview,
            commands::round_open_demo,
            commands::cancel,
            commands::about::about,
            commands::about::opened_file,
            commands::dialog::pick,
            commands::identity::identities,
            commands::identity::identity_create,
            commands::identity::identity_restore,
            commands::identity::identity_choose,
            commands::identity::identity_export_card,
            commands::desk::packages,
            commands::desk::package_import,
            commands::desk::desk_open,
            commands::desk::desk_view,
            commands::desk::desk_pledge,
            commands::desk::desk_declare,
            commands::desk::desk_score,
            commands::desk::desk_verdict,
            commands::desk::desk_veto,
            commands::desk::desk_recheck_import,
            commands::desk::desk_justify,
            commands::desk::desk_material_open,
            commands::desk::desk_material_range,
            commands::desk::desk_material_verified,
            commands::desk::desk_image,
            commands::desk::desk_sign,
            commands::chair::chair_packages,
            commands::chair::chair_open,
            commands::chair::chair_reopen,
            commands::chair::chair_view,
            commands::chair::chair_import,
            commands::chair::chair_import_folder,
            commands::chair::chair_recheck,
            commands::chair::chair_recheck_export,
            commands::chair::chair_opinion,
            commands::chair::chair_dissent,
            commands::chair::chair_draw,
            commands::chair::chair_sign,
            commands::organizer::organizer_open,
            commands::organizer::organizer_templates,
            commands::organizer::organizer_new,
            commands::organizer::organizer_view,
            commands::organizer::organizer_applicants_plan,
            commands::organizer::organizer_applicants_import,
            commands::organizer::organizer_materials_plan,
            commands::organizer::organizer_materials_import,
            commands::organizer::organizer_material_reason,
            commands::organizer::organizer_assign,
            commands::organizer::organizer_seal,
            commands::chair::chair_reports,
            commands::organizer::organizer_panel_plan,
            commands::organizer::organizer_panel_import,
            commands::organizer::organizer_conflicts,
            commands::organizer::organizer_dismiss,
            commands::organizer::organizer_recusal_add,
            commands::organizer::organizer_recusal_rule,
            commands::organizer::organizer_eligibility,
            commands::organizer::organizer_eligibility_record,
            commands::results::organizer_bundle_open,
            commands::results::organizer_bundle_report,
            commands::results::organizer_bundle_export,
            commands::publication::organizer_publication,
            commands::publication::organizer_notice,
            commands::publication::organizer_objection_add,
            commands::publication::organizer_objection_note,
            commands::publication::organizer_objection_rule,
            commands::publication::organizer_publish_final,
            commands::publication::organizer_amend,
            commands::stages::organizer_advance,
            commands::stages::organizer_advance_export,
            commands::stages::organizer_open_next_stage,
            commands::stages::organizer_open_sampled_stage,
            commands::stages::organizer_substitute,
            commands::register::register_view,
            commands::register::register_history,
            commands::register::register_apply,
            commands::register::register_decide,
            commands::register::register_record,
            commands::register::register_catalogue,
            commands::register::register_export,
            commands::register::register_history_pdf,
            commands::register::register_checkpoint,
            commands::register::register_verify,
            commands::calendar::calendar_years,
            commands::calendar::calendar_import,
        ])
        .build(tauri::generate_context!())
        .expect("error while building the ReviewDesk window")
        .run(opened_event);
}

/// macOS hands a double-clicked file to the running app as an open event, not on a
/// command line: it goes where a second launch's file goes. (Configured, not built
/// here: nothing for macOS can be built on Linux; `docs/packaging.md`.)
#[cfg(target_os = "macos")]
fn opened_event(app: &AppHandle, event: tauri::RunEvent) {
    if let tauri::RunEvent::Opened { urls } = event {
        let paths: Vec<PathBuf> = urls.iter().filter_map(|u| u.to_file_path().ok()).collect();
        hand_over(
            app,
            OpenedFileView::from_args(paths, std::path::Path::new("/")),
        );
    }
}

/// Elsewhere files come on the command line (and from a second launch).
#[cfg(not(target_os = "macos"))]
fn opened_event(_app: &AppHandle, _event: tauri::RunEvent) {}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn read(path: &str) -> String {
        std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The text between `start` and the next `end` after it.
    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
        let len = text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?}"));
        &text[from..from + len]
    }

    /// A command added in one place and not the others fails only at run time
    /// (as "not allowed"), so the four lists are compared here: the handler, the
    /// build script's app manifest, the window's capability and the UI's `Commands`.
    #[test]
    fn every_command_is_registered_declared_allowed_and_typed() {
        let lib = read("src/lib.rs");
        let handler: BTreeSet<String> = between(&lib, "generate_handler![", "]")
            .split(',')
            .filter_map(|p| p.trim().rsplit("::").next())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        let build = read("build.rs");
        let manifest: BTreeSet<String> = between(&build, ".commands(&[", "]")
            .split(',')
            .map(|p| p.trim().trim_matches('"').to_string())
            .filter(|n| !n.is_empty())
            .collect();
        let caps = read("capabilities/default.json");
        let allowed: BTreeSet<String> = caps
            .split('"')
            .filter_map(|s| s.strip_prefix("allow-"))
            .map(|s| s.replace('-', "_"))
            .collect();
        let ipc = read("../ui/src/lib/ipc.ts");
        let typed: BTreeSet<String> = between(&ipc, "export interface Commands {", "\n}")
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.trim().split_once(':').map(|(n, _)| n.to_string()))
            .collect();
        assert!(handler.len() > 30, "{handler:?}");
        assert_eq!(manifest, handler, "build.rs against the handler");
        assert_eq!(
            allowed, handler,
            "capabilities/default.json against the handler"
        );
        assert_eq!(typed, handler, "ui/src/lib/ipc.ts against the handler");
    }
}
