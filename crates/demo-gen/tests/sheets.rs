//! The demo's spreadsheets: generated deterministically, the committed copies up
//! to date, and read by the organizer's importer without a single problem.

use reviewdesk_core::{check_expert_sheet, check_sheet, detect_expert_mapping, detect_mapping};
use reviewdesk_demo_gen::{
    generate_sheets, workspace_root, APPLICANTS, APPLICANTS_FILE, DEMO_DIR, EXPERTS, EXPERTS_FILE,
};

fn written(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = generate_sheets()
        .unwrap()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &file.bytes).unwrap();
    (dir, path)
}

#[test]
fn generating_twice_gives_identical_bytes_and_the_committed_files_are_up_to_date() {
    let first = generate_sheets().unwrap();
    assert_eq!(first, generate_sheets().unwrap());
    for f in &first {
        let committed = std::fs::read(workspace_root().join(DEMO_DIR).join(f.name))
            .unwrap_or_else(|e| panic!("{}: {e}; run `cargo run -p reviewdesk-demo-gen`", f.name));
        assert!(
            committed == f.bytes,
            "{} is stale; run `cargo run -p reviewdesk-demo-gen`",
            f.name
        );
    }
}

#[test]
fn the_applicants_import_without_a_problem() {
    let (_dir, path) = written(APPLICANTS_FILE);
    let sheet = reviewdesk_io::read_sheet(&path, None).unwrap();
    let mapping = detect_mapping(&sheet);
    // The merged title row is skipped: the header is the second row.
    assert_eq!(mapping.header_row, 2, "{mapping:?}");
    let template = reviewdesk_io::templates::builtin_by_id("gd-supplier-recognition")
        .unwrap()
        .unwrap();
    let checked = check_sheet(&sheet, &mapping, &template);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.applicants.len(), APPLICANTS.len());
    let a05 = &checked.applicants[4];
    assert_eq!(a05.categories, ["platform", "application"]);
    assert_eq!(a05.region_en.as_deref(), Some("Zhuhai"));
}

#[test]
fn the_expert_list_imports_without_a_problem() {
    let (_dir, path) = written(EXPERTS_FILE);
    let sheet = reviewdesk_io::read_sheet(&path, None).unwrap();
    let checked = check_expert_sheet(&sheet, &detect_expert_mapping(&sheet));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.experts.len(), EXPERTS.len());
    assert_eq!(
        checked.experts.iter().filter(|e| e.chair).count(),
        1,
        "{:?}",
        checked.experts
    );
    assert_eq!(
        checked.experts[3].field_en.as_deref(),
        Some("Industrial control system security")
    );
}
