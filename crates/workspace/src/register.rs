//! The register's tables (`migrations/005_register.sql`): per unit an
//! append-only, hash-chained ledger of canonical JSON lines, and the archives and
//! bundles applied. Appending reads the unit's ledger back (every line re-checked,
//! `ledger_broken` naming the first bad one) and writes its new lines in the same
//! transaction; a batch (an archive applied) is one transaction for every unit.

use std::collections::BTreeMap;

use reviewdesk_core::register::{ledger_line_hash, read_ledger, LedgerLine, NewEntry};
use reviewdesk_core::CreditCode;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Result, Workspace, WorkspaceError};

/// An archive or bundle applied to the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFile {
    /// Its SHA-256.
    pub sha256: String,
    /// `archive` or `bundle`.
    pub file: String,
    /// The round.
    pub round: String,
    /// The day it was applied (YYYY-MM-DD).
    pub applied_on: String,
    /// The ledger lines it recorded.
    pub lines: u32,
}

/// A unit's ledger as read back: its lines and head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// 统一社会信用代码.
    pub unit: String,
    /// Every line, checked.
    pub lines: Vec<LedgerLine>,
    /// The SHA-256 the next line's `prev` must be (the genesis for an empty ledger).
    pub head: String,
}

fn texts_of(tx: &rusqlite::Connection, unit: &str) -> Result<Vec<String>> {
    let mut st =
        tx.prepare_cached("SELECT line FROM register_line WHERE unit = ?1 ORDER BY seq")?;
    let rows = st.query_map([unit], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ledger_in(conn: &rusqlite::Connection, unit: &str) -> Result<Ledger> {
    let texts = texts_of(conn, unit)?;
    let (lines, head) = read_ledger(unit, texts.iter().map(String::as_str))?;
    Ok(Ledger {
        unit: unit.to_owned(),
        lines,
        head,
    })
}

fn append_in(
    tx: &Transaction<'_>,
    unit: &CreditCode,
    entries: Vec<NewEntry>,
) -> Result<Vec<LedgerLine>> {
    let mut ledger = ledger_in(tx, unit.as_str())?;
    let mut out = Vec::with_capacity(entries.len());
    let mut st =
        tx.prepare_cached("INSERT INTO register_line (unit, seq, line) VALUES (?1, ?2, ?3)")?;
    for e in entries {
        let line = LedgerLine::next(
            unit,
            ledger.lines.last().map(|l| (l, ledger.head.as_str())),
            e,
        )
        .map_err(|e| WorkspaceError::BadRegisterEntry {
            unit: unit.to_string(),
            what: e.what,
        })?;
        let text = line.to_line();
        ledger.head = ledger_line_hash(text.as_bytes());
        st.execute(params![
            unit.as_str(),
            line.seq,
            text.trim_end_matches('\n')
        ])?;
        ledger.lines.push(line.clone());
        out.push(line);
    }
    Ok(out)
}

impl Workspace {
    /// Appends entries to a unit's ledger in one transaction; returns the lines written.
    pub fn register_append(
        &mut self,
        unit: &CreditCode,
        entries: Vec<NewEntry>,
    ) -> Result<Vec<LedgerLine>> {
        let tx = self.conn.transaction()?;
        let out = append_in(&tx, unit, entries)?;
        tx.commit()?;
        Ok(out)
    }

    /// Appends entries to several units' ledgers and records the file applied, all
    /// in one transaction (nothing is written if any entry is refused).
    pub fn register_apply(
        &mut self,
        batch: Vec<(CreditCode, Vec<NewEntry>)>,
        applied: &AppliedFile,
    ) -> Result<Vec<LedgerLine>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::new();
        for (unit, entries) in batch {
            out.extend(append_in(&tx, &unit, entries)?);
        }
        tx.execute(
            "INSERT INTO register_applied (sha256, file, round, applied_on, lines) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![applied.sha256, applied.file, applied.round, applied.applied_on, out.len() as u32],
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// The record of a file applied, by its SHA-256.
    pub fn register_applied(&self, sha256: &str) -> Result<Option<AppliedFile>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sha256, file, round, applied_on, lines FROM register_applied WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(AppliedFile {
                        sha256: r.get(0)?,
                        file: r.get(1)?,
                        round: r.get(2)?,
                        applied_on: r.get(3)?,
                        lines: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// One unit's ledger, every line re-checked (empty for an unknown unit).
    pub fn register_ledger(&self, unit: &str) -> Result<Ledger> {
        ledger_in(&self.conn, unit)
    }

    /// The credit codes of every unit with a ledger, in order.
    pub fn register_units(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT unit FROM register_line ORDER BY unit")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every unit's ledger, by credit code, every line re-checked.
    pub fn register_ledgers(&self) -> Result<Vec<Ledger>> {
        let mut st = self
            .conn
            .prepare("SELECT unit, line FROM register_line ORDER BY unit, seq")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut by_unit: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in rows {
            let (unit, line) = row?;
            by_unit.entry(unit).or_default().push(line);
        }
        // Re-checking is parse, canonical form and SHA-256 per line: spread over
        // the machine's cores, in order (chunks of whole ledgers).
        let units: Vec<(String, Vec<String>)> = by_unit.into_iter().collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let per = units.len().div_ceil(threads).max(1);
        let check = |chunk: &[(String, Vec<String>)]| -> Result<Vec<Ledger>> {
            chunk
                .iter()
                .map(|(unit, texts)| {
                    let (lines, head) = read_ledger(unit, texts.iter().map(String::as_str))?;
                    Ok(Ledger {
                        unit: unit.clone(),
                        lines,
                        head,
                    })
                })
                .collect()
        };
        let parts: Vec<Result<Vec<Ledger>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = units
                .chunks(per)
                .map(|chunk| scope.spawn(move || check(chunk)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a ledger check does not panic"))
                .collect()
        });
        let mut out = Vec::with_capacity(units.len());
        for part in parts {
            out.extend(part?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reviewdesk_core::register::{ledger_genesis, Event};

    const CODE: &str = "91440101MA5AGYGLU6";

    fn entry(on: &str, event: Event) -> NewEntry {
        NewEntry {
            program: "gd-supplier".into(),
            on: on.parse().unwrap(),
            event,
            corrects: None,
            proposal: None,
            source: None,
            round: None,
            note: None,
        }
    }

    #[test]
    fn appended_lines_read_back_chained_and_refuse_update_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let code = CreditCode::parse(CODE).unwrap();
        assert_eq!(ws.register_ledger(CODE).unwrap().head, ledger_genesis(CODE));
        ws.register_append(
            &code,
            vec![entry("2024-05-01", Event::Admitted { name: "甲".into() })],
        )
        .unwrap();
        let written = ws
            .register_append(
                &code,
                vec![entry(
                    "2025-04-01",
                    Event::Graded {
                        year: 2024,
                        grade: "qualified".into(),
                    },
                )],
            )
            .unwrap();
        assert_eq!(written[0].seq, 2);
        let l = ws.register_ledger(CODE).unwrap();
        assert_eq!(l.lines.len(), 2);
        assert_eq!(
            l.lines[1].prev,
            ledger_line_hash(l.lines[0].to_line().as_bytes())
        );
        assert!(ws
            .conn
            .execute("UPDATE register_line SET line = 'x'", [])
            .is_err());
        assert!(ws.conn.execute("DELETE FROM register_line", []).is_err());
        assert_eq!(ws.register_ledgers().unwrap().len(), 1);
    }

    #[test]
    fn an_edited_line_is_named_by_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let code = CreditCode::parse(CODE).unwrap();
        ws.register_append(
            &code,
            vec![
                entry("2024-05-01", Event::Admitted { name: "甲".into() }),
                entry(
                    "2025-04-01",
                    Event::Graded {
                        year: 2024,
                        grade: "unqualified".into(),
                    },
                ),
                entry(
                    "2026-04-01",
                    Event::Graded {
                        year: 2025,
                        grade: "qualified".into(),
                    },
                ),
            ],
        )
        .unwrap();
        // Someone edits line 2 behind the register's back (the trigger dropped first).
        ws.conn
            .execute_batch(
                "DROP TRIGGER register_line_no_update;
                 UPDATE register_line SET line = replace(line, 'unqualified', 'excellent') WHERE seq = 2;",
            )
            .unwrap();
        let e = ws.register_ledgers().unwrap_err();
        assert_eq!(e.code(), crate::WorkspaceCode::LedgerBroken);
        assert!(
            e.to_string().contains(&format!("ledger of {CODE}, line 3")),
            "{e}"
        );
    }

    #[test]
    fn a_refused_entry_in_a_batch_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let code = CreditCode::parse(CODE).unwrap();
        let applied = AppliedFile {
            sha256: "ab".repeat(32),
            file: "archive".into(),
            round: "r".into(),
            applied_on: "2026-05-01".into(),
            lines: 0,
        };
        let e = ws
            .register_apply(
                vec![(
                    code.clone(),
                    vec![
                        entry("2026-05-01", Event::Admitted { name: "甲".into() }),
                        entry("2026-05-01", Event::Admitted { name: " ".into() }),
                    ],
                )],
                &applied,
            )
            .unwrap_err();
        assert_eq!(e.code(), crate::WorkspaceCode::BadRegisterEntry);
        assert!(ws.register_ledger(CODE).unwrap().lines.is_empty());
        assert!(ws.register_applied(&applied.sha256).unwrap().is_none());
        ws.register_apply(
            vec![(
                code,
                vec![entry("2026-05-01", Event::Admitted { name: "甲".into() })],
            )],
            &applied,
        )
        .unwrap();
        assert_eq!(
            ws.register_applied(&applied.sha256).unwrap().unwrap().lines,
            1
        );
    }
}
