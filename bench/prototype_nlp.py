"""Measurements behind the speed proposals for the coder (nothing here is used by tidings).

    python bench/prototype_nlp.py [--limit 300]

On the benchmark corpus (see throughput.py), in one process:

1. start-up: ``tidings.nlp.load_nlp()`` as it is, and the same pipeline built with the
   two entity rulers' patterns added while every other component is disabled (phrase
   patterns matched on ORTH need only the tokenizer);
2. batching: spaCy over the documents' sections one document at a time (as the parse
   stage does) against one ``nlp.pipe`` stream over all of them;
3. per-component cost: the time each pipeline component takes over the corpus;
4. sentence pre-filter: the share of sentences holding a trigger of the event lexicon
   (lemma and part of speech, from the full parse: the most a pre-filter could skip), and
   the share a cheap word-form filter (no parse) would keep.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus  # noqa: E402  (a sibling script, not a package)

from tidings.ingest import read_text  # noqa: E402
from tidings.nlp import MODEL_PACKAGE, PARSED_SECTIONS  # noqa: E402


def startup() -> dict[str, float]:
    import spacy

    from tidings.actors.kb import KnowledgeBase
    from tidings.nlp import load_nlp
    from tidings.where import Gazetteer

    KnowledgeBase.load(())
    Gazetteer.load()  # tables cached: measure the spaCy part only
    started = time.perf_counter()
    load_nlp.cache_clear()
    load_nlp(())
    as_is = time.perf_counter() - started

    started = time.perf_counter()
    nlp = spacy.load(MODEL_PACKAGE)
    kb = KnowledgeBase.load(())
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    towns = nlp.add_pipe("entity_ruler", name="town_ruler", after="ner",
                         config={"overwrite_ents": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(kb.ruler_patterns())
        towns.add_patterns([{"label": "GPE", "pattern": name} for name in
                            Gazetteer.load().ruler_names() if kb.lookup(name) is None])
    tokenizer_only = time.perf_counter() - started
    return {"load_nlp_seconds": as_is, "rulers_tokenizer_only_seconds": tokenizer_only}


def section_texts(stories: list[dict[str, str]]) -> list[list[str]]:
    docs = []
    for story in stories:
        doc = read_text(story["text"], title=story["title"])
        docs.append([doc.text[s.start:s.end] for s in doc.sections if s.label in PARSED_SECTIONS])
    return docs


def batching(nlp: Any, docs: list[list[str]]) -> dict[str, float]:
    started = time.perf_counter()
    for texts in docs:
        list(nlp.pipe(texts, batch_size=32))
    per_doc = time.perf_counter() - started
    started = time.perf_counter()
    list(nlp.pipe((t for texts in docs for t in texts), batch_size=32))
    stream = time.perf_counter() - started
    return {"per_document_seconds": per_doc, "one_stream_seconds": stream}


def components(nlp: Any, texts: list[str]) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    parsed = [nlp.make_doc(t) for t in texts]
    spent["tokenizer"] = time.perf_counter() - started
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        parsed = list(proc.pipe(parsed, batch_size=32)) if hasattr(proc, "pipe") else [
            proc(d) for d in parsed]
        spent[name] = time.perf_counter() - started
    return dict(spent)


def _forms(lemma: str) -> set[str]:
    """Crude inflections of a lemma: what a filter without a tagger could look for."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", stem + "d",
            lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", stem[:-1] + "ied"
            if lemma.endswith("y") else lemma, stem[:-1] + "ies" if lemma.endswith("y") else lemma}


def prefilter(nlp: Any, texts: list[str]) -> dict[str, float]:
    """Shares of sentences a pre-filter would keep, and what the cheap filter costs."""
    from spacy.matcher import PhraseMatcher

    from tidings.actors.kb import KnowledgeBase
    from tidings.events.lexicon import load_lexicon

    triggers = set(load_lexicon(()).rules)  # (lemma, "V" or "N")
    forms = set().union(*(_forms(lemma) for lemma, _ in triggers))
    actors = PhraseMatcher(nlp.vocab)
    names = {p["pattern"] for p in KnowledgeBase.load(()).ruler_patterns()}
    actors.add("ACTOR", list(nlp.tokenizer.pipe(sorted(names))))
    counts: dict[str, float] = defaultdict(float)
    for doc in nlp.pipe(texts, batch_size=32):
        for sent in doc.sents:
            counts["sentences"] += 1
            counts["with_trigger_share"] += any(
                (t.lemma_.lower(), "V" if t.pos_ == "VERB" else "N") in triggers for t in sent)
            cheap = any(t.lower_ in forms for t in sent)
            counts["cheap_trigger_share"] += cheap
            known = bool(actors(sent.as_doc()))
            counts["cheap_trigger_and_kb_actor_share"] += cheap and known
            capital = any(t.is_title and t.i > sent.start for t in sent)
            counts["cheap_trigger_and_capital_share"] += cheap and (known or capital)
    total = counts.pop("sentences")
    started = time.perf_counter()
    for tokens in nlp.tokenizer.pipe(texts):
        any(t.lower_ in forms for t in tokens) and actors(tokens)
    result = {k: v / total for k, v in counts.items()}
    result["cheap_filter_seconds_all_texts"] = time.perf_counter() - started
    return {"sentences": total, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    import spacy

    name, stories = corpus(args.limit)
    print(f"corpus: {name}")
    for key, value in startup().items():
        print(f"{key:36} {value:8.2f}")
    nlp = spacy.load(MODEL_PACKAGE)
    docs = section_texts(stories)
    for key, value in batching(nlp, docs).items():
        print(f"{key:36} {value:8.2f}")
    texts = [t for texts in docs for t in texts]
    spent = components(nlp, texts)
    whole = sum(spent.values())
    for key, value in spent.items():
        print(f"component {key:26} {value:8.2f}  {value / whole:6.1%}")
    for key, value in prefilter(nlp, texts).items():
        print(f"{key:36} {value:8.3f}")


if __name__ == "__main__":
    main()
