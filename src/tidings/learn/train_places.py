"""Train the place model on the annotated corpus.

The pipeline runs with the rules alone up to the link stage (dates and places), and every
coded event that pairs with a gold event of its sentence (a gold type, most of the evidence's
words) whose place has a country gives a group: its candidate places, each labelled right
when its country is the gold place's. A logistic regression learns the candidates; folds by
batch give the out-of-fold accuracy of the rule's and the model's choice and the margin.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..evaluate.fields import evidence_overlap
from ..evaluate.gold import GoldEvent
from ..model import Document, Event
from ..run.pipeline import Pipeline
from ..run.stages import build_pipeline, country_place
from ..settings import Settings
from .corpus import FOLDS, coded_articles, fit_logistic, held_out_folds
from .linear import LinearModel, sigmoid
from .places import candidates, main_country, place_features

MODEL_NAME = "places.learned.v1"
MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3)
SAME_SENTENCE = 0.5  # share of a gold evidence's words in the event's: the same event
C = 0.1  # inverse L2 strength, as the role model's


@dataclass
class Group:
    """The candidate places of one coded event, with their labels."""

    batch: str
    features: list[dict[str, float]]
    labels: list[int]


def fit(rows: list[dict[str, float]], labels: list[int]) -> tuple[dict[str, float], float]:
    return fit_logistic(rows, labels, C)


def _linking_pipeline() -> Pipeline:
    """The rules-only stages up to and including the link stage (no dedupe)."""
    stages = build_pipeline(Settings(models="none")).stages
    last = next(i for i, st in enumerate(stages) if st.name.startswith("link."))
    return Pipeline(stages[: last + 1])


def _gold_country(event: Event, gold: Sequence[GoldEvent]) -> str | None:
    for g in gold:
        if event.event_type in g.event_types and g.place is not None and g.place.country and \
                evidence_overlap(g.evidence, event.evidence.text) >= SAME_SENTENCE:
            return g.place.country
    return None


def place_groups(corpus: Path, batches: Sequence[str] | None = None) -> Iterator[Group]:
    for batch, doc, gold in coded_articles(corpus, _linking_pipeline(), batches):
        yield from _doc_groups(batch, doc, gold)


def _doc_groups(batch: str, doc: Document, gold: list[GoldEvent]) -> Iterator[Group]:
    main = main_country(doc)
    for event in doc.events:
        country = _gold_country(event, gold)
        found = candidates(doc, event, country_place) if country else []
        if found:
            yield Group(batch, [place_features(doc, event, p, how, found, main) for p, how in found],
                        [int(p.country == country) for p, _ in found])


def _choice(scores: list[float], rule: int | None, margin: float) -> int:
    best = max(range(len(scores)), key=scores.__getitem__)
    if rule is None:
        return best
    return best if sigmoid(scores[best]) - sigmoid(scores[rule]) >= margin else rule


def _rule(group: Group) -> int | None:
    return next((i for i, f in enumerate(group.features) if f.get("rule")), None)


def train_places(corpus: Path, batches: Sequence[str] | None = None) -> LinearModel:
    groups = list(place_groups(corpus, batches))
    folded: list[tuple[list[float], list[int], int | None]] = []
    for held in held_out_folds(g.batch for g in groups):
        train = [g for g in groups if g.batch not in held]
        if len({y for g in train for y in g.labels}) < 2:
            continue  # a fold of a tiny corpus with one class teaches nothing
        weights, intercept = fit([f for g in train for f in g.features],
                                 [y for g in train for y in g.labels])
        model = LinearModel(MODEL_NAME, weights, intercept)
        folded += [([model.score(f) for f in g.features], g.labels, _rule(g))
                   for g in groups if g.batch in held]
    right = {m: sum(y[_choice(s, r, m)] for s, y, r in folded) for m in MARGINS}
    margin = max(MARGINS, key=lambda m: (right[m], m))
    labels = [y for g in groups for y in g.labels]
    weights, intercept = fit([f for g in groups for f in g.features], labels) \
        if len(set(labels)) > 1 else ({}, 0.0)
    card = {
        "trained_on": sorted({g.batch for g in groups}),
        "events_with_a_gold_place_country": len(groups),
        "candidates": sum(len(g.labels) for g in groups), "features": len(weights),
        "folds_by_batch": FOLDS, "margin": margin,
        "out_of_fold": {
            "a_candidate_is_right": sum(int(any(y)) for _, y, _ in folded),
            "rule_place_right": sum(y[r] if r is not None else 0 for _, y, r in folded),
            "learned_place_right": right[margin],
            "events": len(folded),
        },
    }
    return LinearModel(MODEL_NAME, weights, intercept, 1.0, 0.0, 0.0, margin, card)
