"""Hostile input: readers and the whole pipeline raise nothing but TidingsError, and
`tidings ingest` over a folder of nasty files neither crashes nor hangs.

The property tests are bounded (few examples, no deadline) so the file runs in well under
a minute besides the two CLI runs; the nasty corpus is generated in tmp_path.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.api import process_text
from tidings.errors import InputError, TidingsError
from tidings.ingest import iter_documents, read_text
from tidings.ingest.html import read_html
from tidings.ingest.jsonl import line_document
from tidings.settings import Settings

WORDS = ["Russia", "Ukraine", "Kharkiv", "NATO", "Hamas", "Mr.", "U.S.", "said", "shelled",
         "met", "denied", "will", "not", "according", "to", "officials", "on", "in", "the",
         "Monday", "32", "Febtember", "99999", "2024-02-30", "0000", "Feb", "30", "two", "days",
         "before", "yesterday", "Title:", "Published:", "Date: 32/13/2024", "\n", "\n\n", ".",
         ",", '"', "'", "(", ")", "—", "٣", "🇺🇦", "\u200b", "\t", "\x00", "\r", "é", "e\u0301"]
word_soup = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)),
                     max_size=80).map(" ".join)
texts = st.one_of(st.text(max_size=300), word_soup)
tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<figcaption>",
                        "</figcaption>", "<title>", "</title>", "<meta charset='bogus'>", "<!--",
                        "-->", "<![CDATA[", "<html>", "<body>", "&amp;", "&#0;", "&#xD800;", "<"])
html_soup = st.lists(st.one_of(tags, st.sampled_from(WORDS), st.text(max_size=8)),
                     max_size=60).map("".join)
BOUNDED = settings(max_examples=40, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".jsonl", ".md", ""]))
def test_reading_any_bytes_yields_documents_or_input_errors(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{ext}"
        path.write_bytes(data)
        for item in iter_documents([str(path)], Settings(max_bytes=400)):
            assert isinstance(item, InputError) or item.text.strip()


@BOUNDED
@given(texts)
def test_read_text_raises_only_tidings_errors(text: str) -> None:
    try:
        doc = read_text(text)
    except TidingsError:
        return
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.sections)


@BOUNDED
@given(html_soup)
def test_read_html_raises_only_tidings_errors(html: str) -> None:
    try:
        read_html(html, "page.html")
    except TidingsError:
        pass


@BOUNDED
@given(st.one_of(st.binary(max_size=200),
                 st.dictionaries(st.sampled_from(["id", "text", "title", "url", "published"]),
                                 st.one_of(st.none(), st.integers(), st.floats(), texts,
                                           st.lists(st.integers(), max_size=2)))
                 .map(lambda d: json.dumps(d).encode())))
def test_json_lines_raise_only_tidings_errors(raw: bytes) -> None:
    try:
        line_document(raw, "wire.jsonl", 1)
    except TidingsError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_pipeline_raises_only_tidings_errors(text: str) -> None:
    try:
        doc = process_text(text)
    except TidingsError:
        return
    for event in doc.events:
        assert 0 <= event.evidence.start <= event.evidence.end <= len(doc.text)


# -- a folder of nasty files through the command line --------------------------------------

GOOD = "Russian forces shelled the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.\n"
BIG = 20_000_000


def nasty_corpus(folder: Path) -> dict[str, str]:
    """Write the nasty files; returns {name in errors: a word its reason must contain}."""
    rng = random.Random(7)
    folder.mkdir(parents=True)
    files: dict[str, bytes] = {
        "good.txt": f"Shelling in Kharkiv\n\n{GOOD}".encode(),
        "random.bin": bytes(rng.randrange(256) for _ in range(4000)),
        "random.txt": bytes(rng.randrange(1, 256) for _ in range(4000)),
        "nul.txt": GOOD.encode() + b"\x00" + GOOD.encode(),
        "utf16-bom.txt": f"Talks in Ankara\n\n{GOOD}".encode("utf-16"),
        "utf16-nobom.txt": f"Talks in Ankara\n\n{GOOD}".encode("utf-16-le"),
        "latin1.txt": f"Café in Zürich\n\n{GOOD}Le café était fermé.\n".encode("latin-1"),
        "mojibake.txt": f"CafÃ© in ZÃ¼rich\n\n{GOOD}The ministerâ€™s office said so.\n".encode(),
        "big-line.txt": b"word " * (BIG // 5),
        "nested.html": ("<html><body>" + "<div>" * 10_000 + f"<p>{GOOD}</p>" + "</div>" * 10_000
                        + "</body></html>").encode(),
        "truncated.html": f"<html><head><title>Talks</title></head><body><article><p>{GOOD}"
                          "</p><p>More about the tal".encode(),
        "scripts.html": (f"<html><head><title>Data</title><script>var x='{'A' * 2_000_000}';"
                         f"</script></head><body><article><p>{GOOD}</p><img src='data:image/png"
                         f";base64,{'QUFB' * 400_000}'></article></body></html>").encode(),
        "wire.jsonl": "\n".join([
            json.dumps({"id": "w1", "text": GOOD}), '{"id": "w2", "text": "broken', "", "not json",
            json.dumps({"text": 5}), json.dumps([1, 2]),
            json.dumps({"id": "w3", "text": GOOD, "published": "32 Febtember 2024"}),
            json.dumps({"id": "w4", "text": GOOD + "Again.", "published": 99_999_999_999_999}),
        ]).encode() + b"\n",
        "absurd-header.txt": f"Title: Absurd\nPublished: 32 Febtember 99999\n\n{GOOD}".encode(),
        "absurd-text.txt": (f"Absurd dates\n\nOn 32 Febtember 99999, {GOOD}In the year 99999, on"
                            " February 30, 2024 and on 0000-00-00 talks began.\n").encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t\n",
        "empty.html": b"<html></html>",
        "empty.jsonl": b"\n\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {"random.bin": "binary", "random.txt": "UTF-8", "nul.txt": "NUL",
            "latin1.txt": "UTF-8", "big-line.txt": "max_bytes",
            "nested.html": "nested", "wire.jsonl:2": "JSON", "wire.jsonl:4": "JSON",
            "wire.jsonl:5": "text", "wire.jsonl:6": "object", "wire.jsonl:7": "date",
            "wire.jsonl:8": "range", "absurd-header.txt": "date", "empty.txt": "empty",
            "blank.txt": "no text", "empty.html": "no extractable text", "empty.jsonl": "no JSON"}


def ingest(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tidings", "ingest", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180)


def test_nasty_corpus_through_the_cli(tmp_path: Path, cli_env: dict[str, str]) -> None:
    folder = tmp_path / "nasty"
    rejected = nasty_corpus(folder)
    db = tmp_path / "nasty.db"
    result = ingest(cli_env, tmp_path, str(folder), "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "\x1b[" not in result.stderr and "━" not in result.stderr  # piped: no bar
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name, word in rejected.items():
        [line] = [e for e in errors if f"{folder / name}: " in e]
        reason = line.split(f"{folder / name}: ", 1)[1]
        assert word.lower() in reason.lower(), line
    assert len(errors) == len(rejected), "\n".join(errors)
    # 19 files, wire.jsonl holds 7 lines; the UTF-16 file without a byte-order mark is read
    # and is the same article as the one with it: skipped as known content.
    stored = f"{19 + 6 - len(rejected) - 1} stored"
    assert f"{stored}, 1 skipped, 0 replaced, {len(rejected)} failed" in result.stderr
    conn = sqlite3.connect(db)
    try:
        keys = {k for (k,) in conn.execute("SELECT key FROM documents")}
        texts = [t for (t,) in conn.execute("SELECT text FROM documents")]
    finally:
        conn.close()
    names = {Path(k).name if "/" in k else k for k in keys}
    assert names == {"good.txt", "utf16-bom.txt", "mojibake.txt", "truncated.html",
                     "scripts.html", "absurd-text.txt", "w1"}
    assert all("\x00" not in t and "AAAA" not in t for t in texts)


def test_huge_line_and_parser_bomb_with_raised_limits(tmp_path: Path,
                                                      cli_env: dict[str, str]) -> None:
    """A 20 MB line under a raised max_bytes, and 600 kB of "So. " (which spaCy's parser takes
    minutes and gigabytes over): each fails cleanly within the time limit, with its name
    and reason, and the article after them is still stored (by a fresh worker)."""
    (tmp_path / "in").mkdir()
    big, bomb = tmp_path / "in" / "a-big-line.txt", tmp_path / "in" / "b-dots.txt"
    big.write_bytes(b"word " * (BIG // 5))
    bomb.write_text("So. " * 150_000, encoding="utf-8")
    (tmp_path / "in" / "c-good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    result = ingest(cli_env, tmp_path, str(tmp_path / "in"), "--db", str(tmp_path / "x.db"),
                    "--max-bytes", str(2 * BIG), "--doc-timeout", "5")
    assert time.monotonic() - started < 60
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    # The big line: processed, or rejected with its name and a reason (spaCy's length
    # limit today); both are clean outcomes.
    assert result.returncode == 1 and len(errors) in (1, 2), result.stderr
    assert errors[-1].startswith(f"error: {bomb}: ") and "doc_timeout" in errors[-1]
    assert all(line.startswith((f"error: {big}: ", f"error: {bomb}: ")) for line in errors)
    assert f"{3 - len(errors)} stored" in result.stderr
    conn = sqlite3.connect(tmp_path / "x.db")
    try:
        keys = {Path(k).name for (k,) in conn.execute("SELECT key FROM documents")}
    finally:
        conn.close()
    assert "c-good.txt" in keys


@pytest.mark.parametrize("depth", [10_000])
def test_deep_html_is_rejected_with_its_reason(depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p>" + "</div>" * depth
    with pytest.raises(TidingsError, match="nested"):
        read_html(html, "deep.html")
