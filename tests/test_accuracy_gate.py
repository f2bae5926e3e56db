"""The accuracy gate: metrics on labelled sets must not fall below eval/floors.json.

The dev set (eval/dev, ours, committed) always runs; the seed gold and the PLOVER GSR
sentences run when ../shared is present. Raising a floor is a normal commit; lowering one
needs a written reason in the floors file's notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.evaluate import (
    check_floors, gsr_documents, gsr_gold, load_floors, load_gold, score, score_gsr,
    shared_dir,
)
from tidings.ingest import iter_documents, read_text
from tidings.records import event_record
from tidings.run.stages import build_pipeline

FLOORS = Path(__file__).resolve().parents[1] / "eval" / "floors.json"


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _records(pipeline, paths):
    records = []
    for doc in iter_documents([str(p) for p in paths]):
        assert not isinstance(doc, Exception), doc
        coded = pipeline(doc)
        records.extend(event_record(e, coded) for e in coded.events)
    return records


def _gate(section: str, report: dict) -> None:
    floors = load_floors(FLOORS)
    violations = check_floors({section: report}, {section: floors[section]})
    assert not violations, "accuracy gate:\n" + "\n".join(violations) + "\n" + json.dumps(
        {k: v for k, v in report.items() if not isinstance(v, (list, dict))}, indent=1)


EVAL = Path(__file__).resolve().parents[1] / "eval"
# eval/dev was tuned on by hand; dev2, dev3, heldout and heldout2 are retired blind sets (read
# since); all are gated, so a change that helps one and hurts the others shows.
DEV_SETS = ("dev", "dev2", "dev3", "heldout", "heldout2")


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_set_gate(pipeline, name):
    folder = EVAL / name
    records = _records(pipeline, sorted(folder.glob(f"{name}-*.txt")))
    report = score(load_gold(folder / f"{name}.gold.jsonl"), records, {}, all_docs=True)
    _gate(name, report.as_dict())


@pytest.mark.skipif(shared_dir() is None, reason="../shared is not present")
def test_real_news_gate(pipeline):
    folder = shared_dir() / "eval" / "realnews-dev"
    records = _records(pipeline, sorted(folder.glob("*.txt")))
    report = score(load_gold(folder / "realnews-dev.gold.jsonl"), records, {})
    _gate("realnews", report.as_dict())


@pytest.mark.skipif(shared_dir() is None, reason="../shared is not present")
def test_seed_gate(pipeline):
    shared = shared_dir()
    records = _records(pipeline, [shared / "seed" / "000_e19aa4795e690048.txt"])
    report = score(load_gold(shared / "eval" / "seed.gold.jsonl"), records, {})
    _gate("seed", report.as_dict())


@pytest.mark.skipif(shared_dir() is None, reason="../shared is not present")
def test_plover_gsr_gate(pipeline):
    path = shared_dir() / "eval" / "plover-gsr-dev.json"
    records = []
    for name, text in gsr_documents(path):
        doc = pipeline(read_text(text, path=name))
        records.extend(event_record(e, doc) for e in doc.events)
    _gate("plover_gsr", score_gsr(gsr_gold(path), records).as_dict())
