-- 001: the expert's workspace. Text columns hold ids, hex digests, RFC 3339 UTC
-- times and exact decimals as strings (no floating point).

CREATE TABLE organizer_pin (
    organizer   TEXT PRIMARY KEY,      -- the round's organizer name (zh)
    fingerprint TEXT NOT NULL,         -- SHA256:… of the pinned signing key
    pinned_at   TEXT NOT NULL
);

CREATE TABLE package (
    id              TEXT PRIMARY KEY,  -- 32 hex digits; the file is packages/<id>.rdpkg
    round           TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    organizer       TEXT NOT NULL,
    organizer_name  TEXT NOT NULL,
    person          TEXT NOT NULL,     -- this user's person id in the package
    fingerprint     TEXT NOT NULL,     -- this user's fingerprint
    imported_at     TEXT NOT NULL,
    superseded_by   TEXT REFERENCES package(id)
);

CREATE TABLE pledge (
    package     TEXT PRIMARY KEY REFERENCES package(id),
    text_sha256 TEXT NOT NULL,
    accepted_at TEXT NOT NULL
);

CREATE TABLE declaration (
    package   TEXT NOT NULL REFERENCES package(id),
    applicant TEXT NOT NULL,
    recuse    TEXT,                    -- NULL: no conflict of interest
    note      TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant)
);

CREATE TABLE score (
    package   TEXT NOT NULL REFERENCES package(id),
    applicant TEXT NOT NULL,
    stage     TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value     TEXT NOT NULL,           -- exact decimal
    reason    TEXT,
    comment   TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant, stage, indicator)
);

CREATE TABLE verdict (
    package   TEXT NOT NULL REFERENCES package(id),
    applicant TEXT NOT NULL,
    stage     TEXT NOT NULL,
    pass      INTEGER NOT NULL CHECK (pass IN (0, 1)),
    comment   TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant, stage)
);

CREATE TABLE veto (
    package   TEXT NOT NULL REFERENCES package(id),
    applicant TEXT NOT NULL,
    indicator TEXT NOT NULL,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (package, applicant, indicator)
);

-- Append-only: one JSON line per change, hash-chained (docs/formats.md).
CREATE TABLE audit (
    package TEXT NOT NULL REFERENCES package(id),
    seq     INTEGER NOT NULL,
    line    TEXT NOT NULL,
    head    TEXT NOT NULL,             -- hex chain head after this line
    PRIMARY KEY (package, seq)
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE sheet (
    package    TEXT NOT NULL REFERENCES package(id),
    revision   INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    audit_head TEXT NOT NULL,
    signed_at  TEXT NOT NULL,
    PRIMARY KEY (package, revision)
);
