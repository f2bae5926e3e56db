"""The actor knowledge base: countries, people and organisations, resolved by date.

The bundled data lives in ``tidings/data/actors`` as JSON Lines (format: docs/actors.md);
users add or override entries with files of their own in the same format. ``load`` reads
the files (``kbfiles``) and builds normalised indexes once per set of files. Names match whatever their case, diacritics, quotes, hyphens, a leading "the" or a
possessive "'s". Acronyms of up to three characters ("UN", "US", "WHO", "HTS") match only
as written, so that "who" or "us" in running text never resolve to an actor.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataError
from .kbfiles import ORG_KINDS, SECTORS, Record, _read_jsonl, _role, _Role, _seat, _strings
from .kbfiles import _CODE, _QID, _singular, _user_file, _valid, read_generic_tsv

# Person nouns that take the sector of a generic modifier: "rebel commander" is REB.
ROLE_HEADS = frozenset("leader leaders commander commanders spokesman spokeswoman spokesperson"
                       " official officials chief head member members".split())
_RANK = {"country": 4, "seat": 3, "capital": 2, "adjective": 1}  # people and organisations: 5
_CHARS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʻ": "'", "′": "'",
                        "ʿ": "", "ʾ": "", "‐": "-", "‑": "-", "–": "-", "—": "-", "ı": "i",
                        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae"})
_POSSESSIVE = re.compile(r"'s$|(?<=s)'$")
_NONWORD = re.compile(r"[^\w&+]+")
_GIVEN_NAMES = frozenset("abbas abdullah ahmad ahmed ali asif hassan hussein ibrahim ismail khalid khan"
                         " mahmoud mohamed mohammad mohammed muhammad mustafa omar said saleh shah"
                         " singh youssef yusuf".split())
_BUNDLED = (("countries.jsonl", "country"), ("people.jsonl", "person"),
            ("organizations.jsonl", "org"), ("ethnic_groups.jsonl", "ethnic"), ("generic.tsv", None))
# Converted from the Phoenix/PETRARCH2 dictionaries (scripts/actors_from_phoenix.py, MIT;
# data/actors/README.md): read first, so the curated files win, and for lookup only: their
# tens of thousands of aliases make no entity-ruler patterns and no bare surnames.
_CONVERTED = (("phoenix_people.jsonl", "person"), ("phoenix_organizations.jsonl", "org"))


def normalize(text: str) -> str:
    """The matching key of a name: no case, diacritics, quotes, possessive or punctuation."""
    t = unicodedata.normalize("NFKD", text.translate(_CHARS).strip().strip("\"“”"))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = _POSSESSIVE.sub("", t).replace("'", "").replace(".", "")
    return " ".join(_NONWORD.sub(" ", t).split())


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _acronym_key(text: str) -> str:
    t = _POSSESSIVE.sub("", text.translate(_CHARS).strip())
    t = t[4:] if t[:4] in ("the ", "The ") else t
    return t.replace(".", "").replace(" ", "")


def _is_acronym(text: str) -> bool:
    k = _acronym_key(text)
    return 2 <= len(k) <= 8 and k.isascii() and k == k.upper() and any(c.isalpha() for c in k)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """What a name stands for (on a date, for people and organisations)."""

    name: str
    country: str | None
    sector: str | None
    wikidata: str | None
    kind: str  # country | capital | seat | adjective | person | org | igo | group | media
    role: str | None = None  # e.g. "president" for people on the given date
    former: bool = False  # held the role before the given date but not on it


@dataclass(frozen=True, slots=True)
class _Actor:
    """A person or organisation whose country and sector may depend on the date."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None
    roles: tuple[_Role, ...]

    def live(self, on: date) -> bool:
        return any(r.live(on) for r in self.roles)

    def at(self, on: date | None) -> KBEntry:
        if not self.roles:
            return KBEntry(self.name, self.country, self.sector, self.wikidata, self.kind)
        if on is None:  # the latest role; former when the data says it has ended
            role = max(self.roles, key=lambda r: (r.start, r.end is None))
            return self._entry(role, role.end is not None)
        live = [r for r in self.roles if r.live(on)]
        if live:
            return self._entry(max(live, key=lambda r: r.start), False)
        past = [r for r in self.roles if r.end is not None and r.end <= on]
        if past:
            return self._entry(max(past, key=lambda r: r.end or date.min), True)
        first = min(self.roles, key=lambda r: r.start)  # in no role yet on that date
        return KBEntry(self.name, first.country, None, self.wikidata, self.kind)

    def _entry(self, role: _Role, former: bool) -> KBEntry:
        # a former holder keeps the last role's sector: actors resolve on the report date,
        # and a story told after a fall is mostly about acts from before it (Assad, 2024)
        return KBEntry(self.name, role.country, role.sector, self.wikidata, self.kind, role.role, former)


Target = KBEntry | _Actor


class KnowledgeBase:
    """Normalised indexes over the actor files; build with ``KnowledgeBase.load``."""

    def __init__(self, version: str) -> None:
        self.version = version
        self._names: dict[str, list[Target]] = {}
        self._acronyms: dict[str, list[Target]] = {}
        self._variants: dict[str, list[Target]] = {}
        self._surnames: dict[str, list[Target]] = {}
        self._adjectives: dict[str, str] = {}
        self._countries: dict[str, KBEntry] = {}
        self._generic: dict[str, str] = {}
        self._ids: dict[str, Target] = {}
        self._surfaces: list[tuple[str, str, str]] = []  # (text, ruler label, id)

    @classmethod
    def load(cls, extra_files: Sequence[str] = ()) -> KnowledgeBase:
        """The bundled knowledge base plus ``extra_files`` (JSONL actors or TSV generic nouns).

        Cached per set of files (and their modification times), so calling it again is free.
        """
        stamps = []
        for name in (extra_files,) if isinstance(extra_files, str) else extra_files:
            try:
                st = Path(name).stat()
            except OSError as exc:
                raise DataError(str(name), f"cannot read: {exc.strerror or exc}") from exc
            stamps.append((str(name), st.st_mtime_ns, st.st_size))
        return _load_cached(tuple(stamps))

    def lookup(self, text: str, on: date | None = None,
               kinds: Collection[str] | None = None) -> KBEntry | None:
        """The actor a name stands for on date ``on`` (the latest role when ``on`` is None).

        Tried in turn: acronyms as written, names and aliases, Arabic-article spellings
        ("Bashar Assad"), then surnames; the last two only when they point at one actor
        (or at one actor in office on ``on``). ``kinds`` keeps only entries of those kinds,
        e.g. ``{"person"}`` for a PERSON mention, so "Hamilton" is not Bermuda's capital.
        """
        key = normalize(text)
        tiers = ((self._acronyms.get(_acronym_key(text)), False),
                 (self._names.get(key) or self._names.get(_strip_the(key)), False),
                 (self._variants.get(_strip_the(key)), True),
                 (self._surnames.get(_strip_the(key)), True))
        for found, unique in tiers:
            hits = [t for t in found or () if kinds is None or t.kind in kinds]
            if hits:
                target = _pick(hits, on, unique)
                return None if target is None else _entry(target, on)
        return None

    def get(self, entry_id: str, on: date | None = None) -> KBEntry | None:
        """The entry behind a ruler pattern's ``id`` (spaCy's ``ent.ent_id_``)."""
        target = self._ids.get(entry_id)
        return None if target is None else _entry(target, on)

    def country(self, code: str) -> KBEntry | None:
        """The country entry for an ISO alpha-3 code."""
        return self._countries.get(code)

    def adjective(self, word: str) -> str | None:
        """Country code of an adjective or demonym: "Syrian" -> "SYR"."""
        return self._adjectives.get(normalize(word))

    def generic_sector(self, noun: str) -> str | None:
        """Sector of a generic description: "rebels" -> "REB", "Syrian authorities" -> "GOV".

        The longest known tail of the phrase decides ("opposition factions" -> REB but
        "opposition" -> OPP); a person noun takes its modifier's sector ("army spokesman").
        """
        words = normalize(noun).split()
        for i in range(len(words)):
            sector = self._generic_phrase(" ".join(words[i:]))
            if sector is not None:
                if i and i == len(words) - 1 and words[-1] in ROLE_HEADS:
                    return self.generic_sector(" ".join(words[:i])) or sector
                return sector
        return None

    def is_generic_phrase(self, phrase: str) -> bool:
        """Is the whole phrase in the generic-noun table ("riot police")?"""
        return self._generic_phrase(normalize(phrase)) is not None

    def _generic_phrase(self, phrase: str) -> str | None:
        return self._generic.get(phrase) or self._generic.get(_singular(phrase))

    def surnames(self) -> Mapping[str, tuple[str, ...]]:
        """Normalised surname -> names of the people who bear it (for short mentions)."""
        return {key: tuple(t.name for t in found) for key, found in self._surnames.items()}

    def ruler_patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler phrase patterns (PERSON, ORG, GPE, NORP), each with its entry id."""
        seen: set[tuple[str, str]] = set()
        patterns = []
        for text, label, entry_id in self._surfaces:
            for form in self._pattern_forms(text, entry_id):
                if (label, form) not in seen:
                    seen.add((label, form))
                    patterns.append({"label": label, "pattern": form, "id": entry_id})
        return patterns

    def _pattern_forms(self, text: str, entry_id: str) -> tuple[str, ...]:
        if text[:4] not in ("the ", "The "):
            return (text,)
        bare = text[4:]
        if self._ids.get(entry_id) in self._names.get(normalize(bare), ()):
            return (bare,)
        return ("The " + bare, "the " + bare)  # the article belongs to the name


def _entry(target: Target, on: date | None) -> KBEntry:
    return target.at(on) if isinstance(target, _Actor) else target


def _pick(found: list[Target], on: date | None, unique: bool) -> Target | None:
    """Choose among targets sharing a key: in office on the date, then rank, then last loaded."""
    if len(found) == 1:
        return found[0]
    if on is not None:
        live = [t for t in found if isinstance(t, _Actor) and t.live(on)]
        if len(live) == 1 or (live and not unique):
            return live[-1]
    if unique:
        return None
    best = max(_RANK.get(t.kind, 5) for t in found)
    return [t for t in found if _RANK.get(t.kind, 5) == best][-1]


def _article_variants(key: str) -> set[str]:
    """ "bashar al assad" -> {"bashar el assad", "bashar assad"}: spellings of Arabic articles."""
    words = key.split()
    if not {"al", "el"} & set(words[:-1]):
        return set()
    forms = {""}
    for word in words:
        options = ("al ", "el ", "") if word in ("al", "el") else (word + " ",)
        forms = {f + o for f in forms for o in options}
    return {" ".join(f.split()) for f in forms} - {key}


def _surname_keys(name: str, surname: str | None) -> list[str]:
    """Explicit ``surname`` ("" for none), else the last word of a western-order name."""
    if surname is not None:
        return [normalize(surname)] if surname.strip() else []
    words = [w for w in normalize(name).split() if not re.fullmatch(r"[ivx]+|jr|sr", w)]
    if len(words) < 2 or len(words[-1]) < 3 or {"bin", "ibn", "bint", "pope", "king", "queen"} & set(words):
        return []  # patronymics and titles make no surname
    if words[-1] in _GIVEN_NAMES:
        return []  # "Fuad Hussein": a bare "Hussein" is more likely someone else
    return [words[-1]] + ([f"al {words[-1]}", f"el {words[-1]}"] if words[-2] in ("al", "el") else [])


# ---- building the indexes (the files are read and validated in kbfiles.py)


class _Builder:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def name(self, text: str, target: Target, entry_id: str, label: str, acronym: bool = False,
             quiet: bool = False) -> None:
        """Index a name; ``quiet`` names are looked up but make no entity-ruler pattern."""
        kb = self.kb
        if not quiet:
            kb._surfaces.append((text, label, entry_id))
        if acronym or _is_acronym(text):
            key = _acronym_key(text)
            kb._acronyms.setdefault(key, []).append(target)
            if len(key) < 4:
                return  # short acronyms match only as written
        key = normalize(text)
        kb._names.setdefault(key, []).append(target)
        if isinstance(target, _Actor):
            for variant in _article_variants(key):
                kb._variants.setdefault(variant, []).append(target)

    def country(self, obj: dict[str, Any]) -> None:
        kb, name, qid = self.kb, obj["name"], _valid(obj.get("wikidata"), _QID, "wikidata")
        code = _valid(obj["code"], _CODE, "code", False)
        kb._countries[code] = kb._ids[f"country:{code}"] = entry = KBEntry(name, code, None, qid, "country")
        for text in (name, *_strings(obj, "aliases")):
            self.name(text, entry, f"country:{code}", "GPE")
        adjective = kb._ids[f"adjective:{code}"] = KBEntry(name, code, None, qid, "adjective")
        for text in _strings(obj, "adjectives"):
            kb._adjectives[normalize(text)] = code
            self.name(text, adjective, f"adjective:{code}", "NORP")
        if not isinstance(obj.get("capital") or "", str):
            raise ValueError('"capital" must be a string or null')
        if obj.get("capital"):
            capital = kb._ids[f"capital:{code}"] = KBEntry(obj["capital"], code, "GOV", None, "capital")
            for text in (obj["capital"], *_strings(obj, "capital_aliases")):
                if normalize(text) not in kb._names:  # city-states: the country wins
                    self.name(text, capital, f"capital:{code}", "GPE")
        for seat in obj.get("seats", []):
            text, sector, label = _seat(seat)
            bare = text[4:] if text[:4] in ("the ", "The ") else text
            entry_id = f"seat:{code}:{normalize(bare).replace(' ', '-')}"
            target = kb._ids.setdefault(entry_id, KBEntry(bare, code, sector, None, "seat"))
            self.name(text, target, entry_id, label)

    def ethnic(self, obj: dict[str, Any]) -> None:
        """A people living mostly in one country: its adjectives name that country's people."""
        code = _valid(obj["country"], _CODE, "country", False)
        entry_id = f"ethnic:{normalize(obj['name']).replace(' ', '-')}"
        entry = self.kb._ids[entry_id] = KBEntry(obj["name"], code, None, _valid(
            obj.get("wikidata"), _QID, "wikidata"), "adjective")
        for text in _strings(obj, "adjectives"):
            self.kb._adjectives[normalize(text)] = code
            self.name(text, entry, entry_id, "NORP")

    def actor(self, kind: str, obj: dict[str, Any], entry_id: str, quiet: bool = False) -> None:
        roles = tuple(_role(r) for r in obj.get("roles", []))
        name, qid = obj["name"], _valid(obj.get("wikidata"), _QID, "wikidata")
        if kind == "person":
            if not roles:
                raise ValueError('a person needs a non-empty "roles" list')
            if not isinstance(obj.get("surname", ""), str):
                raise ValueError('"surname" must be a string')
            actor = _Actor(name, "person", None, None, qid, roles)
        else:
            # a country without a sector is allowed (police: the guide leaves their sector null)
            sector = _valid(obj.get("sector"), SECTORS, "sector", null=bool(roles or obj.get("country")))
            sub = obj.get("kind") or ORG_KINDS.get(sector or "", "org")
            if sub not in ("org", *ORG_KINDS.values()):
                raise ValueError(f"kind {sub!r} is not one of org, igo, group, media")
            actor = _Actor(name, sub, _valid(obj.get("country"), _CODE, "country"), sector, qid, roles)
        self.kb._ids[entry_id] = actor
        label = "PERSON" if kind == "person" else "ORG"
        for text in (name, *_strings(obj, "aliases")):
            self.name(text, actor, entry_id, label, quiet=quiet)
        for text in _strings(obj, "acronyms"):
            self.name(text, actor, entry_id, label, acronym=True, quiet=quiet)
        if kind == "person" and not quiet:
            for key in _surname_keys(name, obj.get("surname")):
                self.kb._surnames.setdefault(key, []).append(actor)


def _record_id(record: Record) -> str:
    kind, obj, label, lineno = record
    if not isinstance(obj.get("name"), str) or not obj["name"].strip():
        raise DataError(label, '"name" must be a non-empty string', lineno)
    if kind == "country":
        return f"country:{obj.get('code')}"
    return str(obj["id"]) if obj.get("id") else f"{kind}:{normalize(obj['name']).replace(' ', '-')}"


@functools.lru_cache(maxsize=8)
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> KnowledgeBase:
    root = resources.files("tidings").joinpath("data/actors")
    files = [(f"tidings/data/actors/{n}", root.joinpath(n).read_text("utf-8"), k)
             for n, k in _CONVERTED + _BUNDLED]
    converted = {f"tidings/data/actors/{n}" for n, _ in _CONVERTED}
    user = [_user_file(name) for name, _, _ in stamps]
    version = json.loads(root.joinpath("VERSION").read_text("utf-8"))["version"]
    if user:
        digest = hashlib.sha256("\0".join(text for _, text, _ in user).encode()).hexdigest()[:8]
        version = f"{version}+user.{digest}"
    kb = KnowledgeBase(version)
    records: dict[str, Record] = {}
    for label, text, default in files + user:
        if label.endswith(".tsv"):
            kb._generic.update(read_generic_tsv(label, text, normalize))
            continue
        for record in _read_jsonl(label, text, default):
            records[_record_id(record)] = record  # a later file overrides an earlier entry
    builder = _Builder(kb)
    for entry_id, (kind, obj, label, lineno) in records.items():
        try:
            if kind == "country":
                builder.country(obj)
            elif kind == "ethnic":
                builder.ethnic(obj)
            else:
                builder.actor(kind, obj, entry_id, quiet=label in converted)
        except KeyError as exc:
            raise DataError(label, f"missing field {exc}", lineno) from exc
        except (ValueError, TypeError) as exc:
            raise DataError(label, str(exc), lineno) from exc
    return kb
