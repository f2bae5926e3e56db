"""The importable entry points the CLI (and users) call: read inputs, run the pipeline.

    process(paths, settings) -> Iterator[Outcome]   one Outcome per document or failed input
    extract(paths, settings) -> Iterator[dict]      event records, as `tidings extract` prints
    process_text(text, **meta) -> Document          one article given as a string
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError, TidingsError
from .model import Document
from .records import event_record
from .settings import Settings


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a coded document, or the error that stopped it."""

    name: str  # the input path (with :line for JSON Lines) as the user would recognise it
    document: Document | None = None
    error: TidingsError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def process(paths: Sequence[str], settings: Settings | None = None) -> Iterator[Outcome]:
    """Read every input and run the pipeline over each document, in input order."""
    from .ingest import iter_documents
    from .stages import build_pipeline

    settings = settings or Settings()
    pipeline = build_pipeline(settings)
    for item in iter_documents(paths, settings):
        if isinstance(item, InputError):
            yield Outcome(name=item.name, error=item)
            continue
        try:
            yield Outcome(name=item.key, document=pipeline(item))
        except TidingsError as err:
            yield Outcome(name=item.key, error=err)


def extract(paths: Sequence[str], settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """Event records for the inputs; unreadable inputs are skipped (use process() to see them)."""
    for outcome in process(paths, settings):
        if outcome.document is not None:
            for event in outcome.document.events:
                yield event_record(event, outcome.document)


def process_text(text: str, settings: Settings | None = None, **meta: Any) -> Document:
    """Code one article given as a string (meta: title, url, outlet, published, path)."""
    from .ingest import read_text
    from .stages import build_pipeline

    return build_pipeline(settings or Settings())(read_text(text, **meta))
