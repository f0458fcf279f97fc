//! Build script: reads `tauri.conf.json` from the repository root and declares the
//! app's commands so Tauri generates their allow/deny permissions.

fn main() {
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "home",
            "round_overview",
            "round_open_demo",
            "cancel",
            "pick",
            "identities",
            "identity_create",
            "identity_restore",
            "identity_choose",
            "identity_export_card",
            "packages",
            "package_import",
            "desk_open",
            "desk_view",
            "desk_pledge",
            "desk_declare",
            "desk_score",
            "desk_verdict",
            "desk_veto",
            "desk_material_open",
            "desk_material_range",
            "desk_material_verified",
            "desk_image",
            "desk_sign",
            "chair_packages",
            "chair_open",
            "chair_reopen",
            "chair_view",
            "chair_import",
            "chair_import_folder",
            "chair_recheck",
            "chair_opinion",
            "chair_dissent",
            "chair_draw",
            "chair_sign",
            "organizer_open",
            "organizer_templates",
            "organizer_new",
            "organizer_view",
            "organizer_applicants_plan",
            "organizer_applicants_import",
            "organizer_materials_plan",
            "organizer_materials_import",
        ]));
    tauri_build::try_build(attrs).expect("tauri build step failed");
}
