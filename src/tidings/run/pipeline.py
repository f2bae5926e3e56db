"""The stage protocol, the order check and the run loop.

A stage is a small callable ``Document -> Document`` that declares which document fields
it reads and which it writes. ``Pipeline`` checks before any run that every field a stage
reads is written by an earlier stage (or by the reader, see ``READER_FIELDS``).

A stage may also have a batch form, ``batch(docs) -> iterator of docs``, giving the same
results as ``func`` on each document but cheaper over many (the spaCy parse streams the
sections of several documents together); ``Pipeline.run_many`` uses it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import StageError, StageOrderError
from ..model import Document

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
    # Optional: ``func`` over each of several documents, yielded in order as each is done.
    batch: Callable[[Sequence[Document]], Iterator[Document]] | None = None

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
        doc = _run(self.stages, doc)
        log.info("%s: %d events", doc.path, len(doc.events))
        return doc

    def run_many(self, docs: Sequence[Document]) -> Iterator[Document | StageError]:
        """What calling the pipeline on each document gives (the result, or the
        ``StageError`` it would raise), in order, each yielded as soon as it is done.

        The stages before the first stage with a batch form run on every document first;
        then that stage's batch form takes them all, and the later stages run document by
        document as it yields them. If the batch form fails, the documents it has not
        yielded yet go through the stage one at a time, so an error is its document's own.
        """
        split = next((i for i, st in enumerate(self.stages) if st.batch is not None), None)
        if split is None or len(docs) < 2:
            for doc in docs:
                yield _attempt(self.stages, doc)
            return
        head, batched, tail = self.stages[:split], self.stages[split], self.stages[split + 1:]
        firsts = [_attempt(head, doc) for doc in docs]
        assert batched.batch is not None
        stream: Iterator[Document] | None = batched.batch(
            [d for d in firsts if isinstance(d, Document)])
        for doc in firsts:
            if isinstance(doc, Document) and stream is not None:
                try:
                    doc = next(stream)
                except Exception:  # StopIteration included: fall back to one at a time
                    log.debug("batch form of %s failed; one document at a time", batched.name)
                    stream = None
            if isinstance(doc, Document):
                result = _attempt(tail if stream is not None else self.stages[split:], doc)
                if isinstance(result, Document):
                    log.info("%s: %d events", result.path, len(result.events))
            else:
                result = doc
            yield result


def _run(stages: Sequence[Stage], doc: Document) -> Document:
    for st in stages:
        try:
            doc = st(doc)
        except Exception as exc:  # re-raised with the stage and document named
            raise StageError(st.name, doc.path or doc.id, exc) from exc
    return doc


def _attempt(stages: Sequence[Stage], doc: Document) -> Document | StageError:
    try:
        return _run(stages, doc)
    except StageError as err:
        return err
