"""What scoring found: the ``Report`` record, its dict form and a readable text table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def ratio(numerator: int, denominator: int) -> float:
    """numerator / denominator, 0.0 when there is nothing to divide."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts and precision/recall/F1 for one slice (the whole set or one event type).

    ``gold`` counts non-optional gold events, ``system`` the system events that count for
    precision (those paired with optional gold events are left out), ``tp_gold`` the
    non-optional gold events paired and ``tp_system`` the counted system events paired.
    """

    gold: int
    system: int
    tp_gold: int
    tp_system: int

    @property
    def precision(self) -> float:
        return ratio(self.tp_system, self.system)

    @property
    def recall(self) -> float:
        return ratio(self.tp_gold, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "system": self.system, "tp_gold": self.tp_gold,
                "tp_system": self.tp_system, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class FieldScore:
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        acc = self.accuracy
        return {"correct": self.correct, "total": self.total,
                "accuracy": None if acc is None else round(acc, 4)}


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "items": self.items}


@dataclass(frozen=True, slots=True)
class Miss:
    """An unpaired event, enough to find it in the article."""

    doc: str
    event_type: str
    evidence: str
    source: str | None = None  # country (or name) as a hint
    target: str | None = None
    key: str | None = None  # gold event_key or system event id

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "event_type": self.event_type, "evidence": self.evidence,
                "source": self.source, "target": self.target, "key": self.key}


@dataclass(frozen=True)
class Report:
    """The score of a system run against a gold file."""

    overall: PRF
    docs: int
    gold_events: int  # all gold events, optional included
    gold_optional: int
    system_events: int  # system events in gold documents
    unscored_system: int  # system events in documents the gold does not cover
    paired_optional: int
    duplicates: int  # unpaired system events that would pair with an already paired gold
    loose_recall: float  # share of required gold with a same-type system event in the doc
    per_type: dict[str, PRF] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    bcubed: BCubed | None = None
    unpaired_gold: tuple[Miss, ...] = ()
    unpaired_system: tuple[Miss, ...] = ()

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "loose_recall": round(self.loose_recall, 4),
            "counts": {"docs": self.docs, "gold_events": self.gold_events,
                       "gold_optional": self.gold_optional,
                       "system_events": self.system_events,
                       "unscored_system": self.unscored_system,
                       "paired_optional": self.paired_optional,
                       "duplicates": self.duplicates, **self.overall.as_dict()},
            "per_type": {name: prf.as_dict() for name, prf in self.per_type.items()},
            "fields": {name: fs.as_dict() for name, fs in self.fields.items()},
            "bcubed": self.bcubed.as_dict() if self.bcubed else None,
            "unpaired_gold": [m.as_dict() for m in self.unpaired_gold],
            "unpaired_system": [m.as_dict() for m in self.unpaired_system],
        }

    def to_text(self, misses: bool = True) -> str:
        return render_text(self, misses=misses)


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def _summary(report: Report) -> list[str]:
    o = report.overall
    lines = [
        f"documents {report.docs}  gold {report.gold_events} "
        f"({report.gold_optional} optional)  system {report.system_events} "
        f"(+{report.unscored_system} outside the gold documents)",
        f"precision {_pct(o.precision)}  recall {_pct(o.recall)}  F1 {_pct(o.f1)}   "
        f"[paired {o.tp_gold}/{o.gold} gold, {o.tp_system}/{o.system} system; "
        f"{report.paired_optional} paired with optional gold; "
        f"{report.duplicates} duplicates]",
        f"type-only recall (same type anywhere in the document): {_pct(report.loose_recall)}",
    ]
    if report.bcubed is not None:
        b = report.bcubed
        lines.append(f"story clusters (B-cubed over {b.items} paired events): precision "
                     f"{_pct(b.precision)}  recall {_pct(b.recall)}  F1 {_pct(b.f1)}")
    return lines


def _type_table(report: Report) -> list[str]:
    lines = ["", f"{'type':<10} {'gold':>5} {'sys':>5} {'prec':>7} {'rec':>7} {'F1':>7}"]
    for name, prf in report.per_type.items():
        if prf.gold or prf.system:
            lines.append(f"{name:<10} {prf.gold:>5} {prf.system:>5} {_pct(prf.precision):>7} "
                         f"{_pct(prf.recall):>7} {_pct(prf.f1):>7}")
    return lines


def _field_table(report: Report) -> list[str]:
    lines = ["", f"{'field (on paired events)':<26} {'right':>6} {'of':>5} {'accuracy':>9}"]
    for name, fs in report.fields.items():
        lines.append(f"{name:<26} {fs.correct:>6} {fs.total:>5} {_pct(fs.accuracy):>9}")
    return lines


def _miss_lines(title: str, items: tuple[Miss, ...]) -> list[str]:
    lines = ["", f"{title} ({len(items)})"]
    for m in items:
        who = f"{m.source or '-'}->{m.target or '-'}"
        lines.append(f"  {m.doc:<14} {m.event_type:<10} {who:<9} {m.evidence}")
    return lines


def render_text(report: Report, misses: bool = True) -> str:
    """The report as a plain-text table (summary, per type, per field, misses)."""
    lines = _summary(report) + _type_table(report) + _field_table(report)
    if misses:
        lines += _miss_lines("unpaired gold (missed)", report.unpaired_gold)
        lines += _miss_lines("unpaired system (not in gold)", report.unpaired_system)
    return "\n".join(lines)
