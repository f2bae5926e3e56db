"""Reading and validating actor files: JSON Lines records, dates, roles and seats.

Split from ``kb`` (which builds the indexes and answers lookups). A malformed line is a
DataError naming the file and line, raised by ``kb`` with the reason given here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError

SECTORS = frozenset("GOV MIL REB OPP POL IGO NGO MED CVL BUS JUD REL".split())
ORG_KINDS = {"IGO": "igo", "REB": "group", "MED": "media"}  # sector -> kind; others are "org"
_FIELDS = {
    "country": {"code", "name", "aliases", "adjectives", "capital", "capital_aliases", "seats", "wikidata"},
    "person": {"name", "aliases", "wikidata", "roles", "surname", "id"},
    "org": {"name", "aliases", "acronyms", "country", "sector", "wikidata", "roles", "kind", "id"},
    "ethnic": {"name", "adjectives", "country", "wikidata"},
}
_TYPES = {"country": "country", "person": "person", "people": "person", "org": "org",
          "organization": "org", "organisation": "org", "igo": "org", "group": "org", "media": "org",
          "ethnic": "ethnic"}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_QID = re.compile(r"Q[1-9]\d*")
_CODE = re.compile(r"[A-Z]{3}")
_FILE_TYPES = (("countr", "country"), ("people", "person"), ("person", "person"), ("org", "org"), ("ethnic", "ethnic"))


def _date(value: Any, end: bool) -> date | None:
    """ISO date, or YYYY / YYYY-MM: a start becomes the first day, an end the day after."""
    if value is None:
        return None
    m = _DATE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError(f"bad date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month = int(m[1]), int(m[2] or 1)
    first = date(year, month, int(m[3] or 1))
    if not end or m[3]:
        return first
    return date(year + month // 12, month % 12 + 1, 1) if m[2] else date(year + 1, 1, 1)


@dataclass(frozen=True, slots=True)
class _Role:
    country: str | None
    sector: str | None  # null: the source knows the country but not the sector (an elite)
    role: str | None
    start: date
    end: date | None  # the first day out of the role

    def live(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


Record = tuple[str, dict[str, Any], str, int]  # (type, object, path, line)


def _read_jsonl(label: str, text: str, default: str | None) -> Iterator[Record]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(label, f"invalid JSON: {exc.msg} (column {exc.colno})", lineno) from exc
        if not isinstance(obj, dict):
            raise DataError(label, "expected a JSON object", lineno)
        given = str(obj.pop("type", default or "")).lower()
        kind = _TYPES.get(given)
        if kind is None:
            raise DataError(label, 'unknown entry type: give "type" as country, person, org or ethnic', lineno)
        if given in ORG_KINDS.values() and obj.get("kind") is None:
            obj["kind"] = given
        obj.pop("note", None)
        unknown = set(obj) - _FIELDS[kind]
        if unknown:
            raise DataError(label, f"unknown field(s) for a {kind}: {sorted(unknown)}", lineno)
        yield kind, obj, label, lineno


def _strings(obj: dict[str, Any], field: str) -> list[str]:
    value = obj.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f'"{field}" must be a list of non-empty strings')
    return value


def _valid(value: Any, allowed: re.Pattern[str] | frozenset[str], what: str, null: bool = True) -> Any:
    """``value`` when null is allowed and it is None, or when it matches ``allowed``."""
    ok = (value is None and null) or (isinstance(value, str) and (
        bool(allowed.fullmatch(value)) if isinstance(allowed, re.Pattern) else value in allowed))
    if not ok:
        raise ValueError(f"{what} {value!r} is not valid: expected {_EXPECTED[what]}")
    return value


_EXPECTED = {"country": "an ISO 3166 alpha-3 code or null", "code": "an ISO 3166 alpha-3 code",
             "sector": "one of " + " ".join(sorted(SECTORS)), "wikidata": "a QID like Q159 or null"}


def _seat(seat: Any) -> tuple[str, str, str]:
    """(name, sector, ruler label) of a seat: "Kremlin" or {"name", "sector"?, "label"?}."""
    if isinstance(seat, str) and seat.strip():
        return seat, "GOV", "ORG"
    if isinstance(seat, dict) and isinstance(seat.get("name"), str) and set(seat) <= {"name", "sector", "label"}:
        label = seat.get("label", "ORG")
        if label not in ("ORG", "GPE", "FAC"):
            raise ValueError('a seat\'s "label" is ORG, GPE or FAC')
        return seat["name"], _valid(seat.get("sector", "GOV"), SECTORS, "sector", False), label
    raise ValueError('a seat is a name or {"name": ..., "sector": ..., "label": ...}')


def _role(obj: Any) -> _Role:
    if not isinstance(obj, dict) or set(obj) - {"country", "sector", "role", "start", "end", "org"}:
        raise ValueError("a role is an object with country, sector, role, start and end")
    start, end = _date(obj.get("start"), False) or date.min, _date(obj.get("end"), True)
    if end is not None and end <= start:
        raise ValueError(f"role ends before it starts: {obj.get('start')} .. {obj.get('end')}")
    if not isinstance(obj.get("role", ""), (str, type(None))):
        raise ValueError('a role\'s "role" must be a string')
    country = _valid(obj.get("country"), _CODE, "country")
    return _Role(country, _valid(obj.get("sector"), SECTORS, "sector"), obj.get("role"), start, end)


def _user_file(name: str) -> tuple[str, str, str | None]:
    """(path, text, entry type told by the file name: countries*, people*/person*, org*)."""
    try:
        text = Path(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(name, f"cannot read: {exc}") from exc
    words = re.split(r"[^a-z]+", Path(name).name.lower())
    kinds = [k for w in words for p, k in _FILE_TYPES if w.startswith(p)]
    return name, text, (kinds[0] if kinds else None)


def read_generic_tsv(label: str, text: str, key: Callable[[str], str]) -> dict[str, str]:
    """The generic-noun table (noun -> sector), singulars added; `key` normalises a noun."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t")[:2] != ["noun", "sector"]:
        raise DataError(label, "the first line must be the header noun<TAB>sector<TAB>note", 1)
    table: dict[str, str] = {}
    for lineno, line in enumerate(lines[1:], 2):
        cells = [c.strip() for c in line.split("\t")]
        if line.strip() and (len(cells) < 2 or not cells[0] or cells[1] not in SECTORS):
            raise DataError(label, f"expected noun<TAB>sector, sector one of {sorted(SECTORS)}", lineno)
        if line.strip():
            table[key(cells[0])] = cells[1]
    for key, sector in list(table.items()):
        table.setdefault(_singular(key), sector)
    return table


def _singular(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    for suffix, repl in (("ies", "y"), ("men", "man"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss")):
        if last.endswith(suffix):
            return f"{head} {last[: -len(suffix)]}{repl}".strip()
    if last.endswith("s") and not last.endswith("ss"):
        return f"{head} {last[:-1]}".strip()
    return phrase
