//! Build script: reads `tauri.conf.json` from the repository root and declares the
//! app's commands so Tauri generates their allow/deny permissions.

fn main() {
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&["round_overview"]));
    tauri_build::try_build(attrs).expect("tauri build step failed");
}
