"""Calendar arithmetic for date expressions: months, weeks, shifts from a publication date,
the year a yearless date falls in, weekdays, and steps from an anchor date."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from ..model import TimeSpan

# A yearless date more than this many days after publication in past-tense news is last
# year's ("Dec. 8" in a January article).
FUTURE_GRACE_DAYS = 14

_Range = tuple[date, date, str]  # start, end, precision
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "fortnight": 14, "month": 30,
              "year": 365}


def _month(y: int, m: int) -> _Range:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _week(d: date) -> _Range:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6), "week"


def _shift(pub: date, n: int, unit: str) -> _Range:
    """The day, week, month or year n units from the publication date (negative: before)."""
    if unit in ("minute", "hour", "day"):
        d = pub + timedelta(days=n if unit == "day" else 0)
        return d, d, "day"
    if unit in ("week", "fortnight"):
        return _week(pub + timedelta(days=n * _UNIT_DAYS[unit]))
    if unit == "month":
        d = _add_months(pub, n)
        return _month(d.year, d.month)
    return date(pub.year + n, 1, 1), date(pub.year + n, 12, 31), "year"


def _orient(make: Callable[[int], _Range], pub: date, future: bool) -> _Range:
    """The occurrence of a yearless date meant: this year's, unless past-tense news puts it
    well after publication (then last year's) or future tense before it (next year's)."""
    rng = make(pub.year)
    if not future and rng[0] > pub + timedelta(days=FUTURE_GRACE_DAYS):
        return make(pub.year - 1)
    if future and rng[1] < pub:
        return make(pub.year + 1)
    return rng


def _weekday(pub: date, target: int, cue: str, future: bool) -> date:
    back, ahead = (pub.weekday() - target) % 7, (target - pub.weekday()) % 7
    if cue in ("last", "past"):
        return pub - timedelta(days=back or 7)
    if cue in ("next", "coming"):
        return pub + timedelta(days=ahead or 7)
    if cue == "this":
        return _week(pub)[0] + timedelta(days=target)
    return pub + timedelta(days=ahead) if future else pub - timedelta(days=back)


# --- one match -> one TimeSpan -----------------------------------------------------------------


def _step(anchor: TimeSpan, sign: int, n: int, unit: str) -> tuple[date, date]:
    assert anchor.start is not None and anchor.end is not None
    if unit in ("month", "year"):
        months = n * (12 if unit == "year" else 1) * sign
        return _add_months(anchor.start, months), _add_months(anchor.end, months)
    delta = timedelta(days=n * _UNIT_DAYS.get(unit, 1) * sign)
    return anchor.start + delta, anchor.end + delta
