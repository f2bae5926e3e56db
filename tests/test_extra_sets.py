"""The extra dev sets (eval/dev2, eval/dev3) and the held-out set (eval/heldout) are well
formed. Their scores are reported by `make eval`, never asserted: see their README files."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pycountry
import pytest

from test_devset import read_article
from tidings.evaluate import PLOVER_TYPES, load_gold

EVAL = Path(__file__).resolve().parents[1] / "eval"
SETS = [name for name in ("dev2", "dev3", "heldout", "heldout2", "heldout3")
        if (EVAL / name / f"{name}.gold.jsonl").exists()]


@pytest.mark.parametrize("name", SETS)
def test_articles_and_gold_agree(name: str) -> None:
    articles = {}
    for path in sorted((EVAL / name).glob(f"{name}-*.txt")):
        fields, body = read_article(path)
        assert set(fields) == {"id", "title", "outlet", "published", "url"}, path.name
        assert fields["id"] == path.stem and body.strip()
        articles[path.stem] = (datetime.fromisoformat(fields["published"]).date(), body)
    gold = load_gold(EVAL / name / f"{name}.gold.jsonl")
    assert len(articles) >= 20 and {g.doc for g in gold} == set(articles)
    assert {t for g in gold for t in g.event_types} == set(PLOVER_TYPES)
    for g in gold:
        assert g.evidence in articles[g.doc][1], f"{g.doc} line {g.line}: {g.evidence!r}"
        codes = [s.country for s in (g.source, g.target, g.place) if s and s.country]
        assert all(pycountry.countries.get(alpha_3=c) for c in codes), (g.doc, codes)
        assert (g.date is None) == (g.date_basis is None), f"{g.doc} line {g.line}"
    keys = Counter((g.doc, g.event_key) for g in gold)
    assert [key for key, n in keys.items() if n > 1] == []
