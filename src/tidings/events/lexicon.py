"""Load the event lexicons (data files under ``data/events``) once.

``triggers.tsv`` maps lemmas to PLOVER types; ``plover.tsv`` and ``modes.tsv`` give quad
classes and conflict-cooperation scores; ``cues.tsv`` lists modality, certainty and
attribution cue words. Users extend the trigger lexicon with their own TSV files.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import DataError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CONSTRAINT_KINDS = frozenset({"prt", "prep", "obj", "mod", "comp"})


@dataclass(frozen=True, slots=True)
class TriggerRule:
    lemma: str
    pos: str  # V or N
    event_type: str
    mode: str | None
    cameo: str | None
    needs: tuple[tuple[str, frozenset[str]], ...]  # (kind, allowed lemmas)


@dataclass(frozen=True)
class Lexicon:
    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    quad: dict[str, int]
    score: dict[str, float]
    mode_score: dict[tuple[str, str], float]
    cues: dict[str, frozenset[str]]
    target_preps: dict[str, frozenset[str]]
    version: str

    def rules_for(self, lemma: str, pos: str) -> tuple[TriggerRule, ...]:
        return self.rules.get((lemma, pos), ())

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())

    def intensity(self, event_type: str, mode: str | None) -> float:
        if mode is not None and (event_type, mode) in self.mode_score:
            return self.mode_score[(event_type, mode)]
        return self.score[event_type]


def _data_text(name: str) -> tuple[str, str]:
    ref = resources.files("tidings") / "data" / "events" / name
    return str(ref), ref.read_text(encoding="utf-8")


def _rows(path: str, text: str, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            raise DataError(path, f"expected at least {width} tab-separated columns", number)
        rows.append((number, [c.strip() for c in cells]))
    return rows


def _parse_needs(path: str, number: int, spec: str) -> tuple[tuple[str, frozenset[str]], ...]:
    needs = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        kind, _, words = part.partition(":")
        if kind not in CONSTRAINT_KINDS or not words:
            raise DataError(path, f"bad constraint {part!r} (kinds: {sorted(CONSTRAINT_KINDS)})", number)
        needs.append((kind, frozenset(w.strip().lower() for w in words.split("|"))))
    return tuple(needs)


def _trigger_rules(path: str, text: str) -> list[TriggerRule]:
    rules = []
    for number, cells in _rows(path, text, 5):
        lemma, pos, event_type, mode, cameo = cells[:5]
        if pos not in ("V", "N"):
            raise DataError(path, f"part of speech must be V or N, not {pos!r}", number)
        if event_type not in PLOVER_TYPES:
            raise DataError(path, f"unknown PLOVER type {event_type!r}", number)
        needs = _parse_needs(path, number, cells[5] if len(cells) > 5 else "")
        rules.append(TriggerRule(lemma.lower(), pos, event_type, mode or None, cameo or None, needs))
    return rules


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicons plus any user trigger files (same TSV format as triggers.tsv)."""
    texts = [_data_text("triggers.tsv")]
    for name in extra_files:
        try:
            texts.append((name, Path(name).read_text(encoding="utf-8")))
        except OSError as err:
            raise DataError(name, f"cannot read lexicon file: {err.strerror}") from err
    grouped: dict[tuple[str, str], list[TriggerRule]] = defaultdict(list)
    digest = hashlib.sha256()
    for path, text in texts:
        digest.update(text.encode("utf-8"))
        for rule in _trigger_rules(path, text):
            grouped[(rule.lemma, rule.pos)].append(rule)
    # More constraints are more specific: try those rules first, keep file order otherwise.
    rules = {k: tuple(sorted(v, key=lambda r: -len(r.needs))) for k, v in grouped.items()}
    path, text = _data_text("plover.tsv")
    quad, score = {}, {}
    for _, (etype, q, s) in _rows(path, text, 3):
        quad[etype], score[etype] = int(q), float(s)
    path, text = _data_text("modes.tsv")
    mode_score = {(t, m): float(s) for _, (t, m, s) in _rows(path, text, 3)}
    path, text = _data_text("cues.tsv")
    cues: dict[str, set[str]] = defaultdict(set)
    for _, cells in _rows(path, text, 2):
        cues[cells[0]].add(cells[1].lower())
    path, text = _data_text("roles.tsv")
    preps = {t: frozenset(p.strip() for p in ps.split(",")) for _, (t, ps) in _rows(path, text, 2)}
    _, version = _data_text("VERSION")
    return Lexicon(rules, quad, score, mode_score,
                   {k: frozenset(v) for k, v in cues.items()}, preps,
                   f"{version.strip()}+{digest.hexdigest()[:8]}")
