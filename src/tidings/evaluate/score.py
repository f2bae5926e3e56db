"""Pair system events with gold events and compute the metrics of GOLD.md.

Pairing rules (within one document):

- A system event can pair with a gold event when its type is one of the gold
  ``event_types`` and the source and target countries agree. A gold side that is null (no
  target, unnamed perpetrator) or whose country is null (IGOs, multinational, unknown)
  matches any system side, null included. A gold country is matched only by the same
  system country: a missing system actor does not match it. When the gold event is
  ``symmetric`` source and target may be swapped.
- Each candidate pair gets a score: the share of the gold evidence's content words found
  in the system evidence text (0..1), plus 0.1 per country matched exactly (not through a
  null), plus 0.05 when the system type is the preferred (first) gold type, plus 0.01 when
  the gold event is not optional. Pairs are taken greedily by score, one-to-one; ties go
  to the earlier gold event, then the earlier system event.
- System events whose document the gold does not cover are not scored (counted apart),
  unless ``all_docs`` says the records come only from the documents the gold annotates.
  A gold file with a single document and system records from a single other document are
  paired up as that document (so a lone article file scores against a lone-doc gold file);
  ``aliases`` maps other document names explicitly.

Metrics: recall = paired non-optional gold / non-optional gold; precision = system events
paired with non-optional gold / system events not paired with optional gold. Per type,
recall is counted under the gold's preferred type and precision under the system type.
Field accuracy (see ``fields``) is computed on pairs with non-optional gold. B-cubed
compares system ``story_id`` clusters (no story id: a singleton) with gold ``event_key``
clusters over all paired events, when any scored system event has a story id.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .fields import FIELDS, JUDGES, evidence_overlap
from .gold import PLOVER_TYPES, GoldActor, GoldEvent
from .report import PRF, BCubed, FieldScore, Miss, Report
from .system import SysActor, SystemEvent, system_events

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pair:
    gold: GoldEvent
    system: SystemEvent
    swapped: bool
    score: float


def _agree(gold: GoldActor | None, sys: SysActor | None) -> int | None:
    """None when the sides disagree, else how many exact country matches (0 or 1)."""
    if gold is None or gold.country is None:
        return 0
    if sys is not None and sys.country == gold.country:
        return 1
    return None


def _exact(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> int | None:
    s_src, s_tgt = (sys.target, sys.source) if swapped else (sys.source, sys.target)
    a, b = _agree(gold.source, s_src), _agree(gold.target, s_tgt)
    return None if a is None or b is None else a + b


def candidate(gold: GoldEvent, sys: SystemEvent) -> Pair | None:
    """The best way to pair these two events, or None when they cannot pair."""
    if sys.event_type not in gold.event_types:
        return None
    best: Pair | None = None
    for swapped in ((False, True) if gold.symmetric else (False,)):
        exact = _exact(gold, sys, swapped)
        if exact is None:
            continue
        value = (evidence_overlap(gold.evidence, sys.evidence) + 0.1 * exact
                 + (0.05 if sys.event_type == gold.event_type else 0.0)
                 + (0.0 if gold.optional else 0.01))
        if best is None or value > best.score:
            best = Pair(gold, sys, swapped, value)
    return best


def pair_document(gold: Sequence[GoldEvent], system: Sequence[SystemEvent]) -> list[Pair]:
    """Greedy one-to-one pairing of one document's events, best score first."""
    scored: list[tuple[float, int, int, Pair]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            pair = candidate(g, s)
            if pair is not None:
                scored.append((-pair.score, gi, si, pair))
    scored.sort(key=lambda item: item[:3])
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    pairs: list[Pair] = []
    for _, gi, si, pair in scored:
        if gi in used_gold or si in used_sys:
            continue
        used_gold.add(gi)
        used_sys.add(si)
        pairs.append(pair)
    return pairs


def _side(actor: GoldActor | SysActor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.name


def _gold_miss(g: GoldEvent) -> Miss:
    return Miss(g.doc, "/".join(g.event_types), g.evidence, _side(g.source), _side(g.target),
                g.event_key)


def _system_miss(s: SystemEvent) -> Miss:
    return Miss(s.doc, s.event_type, s.evidence, _side(s.source), _side(s.target), s.id)


def _per_type(gold: Sequence[GoldEvent], system: Sequence[SystemEvent],
              pairs: Sequence[Pair]) -> dict[str, PRF]:
    opt_sys = {id(p.system) for p in pairs if p.gold.optional}
    tp_gold = {id(p.gold) for p in pairs if not p.gold.optional}
    out: dict[str, PRF] = {}
    for name in PLOVER_TYPES:
        req = [g for g in gold if not g.optional and g.event_type == name]
        counted = [s for s in system if s.event_type == name and id(s) not in opt_sys]
        tp_sys = sum(1 for p in pairs if not p.gold.optional and p.system.event_type == name)
        out[name] = PRF(len(req), len(counted), sum(1 for g in req if id(g) in tp_gold), tp_sys)
    return out


def _fields(pairs: Sequence[Pair]) -> dict[str, FieldScore]:
    out: dict[str, FieldScore] = {}
    for name in FIELDS:
        verdicts = [JUDGES[name](p.gold, p.system, p.swapped) for p in pairs
                    if not p.gold.optional]
        judged = [v for v in verdicts if v is not None]
        out[name] = FieldScore(sum(judged), len(judged))
    return out


def bcubed(pairs: Sequence[Pair]) -> BCubed | None:
    """B-cubed of system story clusters against gold event_key clusters, over paired events."""
    if not pairs or all(p.system.story_id is None for p in pairs):
        return None
    sys_label = [p.system.story_id or f"solo:{i}" for i, p in enumerate(pairs)]
    gold_label = [p.gold.event_key for p in pairs]
    by_sys: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i in range(len(pairs)):
        by_sys[sys_label[i]].add(i)
        by_gold[gold_label[i]].add(i)
    prec = rec = 0.0
    for i in range(len(pairs)):
        both = len(by_sys[sys_label[i]] & by_gold[gold_label[i]])
        prec += both / len(by_sys[sys_label[i]])
        rec += both / len(by_gold[gold_label[i]])
    return BCubed(prec / len(pairs), rec / len(pairs), len(pairs))


def _loose_recall(gold: Sequence[GoldEvent], system: Sequence[SystemEvent]) -> float:
    types_by_doc: dict[str, set[str]] = defaultdict(set)
    for s in system:
        types_by_doc[s.doc].add(s.event_type)
    required = [g for g in gold if not g.optional]
    hit = sum(1 for g in required if set(g.event_types) & types_by_doc[g.doc])
    return hit / len(required) if required else 0.0


def _duplicates(gold: Sequence[GoldEvent], unpaired: Sequence[SystemEvent],
                pairs: Sequence[Pair]) -> int:
    paired_gold = [p.gold for p in pairs]
    return sum(1 for s in unpaired
               if any(g.doc == s.doc and candidate(g, s) for g in paired_gold))


def score_events(gold: Sequence[GoldEvent], system: Sequence[SystemEvent],
                 unscored: int = 0) -> Report:
    """Score typed system events (already restricted to gold documents) against gold."""
    by_doc_gold: dict[str, list[GoldEvent]] = defaultdict(list)
    by_doc_sys: dict[str, list[SystemEvent]] = defaultdict(list)
    for g in gold:
        by_doc_gold[g.doc].append(g)
    for s in system:
        by_doc_sys[s.doc].append(s)
    pairs = [p for doc in by_doc_gold for p in pair_document(by_doc_gold[doc], by_doc_sys[doc])]
    paired_gold = {id(p.gold) for p in pairs}
    paired_sys = {id(p.system) for p in pairs}
    opt_pairs = sum(1 for p in pairs if p.gold.optional)
    missed = [g for g in gold if not g.optional and id(g) not in paired_gold]
    extra = [s for s in system if id(s) not in paired_sys]
    overall = PRF(gold=sum(1 for g in gold if not g.optional), system=len(system) - opt_pairs,
                  tp_gold=len(pairs) - opt_pairs, tp_system=len(pairs) - opt_pairs)
    return Report(
        overall=overall, docs=len(set(by_doc_gold) | set(by_doc_sys)), gold_events=len(gold),
        gold_optional=sum(1 for g in gold if g.optional), system_events=len(system),
        unscored_system=unscored, paired_optional=opt_pairs,
        duplicates=_duplicates(gold, extra, pairs), loose_recall=_loose_recall(gold, system),
        per_type=_per_type(gold, system, pairs), fields=_fields(pairs), bcubed=bcubed(pairs),
        unpaired_gold=tuple(_gold_miss(g) for g in missed),
        unpaired_system=tuple(_system_miss(s) for s in extra),
    )


def _resolve_docs(gold_docs: set[str], system: list[SystemEvent],
                  aliases: Mapping[str, str]) -> list[SystemEvent]:
    system = [replace(s, doc=aliases[s.doc]) if s.doc in aliases else s for s in system]
    names = {s.doc for s in system}
    if len(gold_docs) == 1 and len(names) == 1 and not names & gold_docs:
        only = next(iter(gold_docs))
        system = [replace(s, doc=only) for s in system]
    return system


def score(gold: Sequence[GoldEvent], records: Iterable[Mapping[str, Any]],
          aliases: Mapping[str, str] | None = None, all_docs: bool = False) -> Report:
    """Score system event records (``records.event_record`` dicts) against gold events.

    With ``all_docs`` every system event is scored, also those of documents without any
    gold event (they are all false positives): use it when the records come from exactly
    the documents the gold file annotates, some of which have no events.
    """
    aliases = dict(aliases or {})
    gold_docs = {g.doc for g in gold}
    system = system_events(records, gold_docs | set(aliases))
    system = _resolve_docs(gold_docs, system, aliases)
    inside = [s for s in system if all_docs or s.doc in gold_docs]
    report = score_events(gold, inside, unscored=len(system) - len(inside))
    log.info("scored %d system events against %d gold events: P %.3f R %.3f",
             len(inside), len(gold), report.precision, report.recall)
    return report
