"""Running: the stage protocol, the default stages, and the runner with its worker pool.

    Pipeline, Stage, stage                 the protocol: stages declare what they read and
                                           write, and the order is checked before a run
    build_pipeline(settings) -> Pipeline   the default stages in pipeline order (``stages``)
    run(inputs, settings) -> Outcome...    read, skip and code every input (``runner``), in
                                           worker processes (``pool``) or in process
    code(pipeline, doc), code_many(...)    one document or a batch, failures returned (``coding``)

The names are imported on first use: the runner starts processes and the stages load every
part of the pipeline, which the protocol's users do not need.
"""

from importlib import import_module
from typing import Any

_HOMES = {
    "Pipeline": "pipeline", "Stage": "pipeline", "stage": "pipeline",
    "build_pipeline": "stages", "run": "runner", "count_documents": "runner",
    "Outcome": "coding", "code": "coding", "code_many": "coding",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
