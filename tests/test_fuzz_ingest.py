"""Good and hostile inputs mixed: every good document stored, every hostile one named, no
hang, no traceback, no connection. Bounded to about a minute in all.

Also: every pattern of the data files is run against adversarial strings under a time
bound, so a pattern that backtracks catastrophically cannot come back unnoticed.
"""

from __future__ import annotations

import json
import sqlite3
import string
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import good_articles, write_links, write_poison
from test_poison import listener  # noqa: F401  (a fixture)
from tidings.errors import InputError
from tidings.ingest import iter_documents
from tidings.model import Document

SRC = str(Path(__file__).resolve().parents[1] / "src")
ERROR_LINE_LIMIT = 1100  # "error: " + the CLI's bound on a message
PATTERN_BOUND_S = 0.25  # seconds one pattern may take on one adversarial string


def test_twenty_good_articles_among_the_poison(tmp_path: Path, cli_env: dict[str, str],
                                               listener: tuple[int, list[object]]) -> None:  # noqa: F811
    port, accepted = listener
    folder = tmp_path / "in"
    good = good_articles(folder, 20)
    failing = write_poison(folder, port)
    passed_over = write_links(folder, tmp_path / "outside.txt")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "tidings", "ingest", str(folder), "--db",
                             str(tmp_path / "t.db")], env=cli_env, cwd=tmp_path, text=True,
                            capture_output=True, encoding="utf-8", timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name, word in failing.items():
        [line] = [e for e in errors if f"/{name}: " in e]
        assert word in line and len(line) < ERROR_LINE_LIMIT, line
    assert len(errors) == len(failing), result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(passed_over), result.stderr
    conn = sqlite3.connect(tmp_path / "t.db")
    paths = {p for (p,) in conn.execute("SELECT path FROM documents")}
    titles = [t for (t,) in conn.execute("SELECT title FROM documents") if t]
    conn.close()
    assert {str(p) for p in good} <= paths
    assert all(ch not in title for title in titles for ch in "\x1b\x07")
    assert accepted == []


HOSTILE_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8)
FIELDS = st.sampled_from(["text", "title", "url", "id", "outlet", "published"])


def _hostile_files() -> st.SearchStrategy[dict[str, bytes]]:
    raw = st.binary(max_size=2000)
    text = HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))
    html = HOSTILE_TEXT.map(lambda t: f"<html><body><p>{t}</p><figcaption>{t}</figcaption>"
                                      f"</body></html>".encode("utf-8", "surrogatepass"))
    jsonl = st.lists(st.dictionaries(FIELDS, JSON_VALUES, max_size=6), max_size=4).map(
        lambda objs: "\n".join(json.dumps(o) for o in objs).encode("utf-8", "surrogatepass"))
    names = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=1,
                    max_size=12)
    ext = st.sampled_from([".txt", ".html", ".jsonl", ".md", "", ".bin"])
    return st.dictionaries(st.tuples(names, ext).map("".join), raw | text | html | jsonl,
                           min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(files=_hostile_files())
def test_fuzz_good_documents_survive_any_neighbours(tmp_path_factory: object,
                                                    files: dict[str, bytes]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    good = good_articles(folder / "good", 3)
    for name, data in files.items():
        (folder / f"h-{name}").write_bytes(data)
    started = time.monotonic()
    found = list(iter_documents([str(folder)]))
    assert time.monotonic() - started < 10
    assert all(isinstance(item, (Document, InputError)) for item in found)
    read = {item.path for item in found if isinstance(item, Document)}
    assert {str(p) for p in good} <= read
    for item in found:
        if isinstance(item, InputError):
            assert item.name and item.reason and len(str(item)) < 900
        else:  # storable and printable: these raise on a lone surrogate
            item.text.encode("utf-8")
            (item.title or "").encode("utf-8")


def test_no_data_file_pattern_backtracks_catastrophically() -> None:
    """Each segment pattern and the date grammar against strings built to make regular
    expressions backtrack, in a child process so that a hang is a failure, not a stall."""
    code = """
import time
from datetime import datetime, timezone
from tidings.ingest.rules import load_rules, MAX_LINE
from tidings.ingest.segment import _dateline_prefixes
from tidings.when.times import find_times
pieces = ["AA-", "U.S.-", "A ", "a ", ". ", "/AFP ", " ", "-", "(", "photo ", "the ", "And ",
          "of ", "12 ", ":", ", ", "'", "’", "\\t", "Reuters ", "in this ", "AP Photo ",
          "January ", "Dec. 8, ", "2024 ", "last ", "two days ", "after the "]
strings = [(p * (MAX_LINE // len(p) + 1))[:MAX_LINE] + "!" for p in pieces]
strings += [(a + b) * (MAX_LINE // (len(a) + len(b))) for a in pieces[:8] for b in pieces[:8]]
rules = load_rules()
patterns = [r for group in (rules.boilerplate, rules.caption, rules.dateline, rules.date)
            for r in group]
worst = 0.0
for s in strings:
    for rule in patterns:
        t = time.perf_counter(); rule.matches(s); worst = max(worst, time.perf_counter() - t)
    for pattern, limit in _dateline_prefixes():
        t = time.perf_counter(); pattern.match(s, 0, limit)
        worst = max(worst, time.perf_counter() - t)
    t = time.perf_counter()
    find_times(s, 0, datetime(2024, 12, 9, tzinfo=timezone.utc))
    worst = max(worst, time.perf_counter() - t)
print(worst)
"""
    done = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": SRC}, text=True,
                          capture_output=True, timeout=120, check=True)
    assert float(done.stdout.strip()) < PATTERN_BOUND_S
