"""Language: the spaCy pipeline, loaded once and offline, and its speed-ups.

    load_nlp(actor_files, fast_attributes=True) -> Language   the pinned English model, with
                                                 an entity ruler fed by the actor knowledge base
    parse_stage(actor_files, batch_size) -> Stage  the pipeline stage that parses sections
    parse_sections(doc, nlp), parse_batch(docs, nlp)  the same, called directly
    stream_groups(sizes) -> [int]                 how documents are grouped for ``nlp.pipe``
    token_at(doc, pos) -> Token | None            the parsed token at a document offset

Modules: ``spacy_pipeline`` (loading and parsing), ``attrrules`` (a faster attribute
ruler), ``lemmacache`` (a cached lemmatizer; both give spaCy's own results), ``tokens``.
"""

from .spacy_pipeline import (
    MODEL_PACKAGE, PARSED_SECTIONS, load_nlp, parse_batch, parse_sections, parse_stage,
    stream_groups,
)
from .tokens import token_at

__all__ = [
    "MODEL_PACKAGE", "PARSED_SECTIONS", "load_nlp", "parse_batch", "parse_sections",
    "parse_stage", "stream_groups", "token_at",
]
