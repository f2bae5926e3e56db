"""End to end on the founding seed article (needs ../shared; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.api import process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_e19aa4795e690048.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")


@pytest.fixture(scope="module")
def seed():
    [outcome] = list(process([str(SEED)]))
    assert outcome.ok, outcome.error
    return outcome.document


def _find(doc, event_type, source=None, target=None, section="body"):
    found = [e for e in doc.events if e.event_type == event_type and e.evidence.section == section
             and (source is None or (e.source and e.source.country == source))
             and (target is None or (e.target and e.target.country == target))]
    assert found, f"no {event_type} {source}->{target} in {[(e.event_type, e.evidence.text[:40]) for e in doc.events]}"
    return found[0]


def test_russia_urges_assad_hedged(seed):
    ev = _find(seed, "REQUEST", "RUS", "SYR")
    assert ev.certainty == "hedged"


def test_warning_reported_via_asharq(seed):
    ev = _find(seed, "COOPERATE", "RUS", "SYR")
    assert ev.certainty == "reported"
    assert ev.attribution and "Al-Shaer" in ev.attribution.speaker
    assert ev.attribution.via[:1] == ("Asharq Al-Awsat",)
    # "two days prior" to an undated operation: the relation is kept, the date is borrowed
    # from the context or the report (basis says which), never presented as the text's
    assert ev.date is not None and ev.date.basis in ("context", "report")
    assert ev.date.relation and "operation" in ev.date.relation


@pytest.mark.xfail(strict=True, reason="the retrained role model of round 2 takes Turkey, a "
                   "middleman, as the mediation's source (docs/models.md, known failures)")
def test_mediation_attempted_failed(seed):
    ev = _find(seed, "CONSULT", "RUS")
    assert {"attempted", "failed"} <= set(ev.modality)
    assert {o.country for o in ev.others} >= {"IRN", "TUR"}
    assert ev.certainty == "reported"
    assert ev.attribution and ev.attribution.speaker == "Rami Al-Shaer"
    assert ev.attribution.via[:1] == ("Asharq Al-Awsat",)


def test_offensive_on_aleppo_planned(seed):
    ev = _find(seed, "ASSAULT", "SYR")
    assert ev.certainty == "planned"
    assert ev.place and ev.place.name == "Aleppo" and ev.place.country == "SYR"


def test_safe_exit_reported(seed):
    ev = _find(seed, "AID", "RUS", "SYR")
    assert ev.certainty == "reported"
    assert ev.attribution and ev.attribution.via[:1] == ("Asharq Al-Awsat",)


def test_caption_meeting_dated_from_caption(seed):
    ev = next(e for e in seed.events if e.event_type == "CONSULT" and e.evidence.section == "caption")
    assert ev.date and ev.date.start.isoformat() == "2024-07-24"
    assert ev.place and ev.place.name == "Moscow" and ev.place.geonames_id == 524901
    assert {ev.source.country, ev.target.country} == {"RUS", "SYR"}


def test_nothing_from_boilerplate(seed):
    assert all(e.evidence.section != "boilerplate" for e in seed.events)
    assert not any("newsletter" in e.evidence.text.lower() for e in seed.events)
