"""Event records flattened for display: CSV rows, field lines, highlighted evidence spans.

Pure functions over the public JSON record (see ``tidings.records``), so they work the
same on records from the store and on records fresh from ``extract``.
"""

from __future__ import annotations

from typing import Any

SPAN_ROLES: tuple[str, ...] = ("source", "target", "trigger", "date", "place")

FLAT_COLUMNS: tuple[str, ...] = (
    "id", "event_type", "mode", "cameo", "quad_class", "intensity",
    "date_start", "date_end", "date_precision", "date_basis",
    "source_text", "source_name", "source_country", "source_sector",
    "target_text", "target_name", "target_country", "target_sector",
    "place_name", "place_country", "lat", "lon", "geonames_id",
    "certainty", "modality", "attribution_speaker", "attribution_via",
    "evidence", "trigger", "section", "story_id",
    "doc_id", "doc_path", "doc_url", "doc_title", "published",
    "coder_name", "coder_version", "lexicon",
)

Record = dict[str, Any]


def _get(record: Record | None, *keys: str) -> Any:
    """record[k1][k2]…, or None as soon as a level is missing or null."""
    value: Any = record
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def flat_record(record: Record) -> dict[str, Any]:
    """One flat row (FLAT_COLUMNS) of an event record; lists are joined with '; '."""
    flat: dict[str, Any] = {k: record.get(k) for k in
                            ("id", "event_type", "mode", "cameo", "quad_class", "intensity",
                             "certainty", "story_id")}
    for part in ("start", "end", "precision", "basis"):
        flat[f"date_{part}"] = _get(record, "date", part)
    for role in ("source", "target"):
        for part in ("text", "name", "country", "sector"):
            flat[f"{role}_{part}"] = _get(record, role, part)
    for part in ("name", "country"):
        flat[f"place_{part}"] = _get(record, "place", part)
    for part in ("lat", "lon", "geonames_id"):
        flat[part] = _get(record, "place", part)
    flat["modality"] = "; ".join(record.get("modality") or [])
    flat["attribution_speaker"] = _get(record, "attribution", "speaker")
    flat["attribution_via"] = "; ".join(_get(record, "attribution", "via") or [])
    flat["evidence"] = _get(record, "evidence", "text")
    flat["trigger"] = _get(record, "evidence", "trigger", "text")
    flat["section"] = _get(record, "evidence", "section")
    for part, column in (("id", "doc_id"), ("path", "doc_path"), ("url", "doc_url"),
                         ("title", "doc_title"), ("published", "published")):
        flat[column] = _get(record, "document", part)
    for part, column in (("name", "coder_name"), ("version", "coder_version"),
                         ("lexicon", "lexicon")):
        flat[column] = _get(record, "coder", part)
    return {column: flat.get(column) for column in FLAT_COLUMNS}


def _span(part: Record | None, start: str = "start", end: str = "end") -> tuple[int, int] | None:
    if not isinstance(part, dict):
        return None
    s, e = part.get(start), part.get(end)
    return (s, e) if isinstance(s, int) and isinstance(e, int) and s < e else None


def evidence_spans(record: Record) -> list[tuple[int, int, str]]:
    """(start, end, role) of the source, target, trigger, date and place inside the
    evidence text, as offsets into that text. Spans outside the sentence (an actor named
    in an earlier sentence, a date from the dateline) are left out."""
    ev = record.get("evidence") or {}
    base, text = ev.get("start"), ev.get("text") or ""
    if not isinstance(base, int):
        return []
    found = {
        "source": _span(record.get("source")),
        "target": _span(record.get("target")),
        "trigger": _span(ev.get("trigger")),
        "date": _span(record.get("date"), "span_start", "span_end"),
        "place": _span(record.get("place")),
    }
    spans = []
    for role in SPAN_ROLES:
        where = found[role]
        if where is not None and base <= where[0] and where[1] <= base + len(text):
            spans.append((where[0] - base, where[1] - base, role))
    return spans


def nested(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans that can be shown as properly nested brackets: outer spans first; a span
    crossing one already kept (overlapping without containing) is dropped."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        crosses = any(k[0] < span[0] < k[1] < span[1] or span[0] < k[0] < span[1] < k[1]
                      for k in kept)
        if not crosses:
            kept.append(span)
    return kept


def bracketed(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each span written as ``[role: words]`` (for output without colour)."""
    opens: dict[int, list[tuple[int, str]]] = {}
    closes: dict[int, int] = {}
    for start, end, role in nested(spans):
        opens.setdefault(start, []).append((end, role))
        closes[end] = closes.get(end, 0) + 1
    out: list[str] = []
    for i in range(len(text) + 1):
        out.append("]" * closes.get(i, 0))
        # Longer spans open first so they close last.
        for _, role in sorted(opens.get(i, []), key=lambda o: -o[0]):
            out.append(f"[{role}: ")
        if i < len(text):
            out.append(text[i])
    return "".join(out)


def actor_label(actor: Record | None) -> str:
    """Short label for a table cell: the resolved name (or the words), with the country."""
    if not actor:
        return ""
    label = str(actor.get("name") or actor.get("text") or "")
    return f"{label} ({actor['country']})" if actor.get("country") else label


def date_label(record: Record) -> str:
    """The event's date, or its range when it spans days; empty when unresolved."""
    span = record.get("date") or {}
    start, end = span.get("start"), span.get("end")
    if start and end and start != end:
        return f"{start}–{end}"
    return str(start or end or "")


def excerpt(record: Record, width: int = 80) -> str:
    """The evidence sentence cut to about ``width`` characters around the trigger."""
    ev = record.get("evidence") or {}
    text = " ".join(str(ev.get("text") or "").split())
    if len(text) <= width:
        return text
    trigger = _get(record, "evidence", "trigger", "text") or ""
    at = max(text.find(trigger), 0) if trigger else 0
    start = max(0, min(at - width // 3, len(text) - width))
    cut = text[start:start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def _actor_line(actor: Record | None) -> str | None:
    if not actor:
        return None
    details = ", ".join(str(actor[k]) for k in ("country", "sector", "wikidata") if actor.get(k))
    name = actor.get("name")
    line = f"{actor.get('text')!s}" + (f" → {name}" if name and name != actor.get("text") else "")
    line += f" ({details})" if details else ""
    return line + (f" [{actor['role']}]" if actor.get("role") else "")


def _date_line(span: Record | None) -> str | None:
    if not span:
        return None
    start, end = span.get("start"), span.get("end")
    when = str(start) if start == end or end is None else f"{start} – {end}"
    if start is None and end is None:
        when = "unresolved"
    bits = [str(span.get("precision"))] + [f"{k}: {span[k]}" for k in ("text", "basis", "relation")
                                           if span.get(k)]
    return f"{when} ({', '.join(bits)})"


def _place_line(place: Record | None) -> str | None:
    if not place:
        return None
    where = ", ".join(str(place[k]) for k in ("name", "admin1", "country") if place.get(k))
    if place.get("lat") is not None and place.get("lon") is not None:
        where += f" ({place['lat']:.4f}, {place['lon']:.4f})"
    if place.get("geonames_id") is not None:
        where += f" geonames:{place['geonames_id']}"
    return f"{where} [{place.get('precision')}]"


def _attribution_line(attr: Record | None) -> str | None:
    if not attr:
        return None
    who = attr.get("speaker") or "unnamed"
    if attr.get("description"):
        who += f", {attr['description']}"
    line = who + (f" ({attr['cue']})" if attr.get("cue") else "")
    return line + (f" via {', '.join(attr['via'])}" if attr.get("via") else "")


def field_lines(record: Record) -> list[tuple[str, str]]:
    """(label, value) pairs describing an event, in reading order; empty values left out."""
    doc = record.get("document") or {}
    coder = record.get("coder") or {}
    kind = " / ".join(str(record[k]) for k in ("event_type", "mode") if record.get(k))
    codes = ", ".join(f"{k} {record[k]}" for k in ("cameo", "quad_class", "intensity")
                      if record.get(k) is not None)
    certainty = str(record.get("certainty"))
    if record.get("modality"):
        certainty += f" ({', '.join(record['modality'])})"
    pairs: list[tuple[str, str | None]] = [
        ("id", record.get("id")), ("type", kind), ("codes", codes),
        ("source", _actor_line(record.get("source"))),
        ("target", _actor_line(record.get("target"))),
        *[("other", _actor_line(a)) for a in record.get("others") or []],
        ("date", _date_line(record.get("date"))), ("place", _place_line(record.get("place"))),
        ("according to", _attribution_line(record.get("attribution"))),
        ("certainty", certainty), ("section", _get(record, "evidence", "section")),
        ("document", doc.get("title")), ("path", doc.get("path")), ("url", doc.get("url")),
        ("published", doc.get("published")), ("doc id", doc.get("id")),
        ("story", record.get("story_id")),
        ("coder", " ".join(str(coder[k]) for k in ("name", "version", "lexicon") if coder.get(k))),
    ]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]
