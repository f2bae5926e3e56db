"""Check that the parse-stage speed-ups change no annotation (nothing here is used by tidings).

    python bench/check_nlp_identity.py [--limit 500]

Over the dev set articles (eval/dev) and the benchmark stories (see throughput.py), it
parses every parsable section

1. with spaCy's own attribute ruler (``load_nlp(fast_attributes=False)``) and with the
   stand-in (``tidings.attrrules``), comparing every token's part of speech, fine tag,
   morphology, lemma, dependency label and head, and every entity;
2. document by document (``parse_sections``) and in one stream per batch of documents
   (``parse_batch``), comparing the sentences, the mentions and the token annotations.

It prints the counts and exits 1 on any difference. With ``--time N`` it then times the
parse stage over the same documents N times, interleaved, and prints the medians: spaCy's
attribute ruler one document at a time (as before), the stand-in one document at a time,
and the stand-in over batches of 8 documents (as a worker gets them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus  # noqa: E402  (a sibling script, not a package)

from tidings.ingest import iter_documents, read_text  # noqa: E402
from tidings.model import Document  # noqa: E402
from tidings.nlp import PARSED_SECTIONS, load_nlp, parse_batch, parse_sections  # noqa: E402
from tidings.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parent.parent / "eval" / "dev"


def documents(limit: int) -> list[Document]:
    paths = [str(p) for p in sorted(DEV.glob("*.txt"))]
    docs = [d for d in iter_documents(paths, Settings()) if isinstance(d, Document)]
    _, stories = corpus(limit)
    return docs + [read_text(s["text"], title=s["title"]) for s in stories]


def signature(sdoc: Any) -> list[tuple[Any, ...]]:
    tokens = [(t.i, t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i,
               t.ent_iob_, t.ent_type_) for t in sdoc]
    return tokens + [(e.start, e.end, e.label_) for e in sdoc.ents]


def compare_attributes(docs: list[Document]) -> tuple[int, int, int]:
    """(sections, tokens, sections differing) between the stock and the fast ruler."""
    stock, fast = load_nlp((), fast_attributes=False), load_nlp(())
    texts = [d.text[s.start:s.end] for d in docs for s in d.sections
             if s.label in PARSED_SECTIONS]
    tokens = differing = 0
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        tokens += len(a)
        differing += signature(a) != signature(b)
    return len(texts), tokens, differing


def compare_batching(docs: list[Document], size: int = 8) -> tuple[int, int]:
    """(documents, documents differing) between per-document and batched parsing."""
    nlp = load_nlp(())
    differing = 0
    for start in range(0, len(docs), size):
        chunk = docs[start:start + size]
        for one, many in zip([parse_sections(d, nlp) for d in chunk], parse_batch(chunk, nlp)):
            same = (one.sentences == many.sentences and one.mentions == many.mentions
                    and [(p.section, p.offset) for p in one.parses]
                    == [(p.section, p.offset) for p in many.parses]
                    and all(signature(p.doc) == signature(q.doc)
                            for p, q in zip(one.parses, many.parses)))
            differing += not same
    return len(docs), differing


def timing(docs: list[Document], repeat: int, size: int = 8) -> dict[str, float]:
    stock, fast = load_nlp((), fast_attributes=False), load_nlp(())
    ways = {
        "stock ruler, per document": lambda: [parse_sections(d, stock) for d in docs],
        "fast ruler, per document": lambda: [parse_sections(d, fast) for d in docs],
        "fast ruler, batches of 8": lambda: [
            d for i in range(0, len(docs), size) for d in parse_batch(docs[i:i + size], fast)],
    }
    seconds: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(repeat):
        for name, way in ways.items():
            started = time.perf_counter()
            way()
            seconds[name].append(time.perf_counter() - started)
    return {name: statistics.median(runs) for name, runs in seconds.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="benchmark stories")
    parser.add_argument("--time", type=int, default=0, metavar="N", help="then time N times")
    parser.add_argument("--no-check", action="store_true", help="time only")
    args = parser.parse_args()
    docs = documents(args.limit)
    if args.no_check:
        for name, seconds in timing(docs, args.time).items():
            print(f"{name}: {seconds:.2f} s (median of {args.time})")
        return
    sections, tokens, bad_attrs = compare_attributes(docs)
    print(f"attribute ruler: {sections} sections, {tokens} tokens, {bad_attrs} differing")
    total, bad_batch = compare_batching(docs)
    print(f"batching: {total} documents, {bad_batch} differing")
    for name, seconds in timing(docs, args.time).items() if args.time else ():
        print(f"{name}: {seconds:.2f} s (median of {args.time})")
    sys.exit(1 if bad_attrs or bad_batch else 0)


if __name__ == "__main__":
    main()
