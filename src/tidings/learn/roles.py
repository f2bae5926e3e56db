"""The learned role decision: each event's source and target chosen among its sentence's
actor mentions by the trained model, with the probability that the event is right.

The stage runs after the rule coder and before linking. With no model file it leaves the
rule coder's events as they are (confidence null).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import DataError
from ..model import Actor, Document, Event
from .features import variant_features, variants
from .linear import MODELS_DIR, LinearModel, load_model

ROLES_MODEL = MODELS_DIR / "roles.json"


def choose(doc: Document, event: Event, model: LinearModel,
           starts: list[int]) -> tuple[Actor | None, Actor | None, float]:
    """The most probable (source, target) of an event and that probability; the rule
    coder's own pair stands unless the best beats it by the model's margin."""
    best: tuple[Actor | None, Actor | None, float] = (event.source, event.target, -1.0)
    rule_p = -1.0
    cache: dict[tuple[str, int, int], dict[str, float]] = {}
    for source, target in variants(doc, event):
        p = model.probability(variant_features(doc, event, source, target, starts, cache))
        if _same(source, event.source) and _same(target, event.target):
            rule_p = p
        if p > best[2]:
            best = (source, target, p)
    if rule_p >= 0 and best[2] - rule_p < model.margin:
        return event.source, event.target, rule_p
    return best


def _same(a: Actor | None, b: Actor | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.start == b.start)


def _rule_mention(chosen: Actor | None, same: Actor | None, other: Actor | None,
                  chosen_other: Actor | None) -> Actor | None:
    """The model decides who (a country, in the scorer's terms); among mentions of the same
    actor the rule coder's is kept, since its rules pick the fuller one ("Russian forces",
    not "Russian"): the rule's choice for this side, else for the other side when the two
    sides are not of one country."""
    if chosen is None or chosen.country is None:
        return chosen
    if same is not None and same.country == chosen.country and same.sector is not None:
        return same
    if other is not None and other.country == chosen.country and other.sector is not None \
            and (chosen_other is None or chosen_other.country != chosen.country):
        return other
    return chosen


def _others(event: Event, source: Actor | None, target: Actor | None) -> tuple[Actor, ...]:
    taken = {a.start for a in (source, target) if a is not None}
    return tuple(a for a in event.others if a.start not in taken)


def apply_roles(doc: Document, model: LinearModel | None) -> tuple[Event, ...]:
    """The events with learned sides and confidence; those below the model's threshold go."""
    if model is None or not doc.parses:
        return doc.events
    starts = [p.offset for p in doc.parses]
    kept = []
    for event in doc.events:
        source, target, p = choose(doc, event, model, starts)
        if p < model.threshold:
            continue
        fuller = (_rule_mention(source, event.source, event.target, target),
                  _rule_mention(target, event.target, event.source, source))
        if fuller[0] is None or fuller[1] is None or fuller[0].start != fuller[1].start:
            source, target = fuller
        kept.append(replace(event, source=source, target=target, confidence=round(p, 4),
                            others=_others(event, source, target),
                            coder=replace(event.coder, name=f"{event.coder.name}+{model.name}")))
    return tuple(kept)


def roles_model() -> LinearModel | None:
    """The bundled model, or None when it has not been trained."""
    return load_model(str(ROLES_MODEL))


def model_for(setting: str) -> LinearModel | None:
    """The role model of a ``models`` setting: "" the bundled one, "none" no model, else the
    ``roles.json`` of that folder."""
    if setting == "none":
        return None
    if not setting:
        return roles_model()
    model = load_model(str(Path(setting) / ROLES_MODEL.name))
    if model is None:
        raise DataError(setting, f"no {ROLES_MODEL.name} in this models folder")
    return model
