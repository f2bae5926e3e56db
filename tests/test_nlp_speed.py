"""The parse-stage speed-ups give the same results: the compiled attribute ruler
(tidings.nlp.attrrules), the batched parse (tidings.nlp.parse_batch) and Pipeline.run_many.

bench/check_nlp_identity.py runs the same comparisons over the dev set and the benchmark
stories.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import pytest

from tidings.nlp.attrrules import FastAttributeRuler, compile_rules
from tidings.errors import StageError
from tidings.ingest import read_text
from tidings.nlp.lemmacache import CachedLemmatizer
from tidings.model import Document
from tidings.nlp import load_nlp, parse_batch, parse_sections, stream_groups
from tidings.run.pipeline import Pipeline, stage

# Sentences that reach the ruler's exceptions: two-word patterns ("ai n't", "gon na",
# "let 's", "y' all", "there is"), pronouns and their case by dependency, auxiliaries,
# "'d", contractions with dropped letters, and whitespace tokens inside a section.
SENTENCES = [
    "I ain't gonna sign it, and y'all know we gotta leave, the minister said.",
    "Let's meet there: there is nothing they'd offer us that we have not refused.",
    "She told him it was over; he'd been warned, and they did have a plan.",
    "Officials said  the talks,\n\nwhich began on Monday, were goin' nowhere.",
    "Russia's army shelled Kharkiv, and NATO said that its allies can't wait.",
    "Who'll pay? Nobody, something, anything: those who gets it got it.",
    "He saw the saw. The meeting was meeting expectations; the meetings met, leaves left.",
    "",
    "   ",
]


def _signature(sdoc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in sdoc]


def test_fast_attribute_ruler_annotates_as_the_stock_one() -> None:
    stock, fast = load_nlp((), fast_attributes=False), load_nlp(())
    assert type(fast.get_pipe("attribute_ruler")) is FastAttributeRuler
    assert type(stock.get_pipe("attribute_ruler")) is not FastAttributeRuler
    assert type(fast.get_pipe("lemmatizer")) is CachedLemmatizer
    assert type(stock.get_pipe("lemmatizer")) is not CachedLemmatizer
    assert stock.pipe_names == fast.pipe_names
    for a, b in zip(stock.pipe(SENTENCES), fast.pipe(SENTENCES)):
        assert _signature(a) == _signature(b)


def test_rules_it_cannot_reproduce_keep_the_stock_ruler() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert compile_rules(ruler) is not None
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})  # an operator
    assert compile_rules(ruler) is None
    other = nlp.add_pipe("attribute_ruler", name="norms")
    other.add([[{"LOWER": "u"}]], {"NORM": "you"})  # an attribute it does not write
    assert compile_rules(other) is None


def test_stream_groups() -> None:
    assert stream_groups([], 10) == []
    assert stream_groups([4, 4, 4, 30, 1, 9, 1], 10) == [0, 0, 1, 2, 3, 3, 4]


def _docs() -> list[Document]:
    return [read_text(s + "\n\nRussia and Ukraine exchanged prisoners on Friday.",
                      path=f"<{i}>", title=f"Talks {i}") for i, s in enumerate(SENTENCES)]


def test_batched_parse_equals_one_document_at_a_time() -> None:
    nlp = load_nlp(())
    docs = _docs()
    for one, many in zip([parse_sections(d, nlp) for d in docs], parse_batch(docs, nlp)):
        assert one.sentences == many.sentences and one.mentions == many.mentions
        assert [(p.section, p.offset) for p in one.parses] == \
            [(p.section, p.offset) for p in many.parses]
        for p, q in zip(one.parses, many.parses):
            assert _signature(p.doc) == _signature(q.doc)


def _mark(doc: Document) -> Document:
    if "boom" in doc.text:
        raise ValueError("boom")
    return doc.with_(outlet=f"one:{doc.text}")


def _pipeline(batch_fails: bool) -> Pipeline:
    single = stage("mark.v1", reads=["text"], writes=["outlet"])(_mark)

    def many(docs: Sequence[Document]) -> Iterator[Document]:
        for doc in docs:
            if batch_fails and "boom" in doc.text:
                raise ValueError("boom")
            yield doc.with_(outlet=f"many:{doc.text}")

    after = stage("after.v1", reads=["outlet"], writes=["title"])(
        lambda doc: doc.with_(title=doc.outlet))
    return Pipeline([replace(single, batch=many), after])


def test_run_many_uses_the_batch_form_and_falls_back_per_document() -> None:
    docs = [read_text(t, path=t) for t in ("aa", "bb", "boom", "cc")]
    titles = [d.title for d in _pipeline(False).run_many(docs[:2])]
    assert titles == ["many:aa", "many:bb"]
    out = list(_pipeline(True).run_many(docs))
    assert [getattr(d, "title", None) for d in out] == ["many:aa", "many:bb", None, "one:cc"]
    assert isinstance(out[2], StageError) and "mark.v1" in str(out[2])
    with pytest.raises(StageError):
        _pipeline(True)(docs[2])  # the same error as calling the pipeline on it


def test_cached_lemmatizer_keeps_a_lemma_set_before_it() -> None:
    nlp = load_nlp(())
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("The envoys were meeting rebels.")
    doc[1].lemma_ = "diplomat"  # as an earlier component (the attribute ruler) may
    nlp.get_pipe("lemmatizer")(doc)
    assert [t.lemma_ for t in doc] == ["the", "diplomat", "be", "meet", "rebel", "."]
