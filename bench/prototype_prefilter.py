"""What a sentence pre-filter would cost in accuracy and save in NLP time, on the dev set.

    python bench/prototype_prefilter.py

Emulates "parse only the sentences that can hold an event" without touching the coder:
the body sentences a cheap filter rejects are blanked out (replaced by spaces, so every
offset stays put) before the unchanged pipeline runs in-process. Filters, all from the
tokenizer alone (no tagger, parser or NER):

- ``trigger``: a word form of a trigger lemma of the event lexicon (crude inflections);
- ``trigger+name``: that, and a known actor name (knowledge-base phrase) or a capitalised
  word after the first in the sentence;
- ``trigger+kb``: a trigger form and a knowledge-base actor name.

Reports for each: sentences kept, F1 / precision / recall on eval/dev, and the seconds
spent in the ``nlp.spacy.v1`` stage (from the runner's timing hook).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prototype_nlp import _forms  # noqa: E402  (a sibling script, not a package)

from tidings.evaluate import dev_dir, load_gold, score  # noqa: E402
from tidings.ingest import iter_documents  # noqa: E402
from tidings.model import Document  # noqa: E402
from tidings.records import event_record  # noqa: E402
from tidings.runner import run  # noqa: E402

FILTERS = ("none", "trigger", "trigger+name", "trigger+kb")


class Filter:
    def __init__(self) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        from tidings.actors.kb import KnowledgeBase
        from tidings.events.lexicon import load_lexicon

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.forms = set().union(*(_forms(lemma) for lemma, _ in load_lexicon(()).rules))
        names = sorted({p["pattern"] for p in KnowledgeBase.load(()).ruler_patterns()})
        self.actors = PhraseMatcher(self.nlp.vocab)
        self.actors.add("ACTOR", list(self.nlp.tokenizer.pipe(names)))

    def keep(self, sent: Any, kind: str) -> bool:
        trigger = any(t.lower_ in self.forms for t in sent)
        if kind == "trigger" or not trigger:
            return trigger
        known = bool(self.actors(sent.as_doc()))
        if kind == "trigger+kb":
            return known
        return known or any(t.is_title and t.i > sent.start for t in sent)

    def blank(self, doc: Document, kind: str, counts: dict[str, int]) -> Document:
        text = list(doc.text)
        for section in doc.sections:
            if section.label != "body":
                continue
            for sent in self.nlp(doc.text[section.start:section.end]).sents:
                counts["sentences"] += 1
                if self.keep(sent, kind):
                    counts["kept"] += 1
                    continue
                for i in range(section.start + sent.start_char, section.start + sent.end_char):
                    if text[i] != "\n":
                        text[i] = " "
        return doc.with_(text="".join(text))


def evaluate(docs: list[Document], kind: str, filt: Filter) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    if kind != "none":
        docs = [filt.blank(d, kind, counts) for d in docs]
    spent: dict[str, float] = defaultdict(float)
    records = []
    started = time.perf_counter()
    for outcome in run(docs, on_time=lambda n, s: spent.__setitem__(n, spent[n] + s),
                       in_process=True):
        if outcome.document is not None:
            records += [event_record(e, outcome.document) for e in outcome.document.events]
    elapsed = time.perf_counter() - started
    report = score(load_gold(dev_dir() / "dev.gold.jsonl"), records, {}, all_docs=True)
    result = report.as_dict()
    kept = counts["kept"] / counts["sentences"] if counts["sentences"] else 1.0
    return {"filter": kind, "body_sentences_kept": round(kept, 3),
            "f1": result["f1"], "precision": result["precision"], "recall": result["recall"],
            "nlp_seconds": round(spent["nlp.spacy.v1"], 2), "seconds": round(elapsed, 2)}


def main() -> None:
    paths = [str(p) for p in sorted(dev_dir().glob("dev-*.txt"))]
    docs = [d for d in iter_documents(paths) if isinstance(d, Document)]
    filt = Filter()
    list(run(docs[:1], in_process=True))  # load the model before timing anything
    print(f"{'filter':14} {'kept':>6} {'F1':>6} {'P':>6} {'R':>6} {'nlp s':>7} {'all s':>7}")
    for kind in FILTERS:
        r = evaluate(docs, kind, filt)
        print(f"{r['filter']:14} {r['body_sentences_kept']:6.1%} {r['f1']:6.3f} "
              f"{r['precision']:6.3f} {r['recall']:6.3f} {r['nlp_seconds']:7.2f} "
              f"{r['seconds']:7.2f}")


if __name__ == "__main__":
    main()
