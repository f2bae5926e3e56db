"""Inter-annotator agreement on a re-annotated sample of corpus batches.

    python scripts/corpus_agreement.py corpus/checks/b05_b09_b11

A check folder holds a second annotator's blind re-annotation of a sample of some batches'
articles (``check.gold.jsonl``) and the sampled article ids (``manifest.jsonl``); the first
annotation is read from those batches' ``gold.jsonl``. Events pair as
the scorer pairs them: same article, a shared type, and both sides' countries equal (either
order for symmetric events); among candidates the one whose evidence shares most words. Prints
event F1 under that strict pairing, F1 on type alone, and on paired events the agreement of
each role's country and sector, certainty, date and place country. Optional records count
on neither side's misses.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def load(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _country(side: dict | None) -> str | None:
    return side.get("country") if side else None


def _sides_agree(a: dict, b: dict) -> bool:
    same = (_country(a["source"]) == _country(b["source"])
            and _country(a["target"]) == _country(b["target"]))
    swapped = (_country(a["source"]) == _country(b["target"])
               and _country(a["target"]) == _country(b["source"]))
    return same or ((a.get("symmetric") or b.get("symmetric")) and swapped)


def _overlap(a: dict, b: dict) -> int:
    return len(set(a["evidence"].lower().split()) & set(b["evidence"].lower().split()))


def pair(first: list[dict], second: list[dict], strict: bool) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing, best evidence overlap first."""
    candidates = []
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            if a["doc"] != b["doc"] or not set(a["event_types"]) & set(b["event_types"]):
                continue
            if strict and not _sides_agree(a, b):
                continue
            candidates.append((-_overlap(a, b), i, j))
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((first[i], second[j]))
    return pairs


def f1(pairs: list[tuple[dict, dict]], first: list[dict], second: list[dict]) -> tuple[float, float, float]:
    """Recall over the first's non-optional records, precision over the second's."""
    hit_a = sum(1 for a, b in pairs if not a.get("optional"))
    hit_b = sum(1 for a, b in pairs if not b.get("optional"))
    need_a = sum(1 for a in first if not a.get("optional"))
    need_b = sum(1 for b in second if not b.get("optional"))
    recall = hit_a / need_a if need_a else 0.0
    precision = hit_b / need_b if need_b else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def field_agreement(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    checks = {
        "source country": lambda r: _country(r["source"]),
        "source sector": lambda r: (r["source"] or {}).get("sector"),
        "target country": lambda r: _country(r["target"]),
        "target sector": lambda r: (r["target"] or {}).get("sector"),
        "certainty": lambda r: r["certainty"],
        "date": lambda r: r.get("date"),
        "place country": lambda r: (r.get("place") or {}).get("country"),
    }
    out = {}
    for name, get in checks.items():
        agree = sum(1 for a, b in pairs if get(a) == get(b) or (
            name == "certainty" and get(b) in (a.get("certainty_alt") or [])))
        out[name] = agree / len(pairs) if pairs else 0.0
    return out


def main(check_dir: str) -> None:
    folder = Path(check_dir)
    docs = {json.loads(line)["doc"] for line in
            (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    second = load(str(folder / "check.gold.jsonl"))
    batches = sorted({d.split("-")[0] for d in docs})
    corpus = folder.parents[1] / "batches"
    first = [r for b in batches for r in load(str(corpus / b / "gold.jsonl")) if r["doc"] in docs]
    strict = pair(first, second, strict=True)
    loose = pair(first, second, strict=False)
    p, r, f = f1(strict, first, second)
    print(f"{folder.name}: articles {len(docs)}; records {len(first)} (first) / {len(second)} (second)")
    print(f"strict event agreement: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print("type-only event agreement: F1 {:.3f}".format(f1(loose, first, second)[2]))
    for name, value in field_agreement(loose).items():
        print(f"  {name:15} {value:.3f} over {len(loose)} type-paired events")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        main(arg)
