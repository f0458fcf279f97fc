-- 003: the organizer's desk (主办单位工作台). The round folders the organizer opened,
-- for the home screen's recent work: the folder is the document, so only where it
-- is, its round id and title, and when it was last opened are kept.

CREATE TABLE organizer_round (
    dir       TEXT PRIMARY KEY,  -- the round folder, as opened
    round     TEXT NOT NULL,     -- the round's id
    title     TEXT NOT NULL,     -- the round's title in Chinese
    opened_at TEXT NOT NULL      -- RFC 3339 UTC, the last time it was opened
);
