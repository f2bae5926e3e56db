"""Reading articles: files, folders, HTML and JSON Lines in; ``Document`` records out.

Public API::

    iter_documents(paths, settings) -> Iterator[Document | InputError]
    read_text(text, path="<text>", **meta) -> Document
    segment(text) -> tuple[Section, ...]

Modules: ``readers`` (paths, formats, limits), ``decode`` (bytes to normalised text),
``build`` (header block, title, Document), ``html``, ``jsonl``, ``segment`` (block
labels), ``dates`` (publication dates) and ``rules`` (the pattern files they use).
"""

from .readers import iter_documents, read_text
from .segment import segment

__all__ = ["iter_documents", "read_text", "segment"]
