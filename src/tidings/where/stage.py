"""The toponym stage: place mentions resolved against the gazetteer in document context.

Toponyms are the NER's GPE, LOC and FAC mentions, plus NORP mentions that name a place
rather than a people (the small English model tags "Aleppo" as NORP). Context for
disambiguation is the document's countries, most mentioned first.
"""

from __future__ import annotations

import re

from collections import Counter
from dataclasses import replace
from typing import Any

from ..actors.kb import KnowledgeBase
from ..model import Document, Place
from .gazetteer import Gazetteer
from .index import load_words

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REGION_WORDS = load_words("region_words.txt")


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


# Prepositions before a name that make it a location: "an army base in Djibo".
LOCATIVE_PREPS = frozenset({"in", "near", "outside", "around", "at"})
# Nouns that name a kind of place: "the town of X", "the city" (the last town named).
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "district", "province"})


def _after_locative(doc: Document, pos: int, starts: list[int]) -> bool:
    from ..nlp.tokens import token_at

    tok = token_at(doc, pos, starts)
    while tok is not None and tok.dep_ == "compound":
        tok = tok.head
    if tok is None or tok.dep_ != "pobj":
        return False
    # "in Djibo"; "the historic town of Lalibela"
    return tok.head.lower_ in LOCATIVE_PREPS or tok.head.lower_ == "of" and \
        tok.head.head.lemma_.lower() in PLACE_NOUNS


def find_places(doc: Document, gazetteer: Gazetteer, kb: KnowledgeBase) -> tuple[Place, ...]:
    context = context_countries(doc)
    places = _dateline_places(doc, gazetteer, context)
    towns = gazetteer.ruler_names_set()
    starts = [p.offset for p in doc.parses]
    for m in doc.mentions:
        text = m.text.strip()
        region = _region_phrase(doc, m.start, text)
        if region:  # "Russia's Kursk region" (the model tags "Kursk" a PRODUCT)
            entry = gazetteer.resolve(region, context)
            if entry is not None and entry.precision == "admin1":
                places.append(_place(region, m.start, entry))
                continue
        if m.label == "NORP" and kb.adjective(m.text):
            continue  # "Russian" is a people, not a place
        if m.label in ("PERSON", "ORG") and not (kb.lookup(text) is None and (
                text in towns or _after_locative(doc, m.start, starts))):
            continue  # but "Sumy" tagged as a person, or "in Djibo" tagged ORG, is a town
        if m.label not in PLACE_LABELS | {"NORP", "PERSON", "ORG"}:
            continue
        qualifier = _qualifier(doc, m.end, kb)
        if qualifier is not None:  # "Zapotillo, Ecuador": a namesake elsewhere is not meant
            entry = gazetteer.resolve(text, [qualifier])
            if entry is not None and entry.country == qualifier:
                places.append(_place(text, m.start, entry))
            continue
        entry = gazetteer.resolve(text, context) or _named_after_town(text, gazetteer, context)
        if entry is None or m.label in ("PERSON", "ORG") and text not in towns and \
                entry.country not in context and entry.precision != "site":
            continue  # a name after "in" is a town only if it lies where the story is
        places.append(_place(text, m.start, entry))
    places += _capitals(doc, gazetteer, kb, context)
    return tuple(places) + _towns_referred_back(doc, places)


_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w'-]*\s?){1,3})")


def _qualifier(doc: Document, end: int, kb: KnowledgeBase) -> str | None:
    """The country named right after a place ("Zapotillo, Ecuador"), if any."""
    m = _QUALIFIER.match(doc.text, end)
    if m is None:
        return None
    words = m[1].split()
    for n in range(len(words), 0, -1):
        entry = kb.lookup(" ".join(words[:n]))
        if entry is not None and entry.kind == "country":
            return entry.country
    return None


def _towns_referred_back(doc: Document, places: list[Place]) -> tuple[Place, ...]:
    """'the city', 'the town' with no other word: the last town named before it."""
    towns = sorted((p for p in places if p.precision == "city"), key=lambda p: p.start)
    found = []
    for parse in doc.parses:
        for tok in parse.doc:
            if tok.lemma_.lower() not in PLACE_NOUNS or tok.pos_ != "NOUN" or \
                    [c.lower_ for c in tok.children if c.i < tok.i] != ["the"]:
                continue
            det = next(c for c in tok.children if c.i < tok.i)
            start, end = parse.offset + det.idx, parse.offset + tok.idx + len(tok.text)
            earlier = [p for p in towns if p.end <= start]
            if earlier and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                found.append(replace(earlier[-1], text=doc.text[start:end], start=start, end=end))
    return tuple(found)


def _capitals(doc: Document, gazetteer: Gazetteer, kb: KnowledgeBase,
              context: list[str]) -> tuple[Place, ...]:
    """'the capital', 'the Syrian capital', "Sudan's capital": the capital city of the
    country named, else of the story's main country."""
    found = []
    for parse in doc.parses:
        for tok in parse.doc:
            if tok.lower_ != "capital" or tok.pos_ != "NOUN" or tok.ent_type_:
                continue
            mods = [c for c in tok.children if c.i < tok.i]
            if not any(c.dep_ in ("det", "poss") for c in mods):
                continue
            named = [kb.adjective(c.text) or _country_code(kb.lookup(c.text))
                     for c in mods if c.dep_ in ("amod", "compound", "poss")]
            code = next((c for c in named if c), None)
            if code is None and any(c.dep_ in ("amod", "compound", "poss") for c in mods):
                continue  # "the regional capital", "its capital": not the country's
            code = code or (context[0] if context else None)
            capital = kb.get(f"capital:{code}") if code else None
            entry = gazetteer.resolve(capital.name, [code]) if capital else None
            if entry is not None and entry.country == code:
                start = parse.offset + mods[0].idx
                text = doc.text[start: parse.offset + tok.idx + len(tok.text)]
                found.append(_place(text, start, entry))
    return tuple(found)


def _country_code(entry: Any) -> str | None:
    return entry.country if entry is not None and entry.kind == "country" else None


def _place(text: str, start: int, entry: Any) -> Place:
    return Place(text=text, start=start, end=start + len(text), name=entry.name,
                 country=entry.country, admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
                 geonames_id=entry.geonames_id, precision=entry.precision)


def _region_phrase(doc: Document, start: int, text: str) -> str | None:
    """'Kursk region', 'Idlib province': the mention with the region word after it."""
    after = doc.text[start + len(text): start + len(text) + 16].split(maxsplit=1)
    spaced = doc.text[start + len(text): start + len(text) + 1] == " "
    word = after[0].strip(".,;:").lower() if after and spaced else ""
    return f"{text} {word}" if word in REGION_WORDS else None
