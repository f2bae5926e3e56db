"""Coding one document or a batch with the pipeline, failures returned not raised.

Shared by the in-process runner (``runner``) and the worker processes (``pool``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import PipelineError, TidingsError
from ..model import Document
from ..settings import Settings
from .pipeline import Pipeline, Stage

# Called with (stage name, seconds) for every stage of every document coded, with "read"
# for the time spent reading inputs and "worker start" for each worker's start-up (model
# loading); ``tidings.store.ingest`` adds "store".
Timer = Callable[[str, float], None]


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a coded document, a skipped one, or the error."""

    name: str  # the input path (with :line for JSON Lines) as the user would recognise it
    document: Document | None = None
    error: TidingsError | None = None
    skipped: bool = False  # ``skip(doc)`` said so: ``document`` is read but not coded

    @property
    def ok(self) -> bool:
        return self.error is None


def timed_pipeline(pipeline: Pipeline, record: Callable[[str, float], None]) -> Pipeline:
    """The same stages, each reporting (stage name, seconds) to ``record`` as it runs."""

    def clock(st: Stage) -> Stage:
        def func(doc: Document) -> Document:
            started = time.perf_counter()
            try:
                return st.func(doc)
            finally:
                record(st.name, time.perf_counter() - started)

        def batch(docs: Sequence[Document]) -> Iterator[Document]:
            assert st.batch is not None
            stream = st.batch(docs)
            while True:  # the time to produce each document goes with that document
                started = time.perf_counter()
                try:
                    doc = next(stream)
                except StopIteration:
                    return
                finally:
                    record(st.name, time.perf_counter() - started)
                yield doc

        return Stage(st.name, st.reads, st.writes, func,
                     batch if st.batch is not None else None)

    return Pipeline([clock(st) for st in pipeline.stages])


def build(settings: Settings, timings: dict[str, float] | None = None) -> Pipeline:
    """The default pipeline; with ``timings``, each stage adds its seconds there."""
    from .stages import build_pipeline

    pipeline = build_pipeline(settings)
    if timings is None:
        return pipeline

    def record(name: str, seconds: float) -> None:
        timings[name] = timings.get(name, 0.0) + seconds

    return timed_pipeline(pipeline, record)


def code(pipeline: Pipeline, doc: Document) -> tuple[Document | None, TidingsError | None]:
    """Run the pipeline over one document; a failure is returned, not raised."""
    try:
        return pipeline(doc), None
    except TidingsError as err:
        return None, err
    except Exception as exc:  # Pipeline wraps stage errors; this is a bug in the runner
        return None, PipelineError(f"{doc.key}: {type(exc).__name__}: {exc}")


def code_many(pipeline: Pipeline, docs: Sequence[Document]
              ) -> Iterator[tuple[Document | None, TidingsError | None]]:
    """``code`` of each document, in order, with stages that have a batch form run over
    all of them at once (see ``Pipeline.run_many``)."""
    results = pipeline.run_many(docs)
    for doc in docs:
        try:
            result = next(results)
        except Exception as exc:  # run_many returns stage errors: this is a bug in it
            yield None, PipelineError(f"{doc.key}: {type(exc).__name__}: {exc}")
            continue
        yield (None, result) if isinstance(result, TidingsError) else (result, None)


def report_times(on_time: Timer | None, timings: Iterable[tuple[str, float]]) -> None:
    if on_time is not None:
        for name, seconds in timings:
            on_time(name, seconds)


