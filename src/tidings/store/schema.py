"""The SQLite schema of a tidings database, as one script (documented in docs/schema.md).

Kept as a Python string rather than a ``.sql`` data file so it ships with the code and
cannot go missing from an installed wheel.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

# Written into the file header (PRAGMA application_id) so `file` and other tools, and we,
# can tell a tidings database from any other SQLite file. "TDNG" in ASCII.
APPLICATION_ID = 0x54444E47

# "end" is an SQL keyword, so it is always written quoted.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    seq           INTEGER PRIMARY KEY,          -- stable rowid for the full-text index
    id            TEXT NOT NULL UNIQUE,         -- "sha256:<hex of text>"
    key           TEXT NOT NULL UNIQUE,         -- identity across versions
    path          TEXT,
    url           TEXT,
    outlet        TEXT,
    title         TEXT,
    published     TEXT,                         -- ISO 8601
    ingested_at   TEXT NOT NULL,                -- ISO 8601
    format        TEXT NOT NULL,
    text          TEXT NOT NULL,
    coder_version TEXT
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);

CREATE TABLE IF NOT EXISTS sections (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    label  TEXT NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS events (
    id                  TEXT PRIMARY KEY,
    doc_id              TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_type          TEXT NOT NULL,
    mode                TEXT,
    cameo               TEXT,
    quad_class          INTEGER,
    intensity           REAL,
    source_name         TEXT,
    source_country      TEXT,
    source_sector       TEXT,
    target_name         TEXT,
    target_country      TEXT,
    target_sector       TEXT,
    date_start          TEXT,
    date_end            TEXT,
    date_precision      TEXT,
    place_name          TEXT,
    place_country       TEXT,
    lat                 REAL,
    lon                 REAL,
    geonames_id         INTEGER,
    certainty           TEXT NOT NULL,
    attribution_speaker TEXT,
    evidence_start      INTEGER NOT NULL,
    evidence_end        INTEGER NOT NULL,
    trigger_start       INTEGER NOT NULL,
    trigger_end         INTEGER NOT NULL,
    section             TEXT,
    story_id            TEXT,
    coder_name          TEXT NOT NULL,
    coder_version       TEXT NOT NULL,
    lexicon             TEXT NOT NULL,
    record              TEXT NOT NULL CHECK (json_valid(record))
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id, evidence_start);
CREATE INDEX IF NOT EXISTS events_type ON events(event_type COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS events_certainty ON events(certainty);
CREATE INDEX IF NOT EXISTS events_source_country ON events(source_country COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_target_country ON events(target_country COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_place_country ON events(place_country COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);

CREATE TABLE IF NOT EXISTS actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('source', 'target', 'other')),
    text     TEXT NOT NULL,
    name     TEXT,
    country  TEXT,
    sector   TEXT,
    wikidata TEXT,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS actors_event ON actors(event_id);
CREATE INDEX IF NOT EXISTS actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS actors_country ON actors(country COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS places (
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    TEXT REFERENCES events(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    name        TEXT NOT NULL,
    country     TEXT,
    admin1      TEXT,
    lat         REAL,
    lon         REAL,
    geonames_id INTEGER,
    precision   TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS places_doc ON places(doc_id);
CREATE INDEX IF NOT EXISTS places_event ON places(event_id);
CREATE INDEX IF NOT EXISTS places_country ON places(country COLLATE NOCASE);

-- External-content index: the text lives once, in documents; the triggers below keep the
-- index in step inside whatever transaction changes documents.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text,
    content='documents', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
"""
