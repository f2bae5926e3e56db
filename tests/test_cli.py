"""The command line, through real subprocesses (`python -m tidings`) and real SQLite files.

Each subprocess that codes text loads spaCy (1–2 s), so those tests are few and make many
assertions each; the read commands (events, show, search) load no NLP and are cheap.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tidings.store import Store
from tidings.store.views import FLAT_COLUMNS

KHARKIV = ("Russian forces shelled the Ukrainian city of Kharkiv on Monday, "
           "Ukrainian officials said.\n")
ANKARA = ("Turkish President Recep Tayyip Erdogan met Armenian Prime Minister Nikol Pashinyan "
          "in Ankara on Tuesday, the Turkish presidency said.\n")


def tidings(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tidings", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


# -- the network guard -----------------------------------------------------------------------

def test_network_guard_blocks_all_but_loopback(cli_env: dict[str, str], tmp_path: Path,
                                               network_guard: SimpleNamespace) -> None:
    with pytest.raises(network_guard.error):
        socket.create_connection(("10.255.255.1", 9), timeout=1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(
            network_guard.error):
        sock.connect(("10.255.255.1", 9))
    assert len(network_guard.blocked) == 2
    network_guard.blocked.clear()  # expected here; any other test doing this fails
    with socket.socket() as server:  # loopback still works
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        socket.create_connection(server.getsockname(), timeout=1).close()
    # CLI subprocesses run under the same guard.
    code = "import socket; socket.create_connection(('10.255.255.1', 9), timeout=1)"
    result = subprocess.run([sys.executable, "-c", code], env=cli_env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "NetworkBlocked" in result.stderr


# -- read commands on a database built by hand (no NLP) ------------------------------------

@pytest.fixture
def hand_db(tmp_path: Path, docs: SimpleNamespace) -> tuple[Path, str]:
    """A database with the hand-made ASSAULT and CONSULT documents; returns (path, id)."""
    path = tmp_path / "hand.db"
    with Store.open(path) as store:
        store.save(docs.doc_a())
        store.save(docs.doc_b())
    return path, docs.doc_a().events[0].id


def test_events_formats(cli_env: dict[str, str], tmp_path: Path,
                        hand_db: tuple[Path, str]) -> None:
    db = str(hand_db[0])
    jsonl = tidings(cli_env, tmp_path, "events", "--db", db, "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["event_type"] for r in records] == ["ASSAULT", "CONSULT"]

    rows = tidings(cli_env, tmp_path, "events", "--db", db, "--format", "csv", "--type", "consult")
    table = list(csv.reader(io.StringIO(rows.stdout)))
    assert table[0] == list(FLAT_COLUMNS) and len(table) == 2
    assert dict(zip(table[0], table[1], strict=True))["source_name"] == "Turkey"

    plain = tidings(cli_env, tmp_path, "events", "--db", db, "--actor", "russia",
                    "--since", "2024-03-01")
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout  # piped: no escape codes
    assert "ASSAULT" in plain.stdout and "Russia (RUS)" in plain.stdout
    assert "CONSULT" not in plain.stdout and "1 event" in plain.stderr


def test_show_and_search(cli_env: dict[str, str], tmp_path: Path,
                         hand_db: tuple[Path, str]) -> None:
    db, event_id = str(hand_db[0]), hand_db[1]
    shown = tidings(cli_env, tmp_path, "show", event_id[:10], "--db", db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("[source: Russian forces] [trigger: shelled] the Ukrainian city")
    assert "Kharkiv]]" in lines[0]  # target and place nest
    assert any(line.startswith("certainty") and "reported" in line for line in lines)
    assert any(event_id in line for line in lines)

    missing = tidings(cli_env, tmp_path, "show", "ev_0000000000", "--db", db)
    assert missing.returncode == 1 and error_lines(missing.stderr)
    no_traceback(missing)

    found = tidings(cli_env, tmp_path, "search", "shelling", "--db", db)
    assert found.returncode == 0, found.stderr
    doc_id, title, snippet = found.stdout.splitlines()[0].split("\t")
    assert doc_id.startswith("sha256:") and title == "Shelling in Kharkiv"
    assert "[shelled]" in snippet


def test_usage_errors_exit_2(cli_env: dict[str, str], tmp_path: Path) -> None:
    for args in (["events", "--db", "missing.db"], ["show", "ev_123456", "--db", "missing.db"],
                 ["search", "x", "--db", "missing.db"], ["ingest"], ["extract", "--bogus", "a"],
                 ["ingest", "a.txt", "--workers", "0"], ["extract", "a.txt", "--max-bytes", "lots"],
                 ["events", "--db", "missing.db", "--format", "xml"]):
        result = tidings(cli_env, tmp_path, *args)
        assert result.returncode == 2, (args, result.stderr)
        no_traceback(result)
    missing = tidings(cli_env, tmp_path, "events", "--db", "missing.db")
    assert "missing.db" in missing.stderr and "tidings ingest" in missing.stderr
    assert not (tmp_path / "missing.db").exists()


def test_not_a_database_is_an_error_not_a_traceback(cli_env: dict[str, str],
                                                    tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database at all\n" * 100)
    result = tidings(cli_env, tmp_path, "events", "--db", "notes.db")
    assert result.returncode == 3  # the command itself failed (not "some inputs failed")
    assert error_lines(result.stderr) and "notes.db" in error_lines(result.stderr)[0]
    no_traceback(result)


# -- extract and ingest: the NLP pipeline ----------------------------------------------------

def write_inputs(folder: Path) -> dict[str, Path]:
    """Two good articles and one of each kind of bad input."""
    folder.mkdir()
    paths = {name: folder / name for name in
             ("kharkiv.txt", "ankara.txt", "empty.txt", "binary.txt", "latin1.txt", "big.txt")}
    paths["kharkiv.txt"].write_text(KHARKIV, encoding="utf-8")
    paths["ankara.txt"].write_text(ANKARA, encoding="utf-8")
    paths["empty.txt"].write_text("  \n\n", encoding="utf-8")
    paths["binary.txt"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["latin1.txt"].write_bytes("Caf\u00e9 talks in Z\u00fcrich.\n".encode("latin-1"))
    with open(paths["big.txt"], "wb") as big:  # 50 MB, sparse: instant to make
        big.truncate(50 * 1024 * 1024)
    paths["missing.txt"] = folder / "missing.txt"
    return paths


def test_extract(cli_env: dict[str, str], tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in")
    result = tidings(cli_env, tmp_path, "extract", str(paths["kharkiv.txt"]),
                     str(paths["empty.txt"]))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["document"]["path"].endswith("kharkiv.txt") for r in records)
    assert any(r["evidence"]["text"].startswith("Russian forces shelled") for r in records)
    assert [line for line in error_lines(result.stderr)] and len(error_lines(result.stderr)) == 1
    assert "empty.txt" in error_lines(result.stderr)[0]
    no_traceback(result)
    assert not list(tmp_path.glob("*.db"))  # extract writes no database


def test_ingest_skip_replace_and_bad_inputs(cli_env: dict[str, str], tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in")
    db = tmp_path / "news.db"
    args = [str(p) for p in paths.values()]
    first = tidings(cli_env, tmp_path, "ingest", *args, "--db", str(db), "--max-bytes",
                    str(10_000_000))
    assert first.returncode == 1
    no_traceback(first)
    errors = error_lines(first.stderr)
    bad = ("empty.txt", "binary.txt", "latin1.txt", "big.txt", "missing.txt")
    assert len(errors) == len(bad), first.stderr
    for name, line in zip(bad, errors, strict=True):
        assert name in line
    assert "2 stored, 0 skipped, 0 replaced, 5 failed" in first.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        keys = [k for (k,) in conn.execute("SELECT key FROM documents ORDER BY key")]
    conn.close()
    assert [Path(k).name for k in keys] == ["ankara.txt", "kharkiv.txt"]
    assert events >= 1  # the Kharkiv shelling at least

    again = tidings(cli_env, tmp_path, "ingest", str(paths["kharkiv.txt"]),
                    str(paths["ankara.txt"]), "--db", str(db))
    assert again.returncode == 0 and "0 stored, 2 skipped, 0 replaced, 0 failed" in again.stderr

    with sqlite3.connect(db) as conn:
        old_id, = conn.execute("SELECT id FROM documents WHERE key LIKE '%kharkiv.txt'").fetchone()
        others, = conn.execute("SELECT count(*) FROM events WHERE doc_id != ?",
                               (old_id,)).fetchone()
    conn.close()
    paths["kharkiv.txt"].write_text(KHARKIV + "\nThe weather was cold.\n", encoding="utf-8")
    changed = tidings(cli_env, tmp_path, "ingest", str(paths["kharkiv.txt"]), "--db", str(db))
    assert changed.returncode == 0 and "0 stored, 0 skipped, 1 replaced" in changed.stderr
    summary = re.search(r"(\d+) events? found", changed.stderr)
    assert summary is not None
    found = int(summary.group(1))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        # The old version's events are gone, the new version's are there once.
        gone = conn.execute("SELECT count(*) FROM events WHERE doc_id = ?", (old_id,))
        assert gone.fetchone() == (0,)
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    assert events == others + found

    listed = tidings(cli_env, tmp_path, "events", "--db", str(db), "--format", "jsonl")
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(records) == events and len({r["id"] for r in records}) == events
    shelling = next(r for r in records if r["evidence"]["text"].startswith("Russian forces"))
    shown = tidings(cli_env, tmp_path, "show", shelling["id"], "--db", str(db))
    assert shown.returncode == 0 and "[trigger: " in shown.stdout
    hits = tidings(cli_env, tmp_path, "search", "Kharkiv", "--db", str(db))
    assert hits.returncode == 0 and "kharkiv" in hits.stdout.lower()
