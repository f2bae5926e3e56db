"""The public JSON record (tidings.records): the contract keys, nulls, ISO dates, offsets."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tidings.api import process_text
from tidings.model import (
    Actor,
    Attribution,
    Coder,
    Document,
    Event,
    Evidence,
    Place,
    Section,
    Span,
    TimeSpan,
)
from tidings.records import RECORD_FIELDS, event_id, event_record

ARTICLE = """\
Russia tried to mediate between Syria and Turkey

Rami Al-Shaer, a consultant close to Russian policymakers, told Asharq Al-Awsat that Moscow had tried to mediate between Damascus and Ankara through Iranian and Egyptian intermediaries on Tuesday.

Putin held talks with Assad at the Kremlin in Moscow last month.

Russian officials warned Damascus two days prior to the operation that rebels were preparing an offensive.

Read more: Iran attacks Israeli shipping in the Red Sea
"""
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ACTOR_KEYS = {"text", "name", "country", "sector", "wikidata", "start", "end"}


@pytest.fixture(scope="module")
def doc() -> Document:
    return process_text(ARTICLE, published="2024-12-09T07:08:00+00:00", outlet="Example Wire",
                        url="https://example.org/news/1")


@pytest.fixture(scope="module")
def records(doc: Document) -> list[dict[str, Any]]:
    out = [event_record(e, doc) for e in doc.events]
    assert len(out) >= 3
    return out


def walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")


def actors_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in [record["source"], record["target"], *record["others"]] if a is not None]


# ---- shape


def test_record_has_exactly_the_contract_keys_in_order(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert tuple(record) == RECORD_FIELDS


def test_contract_fields_match_the_readme() -> None:
    assert set(RECORD_FIELDS) == {
        "id", "event_type", "mode", "cameo", "quad_class", "intensity", "source", "target",
        "others", "date", "place", "attribution", "certainty", "confidence", "modality",
        "evidence", "document", "story_id", "coder"}


def test_records_are_json(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert json.loads(json.dumps(record)) == record


def test_actor_records(records: list[dict[str, Any]]) -> None:
    seen_role = False
    for record in records:
        for actor in actors_of(record):
            assert ACTOR_KEYS <= set(actor) <= ACTOR_KEYS | {"role"}
            seen_role |= "role" in actor
        assert isinstance(record["others"], list)
        assert isinstance(record["modality"], list)
    assert seen_role  # the intermediaries carry their role


def test_nested_records(records: list[dict[str, Any]], doc: Document) -> None:
    for record in records:
        assert set(record["evidence"]) == {"text", "start", "end", "section", "trigger"}
        assert set(record["evidence"]["trigger"]) == {"text", "start", "end"}
        assert set(record["coder"]) == {"name", "version", "lexicon"}
        document = record["document"]
        assert document["id"] == doc.id and document["id"].startswith("sha256:")
        assert document["outlet"] == "Example Wire"
        assert document["url"] == "https://example.org/news/1"
        assert document["title"] == "Russia tried to mediate between Syria and Turkey"
        if record["attribution"] is not None:
            assert isinstance(record["attribution"]["via"], list)
            assert record["attribution"]["via"][-1] == "Example Wire"
        if record["place"] is not None:
            assert {"text", "name", "country", "admin1", "lat", "lon", "geonames_id",
                    "precision"} <= set(record["place"])
        if record["date"] is not None:
            assert {"start", "end", "precision", "text", "basis", "relation"} <= set(record["date"])


def test_the_fields_are_filled(records: list[dict[str, Any]]) -> None:
    assert any(r["attribution"] is not None for r in records)
    assert any(r["place"] is not None for r in records)
    assert any(r["date"] is not None and r["date"]["start"] is not None for r in records)
    assert any(r["date"] is not None and r["date"]["relation"] is not None for r in records)
    assert all(r["evidence"]["section"] != "boilerplate" for r in records)


# ---- null, never an empty string


def test_no_empty_strings(records: list[dict[str, Any]]) -> None:
    for record in records:
        for path, value in walk(record):
            assert value != "", path


def test_missing_values_are_null(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert record["story_id"] is None
        for actor in actors_of(record):
            for key in ("name", "country", "sector", "wikidata"):
                assert actor[key] is None or isinstance(actor[key], str) and actor[key]
    assert any(r["attribution"] is None for r in records)
    assert any(r["date"]["relation"] is None for r in records if r["date"] is not None)


def _hand_made() -> tuple[Event, Document]:
    text = "Turkish drones struck Kurdish fighters near Kobani."
    doc = Document(id="sha256:" + "0" * 64, text=text, path="<text>", format="text", key="<text>",
                   title="", outlet=None, sections=(Section("body", 0, len(text)),))
    at = text.index("struck")
    event = Event(
        id=event_id(doc.id, "0.1.0", "lex", "ASSAULT", at, "Turkey", None),
        event_type="ASSAULT",
        evidence=Evidence(text, 0, len(text), "body", Span(at, at + 6, "struck")),
        coder=Coder("tidings.events.rules", "0.1.0", "lex"),
        source=Actor("Turkish drones", 0, 14, name="", country="TUR", sector="MIL", wikidata=""),
        date=TimeSpan(None, None, "unknown", text="", basis="relation",
                      relation="-2 days: the operation"),
        place=Place("Kobani", 44, 50, "Kobani", "SYR", admin1=""),
        attribution=Attribution("", description="", via=(), cue=""),
    )
    return event, doc


def test_empty_strings_become_null_in_hand_made_records() -> None:
    event, doc = _hand_made()
    record = event_record(event, doc)
    assert record["source"]["name"] is None and record["source"]["wikidata"] is None
    assert record["date"]["text"] is None
    assert record["place"]["admin1"] is None
    assert record["attribution"]["speaker"] is None
    assert record["attribution"]["description"] is None
    assert record["attribution"]["cue"] is None
    assert record["attribution"]["via"] == []
    assert record["target"] is None and record["others"] == []
    assert record["mode"] is None and record["modality"] == []


def test_an_unresolved_date_is_null_not_a_string() -> None:
    event, doc = _hand_made()
    record = event_record(event, doc)["date"]
    assert (record["start"], record["end"]) == (None, None)
    assert record["precision"] == "unknown" and record["relation"] == "-2 days: the operation"


# ---- ISO dates


def test_dates_are_iso(records: list[dict[str, Any]]) -> None:
    for record in records:
        published = record["document"]["published"]
        assert datetime.fromisoformat(published) == datetime(2024, 12, 9, 7, 8, tzinfo=UTC)
        span = record["date"]
        if span is not None and span["start"] is not None:
            assert ISO_DAY.fullmatch(span["start"]) and ISO_DAY.fullmatch(span["end"])
            assert date.fromisoformat(span["start"]) <= date.fromisoformat(span["end"])


def test_month_date_is_a_range(records: list[dict[str, Any]]) -> None:
    talks = next(r for r in records if r["evidence"]["trigger"]["text"] == "talks")
    assert talks["date"]["precision"] == "month"
    assert (talks["date"]["start"], talks["date"]["end"]) == ("2024-11-01", "2024-11-30")


# ---- offsets


def test_evidence_offsets_slice_the_document(records: list[dict[str, Any]],
                                             doc: Document) -> None:
    for record in records:
        ev = record["evidence"]
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]
        trigger = ev["trigger"]
        assert doc.text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert ev["start"] <= trigger["start"] < trigger["end"] <= ev["end"]


def test_actor_offsets_slice_the_document(records: list[dict[str, Any]], doc: Document) -> None:
    for record in records:
        for actor in actors_of(record):
            assert doc.text[actor["start"]:actor["end"]] == actor["text"]


def test_place_and_date_offsets_slice_the_document(records: list[dict[str, Any]],
                                                   doc: Document) -> None:
    for record in records:
        if record["place"] is not None:
            place = record["place"]
            assert doc.text[place["start"]:place["end"]] == place["text"]
        span = record["date"]
        if span is not None and span.get("span_start") is not None:
            assert doc.text[span["span_start"]:span["span_end"]] == span["text"]


def test_attribution_offsets_slice_the_document(records: list[dict[str, Any]],
                                                doc: Document) -> None:
    named = [r["attribution"] for r in records
             if r["attribution"] is not None and r["attribution"]["speaker"] == "Rami Al-Shaer"]
    assert named
    for attr in named:
        assert doc.text[attr["start"]:attr["end"]] == "Rami Al-Shaer"


# ---- ids


def test_event_id_is_stable_and_input_sensitive() -> None:
    args = ("sha256:abc", "0.1.0", "events.rules.v1+1234", "ASSAULT", 10, "Russia", "Ukraine")
    assert event_id(*args) == event_id(*args)
    assert re.fullmatch(r"ev_[0-9a-f]{20}", event_id(*args))
    assert event_id("sha256:abd", *args[1:]) != event_id(*args)
    assert event_id(*args[:4], 11, *args[5:]) != event_id(*args)
    assert event_id(*args[:6], None) != event_id(*args)


def test_record_id_is_the_event_id(records: list[dict[str, Any]], doc: Document) -> None:
    assert [r["id"] for r in records] == [e.id for e in doc.events]
    assert len({r["id"] for r in records}) == len(records)
