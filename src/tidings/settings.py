"""Run settings in one declarative table: name, type, default, help.

The CLI builds its options from this table and the docs list it; ``Settings`` validates.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .errors import SettingError

# (name, type, default, help). Defaults are documented in docs/settings.md (checked by a test).
SETTINGS: tuple[tuple[str, type, Any, str], ...] = (
    ("max_bytes", int, 10_000_000,
     "largest input file (or JSON line) accepted, in bytes; larger inputs are rejected"),
    ("doc_timeout", float, 60.0,
     "seconds one document may take to be read, or to be coded, before it is reported as failed"),
    ("batch_size", int, 32, "documents per spaCy batch"),
    ("workers", int, 1, "worker processes for the pipeline (each loads the model once)"),
    ("actor_files", tuple, (), "extra actor knowledge-base files (JSON Lines) to load"),
    ("lexicon_files", tuple, (), "extra trigger lexicon files (TSV) to load"),
    ("models", str, "",
     "folder of learned models (roles.json, triggers.json) instead of the bundled ones; "
     "'none': the rule coder alone"),
)


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 10_000_000
    doc_timeout: float = 60.0
    batch_size: int = 32
    workers: int = 1
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    models: str = ""

    def __post_init__(self) -> None:
        table = {name: typ for name, typ, _, _ in SETTINGS}
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, table[f.name]) or isinstance(value, bool):
                if table[f.name] is float and isinstance(value, int):
                    continue
                raise SettingError(f"setting {f.name}={value!r} should be {table[f.name].__name__}")
        if self.max_bytes <= 0 or self.doc_timeout <= 0 or self.batch_size <= 0 or self.workers <= 0:
            raise SettingError("max_bytes, doc_timeout, batch_size and workers must be positive")
