"""System event records (``records.event_record`` JSON) as the scorer sees them.

``doc_name(record, known)`` is the one place that says which gold ``doc`` a system record
belongs to. Candidates, in order: the document ``key`` (the ``id:`` given in the article's
header when there is one), the file stem of ``document.path``, the file stem of the key (a
key that is a path). The first candidate that is a known gold doc wins; with no match the
first candidate is returned (and the event is reported as unscored).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from ..errors import DataError


@dataclass(frozen=True, slots=True)
class SysActor:
    name: str | None
    text: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class SystemEvent:
    """The fields of one system event record that scoring looks at."""

    doc: str
    id: str
    event_type: str
    evidence: str
    certainty: str | None = None
    source: SysActor | None = None
    target: SysActor | None = None
    date_start: date | None = None
    date_end: date | None = None
    place_name: str | None = None
    place_text: str | None = None
    place_country: str | None = None
    speaker: str | None = None
    speaker_description: str | None = None
    via: tuple[str, ...] = ()
    has_attribution: bool = False
    story_id: str | None = None
    outlet: str | None = None


def _stem(value: str) -> str:
    if "://" in value:
        return ""
    return PurePath(value.split("#", 1)[0]).stem


def doc_names(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Every name under which the record's document may appear in a gold file."""
    document = record.get("document") or {}
    key = str(document.get("key") or "")
    path = str(document.get("path") or "")
    names: list[str] = []
    for name in (key, _stem(path), _stem(key)):
        if name and name not in names:
            names.append(name)
    return tuple(names)


def doc_name(record: Mapping[str, Any], known: Collection[str] = ()) -> str:
    """The gold ``doc`` a system record belongs to (see the module docstring)."""
    names = doc_names(record)
    for name in names:
        if name in known:
            return name
    return names[0] if names else ""


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _actor(value: Any) -> SysActor | None:
    if not isinstance(value, Mapping):
        return None
    return SysActor(_text(value.get("name")), _text(value.get("text")),
                    _text(value.get("country")), _text(value.get("sector")))


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _has_attribution(attr: Mapping[str, Any] | None) -> bool:
    """An attribution counts when it names a speaker, a description or a relay."""
    return attr is not None and any(attr.get(k) for k in ("speaker", "description", "via"))


def system_event(record: Mapping[str, Any], known: Collection[str] = ()) -> SystemEvent:
    """Typed view of one event record; raises ValueError when it has no type or evidence."""
    event_type = record.get("event_type")
    evidence = record.get("evidence")
    if not isinstance(event_type, str) or not event_type:
        raise ValueError("event record without 'event_type'")
    evidence_text = evidence.get("text") if isinstance(evidence, Mapping) else evidence
    when = record.get("date") if isinstance(record.get("date"), Mapping) else {}
    place = record.get("place") if isinstance(record.get("place"), Mapping) else {}
    attr = record.get("attribution")
    attr = attr if isinstance(attr, Mapping) else None
    start = _day(when.get("start"))
    document = record.get("document") if isinstance(record.get("document"), Mapping) else {}
    return SystemEvent(
        doc=doc_name(record, known), id=str(record.get("id") or ""), event_type=event_type,
        evidence=evidence_text if isinstance(evidence_text, str) else "",
        certainty=_text(record.get("certainty")),
        source=_actor(record.get("source")), target=_actor(record.get("target")),
        date_start=start, date_end=_day(when.get("end")) or start,
        place_name=_text(place.get("name")), place_text=_text(place.get("text")),
        place_country=_text(place.get("country")),
        speaker=_text(attr.get("speaker")) if attr else None,
        speaker_description=_text(attr.get("description")) if attr else None,
        via=tuple(v for v in (attr.get("via") or ()) if isinstance(v, str)) if attr else (),
        has_attribution=_has_attribution(attr),
        story_id=_text(record.get("story_id")), outlet=_text(document.get("outlet")),
    )


def system_events(records: Iterable[Mapping[str, Any]], known: Collection[str] = (),
                  name: str = "<events>") -> list[SystemEvent]:
    """Typed views of many records; a malformed one raises DataError naming its position."""
    events: list[SystemEvent] = []
    for number, record in enumerate(records, start=1):
        try:
            events.append(system_event(record, known))
        except (ValueError, AttributeError, TypeError) as exc:
            raise DataError(name, f"bad event record: {exc}", number) from exc
    return events


def load_event_records(path: str | Path) -> list[dict[str, Any]]:
    """Event records from a JSON Lines file (as ``tidings extract`` writes them)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), f"cannot read events file: {exc}") from exc
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(str(path), f"not valid JSON: {exc.msg}", number) from exc
        if not isinstance(record, dict):
            raise DataError(str(path), "an event line should be a JSON object", number)
        records.append(record)
    return records
