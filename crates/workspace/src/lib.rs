//! The expert's workspace (专家工作区): one SQLite file, `workspace.sqlite3`, in the
//! operating system's data directory (`directories`), next to a `packages/` folder
//! holding the imported packages as they arrived (ciphertext only).
//!
//! It keeps the organizer keys the user pinned, the imported packages, and per
//! package the pledge, the declarations, scores, verdicts and vetoes, the signed
//! sheets' revisions, and an append-only, hash-chained audit log.
//!
//! Invariants:
//! - Every change is one committed transaction that updates the state *and*
//!   appends its audit line with the chain head (`docs/formats.md`, "Score
//!   sheet"): a change is either wholly there after a crash or not at all.
//! - The audit table refuses UPDATE and DELETE (triggers).
//! - WAL journal with `synchronous=FULL`: a commit that returned is on disk.
//! - Migrations are numbered (`PRAGMA user_version`); a workspace written by a
//!   newer ReviewDesk is refused, never downgraded.
//! - Nothing decrypted is stored: materials stay in the package file.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use reviewdesk_core::rules::{
    Answer, Declaration, ExpertPart, Justification, PartScore, PartVerdict, PartVeto,
};
use reviewdesk_core::{AuditEntry, AuditEvent};
use reviewdesk_formats::{audit_genesis, audit_step};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The database file's name inside the workspace directory.
pub const DB_FILE: &str = "workspace.sqlite3";
/// The folder of imported packages inside the workspace directory.
pub const PACKAGES_DIR: &str = "packages";

/// The numbered migrations; migration *n* takes `user_version` from *n−1* to *n*.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_chair.sql"),
    include_str!("migrations/003_organizer.sql"),
    include_str!("migrations/004_calendar.sql"),
    include_str!("migrations/005_register.sql"),
    include_str!("migrations/006_recheck.sql"),
];

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// No home or data directory.
    #[error("no data directory for this user (HOME is not set?)")]
    NoDataDir,
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("workspace database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The workspace was written by a newer version.
    #[error("the workspace {path} has schema version {found}; this ReviewDesk knows up to {known}: update ReviewDesk")]
    TooNew {
        /// The database.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// Ours.
        known: i64,
    },
    /// The package is not in the workspace.
    #[error("package {0} is not in this workspace")]
    UnknownPackage(String),
    /// The package was imported already.
    #[error("package {0} is already in this workspace")]
    AlreadyImported(String),
    /// A stored audit line does not chain.
    #[error("the audit log of package {package} breaks at entry {seq}")]
    AuditBroken {
        /// The package.
        package: String,
        /// The first entry that does not chain.
        seq: u64,
    },
    /// `PRAGMA integrity_check` did not answer `ok`.
    #[error("workspace database integrity check: {0}")]
    Integrity(String),
    /// A stored value does not parse.
    #[error("workspace database holds a bad value: {0}")]
    BadValue(String),
    /// Another calendar year file for this year was imported before.
    #[error("a calendar for {year} was imported before with other content (SHA-256 {stored}; this file {new}): give --replace to replace it")]
    CalendarYearExists {
        /// The year.
        year: i32,
        /// SHA-256 of the text stored.
        stored: String,
        /// SHA-256 of the new text.
        new: String,
    },
    /// A unit's ledger does not chain or parse (`ledger_broken`), at a line.
    #[error("the register is broken: {0}")]
    LedgerBroken(#[from] reviewdesk_core::register::LedgerBroken),
    /// A register entry does not fit its ledger (`bad_register_entry`).
    #[error("register entry for {unit} refused: {what}")]
    BadRegisterEntry {
        /// The unit.
        unit: String,
        /// What is wrong.
        what: reviewdesk_core::register::LedgerProblem,
    },
}

/// The kind of a [`WorkspaceError`], one per stable code. Deliberately exhaustive
/// (not `#[non_exhaustive]`): a caller that maps every code fails to compile when
/// one is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkspaceCode {
    /// `no_data_dir`
    NoDataDir,
    /// `io`
    Io,
    /// `workspace_db`
    Db,
    /// `workspace_too_new`
    TooNew,
    /// `unknown_package`
    UnknownPackage,
    /// `already_imported`
    AlreadyImported,
    /// `audit_broken`
    AuditBroken,
    /// `workspace_corrupt`: the integrity check failed or a stored value is bad.
    Corrupt,
    /// `calendar_year_exists`: another file for the year was imported before.
    CalendarYearExists,
    /// `ledger_broken`: a unit's register ledger does not chain or parse.
    LedgerBroken,
    /// `bad_register_entry`: an entry that does not fit its ledger.
    BadRegisterEntry,
}

impl WorkspaceCode {
    /// The code's snake_case text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoDataDir => "no_data_dir",
            Self::Io => "io",
            Self::Db => "workspace_db",
            Self::TooNew => "workspace_too_new",
            Self::UnknownPackage => "unknown_package",
            Self::AlreadyImported => "already_imported",
            Self::AuditBroken => "audit_broken",
            Self::Corrupt => "workspace_corrupt",
            Self::CalendarYearExists => "calendar_year_exists",
            Self::LedgerBroken => "ledger_broken",
            Self::BadRegisterEntry => "bad_register_entry",
        }
    }
}

impl std::fmt::Display for WorkspaceCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WorkspaceCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl WorkspaceError {
    /// What is wrong and what to do, in `lang` (English: the `Display` text).
    pub fn message(&self, lang: reviewdesk_core::Lang) -> String {
        if lang == reviewdesk_core::Lang::En {
            return self.to_string();
        }
        match self {
            Self::NoDataDir => "此用户没有数据目录（HOME 未设置？）".to_string(),
            Self::Io { path, source } => format!(
                "无法读写工作区文件 {}：{}",
                path.display(),
                reviewdesk_formats::io_reason(source, lang)
            ),
            Self::Sqlite(_) => {
                "工作区数据库报告了错误。请关闭其他正在使用此工作区的评审台后重试".to_string()
            }
            Self::TooNew { path, found, known } => format!(
                "工作区 {} 的结构版本为 {found}，本评审台最高只认识 {known}：请升级评审台",
                path.display()
            ),
            Self::UnknownPackage(id) => format!("评审包 {id} 不在此工作区中"),
            Self::AlreadyImported(id) => format!(
                "评审包 {id} 已在您的工作区中，无需再次导入（`reviewdesk workspace list` 可查看）"
            ),
            Self::AuditBroken { package, seq } => format!(
                "评审包 {package} 的审计记录在第 {seq} 条断链：工作区已损坏或被改动"
            ),
            Self::Integrity(_) => {
                "工作区数据库的完整性检查未通过：工作区已损坏。请从备份恢复".to_string()
            }
            Self::BadValue(_) => "工作区数据库中有无法读取的值：工作区已损坏".to_string(),
            Self::CalendarYearExists { year, stored, new } => format!(
                "{year} 年的日历此前已导入过不同的内容（SHA-256 {stored}；此文件 {new}）：如要替换，请加 --replace"
            ),
            Self::LedgerBroken(b) => format!(
                "登记簿已损坏：单位 {} 的第 {} 行不符合其账本（{}）",
                b.unit,
                b.line,
                b.what.message(reviewdesk_core::Lang::ZhCn)
            ),
            Self::BadRegisterEntry { unit, what } => format!(
                "单位 {unit} 的登记条目与其账本不符，未记录（{}）",
                what.message(reviewdesk_core::Lang::ZhCn)
            ),
        }
    }
}

/// Every [`WorkspaceError`] variant once (a new variant fails to compile in the
/// match until listed), for the message tests.
#[doc(hidden)]
pub fn every_workspace_error() -> Vec<WorkspaceError> {
    let english = "the value is not what was expected".to_string();
    let all = vec![
        WorkspaceError::NoDataDir,
        WorkspaceError::Io {
            path: "ws/workspace.db".into(),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, english.clone()),
        },
        WorkspaceError::Sqlite(rusqlite::Error::InvalidQuery),
        WorkspaceError::TooNew {
            path: "ws/workspace.db".into(),
            found: 9,
            known: 8,
        },
        WorkspaceError::UnknownPackage("ab12".into()),
        WorkspaceError::AlreadyImported("ab12".into()),
        WorkspaceError::AuditBroken {
            package: "ab12".into(),
            seq: 3,
        },
        WorkspaceError::Integrity(english.clone()),
        WorkspaceError::BadValue(english.clone()),
        WorkspaceError::CalendarYearExists {
            year: 2027,
            stored: "aa".into(),
            new: "bb".into(),
        },
        WorkspaceError::LedgerBroken(reviewdesk_core::register::LedgerBroken {
            unit: "U1".into(),
            line: 2,
            what: reviewdesk_core::register::LedgerProblem::NotALine(english.clone()),
        }),
        WorkspaceError::BadRegisterEntry {
            unit: "U1".into(),
            what: reviewdesk_core::register::LedgerProblem::BadProgram(english),
        },
    ];
    for e in &all {
        match e {
            WorkspaceError::NoDataDir
            | WorkspaceError::Io { .. }
            | WorkspaceError::Sqlite(_)
            | WorkspaceError::TooNew { .. }
            | WorkspaceError::UnknownPackage(_)
            | WorkspaceError::AlreadyImported(_)
            | WorkspaceError::AuditBroken { .. }
            | WorkspaceError::Integrity(_)
            | WorkspaceError::BadValue(_)
            | WorkspaceError::CalendarYearExists { .. }
            | WorkspaceError::LedgerBroken(_)
            | WorkspaceError::BadRegisterEntry { .. } => {}
        }
    }
    all
}

impl WorkspaceError {
    /// A stable code.
    pub fn code(&self) -> WorkspaceCode {
        match self {
            Self::NoDataDir => WorkspaceCode::NoDataDir,
            Self::Io { .. } => WorkspaceCode::Io,
            Self::Sqlite(_) => WorkspaceCode::Db,
            Self::TooNew { .. } => WorkspaceCode::TooNew,
            Self::UnknownPackage(_) => WorkspaceCode::UnknownPackage,
            Self::AlreadyImported(_) => WorkspaceCode::AlreadyImported,
            Self::AuditBroken { .. } => WorkspaceCode::AuditBroken,
            Self::Integrity(_) | Self::BadValue(_) => WorkspaceCode::Corrupt,
            Self::CalendarYearExists { .. } => WorkspaceCode::CalendarYearExists,
            Self::LedgerBroken(_) => WorkspaceCode::LedgerBroken,
            Self::BadRegisterEntry { .. } => WorkspaceCode::BadRegisterEntry,
        }
    }

    /// The file the error is about, when it names one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Io { path, .. } | Self::TooNew { path, .. } => Some(path),
            Self::NoDataDir
            | Self::Sqlite(_)
            | Self::UnknownPackage(_)
            | Self::AlreadyImported(_)
            | Self::AuditBroken { .. }
            | Self::Integrity(_)
            | Self::BadValue(_)
            | Self::CalendarYearExists { .. } => None,
            Self::LedgerBroken(_) | Self::BadRegisterEntry { .. } => None,
        }
    }
}

type Result<T> = std::result::Result<T, WorkspaceError>;

/// One imported package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageRecord {
    /// Package id (32 hex digits).
    pub id: String,
    /// The round's id.
    pub round: String,
    /// SHA-256 of its signed manifest (hex): what sheets bind to.
    pub manifest_sha256: String,
    /// The organizer's fingerprint.
    pub organizer: String,
    /// The organizer's name as the round states it.
    pub organizer_name: String,
    /// This user's person id in the package.
    pub person: String,
    /// This user's fingerprint.
    pub fingerprint: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// The newer package of the same round that replaced it, if any.
    pub superseded_by: Option<String>,
}

/// An organizer key the user pinned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizerPin {
    /// The organizer's name as the round states it (zh).
    pub organizer: String,
    /// The pinned fingerprint (`SHA256:…`).
    pub fingerprint: String,
    /// When it was pinned or last re-pinned (RFC 3339).
    pub pinned_at: String,
}

/// A signed sheet's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRecord {
    /// Revision.
    pub revision: u32,
    /// SHA-256 of the signed plaintext (hex).
    pub sha256: String,
    /// The audit head it carries (hex).
    pub audit_head: String,
    /// When (RFC 3339).
    pub signed_at: String,
}

/// One flag of an imported re-check request, as stored (decimals as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlag {
    /// Applicant id.
    pub applicant: String,
    /// Stage id.
    pub stage: String,
    /// Indicator id; `None` for the stage total.
    pub indicator: Option<String>,
    /// The expert's value as flagged.
    pub value: String,
    /// The mean of the others.
    pub mean_of_others: String,
    /// The distance.
    pub distance: String,
    /// The chair's note (may be empty).
    pub note: String,
}

/// An imported re-check request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecheckRecord {
    /// The chair's sequence number.
    pub sequence: u32,
    /// SHA-256 of the signed plaintext (hex).
    pub sha256: String,
    /// The file as imported.
    pub file: Vec<u8>,
    /// When (RFC 3339).
    pub imported_at: String,
    /// Its flags, by cell.
    pub flags: Vec<StoredFlag>,
}

/// The user's workspace.
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    dir: PathBuf,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The schema version (`PRAGMA user_version`) an existing database file records in
/// its header (bytes 60–63, big-endian, of the 100-byte SQLite header), read
/// without opening it through SQLite; `None` when there is no such file or it is
/// not (yet) an SQLite database.
fn header_schema_version(path: &Path) -> std::io::Result<Option<i64>> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => return Ok(None),
            n => read += n,
        }
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Ok(None);
    }
    let version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]);
    Ok(Some(i64::from(version)))
}

/// The workspace directory: `$XDG_DATA_HOME/reviewdesk/workspace` on Linux.
pub fn default_dir() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("", "", "reviewdesk").ok_or(WorkspaceError::NoDataDir)?;
    Ok(dirs.data_dir().join("workspace"))
}

impl Workspace {
    /// Opens (creating if needed) the workspace in the user's data directory.
    pub fn open_default() -> Result<Self> {
        Self::open(&default_dir()?)
    }

    /// Opens (creating if needed) the workspace in `dir`, migrating it to the
    /// newest schema.
    pub fn open(dir: &Path) -> Result<Self> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WorkspaceError::Io { path, source }
        };
        let path = dir.join(DB_FILE);
        let known = MIGRATIONS.len() as i64;
        // A workspace written by a newer ReviewDesk is refused before anything is
        // opened for writing: no journal switch, no folder, no -wal file (the
        // check after opening catches a version still in an uncheckpointed WAL).
        if let Some(found) = header_schema_version(&path).map_err(io(&path))? {
            if found > known {
                return Err(WorkspaceError::TooNew { path, found, known });
            }
        }
        std::fs::create_dir_all(dir.join(PACKAGES_DIR)).map_err(io(dir))?;
        let mut conn = Connection::open(&path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(WorkspaceError::TooNew { path, found, known });
        }
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (n + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Self {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// The workspace directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`.
    pub fn integrity_check(&self) -> Result<()> {
        let answer: String = self
            .conn
            .pragma_query_value(None, "integrity_check", |r| r.get(0))?;
        if answer == "ok" {
            Ok(())
        } else {
            Err(WorkspaceError::Integrity(answer))
        }
    }

    // --- organizer pins ---------------------------------------------------------

    /// The fingerprint pinned for an organizer name.
    pub fn organizer_pin(&self, organizer: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT fingerprint FROM organizer_pin WHERE organizer = ?1",
                [organizer],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Pins (or re-pins, after the user confirmed a new key) an organizer's key.
    pub fn pin_organizer(&self, organizer: &str, fingerprint: &str, at: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO organizer_pin (organizer, fingerprint, pinned_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(organizer) DO UPDATE SET fingerprint = excluded.fingerprint,
                 pinned_at = excluded.pinned_at",
            params![organizer, fingerprint, at],
        )?;
        Ok(())
    }

    /// Every pinned organizer key, by organizer name.
    pub fn organizer_pins(&self) -> Result<Vec<OrganizerPin>> {
        let mut st = self.conn.prepare(
            "SELECT organizer, fingerprint, pinned_at FROM organizer_pin ORDER BY organizer",
        )?;
        let rows = st.query_map([], |r| {
            Ok(OrganizerPin {
                organizer: r.get(0)?,
                fingerprint: r.get(1)?,
                pinned_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // --- packages ---------------------------------------------------------------

    /// Where a package's file is kept (named by its id, never by anything read).
    pub fn package_file(&self, id: &str) -> PathBuf {
        self.dir.join(PACKAGES_DIR).join(format!("{id}.rdpkg"))
    }

    fn package_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PackageRecord> {
        Ok(PackageRecord {
            id: r.get(0)?,
            round: r.get(1)?,
            manifest_sha256: r.get(2)?,
            organizer: r.get(3)?,
            organizer_name: r.get(4)?,
            person: r.get(5)?,
            fingerprint: r.get(6)?,
            imported_at: r.get(7)?,
            superseded_by: r.get(8)?,
        })
    }

    const PACKAGE_COLUMNS: &'static str = "id, round, manifest_sha256, organizer, organizer_name,
        person, fingerprint, imported_at, superseded_by";

    /// Every imported package, newest first.
    pub fn packages(&self) -> Result<Vec<PackageRecord>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {} FROM package ORDER BY imported_at DESC, rowid DESC",
            Self::PACKAGE_COLUMNS
        ))?;
        let rows = st.query_map([], Self::package_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One package.
    pub fn package(&self, id: &str) -> Result<PackageRecord> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {} FROM package WHERE id = ?1",
                    Self::PACKAGE_COLUMNS
                ),
                [id],
                Self::package_row,
            )
            .optional()?
            .ok_or_else(|| WorkspaceError::UnknownPackage(id.to_owned()))
    }

    /// The package of a round that is not superseded.
    pub fn current_package(&self, round: &str) -> Result<Option<PackageRecord>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM package WHERE round = ?1 AND superseded_by IS NULL",
                    Self::PACKAGE_COLUMNS
                ),
                [round],
                Self::package_row,
            )
            .optional()?)
    }

    /// Records an imported package whose file is already at
    /// [`package_file`](Self::package_file), supersedes the round's earlier
    /// package (its work stays, as history) and starts the audit log.
    pub fn add_package(&mut self, p: &PackageRecord) -> Result<AuditEntry> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx
            .query_row("SELECT 1 FROM package WHERE id = ?1", [&p.id], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            return Err(WorkspaceError::AlreadyImported(p.id.clone()));
        }
        tx.execute(
            &format!(
                "INSERT INTO package ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)",
                Self::PACKAGE_COLUMNS
            ),
            params![
                p.id,
                p.round,
                p.manifest_sha256,
                p.organizer,
                p.organizer_name,
                p.person,
                p.fingerprint,
                p.imported_at
            ],
        )?;
        tx.execute(
            "UPDATE package SET superseded_by = ?1
             WHERE round = ?2 AND id <> ?1 AND superseded_by IS NULL",
            params![p.id, p.round],
        )?;
        let entry = append_audit(
            &tx,
            &p.id,
            &p.imported_at,
            AuditEvent::Import {
                package: p.id.clone(),
                organizer: p.organizer.clone(),
            },
        )?;
        tx.commit()?;
        Ok(entry)
    }

    // --- the expert's work --------------------------------------------------------

    /// Applies one change and appends its audit line, in one transaction.
    pub fn record(&mut self, package: &str, at: &str, event: AuditEvent) -> Result<AuditEntry> {
        self.package(package)?;
        let tx = self.conn.transaction()?;
        apply(&tx, package, at, &event)?;
        let entry = append_audit(&tx, package, at, event)?;
        tx.commit()?;
        Ok(entry)
    }

    /// When the pledge was accepted.
    pub fn pledged_at(&self, package: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT accepted_at FROM pledge WHERE package = ?1",
                [package],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The expert's part as it stands.
    pub fn part(&self, package: &str) -> Result<ExpertPart> {
        let p = self.package(package)?;
        let bad = |e: String| WorkspaceError::BadValue(e);
        let mut part = ExpertPart {
            expert: p.person,
            ..Default::default()
        };
        let mut st = self.conn.prepare(
            "SELECT applicant, recuse, note FROM declaration WHERE package = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([package], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (applicant, recuse, note) = row?;
            let recuse = recuse
                .map(|c| serde_json::from_value(serde_json::Value::String(c)))
                .transpose()
                .map_err(|e| bad(e.to_string()))?;
            part.declarations.push(Declaration {
                applicant,
                recuse,
                note,
            });
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, stage, indicator, value, reason, comment FROM score
             WHERE package = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([package], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })? {
            let (applicant, stage, indicator, value, reason, comment) = row?;
            part.scores.push(PartScore {
                applicant,
                stage,
                indicator,
                value: value.parse().map_err(|_| bad(format!("score {value}")))?,
                reason,
                comment,
            });
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, stage, pass, comment FROM verdict WHERE package = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([package], |r| {
            Ok(PartVerdict {
                applicant: r.get(0)?,
                stage: r.get(1)?,
                pass: r.get(2)?,
                comment: r.get(3)?,
            })
        })? {
            part.verdicts.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, indicator, reason FROM veto WHERE package = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([package], |r| {
            Ok(PartVeto {
                applicant: r.get(0)?,
                indicator: r.get(1)?,
                reason: r.get(2)?,
            })
        })? {
            part.vetoes.push(row?);
        }
        let mut st = self.conn.prepare(
            "SELECT applicant, stage, indicator, request, answer, text FROM justification
             WHERE package = ?1 ORDER BY request, applicant, stage, indicator",
        )?;
        for row in st.query_map([package], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })? {
            let (applicant, stage, indicator, request, answer, text) = row?;
            let answer = match answer.as_str() {
                "kept" => Answer::Kept,
                "changed" => Answer::Changed,
                other => return Err(bad(format!("answer {other}"))),
            };
            part.justifications.push(Justification {
                applicant,
                stage,
                indicator: (!indicator.is_empty()).then_some(indicator),
                request,
                answer,
                text,
            });
        }
        Ok(part)
    }

    /// Records an imported re-check request (the file as imported and its flags)
    /// with its `import_recheck` audit line, in one transaction.
    pub fn import_recheck(&mut self, package: &str, r: &RecheckRecord) -> Result<AuditEntry> {
        self.package(package)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO recheck_request (package, sequence, sha256, file, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![package, r.sequence, r.sha256, r.file, r.imported_at],
        )?;
        for f in &r.flags {
            tx.execute(
                "INSERT INTO recheck_flag (package, sequence, applicant, stage, indicator, value,
                     mean_of_others, distance, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    package,
                    r.sequence,
                    f.applicant,
                    f.stage,
                    f.indicator.clone().unwrap_or_default(),
                    f.value,
                    f.mean_of_others,
                    f.distance,
                    f.note
                ],
            )?;
        }
        let entry = append_audit(
            &tx,
            package,
            &r.imported_at,
            AuditEvent::ImportRecheck {
                sequence: r.sequence,
                sha256: r.sha256.clone(),
            },
        )?;
        tx.commit()?;
        Ok(entry)
    }

    /// The re-check requests imported for a package, by sequence, with their flags.
    pub fn rechecks(&self, package: &str) -> Result<Vec<RecheckRecord>> {
        let mut st = self.conn.prepare(
            "SELECT sequence, sha256, file, imported_at FROM recheck_request
             WHERE package = ?1 ORDER BY sequence",
        )?;
        let mut out: Vec<RecheckRecord> = st
            .query_map([package], |r| {
                Ok(RecheckRecord {
                    sequence: r.get(0)?,
                    sha256: r.get(1)?,
                    file: r.get(2)?,
                    imported_at: r.get(3)?,
                    flags: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(
            "SELECT applicant, stage, indicator, value, mean_of_others, distance, note
             FROM recheck_flag WHERE package = ?1 AND sequence = ?2
             ORDER BY applicant, stage, indicator",
        )?;
        for r in &mut out {
            for row in st.query_map(params![package, r.sequence], |x| {
                let indicator: String = x.get(2)?;
                Ok(StoredFlag {
                    applicant: x.get(0)?,
                    stage: x.get(1)?,
                    indicator: (!indicator.is_empty()).then_some(indicator),
                    value: x.get(3)?,
                    mean_of_others: x.get(4)?,
                    distance: x.get(5)?,
                    note: x.get(6)?,
                })
            })? {
                r.flags.push(row?);
            }
        }
        Ok(out)
    }

    /// The audit log as the sheet carries it: LF-terminated lines, and its head,
    /// after checking every stored link.
    pub fn audit_log(&self, package: &str) -> Result<(String, [u8; 32])> {
        self.audit_text("audit", package)
    }

    fn audit_text(&self, table: &str, package: &str) -> Result<(String, [u8; 32])> {
        let mut st = self.conn.prepare(&format!(
            "SELECT seq, line, head FROM {table} WHERE package = ?1 ORDER BY seq"
        ))?;
        let mut text = String::new();
        let mut h = audit_genesis();
        let rows = st.query_map([package], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for (expected_seq, row) in (1u64..).zip(rows) {
            let (seq, line, head) = row?;
            let seq = seq as u64;
            h = audit_step(&h, &line);
            if seq != expected_seq || head != hex(&h) || line.contains('\n') {
                return Err(WorkspaceError::AuditBroken {
                    package: package.to_owned(),
                    seq,
                });
            }
            text.push_str(&line);
            text.push('\n');
        }
        Ok((text, h))
    }

    /// The number of audit entries.
    pub fn audit_len(&self, package: &str) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM audit WHERE package = ?1",
            [package],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// The signed sheets, newest first.
    pub fn sheets(&self, package: &str) -> Result<Vec<SheetRecord>> {
        let mut st = self.conn.prepare(
            "SELECT revision, sha256, audit_head, signed_at FROM sheet
             WHERE package = ?1 ORDER BY revision DESC",
        )?;
        let rows = st.query_map([package], |r| {
            Ok(SheetRecord {
                revision: r.get(0)?,
                sha256: r.get(1)?,
                audit_head: r.get(2)?,
                signed_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The revision the next sheet gets.
    pub fn next_revision(&self, package: &str) -> Result<u32> {
        let max: Option<u32> = self.conn.query_row(
            "SELECT MAX(revision) FROM sheet WHERE package = ?1",
            [package],
            |r| r.get(0),
        )?;
        Ok(max.map_or(1, |m| m.saturating_add(1)))
    }

    /// Records a signed sheet: the `sign` audit entry was part of what it signed,
    /// so this stores only the revision, its hash and the head it carried.
    pub fn record_sheet(&mut self, package: &str, sheet: &SheetRecord) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sheet (package, revision, sha256, audit_head, signed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                package,
                sheet.revision,
                sheet.sha256,
                sheet.audit_head,
                sheet.signed_at
            ],
        )?;
        Ok(())
    }
}

fn append_audit(
    tx: &Transaction<'_>,
    package: &str,
    at: &str,
    event: AuditEvent,
) -> Result<AuditEntry> {
    let mut entry = None;
    append_line(tx, "audit", package, |seq| {
        let e = AuditEntry {
            seq,
            at: at.to_owned(),
            event,
        };
        let line = e.to_line();
        entry = Some(e);
        line
    })?;
    Ok(entry.expect("the line was made"))
}

/// Appends one line to an audit table (`audit` or `chair_audit`): the next
/// sequence number, the line `make(seq)` and the chain head after it.
fn append_line(
    tx: &Transaction<'_>,
    table: &str,
    package: &str,
    make: impl FnOnce(u64) -> String,
) -> Result<u64> {
    let last: Option<(i64, String)> = tx
        .query_row(
            &format!("SELECT seq, head FROM {table} WHERE package = ?1 ORDER BY seq DESC LIMIT 1"),
            [package],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        None => (1, audit_genesis()),
        Some((seq, head)) => {
            let mut prev = [0u8; 32];
            if head.len() != 64
                || (0..32).any(|i| {
                    u8::from_str_radix(&head[2 * i..2 * i + 2], 16)
                        .map(|b| prev[i] = b)
                        .is_err()
                })
            {
                return Err(WorkspaceError::AuditBroken {
                    package: package.to_owned(),
                    seq: seq as u64,
                });
            }
            (seq as u64 + 1, prev)
        }
    };
    let line = make(seq);
    let head = audit_step(&prev, &line);
    tx.execute(
        &format!("INSERT INTO {table} (package, seq, line, head) VALUES (?1, ?2, ?3, ?4)"),
        params![package, seq as i64, line, hex(&head)],
    )?;
    Ok(seq)
}

fn recuse_text(d: &Declaration) -> Option<String> {
    d.recuse.map(|c| {
        serde_json::to_value(c)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    })
}

fn apply(tx: &Transaction<'_>, package: &str, at: &str, event: &AuditEvent) -> Result<()> {
    match event {
        AuditEvent::Import { .. } | AuditEvent::OpenMaterial { .. } | AuditEvent::Sign { .. } => {}
        AuditEvent::ImportRecheck { .. } => {
            return Err(WorkspaceError::BadValue(
                "a re-check request is recorded by import_recheck".into(),
            ))
        }
        AuditEvent::Justify(j) => {
            tx.execute(
                "INSERT INTO justification (package, request, applicant, stage, indicator,
                     answer, text, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(package, request, applicant, stage, indicator) DO UPDATE SET
                     answer = excluded.answer, text = excluded.text, at = excluded.at",
                params![
                    package,
                    j.request,
                    j.applicant,
                    j.stage,
                    j.indicator.clone().unwrap_or_default(),
                    j.answer.as_str(),
                    j.text,
                    at
                ],
            )?;
        }
        AuditEvent::Pledge { text_sha256 } => {
            tx.execute(
                "INSERT INTO pledge (package, text_sha256, accepted_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(package) DO NOTHING",
                params![package, text_sha256, at],
            )?;
        }
        AuditEvent::Declare(d) => {
            tx.execute(
                "INSERT INTO declaration (package, applicant, recuse, note, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(package, applicant) DO UPDATE SET recuse = excluded.recuse,
                     note = excluded.note, at = excluded.at",
                params![package, d.applicant, recuse_text(d), d.note, at],
            )?;
        }
        AuditEvent::Score(s) => {
            tx.execute(
                "INSERT INTO score (package, applicant, stage, indicator, value, reason, comment, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(package, applicant, stage, indicator) DO UPDATE SET
                     value = excluded.value, reason = excluded.reason,
                     comment = excluded.comment, at = excluded.at",
                params![
                    package,
                    s.applicant,
                    s.stage,
                    s.indicator,
                    s.value.to_string(),
                    s.reason,
                    s.comment,
                    at
                ],
            )?;
        }
        AuditEvent::ClearScore {
            applicant,
            stage,
            indicator,
        } => {
            tx.execute(
                "DELETE FROM score WHERE package = ?1 AND applicant = ?2 AND stage = ?3
                 AND indicator = ?4",
                params![package, applicant, stage, indicator],
            )?;
        }
        AuditEvent::Verdict(v) => {
            tx.execute(
                "INSERT INTO verdict (package, applicant, stage, pass, comment, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(package, applicant, stage) DO UPDATE SET pass = excluded.pass,
                     comment = excluded.comment, at = excluded.at",
                params![package, v.applicant, v.stage, v.pass, v.comment, at],
            )?;
        }
        AuditEvent::Veto(v) => {
            tx.execute(
                "INSERT INTO veto (package, applicant, indicator, reason, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(package, applicant, indicator) DO UPDATE SET
                     reason = excluded.reason, at = excluded.at",
                params![package, v.applicant, v.indicator, v.reason, at],
            )?;
        }
        AuditEvent::ClearVeto {
            applicant,
            indicator,
        } => {
            tx.execute(
                "DELETE FROM veto WHERE package = ?1 AND applicant = ?2 AND indicator = ?3",
                params![package, applicant, indicator],
            )?;
        }
    }
    Ok(())
}

mod calendar;
mod chair;
mod organizer;
pub use calendar::{CalendarLogLine, CalendarYearRecord, StoredYear};
mod register;
pub use chair::{
    ChairAuditEntry, ChairEvent, ChairPackageRecord, ChairSheetRecord, ChairState, Dissent,
    Recheck, SentRecheck,
};
pub use organizer::OrganizerRoundRecord;
pub use register::{AppliedFile, Ledger};

#[cfg(test)]
mod tests;
