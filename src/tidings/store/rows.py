"""Document and Event -> the row tuples the store inserts (pure functions, no SQL run here)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from ..errors import StoreError
from ..model import Actor, Document, Event, Place
from ..records import event_record

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id", "key", "path", "url", "outlet", "title", "published", "ingested_at", "format",
    "text", "coder_version",
)
SECTION_COLUMNS: tuple[str, ...] = ("doc_id", "idx", "label", "start", "end")
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "event_type", "mode", "cameo", "quad_class", "intensity",
    "source_name", "source_country", "source_sector",
    "target_name", "target_country", "target_sector",
    "date_start", "date_end", "date_precision",
    "place_name", "place_country", "lat", "lon", "geonames_id",
    "certainty", "attribution_speaker", "evidence_start", "evidence_end",
    "trigger_start", "trigger_end", "section", "story_id",
    "coder_name", "coder_version", "lexicon", "record",
)
ACTOR_COLUMNS: tuple[str, ...] = (
    "event_id", "role", "text", "name", "country", "sector", "wikidata", "start", "end",
)
PLACE_COLUMNS: tuple[str, ...] = (
    "doc_id", "event_id", "text", "name", "country", "admin1", "lat", "lon", "geonames_id",
    "precision", "start", "end",
)


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def coder_version(doc: Document) -> str | None:
    """The coder version a document was coded with: that of its events, if it has any."""
    versions = sorted({ev.coder.version for ev in doc.events})
    return ",".join(versions) if versions else None


def document_row(doc: Document) -> tuple[Any, ...]:
    ingested = doc.ingested_at or datetime.now(UTC)
    return (
        doc.id, doc.key, doc.path, doc.url, doc.outlet, doc.title, _iso(doc.published),
        _iso(ingested), doc.format, doc.text, coder_version(doc),
    )


def section_rows(doc: Document) -> Iterator[tuple[Any, ...]]:
    for idx, section in enumerate(doc.sections):
        yield (doc.id, idx, section.label, section.start, section.end)


def record_json(event: Event, doc: Document) -> str:
    """The event's public record as JSON; a record JSON cannot carry is a StoreError."""
    try:
        # allow_nan=False: NaN/Infinity are not JSON and would poison every later reader.
        return json.dumps(event_record(event, doc), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"event {event.id}: record is not serialisable as JSON: {exc}") from exc


def _real(value: float | None) -> float | None:
    # SQLite stores NaN as NULL silently; refuse instead so the record and row agree.
    if value is not None and not math.isfinite(value):
        raise StoreError(f"non-finite number {value!r} in an event")
    return value


def event_row(event: Event, doc: Document) -> tuple[Any, ...]:
    src, tgt, span, place = event.source, event.target, event.date, event.place
    ev = event.evidence
    record = record_json(event, doc)  # first: its error names the event
    return (
        event.id, doc.id, event.event_type, event.mode, event.cameo, event.quad_class,
        _real(event.intensity),
        src.name if src else None, src.country if src else None, src.sector if src else None,
        tgt.name if tgt else None, tgt.country if tgt else None, tgt.sector if tgt else None,
        _iso(span.start) if span else None, _iso(span.end) if span else None,
        span.precision if span else None,
        place.name if place else None, place.country if place else None,
        _real(place.lat) if place else None, _real(place.lon) if place else None,
        place.geonames_id if place else None,
        event.certainty, event.attribution.speaker if event.attribution else None,
        ev.start, ev.end, ev.trigger.start, ev.trigger.end, ev.section, event.story_id,
        event.coder.name, event.coder.version, event.coder.lexicon, record,
    )


def _actor_row(event_id: str, role: str, actor: Actor) -> tuple[Any, ...]:
    return (event_id, role, actor.text, actor.name, actor.country, actor.sector,
            actor.wikidata, actor.start, actor.end)


def actor_rows(event: Event) -> Iterator[tuple[Any, ...]]:
    if event.source is not None:
        yield _actor_row(event.id, "source", event.source)
    if event.target is not None:
        yield _actor_row(event.id, "target", event.target)
    for other in event.others:
        yield _actor_row(event.id, "other", other)


def place_row(doc_id: str, event_id: str | None, place: Place) -> tuple[Any, ...]:
    return (doc_id, event_id, place.text, place.name, place.country, place.admin1,
            _real(place.lat), _real(place.lon), place.geonames_id, place.precision,
            place.start, place.end)


def place_rows(doc: Document, events: tuple[Event, ...]) -> Iterator[tuple[Any, ...]]:
    """Places mentioned in the document (event_id NULL), then each event's location."""
    for place in doc.places:
        yield place_row(doc.id, None, place)
    for event in events:
        if event.place is not None:
            yield place_row(doc.id, event.id, event.place)


def unique_events(doc: Document) -> tuple[Event, ...]:
    """The document's events, first of each id only: ids are stable hashes, so a repeat
    is the same claim coded twice and storing it again would break the primary key."""
    seen: set[str] = set()
    kept: list[Event] = []
    for event in doc.events:
        if event.id not in seen:
            seen.add(event.id)
            kept.append(event)
    return tuple(kept)
