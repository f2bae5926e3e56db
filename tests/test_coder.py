"""The rule-based coder (tidings.events.coder and friends), one test per rule of
docs/coding.md, on short wire-style articles run through the whole pipeline."""

from __future__ import annotations

import re

import pytest

from rules_only import process_text
from tidings.events.lexicon import PLOVER_TYPES, load_lexicon
from tidings.model import Document, Event

PUBLISHED = "2025-03-14T09:00:00+00:00"

ARTICLES = {
    # triggers
    "verb": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday.",
    "offensive": "The rebels' offensive on Aleppo began on Wednesday.",
    "air_strikes": "Israeli air strikes hit Hezbollah positions in southern Lebanon on Sunday.",
    "talks": "Iran and the United States held talks in Oman on Saturday.",
    # arguments
    "passive": "The Ukrainian city of Kharkiv was shelled by Russian forces on Tuesday.",
    "urged": "France urged Iran to release the detained aid workers.",
    "control": "Moscow persuaded Damascus to negotiate with Ankara.",
    "co_actors": "Russia and Belarus attacked Ukrainian positions near Kharkiv.",
    "co_targets": "Israel struck Lebanon and Syria on Friday.",
    "two_events": "Israeli jets struck Hezbollah positions in Lebanon and Iranian drones "
                  "attacked Israel.",
    "intermediaries": "Russia tried to mediate between Syria and Turkey through Qatari and "
                      "Egyptian intermediaries.",
    # negation and speech acts
    "not_attack": "Russia did not attack Kharkiv on Monday.",
    "not_mediate": "Turkey did not try to mediate between Israel and Hamas.",
    "threatened": "Iran threatened to strike Israeli cities.",
    "urged_attack": "Washington urged Israel to attack Hezbollah.",
    "denied": "Moscow denied attacking the Ukrainian port of Odesa.",
    # certainty and modality
    "will_meet": "Putin will meet Erdogan in Ankara next week.",
    "planned_offensive": "The planned offensive by Israel on Rafah was postponed.",
    "reportedly": "Russian forces reportedly shelled Kherson on Monday.",
    "unverified": "Russian drones attacked Kyiv overnight, but the claim could not be "
                  "independently verified.",
    "tried": "Hamas tried to attack Israeli positions near Gaza.",
    "failed_to": "Egypt failed to mediate between Israel and Hamas.",
    "efforts_failed": "Qatar tried to mediate between Israel and Hamas. "
                      "These efforts, however, failed.",
    # sections
    "sections": (
        "Israel strikes Hezbollah targets in Lebanon\n"
        "Updated March 14, 2025 - Iran attacks Israeli shipping\n"
        "By Jane Doe and John Roe, Reuters\n\n"
        "Israeli jets struck Hezbollah positions in southern Lebanon on Thursday.\n\n"
        "Read more: Iran attacks Russian tankers in the Red Sea\n"
        "Sign up for our daily newsletter on the Russian offensive in Ukraine\n"
        "© 2025 Example Wire. All rights reserved.\n"
    ),
    # one record per event
    "repeated": (
        "Israeli jets strike Hezbollah in Lebanon\n\n"
        "Israeli jets struck Hezbollah positions in southern Lebanon on Thursday, the Israeli "
        "military said.\n\n"
        "Residents reported heavy smoke over several villages. The Israeli strikes on Hezbollah "
        "on Thursday were the heaviest in weeks.\n"
    ),
    "headline": (
        "Russian forces shell Kharkiv\n\n"
        "Russian forces shelled Kharkiv on Tuesday, the regional governor said.\n"
    ),
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {key: process_text(text, published=PUBLISHED) for key, text in ARTICLES.items()}


def found(doc: Document, event_type: str | None = None, trigger: str | None = None) -> list[Event]:
    return [e for e in doc.events
            if (event_type is None or e.event_type == event_type)
            and (trigger is None or e.evidence.trigger.text == trigger)]


def one(doc: Document, event_type: str, trigger: str | None = None) -> Event:
    hits = found(doc, event_type, trigger)
    assert len(hits) == 1, (event_type, trigger, summary(doc))
    return hits[0]


def summary(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.event_type, e.evidence.trigger.text, e.source and e.source.text,
             e.target and e.target.text) for e in doc.events]


def country(actor: object) -> str | None:
    return getattr(actor, "country", None)


# ---- triggers


def test_verbal_trigger(docs: dict[str, Document]) -> None:
    ev = one(docs["verb"], "ASSAULT", "shelled")
    assert (ev.source.country, ev.source.sector) == ("RUS", "MIL")
    assert ev.source.text == "Russian forces"
    assert country(ev.target) == "UKR"
    assert ev.mode == "heavy-weapons" and ev.cameo == "194"
    assert ev.certainty == "asserted" and ev.modality == ()


def test_nominal_trigger_the_offensive(docs: dict[str, Document]) -> None:
    ev = one(docs["offensive"], "ASSAULT", "offensive")
    assert (ev.source.country, ev.source.sector) == ("SYR", "REB")
    assert ev.target is not None and ev.target.text == "Aleppo"


def test_nominal_trigger_air_strikes(docs: dict[str, Document]) -> None:
    ev = one(docs["air_strikes"], "ASSAULT", "strikes")
    assert ev.source.country == "ISR"
    assert (ev.target.name, ev.target.country, ev.target.sector) == ("Hezbollah", "LBN", "REB")


def test_nominal_trigger_talks(docs: dict[str, Document]) -> None:
    ev = one(docs["talks"], "CONSULT", "talks")
    sides = {country(ev.source), country(ev.target)} | {o.country for o in ev.others}
    assert sides == {"IRN", "USA"}
    assert ev.source.country == "IRN"


# ---- arguments


def test_passive_voice(docs: dict[str, Document]) -> None:
    ev = one(docs["passive"], "ASSAULT", "shelled")
    assert (ev.source.country, ev.source.sector) == ("RUS", "MIL")
    assert country(ev.target) == "UKR"


def test_object_control_request(docs: dict[str, Document]) -> None:
    ev = one(docs["urged"], "REQUEST", "urged")
    assert (ev.source.country, ev.target.country) == ("FRA", "IRN")
    assert len(docs["urged"].events) == 1


def test_object_control_borrows_the_object_as_subject(docs: dict[str, Document]) -> None:
    ev = one(docs["control"], "CONSULT", "negotiate")
    assert (ev.source.country, ev.source.text) == ("SYR", "Damascus")
    assert (ev.target.country, ev.target.text) == ("TUR", "Ankara")


def test_coordinated_actors_are_all_coded(docs: dict[str, Document]) -> None:
    events = found(docs["co_actors"], "ASSAULT", "attacked")
    actors = {country(e.source) for e in events} | {
        o.country for e in events for o in e.others}
    assert {"RUS", "BLR"} <= actors
    events = found(docs["co_targets"], "ASSAULT", "struck")
    targets = {country(e.target) for e in events} | {
        o.country for e in events for o in e.others}
    assert {"LBN", "SYR"} <= targets


def test_coordinated_sources_get_one_record_each(docs: dict[str, Document]) -> None:
    found = [e for e in docs["co_actors"].events
             if e.event_type == "ASSAULT" and e.evidence.trigger.text == "attacked"]
    assert sorted(e.source.country for e in found) == ["BLR", "RUS"]
    russia = next(e for e in found if e.source.country == "RUS")
    assert [(o.country, o.role) for o in russia.others] == [("BLR", "co-actor")]


def test_coordinated_targets_get_one_record_each(docs: dict[str, Document]) -> None:
    found = [e for e in docs["co_targets"].events
             if e.event_type == "ASSAULT" and e.evidence.trigger.text == "struck"]
    assert sorted(e.target.country for e in found) == ["LBN", "SYR"]
    lebanon = next(e for e in found if e.target.country == "LBN")
    assert [(o.country, o.role) for o in lebanon.others] == [("SYR", "co-target")]


def test_several_events_in_one_sentence(docs: dict[str, Document]) -> None:
    doc = docs["two_events"]
    struck = one(doc, "ASSAULT", "struck")
    attacked = one(doc, "ASSAULT", "attacked")
    assert (struck.source.country, struck.target.name) == ("ISR", "Hezbollah")
    assert (attacked.source.country, attacked.target.country) == ("IRN", "ISR")
    assert struck.evidence.start == attacked.evidence.start
    assert struck.id != attacked.id


def test_intermediaries(docs: dict[str, Document]) -> None:
    ev = one(docs["intermediaries"], "CONSULT", "mediate")
    assert ev.mode == "third-party" and ev.cameo == "045"
    assert ev.source.country == "RUS"
    middlemen = [(o.country, o.role) for o in ev.others if o.role == "intermediary"]
    assert sorted(middlemen) == [("EGY", "intermediary"), ("QAT", "intermediary")]
    assert country(ev.target) in ("SYR", "TUR")


# ---- negation and speech acts


def test_negated_attack_is_not_emitted(docs: dict[str, Document]) -> None:
    assert docs["not_attack"].events == ()


def test_negation_on_a_governing_word(docs: dict[str, Document]) -> None:
    assert found(docs["not_mediate"], "CONSULT") == []


def test_did_not_try_to_mediate_yields_nothing(docs: dict[str, Document]) -> None:
    assert docs["not_mediate"].events == ()


def test_threatened_to_strike_is_one_threaten(docs: dict[str, Document]) -> None:
    doc = docs["threatened"]
    ev = one(doc, "THREATEN", "threatened")
    assert (ev.source.country, country(ev.target)) == ("IRN", "ISR")
    assert found(doc, "ASSAULT") == []
    assert len(doc.events) == 1


def test_request_content_is_not_a_second_event(docs: dict[str, Document]) -> None:
    doc = docs["urged_attack"]
    ev = one(doc, "REQUEST", "urged")
    assert (ev.source.country, ev.target.country) == ("USA", "ISR")
    assert found(doc, "ASSAULT") == []


def test_denial_is_a_reject_event(docs: dict[str, Document]) -> None:
    ev = one(docs["denied"], "REJECT", "denied")
    assert ev.source.country == "RUS"


def test_denied_attack_is_kept_with_certainty_denied(docs: dict[str, Document]) -> None:
    ev = one(docs["denied"], "ASSAULT", "attacking")
    assert ev.certainty == "denied"
    assert ev.source.country == "RUS"


# ---- certainty and modality


def test_will_meet_is_planned(docs: dict[str, Document]) -> None:
    ev = one(docs["will_meet"], "CONSULT", "meet")
    assert ev.certainty == "planned"
    assert {ev.source.name, ev.target.name} == {"Vladimir Putin", "Recep Tayyip Erdogan"}


def test_the_planned_offensive_is_planned(docs: dict[str, Document]) -> None:
    ev = one(docs["planned_offensive"], "ASSAULT", "offensive")
    assert ev.certainty == "planned"
    assert ev.source.country == "ISR"


def test_reportedly_is_hedged(docs: dict[str, Document]) -> None:
    ev = one(docs["reportedly"], "ASSAULT", "shelled")
    assert ev.certainty == "hedged"


def test_could_not_be_independently_verified_is_hedged(docs: dict[str, Document]) -> None:
    ev = one(docs["unverified"], "ASSAULT", "attacked")
    assert ev.certainty == "hedged"
    assert (ev.source.country, country(ev.target)) == ("RUS", "UKR")


def test_tried_to_is_attempted(docs: dict[str, Document]) -> None:
    ev = one(docs["tried"], "ASSAULT", "attack")
    assert ev.modality == ("attempted",)
    assert ev.certainty == "asserted"
    assert ev.source.name == "Hamas"


def test_failed_to_is_attempted_and_failed(docs: dict[str, Document]) -> None:
    ev = one(docs["failed_to"], "CONSULT", "mediate")
    assert set(ev.modality) == {"attempted", "failed"}
    assert ev.source.country == "EGY"


def test_a_following_sentence_marks_the_attempt_failed(docs: dict[str, Document]) -> None:
    ev = one(docs["efforts_failed"], "CONSULT", "mediate")
    assert set(ev.modality) == {"attempted", "failed"}
    assert ev.source.country == "QAT"


def test_modality_holds_only_known_flags(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for ev in doc.events:
            assert set(ev.modality) <= {"attempted", "failed"}, ev
            assert ev.certainty in ("asserted", "reported", "hedged", "denied", "planned")


# ---- sections


def test_boilerplate_and_datelines_yield_nothing(docs: dict[str, Document]) -> None:
    doc = docs["sections"]
    labels = {s.label for s in doc.sections}
    assert {"title", "dateline", "body", "boilerplate"} <= labels
    assert {e.evidence.section for e in doc.events} <= {"title", "body"}
    assert found(doc, "ASSAULT", "struck")
    for ev in doc.events:  # Iran and Russia act only in the dateline and the boilerplate
        assert country(ev.source) not in ("IRN", "RUS"), summary(doc)
        section = doc.section_of(ev.evidence.start)
        assert section is not None and section.label in ("title", "body")


# ---- one record per event per document


def test_repeated_event_is_one_record(docs: dict[str, Document]) -> None:
    doc = docs["repeated"]
    ev = one(doc, "ASSAULT")
    assert ev.evidence.section == "body"
    assert ev.evidence.trigger.text == "struck"  # the first body mention is the record
    assert ev.place is not None and ev.place.country == "LBN"


def test_headline_restating_the_body_is_one_record(docs: dict[str, Document]) -> None:
    doc = docs["headline"]
    ev = one(doc, "ASSAULT")
    assert ev.evidence.section == "body"


# ---- ids


def test_ids_are_stable_across_runs(docs: dict[str, Document]) -> None:
    again = process_text(ARTICLES["two_events"], published=PUBLISHED)
    assert [e.id for e in again.events] == [e.id for e in docs["two_events"].events]


def test_ids_are_unique_and_well_formed(docs: dict[str, Document]) -> None:
    ids = [e.id for doc in docs.values() for e in doc.events]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"ev_[0-9a-f]{20}", i) for i in ids)


def test_ids_differ_across_documents(docs: dict[str, Document]) -> None:
    longer = process_text(ARTICLES["verb"] + "\n\nThe governor ordered an evacuation.",
                          published=PUBLISHED)
    ev = one(longer, "ASSAULT", "shelled")
    first = one(docs["verb"], "ASSAULT", "shelled")
    assert longer.id != docs["verb"].id
    assert ev.evidence.trigger.start == first.evidence.trigger.start
    assert ev.id != first.id


# ---- codes and scores


def test_every_event_has_cameo_quad_class_and_intensity(docs: dict[str, Document]) -> None:
    lex = load_lexicon()
    count = 0
    for doc in docs.values():
        for ev in doc.events:
            count += 1
            assert ev.event_type in PLOVER_TYPES
            assert ev.cameo is not None and re.fullmatch(r"\d{3,4}", ev.cameo), ev
            assert ev.quad_class == lex.quad[ev.event_type]
            assert isinstance(ev.intensity, float)
            assert ev.intensity == lex.intensity(ev.event_type, ev.mode)
            assert ev.coder.name == "tidings.events.rules" and ev.coder.version
            assert ev.coder.lexicon == lex.version
    assert count >= 20


def test_assault_and_consult_scores(docs: dict[str, Document]) -> None:
    shell = one(docs["verb"], "ASSAULT", "shelled")
    talks = one(docs["talks"], "CONSULT", "talks")
    assert (shell.quad_class, talks.quad_class) == (4, 1)
    assert shell.intensity < 0 < talks.intensity
    assert talks.cameo == "040"
