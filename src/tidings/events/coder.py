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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..model import Actor, Coder, Document, Event, Evidence, Span
from .arguments import Arguments, intermediaries, noun_arguments, verb_arguments
from .lexicon import Lexicon, TriggerRule
from .modality import GOVERNED_DEPS, Modality, assess

CODER_NAME = "tidings.events.rules"
CODER_VERSION = "0.1.0"
# Types whose clausal complement is the content of the act, not a second event.
SPEECH_ACT_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT", "AGREE"})
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
SYMMETRIC_LEMMAS = frozenset({"clash", "fight", "fighting", "skirmish", "exchange", "sign"})
CROWD_NOUNS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens",
                         "crowd", "crowds", "million", "millions", "group", "band"})
# Types whose location hit can stand as the target ("hit targets in Afghanistan")
HITTING = frozenset({"ASSAULT", "COERCE"})
VOW_LEMMAS = frozenset({"vow", "pledge", "promise", "swear"})
# A stated intent to act ("will provide aid", "would blockade Paris") is itself the event:
# PLOVER codes a pledge of material cooperation as AGREE and one of force as THREATEN.
# "will not accept", "would not recognise": a refused act of cooperation is a REJECT event
REFUSABLE = frozenset({"AGREE", "SUPPORT", "CONCEDE", "CONSULT", "COOPERATE", "AID", "RETREAT"})
PLEDGED_AS_AGREE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE"})
PLEDGED_AS_THREAT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr", "conj", "ROOT"})
FAILURE_SUBJECTS = frozenset({"effort", "attempt", "bid", "initiative", "mediation", "talk",
                              "push", "endeavour", "endeavor", "plan"})


class ActorIndex:
    """Find the actor mention covering a token (document offsets)."""

    def __init__(self, actors: tuple[Actor, ...], offset: int) -> None:
        self.actors = sorted(actors, key=lambda a: (a.start, -a.end))
        self.starts = [a.start for a in self.actors]
        self.offset = offset

    def narrow(self, tok: Any) -> Actor | None:
        """The smallest actor mention covering the token ("British" in "U.S. and British
        warplanes"), for coordinated modifiers."""
        pos = self.offset + tok.idx
        covering = [a for a in self.actors if a.start <= pos < a.end]
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
        for prep in tok.children:  # "fighters from the JNIM group"
            if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in ("ORG", "NORP", "GPE"):
                        return self(obj)
        return None


def _pos(tok: Any) -> tuple[str, ...]:
    if tok.pos_ == "VERB":
        return ("V", "N") if tok.dep_ in NOUN_DEPS - {"ROOT"} else ("V",)
    if tok.pos_ in ("NOUN", "PROPN"):
        return ("N",)
    return ()


def _satisfied(rule: TriggerRule, tok: Any) -> bool:
    for kind, words in rule.needs:
        if kind == "prt":
            ok = any(c.dep_ == "prt" and c.lower_ in words for c in tok.children)
        elif kind == "prep":
            ok = any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in words
                     for c in tok.children)
        elif kind == "mod":
            ok = any(c.dep_ in ("amod", "compound", "nmod", "npadvmod") and
                     (c.lemma_.lower() in words or c.lower_ in words) for c in tok.children)
        else:
            ok = any(o.lemma_.lower() in words for o in _objects(tok))
        if not ok:
            return False
    return True


def _objects(tok: Any) -> Iterator[Any]:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            yield c
            yield from (cc for cc in c.children if cc.dep_ == "conj")
            for of in (cc for cc in c.children if cc.dep_ == "prep" and cc.lower_ == "of"):
                yield from (o for o in of.children if o.dep_ == "pobj")  # "tons of aid"
        elif c.dep_ in ("prep", "prt"):
            yield from (cc for cc in c.children if cc.dep_ == "pobj")
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


def _violent_cause(tok: Any, lex: Lexicon) -> bool:
    """'killed in a car bombing', 'a roadside bomb killed': an attack with no named author."""
    for c in tok.children:
        heads = [c] if c.dep_ in ("nsubj", "nsubjpass") else [
            o for o in c.children if o.dep_ == "pobj"] if c.dep_ in ("prep", "agent") else []
        for head in heads:
            if head.lemma_.lower() in lex.cue("violence") or (
                    (rule := match_trigger(head, lex)) is not None and rule.event_type == "ASSAULT"):
                return True
    return False


def _order_of_force(tok: Any, lex: Lexicon) -> bool:
    """'ordered the deployment of troops': the order is coded as the deployment itself."""
    if tok.lemma_.lower() not in lex.cue("command"):
        return False
    for child in (c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp", "oprd")):
        rule = match_trigger(child, lex)
        if rule is not None and rule.event_type in PLEDGED_AS_THREAT:
            return True
    return False


def _not_an_event(tok: Any, lex: Lexicon) -> bool:
    """Triggers that name no event: a halted or prevented act ("pauses in fighting",
    "halted aid"), a refusal to comment, a photo credit."""
    if tok.sent.text.lstrip().startswith(("(Photo", "(Picture", "(Image")):
        return True
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
                c.dep_ == "dobj" and c.lemma_.lower() in lex.cue("halt") for c in gov.children):
            return True  # "announced pauses in fighting" (the parser hangs 'in' on the verb)
    if tok.lemma_.lower() == "fight" and any(c.dep_ == "dobj" for c in tok.children) and not any(
            c.dep_ == "dobj" and c.ent_type_ for c in tok.children):
        return True  # "fight the tariffs", "fight corruption": not combat
    head = tok.head
    if tok.dep_ in ("advcl", "xcomp", "acl") and head.i != tok.i:
        outer = match_trigger(head, lex)
        rule = match_trigger(tok, lex)
        if outer is not None and rule is not None and outer.event_type == rule.event_type:
            return True  # "met ... to discuss the war": one meeting
    return False


def _is_speech_content(tok: Any, lex: Lexicon) -> bool:
    """True when a governing word is itself a speech-act trigger ("urged X to attack")."""
    steps = 0
    while (tok.dep_ in GOVERNED_DEPS | {"ccomp"}) and tok.head.i != tok.i and steps < 5:
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


@dataclass
class _Found:
    event: Event
    modality: Modality
    sentence: int


MAX_PER_TRIGGER = 4


def _vows_force(tok: Any, lex: Lexicon) -> bool:
    """'vowed to retaliate', 'vowed to continue attacks': a vow of force is a threat."""
    for comp in (c for c in tok.children if c.dep_ in ("xcomp", "dobj", "ccomp")):
        for t in comp.subtree:
            rule = match_trigger(t, lex)
            if t.lemma_.lower() in lex.cue("force") or (
                    rule is not None and rule.event_type in PLEDGED_AS_THREAT):
                return True
    return False


def _civilian(rule: TriggerRule, tok: Any) -> TriggerRule:
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


def _as_intent(rule: TriggerRule, tok: Any, lex: Lexicon) -> TriggerRule:
    """'X will provide aid' is a pledge (AGREE); 'X will boycott unless...' a threat."""
    verb = tok
    if tok.pos_ != "VERB":  # "will provide aid": the noun's verb carries the modal
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok.head
        verb = verb.head if verb.dep_ == "dobj" else verb
        if tok.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB":
            return rule
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in
                verb.children) or (verb.dep_ == "xcomp" and
                                   verb.head.lemma_.lower() in lex.cue("ready"))
    if not modal:
        return rule
    condition = _condition(verb)
    if condition == "unless" and rule.event_type in PLEDGED_AS_AGREE | PLEDGED_AS_THREAT:
        return replace(rule, event_type="THREATEN", mode=None, cameo="130")
    if rule.event_type in PLEDGED_AS_AGREE:
        return replace(rule, event_type="AGREE", mode=None, cameo="030")
    if rule.event_type in PLEDGED_AS_THREAT and condition is not None:
        return replace(rule, event_type="THREATEN", mode=None, cameo="130")
    return rule


def _condition(tok: Any) -> str | None:
    """'unless' or 'if' when the act depends on a condition ('will boycott unless...')."""
    for clause in tok.children:
        if clause.dep_ == "advcl":
            for m in clause.children:
                if m.dep_ == "mark" and m.lower_ in ("unless", "if"):
                    return str(m.lower_)
    return None


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


def code_section(doc: Document, parse: Any, lex: Lexicon, coder: Coder,
                 sentence_index: dict[int, int], topic: list[Actor | None]) -> list[_Found]:
    actor_at = ActorIndex(doc.actors, parse.offset)
    section = doc.sections[parse.section].label
    found: list[_Found] = []
    for sent in parse.doc.sents:
        start = parse.offset + sent.start_char
        index = sentence_index.get(start, -1)
        _mark_failures(sent, found, index)
        fragment = not _has_subject(sent)
        for tok in sent:
            rule = match_trigger(tok, lex)
            if rule is None or _is_speech_content(tok, lex) or _not_an_event(tok, lex) or \
                    _order_of_force(tok, lex):
                continue
            preps = lex.target_preps.get(rule.event_type, frozenset())
            symmetric = (rule.event_type in SYMMETRIC_TYPES or tok.lemma_.lower() in
                         SYMMETRIC_LEMMAS) and rule.mode != "third-party"  # mediators: one each
            args = (verb_arguments(tok, preps, actor_at, symmetric,
                                   rule.event_type == "REQUEST", rule.event_type in HITTING,
                                   rule.event_type == "MOBILIZE")
                    if tok.pos_ in ("VERB", "AUX") and rule.pos == "V"
                    else noun_arguments(tok, preps, actor_at, lex.cue("light"), symmetric))
            if args.source is not None and args.source.kind == "place":
                args.source = None  # a town does not act; "Tbilisi protesters" are protesters
            if args.source is None and fragment and topic[0] is not None and _main_chain(tok):
                args.source, args.borrowed = topic[0], True
            if args.target is None and rule.mode == "third-party":
                args.target = _mediated(tok, args, actor_at)
            if args.target is not None and args.source is not None and \
                    _same_actor(args.source, args.target):
                args.target = None  # "the factions ... their operation": not a target
            modality = assess(tok, lex)
            if modality.negated_here and rule.event_type in REFUSABLE:
                rule = replace(rule, event_type="REJECT", mode=None, cameo="120")
                modality.negated = False  # "will not accept refugees" is a refusal
            if modality.negated or (args.source is None and args.target is None):
                continue
            if args.source is None and tok.lemma_.lower() in lex.cue("casualty") and \
                    not _violent_cause(tok, lex):
                continue  # "two soldiers were killed": a casualty tally, not a coded event
            rule = _as_intent(rule, tok, lex)
            if rule.event_type == "AGREE" and tok.lemma_.lower() in VOW_LEMMAS and \
                    _vows_force(tok, lex):
                rule = replace(rule, event_type="THREATEN", mode=None, cameo="130")
            if args.source is not None and args.source.sector in ("CVL", "OPP"):
                rule = _civilian(rule, tok)
            elif rule.mode == "crowd":
                continue  # "gathered", "converged": a protest only when civilians gather
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
    others = args.others + intermediaries(tok, ActorIndex(doc.actors, parse.offset))
    return Event(
        id="", event_type=rule.event_type, mode=rule.mode, cameo=rule.cameo,
        quad_class=lex.quad[rule.event_type], intensity=lex.intensity(rule.event_type, rule.mode),
        source=args.source, target=args.target, others=others,
        certainty=modality.certainty(reported=False), modality=modality.flags(),
        evidence=Evidence(text, start, start + len(text), section, trigger, tok.lemma_.lower(),
                          "NOUN" if rule.pos == "N" else "VERB"), coder=coder)


def code_events(doc: Document, lex: Lexicon) -> tuple[Event, ...]:
    """All events of a document, in text order, before linking and deduplication."""
    coder = Coder(CODER_NAME, CODER_VERSION, lex.version)
    sentence_index = {s.start: i for i, s in enumerate(doc.sentences)}
    topic: list[Actor | None] = [None]
    found: list[_Found] = []
    for parse in doc.parses:
        found.extend(code_section(doc, parse, lex, coder, _sentence_starts(parse, sentence_index),
                                  topic))
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
