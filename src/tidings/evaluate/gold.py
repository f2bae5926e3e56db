"""Gold event records (schema: ``shared/eval/GOLD.md``): load, validate, type.

``load_gold(path)`` reads JSON Lines, one gold event per line, and returns ``GoldEvent``
records. Anything malformed raises ``DataError(path, reason, line)``: a line that is not a
JSON object, a missing required field, an unknown PLOVER type, certainty, role or sector, a
country that is not three capital letters, a date that is neither ``YYYY-MM-DD`` nor
``start/end``, an evidence quote over 12 words. Blank lines and lines starting with ``#``
are skipped. Unknown fields (``note``...) are allowed and ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
import calendar
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..model import CERTAINTIES

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
SECTORS: frozenset[str] = frozenset(
    {"GOV", "MIL", "REB", "OPP", "POL", "IGO", "NGO", "MED", "CVL", "BUS", "JUD", "REL"}
)
ROLES: frozenset[str] = frozenset({"main", "background", "caption"})
DATE_BASES: frozenset[str] = frozenset({"text", "external"})
MAX_EVIDENCE_WORDS = 12
REQUIRED_FIELDS: tuple[str, ...] = ("doc", "event_key", "event_types", "certainty", "evidence")

_COUNTRY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class GoldActor:
    name: str | None
    country: str | None  # ISO 3166 alpha-3; None for IGOs, multinational or unknown
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive date range; a single day has ``start == end``."""

    start: date
    end: date

    def contains(self, start: date, end: date) -> bool:
        return self.start <= start and end <= self.end

    def __str__(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc: str
    event_key: str
    event_types: tuple[str, ...]
    evidence: str
    certainty: str
    source: GoldActor | None = None
    target: GoldActor | None = None
    date: DateRange | None = None
    date_basis: str | None = None
    place: GoldPlace | None = None
    attribution: str | None = None
    certainty_alt: tuple[str, ...] = ()
    role: str = "main"
    optional: bool = False
    symmetric: bool = False
    note: str | None = None
    line: int | None = None  # line number in the gold file, for messages

    @property
    def event_type(self) -> str:
        """The preferred type (the first listed)."""
        return self.event_types[0]


class _Invalid(ValueError):
    """A reason why one gold line is malformed (turned into DataError by the loader)."""


def _opt_str(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Invalid(f"'{key}' should be a string or null, not {type(value).__name__}")
    return value


def _country(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise _Invalid(f"{where}: country {value!r} is not an ISO 3166 alpha-3 code")
    return value


def _actor(value: Any, where: str) -> GoldActor | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _Invalid(f"'{where}' should be an object or null")
    sector = _opt_str(value, "sector")
    if sector is not None and sector not in SECTORS:
        raise _Invalid(f"{where}: unknown sector {sector!r}")
    return GoldActor(_opt_str(value, "name"), _country(value.get("country"), where), sector)


def _place(value: Any) -> GoldPlace | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _Invalid("'place' should be an object or null")
    return GoldPlace(_opt_str(value, "name"), _country(value.get("country"), "place"))


def _day(text: str, last: bool) -> date:
    """A day; a month ("2024-11") or a year stands for its first day, or its last (``last``)."""
    if len(text) == 7 and text[4] == "-":
        first = date(int(text[:4]), int(text[5:]), 1)
        return _month_end(first) if last else first
    if len(text) == 4 and text.isdigit():
        return date(int(text), 12, 31) if last else date(int(text), 1, 1)
    return date.fromisoformat(text)


def _month_end(first: date) -> date:
    return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def parse_date_range(value: Any) -> DateRange | None:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD`` (inclusive) -> DateRange; null -> None.
    A month or year alone ("2024-11", "2024") is the range of its days."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Invalid(f"date {value!r} should be a string")
    parts = value.split("/")
    if len(parts) > 2:
        raise _Invalid(f"date {value!r} has more than one '/'")
    try:
        days = [_day(parts[0], last=False), _day(parts[-1], last=True)]
    except ValueError as exc:
        raise _Invalid(f"date {value!r} is not YYYY-MM-DD, YYYY-MM, YYYY or a start/end range"
                       ) from exc
    if days[-1] < days[0]:
        raise _Invalid(f"date range {value!r} ends before it starts")
    return DateRange(days[0], days[-1])


def _types(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        raise _Invalid("'event_types' should be a list of 1 or 2 PLOVER types")
    for item in value:
        if item not in PLOVER_TYPES:
            raise _Invalid(f"unknown event type {item!r}")
    return tuple(value)


def _certainties(raw: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    certainty = raw.get("certainty")
    if certainty not in CERTAINTIES:
        raise _Invalid(f"unknown certainty {certainty!r}")
    alt = raw.get("certainty_alt") or []
    if not isinstance(alt, list) or any(a not in CERTAINTIES for a in alt):
        raise _Invalid(f"'certainty_alt' should be a list of certainties, not {alt!r}")
    return str(certainty), tuple(alt)


def _flag(raw: Mapping[str, Any], key: str) -> bool:
    value = raw.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Invalid(f"'{key}' should be true or false")
    return value


def _evidence(raw: Mapping[str, Any]) -> str:
    evidence = raw.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        raise _Invalid("'evidence' should be a non-empty string")
    if len(evidence.split()) > MAX_EVIDENCE_WORDS:
        raise _Invalid(f"evidence has more than {MAX_EVIDENCE_WORDS} words: {evidence!r}")
    return evidence


def gold_event(raw: Any, line: int | None = None) -> GoldEvent:
    """Validate one decoded gold object; raises ValueError (``_Invalid``) with the reason."""
    if not isinstance(raw, Mapping):
        raise _Invalid("a gold line should be a JSON object")
    missing = [key for key in REQUIRED_FIELDS if key not in raw]
    if missing:
        raise _Invalid(f"missing field(s): {', '.join(missing)}")
    doc, key = _opt_str(raw, "doc"), _opt_str(raw, "event_key")
    if doc is None or key is None:
        raise _Invalid("'doc' and 'event_key' should be non-empty strings")
    certainty, alt = _certainties(raw)
    basis, role = _opt_str(raw, "date_basis"), _opt_str(raw, "role") or "main"
    if basis is not None and basis not in DATE_BASES:
        raise _Invalid(f"unknown date_basis {basis!r}")
    if role not in ROLES:
        raise _Invalid(f"unknown role {role!r}")
    return GoldEvent(
        doc=doc, event_key=key, event_types=_types(raw["event_types"]),
        evidence=_evidence(raw), certainty=certainty, certainty_alt=alt,
        source=_actor(raw.get("source"), "source"), target=_actor(raw.get("target"), "target"),
        date=parse_date_range(raw.get("date")), date_basis=basis, place=_place(raw.get("place")),
        attribution=_opt_str(raw, "attribution"), role=role, optional=_flag(raw, "optional"),
        symmetric=_flag(raw, "symmetric"), note=_opt_str(raw, "note"), line=line,
    )


def parse_gold_lines(lines: Iterable[str], name: str) -> list[GoldEvent]:
    """Gold events from JSON Lines text; ``name`` is used in error messages."""
    events: list[GoldEvent] = []
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            raw = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise DataError(name, f"not valid JSON: {exc.msg}", number) from exc
        try:
            events.append(gold_event(raw, number))
        except _Invalid as exc:
            raise DataError(name, str(exc), number) from exc
    return events


def load_gold(path: str | Path) -> list[GoldEvent]:
    """Read and validate a gold JSON Lines file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), f"cannot read gold file: {exc}") from exc
    return parse_gold_lines(text.splitlines(), str(path))
