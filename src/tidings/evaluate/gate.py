"""The accuracy gate: compare measured metrics with pinned floors (``eval/floors.json``).

Floors are grouped by evaluation set; inside a set a key is a dotted path into that set's
report dict (``Report.as_dict()`` or ``GsrScore.as_dict()``)::

    {"dev": {"recall": 0.4, "fields.date.accuracy": 0.6, "per_type.ASSAULT.f1": 0.5},
     "seed": {...}, "plover_gsr": {"type_accuracy": 0.5}, "_notes": "..."}

Keys starting with ``_`` are notes. A set the report does not hold is skipped (it was not
evaluated, e.g. ``/work/shared`` is absent); a metric missing from a set that is present
is a violation, and so is a metric the report left null (nothing to measure) when its
floor is above zero.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import DataError


def _lookup(data: Any, path: str) -> tuple[bool, Any]:
    for part in path.split("."):
        if not isinstance(data, Mapping) or part not in data:
            return False, None
        data = data[part]
    return True, data


def check_floors(report_dict: Mapping[str, Any], floors: Mapping[str, Any]) -> list[str]:
    """Every metric below its floor, as one readable line each (empty: the gate passes)."""
    violations: list[str] = []
    for section, metrics in floors.items():
        if section.startswith("_") or section not in report_dict:
            continue
        if not isinstance(metrics, Mapping):
            violations.append(f"{section}: floors should be an object of metric: value")
            continue
        for name, floor in metrics.items():
            if name.startswith("_"):
                continue
            found, value = _lookup(report_dict[section], name)
            if not found:
                violations.append(f"{section}.{name}: not in the report")
            elif value is None:
                if floor > 0:
                    violations.append(f"{section}.{name}: not measured (floor {floor})")
            elif value < floor:
                violations.append(f"{section}.{name}: {value:.4f} is below the floor {floor}")
    return violations


def load_floors(path: str | Path) -> dict[str, Any]:
    """Read a floors file; every floor must be a number between 0 and 1."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(str(path), f"cannot read floors: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(str(path), "floors should be a JSON object")
    for section, metrics in data.items():
        if section.startswith("_"):
            continue
        if not isinstance(metrics, dict):
            raise DataError(str(path), f"'{section}' should be an object of metric: floor")
        for name, floor in metrics.items():
            ok = isinstance(floor, (int, float)) and not isinstance(floor, bool)
            if not name.startswith("_") and not (ok and 0.0 <= floor <= 1.0):
                raise DataError(str(path), f"floor {section}.{name}={floor!r} is not in 0..1")
    return data
