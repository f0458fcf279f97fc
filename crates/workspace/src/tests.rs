use super::*;
use reviewdesk_core::rules::RecusalCase;
use reviewdesk_formats::audit_head;

fn record(id: &str, round: &str, at: &str) -> PackageRecord {
    PackageRecord {
        id: id.into(),
        round: round.into(),
        manifest_sha256: "00".repeat(32),
        organizer: "SHA256:org".into(),
        organizer_name: "联盟".into(),
        person: "E01".into(),
        fingerprint: "SHA256:me".into(),
        imported_at: at.into(),
        superseded_by: None,
    }
}

fn score(ind: &str, v: &str) -> AuditEvent {
    AuditEvent::Score(PartScore {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: ind.into(),
        value: v.parse().unwrap(),
        reason: None,
        comment: String::new(),
    })
}

#[test]
fn a_change_is_stored_with_its_audit_line_and_the_chain_matches_the_sheet_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "2026-11-21T08:00:00Z"))
        .unwrap();
    ws.record(
        "p1",
        "t1",
        AuditEvent::Pledge {
            text_sha256: "ab".into(),
        },
    )
    .unwrap();
    ws.record(
        "p1",
        "t2",
        AuditEvent::Declare(Declaration {
            applicant: "A01".into(),
            recuse: None,
            note: String::new(),
        }),
    )
    .unwrap();
    ws.record(
        "p1",
        "t3",
        AuditEvent::Declare(Declaration {
            applicant: "A02".into(),
            recuse: Some(RecusalCase::Board),
            note: "董事".into(),
        }),
    )
    .unwrap();
    ws.record("p1", "t4", score("w1", "8.5")).unwrap();
    ws.record("p1", "t5", score("w1", "9")).unwrap();
    ws.record("p1", "t6", score("w2", "7")).unwrap();
    ws.record(
        "p1",
        "t7",
        AuditEvent::ClearScore {
            applicant: "A01".into(),
            stage: "written".into(),
            indicator: "w2".into(),
        },
    )
    .unwrap();

    let part = ws.part("p1").unwrap();
    assert_eq!(part.expert, "E01");
    assert_eq!(part.declarations.len(), 2);
    assert_eq!(part.declarations[1].recuse, Some(RecusalCase::Board));
    assert_eq!(part.scores.len(), 1);
    assert_eq!(part.scores[0].value.to_string(), "9");
    assert!(ws.pledged_at("p1").unwrap().is_some());

    let (log, head) = ws.audit_log("p1").unwrap();
    assert_eq!(log.lines().count(), 8);
    assert_eq!(audit_head(&log), Some(head));
    assert!(log.lines().next().unwrap().contains(r#""event":"import""#));
    ws.integrity_check().unwrap();
}

#[test]
fn the_audit_table_refuses_updates_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "t0")).unwrap();
    let err = ws
        .conn
        .execute("UPDATE audit SET line = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = ws.conn.execute("DELETE FROM audit", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn a_tampered_audit_line_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "t0")).unwrap();
    ws.record("p1", "t1", score("w1", "8")).unwrap();
    ws.conn
        .execute_batch(
            "DROP TRIGGER audit_no_update;
             UPDATE audit SET line = replace(line, '\"8\"', '\"9\"') WHERE seq = 2;",
        )
        .unwrap();
    match ws.audit_log("p1") {
        Err(WorkspaceError::AuditBroken { seq: 2, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_second_import_is_refused_and_a_newer_package_supersedes_the_older() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "t0")).unwrap();
    assert!(matches!(
        ws.add_package(&record("p1", "r1", "t1")),
        Err(WorkspaceError::AlreadyImported(_))
    ));
    ws.record("p1", "t1", score("w1", "8")).unwrap();
    ws.add_package(&record("p2", "r1", "t2")).unwrap();
    assert_eq!(ws.current_package("r1").unwrap().unwrap().id, "p2");
    assert_eq!(
        ws.package("p1").unwrap().superseded_by.as_deref(),
        Some("p2")
    );
    // The older package's work is kept.
    assert_eq!(ws.part("p1").unwrap().scores.len(), 1);
}

#[test]
fn pins_and_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.organizer_pin("联盟").unwrap(), None);
    ws.pin_organizer("联盟", "SHA256:a", "t").unwrap();
    assert_eq!(
        ws.organizer_pin("联盟").unwrap().as_deref(),
        Some("SHA256:a")
    );
    ws.pin_organizer("联盟", "SHA256:b", "t2").unwrap();
    ws.pin_organizer("甲方", "SHA256:c", "t3").unwrap();
    let pins = ws.organizer_pins().unwrap();
    assert_eq!(
        pins.iter()
            .map(|p| (
                p.organizer.as_str(),
                p.fingerprint.as_str(),
                p.pinned_at.as_str()
            ))
            .collect::<Vec<_>>(),
        [("甲方", "SHA256:c", "t3"), ("联盟", "SHA256:b", "t2")]
    );
    ws.add_package(&record("p1", "r1", "t0")).unwrap();
    assert_eq!(ws.next_revision("p1").unwrap(), 1);
    ws.record_sheet(
        "p1",
        &SheetRecord {
            revision: 1,
            sha256: "s".into(),
            audit_head: "h".into(),
            signed_at: "t".into(),
        },
    )
    .unwrap();
    assert_eq!(ws.next_revision("p1").unwrap(), 2);
    assert!(ws
        .record_sheet(
            "p1",
            &SheetRecord {
                revision: 1,
                sha256: "s".into(),
                audit_head: "h".into(),
                signed_at: "t".into(),
            },
        )
        .is_err());
}

/// Every file in `dir` (recursively) with its bytes.
fn snapshot(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
            files.insert(path, b"<dir>".to_vec());
        } else {
            files.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    files
}

#[test]
fn a_newer_workspace_is_refused_naming_its_schema_version_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let known = MIGRATIONS.len() as i64;
    {
        let mut ws = Workspace::open(dir.path()).unwrap();
        ws.add_package(&record("p1", "r1", "t0")).unwrap();
        // What a newer ReviewDesk leaves: its schema version, and a table of its own.
        ws.conn
            .execute_batch("CREATE TABLE from_the_future (x INTEGER);")
            .unwrap();
        ws.conn
            .pragma_update(None, "user_version", known + 1)
            .unwrap();
    }
    // A workspace the newer version closed (WAL checkpointed, no -wal/-shm).
    let before = snapshot(dir.path());
    assert!(!before.keys().any(|p| p.to_string_lossy().ends_with("-wal")));
    for _ in 0..2 {
        let e = match Workspace::open(dir.path()) {
            Err(e) => e,
            Ok(_) => panic!("a newer workspace was opened"),
        };
        assert_eq!(e.code(), "workspace_too_new");
        let text = e.to_string();
        assert!(
            text.contains(&format!("schema version {}", known + 1))
                && text.contains(&format!("knows up to {known}")),
            "{text}"
        );
        assert!(matches!(e, WorkspaceError::TooNew { found, .. } if found == known + 1));
        assert_eq!(
            snapshot(dir.path()),
            before,
            "the refused workspace changed"
        );
    }
}

#[test]
fn a_workspace_from_a_newer_version_is_refused_and_reopening_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut ws = Workspace::open(dir.path()).unwrap();
        ws.add_package(&record("p1", "r1", "t0")).unwrap();
        assert_eq!(ws.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }
    let ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.packages().unwrap().len(), 1);
    ws.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(ws);
    match Workspace::open(dir.path()) {
        Err(e @ WorkspaceError::TooNew { found: 99, .. }) => {
            assert_eq!(e.code(), "workspace_too_new")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_recheck_request_and_its_justifications_are_kept_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "t0")).unwrap();
    let flag = StoredFlag {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: None,
        value: "30".into(),
        mean_of_others: "20.5".into(),
        distance: "9.5".into(),
        note: "请复核".into(),
    };
    let request = RecheckRecord {
        sequence: 2,
        sha256: "cd".repeat(32),
        file: vec![1, 2, 3],
        imported_at: "t1".into(),
        flags: vec![flag.clone()],
    };
    ws.import_recheck("p1", &request).unwrap();
    // The same sequence twice is refused by the table's key.
    assert!(ws.import_recheck("p1", &request).is_err());
    assert_eq!(ws.rechecks("p1").unwrap(), [request]);
    // The import line goes through import_recheck only.
    let e = ws
        .record(
            "p1",
            "t2",
            AuditEvent::ImportRecheck {
                sequence: 3,
                sha256: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), WorkspaceCode::Corrupt);
    let j = Justification {
        applicant: "A01".into(),
        stage: "written".into(),
        indicator: None,
        request: 2,
        answer: Answer::Kept,
        text: "维持".into(),
    };
    ws.record("p1", "t3", AuditEvent::Justify(j.clone()))
        .unwrap();
    let changed = Justification {
        answer: Answer::Changed,
        text: "改为 25".into(),
        ..j
    };
    ws.record("p1", "t4", AuditEvent::Justify(changed.clone()))
        .unwrap();
    assert_eq!(ws.part("p1").unwrap().justifications, [changed]);
    let (log, _) = ws.audit_log("p1").unwrap();
    assert!(log.contains("\"event\":\"import_recheck\",\"sequence\":2"));
    assert_eq!(log.matches("\"event\":\"justify\"").count(), 2);
}

#[test]
fn an_opened_material_is_a_log_line_that_changes_no_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.add_package(&record("p1", "r1", "2026-11-21T08:00:00Z"))
        .unwrap();
    ws.record("p1", "t1", score("w1", "8")).unwrap();
    let before = ws.part("p1").unwrap();
    let e = ws
        .record(
            "p1",
            "t2",
            AuditEvent::OpenMaterial {
                material: "M01".into(),
            },
        )
        .unwrap();
    assert_eq!(e.seq, 3);
    assert_eq!(ws.part("p1").unwrap(), before);
    let (log, head) = ws.audit_log("p1").unwrap();
    assert!(log
        .ends_with("{\"seq\":3,\"at\":\"t2\",\"event\":\"open_material\",\"material\":\"M01\"}\n"));
    assert_eq!(audit_head(&log), Some(head));
}

#[test]
fn every_workspace_error_reads_in_both_languages() {
    use reviewdesk_core::{en_message_problem, zh_message_problem, Lang};
    for e in crate::every_workspace_error() {
        let (zh, en) = (e.message(Lang::ZhCn), e.message(Lang::En));
        assert!(
            zh_message_problem(&zh).is_none(),
            "{:?}",
            zh_message_problem(&zh)
        );
        assert!(en_message_problem(&en).is_none(), "{en}");
    }
}
