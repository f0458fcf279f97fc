//! ReviewDesk's desktop shell: builds the Tauri app, holds the state, and exposes
//! thin commands that each call one library function.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod commands;
mod state;

use state::AppState;
use std::path::PathBuf;

/// Where the round to open comes from: `--round DIR` on the command line, else
/// `REVIEWDESK_ROUND`, else the bundled demo round.
fn round_dir() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--round" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        }
    }
    std::env::var_os("REVIEWDESK_ROUND")
        .map(PathBuf::from)
        .unwrap_or_else(reviewdesk_io::demo_round_dir)
}

/// Builds and runs the app until its last window closes.
pub fn run() {
    let state = AppState::open(&round_dir());
    tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::round_overview,
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
            commands::desk::desk_material,
            commands::desk::desk_image,
            commands::desk::desk_sign,
            commands::chair::chair_packages,
            commands::chair::chair_open,
            commands::chair::chair_reopen,
            commands::chair::chair_view,
            commands::chair::chair_import,
            commands::chair::chair_import_folder,
            commands::chair::chair_recheck,
            commands::chair::chair_opinion,
            commands::chair::chair_dissent,
            commands::chair::chair_draw,
            commands::chair::chair_sign,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the ReviewDesk window");
}
