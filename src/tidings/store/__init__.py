"""Persistence: a SQLite database of documents, their events and a full-text index.

    Store.open(path) -> Store      create or open a database (StoreError if it is not one)
    Store.save(doc) -> SaveResult  stored | skipped (same content) | replaced (same key)
    ingest(paths, store, settings) read, code and save inputs, skipping stored content
"""

from __future__ import annotations

from .load import IngestItem, ingest
from .sqlite import SaveResult, SearchHit, Store

__all__ = ["IngestItem", "SaveResult", "SearchHit", "Store", "ingest"]
