"""Attribution (tidings.attribution, applied by tidings.events.link): speakers, descriptions,
relaying outlets and the certainty of the events they vouch for."""

from __future__ import annotations

import pytest

from rules_only import process_text
from tidings.model import Document, Event

OUTLET = "Example Wire"
PUBLISHED = "2024-12-09T07:08:00+00:00"

ARTICLES = {
    "said": "Ukrainian Foreign Minister Andrii Sybiha said Russian drones had attacked Odesa "
            "overnight.",
    "governor": "Russian forces shelled Kharkiv on Tuesday, the regional governor said.",
    "told": "Russian drones attacked Odesa overnight, Ukrainian Foreign Minister Andrii Sybiha "
            "told Reuters.",
    "according": "According to the Syrian Observatory for Human Rights, Turkish drones struck "
                 "Kurdish fighters near Kobani.",
    "official": "A senior Israeli official said Israeli jets had struck a Hezbollah weapons "
                "depot near Tyre.",
    "insiders": "Insiders said Hezbollah had attacked Israeli positions near the border.",
    "tass_after": "Ukrainian drones attacked an oil depot in Belgorod, TASS reported, citing a "
                  "source in the emergency services.",
    "tass_before": "TASS reported, citing a military source, that Ukrainian drones attacked an "
                   "oil depot in Belgorod.",
    "hedged_claim": "The regional governor said Russian drones had reportedly attacked Sumy.",
    "own_voice": "Israel accused Iran of arming the Houthis. The United States urged Israel to "
                 "allow more aid into Gaza.",
    "quote": (
        "Rami Al-Shaer, a consultant close to Russian policymakers, told Asharq Al-Awsat that "
        "the Kremlin had offered Assad a safe exit.\n\n"
        "The Syrian army withdrew from Hama on Thursday. Rebel fighters entered the city hours "
        "later.\n\n"
        "\"Moscow tried to mediate between Damascus and Ankara through Iranian intermediaries. "
        "These efforts, however, failed. Turkey then backed the rebel offensive,\" he said.\n\n"
        "Al-Shaer said Russia had warned Damascus about the offensive.\n"
    ),
    "sandwich": (
        "Iranian Foreign Minister Abbas Araghchi said Israel had attacked an Iranian consulate "
        "in Damascus.\n\n"
        "Israeli jets bombed a convoy near Homs.\n\n"
        "Araghchi said Tehran would respond to the aggression.\n"
    ),
    "two_speakers": (
        "Kremlin spokesman Dmitry Peskov said Moscow had not been consulted.\n\n"
        "Israeli jets bombed a convoy near Homs.\n\n"
        "Iranian Foreign Minister Abbas Araghchi said Tehran would respond to the aggression.\n"
    ),
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    out = {key: process_text(text, published=PUBLISHED, outlet=OUTLET)
           for key, text in ARTICLES.items()}
    out["no_outlet"] = process_text(ARTICLES["told"], published=PUBLISHED)
    return out


def one(doc: Document, event_type: str, trigger: str) -> Event:
    hits = [e for e in doc.events
            if e.event_type == event_type and e.evidence.trigger.text == trigger]
    assert len(hits) == 1, [(e.event_type, e.evidence.trigger.text) for e in doc.events]
    return hits[0]


def attributed(ev: Event) -> tuple[str | None, str | None, tuple[str, ...], str | None]:
    assert ev.attribution is not None, ev
    a = ev.attribution
    return a.speaker, a.description, a.via, a.cue


# ---- speech verbs


def test_named_speaker_said(docs: dict[str, Document]) -> None:
    ev = one(docs["said"], "ASSAULT", "attacked")
    speaker, description, via, cue = attributed(ev)
    assert speaker == "Andrii Sybiha"
    assert description == "Ukrainian Foreign Minister"
    assert via == (OUTLET,)
    assert cue == "say"
    assert ev.certainty == "reported"
    assert ev.source.country == "RUS"


def test_speaker_offsets_point_at_the_name(docs: dict[str, Document]) -> None:
    doc = docs["said"]
    a = one(doc, "ASSAULT", "attacked").attribution
    assert a is not None and a.start is not None and a.end is not None
    assert doc.text[a.start:a.end] == "Andrii Sybiha"


def test_trailing_said_covers_the_sentence_before_it(docs: dict[str, Document]) -> None:
    ev = one(docs["governor"], "ASSAULT", "shelled")
    assert attributed(ev)[0].lower() == "the regional governor"
    assert ev.certainty == "reported"


def test_told_an_outlet_relays_the_claim(docs: dict[str, Document]) -> None:
    ev = one(docs["told"], "ASSAULT", "attacked")
    speaker, description, via, cue = attributed(ev)
    assert speaker == "Andrii Sybiha"
    assert description == "Ukrainian Foreign Minister"
    assert via == ("Reuters", OUTLET)
    assert cue == "tell"
    assert ev.certainty == "reported"


def test_according_to(docs: dict[str, Document]) -> None:
    ev = one(docs["according"], "ASSAULT", "struck")
    speaker, _, via, cue = attributed(ev)
    assert speaker == "Syrian Observatory for Human Rights"
    assert cue == "according to"
    assert via == (OUTLET,)
    assert ev.certainty == "reported"


# ---- unnamed sources


def test_a_senior_official(docs: dict[str, Document]) -> None:
    ev = one(docs["official"], "ASSAULT", "struck")
    speaker, _, via, _ = attributed(ev)
    assert speaker == "A senior Israeli official"
    assert via == (OUTLET,)
    assert ev.certainty == "reported"


def test_insiders(docs: dict[str, Document]) -> None:
    ev = one(docs["insiders"], "ASSAULT", "attacked")
    assert attributed(ev)[0] == "Insiders"
    assert ev.certainty == "reported"


# ---- a source cited by an agency


def test_agency_citing_a_source_after_the_claim(docs: dict[str, Document]) -> None:
    ev = one(docs["tass_after"], "ASSAULT", "attacked")
    speaker, _, via, cue = attributed(ev)
    assert speaker == "a source in the emergency services"
    assert via == ("TASS", OUTLET)
    assert cue == "citing"
    assert ev.certainty == "reported"


def test_agency_citing_a_source_before_the_claim(docs: dict[str, Document]) -> None:
    ev = one(docs["tass_before"], "ASSAULT", "attacked")
    speaker, _, via, _ = attributed(ev)
    assert speaker == "a military source"
    assert via == ("TASS", OUTLET)


# ---- quotations and the sandwich rule


def test_quote_closed_by_he_said_belongs_to_the_last_speaker(docs: dict[str, Document]) -> None:
    ev = one(docs["quote"], "SUPPORT", "backed")
    speaker, description, via, _ = attributed(ev)
    assert speaker == "Rami Al-Shaer"
    assert description == "a consultant close to Russian policymakers"
    assert via[-1] == OUTLET
    assert ev.certainty == "reported"


def test_quote_over_several_sentences_covers_its_first_sentence(
        docs: dict[str, Document]) -> None:
    ev = one(docs["quote"], "CONSULT", "mediate")
    assert attributed(ev)[0] == "Rami Al-Shaer"
    assert ev.certainty == "reported"
    assert set(ev.modality) == {"attempted", "failed"}


def test_unattributed_sentences_outside_the_quote_stay_asserted(
        docs: dict[str, Document]) -> None:
    ev = one(docs["quote"], "RETREAT", "withdrew")
    assert ev.attribution is None
    assert ev.certainty == "asserted"


def test_description_and_relay_of_the_first_claim(docs: dict[str, Document]) -> None:
    ev = [e for e in docs["quote"].events if e.evidence.trigger.text == "offered"]
    assert len(ev) == 1
    speaker, description, via, cue = attributed(ev[0])
    assert speaker == "Rami Al-Shaer"
    assert description == "a consultant close to Russian policymakers"
    assert via == ("Asharq Al-Awsat", OUTLET)
    assert cue == "tell"


def test_short_name_speaker_resolves_to_the_full_name(docs: dict[str, Document]) -> None:
    ev = one(docs["quote"], "THREATEN", "warned")
    assert attributed(ev)[0] == "Rami Al-Shaer"
    assert ev.certainty == "reported"


def test_sandwiched_sentence_belongs_to_the_speaker(docs: dict[str, Document]) -> None:
    ev = one(docs["sandwich"], "ASSAULT", "bombed")
    speaker, description, _, _ = attributed(ev)
    assert speaker == "Abbas Araghchi"
    assert ev.certainty == "reported"
    first = one(docs["sandwich"], "ASSAULT", "attacked")
    assert attributed(first)[:2] == ("Abbas Araghchi", "Iranian Foreign Minister")


def test_no_sandwich_between_two_different_speakers(docs: dict[str, Document]) -> None:
    ev = one(docs["two_speakers"], "ASSAULT", "bombed")
    assert ev.attribution is None
    assert ev.certainty == "asserted"


# ---- the publishing outlet and certainty


def test_outlet_is_always_the_last_link(docs: dict[str, Document]) -> None:
    for key, doc in docs.items():
        if key == "no_outlet":
            continue
        for claim in doc.attributions:
            assert claim.attribution.via[-1] == OUTLET, (key, claim)


def test_no_outlet_appended_without_one(docs: dict[str, Document]) -> None:
    ev = one(docs["no_outlet"], "ASSAULT", "attacked")
    assert attributed(ev)[2] == ("Reuters",)


def test_speech_acts_in_the_outlets_voice_stay_asserted(docs: dict[str, Document]) -> None:
    doc = docs["own_voice"]
    accuse = one(doc, "ACCUSE", "accused")
    request = one(doc, "REQUEST", "urged")
    for ev in (accuse, request):
        assert ev.attribution is None
        assert ev.certainty == "asserted"
    assert (accuse.source.country, accuse.target.country) == ("ISR", "IRN")


def test_hedge_inside_a_claim_wins_over_reported(docs: dict[str, Document]) -> None:
    ev = one(docs["hedged_claim"], "ASSAULT", "attacked")
    assert ev.certainty == "hedged"
    assert attributed(ev)[0].lower() == "the regional governor"


def test_claim_scope_excludes_the_speech_verb(docs: dict[str, Document]) -> None:
    doc = docs["said"]
    [claim] = doc.attributions
    said = doc.text.index(" said ") + 1
    assert claim.cue_start == said
    assert not claim.scope_start <= said < claim.scope_end
    assert doc.text[claim.scope_start:claim.scope_end].startswith("Russian drones")
