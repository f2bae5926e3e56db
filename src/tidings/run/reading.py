"""Reading in a child process, each input under the per-document time limit.

The readers are linear by construction, but they hand whatever an input holds to
third-party parsers (trafilatura, lxml, htmldate, dateparser). So the runner reads in a
child process of its own, as it codes in worker processes: the folder walk stays in the
parent (it reads no content), each file is sent to the reader, and every document (for JSON
Lines, every line) must come back within ``settings.doc_timeout`` seconds. A reader that
takes longer, or dies, is killed and replaced; the input it was on is reported as
``ReadTimeout`` (or as unreadable) and reading goes on with the next input, or with the
next line of the same JSON Lines file. Documents already read are never lost.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from ..errors import InputError, ReadTimeout, UnreadableInput
from ..model import Document
from ..settings import Settings
from .carry import Carried

START_METHOD = "spawn"  # as the workers: see pool.START_METHOD
STARTUP_LIMIT = 120.0  # seconds for a reader process to start and say it is ready


def reader_main(inbox: Connection, outbox: Connection, settings: Settings) -> None:
    """The child: read each file it is sent, reporting lines and documents as they come."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from ..ingest.readers import read_file

    outbox.send(("ready",))
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path, info, first_line = job
        for item in read_file(path, info, settings, first_line,
                              on_line=lambda n: outbox.send(("line", n))):
            outbox.send(("item", Carried.of(item) if isinstance(item, InputError) else item))
        outbox.send(("end",))


class _Stuck(Exception):
    """The reader overran the limit or died; ``reason`` says which."""

    def __init__(self, reason: str, timed_out: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


class Reader:
    """The parent's handle on one reader process, started on first use and after a kill."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ctx = multiprocessing.get_context(START_METHOD)
        self._process: Any = None
        self._inbox: Connection | None = None
        self._conn: Connection | None = None

    def _start(self) -> None:
        inbox, self._inbox = self._ctx.Pipe(duplex=False)
        self._conn, outbox = self._ctx.Pipe(duplex=False)
        self._process = self._ctx.Process(target=reader_main, args=(inbox, outbox, self.settings),
                                          name="tidings-reader", daemon=True)
        self._process.start()
        inbox.close()
        outbox.close()
        if self._receive(STARTUP_LIMIT)[0] != "ready":
            raise _Stuck("the reader process did not start", timed_out=False)

    def _receive(self, limit: float) -> tuple[Any, ...]:
        assert self._conn is not None
        try:
            if not self._conn.poll(limit):
                raise _Stuck(f"reading took longer than {limit:g} s (doc_timeout)", True)
            message: tuple[Any, ...] = self._conn.recv()
            return message
        except (EOFError, OSError, pickle.UnpicklingError):
            self._process.join(1.0)
            code = self._process.exitcode
            raise _Stuck(f"the reader process died while reading it (exit code {code})",
                         timed_out=False) from None

    def read(self, path: str, info: Any, first_line: int) -> Iterator[tuple[str, Any]]:
        """("line", n) and ("item", Document | InputError) messages for one file, in order;
        raises ``_Stuck`` when the reader overruns ``doc_timeout`` or dies."""
        if self._process is None or not self._process.is_alive():
            self._start()
        assert self._inbox is not None
        self._inbox.send((path, info, first_line))
        while True:
            message = self._receive(self.settings.doc_timeout)
            if message[0] == "end":
                return
            if message[0] == "item" and isinstance(message[1], Carried):
                yield "item", message[1].restore()
            else:
                yield message[0], message[1]

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5.0)
        for conn in (self._inbox, self._conn):
            if conn is not None:
                conn.close()
        self._process = self._inbox = self._conn = None

    def close(self) -> None:
        if self._process is not None and self._process.is_alive() and self._inbox is not None:
            try:
                self._inbox.send(None)
            except OSError:
                pass
            self._process.join(2.0)
        self.kill()


def read_isolated(paths: list[str], settings: Settings) -> Iterator[Document | InputError]:
    """``iter_documents(paths)``, each file read in the reader process under the limit."""
    from ..ingest.readers import iter_files

    reader = Reader(settings)
    try:
        for found in iter_files(paths):
            if isinstance(found, InputError):
                yield found
            else:
                yield from _read_one(reader, found[0], found[1])
    finally:
        reader.close()


def _read_one(reader: Reader, path: str, info: Any) -> Iterator[Document | InputError]:
    """One file's documents; after a stuck line of JSON Lines, reading resumes below it."""
    first_line = 1
    while True:
        line: int | None = None
        try:
            for kind, value in reader.read(path, info, first_line):
                if kind == "line":
                    line = value
                else:
                    yield value
            return
        except _Stuck as stuck:
            reader.kill()
            name = path if line is None else f"{path}:{line}"
            if stuck.timed_out:
                yield ReadTimeout(name, stuck.reason)
            else:
                yield UnreadableInput(name, stuck.reason)
            if line is None:
                return
            first_line = line + 1
