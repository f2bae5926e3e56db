"""A date for an event whose own clause has none: from its story context, then the report.

News dates most events once, early: "Russian forces shelled Kharkiv on Monday ... The strikes
hit a school" leaves the second sentence undated in the text. Such an event takes, in order:

1. the nearest date expression before it in its own paragraph (``basis: context``);
2. the lede's first date (the first body paragraph) or the dateline's (``basis: context``);
3. the publication date (``basis: report``, day precision).

Dates that point ahead (a relation not yet resolved) and dates found only in a caption are not
borrowed. An event stays undated only when the document has no publication date either.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Event, TimeSpan

CONTEXT = "context"
REPORT = "report"
BORROWED = frozenset({CONTEXT, REPORT})  # bases of dates the event's own text does not give


def _usable(span: TimeSpan) -> bool:
    return span.start is not None and span.span_start is not None and not span.relation


def context_date(doc: Document, event: Event) -> TimeSpan | None:
    """The borrowed date of an event that has none of its own (see the module docstring)."""
    section = doc.section_of(event.evidence.start)
    dated = [t for t in doc.times if _usable(t)]
    if section is not None and section.label in ("body", "caption", "title"):
        before = [t for t in dated if section.start <= t.span_start < event.evidence.start]  # type: ignore[operator]
        if before:
            return replace(max(before, key=lambda t: t.span_start or 0), basis=CONTEXT)
    for label in ("dateline", "body"):
        first = next((s for s in doc.sections if s.label == label), None)
        if first is None:
            continue
        inside = [t for t in dated if first.start <= t.span_start < first.end]  # type: ignore[operator]
        if inside:
            return replace(min(inside, key=lambda t: t.span_start or 0), basis=CONTEXT)
    if doc.published is None:
        return None
    day = doc.published.date()
    return TimeSpan(start=day, end=day, precision="day", text=None, basis=REPORT)
