"""What the trainers share: the corpus folds, the pipeline up to the rule coder, the fit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..evaluate.gold import GoldEvent, load_gold
from ..ingest import iter_documents
from ..model import Document
from ..run.pipeline import Pipeline
from ..run.stages import build_pipeline
from ..settings import Settings

FOLDS = 5  # folds of batches (by source, never by sentence) for the out-of-fold figures


def coding_pipeline() -> Pipeline:
    """The default stages up to and including the rule coder (no learned model)."""
    stages = build_pipeline(Settings(models="none")).stages
    last = next(i for i, st in enumerate(stages) if st.name.startswith("events."))
    return Pipeline(stages[: last + 1])


def coded_articles(corpus: Path, pipeline: Pipeline, batches: Sequence[str] | None = None
                   ) -> Iterator[tuple[str, Document, list[GoldEvent]]]:
    """(batch, coded document, its gold events) for every article of the chosen batches."""
    for folder in sorted(p for p in corpus.iterdir() if (p / "gold.jsonl").exists()):
        if batches and folder.name not in batches:
            continue
        gold: dict[str, list[GoldEvent]] = {}
        for g in load_gold(folder / "gold.jsonl"):
            gold.setdefault(g.doc, []).append(g)
        for doc in iter_documents(sorted(str(p) for p in folder.glob("*.txt"))):
            if isinstance(doc, Document):
                yield folder.name, pipeline(doc), gold.get(Path(doc.path).stem, [])


def held_out_folds(batches: Iterable[str]) -> Iterator[set[str]]:
    """The batches held out in each fold (every FOLDS-th batch in name order); a fold that
    would hold out nothing, or everything, is skipped."""
    names = sorted(set(batches))
    for k in range(FOLDS):
        held = set(names[k::FOLDS])
        if held and held != set(names):
            yield held


def fit_logistic(rows: list[dict[str, float]], labels: list[int], C: float
                 ) -> tuple[dict[str, float], float]:
    """A binary logistic regression over named features: (weights, intercept)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, solver="lbfgs", max_iter=3000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, model.coef_[0]) if abs(w) > 1e-6}
    return weights, round(float(model.intercept_[0]), 6)
