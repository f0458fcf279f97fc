//! The organizer desk's table: the round folders opened, most recent first.

use rusqlite::params;

use crate::{Result, Workspace};

/// A round folder the organizer opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizerRoundRecord {
    /// The round folder.
    pub dir: String,
    /// The round's id.
    pub round: String,
    /// Its title in Chinese.
    pub title: String,
    /// The last time it was opened (RFC 3339 UTC).
    pub opened_at: String,
}

impl Workspace {
    /// Records that a round folder was opened now (once per folder; the time moves).
    pub fn organizer_opened(&mut self, r: &OrganizerRoundRecord) -> Result<()> {
        self.conn.execute(
            "INSERT INTO organizer_round (dir, round, title, opened_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(dir) DO UPDATE SET round = ?2, title = ?3, opened_at = ?4",
            params![r.dir, r.round, r.title, r.opened_at],
        )?;
        Ok(())
    }

    /// The round folders opened, the most recent first.
    pub fn organizer_rounds(&self) -> Result<Vec<OrganizerRoundRecord>> {
        let mut st = self.conn.prepare(
            "SELECT dir, round, title, opened_at FROM organizer_round
             ORDER BY opened_at DESC, rowid DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(OrganizerRoundRecord {
                dir: r.get(0)?,
                round: r.get(1)?,
                title: r.get(2)?,
                opened_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_opened_again_moves_to_the_top_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path()).unwrap();
        let rec = |d: &str, at: &str| OrganizerRoundRecord {
            dir: d.into(),
            round: "r".into(),
            title: "批次".into(),
            opened_at: at.into(),
        };
        ws.organizer_opened(&rec("/a", "2026-12-01T08:00:00Z"))
            .unwrap();
        ws.organizer_opened(&rec("/b", "2026-12-01T09:00:00Z"))
            .unwrap();
        ws.organizer_opened(&rec("/a", "2026-12-01T10:00:00Z"))
            .unwrap();
        let dirs: Vec<String> = ws
            .organizer_rounds()
            .unwrap()
            .into_iter()
            .map(|r| r.dir)
            .collect();
        assert_eq!(dirs, ["/a", "/b"]);
    }
}
