"""Mention resolution (tidings.actors.resolve): metonymy, leaders by date, generic
descriptions, short names and pronouns, on short articles run through the whole pipeline."""

from __future__ import annotations

import pytest

from tidings.api import process_text
from tidings.model import Actor, Document

SYRIA = """\
Damascus rejected the ceasefire proposal on Monday, while Moscow urged restraint.

The Kremlin said Russian troops would stay at the Hmeimim air base in Latakia. The White House criticised the decision.

Assad met Iranian envoys in Damascus. Syrian authorities arrested dozens of protesters in Homs.

The rebels said they had captured several villages overnight.

Syrian Deputy Foreign Minister Rami Al-Shaer visited Tehran on Tuesday. Al-Shaer said he had discussed the fighting with Iranian officials.
"""

SHARAA = "Ahmed al-Sharaa met Turkish officials in Idlib on Monday."


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {
        "syria": process_text(SYRIA, published="2024-11-20T09:00:00+00:00", title=None,
                              outlet="Example Wire"),
        "sharaa_2024": process_text(SHARAA, published="2024-06-10T09:00:00+00:00"),
        "sharaa_2025": process_text(SHARAA, published="2025-03-14T09:00:00+00:00"),
    }


def actors(doc: Document, text: str) -> list[Actor]:
    found = [a for a in doc.actors if a.text == text]
    assert found, f"no actor {text!r} in {[a.text for a in doc.actors]}"
    return found


def actor(doc: Document, text: str, nth: int = 0) -> Actor:
    return actors(doc, text)[nth]


def side(a: Actor) -> tuple[str | None, str | None]:
    return a.country, a.sector


# ---- capitals and seats stand for their government


@pytest.mark.parametrize("text, expected", [
    ("Moscow", ("RUS", "GOV")),
    ("Kremlin", ("RUS", "GOV")),
    ("Damascus", ("SYR", "GOV")),
    ("White House", ("USA", "GOV")),
])
def test_capital_and_seat_metonymy(docs: dict[str, Document], text: str,
                                   expected: tuple[str, str]) -> None:
    assert side(actor(docs["syria"], text)) == expected


def test_metonymy_names_the_country(docs: dict[str, Document]) -> None:
    kremlin = actor(docs["syria"], "Kremlin")
    assert kremlin.kind in ("seat", "capital")
    moscow = actor(docs["syria"], "Moscow")
    assert moscow.kind == "capital"


def test_actor_offsets_slice_the_text(docs: dict[str, Document]) -> None:
    doc = docs["syria"]
    for a in doc.actors:
        assert doc.text[a.start:a.end] == a.text, a


# ---- people by the article's date


def test_assad_in_a_2024_article_is_syrias_government(docs: dict[str, Document]) -> None:
    assad = actor(docs["syria"], "Assad")
    assert assad.name == "Bashar al-Assad"
    assert side(assad) == ("SYR", "GOV")
    assert assad.wikidata == "Q44329"
    assert assad.kind == "person"


def test_the_same_leader_changes_sector_with_the_date(docs: dict[str, Document]) -> None:
    before = actor(docs["sharaa_2024"], "Ahmed al-Sharaa")
    after = actor(docs["sharaa_2025"], "Ahmed al-Sharaa")
    assert side(before) == ("SYR", "REB")
    assert side(after) == ("SYR", "GOV")


# ---- generic descriptions


def test_syrian_authorities_are_syrias_government(docs: dict[str, Document]) -> None:
    auth = actor(docs["syria"], "Syrian authorities")
    assert side(auth) == ("SYR", "GOV")
    assert auth.kind == "generic"


def test_rebels_take_the_country_of_the_article(docs: dict[str, Document]) -> None:
    rebels = next(a for a in docs["syria"].actors if a.text.lower().endswith("rebels"))
    assert side(rebels) == ("SYR", "REB")


def test_russian_troops_are_russias_military(docs: dict[str, Document]) -> None:
    assert side(actor(docs["syria"], "Russian troops")) == ("RUS", "MIL")


def test_iranian_officials_and_envoys_are_irans_government(docs: dict[str, Document]) -> None:
    assert side(actor(docs["syria"], "Iranian envoys")) == ("IRN", "GOV")
    assert side(actor(docs["syria"], "Iranian officials")) == ("IRN", "GOV")


def test_title_words_give_an_unknown_person_country_and_sector(
        docs: dict[str, Document]) -> None:
    shaer = actor(docs["syria"], "Rami Al-Shaer")
    assert shaer.kind == "person"
    assert shaer.name == "Rami Al-Shaer"
    assert side(shaer) == ("SYR", "GOV")


# ---- links back to earlier actors


def test_short_name_links_to_the_full_name(docs: dict[str, Document]) -> None:
    short = actor(docs["syria"], "Al-Shaer")
    full = actor(docs["syria"], "Rami Al-Shaer")
    assert short.name == "Rami Al-Shaer"
    assert side(short) == side(full)
    assert short.start > full.start


def test_he_links_to_the_last_person(docs: dict[str, Document]) -> None:
    doc = docs["syria"]
    he = actor(doc, "he")
    assert he.kind == "pronoun"
    assert he.name == "Rami Al-Shaer"
    assert side(he) == ("SYR", "GOV")
    assert doc.text[he.start:he.end] == "he"


def test_they_links_to_the_last_group(docs: dict[str, Document]) -> None:
    they = actor(docs["syria"], "they")
    assert they.kind == "pronoun"
    assert side(they) == ("SYR", "REB")


def test_actors_come_in_document_order(docs: dict[str, Document]) -> None:
    starts = [a.start for a in docs["syria"].actors]
    assert starts == sorted(starts)


@pytest.mark.parametrize("text, country", [
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "SRB"),
    ("The Albanians of southern Serbia are demanding autonomy from Serbian authorities.", "SRB"),
    ("Bosnian Serbs demanded a truce with Moslem forces in east Bosnia.", "BIH"),
    ("Thousands of Georgians marched through Tbilisi on Sunday.", "GEO"),
])
def test_a_people_belongs_where_it_lives(text: str, country: str) -> None:
    from tidings.api import process_text

    doc = process_text(text, published="2025-03-14T09:00:00+00:00")
    people = [a for a in doc.actors if a.kind == "people"]
    assert people and people[0].country == country and people[0].sector == "CVL"
