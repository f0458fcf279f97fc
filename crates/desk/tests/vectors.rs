//! Runs the content vectors of `tests/vectors/formats/content/` (issue 17, item 6:
//! `verify` runs every check the later steps run). Each `NAME.rdpkg` or
//! `NAME.rdsheet` has a `NAME.expect`: `ok` or the code reading it must produce.
//! A package is verified as the demo expert E01 verifies it (`verify_package`
//! with E01's identity: what `reviewdesk verify --as` runs, and what `import`
//! runs before its workspace checks); a sheet as the chair C01 verifies it against
//! `package-valid.rdpkg` (`verify_sheet`: what the merge runs on one sheet). The
//! files are written by `cargo run -p reviewdesk-desk --example
//! make_content_vectors`.

mod common;

use std::path::{Path, PathBuf};

use common::{code, ids};
use reviewdesk_desk::{open_for_member, verify_package, verify_sheet, verify_sheet_file};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/formats/content")
}

fn check(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("rdpkg") => code(verify_package(path, None, &ids("E01"), &|_| {})),
        Some("rdsheet") => {
            let chair = ids("C01");
            let mut pkg = open_for_member(&dir().join("package-valid.rdpkg"), None, &chair)
                .expect("the chair opens package-valid.rdpkg");
            let bytes = std::fs::read(path).expect("read the sheet");
            let whole = code(verify_sheet(&bytes, &mut pkg, &chair));
            // Read as a stream (what `reviewdesk verify` runs): the same code.
            let streamed = code(verify_sheet_file(path, &mut pkg, &chair));
            assert_eq!(whole, streamed, "{}", path.display());
            whole
        }
        _ => unreachable!("only .rdpkg and .rdsheet are read"),
    }
}

#[test]
fn every_content_vector_produces_its_expected_code() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/vectors/formats/content exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("rdpkg" | "rdsheet")
            )
        })
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let expected = std::fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{} has no .expect file", path.display()));
        let got = check(path);
        if got != expected.trim() {
            failures.push(format!(
                "{}: expected {}, got {got}",
                path.display(),
                expected.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The vectors issue 17 asks for, each present.
    for stem in [
        "package-valid",
        "package-material-dotdot",
        "package-material-dotdot-twice",
        "package-material-drive-letter",
        "package-material-device-con",
        "package-material-device-nul-pdf",
        "package-material-device-com1",
        "package-material-device-lpt9-txt",
        "package-material-trailing-dot",
        "package-material-trailing-space",
        "sheet-valid",
        "sheet-payload-not-json",
        "sheet-recused-applicant-scored",
    ] {
        assert!(
            paths
                .iter()
                .any(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem)),
            "{stem} is missing from {}",
            dir().display()
        );
    }
}

#[test]
fn a_bad_material_name_is_named_with_its_field_and_reason() {
    let e = verify_package(
        &dir().join("package-material-device-nul-pdf.rdpkg"),
        None,
        &ids("E01"),
        &|_| {},
    )
    .expect_err("refused");
    let text = e.to_string();
    assert!(text.contains("material[0].file"), "{text}");
    assert!(text.contains("NUL.pdf"), "{text}");
    assert!(text.contains("Windows device name"), "{text}");
}
