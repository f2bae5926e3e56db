"""The SQL behind ``Store.events``: filters in, one parameterised SELECT out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import StoreError

# An event's own date range; an event without one falls back to its document's published
# day (the first 10 characters of the ISO timestamp), so undated events still sort and
# filter by when they were reported.
_DAY_START = "COALESCE(e.date_start, e.date_end, substr(d.published, 1, 10))"
_DAY_END = "COALESCE(e.date_end, e.date_start, substr(d.published, 1, 10))"


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    country: str | None = None
    certainty: str | Iterable[str] | None = None
    doc_id: str | None = None
    limit: int | None = None


def iso_day(value: date | str, name: str) -> str:
    """A date bound as 'YYYY-MM-DD' (ISO strings compare correctly as text)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise StoreError(f"{name}={value!r} is not a date (YYYY-MM-DD)") from None


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _actor_clause(actor: str) -> tuple[str, list[Any]]:
    clause = ("EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.id "
              "AND a.role IN ('source', 'target') AND ("
              "a.name LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\' "
              "OR a.country = ? COLLATE NOCASE))")
    return clause, [_like(actor), _like(actor), actor]


def _certainty_clause(certainty: str | Iterable[str]) -> tuple[str, list[Any]]:
    values = [certainty] if isinstance(certainty, str) else list(certainty)
    if not values:
        return "0", []
    return f"e.certainty IN ({', '.join('?' for _ in values)})", values


def _clauses(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.type is not None:
        where.append("e.event_type = ? COLLATE NOCASE")
        params.append(f.type)
    if f.actor is not None:
        clause, values = _actor_clause(f.actor)
        where.append(clause)
        params += values
    if f.since is not None:
        where.append(f"{_DAY_END} >= ?")
        params.append(iso_day(f.since, "since"))
    if f.until is not None:
        where.append(f"{_DAY_START} <= ?")
        params.append(iso_day(f.until, "until"))
    if f.country is not None:
        where.append("(e.source_country = ? COLLATE NOCASE OR e.target_country = ? "
                     "COLLATE NOCASE OR e.place_country = ? COLLATE NOCASE)")
        params += [f.country] * 3
    if f.certainty is not None:
        clause, values = _certainty_clause(f.certainty)
        where.append(clause)
        params += values
    if f.doc_id is not None:
        where.append("e.doc_id = ?")
        params.append(f.doc_id)
    return where, params


def event_query(f: EventFilter) -> tuple[str, list[Any]]:
    where, params = _clauses(f)
    sql = ("SELECT e.record FROM events e JOIN documents d ON d.id = e.doc_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           # Undated events last; then in document order so a story reads top to bottom.
           + f" ORDER BY {_DAY_START} IS NULL, {_DAY_START}, d.published, e.doc_id,"
             " e.evidence_start, e.id")
    if f.limit is not None:
        if f.limit < 0:
            raise StoreError(f"limit={f.limit} must not be negative")
        sql += " LIMIT ?"
        params.append(f.limit)
    return sql, params
