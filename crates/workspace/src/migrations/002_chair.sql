-- 002: the chair's desk (组长汇总台). The chair opens the whole-round package; the
-- sheets it accepted are kept as they arrived (ciphertext), beside the re-check
-- requests, the panel's opinions and dissents and the announced draw value. Every
-- change appends a line to the chair's own hash-chained audit log.

CREATE TABLE chair_package (
    id              TEXT PRIMARY KEY,  -- 32 hex digits; the file is chair/<id>.rdpkg
    round           TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    organizer       TEXT NOT NULL,     -- the organizer's fingerprint
    person          TEXT NOT NULL,     -- the chair's person id in the package
    fingerprint     TEXT NOT NULL,     -- the chair's fingerprint
    opened_at       TEXT NOT NULL
);

-- Accepted sheets; per expert the highest revision is the one in force.
CREATE TABLE chair_sheet (
    package     TEXT NOT NULL REFERENCES chair_package(id),
    expert      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,         -- of the signed plaintext (hex)
    file        BLOB NOT NULL,         -- the sheet file as imported (age ciphertext)
    imported_at TEXT NOT NULL,
    PRIMARY KEY (package, expert, revision)
);

CREATE TABLE chair_recheck (
    package   TEXT NOT NULL REFERENCES chair_package(id),
    expert    TEXT NOT NULL,
    applicant TEXT NOT NULL,
    stage     TEXT NOT NULL,
    indicator TEXT NOT NULL DEFAULT '',  -- '' at level stage_total
    note      TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    PRIMARY KEY (package, expert, applicant, stage, indicator)
);

CREATE TABLE chair_opinion (
    package   TEXT NOT NULL REFERENCES chair_package(id),
    applicant TEXT NOT NULL,
    opinion   TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant)
);

CREATE TABLE chair_dissent (
    package   TEXT NOT NULL REFERENCES chair_package(id),
    applicant TEXT NOT NULL,
    expert    TEXT NOT NULL,
    note      TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant, expert)
);

CREATE TABLE chair_draw (
    package   TEXT PRIMARY KEY REFERENCES chair_package(id),
    announced TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE TABLE chair_audit (
    package TEXT NOT NULL REFERENCES chair_package(id),
    seq     INTEGER NOT NULL,
    line    TEXT NOT NULL,
    head    TEXT NOT NULL,
    PRIMARY KEY (package, seq)
);
CREATE TRIGGER chair_audit_no_update BEFORE UPDATE ON chair_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER chair_audit_no_delete BEFORE DELETE ON chair_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
