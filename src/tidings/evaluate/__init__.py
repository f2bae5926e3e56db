"""Score extracted events against hand-coded gold events (schema: ``shared/eval/GOLD.md``).

    load_gold(path) -> list[GoldEvent]            validated gold; DataError when malformed
    score(gold, records, aliases) -> Report       pairing, P/R/F1, per type, per field, B-cubed
    gsr_documents(path), gsr_gold(path)           the PLOVER GSR sentences as documents + gold
    score_gsr(gold, records) -> GsrScore          type and source-country accuracy per sentence
    check_floors(report_dict, floors) -> [str]    the accuracy gate's violations

The ``tidings eval`` command lives in ``tidings.cli.eval`` (it needs click).
"""

from __future__ import annotations

from pathlib import Path

from .gate import check_floors, load_floors
from .gold import PLOVER_TYPES, DateRange, GoldActor, GoldEvent, GoldPlace, load_gold
from .plover_gsr import GsrScore, gsr_documents, gsr_gold, score_gsr
from .report import Report, render_text
from .score import score, score_events
from .system import SystemEvent, doc_name, load_event_records, system_events

__all__ = [
    "PLOVER_TYPES", "DateRange", "GoldActor", "GoldEvent", "GoldPlace", "GsrScore", "Report",
    "SystemEvent", "check_floors", "dev_articles", "dev_dir", "doc_name", "gsr_documents",
    "gsr_gold", "load_event_records", "load_floors", "load_gold", "render_text", "score",
    "score_events", "score_gsr", "shared_dir", "system_events",
]

_REPO_ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path | None:
    """The ``shared/`` folder beside the repository root, or None when it is absent."""
    path = _REPO_ROOT.parent / "shared"
    return path if path.is_dir() else None


def dev_dir() -> Path:
    """The dev set (``eval/dev`` in the repository: articles and ``dev.gold.jsonl``)."""
    return _REPO_ROOT / "eval" / "dev"


def dev_articles() -> list[Path]:
    """The dev set's article files, in id order."""
    return sorted(dev_dir().glob("dev-*.txt"))
