"""Resolve mentions in the parsed sections to political actors.

Named entities go through the knowledge base (by the article's date, so Assad is Syria's
government until December 2024); capitals and seats stand for their government
(metonymy); unknown people take country and sector from their title words ("Syrian
Foreign Minister X"); generic descriptions ("rebels", "Syrian authorities") take their
sector from the generic-noun table and their country from a modifier, else from the
document; pronouns and short names link back to an earlier actor in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..model import Actor, Document
from .kb import KBEntry, KnowledgeBase
from .clues import (
    ALL_SIDES, FORCE_SECTORS, GAZETTEER, MANY_STATES, NAMED, SIDES, WEAPON_NOUNS, big_town, leader_country, main_country,
    names_a_place, qualifying_country, residence, sentence_country, supranational, title_info,
    vessel_country,
)

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
# Modifier dependencies that carry an actor's nationality or title inside its noun phrase.
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


@dataclass
class _Context:
    """Per-document state for linking back: the last actors of each kind seen."""

    on: date | None
    main_country: str | None
    people: list[Actor] = field(default_factory=list)
    groups: list[Actor] = field(default_factory=list)
    things: list[Actor] = field(default_factory=list)
    # Country of the place the previous sentence of the same paragraph is set in ("In
    # Yerevan, thousands gathered ... Police detained dozens"): where its generics are
    recent: str | None = None

    def new_sentence(self, tok: Any, kb: KnowledgeBase) -> None:
        if tok.i == 0:
            self.recent = None
            return
        last = tok.doc[tok.i - 1].sent
        gap = tok.doc.text[last.end_char:tok.idx]
        self.recent = None if "\n" in last.text_with_ws + gap else sentence_country(last[0], kb)

    def remember(self, actor: Actor, kind: str) -> None:
        {"person": self.people, "group": self.groups}.get(kind, self.things).append(actor)


def _actor(text: str, start: int, entry: KBEntry | None, kind: str, **over: Any) -> Actor:
    fields = {"name": None, "country": None, "sector": None, "wikidata": None}
    if entry is not None:
        fields.update(name=entry.name, country=entry.country, sector=entry.sector,
                      wikidata=entry.wikidata)
        if entry.kind in ("country", "capital", "seat") and entry.sector is None:
            fields["sector"] = "GOV"  # a country acting is its government
    fields.update(over)
    return Actor(text=text, start=start, end=start + len(text), kind=kind, **fields)


def _modifiers(root: Any) -> list[Any]:
    return [t for t in root.subtree if t.i < root.i and t.dep_ in MODIFIER_DEPS | {"case"}]


def resolve_entity(ent: Any, offset: int, kb: KnowledgeBase, ctx: _Context,
                   gazetteer: Any = None) -> Actor | None:
    text = ent.text.strip(" \"'“”‘’")
    if text.count("(") > text.count(")"):
        text = text[:text.rindex("(")].rstrip()  # "Umma (Nation": the name before the gloss
    start = offset + ent.start_char + ent.text.find(text)
    entry = kb.lookup(text, ctx.on)
    if entry is None and ent.label_ == "PERSON":
        entry = _short_name(text, ctx)
    if entry is not None and entry.kind == "adjective" and ent.root.tag_ == "NNPS":
        # "Georgians marched": a people named by its demonym are its citizens; an ethnic
        # group living elsewhere belongs where it lives ("ethnic Albanians in Serbia",
        # "the Albanians of southern Serbia", "Bosnian Serbs")
        home = residence(ent.root, kb)
        return _actor(text, start, entry, "people", sector="CVL",
                      **({"country": home} if home else {}))
    if entry is not None and entry.kind == "media" and _name_goes_on(ent):
        return None  # "the National Penitentiary" is no newspaper "The National"
    if entry is not None:
        kind = "person" if entry.kind == "person" else entry.kind
        if entry.country is None and entry.sector in ("OPP", "POL"):
            return _actor(text, start, entry, kind, country=ctx.main_country)
        return _actor(text, start, entry, kind)
    vessel = vessel_country(text)
    if vessel is not None:  # "USS Harry S. Truman": a navy ship
        return _actor(text, start, None, "named", name=text, country=vessel, sector="MIL")
    if ent.label_ in ("GPE", "LOC", "FAC", "NORP") and gazetteer is not None:
        qualifier = qualifying_country(ent.root, kb)  # "Zapotillo, Ecuador": that country's
        within = qualifier or ctx.main_country
        place = gazetteer.resolve(text, [within] if within else [])
        if qualifier and (place is None or place.country != qualifier):
            return _actor(text, start, None, "place", name=text, country=qualifier)
        if place is not None:  # a city or region acted on: "attacks on Aleppo"
            return _actor(text, start, None, "place", name=place.name, country=place.country)
    if ent.label_ not in ("PERSON", "ORG", "NORP", "FAC"):
        return None
    outside = [t for t in ent.root.head.children if t.i < ent.start and t.dep_ in MODIFIER_DEPS]
    country, sector = title_info(list(ent)[:-1] + outside + _modifiers(ent.root), kb)
    if sector is None and ent.label_ == "ORG" and ent.root.dep_ in ("compound", "nmod"):
        # "the Umma (Nation) party": the noun the name qualifies says what it is
        sector = kb.generic_sector(ent.root.head.lemma_.lower())
    if ent.label_ == "NORP" and country is None:
        # an ethnic or religious group the tables do not know ("Yoruba", "Druze") belongs
        # to the country the story is about
        country = kb.adjective(text) or (_local_country(ent.root, kb, ctx)
                                         if text not in supranational() else None)
    kind = "person" if ent.label_ == "PERSON" else "named"
    if country is None and gazetteer is not None and ent.label_ in ("ORG", "PERSON"):
        place = gazetteer.resolve(text, [ctx.main_country] if ctx.main_country else [])
        if place is not None and place.precision == "city" and (
                ent.label_ == "ORG" or " " not in text and big_town(gazetteer, text)):
            # "captured Goma": the small model often tags a lone town name as a person
            return _actor(text, start, None, "place", name=place.name, country=place.country)
    if country is None and (sector is not None or ent.label_ in ("FAC", "LOC", "ORG", "PERSON")):
        # "Prime Minister Milos Vucevic": a domestic office; "the Homeland Union": an
        # organisation the tables do not know is most likely a domestic one, of the
        # country where its sentence happens if it names one ("militias ... near Uvira")
        country = _local_country(ent.root, kb, ctx) if ent.label_ == "ORG" else ctx.main_country
    return _actor(text, start, None, kind, name=text, country=country, sector=sector)


def _name_goes_on(ent: Any) -> bool:
    """Whether a capitalised word continues the name right after the entity."""
    if ent.end >= len(ent.doc) or ent.doc[ent.end - 1].whitespace_ != " ":
        return False
    after = ent.doc[ent.end]
    return after.pos_ == "PROPN" and after.text[:1].isupper()


def _local_country(tok: Any, kb: KnowledgeBase, ctx: _Context) -> str | None:
    """Where a group the tables do not know most likely belongs: the country its sentence
    happens in, else the story's."""
    return sentence_country(tok, kb) or ctx.main_country


def _surname(tok: Any, offset: int, ctx: _Context) -> Actor | None:
    """A lone capitalised word that is the surname of a person named earlier."""
    if tok.dep_ == "compound" or not tok.text[:1].isupper():
        return None
    person = _named_before(tok.text, ctx)
    if person is None or person.kind != "person":
        return None
    return replace(person, text=tok.text, start=offset + tok.idx,
                   end=offset + tok.idx + len(tok.text))


def _short_name(text: str, ctx: _Context) -> KBEntry | None:
    """'Al-Shaer' after 'Rami Al-Shaer': link a surname back to the full name."""
    person = _named_before(text, ctx)
    if person is None:
        return None
    return KBEntry(person.name, person.country, person.sector, person.wikidata, "person")


def _named_before(text: str, ctx: _Context) -> Actor | None:
    """The last person named earlier whose surname ends ``text``, under another name."""
    last = text.split()[-1].lower()
    for person in reversed(ctx.people):
        # the name as written counts too ("Riek Machar", known as "Riek Machar Teny Dhurgon")
        if person.name and last in (person.name.split()[-1].lower(), person.text.split()[-1].lower()) \
                and person.name != text:
            return person
    return None


def _the_sides(tok: Any, offset: int, kb: KnowledgeBase, ctx: _Context) -> Actor | None:
    mods = [c for c in tok.children if c.i < tok.i]
    if tok.lemma_.lower() not in SIDES or tok.tag_ != "NNS" or \
            not any(c.lower_ in ALL_SIDES for c in mods):
        return None
    first = min([tok, *mods], key=lambda t: t.i)
    text = tok.doc.text[first.idx: tok.idx + len(tok.text)]
    # guide §7: "both sides" stands for several countries at once, so it has none, unless
    # they are all of one country ("all sides in Myanmar")
    country = residence(tok, kb, ethnic=False)
    return _actor(text, offset + first.idx, None, "generic", name=text, country=country)


def resolve_generic(tok: Any, offset: int, kb: KnowledgeBase, ctx: _Context,
                    prior: dict[int, Actor] | None = None) -> Actor | None:
    """A generic description: 'Syrian authorities', 'opposition factions', 'the army'."""
    sides = _the_sides(tok, offset, kb, ctx)
    if sides is not None:
        return sides
    sector = kb.generic_sector(tok.lemma_.lower()) or kb.generic_sector(tok.text.lower())
    if sector is None:
        amods = [c.text.lower() for c in tok.children if c.dep_ in ("amod", "compound")]
        sector = kb.generic_sector(" ".join(amods + [tok.text.lower()])) if amods else None
    if sector is None:
        # "the group" after "the ELN guerrilla group": the last organisation named
        return _group_antecedent(tok, offset, ctx)  # "groups" alone is no actor
    if tok.dep_ in ("compound", "amod") and kb.generic_sector(tok.head.lemma_.lower()):
        return None  # "opposition" in "opposition factions": the head noun speaks
    if tok.dep_ == "compound" and tok.head.tag_ == "NN" and tok.head.lower_.endswith("ing"):
        return None  # "intelligence sharing", "police training": an activity, not an actor
    known = _known_phrase(tok, list(tok.children), kb)
    if tok.head.ent_type_ == "PERSON" or not known and any(
            c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound") for c in tok.children):
        return None  # a title next to a name: "President Vladimir Putin" is Putin
    for prep in tok.children:  # "fighters from the JNIM group": the named group acts
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of") and any(
                o.ent_type_ in ("ORG", "NORP") and not names_a_place(o.head)
                for o in prep.subtree):
            return None
    mods = [t for t in tok.children if t.dep_ in MODIFIER_DEPS and t.i < tok.i]
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "Egyptian intelligence agencies": the head's nationality is the compound's too
        # "the M23 rebel group": a name beside it speaks for the phrase
        mods += [t for t in tok.head.children if t.i < tok.i and (
            t.dep_ in ("amod", "poss") or t.dep_ == "compound" and t.ent_type_ in NAMED)]
    country, mod_sector = title_info(mods, kb)
    if country is None and sector in FORCE_SECTORS:
        country = leader_country(mods, kb)
    for mod in mods:  # "its troops": the pronoun's antecedent owns them
        owner = _relative_antecedent(mod) if mod.tag_ == "WP$" else mod
        if (mod.pos_ == "PRON" or owner is not mod) and prior and owner.i in prior and \
                prior[owner.i].country:
            country = country or prior[owner.i].country
    if any(t.ent_type_ for t in mods) and country is None and not known:
        return None  # "Hezbollah fighters": the named entity speaks for the phrase
    first = min([tok] + [t for m in mods for t in m.subtree], key=lambda t: t.i)
    start = offset + first.idx
    text = tok.doc.text[first.idx: tok.idx + len(tok.text)]
    sector = kb.generic_sector(text) or sector  # "protest leaders", "opposition factions"
    country = country or residence(tok, kb, ethnic=False) or _antecedent_country(tok, ctx)
    if country is None and tok.tag_ == "NNS" and tok.lemma_.lower() in MANY_STATES:
        return _actor(text, start, None, "generic", name=text, country=None, sector=sector or mod_sector)
    if country is None and (tok.lemma_.lower() not in WEAPON_NOUNS or mod_sector is not None):
        # a drone or a jet is not from where it strikes ("military jets" are the army's)
        country = sentence_country(tok, kb) or ctx.recent or ctx.main_country
    return _actor(text, start, None, "generic", name=text, country=country,
                  sector=sector or mod_sector)


def _known_phrase(tok: Any, mods: list[Any], kb: KnowledgeBase) -> bool:
    """'riot police': the whole phrase is a generic description, whatever the NER made of
    its first word."""
    before = [m for m in mods if m.i == tok.i - 1]
    return bool(before) and kb.is_generic_phrase(f"{before[0].text} {tok.text}")


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _antecedent_country(tok: Any, ctx: _Context) -> str | None:
    """'the army' after 'Sudan's army': a definite description refers back to the last
    actor named with the same noun, and has its country (not the dateline's)."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children):
        return None
    words = {tok.lower_, tok.lemma_.lower()}
    earlier = [a for a in ctx.groups + ctx.things if a.kind == "generic" and a.country]
    for actor in sorted(earlier, key=lambda a: a.start, reverse=True):
        if actor.text.split()[-1].lower() in words:
            return actor.country
    return None


def _relative_antecedent(tok: Any) -> Any:
    """The noun a relative word refers to: "Uganda" for "whose" in "Uganda, whose special
    forces deployed ..." (the token itself when it is not in a relative clause)."""
    clause = tok
    for _ in range(4):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return tok


GROUP_NOUNS = frozenset({"group", "movement", "militia", "organisation", "organization",
                         "faction", "alliance", "coalition"})


def _group_antecedent(tok: Any, offset: int, ctx: _Context) -> Actor | None:
    """'the group', 'the movement' with nothing else before it: the last organisation
    named (not a country, a medium or an intergovernmental body)."""
    if tok.lemma_.lower() not in GROUP_NOUNS or tok.tag_ != "NN" or \
            [c.lower_ for c in tok.children if c.i < tok.i] != ["the"]:
        return None
    named = [a for a in ctx.groups + ctx.things if a.kind in ("group", "org", "named")
             and a.sector not in ("MED", "IGO")]
    if not named:
        return None
    known = [a for a in named if a.kind != "named"]  # a listed group before a guess
    ref = max(known or named, key=lambda a: a.start)
    return _referring_to(ref, tok, offset)


def _speaker_antecedent(tok: Any, offset: int, actors: list[Actor]) -> Actor | None:
    """'The Houthis said they had fired...': a pronoun subject of a reported clause is
    usually the speaker."""
    verb = tok.head
    if tok.dep_ == "poss" and verb.dep_ in ("nsubj", "nsubjpass"):
        verb = verb.head  # "said its drones had hit": 'its' is the speaker's
    elif tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if verb.dep_ != "ccomp":
        return None
    speech = verb.head
    subj = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    for tok2 in _speaker_tokens(subj):
        pos = offset + tok2.idx
        found = next((a for a in reversed(actors) if a.start <= pos < a.end), None)
        if found is not None:
            return found  # "Ukraine's SBU security service said its drones..."
    return None


def _speaker_tokens(subj: Any) -> list[Any]:
    """The subject and the words in it that may carry the actor: "Ukraine's SBU", "the Umma
    (Nation) party", "a group of Yoruba leaders"."""
    out = [subj] + [c for c in subj.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            out += [obj] + [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
    return out


def resolve_pronoun(tok: Any, offset: int, ctx: _Context,
                    actors: list[Actor] | None = None) -> Actor | None:
    word = tok.text.lower()
    speaker = _speaker_antecedent(tok, offset, actors or []) if word not in (
        "i", "we", "you") else None
    if speaker is not None and word in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        return _referring_to(speaker, tok, offset)
    pool = (ctx.people if word in PERSON_PRONOUNS else ctx.groups if word in GROUP_PRONOUNS
            else ctx.things if word in THING_PRONOUNS else None)
    if not pool:
        return None
    ref = pool[-1]
    return _referring_to(ref, tok, offset)


def _referring_to(ref: Actor, tok: Any, offset: int) -> Actor:
    """A mention at ``tok`` ("they", "the group") that stands for the earlier actor ``ref``."""
    return Actor(text=tok.text, start=offset + tok.idx, end=offset + tok.idx + len(tok.text),
                 name=ref.name, country=ref.country, sector=ref.sector,
                 wikidata=ref.wikidata, kind="pronoun")


def _pool_kind(actor: Actor, tok: Any) -> str:
    if actor.kind == "person" or tok.ent_type_ == "PERSON":
        return "person"
    if actor.kind == "generic" and tok.tag_ in ("NNS", "NNPS"):
        return "group"
    return "thing"


def resolve_actors(doc: Document, kb: KnowledgeBase, gazetteer: Any = None) -> tuple[Actor, ...]:
    """Every actor mention in the parsed sections, in document order."""
    on = doc.published.date() if doc.published else None
    if gazetteer is not None and not GAZETTEER:
        GAZETTEER.append(gazetteer)
    ctx = _Context(on=on, main_country=main_country(doc, kb))
    actors: list[Actor] = []
    for parse in doc.parses:
        prior: dict[int, Actor] = {}
        ents = {ent.root.i: ent for ent in parse.doc.ents if ent.label_ in ACTOR_LABELS}
        for tok in parse.doc:
            if tok.is_sent_start:
                ctx.new_sentence(tok, kb)
            if tok.i in ents:
                actor = resolve_entity(ents[tok.i], parse.offset, kb, ctx, gazetteer)
            elif tok.ent_type_:
                continue
            elif tok.pos_ == "PRON":
                actor = resolve_pronoun(tok, parse.offset, ctx, actors)
            elif tok.pos_ == "PROPN" and (named := _surname(tok, parse.offset, ctx)):
                actor = named  # "accused Machar" after "Riek Machar", missed by the model
            elif tok.pos_ in ("NOUN", "PROPN") or tok.pos_ == "ADJ" and tok.dep_ == "amod" \
                    and kb.generic_sector(tok.lower_) == "REB":
                # "separatist positions", "militant hideouts": the armed group is meant
                actor = resolve_generic(tok, parse.offset, kb, ctx, prior)
            else:
                actor = None
            if actor is not None:
                prior[tok.i] = actor
                actors.append(actor)
                if actor.kind != "pronoun":
                    ctx.remember(actor, _pool_kind(actor, tok))
    return tuple(actors)
