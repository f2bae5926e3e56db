"""The importable entry points the CLI (and users) call: read inputs, run the pipeline.

    process(paths, settings) -> Iterator[Outcome]   one Outcome per document or failed input
    extract(paths, settings) -> Iterator[dict]      event records, as `tidings extract` prints
    process_text(text, **meta) -> Document          one article given as a string

``process`` and ``extract`` go through ``tidings.runner`` (worker processes, the
per-document time limit, results in input order); ``process_text`` codes its one
article in the calling process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from .model import Document
from .run.pipeline import Pipeline
from .records import event_record
from .run.runner import Outcome, run
from .settings import Settings

__all__ = ["Outcome", "extract", "process", "process_text"]


def process(paths: Sequence[str], settings: Settings | None = None) -> Iterator[Outcome]:
    """Read every input and run the pipeline over each document, in input order."""
    return run(paths, settings)


def extract(paths: Sequence[str], settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """Event records for the inputs; unreadable inputs are skipped (use process() to see them)."""
    for outcome in process(paths, settings):
        if outcome.document is not None:
            for event in outcome.document.events:
                yield event_record(event, outcome.document)


@lru_cache(maxsize=8)
def _pipeline(settings: Settings) -> Pipeline:
    from .run.stages import build_pipeline

    return build_pipeline(settings)


def process_text(text: str, settings: Settings | None = None, **meta: Any) -> Document:
    """Code one article given as a string (meta: title, url, outlet, published, path)."""
    from .ingest import read_text

    return _pipeline(settings or Settings())(read_text(text, **meta))
