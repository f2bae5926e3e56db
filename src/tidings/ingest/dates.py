"""Publication dates: from metadata values and from dateline lines, always UTC-aware.

A time with a zone ("07:08 GMT", "3:45 PM EST") is converted to UTC; a time without a
zone is taken as UTC; a date without a time is midnight UTC.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from .rules import MAX_LINE, load_rules

log = logging.getLogger(__name__)

_DATEPARSER_SETTINGS: dict[str, Any] = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
}
# A value with no four-digit year is relative ("yesterday", "2 hours ago"): it would be
# resolved against the reading time, not the publication, so it is not trusted.
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d{2}(?!\d)")
# Separators between a date and its time ("December 9, 2024 - 07:08 GMT") confuse dateparser.
_SEPARATORS = re.compile(r"\s+(?:[-–—|@•·]|at)\s+|\s*[|•·]\s*")


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _from_iso(value: str) -> datetime | None:
    try:
        return to_utc(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None


def _dateparser(value: str) -> datetime | None:
    import dateparser  # imported late: loading its language data takes a noticeable time

    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except Exception as exc:  # dateparser raises assorted types on odd input
        log.debug("dateparser failed on %r: %s", value, exc)
        return None
    return to_utc(parsed) if parsed is not None else None


def date_in_line(line: str) -> datetime | None:
    """The first date (with its time, if any) found in a dateline, or None."""
    if len(line) > MAX_LINE:  # no dateline is this long; the patterns need not see it
        return None
    for rule in load_rules().date:
        match = rule.pattern.search(line)
        if match is None:
            continue
        found = match.group(0).strip()
        moment = _from_iso(found) or _dateparser(_SEPARATORS.sub(" ", found))
        if moment is not None:
            return moment
    return None


def parse_datetime(value: str) -> datetime | None:
    """A metadata value ("2024-12-09T07:08:00Z", "Dec 8, 2024") as UTC, or None."""
    value = value.strip()
    if not value or not _YEAR.search(value):
        return None
    return _from_iso(value) or date_in_line(value) or _dateparser(_SEPARATORS.sub(" ", value))


def from_timestamp(value: float) -> datetime | None:
    """A Unix timestamp (seconds) as UTC, or None when out of range."""
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None
