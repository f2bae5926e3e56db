"""The parties beside an event's two sides: where a recalled or summoned envoy was posted,
and the intermediaries an act went through."""

from __future__ import annotations

from typing import Any

from ..model import Actor
from .arguments import ActorAt, actors_of, prep_objects, with_role

ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "consul", "representative", "charge",
                    "d'affaires", "chargé", "commissioner"})


def posting(verb: Any, actor_at: ActorAt) -> Actor | None:
    """'recalled its ambassador to Ethiopia', 'from Tehran': where the envoy was posted."""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ENVOYS):
        for prep in [*obj.children, *verb.children]:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "from", "in"):
                found = actors_of([o for o in prep.children if o.dep_ == "pobj"], actor_at)
                if found:
                    return found[0]
    return None


def intermediaries(trigger: Any, actor_at: ActorAt) -> tuple[Actor, ...]:
    """'mediate through Iranian and Turkish middlemen' -> Iran, Turkey as intermediaries."""
    found: list[Actor] = []
    for obj in prep_objects(trigger, frozenset({"through", "via"})):
        heads = [obj] + [c for c in obj.children if c.dep_ in ("amod", "compound", "poss")]
        for actor in actors_of(heads, actor_at):
            if all(a.start != actor.start for a in found):
                found.append(with_role(actor, "intermediary"))
    return tuple(found)
