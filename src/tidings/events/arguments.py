"""Who did it and to whom: source and target of a trigger from the dependency parse.

Verbs: the subject is the source and the object the target; in the passive the "by"
agent is the source and the subject the target. A verb with no subject borrows one
from the verb it hangs on (xcomp with object control: "urged Assad to act" makes Assad
act; advcl and conj share the head's subject; a relative clause's subject is the noun it
modifies). Nouns: a possessive, a nationality adjective or a compound ("Israeli strikes",
"Russia's mediation"), a "by" phrase, "between X and Y"; else the subject of the light
verb that governs them ("launched an offensive"). Targets come from the object or from
type-specific prepositions (roles.tsv).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dataclasses import replace

from ..model import Actor

ActorAt = Callable[[Any], Actor | None]
SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
NOUN_SOURCE_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "ccomp"})
CONTENT_PREPS = frozenset({"to", "for", "on", "against", "with"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
# Verbs whose object does what the infinitive says ("urged Assad to act"); after other
# verbs the infinitive is the subject's purpose ("summoned the envoy to demand an answer").
OBJECT_CONTROL = frozenset({
    "ask", "urge", "tell", "order", "persuade", "force", "compel", "encourage", "invite",
    "allow", "permit", "help", "press", "pressure", "call", "warn", "advise", "instruct",
    "require", "push", "lead", "convince", "enable", "authorize", "authorise", "expect",
    "want", "need", "beg", "implore", "appeal", "direct", "command", "oblige", "prompt",
    "inspire", "get", "cause", "drive", "provoke", "trigger", "spur", "leave", "let", "make",
    "train", "pay", "hire", "recruit", "mobilize", "mobilise", "choose", "elect", "appoint",
})
QUANTITY_NOUNS = frozenset({"hundred", "dozen", "thousand", "series", "wave", "number", "spate",
                            "string", "round", "barrage", "volley", "couple", "flurry", "salvo",
                            "day", "week", "month", "hour"})  # "10 days of war games"
NOUN_CLIMB_PREPS = frozenset({"in", "for", "into", "with", "on"})
WEAPONS = frozenset({"drone", "missile", "rocket", "shell", "bomb", "jet", "warplane", "mortar",
                     "artillery", "munition", "projectile", "round", "grenade", "torpedo"})


@dataclass
class Arguments:
    source: Actor | None = None
    target: Actor | None = None
    others: tuple[Actor, ...] = ()
    borrowed: bool = False  # source taken from the previous sentence's topic


# Participles that state a stance rather than a passive act: in "Israel is opposed to the
# plan" Israel opposes (no one opposed Israel).
STANCE_PARTICIPLES = frozenset({"oppose"})


def _is_passive(verb: Any) -> bool:
    if verb.lemma_.lower() in STANCE_PARTICIPLES and not any(
            c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _child(tok: Any, deps: frozenset[str] | set[str]) -> Any | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(prep: Any) -> Any | None:
    return _child(prep, {"pobj", "pcomp"})


def prep_objects(tok: Any, preps: frozenset[str]) -> list[Any]:
    found = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            obj = _pobj(c)
            if obj is not None:
                found.append(obj)
    return found


def _with_conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
    return out


def _subjects(verb: Any) -> list[Any]:
    """The verb's subject, plus any further subject the parser hung on the same verb
    after a coordinator ("Tshisekedi and Kagame would meet" parsed as two subjects)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    first = subjects[:1]
    for later in subjects[1:]:
        between = verb.doc[first[-1].i + 1:later.i]
        if any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in between):
            first.append(later)
    return first


def _phrase_conjuncts(tok: Any, actor_at: ActorAt) -> list[Any]:
    """Conjuncts hung inside the name of the actor at ``tok``: in "the Organization of
    American States and Brazil's government" the parser joins "government" to "States"."""
    actor = actor_at(tok)
    if actor is None:
        return []
    # "the foreign ministers of Congo and Rwanda": the owner's conjunct is a second side
    owners = {o.i for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj"}
    return [c for t in tok.subtree if t.i != tok.i and t.head.i != t.i
            and (t.i in owners or actor_at(t) == actor)
            for c in t.children if c.dep_ == "conj" and actor_at(c) != actor]


def actors_of(heads: list[Any], actor_at: ActorAt) -> list[Actor]:
    found: list[Actor] = []
    for head in heads:
        for tok in _with_conjuncts(head) + _phrase_conjuncts(head, actor_at):
            extra = [c2 for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                     for c2 in _with_conjuncts(c)[1:]]  # "Russian and Ukrainian delegations"
            base = actor_at(tok)
            for one in [tok] + extra:
                narrow = getattr(actor_at, "narrow", None)
                actor = narrow(one) if one is not tok and narrow is not None else actor_at(one)
                if actor is not None and one is not tok and base is not None and \
                        base.kind == "generic" and actor.kind == "adjective":
                    actor = replace(actor, sector=base.sector)  # "Ukrainian delegations"
                if actor is not None and all(a.start != actor.start for a in found):
                    found.append(actor)
    return found


def _standing_for(word: Any, verb: Any) -> Any:
    """The noun a relative word ("which", "who") stands for when it is the subject of the
    relative clause ``verb``; else the word itself."""
    return verb.head if word.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else word


def verb_subject(verb: Any, actor_at: ActorAt, depth: int = 0) -> Actor | None:
    """The actor doing `verb`, climbing to governing verbs when it has no subject."""
    if _is_passive(verb) or _child(verb, {"agent"}) is not None:
        agent = _child(verb, {"agent"})
        obj = _pobj(agent) if agent is not None else None
        return actor_at(obj) if obj is not None else None
    subj = _child(verb, SUBJ)
    if subj is not None:
        return actor_at(_standing_for(subj, verb))  # "the militia, which overran": the militia
    if depth > 4 or verb.dep_ not in CLIMB_DEPS | {"relcl", "acomp"}:
        return None
    head = verb.head
    if verb.dep_ == "relcl":
        return actor_at(head)
    if verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ") and head.tag_ == "VB" and \
            head.dep_ == "xcomp" and head.head.i != head.i:
        # "ordered the envoy to leave and recalled its diplomat": a finite verb is not
        # coordinated with the infinitive the parser hung it on, but with its governor
        return verb_subject(head.head, actor_at, depth + 1)
    if verb.dep_ == "acomp":  # "Hungary is opposed to ...": the copula's subject
        return verb_subject(head, actor_at, depth + 1) if head.pos_ == "AUX" else None
    if verb.dep_ == "xcomp":
        obj = _child(head, {"dobj"})
        if obj is not None and actor_at(obj) is not None and \
                head.lemma_.lower() in OBJECT_CONTROL:
            return actor_at(obj)  # object control: "urged Assad to act"
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
            return verb_subject(head.head, actor_at, depth + 1)  # "were determined to launch"
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
        return verb_subject(head.head, actor_at, depth + 1)  # "responded by expelling"
    if verb.dep_ in ("acl", "pcomp") and head.pos_ in ("NOUN", "PROPN"):
        gov = head.head if head.dep_ in ("dobj", "pobj", "attr", "nsubj") else None
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            return verb_subject(gov, actor_at, depth + 1)
        return actor_at(head) if head.dep_ != "pobj" else None
    if head.pos_ in ("VERB", "AUX"):
        return verb_subject(head, actor_at, depth + 1)
    if head.pos_ in ("ADJ", "NOUN") and head.dep_ in ("oprd", "acomp", "attr", "xcomp", "ccomp"):
        return verb_subject(head.head, actor_at, depth + 1)  # "called X treasonous and deployed"
    return None


def subject_token(verb: Any, depth: int = 0) -> Any | None:
    """The subject token of a verb, through xcomp and predicative adjectives ("delegations
    are due to hold talks"), so coordinated subjects can be expanded."""
    subj = _child(verb, SUBJ)
    if subj is not None or depth > 3:
        return subj
    head = verb.head
    if verb.dep_ in ("xcomp", "conj") and head.pos_ in ("VERB", "AUX") and \
            _child(head, {"dobj"}) is None:
        return subject_token(head, depth + 1)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
        return subject_token(head.head, depth + 1)
    return None


def verb_arguments(verb: Any, preps: frozenset[str], actor_at: ActorAt,
                   symmetric: bool = False, request: bool = False,
                   material: bool = False, deploying: bool = False) -> Arguments:
    """Source and target of a verb trigger. `deploying`: the object is what is sent (troops,
    warships), never the target."""
    if verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("xcomp", "oprd", "ccomp") and \
            _child(verb, SUBJ) is None and _child(verb.head, {"dobj"}) is not None:
        # "a court ordered Imamoglu jailed": the orderer acts on the object
        done_to = actors_of([_child(verb.head, {"dobj"})], actor_at)
        return _assemble([s for s in [verb_subject(verb.head, actor_at)] if s], done_to)
    source = verb_subject(verb, actor_at)
    objects: list[Any] = []
    if _is_passive(verb) and deploying:
        # "5,000 soldiers had been sent to the region": the force sent is no target, and
        # with no "by" agent it stands in for the sender
        targets = actors_of(prep_objects(verb, preps), actor_at)
        if source is None:
            source = next(iter(actors_of([c for c in verb.children if c.dep_ == "nsubjpass"],
                                       actor_at)), None)
    elif _is_passive(verb):
        # "Nijjar, who was shot dead": Nijjar was
        done_to = [_standing_for(c, verb) for c in verb.children if c.dep_ == "nsubjpass"]
        targets = actors_of(done_to, actor_at) or \
            actors_of(prep_objects(verb, preps), actor_at)  # "a stone was thrown at a school"
    else:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            objects.append(verb.head)  # "relief supplies sent by China": supplies were sent
        targets = _active_targets(verb, objects, preps, actor_at, material, deploying)
    if not targets:  # "agreed to provide aid for Romania": the content's recipient
        targets = _content_targets(verb, preps, actor_at, request)
    if any(o.lower_ in ("other", "another") and any(d.lower_ in ("each", "one")
                                                      for d in o.children) for o in objects):
        symmetric, targets = True, []  # "India and Pakistan accused each other"
    sources = _verb_sources(verb, source, actor_at)
    if symmetric and len(sources) > 1:
        targets = [sources.pop(1)]  # "Russia and Ukraine agreed to ...": the two sides
    if deploying and not sources:  # "deployed the military": the force deployed stands in
        sources = actors_of([c for c in verb.children if c.dep_ == "dobj"], actor_at)[:1]
    if not sources and not _is_passive(verb):  # "a ceasefire between Israel and Hamas took effect"
        subj = _child(verb, SUBJ)
        sides = actors_of(prep_objects(subj, frozenset({"between"})), actor_at) if subj is not None \
            else []
        if len(sides) > 1:
            sources, targets = sides[:1], sides[1:2]
    return _assemble(sources, targets, symmetric)


def _active_targets(verb: Any, objects: list[Any], preps: frozenset[str], actor_at: ActorAt,
                    material: bool, deploying: bool) -> list[Actor]:
    """The target of an active verb: its object, a target preposition's object, the place
    hit, or the recipient named on the object."""
    # "launched drones towards Israel": the weapon is not the target
    launched = verb.lemma_.lower() in ("launch", "fire")
    targets = [] if deploying else actors_of(
        [o for o in objects if not (launched and o.lemma_.lower() in WEAPONS)], actor_at)
    if not targets:
        targets = actors_of(prep_objects(verb, preps), actor_at)
    if not targets:  # "struck an energy facility in Kharkiv": the place is hit
        for obj in objects + prep_objects(verb, preps) + ([verb] if material else []):
            found = actors_of(prep_objects(obj, LOCATIVE), actor_at)
            targets = [a for a in found if a.kind in ("place", "country", "capital")][:1]
            if targets:
                return targets
    if not targets:
        for obj in (o2 for o in objects for o2 in _with_conjuncts(o)):
            # "provided aid to Ukraine", "launched drones and a missile at Ukraine"
            targets = actors_of(prep_objects(obj, preps), actor_at)
            if targets:
                break
    return targets


def _content_targets(verb: Any, preps: frozenset[str], actor_at: ActorAt,
                     request: bool) -> list[Actor]:
    """The target inside the verb's content clause ("agreed to provide aid for Romania",
    "demanded that Russia admit guilt")."""
    for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and
                 c.pos_ in ("VERB", "AUX")):
        if comp.dep_ == "ccomp" and request:
            subj = _child(comp, SUBJ)
            targets = actors_of([subj], actor_at) if subj is not None else []
        else:
            inner = verb_arguments(comp, preps | CONTENT_PREPS, actor_at)
            targets = [inner.target] if inner.target is not None else []
        if targets:
            return targets
    return []


def _verb_sources(verb: Any, source: Actor | None, actor_at: ActorAt) -> list[Actor]:
    """Every actor doing the verb: coordinated subjects, or every "by" agent ("mediated by
    Qatar and Turkey")."""
    sources = [source] if source else []
    if source is not None and not _is_passive(verb):
        subjects = _subjects(verb)
        if subjects:
            sources = actors_of(subjects, actor_at) or sources
    elif source is not None:
        agent = _child(verb, {"agent"})
        agents = actors_of([_pobj(agent)], actor_at) if agent is not None and _pobj(agent) is not None \
            else []
        sources = agents or sources
    return sources


def noun_arguments(noun: Any, preps: frozenset[str], actor_at: ActorAt,
                   light_verbs: frozenset[str] = frozenset(), symmetric: bool = False,
                   leaving: bool = False) -> Arguments:
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "mediation mission between X and Y": the phrase's head carries it
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in QUANTITY_NOUNS:
        head = noun.head.head  # "hundreds of air strikes": the quantity is the verb's object
    sources: list[Actor] = []
    for c in noun.children:
        if c.dep_ in NOUN_SOURCE_DEPS and c.i < noun.i:
            sources.extend(actors_of([c], actor_at))
    # "aid from China" is given by China, but "withdrawal from Lebanon" leaves Lebanon
    by = frozenset({"by"}) if leaving else frozenset({"by", "from"})
    sources.extend(actors_of(prep_objects(noun, by), actor_at))
    between = prep_objects(noun, frozenset({"between", "among"}))
    if between:
        sides = actors_of(between, actor_at)
        if sources:
            return _assemble(sources, sides, symmetric)
        return _assemble(sides[:1], sides[1:], symmetric)
    targets = actors_of(prep_objects(noun, preps), actor_at)
    gov = head.head
    if not targets and head.dep_ == "pobj" and gov.head.pos_ in ("VERB", "AUX"):
        # "responded with air strikes on positions ...": the parser hangs "on" on the verb
        targets = actors_of([o for p in gov.head.children if p.dep_ == "prep" and
                           p.lower_ in preps and p.i > noun.i
                           for o in p.children if o.dep_ == "pobj"], actor_at)
    if not sources and head.dep_ == "pobj" and gov.lower_ in NOUN_CLIMB_PREPS:
        gov = gov.head  # "killed Nasrallah in an air strike", "converging for a rally"
        if gov.pos_ in ("VERB", "AUX"):
            subject = verb_subject(gov, actor_at)
            sources = [subject] if subject else []
    if not sources and symmetric and targets:
        sources = _interaction_subject(noun, actor_at)  # "after talks with US officials"
    if not sources and head.dep_ in ("dobj", "attr", "nsubjpass"):
        # "launched an offensive": the light verb's subject acts
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in light_verbs:
            subject = verb_subject(gov, actor_at)
            sources = [subject] if subject else []
            subj = subject_token(gov)
            if subject is not None and subj is not None:
                sources = actors_of([subj], actor_at) or sources
    return _assemble(sources, targets, symmetric)


def _interaction_subject(noun: Any, actor_at: ActorAt) -> list[Actor]:
    """For talks, calls and meetings with a named counterpart: the governing clause's subject."""
    tok = noun
    for _ in range(6):
        if tok.head.i == tok.i:
            return []
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subject = verb_subject(tok, actor_at)
            return [subject] if subject is not None else []
    return []


def _assemble(sources: list[Actor], targets: list[Actor], symmetric: bool = False) -> Arguments:
    sources = [s for s in sources if s is not None]
    targets = [t for t in targets if all(t.start != s.start for s in sources)]
    if symmetric and not targets and len(sources) > 1:
        targets = [sources.pop(1)]  # "Israel and Lebanon renewed negotiations": two sides
    others = tuple(with_role(a, "co-actor") for a in sources[1:]) + tuple(
        with_role(a, "co-target") for a in targets[1:])
    return Arguments(sources[0] if sources else None, targets[0] if targets else None, others)


def with_role(actor: Actor, role: str) -> Actor:
    from dataclasses import replace

    return replace(actor, role=role)
