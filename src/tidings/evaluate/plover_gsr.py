"""The PLOVER GSR dev file (``shared/eval/plover-gsr-dev.json``) as gold and documents.

Each record is one hand-coded sentence. It becomes a one-sentence document named by the
record ``id`` (text = the record's ``text``; an id used twice in the file, as
PLOVER-GSR01-COERCE-0004 is, gets ``-2`` on its second use) and one gold event:

- type: draft-0.5 categories mapped to the 16 PLOVER types with CAMEO2PLOVER-2021 and the
  manual: DEMAND -> REQUEST (CAMEO 10), DISAPPROVE -> ACCUSE (CAMEO 11), INVESTIGATE ->
  ACCUSE 'investigate' (CAMEO 09), FIGHT -> ASSAULT (CAMEO 19); DOCUMENT records are
  skipped; every other category keeps its name.
- source/target: the first entry of ``source``/``target``; its ``code`` becomes the country
  when it is an ISO 3166 alpha-3 code, after mapping CAMEO-only codes (JAP -> JPN, ITL ->
  ITA, VTN -> VNM, ...); IGO, NGO, IMG, ISM and other non-country codes give null. The
  sector is the first three letters of ``sector`` when they are a tidings sector, mapped
  from CAMEO sector codes where one fits (CIV -> CVL, COP -> MIL, JRN -> MED ...).
- evidence: the first ``(EVT: ...)`` span of the markup when it is verbatim in the text,
  else the first 12 words of the text. Dates are placeholders (2000-01-01): not scored.

``score_gsr`` computes the gate metrics: event type accuracy (some system event in the
sentence has the gold type; and the stricter first-event variant) and source country
accuracy (among records with a gold source country: the first system event of the gold
type, else the first system event, has that source country).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from .gold import MAX_EVIDENCE_WORDS, PLOVER_TYPES, SECTORS, GoldActor, GoldEvent
from .report import ratio
from .system import SystemEvent, system_events

DRAFT_TO_PLOVER: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}
SKIPPED_CATEGORIES: frozenset[str] = frozenset({"DOCUMENT"})
CAMEO_TO_ISO: dict[str, str] = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GER": "DEU", "SER": "SRB",
    "DRC": "COD", "BUL": "BGR", "UAE": "ARE",
}
NON_COUNTRY_CODES: frozenset[str] = frozenset(
    {"IGO", "NGO", "IMG", "ISM", "MNC", "UIS", "REB", "INT", "EUR", "AFR", "ASA", "WST"}
)
SECTOR_ALIASES: dict[str, str] = {
    "CIV": "CVL", "COP": "MIL", "SPY": "GOV", "LEG": "GOV", "JRN": "MED", "REF": "CVL",
    "LAB": "CVL", "EDU": "CVL", "AGR": "CVL", "PTY": "POL", "MOS": "REL", "CHR": "REL",
}
_EVT = re.compile(r"\(EVT: ([^)}]*)[)}]")


def iso_country(code: Any) -> str | None:
    """ISO alpha-3 for a CAMEO/ISO country code; None for IGOs and other non-countries."""
    if not isinstance(code, str) or len(code) != 3:
        return None
    code = CAMEO_TO_ISO.get(code.upper(), code.upper())
    if code in NON_COUNTRY_CODES:
        return None
    import pycountry

    return code if pycountry.countries.get(alpha_3=code) is not None else None


def gsr_sector(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 3:
        return None
    head = value[:3].upper()
    return head if head in SECTORS else SECTOR_ALIASES.get(head)


def _actor(value: Any) -> GoldActor | None:
    if not isinstance(value, list) or not value or not isinstance(value[0], Mapping):
        return None
    first = value[0]
    text = first.get("actorText")
    return GoldActor(text if isinstance(text, str) and text else None,
                     iso_country(first.get("code")), gsr_sector(first.get("sector")))


def _evidence(record: Mapping[str, Any], text: str) -> str:
    info = record.get("textInfo")
    markup = info.get("markup") if isinstance(info, Mapping) else info
    for span in _EVT.findall(markup if isinstance(markup, str) else ""):
        span = span.strip()
        if span and span in text and len(span.split()) <= MAX_EVIDENCE_WORDS:
            return span
    return " ".join(text.split()[:MAX_EVIDENCE_WORDS])


def plover_type(category: str) -> str:
    return DRAFT_TO_PLOVER.get(category, category)


def _records(path: str | Path) -> list[tuple[str, Mapping[str, Any]]]:
    """(document name, record) for every coded record; a repeated id gets a ``-2``... suffix."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(str(path), f"cannot read PLOVER GSR file: {exc}") from exc
    if not isinstance(data, list):
        raise DataError(str(path), "a PLOVER GSR file should hold a JSON list of records")
    kept: list[tuple[str, Mapping[str, Any]]] = []
    seen: Counter[str] = Counter()
    for number, record in enumerate(data, start=1):
        if not isinstance(record, Mapping) or not isinstance(record.get("id"), str):
            raise DataError(str(path), f"record {number} has no 'id'")
        if record.get("event") in SKIPPED_CATEGORIES:
            continue
        if not isinstance(record.get("text"), str) or not record["text"].strip():
            raise DataError(str(path), f"record {record['id']} has no 'text'")
        seen[record["id"]] += 1
        name = record["id"] if seen[record["id"]] == 1 else f"{record['id']}-{seen[record['id']]}"
        kept.append((name, record))
    return kept


def gsr_documents(path: str | Path) -> list[tuple[str, str]]:
    """(document name, sentence text) for every coded record."""
    return [(name, str(r["text"])) for name, r in _records(path)]


def _gold(name: str, record: Mapping[str, Any], path: str | Path) -> GoldEvent:
    event_type = plover_type(str(record.get("event")))
    if event_type not in PLOVER_TYPES:
        raise DataError(str(path), f"record {record['id']}: unknown category {event_type!r}")
    text = str(record["text"])
    return GoldEvent(doc=name, event_key=name,
                     event_types=(event_type,), evidence=_evidence(record, text),
                     certainty="asserted", source=_actor(record.get("source")),
                     target=_actor(record.get("target")))


def gsr_gold(path: str | Path) -> list[GoldEvent]:
    """One gold event per coded record (see the module docstring for the mapping)."""
    return [_gold(name, r, path) for name, r in _records(path)]


@dataclass(frozen=True)
class GsrScore:
    records: int
    covered: int  # records where the system produced any event
    type_hits: int
    type_hits_first: int
    source_records: int  # records with a gold source country
    source_hits: int
    per_type: dict[str, tuple[int, int]] = field(default_factory=dict)  # type: (hits, records)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.type_hits, self.records)

    @property
    def type_accuracy_first(self) -> float:
        return ratio(self.type_hits_first, self.records)

    @property
    def source_country_accuracy(self) -> float:
        return ratio(self.source_hits, self.source_records)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "coverage": round(ratio(self.covered, self.records), 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "type_accuracy_first": round(self.type_accuracy_first, 4),
            "source_country_accuracy": round(self.source_country_accuracy, 4),
            "source_country_records": self.source_records,
            "per_type": {name: {"records": n, "type_accuracy": round(ratio(hits, n), 4)}
                         for name, (hits, n) in self.per_type.items()},
        }

    def to_text(self) -> str:
        coverage = ratio(self.covered, self.records)
        lines = [
            f"PLOVER GSR: {self.records} sentences, events on {coverage:.1%}",
            f"event type accuracy {self.type_accuracy:.1%} "
            f"(first event {self.type_accuracy_first:.1%})",
            f"source country accuracy {self.source_country_accuracy:.1%} "
            f"over {self.source_records} sentences with a gold source country",
        ]
        for name, (hits, n) in self.per_type.items():
            lines.append(f"  {name:<10} {hits:>3}/{n:<3} {ratio(hits, n):6.1%}")
        return "\n".join(lines)


def _pick(gold: GoldEvent, events: Sequence[SystemEvent]) -> SystemEvent | None:
    for event in events:
        if event.event_type == gold.event_type:
            return event
    return events[0] if events else None


def score_gsr(gold: Sequence[GoldEvent], records: Iterable[Mapping[str, Any]]) -> GsrScore:
    """Gate metrics for one-sentence gold (see the module docstring)."""
    by_doc: dict[str, list[SystemEvent]] = defaultdict(list)
    for event in system_events(records, {g.doc for g in gold}):
        by_doc[event.doc].append(event)
    covered = hits = first = src_n = src_hits = 0
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in gold:
        events = by_doc.get(g.doc, [])
        hit = any(e.event_type == g.event_type for e in events)
        covered += bool(events)
        hits += hit
        first += bool(events) and events[0].event_type == g.event_type
        per_type[g.event_type][0] += hit
        per_type[g.event_type][1] += 1
        if g.source is not None and g.source.country is not None:
            src_n += 1
            chosen = _pick(g, events)
            src = chosen.source if chosen is not None else None
            src_hits += src is not None and src.country == g.source.country
    return GsrScore(len(gold), covered, hits, first, src_n, src_hits,
                    {k: (v[0], v[1]) for k, v in sorted(per_type.items())})
