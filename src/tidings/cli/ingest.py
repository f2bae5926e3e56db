"""`tidings extract` and `tidings ingest`: inputs in, records or a database out.

Every input's fate is one line: an error names the input and its reason (exit code 1 at the
end), a file passed over (a database, a link out of the folder) is noted without failing the
run, and the closing summary counts documents by outcome and failures by kind.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

import click

from ..errors import NotAnArticle, TidingsError
from ..settings import Settings
from ..store import Store
from .console import db_option, err_console, note, report_error, verbose_option, with_settings

EXIT_INPUTS_FAILED = 1


def failure_kind(error: TidingsError | None) -> str:
    """A short name for the kind of failure, for the summary ("3 malformed, 1 timed out")."""
    name = type(error).__name__
    return {
        "UnreadableInput": "unreadable", "EmptyInput": "empty", "BinaryInput": "binary",
        "EncodingError": "bad encoding", "InputTooLarge": "too large",
        "MalformedInput": "malformed", "ReadTimeout": "timed out", "StageTimeout": "timed out",
        "StageError": "coding error", "StoreError": "not stored",
    }.get(name, "other")


def _named(name: str, error: TidingsError | None) -> str:
    """The error with the input named, unless its message already starts with the name."""
    message = str(error)
    return message if message.startswith(name) else f"{name}: {message}"


def _report(name: str, error: TidingsError | None, counts: Counter[str]) -> None:
    """One line for an input that gave no document, counted by kind."""
    if isinstance(error, NotAnArticle):
        counts["passed over"] += 1
        note(f"skipped {_named(name, error)}")
        return
    counts["failed"] += 1
    counts[f"failed: {failure_kind(error)}"] += 1
    report_error(_named(name, error))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@verbose_option
@with_settings
def extract(paths: tuple[str, ...], settings: Settings) -> None:
    """Print one JSON event record per line for the inputs (no database)."""
    from ..api import process
    from ..records import event_record

    out = click.get_binary_stream("stdout")
    counts: Counter[str] = Counter()
    for outcome in process(list(paths), settings):
        if outcome.error is not None or outcome.document is None:
            _report(outcome.name, outcome.error, counts)
            continue
        doc = outcome.document
        lines = (json.dumps(event_record(ev, doc), ensure_ascii=False) + "\n" for ev in doc.events)
        out.write("".join(lines).encode("utf-8"))
        out.flush()
    sys.exit(EXIT_INPUTS_FAILED if counts["failed"] else 0)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option(must_exist=False)
@verbose_option
@with_settings
def ingest_command(paths: tuple[str, ...], db: str, settings: Settings) -> None:
    """Code the inputs and store documents and events in the database."""
    from ..run.runner import count_documents
    from ..store import ingest
    from .progress import ingest_progress, summary

    started = time.monotonic()
    counts: Counter[str] = Counter()
    with Store.open(db) as store, ingest_progress(err_console()) as progress:
        # Counting walks the inputs once more: only worth it when a bar shows the total.
        total = count_documents(paths) if not progress.disable else None
        task = progress.add_task("ingest", total=total, events=0)
        for item in ingest(list(paths), store, settings):
            if item.error is not None:
                _report(item.name, item.error, counts)  # printed above the bar
            else:
                counts[str(item.result)] += 1
                counts["events"] += item.events
            progress.update(task, advance=1, events=counts["events"])
    note(summary(counts, time.monotonic() - started, db))
    sys.exit(EXIT_INPUTS_FAILED if counts["failed"] else 0)
