-- 004: the calendar years the organizer added (docs/formats.md, "Calendar year").
-- Self-contained (IF NOT EXISTS, no reference to another migration's tables), so
-- its number may change when branches are merged.

-- One row per added year: the file as imported, its SHA-256, the notice it was
-- typed from, and when.
CREATE TABLE IF NOT EXISTS calendar_year (
    year        INTEGER PRIMARY KEY,
    text        TEXT NOT NULL,     -- the calendar year file, as imported
    sha256      TEXT NOT NULL,     -- 64 lowercase hex digits of its UTF-8 bytes
    source      TEXT NOT NULL,     -- its `source` (the notice's reference)
    imported_at TEXT NOT NULL      -- RFC 3339 UTC
);

-- Every import that changed a year, append-only: the first import (replaced NULL)
-- and each replacement (replaced = the SHA-256 of the text it replaced).
CREATE TABLE IF NOT EXISTS calendar_year_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    year     INTEGER NOT NULL,
    sha256   TEXT NOT NULL,
    replaced TEXT,
    at       TEXT NOT NULL
);

CREATE TRIGGER IF NOT EXISTS calendar_year_log_no_update
BEFORE UPDATE ON calendar_year_log
BEGIN
    SELECT RAISE(ABORT, 'calendar_year_log is append-only');
END;

CREATE TRIGGER IF NOT EXISTS calendar_year_log_no_delete
BEFORE DELETE ON calendar_year_log
BEGIN
    SELECT RAISE(ABORT, 'calendar_year_log is append-only');
END;
