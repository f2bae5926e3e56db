"""The rule-based PLOVER coder: triggers from the lexicon, arguments from the parse.

For each token whose lemma and part of speech match a trigger rule (and the rule's
constraints hold), the coder takes source and target from the dependency parse, the
modality from the words that govern the trigger, and emits an event when at least one
side resolves to an actor. Negated events ("did not attack") are not emitted: the
article says they did not happen (see docs/coding.md). The content of a speech act
("urged Assad to act", "threatened to strike") is part of that act, not an event of its
own.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from ..model import Actor, Coder, Document, Event, Evidence, Span
from .arguments import Arguments, noun_arguments, verb_arguments
from .lexicon import Lexicon, TriggerRule
from .parties import intermediaries, posting
from .rules import (
    demand_in_speech,
    VOW_LEMMAS, as_intent, civilian, is_speech_content, not_an_event, order_of_force,
    violent_cause, vows_force,
)
from .triggers import match_trigger
from .modality import Modality, assess

CODER_NAME = "tidings.events.rules"
CODER_VERSION = "0.3.0"
# Types whose clausal complement is the content of the act, not a second event.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
SYMMETRIC_LEMMAS = frozenset({"clash", "fight", "fighting", "skirmish", "exchange", "sign"})
HOLDING = frozenset({"hold", "control", "occupy", "run", "seize", "capture", "own", "operate",
                     "man", "flag"})
FOLLOWERS = frozenset({"supporter", "follower", "loyalist", "partisan", "backer", "devotee"})
CROWD_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens",
                         "crowd", "crowds", "million", "millions", "group", "band"})
# Types whose location hit can stand as the target ("hit targets in Afghanistan")
HITTING = frozenset({"ASSAULT", "COERCE"})
# "will not accept", "would not recognise": a refused act of cooperation is a REJECT event
REFUSABLE = frozenset({"AGREE", "SUPPORT", "CONCEDE", "CONSULT", "COOPERATE", "AID", "RETREAT"})
FAILURE_SUBJECTS = frozenset({"effort", "attempt", "bid", "initiative", "mediation", "talk",
                              "push", "endeavour", "endeavor", "plan"})


class ActorIndex:
    """Find the actor mention covering a token (document offsets)."""

    def __init__(self, actors: tuple[Actor, ...], offset: int = 0) -> None:
        self.actors = sorted(actors, key=lambda a: (a.start, -a.end))
        self.starts = [a.start for a in self.actors]
        self.offset = offset

    def at_offset(self, offset: int) -> ActorIndex:
        """The same index for another section's parse (no re-sorting)."""
        other = object.__new__(ActorIndex)
        other.actors, other.starts, other.offset = self.actors, self.starts, offset
        return other

    def narrow(self, tok: Any) -> Actor | None:
        """The smallest actor mention covering the token ("British" in "U.S. and British
        warplanes"), for coordinated modifiers."""
        pos = self.offset + tok.idx
        i = bisect_right(self.starts, pos)
        covering = [a for a in self.actors[max(0, i - 8):i] if a.start <= pos < a.end]
        return min(covering, key=lambda a: a.end - a.start) if covering else None

    def __call__(self, tok: Any) -> Actor | None:
        pos = self.offset + tok.idx
        i = bisect_right(self.starts, pos)
        best = None
        for actor in reversed(self.actors[max(0, i - 8):i]):
            if actor.start <= pos < actor.end and (best is None or actor.end - actor.start >
                                                   best.end - best.start):
                best = actor
        if best is not None:
            return best
        if tok.lemma_.lower() in CROWD_NOUNS:  # "thousands of students", "crowds of protesters"
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and (found := self(obj)) is not None:
                            return found
        # "President Vladimir Putin" (appos), "Iranian middlemen", "Russia's army"
        for dep in ("appos", "compound", "nmod", "poss", "amod"):
            for child in tok.children:
                if child.dep_ == dep:
                    found = self(child)
                    # "its fight", "their operation": the owner is not the thing owned
                    if found is not None and not (dep == "poss" and found.kind == "pronoun"):
                        return found
        for acl in tok.children:  # "positions held by the rebels": the holder's
            if acl.dep_ == "acl" and acl.lemma_.lower() in HOLDING:
                for agent in (c for c in acl.children if c.dep_ == "agent"):
                    for obj in (o for o in agent.children if o.dep_ == "pobj"):
                        if (found := self(obj)) is not None:
                            return found
        for prep in tok.children:  # "fighters from the JNIM group"
            if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (obj.ent_type_ in ("ORG", "NORP", "GPE") or
                                               obj.ent_type_ == "PERSON" and
                                               tok.lemma_.lower() in FOLLOWERS):
                        return self(obj)  # "supporters of cleric Moqtada al-Sadr"
        return None


@dataclass
class _Found:
    event: Event
    modality: Modality
    sentence: int


MAX_PER_TRIGGER = 4
# Events that stand without a named actor: "the truce takes effect on Wednesday"
SELF_CONTAINED_MODES = frozenset({"ceasefire"})
PHOTO_CREDITS = ("(photo", "(picture", "(image")


def _gerund_noun(tok: Any) -> bool:
    """A gerund standing as a noun ("Fighting between X and Y continued"): its sides are
    found as a noun's are."""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and \
        not any(c.dep_ in ("dobj", "nsubj") for c in tok.children)


def _per_actor(args: Arguments, symmetric: bool) -> list[Arguments]:
    """'Estonia, Latvia and Lithuania imposed sanctions': one record per acting country."""
    if symmetric:
        return [args]
    sources = [args.source] + [o for o in args.others if o.role == "co-actor"]
    targets = [args.target] + [o for o in args.others if o.role == "co-target"]
    rest = tuple(o for o in args.others if o.role not in ("co-actor", "co-target"))
    out = []
    for source in sources:
        for target in targets:
            context = tuple(a for a in args.others if a.role in ("co-actor", "co-target")
                            and a is not source and a is not target)
            if source is not args.source and args.source is not None:
                context = (replace(args.source, role="co-actor"),) + context
            if target is not args.target and args.target is not None:
                context = (replace(args.target, role="co-target"),) + context
            out.append(Arguments(_plain(source), _plain(target), rest + context, args.borrowed))
    return out[:MAX_PER_TRIGGER]


def _plain(actor: Actor | None) -> Actor | None:
    return replace(actor, role=None) if actor is not None and actor.role else actor


def _leaves_igo(tok: Any, args: Arguments, actor_at: ActorIndex) -> bool:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for obj in prep.children:
                actor = actor_at(obj) if obj.dep_ == "pobj" else None
                if actor is not None and actor.sector == "IGO":
                    if args.target is None or args.target.country == (args.source.country
                                                                       if args.source else None):
                        args.target = actor  # the body left, not the country withdrawn
                    return True
    return False


def _same_actor(a: Actor, b: Actor) -> bool:
    return (a.name, a.country, a.sector) == (b.name, b.country, b.sector) or b.kind == "pronoun" \
        and (a.country, a.sector) == (b.country, b.sector)


def _mediated(trigger: Any, args: Arguments, actor_at: ActorIndex) -> Actor | None:
    """The parties a mediation is between: the first other actor in the trigger's clause."""
    taken = {a.start for a in (args.source, *args.others) if a is not None}
    for tok in trigger.subtree:
        if tok.dep_ in ("dobj", "pobj", "nsubj") and tok.i != trigger.i:
            actor = actor_at(tok)
            if actor is not None and actor.start not in taken and actor.kind != "adjective":
                return actor
    return None


def _main_chain(tok: Any) -> bool:
    """Is the token the sentence's main predicate (or hangs on it through xcomp/conj)?"""
    while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


def _has_subject(sent: Any) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in sent)


def _topic(sent: Any, actor_at: ActorIndex) -> Actor | None:
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if root.lemma_ in ("say", "tell") or subj is None:
        for c in root.children:  # "X said Moscow had...": the reported clause's subject
            if c.dep_ == "ccomp":
                subj = next((cc for cc in c.children if cc.dep_ == "nsubj"), subj)
    return actor_at(subj) if subj is not None else None


def _mark_failures(sent: Any, found: list[_Found], index: int) -> None:
    """'These efforts, however, failed.': earlier attempts in the previous sentences failed."""
    for tok in sent:
        if tok.lemma_ == "fail" and any(c.dep_ == "nsubj" and c.lemma_ in FAILURE_SUBJECTS
                                        for c in tok.children):
            for item in found:
                if index - 2 <= item.sentence < index and item.modality.attempted:
                    item.modality.failed = True


def _trigger_arguments(tok: Any, rule: TriggerRule, lex: Lexicon, actor_at: ActorIndex,
                       topic: Actor | None) -> tuple[Arguments, bool]:
    """The sides of the event a trigger names, and whether it is two-sided. ``topic``: the
    previous sentence's main actor when this sentence has no subject at all."""
    preps = lex.target_preps.get(rule.event_type, frozenset())
    if tok.lemma_.lower() in SYMMETRIC_LEMMAS:
        preps = preps | {"with"}  # "clashed with the Radaa force": the other side
    symmetric = (rule.event_type in SYMMETRIC_TYPES or tok.lemma_.lower() in
                 SYMMETRIC_LEMMAS) and rule.mode != "third-party"  # mediators: one each
    args = (verb_arguments(tok, preps, actor_at, symmetric,
                           rule.event_type == "REQUEST", rule.event_type in HITTING,
                           rule.event_type == "MOBILIZE")
            if tok.pos_ in ("VERB", "AUX") and rule.pos == "V" and not _gerund_noun(tok)
            else noun_arguments(tok, preps, actor_at, lex.cue("light"), symmetric,
                                leaving=rule.event_type == "RETREAT"))
    if rule.event_type == "REQUEST" and args.target is None and tok.dep_ == "conj":
        # "summoned Russia's ambassador and demanded ...": demanded of Russia
        obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        args.target = actor_at(obj) if obj is not None else None
    if tok.lemma_.lower() == "recall" and (posted := posting(tok, actor_at)) is not None:
        args.target = posted  # the country the ambassador leaves, not the sender
    if args.source is not None and args.source.kind == "place":
        args.source = None  # a town does not act; "Tbilisi protesters" are protesters
    if args.source is None and topic is not None and _main_chain(tok):
        args.source, args.borrowed = topic, True
    if args.target is None and rule.mode == "third-party":
        args.target = _mediated(tok, args, actor_at)
    if args.target is not None and args.source is not None and \
            _same_actor(args.source, args.target):
        args.target = None  # "the factions ... their operation": not a target
    return args, symmetric


def code_section(doc: Document, parse: Any, lex: Lexicon, coder: Coder,
                 sentence_index: dict[int, int], topic: list[Actor | None],
                 index: ActorIndex) -> list[_Found]:
    actor_at = index.at_offset(parse.offset)
    section = doc.sections[parse.section].label
    found: list[_Found] = []
    for sent in parse.doc.sents:
        start = parse.offset + sent.start_char
        index = sentence_index.get(start, -1)
        _mark_failures(sent, found, index)
        fragment = not _has_subject(sent)
        lowered = sent.text.lower()
        credit = lowered.lstrip().startswith(PHOTO_CREDITS)
        for tok in sent:
            rule = match_trigger(tok, lex) or demand_in_speech(tok, lex)
            if rule is None or is_speech_content(tok, lex) or not_an_event(tok, lex, credit) or \
                    order_of_force(tok, lex):
                continue
            args, symmetric = _trigger_arguments(tok, rule, lex, actor_at,
                                                 topic[0] if fragment else None)
            modality = assess(tok, lex, lowered)
            if rule.event_type == "AGREE" and modality.failed and tok.head.lemma_ == "fail":
                rule = replace(rule, event_type="REJECT", mode=None, cameo="120")  # "failed to agree"
            if modality.negated_here and rule.event_type in REFUSABLE:
                rule = replace(rule, event_type="REJECT", mode=None, cameo="120")
                modality.negated = False  # "will not accept refugees" is a refusal
            if modality.negated or (args.source is None and args.target is None
                                    and rule.mode not in SELF_CONTAINED_MODES):
                continue
            if args.source is None and tok.lemma_.lower() in lex.cue("casualty") and \
                    not violent_cause(tok, lex):
                continue  # "two soldiers were killed": a casualty tally, not a coded event
            if rule.event_type == "RETREAT" and rule.mode == "withdraw" and _leaves_igo(tok, args,
                                                                                        actor_at):
                # "withdraw from the World Health Organization": leaving a body is a sanction,
                # announced ("will withdraw") or done; it is no pledge
                rule = replace(rule, event_type="SANCTION", cameo="166")
            rule = as_intent(rule, tok, lex)
            if rule.event_type == "MOBILIZE" and rule.mode == "weapons" and args.target is None \
                    and any(o.role == "co-actor" for o in args.others):
                # "French and Egyptian warships launched war games": a joint exercise
                rule = replace(rule, event_type="COOPERATE", mode="military", cameo="062")
                partner = next(o for o in args.others if o.role == "co-actor")
                args.target = replace(partner, role=None)
                args.others = tuple(o for o in args.others if o is not partner)
            elif rule.event_type == "COOPERATE" and rule.mode == "military" and args.target is None:
                # "China's joint drills around Taiwan": joint forces of one state, a show of force
                rule = replace(rule, event_type="MOBILIZE", mode="weapons", cameo="150")
                shown = noun_arguments(tok, lex.target_preps["MOBILIZE"], actor_at,
                                       lex.cue("light")) if rule.pos == "N" else None
                if shown is not None and shown.target is not None:
                    args.target = shown.target
            if rule.event_type == "AGREE" and tok.lemma_.lower() in VOW_LEMMAS and \
                    vows_force(tok, lex):
                rule = replace(rule, event_type="THREATEN", mode=None, cameo="130")
            if args.source is not None and args.source.sector in ("CVL", "OPP"):
                if rule.event_type == "RETREAT" and tok.lemma_.lower() == "flee":
                    continue  # "forcing families to flee": civilians fleeing are not a retreat
                rule = civilian(rule, tok)
            elif rule.mode == "crowd":
                continue  # "gathered", "converged": a protest only when civilians gather
            args.others = args.others + intermediaries(tok, actor_at)
            for one in _per_actor(args, symmetric):
                event = _event(doc, parse, sent, tok, rule, one, modality, lex, coder, section)
                found.append(_Found(event, modality, index))
        topic[0] = _topic(sent, actor_at) or topic[0]
    return found


def _event(doc: Document, parse: Any, sent: Any, tok: Any, rule: TriggerRule, args: Arguments,
           modality: Modality, lex: Lexicon, coder: Coder, section: str) -> Event:
    text = sent.text.strip()
    start = parse.offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    trigger = Span(parse.offset + tok.idx, parse.offset + tok.idx + len(tok.text), tok.text)
    return Event(
        id="", event_type=rule.event_type, mode=rule.mode, cameo=rule.cameo,
        quad_class=lex.quad[rule.event_type], intensity=lex.intensity(rule.event_type, rule.mode),
        source=args.source, target=args.target, others=args.others,
        certainty=modality.certainty(reported=False), modality=modality.flags(),
        evidence=Evidence(text, start, start + len(text), section, trigger, tok.lemma_.lower(),
                          "NOUN" if rule.pos == "N" else "VERB"), coder=coder)


def code_events(doc: Document, lex: Lexicon) -> tuple[Event, ...]:
    """All events of a document, in text order, before linking and deduplication."""
    coder = Coder(CODER_NAME, CODER_VERSION, lex.version)
    sentence_index = {s.start: i for i, s in enumerate(doc.sentences)}
    topic: list[Actor | None] = [None]
    found: list[_Found] = []
    index = ActorIndex(doc.actors)
    for parse in doc.parses:
        found.extend(code_section(doc, parse, lex, coder, _sentence_starts(parse, sentence_index),
                                  topic, index))
    return tuple(replace(f.event, modality=f.modality.flags(),
                         certainty=f.modality.certainty(reported=False)) for f in found)


def _sentence_starts(parse: Any, index: dict[int, int]) -> dict[int, int]:
    """Map raw sentence starts (before whitespace trimming) to sentence indexes."""
    out = {}
    for sent in parse.doc.sents:
        raw = parse.offset + sent.start_char
        lead = len(sent.text) - len(sent.text.lstrip())
        if raw + lead in index:
            out[raw] = index[raw + lead]
    return out
