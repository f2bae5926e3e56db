"""The rule coder's own tests code with the rules alone (``models="none"``): they pin what
the rules do, and the learned models, which may overrule them, are tested apart
(tests/test_learn.py, and end to end in tests/test_seed_e2e.py and the accuracy gate)."""

from __future__ import annotations

from typing import Any

from tidings.api import process_text as _process_text
from tidings.model import Document
from tidings.settings import Settings

RULES_ONLY = Settings(models="none")


def process_text(text: str, **meta: Any) -> Document:
    return _process_text(text, RULES_ONLY, **meta)
