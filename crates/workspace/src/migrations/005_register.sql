-- The register of units across years (动态管理, issue 15): per unit (统一社会信用代码)
-- an append-only, hash-chained ledger of canonical JSON lines (docs/formats.md,
-- "Register ledger line"); names, name changes and programs are in the lines.
-- Self-contained: it names no table of another migration, so its number may change.

CREATE TABLE register_line (
    unit TEXT    NOT NULL,  -- 统一社会信用代码
    seq  INTEGER NOT NULL,  -- from 1, per unit
    line TEXT    NOT NULL,  -- the canonical JSON line, without its LF
    PRIMARY KEY (unit, seq)
) WITHOUT ROWID;

CREATE TRIGGER register_line_no_update BEFORE UPDATE ON register_line
BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
CREATE TRIGGER register_line_no_delete BEFORE DELETE ON register_line
BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;

-- The archives and bundles applied, by SHA-256: applying one again records nothing.
CREATE TABLE register_applied (
    sha256     TEXT    PRIMARY KEY,
    file       TEXT    NOT NULL,  -- archive | bundle
    round      TEXT    NOT NULL,
    applied_on TEXT    NOT NULL,  -- YYYY-MM-DD
    lines      INTEGER NOT NULL   -- ledger lines it recorded
);

CREATE TRIGGER register_applied_no_update BEFORE UPDATE ON register_applied
BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
CREATE TRIGGER register_applied_no_delete BEFORE DELETE ON register_applied
BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
