//! A sheet's audit log replayed (`reviewdesk_core::check_audit`) against the demo
//! round, as the chair's merge replays it: the input is the sheet's part (an
//! `ExpertPart` as JSON; an empty part when it does not read), an empty line, then
//! the log. Every violation must render its code and both messages and name a line
//! within the log; an accepted log ends with the signing of revision 1 and counts
//! its lines. Seeds: `tests/vectors/audit/*.json`, rewritten by `make_corpus`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use reviewdesk_core::rules::ExpertPart;
use reviewdesk_core::{check_audit, AuditContext, Lang, Round};

/// The package id of the audit vectors.
const PACKAGE: &str = "3f1c0a9e5b7d42c8a16e0f9b2d4c6e81";

fn round() -> &'static Round {
    static R: OnceLock<Round> = OnceLock::new();
    R.get_or_init(|| {
        toml::from_str(include_str!("../../assets/demo/round.toml")).expect("the demo round")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (part, log) = text.split_once("\n\n").unwrap_or(("", text));
    let part: ExpertPart = serde_json::from_str(part).unwrap_or_default();
    let cx = AuditContext {
        package: PACKAGE,
        round: round(),
        revision: 1,
        part: &part,
    };
    match check_audit(log, &cx) {
        Ok(summary) => {
            assert_eq!(summary.lines as usize, log.lines().count());
            assert!(log.ends_with("\"event\":\"sign\",\"revision\":1}\n"));
            assert_eq!(
                (summary.no_conflict + summary.recused) as usize,
                part.declarations.len()
            );
        }
        Err(v) => {
            assert!(v.code().as_str().starts_with("audit_"));
            assert!(!v.message(Lang::ZhCn).is_empty() && !v.message(Lang::En).is_empty());
            if let Some(line) = v.line() {
                assert!(line >= 1 && line as usize <= log.split('\n').count());
            }
        }
    }
});
