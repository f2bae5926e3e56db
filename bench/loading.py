"""Start-up and per-sentence costs that the issues give goals for, printed as numbers.

    python bench/loading.py [--json OUT]

- gazetteer: loading the place index from its disk cache (goal: under a second);
- knowledge base: building the actor knowledge base from the bundled files (uncached);
- lexicon: reading the event lexicon (uncached);
- dates: the date finder over 1,000 sentences without dates (microseconds per sentence).

A benchmark, not a test: it prints and never fails on the numbers. Each figure is the
median of five runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path


def _median_seconds(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _undated_sentences(n: int = 1000) -> list[str]:
    words = ("the minister said rebels attacked a convoy near the border and officials "
             "counted 120 wounded after talks in Geneva stalled this").split()
    return [" ".join(words[i % 7:] + words[:i % 7]) + "." for i in range(n)]


def measure() -> dict[str, float]:
    from tidings.where import gazetteer as where
    from tidings.actors import kb as kb_module
    from tidings.events.lexicon import load_lexicon
    from tidings.when import find_times
    from tidings.where.index import cache_path, load_payload

    where.Gazetteer.load()  # build the disk cache once if it is missing
    published = datetime(2025, 3, 14, 9, tzinfo=timezone.utc)
    sentences = _undated_sentences()
    find_times("warm up", 0, published)
    dates = _median_seconds(lambda: [find_times(s, 0, published) for s in sentences])
    return {
        "gazetteer_cache_load_s": round(_median_seconds(
            lambda: load_payload(cache_path(), build=lambda: {})), 3),
        "knowledge_base_build_s": round(_median_seconds(
            lambda: kb_module._load_cached.__wrapped__(())), 3),
        "lexicon_load_s": round(_median_seconds(load_lexicon.__wrapped__), 3),
        "dates_us_per_sentence": round(dates / len(sentences) * 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()
    result = measure()
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
