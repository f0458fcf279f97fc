-- 006: re-checks (复核, issue 18 part 4). On the expert's side the chair's requests
-- as imported (the file kept, its flags as rows) and the expert's justifications;
-- on the chair's side the requests written, numbered per expert. Values are exact
-- decimals as text.

CREATE TABLE recheck_request (
    package     TEXT NOT NULL REFERENCES package(id),
    sequence    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,         -- of the signed plaintext (hex)
    file        BLOB NOT NULL,         -- the request file as imported (age ciphertext)
    imported_at TEXT NOT NULL,
    PRIMARY KEY (package, sequence)
);

CREATE TABLE recheck_flag (
    package        TEXT NOT NULL,
    sequence       INTEGER NOT NULL,
    applicant      TEXT NOT NULL,
    stage          TEXT NOT NULL,
    indicator      TEXT NOT NULL DEFAULT '',  -- '' for the stage total
    value          TEXT NOT NULL,
    mean_of_others TEXT NOT NULL,
    distance       TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (package, sequence, applicant, stage, indicator),
    FOREIGN KEY (package, sequence) REFERENCES recheck_request(package, sequence)
);

CREATE TABLE justification (
    package   TEXT NOT NULL REFERENCES package(id),
    request   INTEGER NOT NULL,
    applicant TEXT NOT NULL,
    stage     TEXT NOT NULL,
    indicator TEXT NOT NULL DEFAULT '',       -- '' for the stage total
    answer    TEXT NOT NULL CHECK (answer IN ('kept', 'changed')),
    text      TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (package, request, applicant, stage, indicator)
);

CREATE TABLE chair_recheck_sent (
    package  TEXT NOT NULL REFERENCES chair_package(id),
    expert   TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    sha256   TEXT NOT NULL,                   -- of the signed plaintext (hex)
    flags    INTEGER NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (package, expert, sequence)
);
