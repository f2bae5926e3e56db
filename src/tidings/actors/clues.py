"""Where an actor comes from: country clues in a mention's words, its sentence and its
document (adjectives and titles, residence, the leading country of a force, locative
places, the story's main country and dateline)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Document
from .kb import KBEntry, KnowledgeBase


def title_info(tokens: Iterable[Any], kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """Country and sector from modifiers such as 'Syrian Foreign Minister' or "Russia's"."""
    country = sector = None
    for tok in tokens:
        word = entity_text(tok)  # "Sri Lankan" as one word, not "Sri" and "Lankan"
        country = country or kb.adjective(word) or country_of(kb.lookup(word))
        sector = sector or kb.generic_sector(tok.lemma_.lower())
    return country, sector


def entity_text(tok: Any) -> str:
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


def country_of(entry: KBEntry | None) -> str | None:
    if entry is not None and entry.kind in ("country", "capital", "seat"):
        return entry.country
    return None


def vessel_country(text: str) -> str | None:
    if not _VESSELS:
        path = Path(__file__).resolve().parents[1] / "data" / "actors" / "vessel_prefixes.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                prefix, code = line.split("\t")[:2]
                _VESSELS[prefix.strip()] = code.strip()
    first = text.split(" ", 1)[0]
    return _VESSELS.get(first) if " " in text else None


_VESSELS: dict[str, str] = {}


def supranational() -> frozenset[str]:
    if not _SUPRA:
        path = Path(__file__).resolve().parents[1] / "data" / "actors" / "supranational.txt"
        _SUPRA.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    return frozenset(_SUPRA)


_SUPRA: set[str] = set()


def big_town(gazetteer: Any, name: str) -> bool:
    return any(c.precision == "city" and name in gazetteer.ruler_names_set()
               for c in gazetteer.candidates(name)[:1])


def residence(root: Any, kb: KnowledgeBase, ethnic: bool = True) -> str | None:
    """Where a people or a group of residents lives: "Bosnian Serbs", "ethnic Albanians in
    Serbia", "inhabitants of the Syrian Golan Heights"."""
    for child in root.children:
        if ethnic and child.dep_ in ("amod", "compound", "nmod") and child.i < root.i \
                and child.ent_type_:
            code = kb.adjective(entity_text(child))
            if code:
                return code  # "Bosnian Serbs"
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.ent_type_ in ("GPE", "LOC"):
                    entry = kb.lookup(entity_text(obj))
                    if entry is not None and entry.kind in ("country", "capital"):
                        return entry.country
                elif names_a_place(obj):  # "of the Syrian Golan Heights"
                    country, _ = title_info([c for c in obj.children if c.i < obj.i], kb)
                    if country:
                        return country
    if ethnic and any(c.lower_ == "ethnic" for c in root.children):
        return sentence_country(root, kb)
    return None


# Armed forces a country leads are that country's ("Vietnamese-led forces", "Saudi-led
# troops"); a led mission or coalition is multinational and keeps no country.
FORCE_SECTORS = frozenset({"MIL"})
LEADING_LEMMAS = frozenset({"lead", "command"})


def leader_country(mods: list[Any], kb: KnowledgeBase) -> str | None:
    for mod in mods:
        if mod.lemma_.lower() in LEADING_LEMMAS:
            for child in mod.children:
                if child.ent_type_ in ("NORP", "GPE") and child.i < mod.i:
                    return kb.adjective(entity_text(child)) or country_of(
                        kb.lookup(entity_text(child)))
    return None


def names_a_place(tok: Any) -> bool:
    """'the Syrian Golan Heights': a nationality inside a place name names no group."""
    return tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP", "PERSON")


LOCATIVE = frozenset({"in", "at", "on", "near", "across", "outside", "inside", "around"})


def sentence_country(tok: Any, kb: KnowledgeBase) -> str | None:
    """Country of a place named after a locative preposition in the same sentence."""
    for other in tok.sent:
        if other.ent_type_ in ("GPE", "LOC", "NORP") and other.head.lower_ in LOCATIVE and \
                _in_main_clause(other):
            name = entity_text(other)
            entry = kb.lookup(name)
            if entry is not None and entry.kind in ("country", "capital"):
                return entry.country
            qualifier = qualifying_country(other, kb)
            if qualifier is not None:  # "near Zapotillo, Ecuador": the country named says
                return qualifier
            place = GAZETTEER[0].resolve(name) if GAZETTEER else None
            if place is not None:
                return place.country
    return None


def qualifying_country(tok: Any, kb: KnowledgeBase) -> str | None:
    """The country in "Zapotillo, Ecuador" for a token of "Zapotillo"."""
    doc, end = tok.doc, tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE":
        entry = kb.lookup(entity_text(doc[end + 1]))
        if entry is not None and entry.kind == "country":
            return entry.country
    return None


def _in_main_clause(tok: Any) -> bool:
    """Whether the token hangs on its sentence's main clause, not on a clause that
    describes a noun ("angered by a burning outside the embassy in Stockholm")."""
    for _ in range(12):
        if tok.head.i == tok.i:
            return True
        if tok.dep_ in ("acl", "relcl", "appos"):
            return False
        tok = tok.head
    return True


GAZETTEER: list[Any] = []


def main_country(doc: Document, kb: KnowledgeBase) -> str | None:
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
            if code is None and GAZETTEER and ent.label_ != "NORP":
                place = GAZETTEER[0].resolve(ent.text)
                code = place.country if place else None
            if code is None:
                continue
            mentioned[code] += 1
            if label != "caption" and ent.root.head.lower_ in LOCATIVE:
                located[code] += 1
    dateline = dateline_country(doc, kb)
    if dateline is not None:
        located[dateline] += DATELINE_WEIGHT
    best = located or mentioned
    return best.most_common(1)[0][0] if best else None


# A location dateline ("KHARKIV, Ukraine - ") says where the story happens; it counts as
# much as three locative mentions in the body.
DATELINE_WEIGHT = 3


def dateline_country(doc: Document, kb: KnowledgeBase) -> str | None:
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
            place = GAZETTEER[0].resolve(part.title()) if GAZETTEER else None
            if place is not None:
                return place.country
    return None


# "all sides", "both parties", "the warring sides": the parties to the story's conflict
SIDES = frozenset({"side", "party"})
ALL_SIDES = frozenset({"all", "both", "warring", "two"})


# plural state nouns without a nationality ("governments", "world powers"): several countries
MANY_STATES = frozenset({"government", "country", "nation", "state", "power"})


NAMED = frozenset({"ORG", "NORP", "GPE", "PERSON"})


WEAPON_NOUNS = frozenset({"drone", "missile", "rocket", "jet", "warplane", "aircraft", "plane",
                          "helicopter", "bomber", "fighter jet", "warship", "ship", "vessel"})
