"""Read, code and store inputs: what ``tidings ingest`` does, importable.

Unlike ``api.process`` this checks the store *before* running the NLP pipeline, so
re-ingesting a corpus only pays for the documents whose content is new.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import InputError, TidingsError
from ..settings import Settings
from .sqlite import SaveResult, Store


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


def ingest(paths: Sequence[str], store: Store,
           settings: Settings | None = None) -> Iterator[IngestItem]:
    """One IngestItem per input document (or unreadable input), in input order.

    A failure is confined to its document: the store's per-document transaction means
    nothing of it is written, and the next input is processed as usual.
    """
    from ..ingest import iter_documents
    from ..stages import build_pipeline

    settings = settings or Settings()
    pipeline = build_pipeline(settings)
    for item in iter_documents(paths, settings):
        if isinstance(item, InputError):
            yield IngestItem(item.name, error=item)
            continue
        if store.has_document(item.id):
            yield IngestItem(item.key, SaveResult.SKIPPED)
            continue
        try:
            doc = pipeline(item)
            result = store.save(doc)
        except TidingsError as err:
            yield IngestItem(item.key, error=err)
            continue
        yield IngestItem(item.key, result, events=len(doc.events))
