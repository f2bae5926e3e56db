"""Give each event its date, place and attribution, and settle its certainty.

A date or place belongs to the trigger that governs it most closely in the parse
("meeting at the Kremlin in Moscow on July 24": Moscow and the date go to "meeting";
"alerted Damascus to attacks on Aleppo": Aleppo goes to "attacks", not to "alerted").
Failing that, a date in the same sentence is taken (the nearest); a caption event with no
date of its own takes the caption's date, and any other undated event its story context's
or, last, the report's (``tidings.when.context``). Among attached places a city wins over a site,
a region or a country (the most precise usable point). An event inside a claim's scope is
attributed to that claim's speaker and, if it was asserted, becomes reported.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from collections.abc import Callable

from ..attribution.claims import actor_overlapping
from ..nlp.tokens import token_at
from ..when.context import context_date
from ..where.stage import PLACE_NOUNS as TOWN_NOUNS
from ..model import Actor, Claim, Document, Event, Place, TimeSpan

PLACE_RANK = {"city": 0, "site": 1, "admin1": 2, "country": 3}
MAX_HOPS = 6


LOCATIVE = frozenset({"in", "at", "on", "near", "into", "outside", "inside", "across",
                      "around", "over", "toward", "towards", "to", "from", "off", "along"})
# "the port city of Vladivostok", "the Amhara region of Ethiopia": the named place is where
PLACE_NOUNS = TOWN_NOUNS | {"region"}
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "parataxis", "acl", "csubj"})


def _governing_trigger(tok: Any, triggers: set[int]) -> int | None:
    """The closest trigger token above `tok` in the tree, not crossing a clause boundary."""
    steps = 0
    while tok.head.i != tok.i and steps < MAX_HOPS:
        if tok.dep_ in CLAUSE_DEPS and tok.i not in triggers:
            return None
        tok = tok.head
        if tok.i in triggers:
            return tok.i
        steps += 1
    return None


def _clause_head(tok: Any) -> Any:
    while tok.dep_ not in CLAUSE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _same_clause(doc: Document, pos: int, event: Event, starts: list[int]) -> bool:
    """A date in a side clause ('a photograph distributed on July 25') is not the event's."""
    tok, trig = token_at(doc, pos, starts), token_at(doc, event.evidence.trigger.start, starts)
    if tok is None or trig is None or tok.doc is not trig.doc:
        return True
    head = _clause_head(tok)
    return head.dep_ not in CLAUSE_DEPS or head.i == _clause_head(trig).i or head.i == trig.i


def _locative(tok: Any) -> bool:
    """A place named as a location ("in Moscow"), not as a modifier ("Syria's President")."""
    while tok.dep_ in ("compound", "conj", "appos", "poss") and tok.head.i != tok.i:
        tok = tok.head  # "on Beirut's southern suburbs": Beirut is where it happened
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in \
            PLACE_NOUNS:
        return _locative(tok.head.head)  # "to the Russian port city of Vladivostok"
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE


def _sentence_of(doc: Document, event: Event) -> tuple[int, int]:
    return event.evidence.start, event.evidence.end


def _attached(doc: Document, event: Event, spans: list[tuple[int, Any]],
              triggers: dict[int, set[int]], starts: list[int],
              locative: bool = False) -> list[Any]:
    trig = token_at(doc, event.evidence.trigger.start, starts)
    if trig is None:
        return []
    mine = []
    lo, hi = event.evidence.start, event.evidence.end
    for start, item in spans:
        if not lo <= start < hi:
            continue  # a date or place attaches within its own sentence
        tok = token_at(doc, start, starts)
        if tok is None or tok.doc is not trig.doc or (locative and not _locative(tok)):
            continue
        if _governing_trigger(tok, triggers.get(id(trig.doc), set())) == trig.i:
            mine.append((tok.dep_ in ("compound", "poss", "amod") and
                         getattr(item, "precision", None) == "country", item))
    # "a drone attack on a U.S. base in Jordan": a place named as the modifier of the
    # location counts only when no place is named as the location itself
    direct = [item for modifier, item in mine if not modifier]
    return direct or [item for _, item in mine]


def _elsewhere(doc: Document, pos: int, event: Event, triggers: dict[int, set[int]],
               starts: list[int]) -> bool:
    """Does the place at `pos` belong to another event's trigger ("attacks on Aleppo")?"""
    tok = token_at(doc, pos, starts)
    trig = token_at(doc, event.evidence.trigger.start, starts)
    if tok is None or trig is None or tok.doc is not trig.doc:
        return False
    owner = _governing_trigger(tok, triggers.get(id(tok.doc), set()))
    return owner is not None and owner != trig.i


def _pick_place(event: Event, candidates: list[Place]) -> Place | None:
    # "Moscow said": an acting capital is not a place; "strikes in Pakistan": a country hit is
    sides = (event.source,) if event.event_type in MATERIAL_TYPES else (event.source, event.target)
    acting = {a.start for a in sides if a is not None and a.kind != "place"}
    candidates = [p for p in candidates if p.start not in acting]  # "Moscow said": an actor
    if not candidates:
        return None
    trig = event.evidence.trigger.start
    return min(candidates, key=lambda p: (PLACE_RANK.get(p.precision, 4), abs(p.start - trig)))


def _pick_time(event: Event, attached: list[TimeSpan], in_sentence: list[TimeSpan]) -> TimeSpan | None:
    pool = attached or in_sentence
    if not pool:
        return None
    trig = event.evidence.trigger.start
    return min(pool, key=lambda t: abs((t.span_start or 0) - trig))


def _visitor_first(event: Event, place: Place | None) -> Event:
    """A meeting held in one side's country was a visit by the other side, and the visitor
    is the source (GOLD.md): 'Putin shakes hands with Assad at the Kremlin' is Assad's visit."""
    src, tgt = event.source, event.target
    if event.event_type != "CONSULT" or place is None or src is None or tgt is None or \
            event.mode == "phone":
        return event
    if place.country is not None and src.country == place.country != tgt.country:
        return replace(event, source=tgt, target=src)
    return event


def _anchored(event: Event, date: TimeSpan, in_sentence: list[TimeSpan]) -> TimeSpan:
    """'Iran fired missiles on Monday, two days after U.S. bombers struck': the strike sits
    inside the relation's anchor phrase, so it is the Monday minus two days."""
    from ..when.times import resolve_relation

    if date.span_end is None or not date.relation:
        return date
    if event.evidence.trigger.start < date.span_end:
        # "accused each other hours after it was agreed on Saturday": the main clause sits
        # at the relation's distance from a date inside the anchor phrase
        inner = next((t for t in in_sentence if t.start is not None and t.basis != "relation"
                      and t.span_start is not None and t.span_start >= date.span_end), None)
        return resolve_relation(date, inner) if inner is not None else date
    anchor = next((t for t in in_sentence if t.start is not None and t.basis != "relation"), None)
    if anchor is None:
        return date
    flipped = {"+": "-", "-": "+"}.get(date.relation[0], date.relation[0]) + date.relation[1:]
    return resolve_relation(replace(date, relation=flipped), anchor)


# Acts done by speaking: quoted in the first person, the quote performs them.
VERBAL_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE", "SUPPORT",
                          "CONCEDE"})


def _speaker_says_we(doc: Document, event: Event, claim: Claim, starts: list[int]) -> Event:
    """'"We demand that the Chinese return our rifles," General X said': "we" is the
    speaker's side, so the speaker acts."""
    tok = token_at(doc, event.evidence.trigger.start, starts)
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) if tok is not None else None
    said = claim.attribution
    if subj is None or subj.lower_ not in ("we", "i") or said.start is None:
        return event
    speaker = actor_overlapping(doc.actors, said.start, said.end or said.start + 1,
                                generic=True)
    return replace(event, source=speaker) if speaker is not None and speaker.country else event


def _claim_for(event: Event, claims: tuple[Claim, ...]) -> Claim | None:
    trig = event.evidence.trigger.start
    inside = [c for c in claims if c.scope_start <= trig < c.scope_end and c.cue_start != trig]
    return min(inside, key=lambda c: c.scope_end - c.scope_start) if inside else None


def _trigger_sets(doc: Document, events: tuple[Event, ...],
                  starts: list[int]) -> dict[int, set[int]]:
    sets: dict[int, set[int]] = {}
    for ev in events:
        tok = token_at(doc, ev.evidence.trigger.start, starts)
        if tok is not None:
            sets.setdefault(id(tok.doc), set()).add(tok.i)
    return sets


# Where said or held, the story's dateline is the best guess: statements, meetings and
# protests happen where the reporter files from far more often than elsewhere.
DATELINE_TYPES = frozenset({"CONSULT", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE",
                            "THREATEN", "PROTEST", "CONCEDE"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID"})


def _place_of_target(event: Event, places: list[tuple[int, Place]]) -> Place | None:
    """'struck Beirut', 'visited Panama': a place acted on is where it happened."""
    for actor in (event.target,):
        if actor is None:
            continue
        # a capital struck is a place; a capital warned or met stands for its government
        if actor.kind == "place" or actor.kind == "capital" and event.event_type in MATERIAL_TYPES \
                or actor.kind in ("country", "capital") and event.mode == "visit":
            found = next((p for _, p in places if p.start == actor.start), None)
            if found is not None:
                return found
    return None


def _object_place(doc: Document, event: Event, places: list[tuple[int, Place]],
                  starts: list[int]) -> Place | None:
    """'seized the capital': a place that is the object of a material act."""
    trig = token_at(doc, event.evidence.trigger.start, starts)
    if trig is None or event.event_type not in MATERIAL_TYPES:
        return None
    for obj in (c for c in trig.children if c.dep_ == "dobj"):
        pos = obj.idx + (event.evidence.trigger.start - trig.idx)
        found = next((p for _, p in places if p.start <= pos < p.end), None)
        if found is not None:
            return found
    return None


def _dateline_place(doc: Document) -> Place | None:
    for section in doc.sections:
        if section.label == "dateline":
            inside = [p for p in doc.places if section.start <= p.start < section.end]
            if inside:
                return min(inside, key=lambda p: PLACE_RANK.get(p.precision, 4))
    return None


def link_events(doc: Document,
                country_place: Callable[[Actor], Place | None] | None = None) -> tuple[Event, ...]:
    starts = [p.offset for p in doc.parses]
    triggers = _trigger_sets(doc, doc.events, starts)
    dateline = _dateline_place(doc)
    places = [(p.start, p) for p in doc.places]
    times = [(t.span_start, t) for t in doc.times if t.span_start is not None]
    captions = dict(doc.section_dates)
    linked = []
    for event in doc.events:
        lo, hi = _sentence_of(doc, event)
        place = _pick_place(event, _attached(doc, event, places, triggers, starts, locative=True))
        acted_on = _place_of_target(event, places) or _object_place(
            doc, event, places, starts)
        if acted_on is not None and (place is None or place.precision == "country" and
                                     acted_on.precision != "country" and
                                     acted_on.country == place.country):
            place = acted_on  # "captured Goma, the largest city in eastern Congo": Goma
        if place is None and country_place is not None and event.event_type in MATERIAL_TYPES \
                and event.target is not None and event.target.kind in ("adjective", "country") \
                and event.target.country:
            place = country_place(event.target)  # "struck three Iranian nuclear sites"
        if place is None and (event.event_type in MATERIAL_TYPES | {"COOPERATE"} or
                              event.evidence.section == "caption"):
            # a lone place in the sentence, other than the actors: where it happened
            sides = {a.start for a in (event.source, event.target) if a is not None}
            lone = [p for s, p in places if lo <= s < hi and s not in sides
                    and not _elsewhere(doc, s, event, triggers, starts)]
            place = _pick_place(event, lone) if len(lone) == 1 else None
        if place is None and event.event_type in DATELINE_TYPES:
            place = dateline
        sentence_times = [t for s, t in times if lo <= s < hi]
        in_sentence = [t for t in sentence_times if t.span_start is not None and
                       _same_clause(doc, t.span_start, event, starts)] or sentence_times
        date = _pick_time(event, _attached(doc, event, times, triggers, starts), in_sentence)
        if date is not None and date.basis == "relation":
            date = _anchored(event, date, [t for s, t in times if lo <= s < hi])
        if date is None and event.evidence.section == "caption":
            section = doc.section_of(event.evidence.start)
            index = doc.sections.index(section) if section is not None else -1
            date = captions.get(index)
        if date is None or date.start is None:
            # an unresolved relation ("two days before the offensive") keeps its text but
            # takes the context's or the report's date, so no event with a known report
            # date is left undated (issue 12, item 3)
            borrowed = context_date(doc, event)
            if date is not None and borrowed is not None:
                borrowed = replace(borrowed, relation=date.relation or date.text)
            date = borrowed or date
        event = _visitor_first(event, place)
        claim = _claim_for(event, doc.attributions)
        if claim is not None and event.source is None:
            event = _speaker_says_we(doc, event, claim, starts)
            if event.source is not None and event.event_type in VERBAL_TYPES:
                claim = None  # the quote is the speech act itself: told directly
        certainty = event.certainty
        if claim is not None and certainty == "asserted":
            certainty = "reported"
        linked.append(replace(event, place=place, date=date, certainty=certainty,
                              attribution=claim.attribution if claim else None))
    return tuple(linked)
