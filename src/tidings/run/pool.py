"""The runner's worker processes: each loads the model once and codes batches of documents.

The parent (``Pool``) talks to every worker over two one-way pipes of its own, so it
always knows which document each worker is on and since when. It sends a batch only to
an idle worker (one that is waiting to read, so the send cannot block), and a worker
reports each document as it finishes it, with the time, which starts the clock of the
next one. A worker codes a batch together (the parse streams the sections of all its
documents through spaCy at once), so until it reports a document it may be working on any
of the batch. A worker whose current document has run past ``doc_timeout`` is killed and
replaced; the document is reported as ``StageTimeout`` and the rest of its batch goes back
to the front of the queue, except when that document's parse stream also held later
documents (``tidings.nlp.stream_groups``): then nobody is blamed yet, and the documents of
that stream are sent again one at a time. A worker that dies on its own fails the same
way: only the document it was coding, once that is known. Workers exit when the parent goes away (end of their pipe, or a watch on
the parent process), so a killed ``tidings ingest`` leaves no orphans behind.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import PipelineError, StageTimeout, TidingsError
from ..model import Document
from ..nlp.spacy_pipeline import stream_groups
from .carry import Carried
from .coding import Outcome, build, code, code_many
from ..settings import Settings

log = logging.getLogger(__name__)

# spawn, not fork: a forked copy of a parent that has threads (or a loaded model) is not
# safe, and spawn behaves the same on every platform.
START_METHOD = "spawn"
# Documents per batch sent to a worker: enough to hide the round trip (about a
# millisecond against tens of milliseconds per article), few enough to share the tail
# of a run evenly between workers.
CHUNK = 8
# A worker must load the model and answer within this many seconds.
STARTUP_LIMIT = 300.0
# Deaths in a row of workers holding no document before the run gives up.
MAX_IDLE_DEATHS = 3
# Math libraries' thread pools, one thread per worker: the workers already keep every
# core busy, and OpenBLAS's threads made each parse about 15% slower even in one process.
# A value the user set is kept.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_WARM_UP = ("Warm-up\n\nThe foreign minister met the ambassador in Paris on Monday, "
            "officials said.")

Batch = list[tuple[int, Document]]
Result = tuple[int, Outcome, tuple[tuple[str, float], ...]]


# -- the worker side ------------------------------------------------------------------------

def _watch_parent() -> None:
    """Exit as soon as the parent process is gone, whatever this process is doing."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="tidings-parent-watch", daemon=True).start()


def worker_main(inbox: Connection, outbox: Connection, settings: Settings, timed: bool) -> None:
    """A worker's life: load the model (by coding a short text), then code batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _watch_parent()
    from ..ingest import read_text

    timings: dict[str, float] = {}
    pipeline = build(settings, timings if timed else None)
    code(pipeline, read_text(_WARM_UP))
    outbox.send(("ready", time.monotonic()))
    while True:
        try:
            batch = inbox.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        # The batch is coded together (the parse streams all its documents' sections),
        # and each document is reported as soon as its later stages are done.
        timings.clear()
        for (seq, doc), (result, error) in zip(batch, code_many(pipeline, [d for _, d in batch])):
            if result is not None:
                result = result.with_(parses=())  # spaCy Docs stay here: costly to send
            if not _send(outbox, seq, doc, result, error, tuple(timings.items())):
                return
            timings.clear()


def _send(outbox: Connection, seq: int, doc: Document, result: Document | None,
          error: TidingsError | None, timings: tuple[tuple[str, float], ...]) -> bool:
    carried = Carried.of(error) if error is not None else None
    try:
        outbox.send(("done", seq, result, carried, timings, time.monotonic()))
    except OSError:
        return False  # the parent is gone
    except Exception as exc:  # the result would not pickle: report that instead
        failed = PipelineError(f"{doc.key}: result cannot be sent back: {exc}")
        outbox.send(("done", seq, None, Carried.of(failed), timings, time.monotonic()))
    return True


# -- the parent side ------------------------------------------------------------------------

@contextmanager
def _one_thread_each() -> Iterator[None]:
    """The environment a spawned worker starts with: ``THREAD_VARIABLES`` at 1 unless set."""
    added = [name for name in THREAD_VARIABLES if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, timed: bool) -> None:
        inbox, self._inbox = ctx.Pipe(duplex=False)
        self.conn, outbox = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=worker_main, args=(inbox, outbox, settings, timed),
                                   name="tidings-worker", daemon=True)
        with _one_thread_each():
            self.process.start()
        inbox.close()  # the worker's ends: ours closed, so its exit shows as end of file
        outbox.close()
        self.born = time.monotonic()
        self.ready = False
        self.broken = False
        self.queue: deque[tuple[int, Document]] = deque()  # sent, not reported yet
        self.started = 0.0  # when the worker began queue[0]
        self.stream: dict[int, int] = {}  # the parse stream of each document sent

    def send(self, batch: Batch) -> bool:
        try:
            self._inbox.send(batch)
        except OSError:
            self.broken = True
            return False
        self.queue.extend(batch)
        self.started = time.monotonic()
        sizes = [len(doc.text) for _, doc in batch]
        self.stream = {seq: group for (seq, _), group in zip(batch, stream_groups(sizes))}
        return True

    def receive(self) -> list[tuple[Any, ...]]:
        """Every message waiting in the pipe; a torn or closed pipe marks the worker broken."""
        messages = []
        try:
            while not self.broken and self.conn.poll():
                messages.append(self.conn.recv())
        except (EOFError, OSError, pickle.UnpicklingError):
            self.broken = True
        return messages

    def dead(self) -> bool:
        return self.broken or not self.process.is_alive()

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self._inbox.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._inbox.close()
        self.conn.close()
        self.process.close()


class Pool:
    """``settings.workers`` worker processes and what each is doing."""

    def __init__(self, settings: Settings, timed: bool = False) -> None:
        self.settings = settings
        self.timed = timed
        self.chunk = CHUNK
        self._ctx = multiprocessing.get_context(START_METHOD)
        self._idle_deaths = 0
        # Documents of a batch whose worker timed out or died: sent alone from now on, so
        # that what failed is known to be theirs.
        self._alone: set[int] = set()
        self.workers: list[_Worker] = []  # started with the first document to code
        self.startups: list[float] = []  # seconds each worker took to load, not yet reported

    def _start(self) -> _Worker:
        return _Worker(self._ctx, self.settings, self.timed)

    @property
    def busy(self) -> bool:
        """Whether any worker holds documents it has not reported yet."""
        return any(w.queue for w in self.workers)

    def dispatch(self, todo: deque[tuple[int, Document]]) -> None:
        """Send a batch from the front of ``todo`` to each idle worker."""
        while todo and len(self.workers) < self.settings.workers:
            self.workers.append(self._start())  # at the first document, or replacing one
        idle = [w for w in self.workers if w.ready and not w.queue and not w.broken]
        for worker in idle:
            if not todo:
                return
            size = max(1, min(self.chunk, -(-len(todo) // len(idle))))
            batch = [_bare(*todo.popleft())]
            while len(batch) < size and todo and batch[0][0] not in self._alone \
                    and todo[0][0] not in self._alone:
                batch.append(_bare(*todo.popleft()))
            if not worker.send(batch):
                todo.extendleft(reversed(batch))

    def collect(self, todo: deque[tuple[int, Document]]) -> Iterator[Result]:
        """Wait for news from the workers (at most until the next deadline) and yield the
        documents finished, timed out or lost with their worker."""
        handles: list[Any] = []
        for worker in self.workers:
            handles += [worker.conn, worker.process.sentinel]
        wait(handles, timeout=self._until_deadline())
        for worker in list(self.workers):
            yield from self._finished(worker)
            if worker.dead():
                yield from self._lost(worker, todo)
            elif worker.queue and self._overdue(worker):
                yield from self._timed_out(worker, todo)
            elif not worker.ready and time.monotonic() - worker.born > STARTUP_LIMIT:
                self.close()
                raise PipelineError(f"a worker process did not start in {STARTUP_LIMIT:g} s")

    def _until_deadline(self) -> float:
        now = time.monotonic()
        deadlines = [w.started + self.settings.doc_timeout for w in self.workers
                     if w.ready and w.queue]
        deadlines += [w.born + STARTUP_LIMIT for w in self.workers if not w.ready]
        return max(0.0, min(deadlines, default=now + 5.0) - now)

    def _overdue(self, worker: _Worker) -> bool:
        return worker.ready and time.monotonic() - worker.started > self.settings.doc_timeout

    def _finished(self, worker: _Worker) -> Iterator[Result]:
        for message in worker.receive():
            if message[0] == "ready":
                worker.ready = True
                worker.started = max(worker.started, message[1])
                self.startups.append(time.monotonic() - worker.born)
                continue
            _, seq, document, carried, timings, finished_at = message
            sent_seq, doc = worker.queue.popleft()
            assert sent_seq == seq, "a worker answers its documents in order"
            worker.started = finished_at
            self._idle_deaths = 0
            self._alone.discard(seq)
            error = _tidings_error(carried, doc)
            yield seq, Outcome(doc.key, document=document, error=error), timings

    def _retire(self, worker: _Worker, todo: deque[tuple[int, Document]]) -> None:
        """Kill a worker and put the rest of its batch back at the front of ``todo``; the
        next ``dispatch`` starts a new worker if there is work for it."""
        todo.extendleft(reversed(worker.queue))
        worker.queue.clear()
        worker.stop(kill=True)
        self.workers.remove(worker)

    def _timed_out(self, worker: _Worker,
                   todo: deque[tuple[int, Document]]) -> Iterator[Result]:
        if self._retry_alone(worker, todo):
            return
        seq, doc = worker.queue.popleft()
        log.info("%s: over %g s, abandoned", doc.key, self.settings.doc_timeout)
        self._retire(worker, todo)
        yield seq, Outcome(doc.key, error=StageTimeout(doc.key, self.settings.doc_timeout)), ()

    def _lost(self, worker: _Worker, todo: deque[tuple[int, Document]]) -> Iterator[Result]:
        why = _death(worker)
        if not worker.queue:
            self._idle_deaths += 1
            if self._idle_deaths >= MAX_IDLE_DEATHS or not worker.ready:
                self.close()
                raise PipelineError(f"a worker process died before coding anything ({why})")
            self._retire(worker, todo)
            return
        if self._retry_alone(worker, todo):
            return
        seq, doc = worker.queue.popleft()
        self._retire(worker, todo)
        error = PipelineError(f"{doc.key}: the worker process coding it died ({why})")
        yield seq, Outcome(doc.key, error=error), ()

    def _retry_alone(self, worker: _Worker, todo: deque[tuple[int, Document]]) -> bool:
        """For a worker that failed while coding a batch together: retire it and put its
        documents back to be coded one at a time (True), rather than blame the first."""
        current = worker.stream.get(worker.queue[0][0])
        joint = [seq for seq, _ in worker.queue if worker.stream.get(seq) == current]
        if len(joint) < 2:
            return False
        log.info("a worker failed on %d documents parsed together; retrying them one by one",
                 len(joint))
        self._alone.update(joint)
        self._retire(worker, todo)
        return True

    def close(self) -> None:
        """Stop every worker (politely, then by force); safe to call twice."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.stop(kill=bool(worker.queue) or worker.dead() or not worker.ready)


def _bare(seq: int, doc: Document) -> tuple[int, Document]:
    """A document as sent to a worker: without spaCy parses (a coded document given again)."""
    return seq, doc.with_(parses=()) if doc.parses else doc


def _death(worker: _Worker) -> str:
    """How a worker went: its signal or exit code, or a torn pipe if it lives on."""
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is None:
        return "its pipe broke"
    return f"signal {-code}" if code < 0 else f"exit code {code}"


def _tidings_error(carried: Carried | None, doc: Document) -> TidingsError | None:
    error = carried.restore() if carried is not None else None
    if error is None or isinstance(error, TidingsError):
        return error
    return PipelineError(f"{doc.key}: {type(error).__name__}: {error}")
