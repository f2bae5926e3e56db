"""Rewrite month- or year-only gold dates ("2024-12", "2023") as the inclusive day ranges the
schema asks for ("2024-12-01/2024-12-31"). Mechanical; run on annotators' batches.

    python scripts/corpus_fix_dates.py FOLDER...
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from pathlib import Path

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


def as_range(value: str) -> str:
    if "/" in value:  # "2023-04/2023-05": from the first day of one to the last of the other
        first, last = (as_range(part).split("/") for part in value.split("/", 1))
        return f"{first[0]}/{last[-1]}"
    if _MONTH.fullmatch(value):
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-01/{value}-{calendar.monthrange(year, month)[1]:02d}"
    if _YEAR.fullmatch(value):
        return f"{value}-01-01/{value}-12-31"
    return value


for folder in sys.argv[1:]:
    for path in Path(folder).glob("*gold.jsonl"):
        lines, changed = [], 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if isinstance(rec.get("date"), str) and as_range(rec["date"]) != rec["date"]:
                    rec["date"] = as_range(rec["date"])
                    changed += 1
                line = json.dumps(rec, ensure_ascii=False)
            lines.append(line)
        if changed:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{path}: {changed} dates widened to ranges")
