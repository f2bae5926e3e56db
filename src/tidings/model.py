"""Typed, immutable records that flow through the pipeline.

One `Document` travels through every stage; a stage returns a copy enriched with the
fields it declares (``dataclasses.replace``). Offsets are character offsets into
``Document.text`` as stored, so every field can point back at its source span.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

SectionLabel = Literal["title", "dateline", "caption", "body", "boilerplate"]
SECTION_LABELS: tuple[str, ...] = ("title", "dateline", "caption", "body", "boilerplate")

Precision = Literal["day", "week", "month", "year", "unknown"]
Certainty = Literal["asserted", "reported", "hedged", "denied", "planned"]
CERTAINTIES: tuple[str, ...] = ("asserted", "reported", "hedged", "denied", "planned")
PlacePrecision = Literal["site", "city", "admin1", "country"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled block of the document (title, dateline, caption, body, boilerplate)."""

    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    section: int  # index into Document.sections


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention as the NER (plus entity ruler) saw it."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A mention resolved to a political actor."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, None for IGOs or unknown
    sector: str | None = None  # GOV MIL REB OPP POL IGO NGO MED CVL BUS JUD REL
    wikidata: str | None = None
    kind: str = "named"  # named | country | adjective | generic | pronoun
    role: str | None = None  # intermediary, co-actor... for Event.others


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "city"  # site | city | admin1 | country


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """When something happened: an inclusive date range with its precision and source."""

    start: date | None
    end: date | None
    precision: str  # day | week | month | year | unknown
    text: str | None = None
    basis: str = "text"  # text | relative | relation | published | caption | context | report
    span_start: int | None = None
    span_end: int | None = None
    relation: str | None = None  # e.g. "2 days before: the operation" when unresolved


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who claims an event: the speaker, how described, and the relaying outlets."""

    speaker: str | None
    description: str | None = None
    via: tuple[str, ...] = ()
    cue: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """An attribution and the stretch of a sentence it covers (a ccomp, a quote, the sentence)."""

    sentence: int  # index into Document.sentences
    attribution: Attribution
    scope_start: int
    scope_end: int
    cue_start: int | None = None  # the speech verb itself, which the claim does not cover


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int
    section: str
    trigger: Span
    trigger_lemma: str | None = None
    trigger_pos: str | None = None  # NOUN or VERB: a noun can refer back to an event


@dataclass(frozen=True, slots=True)
class Coder:
    name: str
    version: str
    lexicon: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    event_type: str
    evidence: Evidence
    coder: Coder
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    intensity: float | None = None
    source: Actor | None = None
    target: Actor | None = None
    others: tuple[Actor, ...] = ()
    date: TimeSpan | None = None
    place: Place | None = None
    attribution: Attribution | None = None
    certainty: str = "asserted"
    modality: tuple[str, ...] = ()
    story_id: str | None = None
    confidence: float | None = None  # the learned probability that the event is right


@dataclass(frozen=True, slots=True)
class SectionParse:
    """A spaCy parse of one section; token offsets are relative to ``offset``."""

    section: int
    offset: int
    doc: Any  # spacy.tokens.Doc: kept out of the type so the model imports no NLP


@dataclass(frozen=True, slots=True)
class Document:
    """One article and everything the stages have learnt about it."""

    id: str  # "sha256:<hex of text>"
    text: str
    path: str
    format: str  # text | html | jsonl
    key: str  # identity across versions: given id, else url, else path (#line for jsonl)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    ingested_at: datetime | None = None
    sections: tuple[Section, ...] = ()
    section_dates: tuple[tuple[int, TimeSpan], ...] = ()  # caption own dates etc.
    parses: tuple[SectionParse, ...] = field(default=(), compare=False, repr=False)
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    attributions: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()

    def with_(self, **changes: Any) -> Document:
        return dataclasses.replace(self, **changes)

    def section_of(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None
