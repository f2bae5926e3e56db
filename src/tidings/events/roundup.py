"""Roundups: one verb, a list of places each with its own day.

"Rebels captured Goma on Monday, Bukavu on Tuesday and Uvira on Wednesday" reports three
captures (guide §9: distinct places on distinct dates are distinct events). The parser
hangs such a list on the verb in no reliable way, so the list is read from the text: after
the trigger, places each followed closely by a date, the pairs joined by commas or "and".
The event the coder made for the first pair is copied for each further pair, with that
pair's place and date (and its place as the target when the first place was the target).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Document, Event, Place, TimeSpan

# between a place and its date: "Bukavu on Tuesday", "Kindu, on 3 May", "Uvira (Wednesday)"
_PLACE_TO_DATE = re.compile(r"\s*[,(]?\s*(?:on|in|at|by)?\s*(?:the\s+)?$", re.IGNORECASE)
# between one pair and the next: ", ", " and ", ", and ", "; "
_PAIR_TO_PAIR = re.compile(r"\s*[),]?\s*(?:[,;]|and|[,;]\s*and|then|[,;]\s*then)\s*$", re.IGNORECASE)
MAX_GAP = 30  # characters


def _pairs(doc: Document, event: Event, places: list[Place],
           times: list[TimeSpan]) -> list[tuple[Place, TimeSpan]]:
    """The (place, date) list after the event's trigger, in its sentence."""
    trigger = event.evidence.trigger
    sentence = next((s for s in doc.sentences if s.start <= trigger.start < s.end), None)
    if sentence is None:
        return []
    pairs: list[tuple[Place, TimeSpan]] = []
    for place in (p for p in places if trigger.end <= p.start < sentence.end):
        time = next((t for t in times if place.end <= (t.span_start or -1) <= place.end + MAX_GAP
                     and _PLACE_TO_DATE.fullmatch(doc.text[place.end:t.span_start])), None)
        if time is None:
            if pairs:
                break
            continue
        if pairs and not _PAIR_TO_PAIR.fullmatch(doc.text[pairs[-1][1].span_end or 0:place.start]):
            break
        pairs.append((place, time))
    return pairs


def split_roundups(doc: Document, events: tuple[Event, ...]) -> tuple[Event, ...]:
    """``events`` with each roundup event copied once per further (place, date) pair."""
    places = sorted(doc.places, key=lambda p: p.start)
    times = sorted((t for t in doc.times if t.span_start is not None and t.start is not None),
                   key=lambda t: t.span_start or 0)
    actors = {a.start: a for a in doc.actors}
    out: list[Event] = []
    for event in events:
        pairs = _pairs(doc, event, places, times)
        if len(pairs) < 2:
            out.append(event)
            continue
        first_place = pairs[0][0]
        target_is_place = event.target is not None and event.target.start == first_place.start
        for place, time in pairs:
            target: Actor | None = event.target
            if target_is_place:
                target = actors.get(place.start, event.target)
            out.append(replace(event, place=place, date=time, target=target))
    return tuple(out)
