"""Train the role model on the annotated corpus: ``make train`` (scikit-learn needed).

    tidings train [--corpus corpus/batches] [--out PATH] [--batches b01,b05]

For every article of the corpus, the pipeline runs up to the rule coder; each coded event's
variants (``features.variants``) are labelled right when the event, with those sides, pairs
with a gold event of the same sentence under the scorer's strict rule (type and both sides'
countries). A logistic regression learns the variants; folds split by batch (by source,
never by sentence) give the out-of-fold figures, the Platt scaling that makes the chosen
variant's probability a calibrated confidence, and the drop threshold. Deterministic: the
same corpus gives the same weights.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..evaluate.fields import evidence_overlap
from ..evaluate.gold import GoldActor, GoldEvent
from ..model import Actor, Document, Event
from .corpus import FOLDS, coded_articles, coding_pipeline, fit_logistic, held_out_folds
from .features import Features, variant_features, variants
from .linear import LinearModel, sigmoid

MODEL_NAME = "roles.learned.v1"
MARGINS = (0.0, 0.05, 0.1, 0.2, 0.3)
SAME_SENTENCE = 0.5  # share of a gold evidence's words in the sentence: the same event
C = 0.1  # inverse L2 strength: out-of-fold right choices 1,343 (C=0.1), 1,314 (0.5), 1,293 (2)


@dataclass
class Group:
    """The variants of one coded event, with their labels."""

    batch: str
    features: list[Features]
    labels: list[int]


def _same_side(gold: GoldActor | None, actor: Actor | None) -> bool:
    """The side as the annotator coded it: no actor where gold has none, else an actor of
    the same country (null included: an IGO is no country's actor)."""
    if gold is None:
        return actor is None
    return actor is not None and actor.country == gold.country


def is_right(event: Event, source: Actor | None, target: Actor | None,
             gold: Sequence[GoldEvent]) -> bool:
    """Does the event with these sides match a gold event of its sentence: a gold type, and
    both sides exactly (either way round for symmetric events)? Stricter than the scorer,
    whose null gold countries match anything, so the model learns to leave a side empty."""
    for g in gold:
        if event.event_type not in g.event_types or \
                evidence_overlap(g.evidence, event.evidence.text) < SAME_SENTENCE:
            continue
        if _same_side(g.source, source) and _same_side(g.target, target):
            return True
        if g.symmetric and _same_side(g.source, target) and _same_side(g.target, source):
            return True
    return False


def groups(corpus: Path, batches: Sequence[str] | None = None) -> Iterator[Group]:
    """The labelled variant groups of every coded event in the corpus, batch by batch."""
    for batch, doc, gold in coded_articles(corpus, coding_pipeline(), batches):
        yield from _doc_groups(batch, doc, gold)


def _doc_groups(batch: str, doc: Document, gold: list[GoldEvent]) -> Iterator[Group]:
    starts = [p.offset for p in doc.parses]
    for event in doc.events:
        group = Group(batch, [], [])
        for source, target in variants(doc, event):
            group.features.append(variant_features(doc, event, source, target, starts))
            group.labels.append(int(is_right(event, source, target, gold)))
        yield group


def fit(rows: list[Features], labels: list[int]) -> tuple[dict[str, float], float]:
    return fit_logistic(rows, labels, C)


def _flatten(chosen: list[Group]) -> tuple[list[Features], list[int]]:
    rows = [f for g in chosen for f in g.features]
    labels = [y for g in chosen for y in g.labels]
    return rows, labels


def out_of_fold(all_groups: list[Group]) -> list[tuple[list[float], list[int], int | None]]:
    """(variant scores, labels, the rule's variant) per event, each event scored by a model
    trained on the other folds of batches."""
    results = []
    for held in held_out_folds(g.batch for g in all_groups):
        weights, intercept = fit(*_flatten([g for g in all_groups if g.batch not in held]))
        model = LinearModel(MODEL_NAME, weights, intercept)
        for g in (g for g in all_groups if g.batch in held):
            results.append(([model.score(f) for f in g.features], g.labels, _rule_index(g)))
    return results


def pick(scores: list[float], rule: int | None, margin: float) -> int:
    """The variant chosen: the best, unless the rule's is within ``margin`` of it."""
    best = max(range(len(scores)), key=scores.__getitem__)
    if rule is not None and sigmoid(scores[best]) - sigmoid(scores[rule]) < margin:
        return rule
    return best


def best_margin(results: list[tuple[list[float], list[int], int | None]]) -> float:
    """The margin (of those tried) with the most right choices out of fold."""
    right = {m: sum(y[pick(s, r, m)] for s, y, r in results) for m in MARGINS}
    return max(MARGINS, key=lambda m: (right[m], -m))


def platt(results: list[tuple[float, int, int]]) -> tuple[float, float]:
    """Scale and shift making the best variant's score a calibrated probability."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=100.0, solver="lbfgs")
    model.fit([[s] for s, _, _ in results], [y for _, y, _ in results])
    return round(float(model.coef_[0][0]), 6), round(float(model.intercept_[0]), 6)


def best_threshold(probs: list[tuple[float, int]], total_right: int) -> float:
    """The drop threshold (at most 0.5) that maximises event F1 on the held-out folds."""
    best, best_f1 = 0.0, -1.0
    for step in range(0, 51, 2):
        tau = step / 100
        kept = [y for p, y in probs if p >= tau]
        right = sum(kept)
        precision = right / len(kept) if kept else 0.0
        recall = right / total_right if total_right else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = tau, f1
    return best


def reliability(probs: list[tuple[float, int]]) -> list[dict[str, float]]:
    """Share of events right per band of confidence: calibrated when they agree."""
    table = []
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        band = [y for p, y in probs if low <= p < low + 0.2 or (low == 0.8 and p == 1.0)]
        if band:
            table.append({"from": low, "to": round(low + 0.2, 1), "events": len(band),
                          "right": round(sum(band) / len(band), 3),
                          "mean_confidence": round(sum(p for p, _ in probs
                                                       if low <= p < low + 0.2) / len(band), 3)})
    return table


def train(corpus: Path, batches: Sequence[str] | None = None) -> LinearModel:
    """Fit the role model on the corpus; the card holds the out-of-fold figures."""
    all_groups = list(groups(corpus, batches))
    folded = out_of_fold(all_groups)
    margin = best_margin(folded)
    chosen = [(s[pick(s, r, margin)], y[pick(s, r, margin)], int(any(y))) for s, y, r in folded]
    scale, shift = platt(chosen)
    probs = [(sigmoid(scale * s + shift), y) for s, y, _ in chosen]
    weights, intercept = fit(*_flatten(all_groups))
    card = {
        "trained_on": sorted({g.batch for g in all_groups}),
        "events": len(all_groups), "variants": sum(len(g.labels) for g in all_groups),
        "features": len(weights), "C": C, "folds_by_batch": FOLDS, "margin": margin,
        "out_of_fold": {
            "events_with_a_right_variant": sum(z for _, _, z in chosen),
            "rule_choice_right": sum(_rule_label(g) for g in all_groups),
            "learned_choice_right": sum(y for _, y, _ in chosen),
            "f1_best_min_confidence": best_threshold(probs, sum(y for _, y, _ in chosen)),
            "reliability": reliability(probs),
        },
    }
    # No event is dropped by default (threshold 0): on the dev sets dropping cost more
    # recall than it gained precision; analysts filter on the confidence instead.
    return LinearModel(MODEL_NAME, weights, intercept, scale, shift, 0.0, margin, card)


def _rule_index(group: Group) -> int | None:
    """The variant the rule coder chose (both its sides flagged), if it is among them."""
    for i, features in enumerate(group.features):
        src = features.get("src:rule", 0.0) or features.get("src:none|rule=1", 0.0)
        tgt = features.get("tgt:rule", 0.0) or features.get("tgt:none|rule=1", 0.0)
        if src and tgt:
            return i
    return None


def _rule_label(group: Group) -> int:
    """Was the rule coder's own (source, target) right?"""
    i = _rule_index(group)
    return group.labels[i] if i is not None else 0


def write_model(corpus: Path, out: Path, batches: Sequence[str] | None = None) -> LinearModel:
    """Train the role model and write its file; returns the model (its card holds the figures)."""
    model = train(corpus, batches)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model.to_json(), encoding="utf-8")
    return model


def write_models(corpus: Path, folder: Path, batches: Sequence[str] | None = None
                 ) -> dict[str, dict]:
    """Train every learned model into ``folder`` (roles.json, triggers.json, places.json);
    their cards."""
    from .train_places import train_places
    from .train_triggers import train_triggers

    folder.mkdir(parents=True, exist_ok=True)
    roles = write_model(corpus, folder / "roles.json", batches)
    triggers = train_triggers(corpus, batches)
    (folder / "triggers.json").write_text(triggers.to_json(), encoding="utf-8")
    places = train_places(corpus, batches)
    (folder / "places.json").write_text(places.to_json(), encoding="utf-8")
    return {roles.name: roles.card, triggers.name: triggers.card, places.name: places.card}
