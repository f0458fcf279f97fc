//! Runs every vector in `tests/vectors/formats/`: each file must produce exactly the
//! result its `.expect` file names (`ok` or an error code from `docs/formats.md`).

mod common;

use common::*;

#[test]
fn every_vector_produces_its_expected_result() {
    let dir = vectors_dir();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors/formats exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("card" | "rdpkg" | "rdsheet" | "bundle" | "rdrecheck")
            )
        })
        .collect();
    paths.sort();
    for path in paths {
        let expect_path = path.with_extension("expect");
        let expected = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{} has no .expect file", path.display()));
        let got = match check_vector(&path) {
            Ok(()) => "ok".to_string(),
            Err(e) => e.code().to_string(),
        };
        if got != expected.trim() {
            failures.push(format!(
                "{}: expected {}, got {got}",
                path.display(),
                expected.trim()
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 50,
        "only {checked} vectors found in {}",
        dir.display()
    );
}

#[test]
fn every_expect_file_names_a_documented_code() {
    let spec = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats.md"),
    )
    .expect("docs/formats.md");
    for e in std::fs::read_dir(vectors_dir()).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().and_then(|e| e.to_str()) == Some("expect") {
            let code = std::fs::read_to_string(&p).expect("read");
            let code = code.trim();
            assert!(
                code == "ok" || spec.contains(&format!("| `{code}` |")),
                "{}: `{code}` is not in docs/formats.md's error table",
                p.display()
            );
        }
    }
}
