"""Regression tests for the probe's findings: no input stops, hangs or leaks a run.

Each test names the finding it covers (1 poison inputs, 2 unbounded reading, 3 network,
4 re-ingest keys, 5 concurrent creation, 6 the smaller ones). Tests whose failure on the
old code was a hang run the work in a subprocess with a time limit.
"""

from __future__ import annotations

import json
import multiprocessing
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile import GOOD, good_articles, surrogate_lines, write_links, write_poison
from tidings.errors import InputError, MalformedInput, NotAnArticle, ReadTimeout
from tidings.ingest import iter_documents
from tidings.model import Document
from tidings.run.reading import read_isolated
from tidings.settings import Settings
from tidings.store import Store

SRC = str(Path(__file__).resolve().parents[1] / "src")


def finishes_within(seconds: float, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter; a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": SRC}, text=True,
                          capture_output=True, timeout=seconds, check=True)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A loopback server that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join(2)
    server.close()


def read_all(path: Path, **settings: object) -> list[Document | InputError]:
    return list(iter_documents([str(path)], Settings(**settings)))  # type: ignore[arg-type]


# -- 1. one poison input ends the whole run ----------------------------------------------------

def test_1_lone_surrogates_in_any_field_are_read_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(surrogate_lines()) + "\n", encoding="utf-8")
    docs = read_all(path)
    assert len(docs) == 5 and all(isinstance(d, Document) for d in docs), docs
    for doc in docs:
        assert isinstance(doc, Document)
        for value in (doc.text, doc.title, doc.url, doc.key, doc.outlet):
            assert value is None or value.encode("utf-8")  # storable and printable


def test_1_a_five_thousand_digit_integer_fails_its_line_only(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text(json.dumps({"text": GOOD}) + "\n" + '{"text": "x", "n": ' + "9" * 5000
                    + "}\n" + json.dumps({"text": GOOD + "Again."}) + "\n", encoding="utf-8")
    first, bad, last = read_all(path)
    assert isinstance(first, Document) and isinstance(last, Document)
    assert isinstance(bad, MalformedInput) and bad.name == f"{path}:2" and "digits" in str(bad)


def test_1_a_poison_line_in_the_middle_loses_no_document(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"{GOOD}Item {i}."}) for i in range(300)]
    lines[150] = '{"text": 1' + "0" * 5000 + "}"
    lines[151] = surrogate_lines()[0]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(read_isolated([str(path)], Settings()))
    assert sum(isinstance(d, Document) for d in found) == 299
    assert [e.name for e in found if isinstance(e, InputError)] == [f"{path}:151"]


def test_1_a_file_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    with open(bytes(tmp_path) + b"/bad-\xff.txt", "wb") as handle:
        handle.write(GOOD.encode())
    found = read_all(tmp_path)
    errors = [d for d in found if isinstance(d, InputError)]
    assert len(errors) == 1 and errors[0].name.endswith("bad-?.txt")
    assert "UTF-8" in errors[0].reason and str(errors[0]).encode("utf-8")
    assert sum(isinstance(d, Document) for d in found) == 1


# -- 2. reading without a time limit -----------------------------------------------------------

@pytest.mark.parametrize("line", ['"AA-" * 34 + "AA."', '"U.S.-" * 24 + " x"'])
def test_2_the_dateline_prefix_pattern_is_linear(line: str) -> None:
    finishes_within(20, "from tidings.ingest import segment\n"
                        f"segment('Title\\n\\n' + {line} + ' Troops moved in.')")


def test_2_the_agency_caption_rule_and_long_lines_are_linear() -> None:
    finishes_within(20, "from tidings.ingest import segment\n"
                        "segment('Title\\n\\nPhoto /AFP' + ' ' * 200_000 + 'x')")


def test_2_many_figcaptions_are_linear() -> None:
    finishes_within(30, "from tidings.ingest.html import read_html\n"
                        "figures = ''.join(f'<figure><figcaption>Caption {i}</figcaption></figure>'"
                        " for i in range(20_000))\n"
                        "read_html('<html><body><article><p>' + 'The minister met the envoy. ' * 5"
                        " + '</p>' + figures + '</article></body></html>', 'x.html')")


def test_2_a_megabyte_published_value_is_refused_quickly_and_briefly(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": GOOD, "published": "2024 " + "9" * 9_000_000}) + "\n",
                    encoding="utf-8")
    started = time.monotonic()
    [error] = read_all(path)
    assert time.monotonic() - started < 5
    assert isinstance(error, MalformedInput) and len(str(error)) < 400


def test_2_reading_runs_under_the_document_time_limit(tmp_path: Path) -> None:
    slow = tmp_path / "a-slow.txt"  # megabytes of short lines: seconds to segment
    slow.write_text("Title\n\n" + "Short line here.\n\n" * 400_000, encoding="utf-8")
    good = tmp_path / "b-good.txt"
    good.write_text(GOOD, encoding="utf-8")
    found = list(read_isolated([str(slow), str(good)], Settings(doc_timeout=0.3)))
    assert isinstance(found[0], ReadTimeout) and found[0].name == str(slow)
    assert "doc_timeout" in str(found[0])
    assert isinstance(found[1], Document) and found[1].path == str(good)


# -- 3. a network fetch ----------------------------------------------------------------------

def test_3_html_that_looks_like_a_url_opens_no_connection(
        tmp_path: Path, listener: tuple[int, list[object]]) -> None:
    port, accepted = listener
    page = tmp_path / "fetch.html"
    page.write_text(f"http://127.0.0.1:{port}/x?<p>{GOOD.replace(' ', '')}</p>", encoding="utf-8")
    read_all(page)
    time.sleep(0.3)
    assert accepted == []


# -- 4. keys that survive edits ----------------------------------------------------------------

def _store_all(store: Store, path: Path) -> list[str]:
    return [str(store.save(doc)) for doc in read_all(path) if isinstance(doc, Document)]


def test_4_inserting_a_line_above_idless_lines_drops_nothing(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": f"{GOOD}Story {i}."}) for i in range(3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "t.db") as store:
        assert _store_all(store, path) == ["stored"] * 3
        path.write_text("\n".join([json.dumps({"text": f"{GOOD}New."}), *lines]) + "\n",
                        encoding="utf-8")
        assert _store_all(store, path) == ["stored", "skipped", "skipped", "skipped"]
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    conn.close()


# -- 5. creating a database concurrently -------------------------------------------------------

def _open(path: str, results: object) -> None:
    try:
        with Store.open(path):
            pass
        results.put("ok")  # type: ignore[attr-defined]
    except Exception as exc:  # the test reports whatever went wrong
        results.put(f"{type(exc).__name__}: {exc}")  # type: ignore[attr-defined]


def test_5_three_processes_creating_one_database_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    outcomes = []
    for round_ in range(10):
        results = ctx.Queue()
        path = str(tmp_path / f"new-{round_}.db")
        workers = [ctx.Process(target=_open, args=(path, results)) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        outcomes += [results.get(timeout=5) for _ in workers]
    assert outcomes == ["ok"] * 30


# -- 6. the smaller findings -------------------------------------------------------------------

def test_6_walks_stay_in_the_folder_and_say_what_they_skip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_articles(folder, 2)
    expected = write_links(folder, tmp_path / "outside.txt")
    with Store.open(folder / "own.db") as store:  # open: its -wal and -shm files exist
        store.save(next(d for d in read_all(folder) if isinstance(d, Document)))
        found = read_all(folder)
    passed = {Path(e.name).name: e.reason for e in found if isinstance(e, NotAnArticle)}
    for name, word in expected.items():
        assert word in passed.pop(name)
    assert set(passed) == {"own.db", "own.db-wal", "own.db-shm"}
    assert all("database" in reason for reason in passed.values())
    assert all("secret" not in d.text for d in found if isinstance(d, Document))
    assert sum(isinstance(d, Document) for d in found) == 2


def test_6_control_characters_junk_and_utf16_without_bom(tmp_path: Path) -> None:
    names = write_poison(tmp_path, port=9)
    by_name = {Path(d.path).name if isinstance(d, Document) else Path(d.name).name: d
               for d in read_all(tmp_path)}
    titled = by_name["p-control-title.jsonl"]
    assert isinstance(titled, Document) and titled.title == "Bad [31mred"
    assert "no words" in str(by_name["p-junk.txt"]) and names["p-junk.txt"] == "no words"
    utf16 = by_name["p-utf16.txt"]
    assert isinstance(utf16, Document) and utf16.text.startswith("Talks in Ankara")


def test_1_a_document_that_cannot_be_stored_fails_alone(tmp_path: Path) -> None:
    """A failure inside storing (here a title SQLite cannot encode) is that document's."""
    from conftest import make_doc
    from tidings.store.load import _save

    good = make_doc(GOOD, "good")
    bad = make_doc(GOOD + "Other.", "bad", title="bad \ud800 title")
    with Store.open(tmp_path / "t.db") as store:
        failed = _save(store, "bad.txt", bad, None)
        stored = _save(store, "good.txt", good, None)
        assert failed.error is not None and "not stored" in str(failed.error)
        assert stored.ok and store.has_document(good.id) and not store.has_document(bad.id)
