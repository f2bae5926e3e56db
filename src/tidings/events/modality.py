"""How sure, and did it happen: certainty cues and modality flags in scope of a trigger.

Scope is the trigger itself and the chain of words that govern it inside its clause
("tried to mediate", "denied attacking", "plans to strike", "the planned offensive"),
stopping at a speech verb: the speaker's own verb does not colour the reported event
(attribution handles that). Certainty precedence follows GOLD.md:
denied > planned > hedged > reported > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lexicon import Lexicon

# Dependencies through which a governing word keeps the trigger in its scope.
GOVERNED_DEPS = frozenset({"xcomp", "pcomp", "pobj", "dobj", "prep", "acl", "attr", "acomp",
                           "nsubjpass", "compound", "relcl"})
HEDGE_AUX = frozenset({"may", "might", "could"})
PLANNED_AUX = frozenset({"will", "shall", "'ll"})


@dataclass
class Modality:
    negated: bool = False
    negated_here: bool = False  # on the trigger itself ("will not accept"), not a governor
    hedged: bool = False
    planned: bool = False
    denied: bool = False
    attempted: bool = False
    failed: bool = False

    def flags(self) -> tuple[str, ...]:
        names = ("attempted", "failed", "negated")
        return tuple(n for n in names if getattr(self, n))

    def certainty(self, reported: bool) -> str:
        if self.denied:
            return "denied"
        if self.planned:
            return "planned"
        if self.hedged:
            return "hedged"
        return "reported" if reported else "asserted"


def _mark_children(tok: Any, lex: Lexicon, mod: Modality, is_trigger: bool) -> None:
    for c in tok.children:
        word = c.lower_
        if c.dep_ == "neg":
            mod.negated = True
            mod.negated_here = mod.negated_here or is_trigger
        elif c.dep_ == "aux" and word in PLANNED_AUX:
            mod.planned = True
        elif c.dep_ == "aux" and word == "would" and _reported_will(tok, lex):
            mod.planned = True  # "said it would send troops": the will of reported speech
        elif c.dep_ == "aux" and word in HEDGE_AUX:
            mod.hedged = True
        elif c.dep_ == "advmod" and word in lex.cue("hedge"):
            mod.hedged = True
        elif c.dep_ == "amod" and is_trigger and (
                word in lex.cue("planned") or c.lemma_.lower() in lex.cue("planned")):
            mod.planned = True  # "the planned offensive", "upcoming strike"
        elif c.dep_ == "det" and word == "no" and is_trigger:
            mod.negated = True
        elif c.dep_ in ("nsubjpass", "dobj") and is_trigger and any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            mod.negated = True  # "no ships had been hit"


def _reported_will(tok: Any, lex: Lexicon) -> bool:
    """'would' in a clause reported after a speech verb, not negated ("would not recognise"
    is a refusal made now)."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lex.cue("speech") and not any(
        c.dep_ == "neg" for c in tok.children)


def _mark_governor(gov: Any, lex: Lexicon, mod: Modality) -> None:
    lemma = gov.lemma_.lower()
    if lemma in lex.cue("attempt"):
        mod.attempted = True
    elif lemma in lex.cue("fail"):
        mod.attempted = mod.failed = True
    elif lemma in lex.cue("deny") and gov.pos_ == "VERB":
        mod.denied = True
    elif lemma in lex.cue("planned") or gov.lower_ in lex.cue("planned"):
        mod.planned = True
    elif lemma in lex.cue("hedge"):
        mod.hedged = True


def assess(trigger: Any, lex: Lexicon, sentence: str | None = None) -> Modality:
    """Modality of the event whose trigger token is `trigger`; `sentence` is the trigger's
    sentence in lower case (pass it when coding many triggers of one sentence)."""
    mod = Modality()
    _mark_children(trigger, lex, mod, is_trigger=True)
    tok, steps = trigger, 0
    while tok.dep_ in GOVERNED_DEPS and tok.head.i != tok.i and steps < 6:
        gov = tok.head
        if gov.lemma_.lower() in lex.cue("speech") and gov.pos_ == "VERB":
            break
        if gov.dep_ == "prep" and gov.lower_ in ("about", "of", "on") and steps > 0:
            break  # "information about the planned offensive": stop at the topic
        _mark_governor(gov, lex, mod)
        if gov.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            _mark_children(gov, lex, mod, is_trigger=False)
        tok, steps = gov, steps + 1
    if tok.dep_ == "ccomp" and tok.head.pos_ == "VERB" and \
            tok.head.lemma_.lower() in lex.cue("deny"):
        mod.denied = True  # "denied that its troops had entered": the entering is denied
    sentence = sentence if sentence is not None else trigger.sent.text.lower()
    if any(phrase in sentence for phrase in lex.cue("hedge_phrase")):
        mod.hedged = True
    return mod
