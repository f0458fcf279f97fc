//! The chair's work (组长汇总台) in the workspace: the whole-round package the
//! chair opened, the sheets accepted (as imported), re-check requests, the panel's
//! opinions and dissents, the announced draw value — each change one transaction
//! with its line in the chair's hash-chained audit log (`chair_audit`, the same
//! chain as the expert's).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{append_line, Result, Workspace, WorkspaceError};

/// What the chair's audit log records: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum ChairEvent {
    /// The chair opened the package.
    Open {
        /// Package id.
        package: String,
        /// The organizer's fingerprint.
        organizer: String,
    },
    /// A sheet was accepted.
    ImportSheet {
        /// The expert.
        expert: String,
        /// Its revision.
        revision: u32,
        /// SHA-256 of its signed plaintext (hex).
        sha256: String,
    },
    /// The chair asked an expert to re-check a divergent score (复核).
    Recheck {
        /// Expert id.
        expert: String,
        /// Applicant id.
        applicant: String,
        /// Stage id.
        stage: String,
        /// Indicator id, at level `indicator`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        indicator: Option<String>,
        /// The chair's note.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    /// A re-check request file was written for an expert (复核通知).
    SendRecheck {
        /// Expert id.
        expert: String,
        /// Its sequence number for this expert.
        sequence: u32,
        /// SHA-256 of its signed plaintext (hex).
        sha256: String,
        /// How many cells it flags.
        flags: u32,
    },
    /// The panel's opinion on an applicant was written or changed (empty: removed).
    Opinion {
        /// Applicant id.
        applicant: String,
        /// The text, verbatim.
        opinion: String,
    },
    /// An expert's dissent was written or changed (empty: removed).
    Dissent {
        /// Applicant id.
        applicant: String,
        /// Expert id.
        expert: String,
        /// The note, verbatim.
        note: String,
    },
    /// The announced draw value was entered.
    Draw {
        /// The value.
        announced: String,
    },
    /// A result bundle was signed.
    SignBundle {
        /// The bundle file's name (without its folder).
        file: String,
    },
}

/// One line of the chair's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairAuditEntry {
    /// 1, 2, 3… per package.
    pub seq: u64,
    /// RFC 3339 UTC time.
    pub at: String,
    /// What happened.
    #[serde(flatten)]
    pub event: ChairEvent,
}

/// A package the chair opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChairPackageRecord {
    /// Package id (32 hex digits).
    pub id: String,
    /// Round id.
    pub round: String,
    /// SHA-256 of its signed manifest (hex).
    pub manifest_sha256: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// The chair's person id.
    pub person: String,
    /// The chair's fingerprint.
    pub fingerprint: String,
    /// When it was first opened (RFC 3339).
    pub opened_at: String,
}

/// An accepted sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChairSheetRecord {
    /// Expert id.
    pub expert: String,
    /// Revision.
    pub revision: u32,
    /// SHA-256 of the signed plaintext (hex).
    pub sha256: String,
    /// The file as imported.
    pub file: Vec<u8>,
    /// When (RFC 3339).
    pub imported_at: String,
}

/// A re-check request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    /// Expert id.
    pub expert: String,
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id (level `indicator`).
    pub indicator: Option<String>,
    /// The chair's note.
    pub note: String,
    /// When.
    pub at: String,
}

/// A re-check request file the chair wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRecheck {
    /// Expert id.
    pub expert: String,
    /// Its sequence number for this expert.
    pub sequence: u32,
    /// SHA-256 of its signed plaintext (hex).
    pub sha256: String,
    /// How many cells it flags.
    pub flags: u32,
    /// When.
    pub at: String,
}

/// A dissent as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dissent {
    /// Applicant id.
    pub applicant: String,
    /// Expert id.
    pub expert: String,
    /// The note, verbatim.
    pub note: String,
}

/// Everything the chair has done on one package.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChairState {
    /// Every accepted sheet, by expert then revision (older revisions stay, as history).
    pub sheets: Vec<ChairSheetRecord>,
    /// Re-check requests, in the order made.
    pub rechecks: Vec<Recheck>,
    /// (applicant, opinion), by applicant.
    pub opinions: Vec<(String, String)>,
    /// Dissents by applicant, then expert.
    pub dissents: Vec<Dissent>,
    /// The announced draw value.
    pub announced: Option<String>,
    /// The re-check request files written, by expert then sequence.
    pub sent: Vec<SentRecheck>,
}

impl ChairState {
    /// Per expert the sheet in force: the highest revision.
    pub fn current_sheets(&self) -> Vec<&ChairSheetRecord> {
        let mut out: Vec<&ChairSheetRecord> = Vec::new();
        for s in &self.sheets {
            match out.last_mut() {
                Some(last) if last.expert == s.expert => {
                    if s.revision > last.revision {
                        *last = s;
                    }
                }
                _ => out.push(s),
            }
        }
        out
    }
}

impl Workspace {
    /// Where the chair's copy of a package is kept.
    pub fn chair_file(&self, id: &str) -> std::path::PathBuf {
        self.dir.join("chair").join(format!("{id}.rdpkg"))
    }

    /// Records a package the chair opened (the file already at
    /// [`chair_file`](Self::chair_file)) and starts its audit log; `false` when it
    /// was recorded before.
    pub fn add_chair_package(&mut self, p: &ChairPackageRecord) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let exists = tx
            .query_row("SELECT 1 FROM chair_package WHERE id = ?1", [&p.id], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if exists {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO chair_package (id, round, manifest_sha256, organizer, person,
                 fingerprint, opened_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                p.id,
                p.round,
                p.manifest_sha256,
                p.organizer,
                p.person,
                p.fingerprint,
                p.opened_at
            ],
        )?;
        chair_line(
            &tx,
            &p.id,
            &p.opened_at,
            ChairEvent::Open {
                package: p.id.clone(),
                organizer: p.organizer.clone(),
            },
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Every package the chair opened, newest first.
    pub fn chair_packages(&self) -> Result<Vec<ChairPackageRecord>> {
        let mut st = self.conn.prepare(
            "SELECT id, round, manifest_sha256, organizer, person, fingerprint, opened_at
             FROM chair_package ORDER BY opened_at DESC, rowid DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ChairPackageRecord {
                id: r.get(0)?,
                round: r.get(1)?,
                manifest_sha256: r.get(2)?,
                organizer: r.get(3)?,
                person: r.get(4)?,
                fingerprint: r.get(5)?,
                opened_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One package the chair opened.
    pub fn chair_package(&self, id: &str) -> Result<ChairPackageRecord> {
        self.chair_packages()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| WorkspaceError::UnknownPackage(id.to_owned()))
    }

    /// Stores an accepted sheet with its `import_sheet` audit line.
    pub fn chair_add_sheet(&mut self, package: &str, s: &ChairSheetRecord) -> Result<()> {
        self.chair_package(package)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO chair_sheet (package, expert, revision, sha256, file, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                package,
                s.expert,
                s.revision,
                s.sha256,
                s.file,
                s.imported_at
            ],
        )?;
        chair_line(
            &tx,
            package,
            &s.imported_at,
            ChairEvent::ImportSheet {
                expert: s.expert.clone(),
                revision: s.revision,
                sha256: s.sha256.clone(),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Applies one of the chair's changes (not `open` or `import_sheet`, which have
    /// their own methods) and appends its audit line, in one transaction.
    pub fn chair_record(&mut self, package: &str, at: &str, event: ChairEvent) -> Result<u64> {
        self.chair_package(package)?;
        let tx = self.conn.transaction()?;
        match &event {
            ChairEvent::Open { .. } | ChairEvent::ImportSheet { .. } => {
                return Err(WorkspaceError::BadValue(
                    "open and import_sheet are recorded by their own methods".into(),
                ))
            }
            ChairEvent::SignBundle { .. } => {}
            ChairEvent::SendRecheck {
                expert,
                sequence,
                sha256,
                flags,
            } => {
                tx.execute(
                    "INSERT INTO chair_recheck_sent (package, expert, sequence, sha256, flags, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![package, expert, sequence, sha256, flags, at],
                )?;
            }
            ChairEvent::Recheck {
                expert,
                applicant,
                stage,
                indicator,
                note,
            } => {
                tx.execute(
                    "INSERT INTO chair_recheck (package, expert, applicant, stage, indicator, note, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(package, expert, applicant, stage, indicator) DO UPDATE SET
                         note = excluded.note, at = excluded.at",
                    params![
                        package,
                        expert,
                        applicant,
                        stage,
                        indicator.clone().unwrap_or_default(),
                        note,
                        at
                    ],
                )?;
            }
            ChairEvent::Opinion { applicant, opinion } => {
                if opinion.is_empty() {
                    tx.execute(
                        "DELETE FROM chair_opinion WHERE package = ?1 AND applicant = ?2",
                        params![package, applicant],
                    )?;
                } else {
                    tx.execute(
                        "INSERT INTO chair_opinion (package, applicant, opinion, at)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT(package, applicant) DO UPDATE SET
                             opinion = excluded.opinion, at = excluded.at",
                        params![package, applicant, opinion, at],
                    )?;
                }
            }
            ChairEvent::Dissent {
                applicant,
                expert,
                note,
            } => {
                if note.is_empty() {
                    tx.execute(
                        "DELETE FROM chair_dissent WHERE package = ?1 AND applicant = ?2
                         AND expert = ?3",
                        params![package, applicant, expert],
                    )?;
                } else {
                    tx.execute(
                        "INSERT INTO chair_dissent (package, applicant, expert, note, at)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT(package, applicant, expert) DO UPDATE SET
                             note = excluded.note, at = excluded.at",
                        params![package, applicant, expert, note, at],
                    )?;
                }
            }
            ChairEvent::Draw { announced } => {
                tx.execute(
                    "INSERT INTO chair_draw (package, announced, at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(package) DO UPDATE SET announced = excluded.announced,
                         at = excluded.at",
                    params![package, announced, at],
                )?;
            }
        }
        let seq = chair_line(&tx, package, at, event)?;
        tx.commit()?;
        Ok(seq)
    }

    /// The chair's work on a package as it stands.
    pub fn chair_state(&self, package: &str) -> Result<ChairState> {
        self.chair_package(package)?;
        let mut state = ChairState::default();
        let mut st = self.conn.prepare(
            "SELECT expert, revision, sha256, file, imported_at FROM chair_sheet
             WHERE package = ?1 ORDER BY expert, revision",
        )?;
        for row in st.query_map([package], |r| {
            Ok(ChairSheetRecord {
                expert: r.get(0)?,
                revision: r.get(1)?,
                sha256: r.get(2)?,
                file: r.get(3)?,
                imported_at: r.get(4)?,
            })
        })? {
            state.sheets.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT expert, applicant, stage, indicator, note, at FROM chair_recheck
             WHERE package = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([package], |r| {
            let indicator: String = r.get(3)?;
            Ok(Recheck {
                expert: r.get(0)?,
                applicant: r.get(1)?,
                stage: r.get(2)?,
                indicator: (!indicator.is_empty()).then_some(indicator),
                note: r.get(4)?,
                at: r.get(5)?,
            })
        })? {
            state.rechecks.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, opinion FROM chair_opinion WHERE package = ?1 ORDER BY applicant",
        )?;
        for row in st.query_map([package], |r| Ok((r.get(0)?, r.get(1)?)))? {
            state.opinions.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, expert, note FROM chair_dissent WHERE package = ?1
             ORDER BY applicant, expert",
        )?;
        for row in st.query_map([package], |r| {
            Ok(Dissent {
                applicant: r.get(0)?,
                expert: r.get(1)?,
                note: r.get(2)?,
            })
        })? {
            state.dissents.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT expert, sequence, sha256, flags, at FROM chair_recheck_sent
             WHERE package = ?1 ORDER BY expert, sequence",
        )?;
        for row in st.query_map([package], |r| {
            Ok(SentRecheck {
                expert: r.get(0)?,
                sequence: r.get(1)?,
                sha256: r.get(2)?,
                flags: r.get(3)?,
                at: r.get(4)?,
            })
        })? {
            state.sent.push(row?);
        }
        state.announced = self
            .conn
            .query_row(
                "SELECT announced FROM chair_draw WHERE package = ?1",
                [package],
                |r| r.get(0),
            )
            .optional()?;
        Ok(state)
    }

    /// The sequence number the next re-check request to `expert` gets: one more than
    /// the last one written, from 1.
    pub fn chair_next_recheck(&self, package: &str, expert: &str) -> Result<u32> {
        let max: Option<u32> = self.conn.query_row(
            "SELECT MAX(sequence) FROM chair_recheck_sent WHERE package = ?1 AND expert = ?2",
            params![package, expert],
            |r| r.get(0),
        )?;
        Ok(max.map_or(1, |m| m.saturating_add(1)))
    }

    /// The chair's audit log (LF-terminated JSON lines) and its head, after
    /// checking every stored link.
    pub fn chair_audit_log(&self, package: &str) -> Result<(String, [u8; 32])> {
        self.audit_text("chair_audit", package)
    }
}

fn chair_line(
    tx: &rusqlite::Transaction<'_>,
    package: &str,
    at: &str,
    event: ChairEvent,
) -> Result<u64> {
    append_line(tx, "chair_audit", package, |seq| {
        serde_json::to_string(&ChairAuditEntry {
            seq,
            at: at.to_owned(),
            event,
        })
        .expect("audit entries serialize")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ChairPackageRecord {
        ChairPackageRecord {
            id: "0".repeat(32),
            round: "R".into(),
            manifest_sha256: "a".repeat(64),
            organizer: "SHA256:x".into(),
            person: "C01".into(),
            fingerprint: "SHA256:c".into(),
            opened_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn the_chairs_work_is_kept_chained_and_append_only() {
        let tmp = tempfile::tempdir().unwrap();
        let id = record().id;
        {
            let mut ws = Workspace::open(tmp.path()).unwrap();
            assert!(ws.add_chair_package(&record()).unwrap());
            assert!(!ws.add_chair_package(&record()).unwrap());
            for (rev, sha) in [(1, "s1"), (2, "s2")] {
                ws.chair_add_sheet(
                    &id,
                    &ChairSheetRecord {
                        expert: "E01".into(),
                        revision: rev,
                        sha256: sha.into(),
                        file: vec![rev as u8],
                        imported_at: "t".into(),
                    },
                )
                .unwrap();
            }
            let at = "2026-01-01T00:01:00Z";
            let opinion = |o: &str| ChairEvent::Opinion {
                applicant: "A01".into(),
                opinion: o.into(),
            };
            ws.chair_record(&id, at, opinion(" 两行\n意见 ")).unwrap();
            ws.chair_record(
                &id,
                at,
                ChairEvent::Dissent {
                    applicant: "A01".into(),
                    expert: "E02".into(),
                    note: "保留".into(),
                },
            )
            .unwrap();
            ws.chair_record(
                &id,
                at,
                ChairEvent::Draw {
                    announced: "20260315".into(),
                },
            )
            .unwrap();
            ws.chair_record(
                &id,
                at,
                ChairEvent::Recheck {
                    expert: "E01".into(),
                    applicant: "A01".into(),
                    stage: "written".into(),
                    indicator: None,
                    note: String::new(),
                },
            )
            .unwrap();
        }
        let ws = Workspace::open(tmp.path()).unwrap();
        let s = ws.chair_state(&id).unwrap();
        assert_eq!(s.sheets.len(), 2);
        assert_eq!(s.current_sheets()[0].revision, 2);
        assert_eq!(
            s.opinions,
            [("A01".to_string(), " 两行\n意见 ".to_string())]
        );
        assert_eq!(s.dissents[0].note, "保留");
        assert_eq!(s.announced.as_deref(), Some("20260315"));
        assert_eq!(s.rechecks.len(), 1);
        let mut ws = ws;
        assert_eq!(ws.chair_next_recheck(&id, "E01").unwrap(), 1);
        ws.chair_record(
            &id,
            "t",
            ChairEvent::SendRecheck {
                expert: "E01".into(),
                sequence: 1,
                sha256: "ab".into(),
                flags: 1,
            },
        )
        .unwrap();
        assert_eq!(ws.chair_next_recheck(&id, "E01").unwrap(), 2);
        assert_eq!(ws.chair_next_recheck(&id, "E02").unwrap(), 1);
        assert_eq!(ws.chair_state(&id).unwrap().sent[0].sequence, 1);
        let (log, _) = ws.chair_audit_log(&id).unwrap();
        assert_eq!(log.lines().count(), 8);
        assert!(log.starts_with("{\"seq\":1,"));
        assert!(log.contains("\"event\":\"import_sheet\""));
        let e = ws
            .conn
            .execute("DELETE FROM chair_audit WHERE seq = 1", [])
            .unwrap_err();
        assert!(e.to_string().contains("append-only"));
    }
}
