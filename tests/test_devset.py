"""The dev set (eval/dev) is consistent with its gold; shared gold files convert cleanly.

The shared files (../shared/eval) are third-party or kept out of the repository: those tests
skip when the folder is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pycountry
import pytest

from tidings.errors import DataError
from tidings.evaluate import (
    PLOVER_TYPES, GoldEvent, dev_articles, dev_dir, gsr_documents, gsr_gold, load_gold, score,
    score_gsr, shared_dir,
)

HEADER = re.compile(r"^(id|title|outlet|published|url): (.+)$")
MIN_ARTICLES = 45
MIN_PER_TYPE = 4


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """(header fields, body) of a dev article."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    assert sep, f"{path.name}: no blank line after the header"
    fields: dict[str, str] = {}
    for line in head.splitlines():
        match = HEADER.match(line)
        assert match, f"{path.name}: bad header line {line!r}"
        fields[match.group(1)] = match.group(2)
    return fields, body


@pytest.fixture(scope="module")
def articles() -> dict[str, tuple[dict[str, str], str]]:
    out = {}
    for path in dev_articles():
        fields, body = read_article(path)
        out[fields.get("id", "")] = (fields, body)
    return out


@pytest.fixture(scope="module")
def gold() -> list[GoldEvent]:
    return load_gold(dev_dir() / "dev.gold.jsonl")


def test_articles_have_complete_headers(articles: dict[str, Any]) -> None:
    assert len(articles) >= MIN_ARTICLES
    for path in dev_articles():
        fields, body = read_article(path)
        assert set(fields) == {"id", "title", "outlet", "published", "url"}, path.name
        assert fields["id"] == path.stem
        published = datetime.fromisoformat(fields["published"])
        assert published.tzinfo is not None and 2020 <= published.year <= 2026
        assert body.strip() and not body.startswith(fields["title"])


def test_every_gold_doc_has_an_article(gold: list[GoldEvent], articles: dict[str, Any]) -> None:
    assert {g.doc for g in gold} <= set(articles)


def test_evidence_is_verbatim_in_the_article_body(gold: list[GoldEvent],
                                                  articles: dict[str, Any]) -> None:
    for g in gold:
        assert g.evidence in articles[g.doc][1], f"{g.doc} line {g.line}: {g.evidence!r}"


def _countries(g: GoldEvent) -> list[str]:
    found = [side.country for side in (g.source, g.target) if side is not None]
    if g.place is not None:
        found.append(g.place.country)
    return [c for c in found if c is not None]


def test_types_and_countries_are_valid(gold: list[GoldEvent]) -> None:
    for g in gold:
        assert set(g.event_types) <= set(PLOVER_TYPES)
        for code in _countries(g):
            assert pycountry.countries.get(alpha_3=code) is not None, f"{g.doc}: {code}"


def test_every_type_has_enough_events(gold: list[GoldEvent]) -> None:
    counts = Counter(g.event_type for g in gold if not g.optional)
    assert {t: counts[t] for t in PLOVER_TYPES if counts[t] < MIN_PER_TYPE} == {}


def test_dates_follow_the_conventions(gold: list[GoldEvent], articles: dict[str, Any]) -> None:
    for g in gold:
        assert (g.date is None) == (g.date_basis is None), f"{g.doc} line {g.line}"
        if g.date is not None:
            published = datetime.fromisoformat(articles[g.doc][0]["published"]).date()
            assert (g.date.start - published).days < 30, f"{g.doc}: {g.date}"
            assert (published - g.date.end).days < 60 or g.role == "background", g.doc


def test_event_keys_are_unique_within_a_document(gold: list[GoldEvent]) -> None:
    keys = Counter((g.doc, g.event_key) for g in gold)
    assert [key for key, n in keys.items() if n > 1] == []


def _mirror(g: GoldEvent, index: int) -> dict[str, Any]:
    """A system record that says exactly what the gold says."""
    def side(actor: Any) -> dict[str, Any] | None:
        return None if actor is None else {"name": actor.name, "text": actor.name,
                                           "country": actor.country, "sector": actor.sector}
    speaker = None if g.attribution is None else g.attribution.split(" (")[0]
    return {
        "id": f"mirror-{index}", "event_type": g.event_type, "source": side(g.source),
        "target": side(g.target), "certainty": g.certainty,
        "date": None if g.date is None else {"start": g.date.start.isoformat(),
                                             "end": g.date.end.isoformat()},
        "place": None if g.place is None else {"name": g.place.name, "text": g.place.name,
                                               "country": g.place.country},
        "attribution": None if speaker is None else {"speaker": speaker, "via": []},
        "evidence": {"text": g.evidence}, "story_id": g.event_key,
        "document": {"key": g.doc, "path": f"eval/dev/{g.doc}.txt"},
    }


def test_a_system_that_copies_the_gold_scores_perfectly(gold: list[GoldEvent]) -> None:
    report = score(gold, [_mirror(g, i) for i, g in enumerate(gold)], all_docs=True)
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert all(f.accuracy in (None, 1.0) for f in report.fields.values())
    assert report.bcubed is not None and report.bcubed.f1 == pytest.approx(1.0)


# shared/ ------------------------------------------------------------------------------------

SHARED = shared_dir()
needs_shared = pytest.mark.skipif(SHARED is None, reason="../shared is not available")


@needs_shared
def test_seed_gold_loads() -> None:
    assert SHARED is not None
    seed = load_gold(SHARED / "eval" / "seed.gold.jsonl")
    assert len(seed) == 7 and {g.doc for g in seed} == {"seed"}
    article = (SHARED / "seed" / "000_e19aa4795e690048.txt").read_text(encoding="utf-8")
    for g in seed:
        assert " ".join(g.evidence.split()) in " ".join(article.split())


@needs_shared
def test_plover_gsr_conversion() -> None:
    assert SHARED is not None
    path = SHARED / "eval" / "plover-gsr-dev.json"
    documents = gsr_documents(path)
    events = gsr_gold(path)
    assert len(events) == len(documents) == 163
    assert [d for d, _ in documents] == [g.doc for g in events]
    assert not any("DOCUMENT" in g.doc for g in events)
    texts = dict(documents)
    for g in events:
        assert g.evidence in texts[g.doc]
        for code in _countries(g):
            assert pycountry.countries.get(alpha_3=code) is not None, f"{g.doc}: {code}"
    by_id = {g.doc: g for g in events}
    japan = by_id["PLOVER-GSR01-AGREE-0002"]
    assert japan.target is not None and japan.target.country == "JPN"
    assert japan.source is not None and japan.source.country is None
    counts = Counter(g.event_type for g in events)
    assert counts["REQUEST"] == 17 and counts["ASSAULT"] == 17 and counts["ACCUSE"] == 14


def _sysrec(doc: str, event_type: str, src: str) -> dict[str, Any]:
    return {"id": f"{doc}-{event_type}", "event_type": event_type, "evidence": {"text": "x"},
            "source": {"name": src, "text": src, "country": src, "sector": None},
            "document": {"key": doc, "path": f"{doc}.txt"}}


# PLOVER GSR conversion on a synthetic file ---------------------------------------------------

GSR = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
    {"id": "G-DEMAND-1", "event": "DEMAND", "text": "Japan demanded that the UN act now.",
     "source": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}],
     "target": [{"actorText": "UN", "code": "IGO"}],
     "textInfo": {"markup": "(SRC: Japan) (EVT: demanded) that the (TAR: UN) act now."}},
    {"id": "G-FIGHT-1", "event": "FIGHT", "text": "Italian troops clashed with rebels.",
     "source": [{"actorText": "Italian troops", "code": "ITL", "sector": "MILsrp"}],
     "target": "", "textInfo": "(SRC: Italian troops) (EVT: clashed} with rebels."},
    {"id": "G-AGREE-1", "event": "AGREE", "text": "Rebels agreed to talks.",
     "source": [{"actorText": "Rebels", "code": "SDN", "sector": "***"}]},
]


def test_gsr_conversion_and_scoring(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    docs = gsr_documents(path)
    gold = gsr_gold(path)
    assert [name for name, _ in docs] == ["G-DEMAND-1", "G-FIGHT-1", "G-AGREE-1"]
    assert [g.event_type for g in gold] == ["REQUEST", "ASSAULT", "AGREE"]
    assert gold[0].source is not None and gold[0].source.country == "JPN"
    assert gold[0].target is not None and gold[0].target.country is None
    assert gold[1].source is not None and gold[1].source.country == "ITA"
    assert gold[1].source.sector == "MIL" and gold[1].target is None
    assert gold[2].source is not None and gold[2].source.sector is None
    assert gold[0].evidence == "demanded" and gold[1].evidence == "clashed"
    records = [_sysrec(doc="G-DEMAND-1", event_type="ACCUSE", src="JPN"),
               _sysrec(doc="G-DEMAND-1", event_type="REQUEST", src="USA"),
               _sysrec(doc="G-FIGHT-1", event_type="ASSAULT", src="ITA")]
    result = score_gsr(gold, records)
    assert result.records == 3 and result.covered == 2
    assert result.type_accuracy == pytest.approx(2 / 3)
    assert result.type_accuracy_first == pytest.approx(1 / 3)
    assert result.source_records == 3 and result.source_hits == 1
    assert result.as_dict()["per_type"]["REQUEST"] == {"records": 1, "type_accuracy": 1.0}
    assert "event type accuracy" in result.to_text()


def test_gsr_repeated_ids_get_distinct_documents(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([GSR[3], GSR[3]]), encoding="utf-8")
    assert [g.doc for g in gsr_gold(path)] == ["G-AGREE-1", "G-AGREE-1-2"]


def test_gsr_malformed(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    with pytest.raises(DataError):
        gsr_gold(path)
    path.write_text(json.dumps([{"id": "x", "event": "AGREE"}]), encoding="utf-8")
    with pytest.raises(DataError):
        gsr_documents(path)
