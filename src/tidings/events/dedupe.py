"""One record per event per document, and stable ids.

Two events of a document are the same real-world event when their types match, their
sources and targets name the same actors (or one side is unknown) and their dates and
places do not disagree. The first mention is kept as the record (its evidence, its
certainty); fields it lacks are filled from the later mentions.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Event, TimeSpan
from ..when.context import BORROWED
from ..records import event_id

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# How many earlier records a new mention is compared with: articles repeat an event within a
# few dozen records; the window keeps dedupe linear on archive-sized documents.
MERGE_WINDOW = 200


def _key(actor: Actor | None) -> tuple[str | None, str | None] | None:
    if actor is None:
        return None
    if actor.country is None and actor.sector is None:
        return (actor.name or actor.text, None)
    return (actor.country, actor.sector)


def _compatible(a: Actor | None, b: Actor | None, loose: bool = False) -> bool:
    ka, kb = _key(a), _key(b)
    if ka is None or kb is None:
        return loose or (ka is None and kb is None)
    if ka == kb:
        return True
    # same country, one side without a sector: "Russia" and "Russian forces" differ, but
    # "Syria" (sector unknown) and "Syrian authorities" (GOV) may be the same actor
    return ka[0] == kb[0] and (ka[1] is None or kb[1] is None)


def _referring(event: Event) -> bool:
    """A mention that can refer back to an event told elsewhere: a noun ("the offensive",
    "the talks") or a light verb with one ("launched their operation"). Two plain verbs in
    different sentences ("repelled", "recaptured") are two events."""
    return event.evidence.trigger_pos == "NOUN" or event.evidence.trigger_lemma in LIGHT_VERBS


LIGHT_VERBS = frozenset({"launch", "conduct", "carry", "hold", "begin", "stage", "mount"})


def _same(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or a.evidence.section != b.evidence.section and \
            "caption" in (a.evidence.section, b.evidence.section):
        return False  # a caption shows another occasion than the story it illustrates
    if a.mode and b.mode and a.mode != b.mode and not (_referring(a) or _referring(b)):
        return False  # two verbs, two kinds of act ("expelled the envoy and recalled its own")
    # a missing side is compatible within one sentence ("arranged a safe exit for Assad"),
    # and across sentences when both sources are known and agree
    loose = a.evidence.start == b.evidence.start or (
        a.source is not None and b.source is not None and _compatible(a.source, b.source)
        and (_referring(a) or _referring(b)))
    straight = _compatible(a.source, b.source, loose) and _compatible(a.target, b.target, loose)
    swapped = a.event_type in SYMMETRIC_TYPES and None not in (a.target, b.target) and \
        _compatible(a.source, b.target, loose) and _compatible(a.target, b.source, loose)
    if not (straight or swapped):
        return False
    if a.source is None and b.source is None and (a.target is None or b.target is None):
        return False  # too little to say they are one event
    if _own(a.date) and _own(b.date) and a.date.start != b.date.start:  # type: ignore[union-attr]
        return False
    if a.place and b.place and a.place.country != b.place.country:
        return False
    return True


def _merge(keep: Event, other: Event) -> Event:
    return replace(
        keep,
        source=keep.source or other.source,
        target=keep.target or other.target,
        date=keep.date or other.date,
        place=keep.place or other.place,
        attribution=keep.attribution or other.attribution,
        others=keep.others + tuple(o for o in other.others
                                   if all(o.name != k.name for k in keep.others)),
        modality=tuple(dict.fromkeys(keep.modality + other.modality)),
    )


def _own(date: TimeSpan | None) -> bool:
    """A date the event's own text gives: a borrowed one (its paragraph's, the report's)
    says nothing about whether two mentions are one event."""
    return date is not None and date.start is not None and date.basis not in BORROWED


def deduplicate(events: tuple[Event, ...], doc_id: str, has_body: bool = True) -> tuple[Event, ...]:
    kept: list[Event] = []
    for event in (e for e in events if e.evidence.section != "title" or not has_body):
        # compare with the last MERGE_WINDOW records only, so a huge document stays linear
        for i in range(len(kept) - 1, max(-1, len(kept) - 1 - MERGE_WINDOW), -1):
            earlier = kept[i]
            if _same(earlier, event):
                kept[i] = _merge(earlier, event)
                break
        else:
            kept.append(event)
    # A headline restates the story in compressed, often ambiguous syntax ("Mali junta
    # dissolves parties; militants attack base"): when there is a body, its records stand for
    # the headline, and a headline event the body does not tell is dropped, not guessed at.
    kept.sort(key=lambda e: e.evidence.trigger.start)
    return tuple(_with_id(e, doc_id) for e in kept)


def _with_id(event: Event, doc_id: str) -> Event:
    ident = event_id(doc_id, event.coder.version, event.coder.lexicon, event.event_type,
                     event.evidence.trigger.start,
                     event.source.name if event.source else None,
                     event.target.name if event.target else None)
    return replace(event, id=ident)
