//! The audit log's test vectors (`tests/vectors/audit/`): each sheet's log and
//! part replayed against the demo round, with the code and line it must give.

use std::path::Path;

use reviewdesk_core::rules::ExpertPart;
use reviewdesk_core::{check_audit, AuditContext, Round};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    what: String,
    expect: String,
    line: Option<u64>,
    package: String,
    revision: u32,
    part: ExpertPart,
    log: Vec<String>,
}

#[test]
fn every_audit_vector_gives_its_code_and_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let round: Round =
        toml::from_str(&std::fs::read_to_string(root.join("assets/demo/round.toml")).unwrap())
            .unwrap();
    let dir = root.join("tests/vectors/audit");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    let mut refusals = Vec::new();
    for path in &names {
        let v: Vector = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let log: String = v.log.iter().map(|l| format!("{l}\n")).collect();
        let got = check_audit(
            &log,
            &AuditContext {
                package: &v.package,
                round: &round,
                revision: v.revision,
                part: &v.part,
            },
        );
        let name = path.file_name().unwrap().to_string_lossy();
        match got {
            Ok(summary) => {
                assert_eq!(v.expect, "ok", "{name} ({}): accepted", v.what);
                assert_eq!(summary.lines, v.log.len() as u64, "{name}");
            }
            Err(e) => {
                assert_eq!(e.code().as_str(), v.expect, "{name} ({}): {e}", v.what);
                assert_eq!(e.line(), v.line, "{name} ({}): {e}", v.what);
                refusals.push(v.expect.clone());
            }
        }
    }
    // Every refusal code has a vector.
    for code in [
        "audit_missing",
        "audit_malformed",
        "audit_package",
        "audit_order",
        "audit_values",
    ] {
        assert!(refusals.iter().any(|r| r == code), "no vector for {code}");
    }
}
