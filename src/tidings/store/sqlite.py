"""The SQLite store: one file (WAL mode) holding documents, their events and a text index.

Writes happen one document per transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a crash
or an error mid-document leaves the database exactly as it was before that document.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from ..errors import StoreError
from ..model import Document
from . import rows
from .query import EventFilter, event_query
from .schema import APPLICATION_ID, SCHEMA, SCHEMA_VERSION

log = logging.getLogger(__name__)

MIN_PREFIX = 6  # shortest id prefix `event()` / `document()` accept, to keep matches rare


class SaveResult(StrEnum):
    STORED = "stored"      # a new document
    SKIPPED = "skipped"    # the same content (hash) was already stored
    REPLACED = "replaced"  # same key, new content: the old version and its events were removed


class SearchHit(NamedTuple):
    doc_id: str
    title: str | None
    snippet: str


# How long a statement waits for another process's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000


class Store:
    """A tidings database. Use ``Store.open(path)``; close it or use it as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self._conn = conn
        self.path = path

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (and with ``create``, create) the database at ``path``.

        A file that is not SQLite, is corrupt, or is another program's SQLite database is a
        StoreError naming the file; nothing is written to such a file.
        """
        name = str(path)
        if not create and not Path(name).is_file():
            raise StoreError(f"{name}: no such database")
        try:
            mode = "rwc" if create else "rw"
            uri = f"{Path(name).resolve().as_uri()}?mode={mode}"
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per document.
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{name}: cannot open database: {exc}") from exc
        store = cls(conn, name)
        try:
            with store._errors("open"):
                store._setup(create)
        except BaseException:
            conn.close()
            raise
        return store

    def _setup(self, create: bool) -> None:
        conn = self._conn
        # First: another process creating or writing the same file makes us wait, not fail.
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Any query makes SQLite read the header; a non-database fails here, before a write.
        # One statement, so one snapshot: the id and the tables of the same moment.
        rows = conn.execute("SELECT (SELECT application_id FROM pragma_application_id), name "
                            "FROM (SELECT NULL AS name UNION ALL SELECT name FROM sqlite_master "
                            "WHERE type = 'table')").fetchall()
        app_id = rows[0][0]
        tables = {name for _, name in rows if name is not None}
        if tables or app_id or not create:
            self._check_existing(app_id, tables)
        conn.execute("PRAGMA foreign_keys = ON")
        if not tables:
            conn.execute("PRAGMA journal_mode = WAL")
            self._create_schema()
        # NORMAL is durable enough in WAL mode (a power cut may lose the last commit only).
        conn.execute("PRAGMA synchronous = NORMAL")

    def _create_schema(self) -> None:
        # executescript runs the whole schema; the explicit transaction makes it all or
        # nothing, and OR IGNORE lets two processes creating the same file both succeed.
        # The application id is set inside the same transaction as the tables, so a second
        # process never sees the id without the schema (it took the file for a foreign one).
        script = (f"BEGIN IMMEDIATE;\nPRAGMA application_id = {APPLICATION_ID};\n{SCHEMA}\n"
                  f"INSERT OR IGNORE INTO meta(key, value) "
                  f"VALUES ('schema_version', '{SCHEMA_VERSION}');\nCOMMIT;")
        try:
            self._conn.executescript(script)
        except sqlite3.Error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _check_existing(self, app_id: int, tables: set[str]) -> None:
        if app_id != APPLICATION_ID or "meta" not in tables:
            raise StoreError(f"{self.path}: not a tidings database")
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise StoreError(f"{self.path}: not a tidings database (no schema version)")
        if int(row[0]) != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {row[0]} is not the supported "
                             f"version {SCHEMA_VERSION}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn SQLite's errors into StoreError naming the file (corruption shows up here)."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {action} failed: {exc}") from exc

    # -- writing -------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self._errors("lookup"):
            row = self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,))
            return row.fetchone() is not None

    def save(self, doc: Document) -> SaveResult:
        """Store one coded document and its events in one transaction.

        Same content hash as a stored document: skipped. Same key, other content: the old
        version (and, by cascade, its sections, events, actors and places) is replaced.
        """
        if doc.ingested_at is None:
            doc = doc.with_(ingested_at=datetime.now(UTC))
        conn = self._conn
        with self._errors(f"saving {doc.key}"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = self._save_in_transaction(doc)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            if result is SaveResult.SKIPPED:
                conn.execute("ROLLBACK")  # nothing written; cheaper than a commit
            else:
                conn.execute("COMMIT")
        return result

    def _save_in_transaction(self, doc: Document) -> SaveResult:
        conn = self._conn
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
            return SaveResult.SKIPPED
        old = conn.execute("SELECT id FROM documents WHERE key = ?", (doc.key,)).fetchone()
        if old is not None:
            log.info("%s: replacing %s with %s", doc.key, old[0], doc.id)
            conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
        self._insert(doc)
        return SaveResult.REPLACED if old is not None else SaveResult.STORED

    def _insert(self, doc: Document) -> None:
        conn = self._conn
        events = rows.unique_events(doc)
        conn.execute(rows.insert_sql("documents", rows.DOCUMENT_COLUMNS), rows.document_row(doc))
        conn.executemany(rows.insert_sql("sections", rows.SECTION_COLUMNS), rows.section_rows(doc))
        event_sql = rows.insert_sql("events", rows.EVENT_COLUMNS)
        actor_sql = rows.insert_sql("actors", rows.ACTOR_COLUMNS)
        for event in events:
            conn.execute(event_sql, rows.event_row(event, doc))
            conn.executemany(actor_sql, rows.actor_rows(event))
        conn.executemany(rows.insert_sql("places", rows.PLACE_COLUMNS),
                         rows.place_rows(doc, events))

    # -- reading -------------------------------------------------------------------------

    def events(self, type: str | None = None, actor: str | None = None,
               since: date | str | None = None, until: date | str | None = None,
               country: str | None = None, certainty: str | Iterable[str] | None = None,
               doc_id: str | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """The stored event records matching every given filter, oldest first.

        ``type``: event type, any case. ``actor``: the source or target actor's name or
        text contains it, or its country code equals it (any case). ``country``: the
        source, target or place country code. ``since``/``until`` (inclusive, ISO dates):
        the event's date range overlaps them; an event with no date of its own is placed
        on its document's published date, and one with neither is left out by either.
        """
        filt = EventFilter(type, actor, since, until, country, certainty, doc_id, limit)
        sql, params = event_query(filt)
        with self._errors("query"):
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(256):
                for (record,) in batch:
                    yield json.loads(record)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record by id, or by a unique prefix of at least 6 characters (the
        ``ev_`` may be left off). An ambiguous prefix is a StoreError."""
        row = self._by_id("events", "record", event_id, ("ev_",))
        return json.loads(row[0]) if row is not None else None

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its full text and sections, by id or unique id prefix."""
        columns = rows.DOCUMENT_COLUMNS
        row = self._by_id("documents", ", ".join(f'"{c}"' for c in columns), doc_id,
                          ("sha256:",))
        if row is None:
            return None
        doc = dict(zip(columns, row, strict=True))
        with self._errors("query"):
            sections = self._conn.execute(
                'SELECT label, start, "end" FROM sections WHERE doc_id = ? ORDER BY idx',
                (doc["id"],)).fetchall()
            count = self._conn.execute("SELECT count(*) FROM events WHERE doc_id = ?",
                                       (doc["id"],)).fetchone()[0]
        doc["sections"] = [{"label": s[0], "start": s[1], "end": s[2]} for s in sections]
        doc["events"] = count
        return doc

    def _by_id(self, table: str, columns: str, ident: str,
               prefixes: tuple[str, ...]) -> tuple[Any, ...] | None:
        with self._errors("query"):
            exact = self._conn.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (ident,))
            row = exact.fetchone()
            if row is not None or len(ident) < MIN_PREFIX:
                return tuple(row) if row is not None else None
            for prefix in ("", *prefixes):
                # A range scan on the primary key index: every id starting with the prefix.
                low = prefix + ident
                found = self._conn.execute(
                    f"SELECT {columns} FROM {table} WHERE id >= ? AND id < ? LIMIT 2",
                    (low, low + "\U0010ffff")).fetchall()
                if len(found) > 1:
                    raise StoreError(f"id prefix '{ident}' is ambiguous: give more characters")
                if found:
                    return tuple(found[0])
        return None

    def search(self, query: str, limit: int = 20,
               marks: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Documents matching a full-text query, best first, with a snippet whose matched
        terms are wrapped in ``marks``. FTS5 query syntax works (``"exact phrase"``,
        ``a OR b``, ``shell*``); a query that is not valid syntax is searched as words."""
        # The snippet is always from the text (column 1): the title is returned anyway.
        sql = ("SELECT d.id, d.title, snippet(documents_fts, 1, ?, ?, '…', 16) "
               "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
               "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
        with self._errors("search"):
            try:
                found = self._conn.execute(sql, (*marks, query, limit)).fetchall()
            except sqlite3.OperationalError:
                # FTS5 reports bad syntax as OperationalError with varied messages; a real
                # fault will fail again below and surface as a StoreError.
                found = self._conn.execute(sql, (*marks, _as_words(query), limit)).fetchall()
        return [SearchHit(*row) for row in found]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, events, and events per type (most frequent first)."""
        with self._errors("query"):
            docs = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            events = self._conn.execute("SELECT count(*) FROM events").fetchone()[0]
            per_type = self._conn.execute(
                "SELECT event_type, count(*) AS n FROM events GROUP BY event_type "
                "ORDER BY n DESC, event_type").fetchall()
        return {"documents": docs, "events": events, "event_types": dict(per_type)}


def _as_words(query: str) -> str:
    """A free-text query as FTS5 syntax: every word a quoted term, all required."""
    words = [w.replace('"', '""') for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w) or '""'
