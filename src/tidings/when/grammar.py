"""The date-expression grammar: word lists from ``data/when`` compiled into one pattern.

Loaded once per process (``_grammar()``); a malformed list is a DataError naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..errors import DataError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "when"


def _rows(filename: str, ncols: int) -> list[list[str]]:
    path = DATA_DIR / filename
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < ncols or not all(cols[:ncols]):
                raise DataError(str(path), f"expected {ncols} tab-separated columns", lineno)
            rows.append(cols)
    return rows


def _ints(filename: str, col: int = 1) -> dict[str, int]:
    try:
        return {r[0].lower(): int(r[col]) for r in _rows(filename, col + 1)}
    except ValueError as exc:
        raise DataError(str(DATA_DIR / filename), f"not a number: {exc}") from None


def _set(filename: str) -> frozenset[str]:
    return frozenset(r[0].lower() for r in _rows(filename, 1))


def _alt(words: Iterable[str], title: bool = False) -> str:
    """Regex alternation, longest first; a space matches any run of whitespace."""
    items = sorted({w.title() if title else w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True)
class _Grammar:
    """The word lists, the pattern compiled from them and the trigger words."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    relative: dict[str, int]
    parts: dict[str, tuple[int, int]]
    anchors: dict[str, int]
    prepositions: frozenset[str]
    holidays: frozenset[str]
    stops: frozenset[str]
    pattern: re.Pattern[str] = re.compile("")
    triggers: re.Pattern[str] = re.compile("")
    slices: dict[str, tuple[int, int]] = field(default_factory=dict)

    def values(self, match: re.Match[str]) -> list[str]:
        """The groups of the alternative that matched ("" for those that did not take part)."""
        first, stop = self.slices[match.lastgroup or ""]
        return [match.group(i) or "" for i in range(first, stop)]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    firsts, lasts = _ints("parts.tsv", 1), _ints("parts.tsv", 2)
    g = _Grammar(
        months=_ints("months.tsv"), weekdays=_ints("weekdays.tsv"), numbers=_ints("numbers.tsv"),
        units={r[0].lower(): r[1] for r in _rows("units.tsv", 2)}, relative=_ints("relative.tsv"),
        parts={k: (firsts[k], lasts[k]) for k in firsts}, anchors=_ints("anchors.tsv"),
        prepositions=_set("prepositions.txt"), holidays=_set("holidays.txt"),
        stops=_set("anchor_stops.txt"))
    pattern = _compile(g)
    # Each alternative's own groups: from its named group to the next alternative's.
    starts = sorted((i, name) for name, i in pattern.groupindex.items())
    slices = {name: (i + 1, starts[k + 1][0] if k + 1 < len(starts) else pattern.groups + 1)
              for k, (i, name) in enumerate(starts)}
    # Every expression holds one of these, and the pattern is only tried near them (see
    # _candidates). Case-sensitive, which is fast: names capitalised, other words in lower or
    # title case.
    names = {w.title() for w in (*g.months, *g.weekdays)}
    cues = {w for k in (*g.relative, *g.parts) for w in k.split()} - {"the", "of"}
    cues |= {*g.units, *g.anchors, "ago", "next", "last", "this", "coming", "past"}
    triggers = re.compile(rf"\d+|\b(?:{_alt(names | cues | {w.title() for w in cues})})\b")
    return replace(g, pattern=pattern, triggers=triggers, slices=slices)


def _compile(g: _Grammar) -> re.Pattern[str]:
    short = {k for k in g.months if any(o != k and o.startswith(k) for o in g.months)}
    m = rf"(?:(?:{_alt(set(g.months) - short, title=True)})\b|(?:{_alt(short, title=True)})\b\.?)"
    w = rf"(?:{_alt(g.weekdays, title=True)})\b"
    num = rf"(?i:\d+|{_alt(g.numbers)})"
    unit = rf"(?i:{_alt(g.units)})\b"
    plural = r"(?i:minutes|hours|days|weeks|months|years)\b"
    near = _alt(a for a in g.anchors if a not in ("later", "earlier"))
    day, year = r"(\d{1,2})(?:st|nd|rd|th)?\b", r"(\d{4})\b"
    alternatives = {  # at one position the first that matches wins: longer forms first
        "iso": r"\b(\d{4})-(\d{2})-(\d{2})\b",
        "word": rf"\b(?i:({_alt(g.relative)}))\b",
        "mdy": rf"(?:{w},?\s+)?\b({m})\s+{day}(?:,?\s+{year})?(?!\s*[:.]?\d)",
        "dmy": rf"(?:{w},?\s+)?(?:\b(?i:the)\s+)?\b{day}\s+(?:of\s+)?({m})(?:,?\s+{year})?",
        "part": rf"\b((?i:{_alt(g.parts)}))[\s-]+(?:({m})(?:,?\s+{year})?|{year}(?![-/]\d))",
        "my": rf"\b({m}),?\s+(?:of\s+)?{year}",
        "span": r"\b(?i:(earlier|later)\s+this\s+(week|month|year))\b",
        "past": rf"\b(?i:the\s+past)\s+(?:({num})\s+)?({unit})",
        "period": r"\b(?i:(last|this|next|coming)\s+(week|weekend|month|year))\b",
        "ago": rf"\b(?:({num})\s+)?({unit})\s+(?i:ago)\b",
        "rel": rf"\b(?:({num})\s+({unit})|(?i:the)\s+((?i:day|night|morning|evening|week))"
               rf"|({plural}))\s+(?i:({near}))\b",
        "ana": rf"\b(?:({num})\s+({unit})|({plural}))\s+(?i:(later|earlier))\b",
        "next": r"\b(?i:the\s+(next|following)\s+(day|morning|week|month|year))\b",
        "wday": rf"(?:\b(?i:(last|next|this|coming|past))\s+)?\b({w})"
                r"(?:\s+(?i:morning|afternoon|evening|night))?",
        "mon": rf"\b(?i:(in|since|until|by|during|from|through|last|next|this|of))\s+({m})"
               r"(?!\s*\d|,?\s+of\s+\d)",
        "year": rf"\b(?i:(in|since|until|by|during|from|through|throughout|of|before|after))"
                rf"\s+{year}(?![-/]\d)",
    }
    return re.compile("|".join(f"(?P<{k}>{v})" for k, v in alternatives.items()))
