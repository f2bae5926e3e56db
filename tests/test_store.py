"""The SQLite store, on real files, with documents and events built by hand (no NLP)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tidings.errors import StoreError
from tidings.records import event_record
from tidings.store import SaveResult, Store, views
from tidings.store import sqlite as store_sqlite

SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store.open(tmp_path / "t.db") as opened:
        yield opened


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_save_skip_replace(tmp_path: Path, docs: SimpleNamespace) -> None:
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        first = docs.doc_a()
        assert store.save(first) is SaveResult.STORED
        assert store.has_document(first.id)
        assert store.save(first) is SaveResult.SKIPPED
        changed = docs.make_doc(docs.TEXT_A + " Two people were hurt.", "a", events=[{}])
        assert store.save(changed) is SaveResult.REPLACED
        assert not store.has_document(first.id) and store.has_document(changed.id)
        records = list(store.events())
    assert [r["document"]["id"] for r in records] == [changed.id]  # replaced, not duplicated
    assert records[0] == event_record(changed.events[0], replace(changed, ingested_at=None)) | {
        "document": records[0]["document"]}
    assert (count(path, "documents"), count(path, "events"), count(path, "actors")) == (1, 1, 2)
    assert count(path, "places") == 2  # one mentioned in the document, one event location
    # The file is in WAL mode and reopens as the same database.
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(path) as store:
        assert store.stats() == {"documents": 1, "events": 1, "event_types": {"ASSAULT": 1}}


def test_failed_save_leaves_nothing_of_that_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docs: SimpleNamespace) -> None:
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        store.save(docs.doc_b())
        # An event whose record is not JSON (NaN), after a good one: fails mid-document.
        good = docs.doc_a()
        bad_event = replace(good.events[0], id="ev_bad", intensity=float("nan"))
        with pytest.raises(StoreError, match="ev_bad"):
            store.save(good.with_(events=(good.events[0], bad_event)))
        assert not store.has_document(good.id)
        # A database error from the last insert (places) of a document.
        real = store_sqlite.rows.place_rows

        def failing(*args: Any) -> Any:
            yield from real(*args)
            raise sqlite3.OperationalError("disk I/O error (simulated)")

        monkeypatch.setattr(store_sqlite.rows, "place_rows", failing)
        with pytest.raises(StoreError, match="simulated"):
            store.save(good)
        monkeypatch.undo()
        assert not store.has_document(good.id)
        assert store.stats()["documents"] == 1
        # The store is still usable and the earlier document intact.
        assert store.save(good) is SaveResult.STORED
    counts = {t: count(path, t) for t in ("documents", "sections", "events", "actors", "places")}
    assert counts == {"documents": 2, "sections": 2, "events": 2, "actors": 4, "places": 2}


def test_failed_replace_keeps_the_old_version(store: Store, docs: SimpleNamespace) -> None:
    old = docs.doc_a()
    store.save(old)
    new = docs.make_doc(docs.TEXT_A + " More.", "a", events=[{"intensity": float("inf")}])
    with pytest.raises(StoreError):
        store.save(new)
    assert store.has_document(old.id) and not store.has_document(new.id)
    assert len(list(store.events())) == 1


def test_filters(store: Store, docs: SimpleNamespace) -> None:
    store.save(docs.doc_a())
    store.save(docs.doc_b())
    undated = docs.make_doc("Nothing happened; Serbia protested to Kosovo.", "c",
                       published=None, events=[{"trigger": "protested", "event_type": "PROTEST",
                                                "source": ("Serbia", "Serbia", "SRB"),
                                                "target": ("Kosovo", "Kosovo", None),
                                                "when": None, "certainty": "hedged"}])
    store.save(undated)

    def types(**kw: Any) -> list[str]:
        return [r["event_type"] for r in store.events(**kw)]

    assert types() == ["ASSAULT", "CONSULT", "PROTEST"]  # by date; no date at all: last
    assert types(type="assault") == ["ASSAULT"]
    assert types(actor="russia") == ["ASSAULT"]          # name, any case
    assert types(actor="Russian forces") == ["ASSAULT"]  # text
    assert types(actor="tur") == ["CONSULT"]             # country code
    assert types(actor="Ankara") == []                   # a place is not an actor
    assert types(country="ukr") == ["ASSAULT"]
    assert types(certainty="asserted") == ["CONSULT"]
    assert types(certainty=["asserted", "reported"]) == ["ASSAULT", "CONSULT"]
    # CONSULT has no date of its own: its document's published day (2024-03-05) counts.
    assert types(since=date(2024, 3, 5)) == ["CONSULT"]
    assert types(until="2024-03-04") == ["ASSAULT"]
    assert types(since="2024-03-04", until=date(2024, 3, 5)) == ["ASSAULT", "CONSULT"]
    assert types(doc_id=undated.id) == ["PROTEST"]
    assert types(limit=1) == ["ASSAULT"]
    assert types(type="ASSAULT", actor="Serbia") == []
    with pytest.raises(StoreError, match="not a date"):
        types(since="last week")


def test_event_and_document_lookup(store: Store, docs: SimpleNamespace) -> None:
    a, b = docs.doc_a(), docs.doc_b()
    store.save(a)
    store.save(b)
    ev = a.events[0]
    assert store.event(ev.id)["id"] == ev.id
    assert store.event(ev.id[:8])["id"] == ev.id     # "ev_" + 5 hex
    assert store.event(ev.id[3:10])["id"] == ev.id   # without the "ev_"
    assert store.event(ev.id[:5]) is None            # too short to be a prefix
    assert store.event("ev_000000000") is None
    doc = store.document(a.id)
    assert doc is not None and doc["text"] == docs.TEXT_A and doc["events"] == 1
    assert doc["sections"] == [{"label": "body", "start": 0, "end": len(docs.TEXT_A)}]
    assert store.document(a.id[:14])["id"] == a.id
    assert store.document("sha256:nope") is None


def test_ambiguous_prefix(store: Store, docs: SimpleNamespace) -> None:
    doc = docs.make_doc(docs.TEXT_A, "a", events=[{}, {"trigger": "said", "event_type": "CONSULT"}])
    ids = [e.id for e in doc.events]
    doc = doc.with_(events=tuple(replace(e, id=f"ev_abcdef{i}") for i, e in enumerate(doc.events)))
    store.save(doc)
    assert ids  # built two events
    with pytest.raises(StoreError, match="ambiguous"):
        store.event("ev_abcdef")
    assert store.event("ev_abcdef1")["event_type"] == "CONSULT"


def test_duplicate_event_ids_are_stored_once(store: Store, docs: SimpleNamespace) -> None:
    doc = docs.doc_a()
    store.save(doc.with_(events=doc.events * 2))
    assert store.stats()["events"] == 1


def test_search(store: Store, docs: SimpleNamespace) -> None:
    store.save(docs.doc_a())
    store.save(docs.doc_b())
    hits = store.search("shelling")  # stemmed: finds "shelled"
    assert [(h.doc_id, h.title) for h in hits] == [(docs.doc_a().id, "Shelling in Kharkiv")]
    assert "[shelled]" in hits[0].snippet
    assert [h.title for h in store.search('"Azerbaijani diplomats"')] == ["Talks in Ankara"]
    assert len(store.search("kharkiv OR ankara")) == 2
    assert store.search('unbalanced "quote AND (') == []  # not FTS syntax: searched as words
    assert store.search("Ankara", marks=("<", ">"))[0].snippet.count("<Ankara>") == 1
    # Replacing a document updates the index in the same transaction.
    store.save(docs.make_doc("A quiet day in Lviv.", "b", title="Quiet"))
    assert store.search("ankara") == [] and len(store.search("lviv")) == 1


def test_not_a_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("these are notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="notes.txt"):
        Store.open(text)
    assert text.read_text().startswith("these are notes")  # untouched
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (x)")
    conn.close()
    with pytest.raises(StoreError, match="other.db: not a tidings database"):
        Store.open(other)
    corrupt = tmp_path / "corrupt.db"
    Store.open(corrupt).close()
    data = bytearray(corrupt.read_bytes())
    data[:16] = b"garbage garbage!"
    corrupt.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt.db"):
        Store.open(corrupt)
    with pytest.raises(StoreError, match="missing.db"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "empty.db").touch()  # an empty file is a new database only when creating
    with pytest.raises(StoreError, match="empty.db: not a tidings database"):
        Store.open(tmp_path / "empty.db", create=False)
    Store.open(tmp_path / "empty.db").close()


def test_schema_is_documented(store: Store) -> None:
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    conn = sqlite3.connect(store.path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'documents_fts_%'")]  # FTS5's own shadow tables
    assert {"meta", "documents", "sections", "events", "actors", "places",
            "documents_fts"} <= set(tables)
    missing = []
    for table in tables:
        match = re.search(rf"^## `{table}`\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
        if match is None:
            missing.append(table)
            continue
        for (column,) in conn.execute(f"SELECT name FROM pragma_table_info('{table}')"):
            if f"| `{column}` |" not in match.group(1):
                missing.append(f"{table}.{column}")
    conn.close()
    assert missing == []


def test_views_bracketed_and_flat(docs: SimpleNamespace) -> None:
    doc = docs.doc_a()
    record = event_record(doc.events[0], doc)
    spans = views.evidence_spans(record)
    assert {role for _, _, role in spans} == {"source", "target", "trigger", "place"}
    marked = views.bracketed(record["evidence"]["text"], spans)
    assert marked.startswith("[source: Russian forces] [trigger: shelled] the Ukrainian")
    assert "[target: [place: Kharkiv]]" in marked or "[place: [target: Kharkiv]]" in marked
    flat = views.flat_record(record)
    assert list(flat) == list(views.FLAT_COLUMNS)
    assert flat["source_name"] == "Russia" and flat["date_start"] == "2024-03-04"
    crossing = views.nested([(0, 5, "source"), (3, 8, "target"), (1, 2, "date")])
    assert crossing == [(0, 5, "source"), (1, 2, "date")]
