"""What both trainers share: the corpus folds and the pipeline up to the rule coder."""

from __future__ import annotations

from ..run.pipeline import Pipeline
from ..run.stages import build_pipeline
from ..settings import Settings

FOLDS = 5  # folds of batches (by source, never by sentence) for the out-of-fold figures


def coding_pipeline() -> Pipeline:
    """The default stages up to and including the rule coder (no learned model)."""
    stages = build_pipeline(Settings(models="none")).stages
    last = next(i for i, st in enumerate(stages) if st.name.startswith("events."))
    return Pipeline(stages[: last + 1])
