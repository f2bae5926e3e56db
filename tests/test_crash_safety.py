"""Crash-safe, idempotent ingest, through real `python -m tidings ingest` subprocesses and
real SQLite files.

- ingesting the same corpus twice adds nothing;
- a run killed with SIGKILL part-way, then run again, leaves exactly the database one
  uninterrupted run leaves (and its worker processes do not outlive it);
- a changed document (same path, or same JSON Lines id) is coded again and replaces the
  old version and its events.

Databases are compared by their documents (id, key) and events (id, record). The record's
``document.ingested_at`` is left out of the comparison: it is the wall-clock time of the
run that stored the document, so no two runs (interrupted or not) can agree on it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLES = 40
_ACTORS = [("Russian forces", "Ukrainian"), ("Israeli troops", "Palestinian"),
           ("Turkish officials", "Syrian"), ("French diplomats", "German"),
           ("Chinese authorities", "Taiwanese"), ("Indian police", "Pakistani")]
_CITIES = ["Kharkiv", "Gaza", "Aleppo", "Paris", "Beijing", "Lahore", "Ankara", "Kyiv"]
_ACTS = ["shelled positions near {city}", "met a {adj} delegation in {city}",
         "arrested three {adj} activists in {city}", "signed a trade agreement with the "
         "{adj} government in {city}", "accused the {adj} government of lying about {city}"]
_DAYS = ["on Monday", "on Tuesday", "last week", "on March 3", "early on Sunday"]


def article(i: int) -> str:
    """A short news-like article, different for every ``i`` (seeded, so reproducible)."""
    rng = random.Random(i)
    lines = [f"Report number {i} from {rng.choice(_CITIES)}", ""]
    for n in range(rng.randint(3, 6)):
        actor, adj = rng.choice(_ACTORS)
        act = rng.choice(_ACTS).format(city=rng.choice(_CITIES), adj=adj)
        lines.append(f"{actor} {act} {rng.choice(_DAYS)}, officials said in statement {i}.{n}.")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"article-{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def ingest(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tidings", "ingest", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def content(db: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(documents as (id, key), events as (id, record without document.ingested_at))."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        docs = set(conn.execute("SELECT id, key FROM documents"))
        events = set()
        for event_id, record in conn.execute("SELECT id, record FROM events"):
            parsed = json.loads(record)
            parsed["document"].pop("ingested_at", None)
            events.add((event_id, json.dumps(parsed, sort_keys=True)))
    finally:
        conn.close()
    return docs, events


def stored_count(db: Path) -> int:
    """Documents committed so far, read without disturbing the writer (0 before it exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def children(pid: int) -> set[int]:
    """The process ids of ``pid``'s children (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(p) for p in text.split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus")


@pytest.fixture(scope="module")
def full_db(corpus: Path, cli_env: dict[str, str]) -> Path:
    """The database one uninterrupted run leaves."""
    db = corpus.parent / "full.db"
    result = ingest(cli_env, corpus.parent, str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLES} stored, 0 skipped, 0 replaced, 0 failed" in result.stderr
    return db


def test_ingesting_twice_adds_nothing(corpus: Path, full_db: Path,
                                      cli_env: dict[str, str]) -> None:
    before = content(full_db)
    assert len(before[0]) == ARTICLES and before[1]
    again = ingest(cli_env, corpus.parent, str(corpus), "--db", str(full_db))
    assert again.returncode == 0, again.stderr
    assert f"0 stored, {ARTICLES} skipped, 0 replaced, 0 failed" in again.stderr
    assert "0 events found" in again.stderr
    assert content(full_db) == before


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_killed_run_completes_to_the_uninterrupted_database(
        corpus: Path, full_db: Path, cli_env: dict[str, str]) -> None:
    db = corpus.parent / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "tidings", "ingest", str(corpus), "--db",
                             str(db)], cwd=corpus.parent, env=cli_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 240
    try:
        while stored_count(db) < 3:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no document was committed in time"
            workers |= children(proc.pid)
            time.sleep(0.02)
        workers |= children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    committed = stored_count(db)
    assert 3 <= committed < ARTICLES, "killed too late to test anything"

    # Its workers notice the parent is gone and exit on their own.
    assert workers, "ingest ran no worker process"
    gone_by = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < gone_by:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "worker processes outlived the killed run"

    rerun = ingest(cli_env, corpus.parent, str(corpus), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert (f"{ARTICLES - committed} stored, {committed} skipped, 0 replaced, 0 failed"
            in rerun.stderr), rerun.stderr
    assert content(db) == content(full_db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_changed_documents_replace_their_old_versions(tmp_path: Path,
                                                      cli_env: dict[str, str]) -> None:
    corpus = write_corpus(tmp_path / "corpus", 6)
    batch = corpus / "wire.jsonl"
    lines = [{"id": f"wire-{i}", "title": f"Wire {i}", "text": article(100 + i)} for i in range(3)]
    batch.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = tmp_path / "news.db"
    first = ingest(cli_env, tmp_path, str(corpus), "--db", str(db))
    assert first.returncode == 0 and "9 stored" in first.stderr, first.stderr
    old_docs, old_events = content(db)

    # The same path with new content; the same JSON Lines id, on another line, new text.
    (corpus / "article-002.txt").write_text(article(2) + "Fighting resumed in Kyiv.\n",
                                            encoding="utf-8")
    lines.insert(0, {"id": "wire-1", "title": "Wire 1, updated", "text": article(201)})
    del lines[2]
    batch.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    second = ingest(cli_env, tmp_path, str(corpus), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "0 stored, 7 skipped, 2 replaced, 0 failed" in second.stderr, second.stderr

    docs, events = content(db)
    assert len(docs) == 9 and {k for _, k in docs} == {k for _, k in old_docs}
    replaced = {d for d in old_docs if d not in docs}
    assert {k for _, k in replaced} == {str(corpus / "article-002.txt"), "wire-1"}
    gone = {i for i, _ in replaced}
    conn = sqlite3.connect(db)
    try:
        orphans = conn.execute(
            f"SELECT count(*) FROM events WHERE doc_id IN ({','.join('?' * len(gone))})",
            sorted(gone)).fetchone()[0]
    finally:
        conn.close()
    assert orphans == 0
    assert len(events) == len({i for i, _ in events})  # no event twice

    # The same as ingesting the changed corpus into a new database.
    fresh = tmp_path / "fresh.db"
    assert ingest(cli_env, tmp_path, str(corpus), "--db", str(fresh)).returncode == 0
    assert content(fresh) == (docs, events)
    assert old_events - events  # the replaced documents' events really went
