"""The scorer (tidings.evaluate) on hand-made gold and system records: no pipeline, no shared/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tidings.errors import DataError
from tidings.evaluate import (
    check_floors, doc_name, load_floors, load_gold, score,
)
from tidings.cli.eval import article_paths, eval_command
from tidings.evaluate.gold import parse_gold_lines
from tidings.evaluate.system import load_event_records

REPO = Path(__file__).resolve().parents[1]


def gold_line(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc": "d1", "event_key": "2025-01-01 Russia strikes Kharkiv", "event_types": ["ASSAULT"],
        "source": {"name": "Russia", "country": "RUS", "sector": "MIL"},
        "target": {"name": "Ukraine", "country": "UKR", "sector": None},
        "date": None, "date_basis": None, "place": None, "attribution": None,
        "certainty": "asserted", "evidence": "Russia struck Kharkiv overnight", "role": "main",
    }
    base.update(over)
    return base


def golds(*lines: dict[str, Any]):
    return parse_gold_lines([json.dumps(line) for line in lines], "test.gold.jsonl")


def actor(country: str | None, sector: str | None = None, name: str = "x") -> dict[str, Any]:
    return {"text": name, "name": name, "country": country, "sector": sector}


def sysrec(doc: str = "d1", event_type: str = "ASSAULT", src: str | None = "RUS",
           tgt: str | None = "UKR", evidence: str = "Russia struck Kharkiv overnight",
           **over: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"ev_{doc}_{event_type}_{evidence[:12]}", "event_type": event_type,
        "source": actor(src, "MIL", "Russia") if src else None,
        "target": actor(tgt) if tgt else None,
        "date": None, "place": None, "attribution": None, "certainty": "asserted",
        "evidence": {"text": evidence, "start": 0, "end": len(evidence), "section": "body",
                     "trigger": {"text": "struck", "start": 7, "end": 13}},
        "document": {"id": "sha256:x", "key": doc, "path": f"/data/{doc}.txt", "url": None,
                     "outlet": "Meridian Wire"},
        "story_id": None,
    }
    record.update(over)
    return record


# pairing ------------------------------------------------------------------------------------

def test_pairs_on_type_and_countries() -> None:
    report = score(golds(gold_line()), [sysrec()])
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert not report.unpaired_gold and not report.unpaired_system


def test_wrong_country_does_not_pair_but_counts_for_type_only_recall() -> None:
    report = score(golds(gold_line()), [sysrec(src="BLR")])
    assert report.recall == 0.0 and report.precision == 0.0
    assert report.loose_recall == 1.0
    assert report.unpaired_gold[0].evidence == "Russia struck Kharkiv overnight"
    assert report.unpaired_system[0].source == "BLR"


def test_second_listed_type_is_accepted_other_types_are_not() -> None:
    gold = golds(gold_line(event_types=["COOPERATE", "AID"]))
    assert score(gold, [sysrec(event_type="AID")]).recall == 1.0
    assert score(gold, [sysrec(event_type="ASSAULT")]).recall == 0.0


def test_swap_only_when_symmetric() -> None:
    talks = gold_line(event_types=["CONSULT"], source={"name": "US", "country": "USA"},
                      target={"name": "Russia", "country": "RUS", "sector": "GOV"})
    swapped = sysrec(event_type="CONSULT", src="RUS", tgt="USA")
    assert score(golds(talks), [swapped]).recall == 0.0
    report = score(golds({**talks, "symmetric": True}), [swapped])
    assert report.recall == 1.0
    assert report.fields["source_country"].correct == 1  # compared after the swap
    assert report.fields["target_sector"].total == 1


def test_null_gold_side_or_country_matches_anything() -> None:
    assert score(golds(gold_line(target=None)), [sysrec(tgt="POL")]).recall == 1.0
    assert score(golds(gold_line(target=None)), [sysrec(tgt=None)]).recall == 1.0
    igo = gold_line(source={"name": "UN", "country": None, "sector": "IGO"})
    assert score(golds(igo), [sysrec(src="FRA")]).recall == 1.0
    report = score(golds(igo), [sysrec(src=None)])
    assert report.recall == 1.0 and report.fields["source_country"].correct == 0


def test_gold_country_is_not_matched_by_missing_system_actor() -> None:
    assert score(golds(gold_line()), [sysrec(tgt=None)]).recall == 0.0


def test_evidence_breaks_ties_and_pairing_is_one_to_one() -> None:
    g1 = gold_line(event_key="a", evidence="drones hit a power plant in Kharkiv",
                   date="2025-01-01", date_basis="text")
    g2 = gold_line(event_key="b", evidence="missiles struck a hospital in Sumy",
                   date="2025-01-02", date_basis="text")
    s_hospital = sysrec(evidence="Russian missiles struck a hospital in Sumy on Friday",
                        date={"start": "2025-01-02", "end": "2025-01-02"})
    s_plant = sysrec(evidence="drones hit a power plant in Kharkiv",
                     date={"start": "2025-01-01", "end": "2025-01-01"})
    report = score(golds(g1, g2), [s_hospital, s_plant])
    assert report.recall == 1.0
    assert report.fields["date"].correct == 2  # each paired with its own event
    dup = score(golds(g1), [s_plant, sysrec(evidence="drones hit a power plant")])
    assert dup.overall.tp_system == 1 and dup.duplicates == 1 and dup.precision == 0.5


def test_optional_gold_neither_rewarded_nor_penalised() -> None:
    main = gold_line()
    optional = gold_line(event_key="opt", event_types=["THREATEN"], optional=True,
                         evidence="Moscow vowed to respond")
    report = score(golds(main, optional), [sysrec(), sysrec(event_type="THREATEN",
                                                         evidence="Moscow vowed to respond")])
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert report.paired_optional == 1 and report.overall.system == 1
    unpaired = score(golds(main, optional), [sysrec()])
    assert (unpaired.precision, unpaired.recall) == (1.0, 1.0)
    assert report.per_type["THREATEN"].gold == 0


def test_per_type_counts() -> None:
    gold = golds(gold_line(), gold_line(event_key="r", event_types=["REQUEST"], evidence="urged"))
    report = score(gold, [sysrec(), sysrec(event_type="ACCUSE", evidence="condemned")])
    assert report.per_type["ASSAULT"].f1 == 1.0
    assert report.per_type["REQUEST"].recall == 0.0 and report.per_type["REQUEST"].gold == 1
    assert report.per_type["ACCUSE"].precision == 0.0 and report.per_type["ACCUSE"].system == 1
    assert report.precision == 0.5 and report.recall == 0.5


# fields -------------------------------------------------------------------------------------

def _field(gold: dict[str, Any], system: dict[str, Any], name: str) -> tuple[int, int]:
    result = score(golds(gold), [system]).fields[name]
    return result.correct, result.total


@pytest.mark.parametrize(("gold_date", "basis", "start", "end", "expected"), [
    ("2025-03-03", "text", "2025-03-03", "2025-03-03", (1, 1)),
    ("2024-11-21/2024-11-30", "text", "2024-11-25", "2024-11-25", (1, 1)),
    ("2024-11-21/2024-11-30", "text", "2024-11-21", "2024-11-30", (1, 1)),
    ("2024-11-21/2024-11-30", "text", "2024-11-20", "2024-11-25", (0, 1)),
    ("2025-03-03", "text", "2025-03-03", "2025-03-04", (0, 1)),
    ("2025-03-03", "external", "2025-01-01", "2025-01-01", (0, 0)),
    (None, None, "2025-01-01", "2025-01-01", (0, 0)),
])
def test_date_field(gold_date: str | None, basis: str | None, start: str, end: str,
                    expected: tuple[int, int]) -> None:
    gold = gold_line(date=gold_date, date_basis=basis)
    system = sysrec(date={"start": start, "end": end, "precision": "day"})
    assert _field(gold, system, "date") == expected


def test_missing_system_date_is_wrong() -> None:
    assert _field(gold_line(date="2025-03-03", date_basis="text"), sysrec(), "date") == (0, 1)


def test_place_name_is_fuzzy_and_country_exact() -> None:
    gold = gold_line(place={"name": "Kremlin, Moscow", "country": "RUS"})
    moscow = sysrec(place={"name": "Moscow", "text": "Moscow", "country": "RUS"})
    assert _field(gold, moscow, "place_name") == (1, 1)
    assert _field(gold, moscow, "place_country") == (1, 1)
    hama = gold_line(place={"name": "Hamah", "country": "SYR"})
    accented = sysrec(place={"name": "Ḩamāh", "text": "Ḩamāh", "country": "SYR"})
    assert _field(hama, accented, "place_name") == (1, 1)
    elsewhere = sysrec(place={"name": "Homs", "text": "Homs", "country": "LBN"})
    assert _field(hama, elsewhere, "place_name") == (0, 1)
    assert _field(hama, elsewhere, "place_country") == (0, 1)
    assert _field(gold_line(), moscow, "place_name") == (0, 0)


def test_certainty_alternatives() -> None:
    gold = gold_line(certainty="reported", certainty_alt=["asserted"])
    assert _field(gold, sysrec(certainty="asserted"), "certainty") == (1, 1)
    assert _field(gold, sysrec(certainty="hedged"), "certainty") == (0, 1)


def _attr(speaker: str | None, description: str | None = None,
          via: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"speaker": speaker, "description": description, "via": list(via), "cue": "said",
            "start": 0, "end": 1}


@pytest.mark.parametrize(("gold_attr", "system_attr", "right"), [
    ("Rami Al-Shaer (consultant close to Russian policymakers) via Asharq Al-Awsat",
     _attr("Rami Al-Shaer", "consultant"), True),
    ("Rami Al-Shaer (consultant) via Asharq Al-Awsat", _attr("Al-Shaer"), True),
    ("Rami Al-Shaer (consultant) via Asharq Al-Awsat", _attr(None, None, ("Asharq Al-Awsat",)),
     True),
    ("Rami Al-Shaer (consultant) via Asharq Al-Awsat", _attr("Vladimir Putin"), False),
    ("Rami Al-Shaer (consultant) via Asharq Al-Awsat", None, False),
    ("unnamed: a senior Pakistani official", _attr(None, "a senior Pakistani official"), True),
    ("unnamed ('reportedly')", _attr(None, None), False),
    ("unnamed ('reportedly')", _attr(None, "sources"), True),
    (None, None, True),
    (None, _attr("Meridian Wire"), True),
    (None, _attr("Russia"), True),  # the speaker is the event's own source
    (None, _attr("Some Analyst"), False),
])
def test_attribution_field(gold_attr: str | None, system_attr: dict[str, Any] | None,
                           right: bool) -> None:
    correct, total = _field(gold_line(attribution=gold_attr), sysrec(attribution=system_attr),
                            "attribution")
    assert (correct, total) == (int(right), 1)


def test_optional_pairs_are_not_field_scored() -> None:
    gold = gold_line(optional=True, certainty="hedged")
    assert score(golds(gold), [sysrec()]).fields["certainty"].total == 0


# B-cubed ------------------------------------------------------------------------------------

def test_bcubed_against_event_keys() -> None:
    gold = golds(gold_line(doc="d1", event_key="A"),
                 gold_line(doc="d2", event_key="A"),
                 gold_line(doc="d2", event_key="B", event_types=["REQUEST"], evidence="urged"))
    system = [sysrec(doc="d1", story_id="s1"), sysrec(doc="d2", story_id="s2"),
              sysrec(doc="d2", event_type="REQUEST", evidence="urged", story_id="s2")]
    b = score(gold, system).bcubed
    assert b is not None and b.items == 3
    assert b.precision == pytest.approx(2 / 3) and b.recall == pytest.approx(2 / 3)
    perfect = score(gold, [sysrec(doc="d1", story_id="x"), sysrec(doc="d2", story_id="x"),
                           sysrec(doc="d2", event_type="REQUEST", evidence="urged")]).bcubed
    assert perfect is not None and perfect.f1 == pytest.approx(1.0)
    assert score(gold, [sysrec(doc="d1")]).bcubed is None


# documents ----------------------------------------------------------------------------------

def test_doc_name_candidates() -> None:
    by_key = {"document": {"key": "dev-007", "path": "/x/article.txt"}}
    assert doc_name(by_key) == "dev-007"
    by_path = {"document": {"key": "https://example.org/a", "path": "/x/000_abc.txt"}}
    assert doc_name(by_path, {"000_abc"}) == "000_abc"
    by_key_path = {"document": {"key": "/data/dev-003.txt", "path": "/data/dev-003.txt"}}
    assert doc_name(by_key_path, {"dev-003"}) == "dev-003"


def test_unscored_aliases_and_single_document_shortcut() -> None:
    gold = golds(gold_line(doc="seed"))
    lone = sysrec(doc="000_e19aa4795e690048")
    assert score(gold, [lone]).recall == 1.0  # one gold doc, one system doc
    two = [lone, sysrec(doc="other")]
    report = score(gold, two)
    assert report.recall == 0.0 and report.unscored_system == 2
    assert score(gold, two, aliases={"000_e19aa4795e690048": "seed"}).recall == 1.0
    every = score(gold, two, aliases={"000_e19aa4795e690048": "seed"}, all_docs=True)
    assert every.precision == 0.5 and every.unscored_system == 0


# malformed gold -----------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    (json.dumps({k: v for k, v in gold_line().items() if k != "evidence"}), "missing field"),
    (json.dumps(gold_line(event_types=["FIGHT"])), "unknown event type"),
    (json.dumps(gold_line(event_types=[])), "1 or 2"),
    (json.dumps(gold_line(certainty="likely")), "certainty"),
    (json.dumps(gold_line(source={"name": "Russia", "country": "Russia"})), "alpha-3"),
    (json.dumps(gold_line(source={"name": "Russia", "country": "RUS", "sector": "ARMY"})),
     "sector"),
    (json.dumps(gold_line(date="2025-13-01", date_basis="text")), "YYYY-MM-DD"),
    (json.dumps(gold_line(date="2025-03-05/2025-03-01", date_basis="text")), "ends before"),
    (json.dumps(gold_line(evidence=" ".join(["word"] * 13))), "more than 12 words"),
    (json.dumps(gold_line(role="headline")), "role"),
    (json.dumps(gold_line(optional="yes")), "true or false"),
])
def test_malformed_gold_raises_data_error_with_line(tmp_path: Path, line: str,
                                                     reason: str) -> None:
    path = tmp_path / "bad.gold.jsonl"
    path.write_text("# comment\n\n" + json.dumps(gold_line()) + "\n" + line + "\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_gold(path)
    assert info.value.line == 4 and info.value.path == str(path)
    assert reason in str(info.value)


def test_unreadable_gold_and_events(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_gold(tmp_path / "missing.jsonl")
    bad = tmp_path / "events.jsonl"
    bad.write_text(json.dumps(sysrec()) + "\n[]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_event_records(bad)
    assert info.value.line == 2
    with pytest.raises(DataError):
        score(golds(gold_line()), [{"evidence": {"text": "x"}}])


# report, gate, CLI --------------------------------------------------------------------------

def test_report_dict_and_text() -> None:
    report = score(golds(gold_line(), gold_line(event_key="b", event_types=["REQUEST"],
                                                evidence="urged allies")),
                   [sysrec(), sysrec(event_type="PROTEST", evidence="crowds marched")])
    data = report.as_dict()
    assert data["recall"] == 0.5 and data["precision"] == 0.5
    assert data["fields"]["certainty"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert data["unpaired_gold"][0]["evidence"] == "urged allies"
    assert data["unpaired_system"][0]["event_type"] == "PROTEST"
    json.dumps(data)
    text = report.to_text()
    assert "ASSAULT" in text and "urged allies" in text and "crowds marched" in text
    assert "urged allies" not in report.to_text(misses=False)


def test_check_floors() -> None:
    report = {"dev": {"recall": 0.5, "fields": {"date": {"accuracy": None}}},
              "plover_gsr": {"type_accuracy": 0.9}}
    floors = {"_notes": "x", "dev": {"recall": 0.6, "fields.date.accuracy": 0.0,
                                     "precision": 0.1, "_why": "note"},
              "seed": {"recall": 0.9}, "plover_gsr": {"type_accuracy": 0.9}}
    violations = check_floors(report, floors)
    assert len(violations) == 2
    assert any("dev.recall" in v and "0.5000" in v for v in violations)
    assert any("dev.precision: not in the report" in v for v in violations)
    assert check_floors(report, {"dev": {"fields.date.accuracy": 0.5}}) == [
        "dev.fields.date.accuracy: not measured (floor 0.5)"]


def test_repository_floors_file_is_valid(tmp_path: Path) -> None:
    floors = load_floors(REPO / "eval" / "floors.json")
    assert {"dev", "seed", "plover_gsr", "_notes"} <= set(floors)
    assert all(0.0 <= value <= 1.0 for section in ("dev", "seed", "plover_gsr")
               for value in floors[section].values())
    bad = tmp_path / "floors.json"
    bad.write_text(json.dumps({"dev": {"recall": 1.5}}), encoding="utf-8")
    with pytest.raises(DataError):
        load_floors(bad)


def test_floors_pass_and_fail_on_a_real_report_dict() -> None:
    report = score(golds(gold_line()), [sysrec()]).as_dict()
    floors = {"dev": {"recall": 1.0, "precision": 1.0, "fields.source_country.accuracy": 1.0}}
    assert check_floors({"dev": report}, floors) == []
    empty = score(golds(gold_line()), []).as_dict()
    assert check_floors({"dev": empty}, floors)[0].startswith("dev.recall: 0.0000 is below")


def test_cli_scores_saved_events_and_writes_json(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(gold_line()) + "\n", encoding="utf-8")
    events = tmp_path / "e.jsonl"
    events.write_text(json.dumps(sysrec()) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(eval_command, ["--gold", str(gold), "--events", str(events),
                                               "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "precision 100.0%" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["gold"]["f1"] == 1.0


def test_cli_usage_and_data_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(eval_command, []).exit_code == 2
    gold = tmp_path / "g.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    events = tmp_path / "e.jsonl"
    events.write_text("", encoding="utf-8")
    result = runner.invoke(eval_command, ["--gold", str(gold), "--events", str(events)])
    assert result.exit_code == 1 and "g.jsonl:1" in result.output
    result = runner.invoke(eval_command, ["--gold", str(gold), "--events", str(events),
                                          "--alias", "nodoc"])
    assert result.exit_code == 2



def test_article_paths_skip_readme_and_gold(tmp_path: Path) -> None:
    for name in ("a.txt", "README.md", "x.gold.jsonl", "g.jsonl", ".hidden.txt", "sub/b.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = article_paths([str(tmp_path)], str(tmp_path / "g.jsonl"))
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "sub/b.txt"]
