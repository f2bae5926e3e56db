"""Resolve mentions in the parsed sections to political actors.

Named entities go through the knowledge base (by the article's date, so Assad is Syria's
government until December 2024); capitals and seats stand for their government
(metonymy); unknown people take country and sector from their title words ("Syrian
Foreign Minister X"); generic descriptions ("rebels", "Syrian authorities") take their
sector from the generic-noun table and their country from a modifier, else from the
document; pronouns and short names link back to an earlier actor in the document.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Actor, Document
from .kb import KBEntry, KnowledgeBase

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
# Modifier dependencies that carry an actor's nationality or title inside its noun phrase.
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


@dataclass
class _Context:
    """Per-document state for linking back: the last actors of each kind seen."""

    on: date | None
    main_country: str | None
    people: list[Actor] = field(default_factory=list)
    groups: list[Actor] = field(default_factory=list)
    things: list[Actor] = field(default_factory=list)

    def remember(self, actor: Actor, kind: str) -> None:
        {"person": self.people, "group": self.groups}.get(kind, self.things).append(actor)


def _actor(text: str, start: int, entry: KBEntry | None, kind: str, **over: Any) -> Actor:
    fields = {"name": None, "country": None, "sector": None, "wikidata": None}
    if entry is not None:
        fields.update(name=entry.name, country=entry.country, sector=entry.sector,
                      wikidata=entry.wikidata)
        if entry.kind in ("country", "capital", "seat") and entry.sector is None:
            fields["sector"] = "GOV"  # a country acting is its government
    fields.update(over)
    return Actor(text=text, start=start, end=start + len(text), kind=kind, **fields)


def _title_info(tokens: Iterable[Any], kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """Country and sector from modifiers such as 'Syrian Foreign Minister' or "Russia's"."""
    country = sector = None
    for tok in tokens:
        word = _entity_text(tok)  # "Sri Lankan" as one word, not "Sri" and "Lankan"
        country = country or kb.adjective(word) or _country_of(kb.lookup(word))
        sector = sector or kb.generic_sector(tok.lemma_.lower())
    return country, sector


def _entity_text(tok: Any) -> str:
    """The whole entity a token belongs to ("Sri Lankan" for "Sri"), from the IOB tags
    (asking Doc.ents would rebuild the entity list at each call)."""
    if not tok.ent_type_:
        return str(tok.text)
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def _country_of(entry: KBEntry | None) -> str | None:
    if entry is not None and entry.kind in ("country", "capital", "seat"):
        return entry.country
    return None


def _modifiers(root: Any) -> list[Any]:
    return [t for t in root.subtree if t.i < root.i and t.dep_ in MODIFIER_DEPS | {"case"}]


def resolve_entity(ent: Any, offset: int, kb: KnowledgeBase, ctx: _Context,
                   gazetteer: Any = None) -> Actor | None:
    text = ent.text.strip(" \"'“”‘’")
    start = offset + ent.start_char + ent.text.find(text)
    entry = kb.lookup(text, ctx.on)
    if entry is None and ent.label_ == "PERSON":
        entry = _short_name(text, ctx)
    if entry is not None and entry.kind == "adjective" and ent.root.tag_ == "NNPS":
        # "Georgians marched": a people named by its demonym are its citizens; an ethnic
        # group living elsewhere belongs where it lives ("ethnic Albanians in Serbia",
        # "the Albanians of southern Serbia", "Bosnian Serbs")
        home = _residence(ent.root, kb)
        return _actor(text, start, entry, "people", sector="CVL",
                      **({"country": home} if home else {}))
    if entry is not None:
        kind = "person" if entry.kind == "person" else entry.kind
        if entry.country is None and entry.sector in ("OPP", "POL"):
            return _actor(text, start, entry, kind, country=ctx.main_country)
        return _actor(text, start, entry, kind)
    vessel = _vessel_country(text)
    if vessel is not None:  # "USS Harry S. Truman": a navy ship
        return _actor(text, start, None, "named", name=text, country=vessel, sector="MIL")
    if ent.label_ in ("GPE", "LOC", "FAC", "NORP") and gazetteer is not None:
        place = gazetteer.resolve(text, [ctx.main_country] if ctx.main_country else [])
        if place is not None:  # a city or region acted on: "attacks on Aleppo"
            return _actor(text, start, None, "place", name=place.name, country=place.country)
    if ent.label_ not in ("PERSON", "ORG", "NORP", "FAC"):
        return None
    outside = [t for t in ent.root.head.children if t.i < ent.start and t.dep_ in MODIFIER_DEPS]
    country, sector = _title_info(list(ent)[:-1] + outside + _modifiers(ent.root), kb)
    if ent.label_ == "NORP" and country is None:
        # an ethnic or religious group the tables do not know ("Yoruba", "Druze") belongs
        # to the country the story is about
        country = kb.adjective(text) or (ctx.main_country if text not in _supranational()
                                         else None)
    kind = "person" if ent.label_ == "PERSON" else "named"
    if country is None and gazetteer is not None and ent.label_ in ("ORG", "PERSON"):
        place = gazetteer.resolve(text, [ctx.main_country] if ctx.main_country else [])
        if place is not None and place.precision == "city" and (
                ent.label_ == "ORG" or " " not in text and _big_town(gazetteer, text)):
            # "captured Goma": the small model often tags a lone town name as a person
            return _actor(text, start, None, "place", name=place.name, country=place.country)
    if country is None and (sector is not None or ent.label_ in ("FAC", "LOC")):
        country = ctx.main_country  # "Prime Minister Milos Vucevic": a domestic office
    return _actor(text, start, None, kind, name=text, country=country, sector=sector)


def _vessel_country(text: str) -> str | None:
    if not _VESSELS:
        path = Path(__file__).resolve().parents[1] / "data" / "actors" / "vessel_prefixes.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                prefix, code = line.split("\t")[:2]
                _VESSELS[prefix.strip()] = code.strip()
    first = text.split(" ", 1)[0]
    return _VESSELS.get(first) if " " in text else None


_VESSELS: dict[str, str] = {}


def _supranational() -> frozenset[str]:
    if not _SUPRA:
        path = Path(__file__).resolve().parents[1] / "data" / "actors" / "supranational.txt"
        _SUPRA.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    return frozenset(_SUPRA)


_SUPRA: set[str] = set()


def _big_town(gazetteer: Any, name: str) -> bool:
    return any(c.precision == "city" and name in gazetteer.ruler_names_set()
               for c in gazetteer.candidates(name)[:1])


def _residence(root: Any, kb: KnowledgeBase) -> str | None:
    for child in root.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < root.i and child.ent_type_:
            code = kb.adjective(_entity_text(child))
            if code:
                return code  # "Bosnian Serbs"
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC"):
                    entry = kb.lookup(_entity_text(obj))
                    if entry is not None and entry.kind in ("country", "capital"):
                        return entry.country
    if any(c.lower_ == "ethnic" for c in root.children):
        return _sentence_country(root, kb)
    return None


def _short_name(text: str, ctx: _Context) -> KBEntry | None:
    """'Al-Shaer' after 'Rami Al-Shaer': link a surname back to the full name."""
    last = text.split()[-1].lower()
    for person in reversed(ctx.people):
        if person.name and person.name.split()[-1].lower() == last and person.name != text:
            return KBEntry(person.name, person.country, person.sector, person.wikidata, "person")
    return None


def resolve_generic(tok: Any, offset: int, kb: KnowledgeBase, ctx: _Context,
                    prior: dict[int, Actor] | None = None) -> Actor | None:
    """A generic description: 'Syrian authorities', 'opposition factions', 'the army'."""
    sector = kb.generic_sector(tok.lemma_.lower()) or kb.generic_sector(tok.text.lower())
    if sector is None:
        amods = [c.text.lower() for c in tok.children if c.dep_ in ("amod", "compound")]
        sector = kb.generic_sector(" ".join(amods + [tok.text.lower()])) if amods else None
    if sector is None:
        return None  # "armed groups" is known as a phrase, "groups" alone is not
    if tok.dep_ in ("compound", "amod") and kb.generic_sector(tok.head.lemma_.lower()):
        return None  # "opposition" in "opposition factions": the head noun speaks
    if tok.head.ent_type_ == "PERSON" or any(c.ent_type_ == "PERSON" and c.dep_ in (
            "appos", "compound") for c in tok.children):
        return None  # a title next to a name: "President Vladimir Putin" is Putin
    for prep in tok.children:  # "fighters from the JNIM group": the named group acts
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            if any(o.ent_type_ in ("ORG", "NORP") for o in prep.subtree):
                return None
    mods = [t for t in tok.children if t.dep_ in MODIFIER_DEPS and t.i < tok.i]
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "Egyptian intelligence agencies": the head's nationality is the compound's too
        mods += [t for t in tok.head.children if t.dep_ in ("amod", "poss") and t.i < tok.i]
    country, mod_sector = _title_info(mods, kb)
    for mod in mods:  # "its troops": the pronoun's antecedent owns them
        if mod.pos_ == "PRON" and prior and mod.i in prior and prior[mod.i].country:
            country = country or prior[mod.i].country
    if any(t.ent_type_ for t in mods) and country is None:
        return None  # "Hezbollah fighters": the named entity speaks for the phrase
    first = min([tok] + mods, key=lambda t: t.i)
    start = offset + first.idx
    text = tok.doc.text[first.idx: tok.idx + len(tok.text)]
    sector = kb.generic_sector(text) or sector  # "protest leaders", "opposition factions"
    return _actor(text, start, None, "generic", name=text,
                  country=country or _sentence_country(tok, kb) or ctx.main_country,
                  sector=sector or mod_sector)


LOCATIVE = frozenset({"in", "at", "on", "near", "across", "outside", "inside", "around"})


def _sentence_country(tok: Any, kb: KnowledgeBase) -> str | None:
    """Country of a place named after a locative preposition in the same sentence."""
    for other in tok.sent:
        if other.ent_type_ in ("GPE", "LOC", "NORP") and other.head.lower_ in LOCATIVE:
            name = _entity_text(other)
            entry = kb.lookup(name)
            if entry is not None and entry.kind in ("country", "capital"):
                return entry.country
            place = _GAZETTEER[0].resolve(name) if _GAZETTEER else None
            if place is not None:
                return place.country
    return None


_GAZETTEER: list[Any] = []


def _speaker_antecedent(tok: Any, offset: int, actors: list[Actor]) -> Actor | None:
    """'The Houthis said they had fired...': a pronoun subject of a reported clause is
    usually the speaker."""
    verb = tok.head
    if tok.dep_ == "poss" and verb.dep_ in ("nsubj", "nsubjpass"):
        verb = verb.head  # "said its drones had hit": 'its' is the speaker's
    elif tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if verb.dep_ != "ccomp":
        return None
    speech = verb.head
    subj = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    for tok2 in [subj] + [c for c in subj.children if c.dep_ in ("compound", "poss", "amod")]:
        pos = offset + tok2.idx
        found = next((a for a in reversed(actors) if a.start <= pos < a.end), None)
        if found is not None:
            return found  # "Ukraine's SBU security service said its drones..."
    return None


def resolve_pronoun(tok: Any, offset: int, ctx: _Context,
                    actors: list[Actor] | None = None) -> Actor | None:
    word = tok.text.lower()
    speaker = _speaker_antecedent(tok, offset, actors or []) if word not in (
        "i", "we", "you") else None
    if speaker is not None and word in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        return Actor(text=tok.text, start=offset + tok.idx, end=offset + tok.idx + len(tok.text),
                     name=speaker.name, country=speaker.country, sector=speaker.sector,
                     wikidata=speaker.wikidata, kind="pronoun")
    pool = (ctx.people if word in PERSON_PRONOUNS else ctx.groups if word in GROUP_PRONOUNS
            else ctx.things if word in THING_PRONOUNS else None)
    if not pool:
        return None
    ref = pool[-1]
    return Actor(text=tok.text, start=offset + tok.idx, end=offset + tok.idx + len(tok.text),
                 name=ref.name, country=ref.country, sector=ref.sector,
                 wikidata=ref.wikidata, kind="pronoun")


def _main_country(doc: Document, kb: KnowledgeBase) -> str | None:
    """Where the story happens: the country of the places named after a locative
    preposition in the title and body (captions are often about another occasion), else
    the most mentioned country."""
    located: Counter[str] = Counter()
    mentioned: Counter[str] = Counter()
    for parse in doc.parses:
        label = doc.sections[parse.section].label
        for ent in parse.doc.ents:
            if ent.label_ not in ("GPE", "NORP", "LOC"):
                continue
            entry = kb.lookup(ent.text)
            code = entry.country if entry and entry.kind in ("country", "capital", "adjective") \
                else None
            if code is None and _GAZETTEER and ent.label_ != "NORP":
                place = _GAZETTEER[0].resolve(ent.text)
                code = place.country if place else None
            if code is None:
                continue
            mentioned[code] += 1
            if label != "caption" and ent.root.head.lower_ in LOCATIVE:
                located[code] += 1
    dateline = _dateline_country(doc, kb)
    if dateline is not None:
        located[dateline] += DATELINE_WEIGHT
    best = located or mentioned
    return best.most_common(1)[0][0] if best else None


# A location dateline ("KHARKIV, Ukraine - ") says where the story happens; it counts as
# much as three locative mentions in the body.
DATELINE_WEIGHT = 3


def _dateline_country(doc: Document, kb: KnowledgeBase) -> str | None:
    for section in doc.sections:
        if section.label != "dateline":
            continue
        text = doc.text[section.start:section.end]
        if any(ch.isdigit() for ch in text):
            continue  # a publication date, not a place
        for part in reversed([p.strip() for p in text.split(",") if p.strip()]):
            entry = kb.lookup(part.title())
            if entry is not None and entry.kind in ("country", "capital"):
                return entry.country
            place = _GAZETTEER[0].resolve(part.title()) if _GAZETTEER else None
            if place is not None:
                return place.country
    return None


def _pool_kind(actor: Actor, tok: Any) -> str:
    if actor.kind == "person" or tok.ent_type_ == "PERSON":
        return "person"
    if actor.kind == "generic" and tok.tag_ in ("NNS", "NNPS"):
        return "group"
    return "thing"


def resolve_actors(doc: Document, kb: KnowledgeBase, gazetteer: Any = None) -> tuple[Actor, ...]:
    """Every actor mention in the parsed sections, in document order."""
    on = doc.published.date() if doc.published else None
    if gazetteer is not None and not _GAZETTEER:
        _GAZETTEER.append(gazetteer)
    ctx = _Context(on=on, main_country=_main_country(doc, kb))
    actors: list[Actor] = []
    for parse in doc.parses:
        prior: dict[int, Actor] = {}
        ents = {ent.root.i: ent for ent in parse.doc.ents if ent.label_ in ACTOR_LABELS}
        for tok in parse.doc:
            if tok.i in ents:
                actor = resolve_entity(ents[tok.i], parse.offset, kb, ctx, gazetteer)
            elif tok.ent_type_:
                continue
            elif tok.pos_ == "PRON":
                actor = resolve_pronoun(tok, parse.offset, ctx, actors)
            elif tok.pos_ in ("NOUN", "PROPN"):
                actor = resolve_generic(tok, parse.offset, kb, ctx, prior)
            else:
                actor = None
            if actor is not None:
                prior[tok.i] = actor
                actors.append(actor)
                if actor.kind != "pronoun":
                    ctx.remember(actor, _pool_kind(actor, tok))
    return tuple(actors)
