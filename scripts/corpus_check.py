"""Check annotated article batches against docs/annotation.md (corpus and blind sets).

    python scripts/corpus_check.py corpus/batches/b01 [more batch folders]

A batch folder holds the articles (`ID.txt`), `gold.jsonl` and `manifest.jsonl`. Prints one
line per problem and a summary; exits 1 when there are problems. Standalone on purpose: it
imports nothing from tidings, so annotators can run it without seeing the coder.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pycountry

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
SECTORS = {"GOV", "MIL", "REB", "OPP", "IGO", "NGO", "MED", "CVL", "BUS", None}
CERTAINTIES = {"asserted", "reported", "hedged", "denied", "planned"}
ROLES = {"main", "background", "caption"}
HEADER_KEYS = {"id", "title", "outlet", "published", "url"}
EXTRA_COUNTRIES = {"XKX", "PSE"}
COUNTRIES = {c.alpha_3 for c in pycountry.countries} | EXTRA_COUNTRIES
MAX_EVIDENCE_WORDS = 12
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?")


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """The header fields and the body text of one article file."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    if not sep:
        return {}, text
    header = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            header[key.strip()] = value.strip()
    return header, body


def check_side(side, body: str, label: str) -> list[str]:
    if side is None:
        return []
    problems = []
    if not isinstance(side, dict) or set(side) != {"name", "country", "sector"}:
        return [f"{label} must be {{name, country, sector}} or null"]
    if not side["name"] or side["name"] not in body:
        problems.append(f"{label}.name {side['name']!r} is not verbatim in the article")
    if side["country"] is not None and side["country"] not in COUNTRIES:
        problems.append(f"{label}.country {side['country']!r} is not ISO alpha-3")
    if side["sector"] not in SECTORS:
        problems.append(f"{label}.sector {side['sector']!r} is not a sector")
    return problems


def check_record(rec: dict, body: str) -> list[str]:
    problems = []
    types = rec.get("event_types") or []
    if not 1 <= len(types) <= 2 or not set(types) <= TYPES:
        problems.append(f"event_types {types!r}")
    for side in ("source", "target"):
        problems += check_side(rec.get(side), body, side)
    evidence = rec.get("evidence") or ""
    if evidence not in body:
        problems.append(f"evidence {evidence[:60]!r} is not verbatim in the article")
    if len(evidence.split()) > MAX_EVIDENCE_WORDS:
        problems.append(f"evidence has {len(evidence.split())} words (max {MAX_EVIDENCE_WORDS})")
    trigger = rec.get("trigger")
    if not trigger or trigger not in evidence:
        problems.append(f"trigger {trigger!r} is not inside the evidence")
    if rec.get("certainty") not in CERTAINTIES:
        problems.append(f"certainty {rec.get('certainty')!r}")
    if not set(rec.get("certainty_alt") or []) <= CERTAINTIES:
        problems.append("certainty_alt holds an unknown value")
    if rec.get("role") not in ROLES:
        problems.append(f"role {rec.get('role')!r}")
    place = rec.get("place")
    if place is not None and place.get("country") not in COUNTRIES | {None}:
        problems.append(f"place.country {place.get('country')!r}")
    if not rec.get("event_key"):
        problems.append("event_key missing")
    date = rec.get("date")
    if date is not None and not _DATE.fullmatch(str(date)):
        problems.append(f"date {date!r} is not YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
    return problems


def check_batch(folder: Path) -> tuple[list[str], Counter]:
    problems: list[str] = []
    counts: Counter = Counter()
    bodies: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        if path.name == "README.txt":
            continue
        header, body = read_article(path)
        if not HEADER_KEYS <= set(header):
            problems.append(f"{path.name}: header lacks {sorted(HEADER_KEYS - set(header))}")
        if header.get("id") != path.stem:
            problems.append(f"{path.name}: header id {header.get('id')!r} differs from file name")
        bodies[path.stem] = body
    manifest = folder / "manifest.jsonl"
    listed = set()
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                listed.add(json.loads(line)["doc"])
    missing = sorted(set(bodies) - listed)
    if missing:
        problems.append(f"manifest.jsonl lacks {missing[:5]}")
    gold = folder / "gold.jsonl"
    if not gold.exists():  # evaluation sets name theirs after the set: eval/heldout2/heldout2.gold.jsonl
        gold = next(folder.glob("*.gold.jsonl"), gold)
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"gold.jsonl:{number}: not JSON ({exc})")
            continue
        body = bodies.get(rec.get("doc"))
        if body is None:
            problems.append(f"gold.jsonl:{number}: doc {rec.get('doc')!r} has no article")
            continue
        problems += [f"gold.jsonl:{number} ({rec['doc']}): {p}" for p in check_record(rec, body)]
        counts["events"] += 1
        counts[(rec.get("event_types") or ["?"])[0]] += 1
    counts["articles"] = len(bodies)
    return problems, counts


def main(argv: list[str]) -> int:
    total_problems = 0
    for arg in argv:
        problems, counts = check_batch(Path(arg))
        for problem in problems:
            print(f"{arg}: {problem}")
        total_problems += len(problems)
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=str))
        print(f"{arg}: {len(problems)} problems; {summary}")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
