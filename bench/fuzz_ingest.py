"""Fuzzing figures for ingest: a seeded corpus of hostile files among good articles.

    .venv/bin/python bench/fuzz_ingest.py [--files 2000] [--seed 1]

Writes the corpus to a temporary folder (random bytes, random Unicode with lone
surrogates and control characters, JSON Lines with hostile values, broken HTML, plus the
probe's poison files and 20 good articles), reads it in the reader process as the runner
does, then ingests it with the CLI. Prints inputs tried, documents read, failures named
(by kind), passed-over files, the longest time one input took to read, the whole run's
time and the peak RSS of the ingest. A benchmark, not a test: it never fails on a number.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import good_articles, write_links, write_poison  # noqa: E402

from tidings.errors import InputError, NotAnArticle  # noqa: E402
from tidings.model import Document  # noqa: E402
from tidings.run.reading import read_isolated  # noqa: E402
from tidings.settings import Settings  # noqa: E402

ALPHABET = "abc XYZ.,-\n\t\x00\x1b\x07\u200b\u202e\ud800\udfff\ufeffé中ж/()<>\"'{}[]:0123456789"


def _text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(size))


def _json_value(rng: random.Random) -> str:
    """A JSON value as written, hostile ones included (a 6,000-digit integer, 1e999)."""
    text = _text(rng, rng.randrange(200))
    return rng.choice(["null", "1e999", "-0.0", "9" * rng.randrange(1, 6000),
                       json.dumps(text), json.dumps([text[:5]]), json.dumps({"x": text[:5]})])


def hostile_file(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(5)
    if kind == 0:
        return ".bin", rng.randbytes(rng.randrange(1, 5000))
    if kind == 1:
        return ".txt", _text(rng, rng.randrange(1, 3000)).encode("utf-8", "surrogatepass")
    if kind == 2:
        fields = ["text", "title", "url", "id", "outlet", "published"]
        lines = ["{" + ", ".join(f'"{k}": {_json_value(rng)}'
                                 for k in rng.sample(fields, rng.randrange(1, 6))) + "}"
                 for _ in range(rng.randrange(1, 8))]
        return ".jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == 3:
        body = _text(rng, rng.randrange(3000))
        html = "<html><body>" + "<div>" * rng.randrange(300) + f"<p>{body}</p><figcaption>" \
               f"{body[:80]}</figcaption>"
        return ".html", html.encode("utf-8", "surrogatepass")
    return "", rng.choice([b"\xff\xfe", b"\xef\xbb\xbf", b""]) + _text(rng, 500).encode(
        "utf-16-le", "surrogatepass")


def build(folder: Path, files: int, seed: int) -> int:
    rng = random.Random(seed)
    good_articles(folder, 20)
    for i in range(files):
        ext, data = hostile_file(rng)
        (folder / f"h{i:05d}{ext}").write_bytes(data)
    write_poison(folder, port=9)
    write_links(folder, folder.parent / "outside.txt")
    return sum(1 for _ in folder.iterdir())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        inputs = build(folder, args.files, args.seed)
        kinds: Counter[str] = Counter()
        longest, previous = 0.0, time.monotonic()
        for item in read_isolated([str(folder)], Settings()):
            now = time.monotonic()
            longest, previous = max(longest, now - previous), now
            if isinstance(item, NotAnArticle):
                kinds["passed over"] += 1
            elif isinstance(item, InputError):
                kinds[f"failed: {type(item).__name__}"] += 1
            elif isinstance(item, Document):
                kinds["read"] += 1
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "tidings", "ingest", str(folder), "--db",
                               str(Path(tmp) / "fuzz.db")], capture_output=True, text=True)
        elapsed = time.monotonic() - started
        tracebacks = done.stderr.count("Traceback")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'inputs tried':26}{inputs}")
    for kind, count in sorted(kinds.items()):
        print(f"{kind:26}{count}")
    print(f"longest read (s)      {longest:.2f}")
    print(f"ingest exit code      {done.returncode}")
    print(f"ingest time (s)       {elapsed:.1f}")
    print(f"ingest tracebacks     {tracebacks}")
    print(f"peak RSS (MB)         {peak_mb:.0f}")
    print(done.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
