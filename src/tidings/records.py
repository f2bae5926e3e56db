"""The public event record: Event + Document -> a JSON-ready dict (the contract in README).

A missing value is ``None`` (JSON null), never an empty string; dates are ISO 8601.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from .model import Actor, Attribution, Document, Event, Evidence, Place, TimeSpan

RECORD_FIELDS: tuple[str, ...] = (
    "id", "event_type", "mode", "cameo", "quad_class", "intensity", "source", "target",
    "others", "date", "place", "attribution", "certainty", "confidence", "modality", "evidence",
    "document", "story_id", "coder",
)


def event_id(doc_id: str, coder_version: str, lexicon: str, event_type: str,
             trigger_start: int, source: str | None, target: str | None) -> str:
    """Stable id: the same input and the same coder version give the same id."""
    key = "|".join([doc_id, coder_version, lexicon, event_type, str(trigger_start),
                    source or "", target or ""])
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _none_if_empty(value: Any) -> Any:
    return None if value == "" else value


def actor_record(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    record: dict[str, Any] = {
        "text": actor.text, "name": actor.name, "country": actor.country,
        "sector": actor.sector, "wikidata": actor.wikidata,
        "start": actor.start, "end": actor.end,
    }
    if actor.role is not None:
        record["role"] = actor.role
    return {k: _none_if_empty(v) for k, v in record.items()}


def time_record(span: TimeSpan | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "start": _iso(span.start), "end": _iso(span.end), "precision": span.precision,
        "text": _none_if_empty(span.text), "basis": span.basis, "relation": span.relation,
        "span_start": span.span_start, "span_end": span.span_end,
    }


def place_record(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "text": place.text, "name": place.name, "country": place.country,
        "admin1": _none_if_empty(place.admin1), "lat": place.lat, "lon": place.lon,
        "geonames_id": place.geonames_id, "precision": place.precision,
        "start": place.start, "end": place.end,
    }


def attribution_record(attr: Attribution | None) -> dict[str, Any] | None:
    if attr is None:
        return None
    return {
        "speaker": _none_if_empty(attr.speaker), "description": _none_if_empty(attr.description),
        "via": list(attr.via), "cue": _none_if_empty(attr.cue),
        "start": attr.start, "end": attr.end,
    }


def evidence_record(ev: Evidence) -> dict[str, Any]:
    return {
        "text": ev.text, "start": ev.start, "end": ev.end, "section": ev.section,
        "trigger": {"text": ev.trigger.text, "start": ev.trigger.start, "end": ev.trigger.end},
    }


def document_record(doc: Document) -> dict[str, Any]:
    """The document part of an event record. The ingest time is stored with the document in
    the database, not in the record: the same input and coder give the same record."""
    return {
        "id": doc.id, "key": doc.key, "path": doc.path, "url": doc.url, "outlet": doc.outlet,
        "published": _iso(doc.published),
        "title": doc.title, "format": doc.format,
    }


def event_record(event: Event, doc: Document) -> dict[str, Any]:
    """The JSON record of one event, in the field order of RECORD_FIELDS."""
    return {
        "id": event.id,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "intensity": event.intensity,
        "source": actor_record(event.source),
        "target": actor_record(event.target),
        "others": [actor_record(a) for a in event.others],
        "date": time_record(event.date),
        "place": place_record(event.place),
        "attribution": attribution_record(event.attribution),
        "certainty": event.certainty,
        "confidence": event.confidence,
        "modality": list(event.modality),
        "evidence": evidence_record(event.evidence),
        "document": document_record(doc),
        "story_id": event.story_id,
        "coder": {"name": event.coder.name, "version": event.coder.version,
                  "lexicon": event.coder.lexicon},
    }
