"""Run the pipeline (through ``tidings.api``) over what an evaluation needs coded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import TidingsError
from ..settings import Settings


def extract_paths(paths: Sequence[str], settings: Settings | None = None) -> list[dict[str, Any]]:
    """Event records for article files, as ``tidings extract`` makes them."""
    from ..api import extract

    return list(extract(paths, settings))


def extract_texts(documents: Sequence[tuple[str, str]], settings: Settings | None = None
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """Event records for (name, text) documents, and the names that failed (with why).

    Each text is coded as an article whose path is its name, so ``doc_name`` finds it.
    """
    from ..api import process_text
    from ..records import event_record

    records: list[dict[str, Any]] = []
    failed: list[str] = []
    for name, text in documents:
        try:
            doc = process_text(text, settings, path=name)
        except TidingsError as err:
            failed.append(f"{name}: {err}")
            continue
        records.extend(event_record(event, doc) for event in doc.events)
    return records, failed
