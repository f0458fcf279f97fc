//! Build script: reads `tauri.conf.json`, declares the app's commands so Tauri
//! generates their allow/deny permissions, records the build's git commit for the
//! About screen, and makes sure the generated licence notices' folder exists.

use std::process::Command;

/// `git rev-parse` in the source tree, if git and a checkout are there.
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// `REVIEWDESK_COMMIT` for the app: that variable if set (a build from a source
/// archive), else the checkout's commit, else `unknown`.
fn record_commit() {
    println!("cargo:rerun-if-env-changed=REVIEWDESK_COMMIT");
    let commit = std::env::var("REVIEWDESK_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    // Rebuild when HEAD moves (a commit, a checkout); paths from git, so worktrees work.
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    if let Some(r) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(p) = git(&["rev-parse", "--git-path", &r]) {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    println!("cargo:rustc-env=REVIEWDESK_COMMIT={commit}");
}

fn main() {
    record_commit();
    // `bundle.resources` names gen/licenses (the third-party notices that
    // scripts/third-party-notices.mjs writes there for a package); a build without
    // them gets an empty folder, and its About screen shows the font's licence only.
    std::fs::create_dir_all("gen/licenses").expect("cannot create src-tauri/gen/licenses");
    let attrs = tauri_build::Attributes::new()
        .config_path("tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "home",
            "round_overview",
            "round_open_demo",
            "cancel",
            "about",
            "opened_file",
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
            "desk_recheck_import",
            "desk_justify",
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
            "chair_recheck_export",
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
            "organizer_material_reason",
            "organizer_assign",
            "organizer_seal",
            "chair_reports",
            "organizer_panel_plan",
            "organizer_panel_import",
            "organizer_conflicts",
            "organizer_dismiss",
            "organizer_recusal_add",
            "organizer_recusal_rule",
            "organizer_eligibility",
            "organizer_eligibility_record",
            "organizer_bundle_open",
            "organizer_bundle_report",
            "organizer_bundle_export",
            "organizer_publication",
            "organizer_notice",
            "organizer_objection_add",
            "organizer_objection_note",
            "organizer_objection_rule",
            "organizer_publish_final",
            "organizer_amend",
            "organizer_advance",
            "organizer_advance_export",
            "organizer_open_next_stage",
            "organizer_open_sampled_stage",
            "organizer_substitute",
            "register_view",
            "register_history",
            "register_apply",
            "register_decide",
            "register_record",
            "register_catalogue",
            "register_export",
            "register_history_pdf",
            "register_checkpoint",
            "register_verify",
            "calendar_years",
            "calendar_import",
        ]));
    tauri_build::try_build(attrs).expect("tauri build step failed");
}
