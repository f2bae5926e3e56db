"""The held-out set (eval/heldout) is well formed. Its scores are reported by `make eval`,
never asserted: see eval/heldout/README.md."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pycountry

from test_devset import read_article
from tidings.evaluate import PLOVER_TYPES, load_gold

HELDOUT = Path(__file__).resolve().parents[1] / "eval" / "heldout"


def test_heldout_articles_and_gold_agree() -> None:
    articles = {}
    for path in sorted(HELDOUT.glob("heldout-*.txt")):
        fields, body = read_article(path)
        assert set(fields) == {"id", "title", "outlet", "published", "url"}, path.name
        assert fields["id"] == path.stem and body.strip()
        articles[path.stem] = (datetime.fromisoformat(fields["published"]).date(), body)
    gold = load_gold(HELDOUT / "heldout.gold.jsonl")
    assert len(articles) >= 20 and {g.doc for g in gold} == set(articles)
    assert {t for g in gold for t in g.event_types} == set(PLOVER_TYPES)
    for g in gold:
        assert g.evidence in articles[g.doc][1], f"{g.doc} line {g.line}: {g.evidence!r}"
        codes = [s.country for s in (g.source, g.target, g.place) if s and s.country]
        assert all(pycountry.countries.get(alpha_3=c) for c in codes), (g.doc, codes)
        assert (g.date is None) == (g.date_basis is None), f"{g.doc} line {g.line}"
    keys = Counter((g.doc, g.event_key) for g in gold)
    assert [key for key, n in keys.items() if n > 1] == []
