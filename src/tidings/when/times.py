"""Dates in news text: find date expressions and resolve them against the publication date.

``find_times`` scans a sentence (or section) with one regular expression compiled from the
word lists in ``data/when/`` and turns each match into a ``TimeSpan``:

* basis "text": absolute in the text ("July 24, 2024", "2024-07-24", "March 2023", "in 2023");
* basis "relative": resolved against publication ("yesterday", "on Sunday", "last week", and
  "Dec. 8" or "late November", whose year comes from publication);
* basis "caption": as "relative", when the caller says the text is a caption whose "today" is
  the caption's own date (``today_is_caption``; pass that date as ``published``);
* basis "relation": tied to another event ("two days prior to the operation"): no dates, a
  ``relation`` such as "-2 days: the operation" that ``resolve_relation`` can settle later.

Without a publication date a relative expression comes back with no dates, precision
"unknown" and a ``relation`` naming what it is relative to ("yesterday: publication date").
Ambiguous numeric dates ("8/12") are skipped, and so are impossible ones ("Feb 30",
"32 March", "year 99999"). Past tense is assumed (``future=False``): "on Sunday" is the last
Sunday on or before publication; a caller that knows the clause is in the future passes
``future=True`` and gets the next one.

dateparser is not used: once the regex has split an expression, each form is a few calendar
sums; dateparser costs ~1 ms a call and knows no form this module misses.

Speed, measured on the dev container (CPython 3.11) over 1000 GeoVirus (Wikinews) sentences
without a date, 130 characters on average: 37-52 µs per sentence (target < 300 µs; the test
asserts it); 543 sentences with dates: 65-110 µs. The trick is in ``_candidates``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..model import TimeSpan
from .dates import (
    _UNIT_DAYS, _Range, _month, _orient, _shift, _step, _week, _weekday,
)
from .grammar import DATA_DIR, _Grammar, _grammar

# Years a bare "in 2023" may name; outside this a four-digit number is more likely a count.
MIN_YEAR, MAX_YEAR = 1800, 2199
# Counts beyond this ("99999 days ago") are not dates; also keeps timedelta from overflowing.
MAX_COUNT = 1000
# An expression starts at most this many words before the word that triggers a look at it
# ("a couple of | days ago"; "the 8th of | December" has the digit as an earlier trigger).
WORDS_BEFORE_TRIGGER = 3
# An anchor phrase ("the attack on ...") keeps at most this many words.
MAX_ANCHOR_WORDS = 5
PREVIOUS_EVENT = "(previous event)"



# --- calendar helpers ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Ctx:
    g: _Grammar
    pub: date | None
    published: datetime | None
    future: bool
    basis: str  # of expressions resolved against publication: relative or caption


def _key(text: str) -> str:
    return " ".join(text.lower().rstrip(".").split())


def _count(word: str, g: _Grammar) -> int | None:
    """A count in digits or words; None when absent; ValueError when absurd."""
    if not word:
        return None
    value = int(word) if word.isdigit() else g.numbers[_key(word)]
    if value > MAX_COUNT:
        raise ValueError(f"count {word}")
    return value


def _absolute(ctx: _Ctx, kind: str, v: list[str]) -> _Range | None:
    """Dates spelled out in the text; None when the year must come from a missing publication."""
    g, pub = ctx.g, ctx.pub
    if kind == "iso":
        d = date(int(v[0]), int(v[1]), int(v[2]))
        return d, d, "day"
    if kind == "my":
        return _month(int(v[1]), g.months[_key(v[0])])
    if kind == "year":
        if not MIN_YEAR <= int(v[1]) <= MAX_YEAR:
            raise ValueError(f"year {v[1]}")
        return date(int(v[1]), 1, 1), date(int(v[1]), 12, 31), "year"
    if kind == "part" and not v[1]:  # "early 2023": a third of the year
        y, third = int(v[3]), (g.parts[_key(v[0])][0] - 1) // 10
        return date(y, 4 * third + 1, 1), _month(y, 4 * third + 4)[1], "year"
    if kind == "part":  # early/mid/late Month [Year]
        (first, last), month = g.parts[_key(v[0])], g.months[_key(v[1])]

        def make(y: int) -> _Range:
            end = min(last, calendar.monthrange(y, month)[1])
            return date(y, month, first), date(y, month, end), "month"
    else:  # mdy, dmy
        mon, dd = (v[0], v[1]) if kind == "mdy" else (v[1], v[0])
        month, day_ = g.months[_key(mon)], int(dd)
        date(2000, month, day_)  # a leap year: Feb 29 passes, Feb 30 raises

        def make(y: int) -> _Range:
            d = date(y, month, min(day_, calendar.monthrange(y, month)[1]))
            return d, d, "day"
    if v[2]:
        return make(int(v[2]))
    return _orient(make, pub, ctx.future) if pub else None


def _relative(ctx: _Ctx, kind: str, v: list[str], pub: date) -> _Range | None:
    """Expressions resolved against the publication date."""
    g = ctx.g
    if kind == "word":
        d = pub + timedelta(days=g.relative[_key(v[0])])
        return d, d, "day"
    if kind == "span":  # earlier/later this week|month|year
        start, end, precision = _shift(pub, 0, v[1].lower())
        return (start, pub, precision) if v[0].lower() == "earlier" else (pub, end, precision)
    if kind == "past":  # the past (two) weeks, the past 24 hours
        unit, count = g.units[v[1].lower()], _count(v[0], g) or 1
        days = -(-count // 24) if unit == "hour" else 1 if unit == "minute" else (
            count * _UNIT_DAYS[unit])
        size = "day" if days <= 1 else "week" if days <= 7 else "month" if days <= 31 else "year"
        return pub - timedelta(days=days), pub, size
    if kind == "period":
        step = {"last": -1, "this": 0, "next": 1, "coming": 1}[v[0].lower()]
        if v[1].lower() == "weekend":
            saturday = _week(pub)[0] + timedelta(days=5 + 7 * step)
            return saturday, saturday + timedelta(days=1), "week"
        return _shift(pub, step, v[1].lower())
    if kind == "ago":
        n, unit = _count(v[0], g), g.units[v[1].lower()]
        if unit in ("minute", "hour"):  # the publication day, or the day before
            moment = ctx.published - timedelta(**{unit + "s": n or 0}) if ctx.published else None
            d = moment.date() if moment else pub
            return d, d, "day"
        return _shift(pub, -n, unit) if n is not None else None  # "days ago": too vague
    if kind == "wday":
        d = _weekday(pub, g.weekdays[v[1].lower()], v[0].lower(), ctx.future)
        return d, d, "day"
    cue, month = v[0].lower(), g.months[_key(v[1])]  # mon
    if cue in ("last", "next", "this"):
        shift = {"last": -(month >= pub.month), "next": int(month <= pub.month), "this": 0}[cue]
        return _month(pub.year + shift, month)
    return _orient(lambda y: _month(y, month), pub, ctx.future)


def _relation(g: _Grammar, kind: str, v: list[str], anchor: str) -> str:
    """The relation string of an anchored expression ("-2 days: the operation")."""
    if kind == "next":  # the next/following day
        return f"+1 {v[1].lower().replace('morning', 'day')}: {PREVIOUS_EVENT}"
    if kind == "ana":  # (count unit | plural) later/earlier
        n, unit, cue = v[0], v[1] or v[2], v[3]
    elif v[2]:  # the day/night before, the week after
        n, unit, cue = "1", v[2].lower().replace("night", "day").replace("morning", "day"), v[4]
        unit = "day" if unit == "evening" else unit
    else:  # (count unit | plural) before/after
        n, unit, cue = v[0], v[1] or v[3], v[4]
    count, unit = _count(n, g), g.units.get(unit.lower(), unit.lower())
    sign = "+" if g.anchors[_key(cue)] > 0 else "-"
    amount = f"{count} {unit}{'s' if count != 1 else ''}" if count is not None else f"some {unit}s"
    return f"{sign}{amount}: {anchor or PREVIOUS_EVENT}"


_WORD = re.compile(r"\s*([\w'’-]+)")


def _anchor(text: str, pos: int, g: _Grammar) -> tuple[str, int]:
    """The event phrase after an anchor cue (words up to a stop word or punctuation), and
    where it ends."""
    words: list[str] = []
    while len(words) < MAX_ANCHOR_WORDS and (m := _WORD.match(text, pos)):
        if m.group(1).lower() in g.stops:
            break
        words.append(m.group(1))
        pos = m.end()
    return " ".join(words), pos


def _interpret(ctx: _Ctx, match: re.Match[str], text: str) -> tuple[TimeSpan | None, int]:
    """The TimeSpan of one match (dates and basis; the caller adds text and offsets), and
    where it ends (past the match for an anchor phrase). Raises ValueError, KeyError or
    OverflowError for impossible dates."""
    kind, v, end = match.lastgroup or "", ctx.g.values(match), match.end()
    if kind == "rel":  # "two days before the vote", or "two days before July 4": settled now
        after = end + len(text[end:]) - len(text[end:].lstrip())
        inner = ctx.g.pattern.match(text, after) if after > end else None
        if inner is not None and inner.lastgroup not in ("rel", "ana", "next"):
            anchor, _ = _interpret(ctx, inner, text)
            if anchor is not None:
                relation = _relation(ctx.g, kind, v, inner.group())
                span = TimeSpan(None, None, "unknown", basis="relation", relation=relation)
                return replace(resolve_relation(span, anchor), basis=anchor.basis), inner.end()
        phrase, end = _anchor(text, end, ctx.g)
        return TimeSpan(None, None, "unknown", basis="relation",
                        relation=_relation(ctx.g, kind, v, phrase)), end
    if kind in ("ana", "next"):
        relation = _relation(ctx.g, kind, v, PREVIOUS_EVENT)
        return TimeSpan(None, None, "unknown", basis="relation", relation=relation), end
    expr = _key(match.group())
    if kind in ("iso", "mdy", "dmy", "my", "year", "part"):
        rng = _absolute(ctx, kind, v)
        if rng is None:  # a yearless date and no publication to take the year from
            return TimeSpan(None, None, "unknown", basis="relative",
                            relation=f"{expr}: publication year"), end
        yearless = kind in ("mdy", "dmy") and not v[2] or kind == "part" and v[1] and not v[2]
        return TimeSpan(rng[0], rng[1], rng[2], basis=ctx.basis if yearless else "text"), end
    if ctx.pub is None:
        return TimeSpan(None, None, "unknown", basis="relative",
                        relation=f"{expr}: publication date"), end
    found = _relative(ctx, kind, v, ctx.pub)
    return (TimeSpan(found[0], found[1], found[2], basis=ctx.basis) if found else None), end


@lru_cache(maxsize=1)
def _future_re() -> re.Pattern[str]:
    words = [w for w in (DATA_DIR / "future.txt").read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.strip()) for w in words) + r")(?!\w)",
                      re.I)


def speaks_of_future(sentence: str) -> bool:
    """Does the sentence look ahead ("will meet on Monday")? Then weekdays are upcoming."""
    return _future_re().search(sentence) is not None


def find_times(text: str, offset: int, published: datetime | None,
               today_is_caption: bool = False, future: bool = False) -> list[TimeSpan]:
    """Date expressions in ``text`` (whose first character is at document offset ``offset``),
    resolved against ``published``; see the module docstring. Never raises on odd text."""
    g = _grammar()
    ctx = _Ctx(g, published.date() if published else None, published, future,
               "caption" if today_is_caption else "relative")
    found: list[TimeSpan] = []
    done = 0  # end of the last span, which may run past its match (an anchor phrase)
    for match in _candidates(text, g):
        if match.start() < done or match.lastgroup == "wday" and _after_holiday(text, match, g):
            continue
        try:
            span, end = _interpret(ctx, match, text)
        except (ValueError, KeyError, OverflowError):  # "Feb 30", year 0, 10**6 days ago
            continue
        if span is not None:
            start = _trim(text, match.start(), end, g)
            found.append(replace(span, text=text[start:end], span_start=offset + start,
                                 span_end=offset + end))
            done = end
    return found


def _candidates(text: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """Matches of the full pattern, tried only where an expression can start: at a trigger
    word or up to WORDS_BEFORE_TRIGGER words before it. Sliding the pattern along a whole
    sentence costs ~200 µs; matching at a few word starts ~20x less."""
    scanned = 0
    for trigger in g.triggers.finditer(text):
        if trigger.start() < scanned:
            continue
        starts = [trigger.start()]
        for _ in range(WORDS_BEFORE_TRIGGER):
            previous = text.rfind(" ", scanned, max(0, starts[-1] - 1))
            if previous < 0:  # the first word of the text (or after the last match)
                if scanned < starts[-1]:
                    starts.append(scanned)
                break
            starts.append(previous + 1)
        scanned = trigger.end()
        for start in reversed(starts):  # the earliest start first: the longest expression
            while start < trigger.start() and not text[start].isalnum():
                start += 1  # an opening quote or bracket
            match = g.pattern.match(text, start)
            if match is not None and match.end() > trigger.start():
                scanned = max(scanned, match.end())
                yield match
                break


def _trim(text: str, start: int, end: int, g: _Grammar) -> int:
    """Leave a leading preposition ("on", "in") out of the span."""
    first = text[start:end].split(maxsplit=1)
    if len(first) == 2 and first[0].lower() in g.prepositions:
        return end - len(first[1])
    return start


def _after_holiday(text: str, match: re.Match[str], g: _Grammar) -> bool:
    """"Good Friday", "Black Friday": a named day, not last Friday."""
    before = text[max(0, match.start() - 12):match.start()].split()
    return bool(before) and before[-1].lower() in g.holidays


_RELATION = re.compile(r"^([+-])(\d+|some) (\w+?)s?: (.*)$")


def resolve_relation(span: TimeSpan, anchor: TimeSpan) -> TimeSpan:
    """Settle a "relation" span once its anchor event's date is known: "-2 days" from an
    anchor on 2024-07-10 is 2024-07-08; "+2 weeks" from a day is that week. Other spans, and
    anchors without dates, come back unchanged. A vague amount ("days before") gives a range
    of one to six units (precision one step coarser); hours and minutes keep the anchor's day."""
    m = _RELATION.match(span.relation or "")
    if span.basis != "relation" or m is None or anchor.start is None or anchor.end is None:
        return span
    sign, amount, unit = (1 if m.group(1) == "+" else -1), m.group(2), m.group(3)
    if unit in ("minute", "hour"):
        return replace(span, start=anchor.start, end=anchor.end, precision=anchor.precision)
    if amount == "some":
        near, far = _step(anchor, sign, 1, unit), _step(anchor, sign, 6, unit)
        start, end = (near[0], far[1]) if sign > 0 else (far[0], near[1])
        return replace(span, start=start, end=end,
                       precision={"day": "week", "week": "month"}.get(unit, "year"))
    start, end = _step(anchor, sign, int(amount), unit)
    if anchor.precision == "day" and unit != "day":  # "two weeks after" is roughly that week
        start, end, precision = _shift(start, 0, unit)
        return replace(span, start=start, end=end, precision=precision)
    return replace(span, start=start, end=end, precision=anchor.precision)
