"""Read, code and store inputs: what ``tidings ingest`` does, importable.

The runner checks the store *before* the NLP pipeline (``skip``), so re-ingesting a corpus
only pays for the documents whose content is new; each document is saved in its own
transaction as soon as its outcome arrives, in input order. Interrupted at any point (even
by SIGKILL), a database holds whole documents only, and running the same ingest again
completes it to exactly what one uninterrupted run leaves.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import MAX_REASON, StoreError, TidingsError, printable
from ..model import Document
from ..run.runner import Timer, run
from ..settings import Settings
from .rows import unique_events
from .sqlite import SaveResult, Store

STORE = "store"  # the timing name of saving, beside the stages' names


@dataclass(frozen=True)
class IngestItem:
    """What became of one input: saved (with its result and event count) or failed."""

    name: str
    result: SaveResult | None = None
    events: int = 0
    error: TidingsError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def ingest(paths: Sequence[str], store: Store, settings: Settings | None = None,
           on_time: Timer | None = None) -> Iterator[IngestItem]:
    """One IngestItem per input document (or unreadable input), in input order.

    A failure is confined to its document: the store's per-document transaction means
    nothing of it is written, and the next input is processed as usual. A document whose
    content is stored already, or was met earlier in this run, is skipped uncoded.
    """
    seen: set[str] = set()

    def known(doc: Document) -> bool:
        if doc.id in seen or store.has_document(doc.id):
            return True
        seen.add(doc.id)
        return False

    for outcome in run(paths, settings, skip=known, on_time=on_time):
        if outcome.skipped:
            yield IngestItem(outcome.name, SaveResult.SKIPPED)
        elif outcome.error is not None or outcome.document is None:
            yield IngestItem(outcome.name, error=outcome.error)
        else:
            yield _save(store, outcome.name, outcome.document, on_time)


def _save(store: Store, name: str, doc: Document, on_time: Timer | None) -> IngestItem:
    started = time.perf_counter()
    try:
        result = store.save(doc)
    except TidingsError as err:
        return IngestItem(name, error=err)
    except Exception as exc:  # rolled back by save(): this document's failure, not the run's
        return IngestItem(name, error=StoreError(f"{name}: not stored: {type(exc).__name__}: "
                                                 f"{printable(str(exc), MAX_REASON)}"))
    finally:
        if on_time is not None:
            on_time(STORE, time.perf_counter() - started)
    events = len(unique_events(doc)) if result is not SaveResult.SKIPPED else 0
    return IngestItem(name, result, events=events)
