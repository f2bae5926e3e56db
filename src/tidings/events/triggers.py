"""Trigger matching: a token, the lexicon's rules for its lemma and part of speech, and the
rules' constraints (particle, preposition, object, modifier, complement verb)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .lexicon import Lexicon, TriggerRule

NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr", "conj", "ROOT"})


def _pos(tok: Any) -> tuple[str, ...]:
    if tok.pos_ == "VERB":
        return ("V", "N") if tok.dep_ in NOUN_DEPS - {"ROOT"} else ("V",)
    if tok.pos_ in ("NOUN", "PROPN"):
        return ("N",)
    return ()


def _satisfied(rule: TriggerRule, tok: Any) -> bool:
    for kind, words in rule.needs:
        if kind == "prt":
            # the small parser often makes the particle an adverb ("turned back")
            ok = any(c.dep_ in ("prt", "advmod") and c.lower_ in words for c in tok.children)
        elif kind == "prep":
            ok = any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in words
                     for c in _prep_holders(tok))
        elif kind == "mod":
            ok = any(c.dep_ in ("amod", "compound", "nmod", "npadvmod") and
                     (c.lemma_.lower() in words or c.lower_ in words) for c in tok.children)
        elif kind == "comp":  # "ordered the ambassador to leave"
            ok = any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in words
                     for c in tok.children)
        else:
            ok = any(o.lemma_.lower() in words for o in objects_of(tok))
        if not ok:
            return False
    return True


def _prep_holders(tok: Any) -> Iterator[Any]:
    """The token's children, and for a noun object the verb's children after it: the parser
    often hangs the noun's preposition on the verb ("opened a hearing Wednesday into ...")."""
    yield from tok.children
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        yield from (c for c in tok.head.children if c.i > tok.i)


def objects_of(tok: Any) -> Iterator[Any]:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            yield c
            yield from (cc for cc in c.children if cc.dep_ == "conj")
            for of in (cc for cc in c.children if cc.dep_ == "prep" and cc.lower_ == "of"):
                yield from (o for o in of.children if o.dep_ == "pobj")  # "tons of aid"
        elif c.dep_ in ("prep", "prt"):
            yield from (cc for cc in c.children if cc.dep_ == "pobj")
        elif c.dep_ == "ccomp" and c.pos_ in ("ADJ", "NOUN") and c.tag_ != "NNP":
            yield c  # "declared the agreement null and void" (the parser may tag it a noun)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        yield tok.head  # "relief supplies sent by China"


NAME_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERSON", "ORG", "GPE", "LOC",
                        "FAC", "NORP", "MONEY", "QUANTITY", "PERCENT", "WORK_OF_ART", "LAW"})


def match_trigger(tok: Any, lex: Lexicon) -> TriggerRule | None:
    if tok.ent_type_ in NAME_TYPES:
        return None  # "March 12", "Operation Deterring Aggression": part of a name
    for pos in _pos(tok):
        for rule in lex.rules_for(tok.lemma_.lower(), pos):
            if _satisfied(rule, tok):
                return rule
        if pos == "N" and tok.lower_ != tok.lemma_.lower():
            for rule in lex.rules_for(tok.lower_, pos):
                if _satisfied(rule, tok):
                    return rule
    return None
