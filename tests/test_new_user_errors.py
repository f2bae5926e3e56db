"""The errors a new user met first on an invented border incident (issue 12, item 5).

Each class is a test on the whole pipeline (rules and learned models). The markers of the
classes fixed in the second round of issue 12 are gone: generic actors ("both sides") keep
no country, "willing to meet" is an offer (AGREE), a requested act ("called on them to resume
talks") is no event, and a roundup of captures is one record per place and day."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.ingest import read_text
from tidings.run.stages import build_pipeline

HEAD = "title: Border incident\npublished: 2025-05-03T10:00:00+00:00\n\n"


@pytest.fixture(scope="module")
def code():
    pipeline = build_pipeline()
    return lambda body: pipeline(read_text(HEAD + body)).events


def test_a_denied_entry_is_denied_not_asserted(code) -> None:
    events = code("LIMA - The Peruvian defence ministry denied that its troops had entered "
                  "the village of Zapotillo on Friday.")
    assert any(e.event_type == "REJECT" for e in events)
    entered = [e for e in events if e.evidence.trigger.text == "entered"]
    assert entered and all(e.certainty == "denied" for e in entered)


def test_a_dateline_city_is_no_actor(code) -> None:
    events = code("QUITO - Ecuador's foreign minister met his Peruvian counterpart on Friday "
                  "to discuss the border.")
    assert events
    for event in events:
        for side in (event.source, event.target):
            assert side is None or side.text != "QUITO"


def test_generic_actors_take_no_country_from_a_nearby_place(code) -> None:
    events = code("Both sides agreed on Friday to withdraw troops from the disputed area near "
                  "Zapotillo, Ecuador.")
    both = [e for e in events if e.source is not None and e.source.text == "Both sides"]
    assert both and all(e.source.country is None for e in both)


def test_willing_to_meet_is_an_offer_not_a_meeting(code) -> None:
    events = code("Peru's president said on Friday he was willing to meet Ecuador's president "
                  "to ease tensions.")
    assert events and all(e.event_type != "CONSULT" for e in events)
    assert any(e.event_type == "AGREE" for e in events)


def test_a_subordinate_clause_date_is_not_the_calls(code) -> None:
    events = code("The United Nations on Friday called on Ecuador and Peru to resume talks "
                  "that stalled in March.")
    talks = [e for e in events if e.event_type == "CONSULT"]
    assert all(e.date is None or e.date.start.month == 3 for e in talks)
    calls = [e for e in events if e.event_type == "REQUEST"]
    assert calls and all(e.date.start == date(2025, 5, 2) for e in calls)
    assert all(e.source is not None and e.source.country is None for e in calls)  # the UN


def test_a_roundup_of_captures_is_one_record_per_place_and_day(code) -> None:
    events = code("Rebels captured Goma on Monday, Bukavu on Tuesday, Uvira on Wednesday, Kindu "
                  "on Thursday, Kalemie on Friday and Kisangani on Saturday, the army said.")
    places = {e.place.name for e in events if e.place is not None}
    assert len(places) >= 5


def test_one_place_and_date_is_no_roundup(code) -> None:
    events = code("Rebels captured Goma on Monday and shelled the airport, the army said in "
                  "Kinshasa on Tuesday.")
    captures = [e for e in events if e.event_type == "ASSAULT" and e.place is not None
                and e.place.name == "Goma"]
    assert captures and all(e.date.start == date(2025, 4, 28) for e in captures)
    assert not any(e.place is not None and e.place.name == "Kinshasa" for e in events)


def test_a_place_qualified_by_its_country_is_looked_up_there(code) -> None:
    events = code("Both sides agreed on Friday to withdraw troops from the disputed area near "
                  "Zapotillo, Ecuador.")  # the gazetteer's only Zapotillo is a Mexican village
    assert all(e.place is None or e.place.country == "ECU" for e in events)
    assert all(a.country != "MEX" for e in events for a in (e.source, e.target) if a)
