"""Event detection and type: a classifier over the verbs and nouns of the parse.

Every verb or noun of a coded section is a candidate trigger, described by named features
of its lemma, its place in the dependency tree (its relation, its head, its children and
their prepositions), its neighbours, and the rule lexicon's types for its lemma. A
multinomial linear model (``MultiModel``, one weight table per class) gives the probability
of each PLOVER type and of ``NONE``. The stage adds an event where the rules found none of
that type in the sentence and the model is sure enough (``add_threshold``), and re-types a
rule event whose trigger the model reads, with more confidence, as another type
(``retype_margin``). Sides are left to the role model, which runs next.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..events.lexicon import Lexicon
from ..events.modality import assess
from ..model import Coder, Document, Event, Evidence, Span
from .features import Features
from .linear import MODELS_DIR, read_model_file

TRIGGERS_MODEL = MODELS_DIR / "triggers.json"
NONE = "NONE"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
CODED_SECTIONS = frozenset({"title", "body", "caption"})


@dataclass(frozen=True)
class MultiModel:
    """A multinomial logistic regression kept as named weights per class."""

    name: str
    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # feature -> {class: weight}
    intercepts: dict[str, float]
    add_threshold: float = 1.0
    retype_margin: float = 1.0
    card: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, features: Features) -> dict[str, float]:
        scores = dict(self.intercepts)
        for name, value in features.items():
            for cls, w in self.weights.get(name, {}).items():
                scores[cls] += w * value
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}

    def to_json(self) -> str:
        body = {"name": self.name, "classes": list(self.classes), "intercepts": self.intercepts,
                "add_threshold": self.add_threshold, "retype_margin": self.retype_margin,
                "card": self.card, "weights": dict(sorted(self.weights.items()))}
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str, name: str) -> MultiModel:
        try:
            body = json.loads(text)
            return cls(body["name"], tuple(body["classes"]), body["weights"], body["intercepts"],
                       float(body["add_threshold"]), float(body["retype_margin"]),
                       dict(body.get("card") or {}))
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(name, f"not a trigger model file: {exc}") from exc


@lru_cache(maxsize=4)
def load_multi(path: str) -> MultiModel | None:
    """The trigger model at ``path`` (read once per process), or None when there is none."""
    return read_model_file(path, MultiModel.from_json)


def multi_model_for(setting: str) -> MultiModel | None:
    """The trigger model of a ``models`` setting ("" bundled, "none", or a folder); a folder
    without ``triggers.json`` has none (the role model alone is used)."""
    if setting == "none":
        return None
    return load_multi(str(Path(setting) / TRIGGERS_MODEL.name if setting else TRIGGERS_MODEL))


def token_features(tok: Any, lex: Lexicon) -> Features:
    """Named features of one candidate trigger token."""
    lemma, head = tok.lemma_.lower(), tok.head.lemma_.lower()
    feats: Features = {"bias": 1.0, f"lemma={lemma}": 1.0, f"lemma={lemma}|{tok.pos_}": 1.0,
                       f"tag={tok.tag_}": 1.0, f"dep={tok.dep_}": 1.0,
                       f"lemma={lemma}|dep={tok.dep_}": 1.0, f"head={head}": 1.0,
                       f"head={head}|dep={tok.dep_}": 1.0}
    for rule in lex.rules_for(lemma, "N" if tok.pos_ == "NOUN" else "V"):
        feats[f"lex={rule.event_type}"] = 1.0
        feats[f"lex={rule.event_type}|{tok.pos_}"] = 1.0
    for child in tok.children:
        feats[f"child={child.dep_}"] = 1.0
        if child.dep_ in ("prep", "agent", "prt", "neg", "aux", "auxpass"):
            feats[f"lemma={lemma}|{child.dep_}={child.lower_}"] = 1.0
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "compound", "amod"):
            feats[f"lemma={lemma}|{child.dep_}={child.lemma_.lower()}"] = 1.0
    if tok.i > tok.sent.start:
        feats[f"prev={tok.nbor(-1).lower_}"] = 1.0
    if tok.i + 1 < tok.sent.end:
        feats[f"next={tok.nbor(1).lower_}"] = 1.0
    return feats


def candidate_tokens(doc: Document) -> Iterator[tuple[Any, int, str]]:
    """(token, its document offset, its section label) for every candidate trigger."""
    for parse in doc.parses:
        label = doc.sections[parse.section].label
        if label not in CODED_SECTIONS:
            continue
        for tok in parse.doc:
            if tok.pos_ in CANDIDATE_POS and tok.is_alpha and len(tok.text) > 2:
                yield tok, parse.offset + tok.idx, label


def _new_event(tok: Any, offset: int, section: str, event_type: str, lex: Lexicon,
               coder: Coder, p: float) -> Event | None:
    modality = assess(tok, lex)
    if modality.negated:
        return None
    sent = tok.sent
    base = offset - tok.idx
    start = base + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    text = sent.text.strip()
    trigger = Span(offset, offset + len(tok.text), tok.text)
    return Event(id="", event_type=event_type, quad_class=lex.quad[event_type],
                 intensity=lex.intensity(event_type, None), certainty=modality.certainty(False),
                 modality=modality.flags(), confidence=round(p, 4), coder=coder,
                 evidence=Evidence(text, start, start + len(text), section, trigger,
                                   tok.lemma_.lower(), tok.pos_))


def apply_triggers(doc: Document, model: MultiModel | None, lex: Lexicon) -> tuple[Event, ...]:
    """The rule events, re-typed where the model is surer, plus the events it detects where
    the rules found none of that type in the sentence."""
    if model is None or not doc.parses:
        return doc.events
    by_trigger = {e.evidence.trigger.start: i for i, e in enumerate(doc.events)}
    events = list(doc.events)
    added: list[Event] = []
    coder = Coder(model.name, "1", lex.version)
    retyping = model.retype_margin < 1.0
    for tok, offset, section in candidate_tokens(doc):
        if offset in by_trigger and not retyping:
            continue
        lemma = tok.lemma_.lower()
        if f"lemma={lemma}" not in model.weights and \
                not lex.rules_for(lemma, "N" if tok.pos_ == "NOUN" else "V"):
            continue  # a word never seen in training, and no rule's: never a trigger here
        probs = model.probabilities(token_features(tok, lex))
        best = max(probs, key=probs.__getitem__)
        if offset in by_trigger:
            i = by_trigger[offset]
            rule = events[i]
            if best not in (NONE, rule.event_type) and \
                    probs[best] - probs.get(rule.event_type, 0.0) >= model.retype_margin:
                events[i] = replace(rule, event_type=best, mode=None, cameo=None,
                                    quad_class=lex.quad[best],
                                    intensity=lex.intensity(best, None))
            continue
        if best == NONE or probs[best] < model.add_threshold:
            continue
        sent_start = offset - tok.idx + tok.sent.start_char
        same = any(e.event_type == best and sent_start <= e.evidence.trigger.start
                   < sent_start + len(tok.sent.text) for e in events + added)
        if not same:
            made = _new_event(tok, offset, section, best, lex, coder, probs[best])
            if made is not None:
                added.append(made)
    return tuple(sorted(events + added, key=lambda e: e.evidence.trigger.start))
