"""The default pipeline: the stages in order, each declaring what it reads and writes.

    sections  -> parse -> actors -> places -> times -> claims -> events -> link -> dedupe

Models and tables load lazily on the first document (never at import) and are cached
per process.
"""

from __future__ import annotations

from ..actors.kb import KnowledgeBase
from ..actors.resolve import resolve_actors
from ..attribution.claims import find_claims
from ..events.coder import code_events
from ..events.dedupe import deduplicate
from ..events.lexicon import load_lexicon
from ..events.link import link_events
from ..events.roundup import split_roundups
from ..learn.roles import apply_roles
from ..where.stage import find_places
from ..model import Actor, Document, Place, TimeSpan
from ..nlp.spacy_pipeline import parse_stage
from .pipeline import Pipeline, Stage, stage
from ..settings import Settings
from ..where.gazetteer import Gazetteer


@stage("sections.rules.v1", reads=["text"], writes=["sections"])
def sections_stage(doc: Document) -> Document:
    if doc.sections:
        return doc  # the reader already labelled the blocks
    from ..ingest import segment

    return doc.with_(sections=segment(doc.text))


def actors_stage(actor_files: tuple[str, ...]) -> Stage:
    @stage("actors.kb.v1", reads=["parses", "mentions", "published"], writes=["actors"])
    def actors(doc: Document) -> Document:
        kb = KnowledgeBase.load(actor_files)
        return doc.with_(actors=resolve_actors(doc, kb, Gazetteer.load()))

    return actors


def places_stage(actor_files: tuple[str, ...]) -> Stage:
    @stage("places.geonames.v1", reads=["mentions", "actors"], writes=["places"])
    def places(doc: Document) -> Document:
        return doc.with_(places=find_places(doc, Gazetteer.load(), KnowledgeBase.load(actor_files)))

    return places


@stage("times.rules.v1", reads=["sentences", "published", "sections"],
       writes=["times", "section_dates"])
def times_stage(doc: Document) -> Document:
    from ..when.times import find_times, speaks_of_future

    times: list[TimeSpan] = []
    caption_dates: dict[int, TimeSpan] = {}
    for sent in doc.sentences:
        text = doc.text[sent.start:sent.end]
        found = find_times(text, sent.start, doc.published)
        if speaks_of_future(text):  # "will meet on Monday" is next Monday, clause by clause
            ahead = find_times(text, sent.start, doc.published, future=True)
            found = [a if _looks_ahead(doc, a) else f for f, a in zip(found, ahead)] \
                if len(ahead) == len(found) else found
        times.extend(found)
        if doc.sections[sent.section].label == "caption":
            for span in found:
                if span.start is not None and sent.section not in caption_dates:
                    caption_dates[sent.section] = span
    return doc.with_(times=tuple(times), section_dates=tuple(sorted(caption_dates.items())))


FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_HEADS = frozenset({"due", "set", "schedule", "expect", "plan", "effect"})


def _looks_ahead(doc: Document, span: TimeSpan) -> bool:
    """Is the verb governing this date expression future ("will meet on Monday")?"""
    from ..nlp.tokens import token_at

    tok = token_at(doc, span.span_start) if span.span_start is not None else None
    for _ in range(6):
        if tok is None or tok.head.i == tok.i and tok.pos_ not in ("VERB", "AUX"):
            return False
        if tok.pos_ in ("VERB", "AUX") or tok.lemma_ in FUTURE_HEADS:
            kids = {c.lower_ for c in tok.children if c.dep_ == "aux"}
            return bool(kids & FUTURE_AUX) or tok.lemma_ in FUTURE_HEADS or any(
                c.lemma_ in FUTURE_HEADS for c in tok.children)
        tok = tok.head
    return False


def claims_stage(lexicon_files: tuple[str, ...]) -> Stage:
    @stage("attribution.rules.v1", reads=["parses", "actors", "sentences", "outlet"],
           writes=["attributions"])
    def claims(doc: Document) -> Document:
        return doc.with_(attributions=find_claims(doc, load_lexicon(lexicon_files)))

    return claims


def events_stage(lexicon_files: tuple[str, ...]) -> Stage:
    @stage("events.rules.v1", reads=["parses", "actors", "sentences"], writes=["events"])
    def events(doc: Document) -> Document:
        return doc.with_(events=code_events(doc, load_lexicon(lexicon_files)))

    return events


def triggers_stage(models: str, lexicon_files: tuple[str, ...]) -> Stage:
    @stage("triggers.learned.v1", reads=["events", "parses"], writes=["events"])
    def triggers(doc: Document) -> Document:
        from ..learn.triggers import apply_triggers, multi_model_for

        return doc.with_(events=apply_triggers(doc, multi_model_for(models),
                                               load_lexicon(lexicon_files)))

    return triggers


def roles_stage(models: str) -> Stage:
    @stage("roles.learned.v1", reads=["events", "parses", "actors"], writes=["events"])
    def roles(doc: Document) -> Document:
        from ..learn.roles import model_for

        return doc.with_(events=apply_roles(doc, model_for(models)))

    return roles


def country_place(actor: Actor) -> Place | None:
    """A country-level place for an actor's country ("Iranian sites" -> Iran)."""
    entry = KnowledgeBase.load().country(actor.country) if actor.country else None
    found = Gazetteer.load().resolve(entry.name) if entry is not None else None
    if found is None or found.precision != "country":
        return None
    return Place(text=actor.text, start=actor.start, end=actor.end, name=found.name,
                 country=found.country, admin1=None, lat=found.lat, lon=found.lon,
                 geonames_id=found.geonames_id, precision="country")


def link_stage(models: str) -> Stage:
    @stage("link.v2", reads=["events", "places", "times", "attributions", "section_dates"],
           writes=["events"])
    def link(doc: Document) -> Document:
        """Dates, places (the learned model's choice where there is one) and attribution;
        then a roundup's list becomes one event per (place, date) pair."""
        from ..learn.places import apply_places, places_model_for

        linked = link_events(doc, country_place)
        linked = apply_places(doc, linked, places_model_for(models), country_place)
        return doc.with_(events=split_roundups(doc, linked))

    return link


@stage("dedupe.v1", reads=["events", "sections"], writes=["events"])
def dedupe_stage(doc: Document) -> Document:
    has_body = any(s.label in ("body", "caption") for s in doc.sections)
    return doc.with_(events=deduplicate(doc.events, doc.id, has_body))


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings()
    actor_files, lexicon_files = tuple(settings.actor_files), tuple(settings.lexicon_files)
    return Pipeline([
        sections_stage,
        parse_stage(actor_files, settings.batch_size),
        actors_stage(actor_files),
        places_stage(actor_files),
        times_stage,
        claims_stage(lexicon_files),
        events_stage(lexicon_files),
        triggers_stage(settings.models, lexicon_files),
        roles_stage(settings.models),
        link_stage(settings.models),
        dedupe_stage,
    ])
