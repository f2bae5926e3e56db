"""The toponym stage: place mentions resolved against the gazetteer in document context.

Toponyms are the NER's GPE, LOC and FAC mentions, plus NORP mentions that name a place
rather than a people (the small English model tags "Aleppo" as NORP). Context for
disambiguation is the document's countries, most mentioned first.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .actors.kb import KnowledgeBase
from .model import Document, Place
from .where import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def context_countries(doc: Document) -> list[str]:
    counts: Counter[str] = Counter(a.country for a in doc.actors if a.country)
    return [code for code, _ in counts.most_common()]


def _dateline_places(doc: Document, gazetteer: Gazetteer, context: list[str]) -> list[Place]:
    """'KHARKIV, Ukraine': the place a story is filed from (datelines are not parsed)."""
    found = []
    for section in doc.sections:
        text = doc.text[section.start:section.end]
        if section.label != "dateline" or any(ch.isdigit() for ch in text):
            continue
        offset = section.start
        for part in text.split(","):
            name = part.strip()
            entry = gazetteer.resolve(name.title(), context) if name else None
            if entry is not None:
                start = offset + part.find(name)
                found.append(Place(text=name, start=start, end=start + len(name), name=entry.name,
                                   country=entry.country, admin1=entry.admin1, lat=entry.lat,
                                   lon=entry.lon, geonames_id=entry.geonames_id,
                                   precision=entry.precision))
            offset += len(part) + 1
    return found


def _named_after_town(text: str, gazetteer: Gazetteer, context: list[str]) -> Any:
    """'Yangon International Airport', 'Kharkiv regional administration': a site named after
    its town is placed in that town (the longest leading run of words that resolves)."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        entry = gazetteer.resolve(" ".join(words[:n]), context)
        if entry is not None and entry.precision in ("city", "admin1"):
            return entry
    return None


def find_places(doc: Document, gazetteer: Gazetteer, kb: KnowledgeBase) -> tuple[Place, ...]:
    context = context_countries(doc)
    places = _dateline_places(doc, gazetteer, context)
    towns = gazetteer.ruler_names_set()
    for m in doc.mentions:
        if m.label == "NORP" and kb.adjective(m.text):
            continue  # "Russian" is a people, not a place
        text = m.text.strip()
        if m.label in ("PERSON", "ORG") and not (text in towns and kb.lookup(text) is None):
            continue  # but "Sumy" or "Goma" tagged as a person is the town
        if m.label not in PLACE_LABELS | {"NORP", "PERSON", "ORG"}:
            continue
        entry = gazetteer.resolve(text, context) or _named_after_town(text, gazetteer, context)
        if entry is None:
            continue
        places.append(Place(text=text, start=m.start, end=m.start + len(text), name=entry.name,
                            country=entry.country, admin1=entry.admin1, lat=entry.lat,
                            lon=entry.lon, geonames_id=entry.geonames_id,
                            precision=entry.precision))
    return tuple(places)
