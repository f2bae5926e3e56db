"""Coding rules that drop or recode a matched trigger, kept apart from the coder's loop.

Drops: halted acts, refusals to comment, photo credits, casualty tallies, the content of a
speech act, orders of force (coded as the act). Recodes: stated intent (pledges as AGREE,
conditional force as THREATEN), vows of force, civilians' protests. See docs/coding.md.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .lexicon import Lexicon, TriggerRule
from .modality import GOVERNED_DEPS
from .triggers import match_trigger, objects_of

# Prepositions that introduce what a speech act is about ("called for talks", "warned of
# an attack"); others ("during", "after", "in") introduce circumstances.
CONTENT_PREPS = frozenset({"to", "of", "for", "about", "on", "against", "with", "over", "from"})
SPEECH_ACT_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"})
VOW_LEMMAS = frozenset({"vow", "pledge", "promise", "swear"})
# A stated intent to act ("will provide aid", "would blockade Paris") is itself the event:
# PLOVER codes a pledge of material cooperation as AGREE and one of force as THREATEN.
PLEDGED_AS_AGREE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE"})
PLEDGED_AS_THREAT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})


def violent_cause(tok: Any, lex: Lexicon) -> bool:
    """'killed in a car bombing', 'a roadside bomb killed': an attack with no named author."""
    for c in tok.children:
        heads = [c] if c.dep_ in ("nsubj", "nsubjpass") else [
            o for o in c.children if o.dep_ == "pobj"] if c.dep_ in ("prep", "agent") else []
        for head in heads:
            if head.lemma_.lower() in lex.cue("violence") or (
                    (rule := match_trigger(head, lex)) is not None and rule.event_type == "ASSAULT"):
                return True
    return False


def order_of_force(tok: Any, lex: Lexicon) -> bool:
    """'ordered the deployment of troops': the order is coded as the deployment itself."""
    if tok.lemma_.lower() not in lex.cue("command"):
        return False
    for child in (c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp", "oprd")):
        rule = match_trigger(child, lex)
        if rule is not None and rule.event_type in PLEDGED_AS_THREAT:
            return True
    return False


def not_an_event(tok: Any, lex: Lexicon, credit: bool = False) -> bool:
    """Triggers that name no event: a halted or prevented act ("pauses in fighting",
    "halted aid"), a refusal to comment, a photo credit."""
    if credit:  # the sentence is a photo credit: "(Photo by ... / AFP)"
        return True
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in lex.cue("bearer"):
        return True  # "aid workers", "invasion forces": who or what, not an act
    if tok.lemma_.lower() == "release" and any(
            o.lemma_.lower() in lex.cue("media") for o in objects_of(tok)):
        return True  # "released a video": a publication, not people set free
    if tok.lemma_.lower() in ("decline", "refuse") and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lex.cue("no_comment") for c in tok.children):
        return True
    gov, steps = tok, 0
    while gov.dep_ in ("pobj", "prep", "dobj", "compound") and gov.head.i != gov.i and steps < 3:
        gov, steps = gov.head, steps + 1
        if gov.lemma_.lower() in lex.cue("halt"):
            # "lift the pause on security assistance": a halt undone is the act again
            return gov.head.lemma_.lower() not in lex.cue("undo")
        if gov.pos_ == "VERB" and gov.lemma_.lower() not in lex.cue("undo") and any(
                c.dep_ == "dobj" and c.i != tok.i and c.lemma_.lower() in lex.cue("halt")
                for c in gov.children):
            return True  # "announced pauses in fighting" (the parser hangs 'in' on the verb)
    if tok.lemma_.lower() == "fight" and any(c.dep_ == "dobj" for c in tok.children) and not any(
            c.dep_ == "dobj" and c.ent_type_ for c in tok.children):
        return True  # "fight the tariffs", "fight corruption": not combat
    head = tok.head
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and match_trigger(head, lex) is not None:
        return True  # "deployed the military to support police": a purpose, not an event
    if tok.dep_ in ("advcl", "xcomp", "acl") and head.i != tok.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):  # no subject of its own
        outer = match_trigger(head, lex)
        rule = match_trigger(tok, lex)
        if outer is not None and rule is not None and outer.event_type == rule.event_type:
            return True  # "met ... to discuss the war": one meeting
    return False


def is_speech_content(tok: Any, lex: Lexicon) -> bool:
    """True when a governing word is itself a speech-act trigger ("urged X to attack")."""
    steps = 0
    while (tok.dep_ in GOVERNED_DEPS | {"ccomp"} or _requested(tok, lex)) and tok.head.i != tok.i \
            and steps < 5:
        if tok.dep_ == "prep" and tok.lower_ not in CONTENT_PREPS:
            return False  # "agreed ... during a phone call": the call is not what was agreed
        tok = tok.head
        if tok.lemma_.lower() in lex.cue("speech") and tok.pos_ == "VERB":
            return False
        rule = match_trigger(tok, lex)
        if rule is not None and rule.event_type in SPEECH_ACT_TYPES:
            # "denied attacking Odesa": the denied act stays, with certainty denied;
            # "ordered the deployment of troops": an executed order is the act itself
            return tok.lemma_.lower() not in lex.cue("deny") | lex.cue("command")
        steps += 1
    return False


def _requested(tok: Any, lex: Lexicon) -> bool:
    """ "called on them to resume talks": an infinitive the parser hangs on a request as an
    adverbial clause is the act requested, which is not an event yet."""
    rule = match_trigger(tok.head, lex) if tok.dep_ == "advcl" else None
    return rule is not None and rule.event_type == "REQUEST" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def vows_force(tok: Any, lex: Lexicon) -> bool:
    """'vowed to retaliate', 'vowed to continue attacks': a vow of force is a threat."""
    for comp in (c for c in tok.children if c.dep_ in ("xcomp", "dobj", "ccomp", "advcl")):
        for t in comp.subtree:
            rule = match_trigger(t, lex)
            if t.lemma_.lower() in lex.cue("force") or (
                    rule is not None and rule.event_type in PLEDGED_AS_THREAT):
                return True
    return False


def civilian(rule: TriggerRule, tok: Any) -> TriggerRule:
    """Civilians blocking roads protest (obstruct); workers on strike protest (strike)."""
    if rule.mode == "crowd":
        return replace(rule, mode="demo")
    if rule.event_type == "COERCE":
        return replace(rule, event_type="PROTEST", mode="obstruct", cameo="144")
    if rule.event_type == "ASSAULT" and tok.lemma_.lower() == "strike" and tok.pos_ == "NOUN":
        return replace(rule, event_type="PROTEST", mode="strike", cameo="143")
    if rule.event_type == "ASSAULT":  # "protesters stormed parliament": a violent protest
        return replace(rule, event_type="PROTEST", mode="riot", cameo="145")
    return rule


def as_intent(rule: TriggerRule, tok: Any, lex: Lexicon) -> TriggerRule:
    """'X will provide aid' is a pledge (AGREE); 'X will boycott unless...' a threat.
    A scheduled ceasefire ("the truce will take effect") pledges nothing."""
    if rule.mode == "ceasefire":
        return rule
    verb = tok
    if tok.pos_ != "VERB":  # "will provide aid": the noun's verb carries the modal
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head
        verb = verb.head if verb.dep_ == "dobj" else verb
        if tok.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB":
            return rule
    ready = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.cue("ready")
    modal = ready or any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll")
                         for c in verb.children)
    if not modal:
        return rule
    if ready and rule.event_type == "CONSULT":  # "willing to meet": an offer, not a meeting
        return replace(rule, event_type="AGREE", mode=None, cameo="030")
    condition = condition_of(verb)
    if condition == "unless" and rule.event_type in PLEDGED_AS_AGREE | PLEDGED_AS_THREAT:
        return replace(rule, event_type="THREATEN", mode=None, cameo="130")
    if rule.event_type in PLEDGED_AS_AGREE:
        return replace(rule, event_type="AGREE", mode=None, cameo="030")
    if rule.event_type in PLEDGED_AS_THREAT and condition is not None:
        return replace(rule, event_type="THREATEN", mode=None, cameo="130")
    return rule


def condition_of(tok: Any) -> str | None:
    """'unless' or 'if' when the act depends on a condition ('will boycott unless...')."""
    for clause in tok.children:
        if clause.dep_ == "advcl":
            for m in clause.children:
                if m.dep_ == "mark" and m.lower_ in ("unless", "if"):
                    return str(m.lower_)
    return None


DEMAND_MODALS = frozenset({"must", "should"})


def demand_in_speech(tok: Any, lex: Lexicon) -> TriggerRule | None:
    """'Russia said Sudan must return the helicopter': a statement that another party must
    act is a demand (REQUEST), coded on the speech verb."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.cue("speech"):
        return None
    for comp in tok.children:
        if comp.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS
                                        for c in comp.children):
            return TriggerRule(tok.lemma_.lower(), "V", "REQUEST", None, "100", ())
    return None
