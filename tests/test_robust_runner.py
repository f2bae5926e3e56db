"""The runner: input order, skipping, the per-document time limit, lost workers, timing.

The in-process tests share the process's model; the pool test starts real worker
processes (a few seconds each, as each loads the model), so there is one, asserting a lot.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from tidings.errors import (
    BinaryInput,
    DataError,
    InputError,
    MalformedInput,
    PipelineError,
    StageError,
    StageTimeout,
    UnreadableInput,
)
from tidings.ingest import read_text
from tidings.run.carry import Carried
from tidings.run.runner import READ, Outcome, count_documents, run
from tidings.settings import Settings

KHARKIV = "Russian forces shelled the Ukrainian city of Kharkiv on Monday, officials said.\n"
ANKARA = "Turkey hosted talks between Armenian and Azerbaijani diplomats in Ankara on Tuesday.\n"
# Thousands of short paragraphs: seconds of NLP, so always over a one-second limit.
SLOW = "Slow\n\n" + "".join(f"Russia shelled Kharkiv on day {i}, officials said.\n\n"
                            for i in range(6000))


def inputs(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "kharkiv.txt").write_text(KHARKIV, encoding="utf-8")
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": ANKARA}) + "\n{broken\n", encoding="utf-8")
    return [str(folder / "kharkiv.txt"), str(folder / "missing.txt"), str(folder / "wire.jsonl")]


def test_in_process_order_skip_and_errors(tmp_path: Path) -> None:
    paths = inputs(tmp_path / "in")
    doc = read_text(ANKARA + "Talks went on.\n", path="<given>")
    out = list(run([*paths, doc], skip=lambda d: d.key == "w1", in_process=True))
    assert [o.name for o in out] == [paths[0], paths[1], "w1", f"{paths[2]}:2", "<given>"]
    first, missing, skipped, broken, given = out
    assert first.ok and first.document is not None and first.document.events
    assert first.document.parses  # in-process documents keep their parses
    assert isinstance(missing.error, UnreadableInput) and not missing.ok
    assert skipped.skipped and skipped.document is not None and not skipped.document.events
    assert isinstance(broken.error, MalformedInput)
    assert given.ok and given.document is not None and given.document.events


def test_in_process_time_limit_and_timing_hook(tmp_path: Path) -> None:
    times: list[tuple[str, float]] = []
    out = list(run([read_text(KHARKIV)], Settings(), on_time=lambda n, s: times.append((n, s)),
                   in_process=True))
    assert out[0].ok
    names = {name for name, _ in times}
    assert READ in names and "nlp.spacy.v1" in names and "events.rules.v1" in names
    assert all(seconds >= 0 for _, seconds in times)
    # Over the limit: failed once it finishes (nothing can abandon it in-process).
    [late] = run([read_text(KHARKIV)], Settings(doc_timeout=1e-6), in_process=True)
    assert isinstance(late.error, StageTimeout) and late.document is None
    assert "doc_timeout" in str(late.error)


def _children() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "tidings-worker"]


def test_pool_times_out_hung_documents_and_survives_lost_workers() -> None:
    docs = [read_text(KHARKIV, path="a"), read_text(SLOW, path="b"),
            read_text(ANKARA, path="c"), read_text(SLOW + "Again.", path="d"),
            read_text(KHARKIV + "More.", path="e"), read_text(ANKARA + "More.", path="f")]
    outcomes = run(docs, Settings(workers=1, doc_timeout=2.0))
    started = time.monotonic()
    a, b, c = next(outcomes), next(outcomes), next(outcomes)
    assert [a.name, b.name, c.name] == ["a", "b", "c"]
    assert a.ok and a.document is not None and a.document.events
    assert a.document.parses == ()  # spaCy parses stay in the worker
    assert isinstance(b.error, StageTimeout) and b.error.seconds == 2.0
    assert c.ok
    # "d" is being coded (slowly): kill its worker from outside, as the OOM killer would.
    [worker] = _children()
    os.kill(worker.pid, signal.SIGKILL)
    d, e = next(outcomes), next(outcomes)
    assert d.name == "d" and isinstance(d.error, PipelineError)
    assert "died" in str(d.error) and "signal 9" in str(d.error)
    assert e.ok and e.name == "e"
    outcomes.close()  # stopped early: its workers go too
    assert not _children()
    assert time.monotonic() - started < 90


# One paragraph under the parse-stream budget (tidings.nlp.spacy_pipeline.STREAM_CHARS) yet seconds of
# NLP: parsed in the same spaCy batch as the small documents sent with it, so none of them
# is done before it is.
MEDIUM = "Medium\n\n" + "".join(f"Russia shelled Kharkiv on day {i}, officials said. "
                                for i in range(1800))


def test_pool_retries_a_stream_alone_when_it_hangs() -> None:
    """A worker parses a batch's documents in one stream, so when the first one runs past
    the limit the culprit may be another: each document of the stream is retried alone,
    and only the slow one fails."""
    docs = [read_text(KHARKIV, path="x"), read_text(MEDIUM, path="y"),
            read_text(ANKARA, path="z")]
    outcomes = list(run(docs, Settings(workers=1, doc_timeout=1.5)))
    assert [o.name for o in outcomes] == ["x", "y", "z"]
    x, y, z = outcomes
    assert x.ok and z.ok, (x.error, z.error)
    assert isinstance(y.error, StageTimeout)
    assert not _children()


def test_errors_cross_process_boundaries_intact() -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> object:
            raise TypeError("no")

    errors = [BinaryInput("x.txt", "looks binary"), StageTimeout("doc", 2.5),
              StageError("events.rules.v1", "doc", DataError("lex.tsv", "bad", 3)),
              StageError("nlp", "doc", Unpicklable("inner"))]
    for err in errors:
        back = pickle.loads(pickle.dumps(Carried.of(err))).restore()
        assert type(back) is type(err) and str(back) == str(err)
        assert vars(back).keys() == vars(err).keys()
    assert isinstance(back.cause, RuntimeError) and "Unpicklable: inner" in str(back.cause)
    restored = pickle.loads(pickle.dumps(Carried.of(errors[0]))).restore()
    assert isinstance(restored, InputError) and restored.name == "x.txt"
    staged = pickle.loads(pickle.dumps(Carried.of(errors[2]))).restore()
    assert isinstance(staged.cause, DataError) and staged.cause.line == 3


def test_count_documents(tmp_path: Path) -> None:
    paths = inputs(tmp_path / "in")
    (tmp_path / "in" / ".hidden.txt").write_text(KHARKIV, encoding="utf-8")
    (tmp_path / "in" / "sub").mkdir()
    (tmp_path / "in" / "sub" / "b.txt").write_text(ANKARA, encoding="utf-8")
    (tmp_path / "in" / "sub" / "noext").write_text('{"text": "a"}\n{"text": "b"}', "utf-8")
    # kharkiv, wire (2 lines), sub/b, sub/noext (2 lines, sniffed as JSON Lines)
    assert count_documents([str(tmp_path / "in")]) == 6
    assert count_documents(paths) == 4  # the missing file counts: it is one outcome
    assert count_documents([str(tmp_path / "in")], budget=-1) is None


@pytest.mark.parametrize("ok", [True, False])
def test_outcome_ok(ok: bool) -> None:
    outcome = Outcome("x", error=None if ok else PipelineError("x: no"))
    assert outcome.ok is ok
