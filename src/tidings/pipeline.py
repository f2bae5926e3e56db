"""The stage protocol, the order check and the run loop.

A stage is a small callable ``Document -> Document`` that declares which document fields
it reads and which it writes. ``Pipeline`` checks before any run that every field a stage
reads is written by an earlier stage (or by the reader, see ``READER_FIELDS``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import StageError, StageOrderError
from .model import Document

log = logging.getLogger(__name__)

# Fields an ingest reader fills before the first stage runs.
READER_FIELDS: frozenset[str] = frozenset(
    {"id", "text", "path", "format", "key", "title", "url", "outlet", "published", "ingested_at"}
)


@dataclass(frozen=True)
class Stage:
    name: str  # versioned, e.g. "events.rules.v1"
    reads: frozenset[str]
    writes: frozenset[str]
    func: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def stage(name: str, reads: Sequence[str], writes: Sequence[str]) -> Callable[
    [Callable[[Document], Document]], Stage
]:
    """Decorator: turn ``func(doc) -> doc`` into a declared Stage."""

    def wrap(func: Callable[[Document], Document]) -> Stage:
        return Stage(name, frozenset(reads), frozenset(writes), func)

    return wrap


def check_order(stages: Sequence[Stage], available: frozenset[str] = READER_FIELDS) -> None:
    """Raise StageOrderError when a stage reads a field nothing before it writes."""
    have = set(available)
    for st in stages:
        missing = st.reads - have
        if missing:
            raise StageOrderError(
                f"stage '{st.name}' reads {sorted(missing)} but no earlier stage writes them"
            )
        have |= st.writes


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.stages = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(st.name for st in self.stages)

    def __call__(self, doc: Document) -> Document:
        for st in self.stages:
            try:
                doc = st(doc)
            except Exception as exc:  # re-raised with the stage and document named
                raise StageError(st.name, doc.path or doc.id, exc) from exc
        log.info("%s: %d events", doc.path, len(doc.events))
        return doc
