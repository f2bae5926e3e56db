"""Dates for every event: an event without a date of its own takes its story context's
(its paragraph, the lede, the dateline) and only then the report's (tidings.when.context)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.api import process
from tidings.ingest import read_text
from tidings.run.stages import build_pipeline

ARTICLE = """title: Shelling in Kharkiv
published: 2024-03-06T09:00:00+00:00

Russian forces shelled Kharkiv on Monday, Ukrainian officials said. Kyiv summoned the Russian
ambassador.

Separately, Poland accused Belarus of sending migrants to its border.
"""
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def coded():
    return build_pipeline()(read_text(ARTICLE))


def _event(doc, word):
    return next(e for e in doc.events if e.evidence.trigger.text.lower().startswith(word))


def test_an_undated_event_takes_the_date_before_it_in_its_paragraph(coded) -> None:
    shelled, summoned = _event(coded, "shelled"), _event(coded, "summoned")
    assert shelled.date.start == date(2024, 3, 4) and shelled.date.basis != "context"
    assert summoned.date.start == date(2024, 3, 4) and summoned.date.basis == "context"


def test_then_the_lede_and_last_the_report(coded) -> None:
    accused = _event(coded, "accused")
    assert accused.date.start == date(2024, 3, 4) and accused.date.basis == "context"
    alone = build_pipeline()(read_text("title: Talks\npublished: 2024-03-06T09:00:00+00:00\n\n"
                                       "Ukraine accused Russia of war crimes."))
    [event] = alone.events
    assert event.date.start == date(2024, 3, 6) and event.date.basis == "report"


def test_no_publication_date_no_borrowed_date() -> None:
    doc = build_pipeline()(read_text("Talks\n\nUkraine accused Russia of war crimes."))
    assert doc.events and all(e.date is None for e in doc.events)


def test_every_event_of_the_examples_with_a_publication_date_has_a_date() -> None:
    outcomes = [o for o in process([str(EXAMPLES)]) if o.document is not None]
    events = [(o.document, e) for o in outcomes for e in o.document.events]
    assert events
    assert all(e.date is not None and e.date.start is not None
               for doc, e in events if doc.published is not None)
