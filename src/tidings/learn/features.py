"""Who did it to whom: the candidate sides of an event and the features that judge them.

The rule coder proposes one source and one target per trigger. The learned role model
(``roles``) reconsiders the choice: every pairing of the actor mentions of the trigger's
sentence (and "none") as source and target is a *variant*, described by named features of
how each side stands to the trigger in the parse (the dependency path between them, the
preposition that governs the side, its place before or after the trigger, whether the
verb is passive) and of what it is (kind, sector, a known country). The variant the model
finds most likely to be right is kept, with that probability as the event's confidence.
Training (``tidings.learn.train``) and coding use these same functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Actor, Document, Event
from ..nlp.tokens import token_at

MAX_PATH = 4  # dependency steps kept on each side of the common ancestor
MAX_CANDIDATES = 8  # actor mentions of a sentence considered per side (nearest first)
Features = dict[str, float]


def _bucket(distance: int) -> str:
    return "0" if distance == 0 else "1-3" if distance <= 3 else "4-8" if distance <= 8 else \
        "9-15" if distance <= 15 else "16+"


def dep_path(source: Any, target: Any) -> str:
    """The labels from ``source`` up to the common ancestor, then down to ``target``."""
    up: list[Any] = [source]
    while up[-1].head.i != up[-1].i and len(up) < 12:
        up.append(up[-1].head)
    down: list[Any] = [target]
    while down[-1].head.i != down[-1].i and len(down) < 12:
        down.append(down[-1].head)
    ids = {tok.i: n for n, tok in enumerate(up)}
    meet = next((n for n, tok in enumerate(down) if tok.i in ids), None)
    if meet is None:
        return "none"
    rising = [tok.dep_ for tok in up[: ids[down[meet].i]]][:MAX_PATH]
    falling = [tok.dep_ for tok in reversed(down[:meet])][-MAX_PATH:]
    return "^".join(rising) + "|" + "v".join(falling)


def _head(doc: Document, actor: Actor, starts: list[int]) -> Any:
    """The syntactic head of an actor mention (the token whose head lies outside it)."""
    tok = token_at(doc, actor.start, starts)
    if tok is None:
        return None
    for _ in range(6):
        head = tok.head
        if head.i == tok.i or not (actor.start <= starts_of(doc, head) < actor.end):
            return tok
        tok = head
    return tok


def starts_of(doc: Document, tok: Any) -> int:
    """A token's offset in the document."""
    section = next(p for p in doc.parses if p.doc is tok.doc)
    return int(section.offset + tok.idx)


def _passive(trigger: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)


def _governor(tok: Any) -> str:
    """The preposition or case marker governing a side ("by", "against", "with"...)."""
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        return tok.head.lower_
    if tok.dep_ == "poss":
        return "'s"
    return tok.dep_


def side_features(slot: str, actor: Actor | None, chosen: Actor | None, other_choice: Actor | None,
                  head: Any, trigger: Any, event: Event) -> Features:
    """Features of one side of a variant (``slot`` is "src" or "tgt")."""
    etype, lemma = event.event_type, event.evidence.trigger_lemma or event.evidence.trigger.text
    if actor is None:
        rule_none = "1" if chosen is None else "0"
        return {f"{slot}:none": 1.0, f"{slot}:none|{etype}": 1.0, f"{slot}:none|rule={rule_none}": 1.0,
                f"{slot}:none|lemma={lemma}": 1.0}
    out: Features = {f"{slot}:kind={actor.kind}": 1.0, f"{slot}:sector={actor.sector}": 1.0,
                     f"{slot}:country={'known' if actor.country else 'none'}": 1.0,
                     f"{slot}:rule": 1.0 if chosen is not None and chosen.start == actor.start else 0.0,
                     f"{slot}:rule_other": 1.0 if other_choice is not None
                     and other_choice.start == actor.start else 0.0}
    if head is None or trigger is None:
        out[f"{slot}:noparse"] = 1.0
        return out
    path = dep_path(head, trigger)
    short = path.split("|")[0].split("^")[0] if path != "none" else "none"
    side = "before" if head.i < trigger.i else "after"
    gov = _governor(head)
    passive = "pass" if _passive(trigger) else "act"
    for name in (f"path={path}", f"first={short}", f"gov={gov}", f"pos={side}",
                 f"dist={_bucket(abs(head.i - trigger.i))}", f"first={short}|{passive}",
                 f"gov={gov}|{passive}", f"pos={side}|{passive}", f"path={path}|{etype}",
                 f"gov={gov}|{etype}", f"first={short}|lemma={lemma}", f"gov={gov}|lemma={lemma}",
                 f"ent={actor.kind}|{side}|{passive}"):
        out[f"{slot}:{name}"] = 1.0
    return out


SideCache = dict[tuple[str, int, int], Features]


def variant_features(doc: Document, event: Event, source: Actor | None, target: Actor | None,
                     starts: list[int], cache: SideCache | None = None) -> Features:
    """All features of one (source, target) variant of an event. ``cache`` keeps each side's
    features across the variants of one event (they depend on the side alone)."""
    cache = {} if cache is None else cache
    trigger: Any = None
    feats: Features = {"bias": 1.0, f"type={event.event_type}": 1.0,
                       f"cert={event.certainty}": 1.0, f"section={event.evidence.section}": 1.0}
    for slot, actor, chosen, other in (("src", source, event.source, event.target),
                                       ("tgt", target, event.target, event.source)):
        key = (slot, actor.start, actor.end) if actor is not None else (slot, -1, -1)
        if key not in cache:
            if trigger is None:
                trigger = token_at(doc, event.evidence.trigger.start, starts)
            head = _head(doc, actor, starts) if actor is not None else None
            cache[key] = side_features(slot, actor, chosen, other, head, trigger, event)
        feats.update(cache[key])
    if source is not None and target is not None:
        same = source.country is not None and source.country == target.country
        feats["pair:same_country"] = 1.0 if same else 0.0
        feats[f"pair:order={'st' if source.start < target.start else 'ts'}"] = 1.0
    if source is not None and target is None:
        feats[f"pair:src_only|{event.event_type}"] = 1.0
    return feats


def candidates(doc: Document, event: Event) -> list[Actor]:
    """The actor mentions of the event's sentence, nearest to the trigger first, plus the
    rule coder's own choices wherever they are."""
    start, end = event.evidence.start, event.evidence.end
    trigger = event.evidence.trigger.start
    inside = [a for a in doc.actors if start <= a.start and a.end <= end and a.role is None]
    inside.sort(key=lambda a: abs(a.start - trigger))
    chosen = [a for a in (event.source, event.target) if a is not None]
    found: list[Actor] = []
    for actor in chosen + inside:
        if all(actor.start != f.start or actor.end != f.end for f in found):
            found.append(actor)
    return found[:MAX_CANDIDATES]


def variants(doc: Document, event: Event) -> Iterator[tuple[Actor | None, Actor | None]]:
    """Every (source, target) pairing of the candidates and "none", the two sides distinct."""
    options: list[Actor | None] = [None, *candidates(doc, event)]
    for source in options:
        for target in options:
            if source is not None and target is not None and source.start == target.start:
                continue
            yield source, target
