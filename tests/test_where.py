"""The gazetteer (tidings.where) and its GeoVirus evaluation (tidings.evaluate.geovirus)."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tidings.where import index as where_index
from tidings.errors import DataError
from tidings.evaluate.geovirus import evaluate_geovirus, haversine_km, read_geovirus
from tidings.where import Gazetteer, PlaceEntry, normalise
from tidings.where.index import load_payload

SHARED = Path(__file__).parents[1].parent / "shared"
GEOVIRUS = SHARED / "eval" / "geovirus" / "GeoVirus.xml"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("raw, folded", [
    ("Ḩamāh", "hamah"), ("Ţarţūs", "tartus"), ("Deir ez-Zor", "deir ez zor"),
    ("St. Louis", "saint louis"), ("the Netherlands", "netherlands"),
    ("Côte d'Ivoire", "cote divoire"), ("Dar‘ā", "dara"), ("Øresund", "oresund"),
])
def test_normalise_folds_accents_case_and_punctuation(raw: str, folded: str) -> None:
    assert normalise(raw) == folded


@pytest.mark.parametrize("name, country, precision", [
    ("Damascus", "SYR", "city"), ("Moscow", "RUS", "city"), ("Homs", "SYR", "city"),
    ("Hama", "SYR", "city"), ("Hamah", "SYR", "city"), ("Tartus", "SYR", "city"),
    ("Aleppo", "SYR", "city"), ("Idlib", "SYR", "city"), ("Deir ez-Zor", "SYR", "city"),
    ("Paris", "FRA", "city"), ("Kyiv", "UKR", "city"), ("Washington", "USA", "city"),
    ("Russia", "RUS", "country"), ("Syria", "SYR", "country"), ("Iran", "IRN", "country"),
    ("Turkey", "TUR", "country"), ("UK", "GBR", "country"), ("US", "USA", "country"),
    ("the United States", "USA", "country"), ("Britain", "GBR", "country"),
    ("Georgia", "GEO", "country"), ("Ontario", "CAN", "admin1"), ("Texas", "USA", "admin1"),
    ("Idlib province", "SYR", "admin1"), ("Gaza Strip", "PSE", "admin1"),
    ("Kremlin", "RUS", "site"), ("the White House", "USA", "site"), ("Pentagon", "USA", "site"),
    ("Élysée", "FRA", "site"), ("Zaporizhzhia nuclear plant", "UKR", "site"),
])
def test_resolve_without_context(gaz: Gazetteer, name: str, country: str, precision: str) -> None:
    place = gaz.resolve(name)
    assert place is not None, name
    assert (place.country, place.precision) == (country, precision)


def test_context_picks_the_us_state_of_georgia(gaz: Gazetteer) -> None:
    state = gaz.resolve("Georgia", ["USA"])
    assert state is not None and state.precision == "admin1" and state.country == "USA"
    assert gaz.resolve("Georgia", ["RUS"]).precision == "country"  # type: ignore[union-attr]


def test_context_does_not_beat_a_capital_by_a_village(gaz: Gazetteer) -> None:
    # London, Ohio and Damascus, Maryland exist; a US story still means the capitals.
    assert gaz.resolve("London", ["USA"]).country == "GBR"  # type: ignore[union-attr]
    assert gaz.resolve("Damascus", ["USA", "SYR"]).country == "SYR"  # type: ignore[union-attr]


def test_region_context_picks_the_namesake_town_inside_it(gaz: Gazetteer) -> None:
    assert gaz.resolve("Glendale", ["USA"]).admin1 == "Arizona"  # type: ignore[union-attr]
    place = gaz.resolve("Glendale", ["USA"], ["California"])
    assert place is not None and place.admin1 == "California"


def test_country_entries_carry_a_representative_point(gaz: Gazetteer) -> None:
    syria = gaz.resolve("Syria")
    assert syria is not None and syria.geonames_id == 163843
    assert 32 < syria.lat < 37.5 and 35 < syria.lon < 42.5
    lux = gaz.resolve("Luxembourg", ["LUX"])  # small: its capital stands for it
    assert lux is not None and haversine_km(lux.lat, lux.lon, 49.61, 6.13) < 30


@pytest.mark.parametrize("text", ["Of", "Man", "Police", "President", "Reuters", "paris",
                                  "police", "Monday", "", "123"])
def test_common_words_and_lower_case_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.resolve(text) is None


def test_continents_are_toponyms_without_a_point(gaz: Gazetteer) -> None:
    assert gaz.is_toponym("Africa") and gaz.resolve("Africa") is None
    assert gaz.resolve("the Middle East") is None


def test_candidates_list_the_namesakes_most_likely_first(gaz: Gazetteer) -> None:
    found = gaz.candidates("Damascus")
    assert found[0].country == "SYR"
    assert {"USA"} <= {p.country for p in found[1:]}
    assert all(isinstance(p, PlaceEntry) for p in found)
    assert gaz.candidates("Xqzzyville") == []


def test_a_foreign_hamlet_is_refused_when_the_document_is_elsewhere(gaz: Gazetteer) -> None:
    # Pangasinan (a Philippine province) is missing; its namesake is a village in Java.
    assert gaz.resolve("Pangasinan") is not None
    assert gaz.resolve("Pangasinan", ["PHL"]) is None


def test_disk_cache_loads_without_rebuilding() -> None:
    # its load time is measured by bench/loading.py (make bench), not asserted here
    Gazetteer.load()  # make sure the cache exists
    payload = load_payload(where_index.cache_path(), build=_never)
    assert len(payload["entries"]) > 200_000


def _never() -> dict[str, object]:
    raise AssertionError("the cache should have been read, not rebuilt")


def _tiny_payload() -> dict[str, object]:
    entry = ("Testville", "USA", "Texas", 30.0, -97.0, 1, "city", 1000)
    return {"format": where_index._FORMAT, "entries": [entry], "postings": {"testville": 0}}


@pytest.mark.parametrize("junk", [b"", b"not a pickle", pickle.dumps({"format": "old"}),
                                  pickle.dumps([1, 2, 3])[:5]])
def test_a_corrupt_or_foreign_cache_is_rebuilt(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "tidings" / "gazetteer-x.pickle"
    path.parent.mkdir()
    path.write_bytes(junk)
    built = load_payload(path, _tiny_payload)
    assert built["entries"] == _tiny_payload()["entries"]
    again = load_payload(path, _never)  # rewritten: now it loads
    gaz = Gazetteer(again["entries"], again["postings"])
    assert gaz.resolve("Testville") == PlaceEntry("Testville", "USA", "Texas", 30.0, -97.0, 1,
                                                  "city", 1000)


def test_cache_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = where_index.cache_path()
    assert path.parent == tmp_path / "tidings" and path.name.startswith("gazetteer-")


def test_a_malformed_data_file_is_a_data_error(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    (tmp_path / "sites.tsv").write_text("Somewhere\t\tFRA\tnorth\t2.0\n", encoding="utf-8")
    monkeypatch.setattr(where_index, "DATA_DIR", tmp_path)  # the index builder reads the files
    with pytest.raises(DataError, match="sites.tsv:1"):
        where_index._add_curated(where_index._Builder(), "sites.tsv", "site")
    (tmp_path / "sites.tsv").write_text("Too\tfew\n", encoding="utf-8")
    with pytest.raises(DataError, match="columns"):
        where_index._add_curated(where_index._Builder(), "sites.tsv", "site")


# --- GeoVirus evaluation -------------------------------------------------------------------

TINY_XML = textwrap.dedent("""\
    <articles>
        <!--<article><text>commented out</text></article>-->
        <article>
            <source>https://example.org/a</source>
            <text>Fighting went on in Homs and Aleppo, Syria, on Sunday. Reuters said so.</text>
            <locations>
                <location>
                    <name>Homs</name><start>21</start><end>25</end>
                    <lat>34.73</lat><lon>36.72</lon><page>https://en.wikipedia.org/wiki/Homs</page>
                </location>
                <location>
                    <location>
                    <name>Aleppo</name><start>30</start><end>36</end>
                    <lat>36.2</lat><lon>37.16</lon><page>N/A</page>
                </location>
                <location>
                    <name>Syria</name><start>38</start><end>43</end>
                    <lat>35</lat><lon>38</lon><page>https://en.wikipedia.org/wiki/Syria</page>
                    <geonameid>163843</geonameid>
                </location>
                </location>
            </locations>
        </article>
        <article>
            <source>https://example.org/b</source>
            <text>Officials in Atlanta, Georgia, met the mayor of Xqzzyville.</text>
            <locations>
                <location>
                    <name>Atlanta</name><start>14</start><end>21</end>
                    <lat>33.75</lat><lon>-84.39</lon><page>https://en.wikipedia.org/wiki/Atlanta</page>
                </location>
                <location>
                    <name>Georgia</name><start>23</start><end>30</end>
                    <lat>33</lat><lon>-83.5</lon><page>https://en.wikipedia.org/wiki/Georgia_(U.S._state)</page>
                </location>
                <location>
                    <name>Xqzzyville</name><start>49</start><end>59</end>
                    <lat>10</lat><lon>10</lon><page>N/A</page>
                </location>
            </locations>
        </article>
    </articles>
    """)


def test_read_geovirus_aligns_one_based_offsets(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    articles = read_geovirus(path)
    assert len(articles) == 2
    for article in articles:
        for gold in article.gold:
            assert article.text[gold.start:gold.end] == gold.name
    assert [g.geonames_id for g in articles[0].gold] == [None, None, 163843]


def test_read_geovirus_rejects_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(DataError):
        read_geovirus(path)


def test_evaluate_tiny_geovirus(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "tiny.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    report = evaluate_geovirus(path, gaz)
    assert (report.articles, report.gold_toponyms) == (2, 6)
    assert report.ids_given == 1 and report.id_matches == 1  # Syria's GeoNames id
    # Every real place is found and placed within 161 km (Georgia: the state, by context).
    assert report.within_161km == report.resolved >= 5
    assert report.found >= 5
    data = report.as_dict()
    assert data["accuracy_161km"] == 1.0 and data["id_match_rate"] == 1.0


def test_geoeval_runs_from_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xml"
    path.write_text(TINY_XML, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tidings", "eval", "--geovirus", str(path)],
                          capture_output=True, text=True, timeout=120, check=True)
    assert '"gold_toponyms": 6' in done.stdout


@pytest.fixture(scope="module")
def geovirus_report(gaz: Gazetteer):  # type: ignore[no-untyped-def]
    if not GEOVIRUS.exists():
        pytest.skip(f"GeoVirus not available at {GEOVIRUS}")
    return evaluate_geovirus(GEOVIRUS, gaz)


def test_geovirus_goals(geovirus_report) -> None:  # type: ignore[no-untyped-def]
    """Measured: recall 0.872, accuracy@161km 0.879 (0.959 for non-country places, 0.807
    for country-level answers), country-aware 0.947, over 1705 resolved toponyms."""
    assert geovirus_report.recall >= 0.80
    assert geovirus_report.accuracy_country_aware >= 0.85
    assert geovirus_report.accuracy_161km >= 0.87  # regression floor for the strict metric
    non_country = [v for k, v in geovirus_report.by_precision.items() if k != "country"]
    assert sum(ok for _, ok in non_country) / sum(n for n, _ in non_country) >= 0.90


def test_geovirus_strict_accuracy_goal(geovirus_report) -> None:  # type: ignore[no-untyped-def]
    """A country-level answer sits at its GeoNames country point (US 39.76 N 98.5 W); with
    Factbook-style centres (US 38 N 97 W) this was 0.80, because GeoVirus puts countries at
    Wikipedia's points and 161 km is less than a large country's size."""
    assert geovirus_report.accuracy_161km >= 0.85
