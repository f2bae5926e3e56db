"""One runner for every way in: paths or Documents in, one Outcome per document out.

    run(inputs, settings, skip=None, on_time=None) -> Iterator[Outcome]

Outcomes come in input order. Reading (and the ``skip`` check, which ``tidings ingest``
uses for "already stored") happens here, before any NLP; coding happens in
``settings.workers`` worker processes (see ``tidings.pool``), each loading the model once,
fed documents in small batches. A document that takes longer than ``settings.doc_timeout``
seconds is abandoned (its worker is killed and replaced) and reported as ``StageTimeout``;
the run goes on. ``in_process=True`` codes in the calling process instead (for tests and
for callers that are themselves daemon processes): no processes are started, and a
document over the limit is still reported as failed, but only once it finishes (a hung
document cannot be abandoned there).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Union

from ..errors import InputError, StageTimeout
from ..model import Document
from ..settings import Settings
from .coding import Outcome, Timer, build, code, report_times

Input = Union[str, "os.PathLike[str]", Document]
Skip = Callable[[Document], bool]

READ = "read"
WORKER_START = "worker start"  # seconds a worker process took to start and load the model
# Characters of text read ahead of the output at most (besides the read-ahead count), so
# a folder of very large articles is not all held in memory at once.
HOLD = 64_000_000


def run(inputs: Iterable[Input] | Input, settings: Settings | None = None,
        skip: Skip | None = None, on_time: Timer | None = None, *,
        in_process: bool = False) -> Iterator[Outcome]:
    """Read, skip and code every input; one Outcome per document or unreadable input.

    ``inputs`` are paths (files or folders) or ready-made Documents, in any mix. Errors
    are yielded, never raised, except a ``PipelineError`` when worker processes cannot
    be started at all. Documents coded by worker processes carry no spaCy ``parses``.
    """
    settings = settings or Settings()
    here = in_process or multiprocessing.current_process().daemon
    items = _timed_reads(_read(inputs, settings, isolated=not here), on_time)
    if here:
        return _run_here(items, settings, skip, on_time)
    return _run_pool(items, settings, skip, on_time)


def count_documents(paths: Iterable[str], budget: float = 2.0) -> int | None:
    """About how many documents ``paths`` hold (files, and lines of JSON Lines files), for a
    progress bar's total; None when counting would take longer than ``budget`` seconds."""
    from ..ingest.readers import FORMATS, sniff

    deadline = time.monotonic() + budget
    total = 0
    for path in _files(paths):
        if time.monotonic() > deadline:
            return None
        if not os.path.isfile(path):  # missing, a pipe, a device: one error outcome
            total += 1
            continue
        try:
            with open(path, "rb") as handle:
                fmt = FORMATS.get(os.path.splitext(path)[1].lower()) or sniff(handle.read(256))
                total += _count_lines(handle, deadline) if fmt == "jsonl" else 1
        except OSError:
            total += 1  # reported as unreadable: still one outcome
        except TimeoutError:
            return None
    return total


def _files(paths: Iterable[str]) -> Iterator[str]:
    """The files the readers will read under ``paths`` (hidden entries, symlinked folders
    and special files inside folders left out, as the readers do)."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not os.path.islink(os.path.join(folder, d)))
            for name in sorted(files):
                child = os.path.join(folder, name)
                if not name.startswith(".") and os.path.isfile(child):
                    yield child


def _count_lines(handle: IO[bytes], deadline: float) -> int:
    handle.seek(0)
    lines, last = 0, b"\n"
    while block := handle.read(1 << 20):
        lines += block.count(b"\n")
        last = block[-1:]
        if time.monotonic() > deadline:
            raise TimeoutError
    return lines + (last != b"\n")


def _read(inputs: Iterable[Input] | Input, settings: Settings,
          isolated: bool) -> Iterator[Document | InputError]:
    """Documents and input errors in input order; ``isolated``: files are read in a reader
    process under ``doc_timeout`` (``tidings.run.reading``), else here."""
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    paths: list[str] = []
    for item in inputs:
        if isinstance(item, Document):
            yield from _read_paths(paths, settings, isolated)
            paths.clear()
            yield item
        else:
            paths.append(os.fspath(item))
    yield from _read_paths(paths, settings, isolated)


def _read_paths(paths: list[str], settings: Settings,
                isolated: bool) -> Iterator[Document | InputError]:
    if not paths:
        return
    from ..ingest import iter_documents
    from .reading import read_isolated

    yield from (read_isolated if isolated else iter_documents)(list(paths), settings)


def _timed_reads(items: Iterator[Document | InputError],
                 on_time: Timer | None) -> Iterator[Document | InputError]:
    if on_time is None:
        yield from items
        return
    while True:
        started = time.perf_counter()
        item = next(items, None)
        on_time(READ, time.perf_counter() - started)
        if item is None:
            return
        yield item


def _triage(item: Document | InputError, skip: Skip | None) -> Outcome | Document:
    """An Outcome for what needs no coding (an unreadable input, a skipped document)."""
    if isinstance(item, InputError):
        return Outcome(item.name, error=item)
    if skip is not None and skip(item):
        return Outcome(item.key, document=item, skipped=True)
    return item


# -- in the calling process -----------------------------------------------------------------

def _run_here(items: Iterator[Document | InputError], settings: Settings,
              skip: Skip | None, on_time: Timer | None) -> Iterator[Outcome]:
    timings: dict[str, float] = {}
    pipeline = build(settings, timings if on_time is not None else None)
    for item in items:
        triaged = _triage(item, skip)
        if isinstance(triaged, Outcome):
            yield triaged
            continue
        timings.clear()
        started = time.monotonic()
        doc, error = code(pipeline, triaged)
        report_times(on_time, timings.items())
        if time.monotonic() - started > settings.doc_timeout:
            doc, error = None, StageTimeout(triaged.key, settings.doc_timeout)
        yield Outcome(triaged.key, document=doc, error=error)


# -- in worker processes --------------------------------------------------------------------

def _run_pool(items: Iterator[Document | InputError], settings: Settings,
              skip: Skip | None, on_time: Timer | None) -> Iterator[Outcome]:
    from .pool import Pool  # noqa: PLC0415  (starts processes: only when asked)

    pool = Pool(settings, timed=on_time is not None)
    window = max(64, 4 * settings.workers * pool.chunk)  # read-ahead, in documents
    done: dict[int, Outcome] = {}
    todo: deque[tuple[int, Document]] = deque()
    held: dict[int, int] = {}  # characters of each document read and not yet out
    read = emitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and read - emitted < window and sum(held.values()) < HOLD:
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                triaged = _triage(item, skip)
                if isinstance(triaged, Outcome):
                    done[read] = triaged
                else:
                    todo.append((read, triaged))
                    held[read] = len(triaged.text)
                read += 1
            while emitted in done:
                held.pop(emitted, None)
                yield done.pop(emitted)
                emitted += 1
            if exhausted and emitted == read:
                return
            if not todo and not pool.busy:
                continue  # all read so far is out: read on
            pool.dispatch(todo)
            for seq, outcome, timings in pool.collect(todo):
                report_times(on_time, timings)
                done[seq] = outcome
            report_times(on_time, ((WORKER_START, s) for s in pool.startups))
            pool.startups.clear()
    finally:
        pool.close()
