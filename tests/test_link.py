"""Linking (tidings.events.link): each event's date and place, taken from the trigger's
own sentence and parse, a caption's own date, and unresolved date relations."""

from __future__ import annotations

from datetime import date

import pytest

from rules_only import process_text
from tidings.model import Document, Event

PUBLISHED = "2024-12-12T07:08:00+00:00"  # a Thursday

ARTICLES = {
    "tuesday": "Russian forces shelled Kharkiv on Tuesday.",
    "undated": "Russia alerted Damascus to rebel attacks on Aleppo.",
    "relation": "Russian officials warned Damascus two days prior to the operation that rebels "
                "were preparing an offensive.",
    "caption": (
        "Putin hosts Assad in Moscow\n\n"
        "Russian officials warned Damascus about the rebel offensive on Monday.\n\n"
        "Assad meets Araghchi in Damascus, Syria. The two men discussed the rebel advance, in a "
        "picture taken on December 1, 2024. (SANA / AFP)\n"
    ),
    "aleppo": "Rebel attacks on Aleppo intensified on Wednesday.",
    "kremlin": "Putin held talks with Assad at the Kremlin in Moscow last month.",
    "in_syria": "Israeli strikes in Syria killed four soldiers on Sunday.",
    "modifier": "Syria's President met Iraqi envoys.",
    "modifier_named": "Syria's President Bashar al-Assad met Iranian Foreign Minister Abbas "
                      "Araghchi on Sunday.",
    "actor_capital": "Moscow condemned the Israeli strikes.",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {key: process_text(text, published=PUBLISHED) for key, text in ARTICLES.items()}


def one(doc: Document, event_type: str, trigger: str) -> Event:
    hits = [e for e in doc.events
            if e.event_type == event_type and e.evidence.trigger.text == trigger]
    assert len(hits) == 1, [(e.event_type, e.evidence.trigger.text) for e in doc.events]
    return hits[0]


# ---- dates


def test_weekday_in_the_same_sentence_resolves_against_publication(
        docs: dict[str, Document]) -> None:
    ev = one(docs["tuesday"], "ASSAULT", "shelled")
    assert ev.date is not None
    assert (ev.date.start, ev.date.end) == (date(2024, 12, 10), date(2024, 12, 10))
    assert ev.date.precision == "day"
    assert ev.date.basis == "relative"
    assert ev.date.text is not None and "Tuesday" in ev.date.text
    assert ev.date.relation is None


def test_date_span_points_at_its_text(docs: dict[str, Document]) -> None:
    doc = docs["tuesday"]
    span = one(doc, "ASSAULT", "shelled").date
    assert span is not None and span.span_start is not None and span.span_end is not None
    assert doc.text[span.span_start:span.span_end] == span.text


def test_no_date_in_the_text_borrows_one_and_says_so(docs: dict[str, Document]) -> None:
    for ev in docs["undated"].events:  # never silently the publication date: its basis says
        assert ev.date is not None and ev.date.basis in ("context", "report"), ev
        assert ev.date.text is None and ev.date.span_start is None


def test_date_relative_to_an_unresolved_event_borrows_the_context(docs: dict[str, Document]) -> None:
    # "two days prior to the operation": the operation has no date, so the relation is kept
    # and the event takes its context's (else the report's) date, with that basis
    ev = one(docs["relation"], "THREATEN", "warned")
    assert ev.date is not None and ev.date.start is not None
    assert ev.date.basis in ("context", "report") and ev.date.text is None
    assert ev.date.relation is not None and "operation" in ev.date.relation


def test_caption_event_takes_the_captions_own_date(docs: dict[str, Document]) -> None:
    doc = docs["caption"]
    ev = one(doc, "CONSULT", "meets")
    assert ev.evidence.section == "caption"
    assert "December" not in ev.evidence.text  # the date sits in another caption sentence
    assert ev.date is not None
    assert ev.date.start == date(2024, 12, 1)
    assert ev.date.precision == "day"
    assert {ev.source.name, ev.target.name} == {"Bashar al-Assad", "Abbas Araghchi"}


def test_body_event_keeps_its_own_date_not_the_captions(docs: dict[str, Document]) -> None:
    ev = one(docs["caption"], "THREATEN", "warned")
    assert ev.evidence.section == "body"
    assert ev.date is not None and ev.date.start == date(2024, 12, 9)  # the Monday before


# ---- places


def test_place_attached_to_the_trigger_attacks_on_aleppo(docs: dict[str, Document]) -> None:
    ev = one(docs["aleppo"], "ASSAULT", "attacks")
    assert ev.place is not None
    assert (ev.place.name, ev.place.country, ev.place.precision) == ("Aleppo", "SYR", "city")
    assert docs["aleppo"].text[ev.place.start:ev.place.end] == "Aleppo"


def test_place_goes_to_the_nearest_governing_trigger(docs: dict[str, Document]) -> None:
    doc = docs["undated"]
    attacks = one(doc, "ASSAULT", "attacks")
    alerted = one(doc, "COOPERATE", "alerted")
    assert attacks.place is not None and attacks.place.name == "Aleppo"
    assert alerted.place is None or alerted.place.name != "Aleppo"


def test_a_capital_standing_for_its_government_is_not_the_place(
        docs: dict[str, Document]) -> None:
    alerted = one(docs["undated"], "COOPERATE", "alerted")
    assert (alerted.target.name, alerted.target.sector) == ("Damascus", "GOV")
    assert alerted.place is None


def test_city_wins_over_the_site_talks_at_the_kremlin_in_moscow(
        docs: dict[str, Document]) -> None:
    ev = one(docs["kremlin"], "CONSULT", "talks")
    assert ev.place is not None
    assert (ev.place.name, ev.place.country) == ("Moscow", "RUS")
    assert ev.place.geonames_id == 524901
    assert ev.place.precision == "city"
    assert ev.place.lat is not None and abs(ev.place.lat - 55.75) < 0.1
    assert ev.place.lon is not None and abs(ev.place.lon - 37.62) < 0.1


def test_country_level_place_strikes_in_syria(docs: dict[str, Document]) -> None:
    ev = one(docs["in_syria"], "ASSAULT", "strikes")
    assert ev.place is not None
    assert (ev.place.name, ev.place.country, ev.place.precision) == ("Syria", "SYR", "country")
    assert ev.source.country == "ISR"
    assert ev.date is not None and ev.date.start == date(2024, 12, 8)


@pytest.mark.parametrize("key", ["modifier", "modifier_named"])
def test_no_place_from_a_nationality_modifier(docs: dict[str, Document], key: str) -> None:
    ev = one(docs[key], "CONSULT", "met")
    assert ev.source.country == "SYR"
    assert ev.place is None


def test_an_acting_capital_is_not_the_place(docs: dict[str, Document]) -> None:
    ev = one(docs["actor_capital"], "ACCUSE", "condemned")
    assert ev.source.name == "Moscow"
    assert ev.place is None


def test_every_linked_place_slices_the_text(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for ev in doc.events:
            if ev.place is not None:
                assert doc.text[ev.place.start:ev.place.end] == ev.place.text
