"""The learned place decision: which of the places around an event is where it happened.

Toponyms resolve well; choosing the event's own among them is the weak step (a story names
the capital that spoke, the town attacked, the country of each side and the dateline). The
link stage's rules pick one place; this model scores every candidate (the places of the
event's sentence, of the sentences before it in its section, of the lede and the dateline,
and the countries of its two sides) and replaces the rule's choice when another candidate
is more probable by the model's margin. With no model file the rule's place stands.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import DataError
from ..model import Actor, Document, Event, Place, Sentence
from .features import Features
from .linear import MODELS_DIR, LinearModel, load_model

PLACES_MODEL = MODELS_DIR / "places.json"
CountryPlace = Callable[[Actor], "Place | None"]
_LAST_WORD = re.compile(r"(\w+)\W*$")
PREPOSITIONS = frozenset({"in", "at", "near", "on", "into", "from", "to", "outside", "inside",
                          "across", "around", "over", "towards", "toward", "of", "off", "along",
                          "against", "by", "with", "between", "through", "north", "south",
                          "east", "west", "capital"})
BEFORE = 2  # sentences of the same section before the event's that are searched


def _sentence(doc: Document, offset: int) -> Sentence | None:
    return next((s for s in doc.sentences if s.start <= offset < s.end), None)


def candidates(doc: Document, event: Event, country_place: CountryPlace | None
               ) -> list[tuple[Place, str]]:
    """(place, how it was found) for every distinct candidate of the event."""
    found: list[tuple[Place, str]] = []
    seen: set[tuple[int, str | None]] = set()

    def add(place: Place | None, how: str) -> None:
        if place is not None and place.country and (place.start, place.country) not in seen:
            seen.add((place.start, place.country))
            found.append((place, how))

    add(event.place, "rule")
    here = _sentence(doc, event.evidence.trigger.start)
    if here is None:
        return found
    earlier = [s for s in doc.sentences if s.section == here.section and s.end <= here.start]
    lede = next((s for s in doc.sentences if s.section == here.section), here)
    for place in doc.places:
        if here.start <= place.start < here.end:
            add(place, "sentence")
        elif any(s.start <= place.start < s.end for s in earlier[-BEFORE:]):
            add(place, "before")
        elif lede.start <= place.start < lede.end:
            add(place, "lede")
        elif (doc.section_of(place.start) or here).label == "dateline":
            add(place, "dateline")
    if country_place is not None:
        for side, actor in (("src", event.source), ("tgt", event.target)):
            if actor is not None and actor.country:
                add(country_place(actor), side)
    return found


def _distance(place: Place, trigger: int) -> str:
    gap = place.start - trigger
    size = "near" if abs(gap) <= 40 else "mid" if abs(gap) <= 120 else "far"
    return ("after_" if gap >= 0 else "before_") + size


def place_features(doc: Document, event: Event, place: Place, how: str,
                   found: list[tuple[Place, str]], main: str | None) -> Features:
    """Features of one candidate place for one event."""
    kind = event.event_type
    m = _LAST_WORD.search(doc.text[max(0, place.start - 24):place.start])
    word = m[1].lower() if m and how not in ("src", "tgt") else "none"
    prep = word if word in PREPOSITIONS else "other"
    same = sum(1 for p, _ in found if p.country == place.country)
    rule = event.place is not None and event.place.start == place.start and \
        event.place.country == place.country
    f: Features = {
        "bias": 1.0, f"how={how}": 1.0, f"prec={place.precision}": 1.0,
        f"how={how}|prec={place.precision}": 1.0, f"type={kind}|how={how}": 1.0,
        f"prep={prep}": 1.0, f"prep={prep}|type={kind}": 1.0, f"prep={prep}|how={how}": 1.0,
        f"dist={_distance(place, event.evidence.trigger.start)}": 1.0,
        f"same_country={min(same, 3)}": 1.0, f"sec={event.evidence.section}|how={how}": 1.0,
        f"rule_place={'none' if event.place is None else 'set'}|how={how}": 1.0,
    }
    if rule:
        f["rule"] = 1.0
        f[f"rule|type={kind}"] = 1.0
    for side, actor in (("src", event.source), ("tgt", event.target)):
        if actor is not None and actor.country == place.country:
            f[f"country_of_{side}"] = 1.0
            f[f"country_of_{side}|type={kind}"] = 1.0
        if actor is not None and actor.start == place.start:
            f[f"is_{side}"] = 1.0
    if main is not None and place.country == main:
        f["main_country"] = 1.0
        f[f"main_country|how={how}"] = 1.0
    return f


def main_country(doc: Document) -> str | None:
    """The country the document's actors belong to most often."""
    counts = Counter(a.country for a in doc.actors if a.country)
    return counts.most_common(1)[0][0] if counts else None


def choose_place(doc: Document, event: Event, model: LinearModel,
                 country_place: CountryPlace | None, main: str | None) -> Place | None:
    """The candidate the model prefers, if it beats the rule's place by the margin (or, with
    no rule place, if it is more likely right than not)."""
    found = candidates(doc, event, country_place)
    if not found:
        return event.place
    scored = [(model.probability(place_features(doc, event, p, how, found, main)), p)
              for p, how in found]
    best_p, best = max(scored, key=lambda s: s[0])
    if event.place is None:
        return best if best_p >= 0.5 else None
    rule_p = next((p for p, place in scored if place is event.place), 0.0)
    return best if best_p - rule_p >= model.margin else event.place


def apply_places(doc: Document, events: tuple[Event, ...], model: LinearModel | None,
                 country_place: CountryPlace | None = None) -> tuple[Event, ...]:
    if model is None:
        return events
    main = main_country(doc)
    return tuple(replace(e, place=choose_place(doc, e, model, country_place, main))
                 for e in events)


def places_model_for(setting: str) -> LinearModel | None:
    """The place model of a ``models`` setting: "" bundled, "none" no model, else the
    ``places.json`` of that folder (a folder without one keeps the rules' places)."""
    if setting == "none":
        return None
    if not setting:
        return load_model(str(PLACES_MODEL))
    folder = Path(setting)
    if not folder.is_dir():
        raise DataError(setting, "no such models folder")
    return load_model(str(folder / PLACES_MODEL.name))
