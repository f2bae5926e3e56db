"""The actor dictionaries converted from Phoenix/PETRARCH2 (scripts/actors_from_phoenix.py):
the conversion's reading of dated roles and aliases, and how the knowledge base uses them."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

from tidings.actors.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("phoenix", ROOT / "scripts" / "actors_from_phoenix.py")
phoenix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(phoenix)

SAMPLE = """# a comment
ATLANTIS_  [ATL]
+ATLANTIS_CITY_
JOHN_Q_EXAMPLE_  # CountryInfo.txt
+EXAMPLE_
+PRESIDENT_JOHN_EXAMPLE_
\t[FRAELI 700101-990809]
\t[FRAGOV 990809-000507]
\t[FRAGOV >080508]
\t[FRAELI]
MARIA_OLDHAND_
\t[DEUGOV 20041207-20091119]
VLADIMIR_PUTIN_
\t[RUSGOV >000507]
ROVING_LIBERATION_ARMY_(RLA)_ [COLREB] # kkl
"""


def _convert(tmp_path):
    folder = tmp_path / "phoenix"
    folder.mkdir()
    (folder / "Phoenix.Countries.actors.txt").write_text(SAMPLE, encoding="utf-8")
    for name in phoenix.FILES[1:]:
        (folder / name).write_text("", encoding="utf-8")
    keys, codes = phoenix.curated(ROOT / "src" / "tidings" / "data" / "actors")
    return phoenix.convert(folder, keys, codes)


def test_conversion_reads_dated_roles_aliases_and_acronyms(tmp_path):
    people, orgs = _convert(tmp_path)
    by_name = {p["name"]: p for p in people}
    assert set(by_name) == {"John Q Example", "Maria Oldhand"}  # Putin: the curated file has him
    john = by_name["John Q Example"]
    assert john["aliases"] == ["President John Example"]  # the bare surname is dropped
    assert john["roles"] == [
        {"country": "FRA", "sector": None, "start": "1970-01-01", "end": "1999-08-09"},
        {"country": "FRA", "sector": "GOV", "start": "1999-08-09", "end": "2000-05-07"},
        {"country": "FRA", "sector": "GOV", "start": "2008-05-08", "end": None}]
    assert by_name["Maria Oldhand"]["roles"][0]["end"] == "2009-11-19"  # eight-digit dates
    assert [(o["name"], o["country"], o["sector"], o.get("acronyms")) for o in orgs] == [
        ("Roving Liberation Army", "COL", "REB", ["RLA"])]  # the bare country entry is skipped


def test_kb_codes_the_role_held_on_the_event_date():
    kb = KnowledgeBase.load()
    zimbabwe = kb.lookup("Emmerson Mnangagwa", date(2024, 5, 1))
    assert (zimbabwe.country, zimbabwe.sector, zimbabwe.former) == ("ZWE", "GOV", False)
    gone = kb.lookup("Ahmed Zia Massoud", date(2024, 5, 1))  # in office 2004-2009 only
    assert (gone.country, gone.sector, gone.former) == ("AFG", "GOV", True)
    then = kb.lookup("Ahmed Zia Massoud", date(2006, 1, 1))
    assert (then.country, then.sector) == ("AFG", "GOV")


def test_converted_names_are_lookup_only_and_curated_entries_win():
    kb = KnowledgeBase.load()
    patterns = {p["pattern"] for p in kb.ruler_patterns()}
    assert "Emmerson Mnangagwa" not in patterns and "Vladimir Putin" in patterns
    assert kb.lookup("Vladimir Putin", date(2024, 1, 1)).wikidata == "Q7747"
    assert kb.lookup("Mnangagwa") is None  # no bare surnames from the converted files
    lines = (ROOT / "src" / "tidings" / "data" / "actors" / "phoenix_people.jsonl").read_text(
        encoding="utf-8").splitlines()
    assert len(lines) > 15000 and all(json.loads(line)["roles"] for line in lines[:200])


def test_an_organisation_may_name_a_country_without_a_sector(tmp_path):
    extra = tmp_path / "organizations_police.jsonl"
    extra.write_text(json.dumps({"name": "Atlantis Federal Police", "country": "FRA",
                                 "sector": None}) + "\n", encoding="utf-8")
    entry = KnowledgeBase.load([str(extra)]).lookup("Atlantis Federal Police")
    assert (entry.country, entry.sector) == ("FRA", None)
