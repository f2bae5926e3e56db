"""Counts of the training corpus, as the tables of corpus/README.md.

    python scripts/corpus_stats.py [corpus/batches]

Per preferred type (non-optional records, with how many carry a mode), per certainty, per
region and style (articles and records), the countries named in the manifests, and the share
of body sentences that hold no event (a sentence holds one when an evidence quote lies in it).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(])")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _sentences(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").partition("\n\n")[2]
    return [s for para in body.split("\n") if para.strip() for s in _SENTENCE_END.split(para)]


def table(title: str, counts: Counter, total: int | None = None) -> str:
    rows = [f"| {title} | records |", "|---|---|"]
    rows += [f"| {key} | {value:,} |" for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if total is not None:
        rows.append(f"| all | {total:,} |")
    return "\n".join(rows)


def main(root: Path) -> None:
    gold, manifest, sentences, with_event = [], [], 0, 0
    for batch in sorted(p for p in root.iterdir() if (p / "gold.jsonl").exists()):
        records = _lines(batch / "gold.jsonl")
        gold += records
        manifest += _lines(batch / "manifest.jsonl")
        quotes: dict[str, list[str]] = {}
        for r in records:
            quotes.setdefault(r["doc"], []).append(r["evidence"])
        for article in batch.glob("*.txt"):
            for sentence in _sentences(article):
                sentences += 1
                with_event += any(q in sentence for q in quotes.get(article.stem, []))
    main_records = [r for r in gold if not r.get("optional")]
    types = Counter(r["event_types"][0] for r in main_records)
    moded = Counter(r["event_types"][0] for r in main_records if r.get("mode"))
    style_of = {m["doc"]: m["style"] for m in manifest}
    region_of = {m["doc"]: m["region"] for m in manifest}
    countries = Counter(c for m in manifest for c in m["countries"])
    print(f"{len(manifest):,} articles, {len(gold):,} records ({len(main_records):,} non-optional), "
          f"{len(countries)} countries as main settings; {sentences:,} sentences, "
          f"{1 - with_event / sentences:.0%} without an event\n")
    print("| type | non-optional records | with a mode |\n|---|---|---|")
    for t, n in sorted(types.items()):
        print(f"| {t} | {n:,} | {moded[t]:,} |")
    print()
    print(table("certainty", Counter(r["certainty"] for r in main_records)))
    print()
    print(table("role", Counter(r["role"] for r in main_records)))
    print()
    print("| style | articles | records |\n|---|---|---|")
    for style, n in sorted(Counter(style_of.values()).items()):
        print(f"| {style} | {n} | {sum(1 for r in main_records if style_of.get(r['doc']) == style):,} |")
    print()
    print("| region | articles | records |\n|---|---|---|")
    for region, n in sorted(Counter(region_of.values()).items()):
        print(f"| {region} | {n} | {sum(1 for r in main_records if region_of.get(r['doc']) == region):,} |")
    print()
    print("Countries (articles naming each as a main setting): "
          + ", ".join(f"{c} {n}" for c, n in sorted(countries.items())))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus/batches"))
