"""From a document offset to the parsed token there: shared by the stages that read the parse."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..model import Document


def token_at(doc: Document, pos: int, starts: list[int] | None = None) -> Any | None:
    """The parsed token at a document offset (binary search over the sections' parses;
    pass `starts`, the parses' offsets, when looking up many positions)."""
    if starts is None:
        starts = [p.offset for p in doc.parses]
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return None
    parse = doc.parses[i]
    sdoc = parse.doc
    if not len(sdoc):
        return None
    last = sdoc[-1]  # Doc.text joins every token: too slow to ask for per lookup
    if pos >= parse.offset + last.idx + len(last.text_with_ws):
        return None
    span = sdoc.char_span(pos - parse.offset, pos - parse.offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
