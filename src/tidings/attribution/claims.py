"""According to whom: speakers, their descriptions and relaying outlets, as claims.

A claim covers the part of a sentence a speaker vouches for: the clausal complement of a
speech verb ("X said Moscow had..."), the whole sentence after "according to X", or a
quotation however many sentences it spans (its speaker named where the quote opens or
closes: 'he stated'). Pronouns ("he continued") and short names ("Al-Shaer") take the
last speaker or the full name. An unattributed sentence between two claims of the same
speaker belongs to that speaker too. The publishing outlet is always the last link.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

from ..events.lexicon import Lexicon
from ..model import Actor, Attribution, Claim, Document

QUOTE_RE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]", re.S)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


def actor_overlapping(actors: tuple[Actor, ...], start: int, end: int,
                      generic: bool = False) -> Actor | None:
    """The longest actor mention overlapping [start, end); generic descriptions ("the
    army") only when ``generic``."""
    best = None
    for actor in actors:
        if actor.start < end and start < actor.end and (generic or actor.kind != "generic"):
            if best is None or actor.end - actor.start > best.end - best.start:
                best = actor
    return best


def _speaker(tok: Any, offset: int, doc: Document, last: Attribution | None) -> Attribution:
    """Who a speech verb's subject (or 'according to' object) names."""
    if tok.lower_ in PRONOUNS and last is not None:
        return Attribution(last.speaker, last.description, (), None,
                           offset + tok.idx, offset + tok.idx + len(tok.text))
    sub = list(tok.subtree)
    start, end = offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text)
    named = None
    for head in [tok] + [c for c in tok.children if c.dep_ == "appos"]:
        if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            named = actor_overlapping(doc.actors, offset + head.idx,
                                      offset + head.idx + len(head.text))
            if named is not None:
                break
    phrase = doc.text[start:end].strip(" ,")
    if named is None:
        return Attribution(phrase, None, (), None, start, end)
    name = named.name or named.text
    rest = (doc.text[start:named.start] + doc.text[named.end:end]).strip(" ,")
    description = rest if len(rest.split()) > 1 else None
    return Attribution(name, description, (), None, named.start, named.end)


def _via(verb: Any, offset: int, doc: Document) -> tuple[str, ...]:
    """'told Asharq Al-Awsat': a named listener of 'tell' relays the claim."""
    if verb.lemma_ != "tell":
        return ()
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and c.ent_type_ in ("ORG", "PERSON", "GPE"):
            actor = actor_overlapping(doc.actors, offset + c.idx, offset + c.idx + 1)
            if actor is not None and actor.sector in ("MED", None):
                return (actor.name or actor.text,)
    return ()


def _cited(verb: Any, offset: int, doc: Document, last: Attribution | None) -> Attribution | None:
    """'TASS reported, citing a Kremlin source': the cited source speaks via the reporter."""
    # "TASS reported, citing a source, that ...": the parser often hangs "citing" on the
    # reported clause rather than on the reporting verb
    hung = [g for comp in verb.children if comp.dep_ in ("ccomp", "parataxis")
            for g in comp.children if g.dep_ == "advcl" and g.i < comp.i]
    for c in [*verb.children, *hung]:
        if c.lemma_ == "cite":
            obj = next((o for o in c.children if o.dep_ == "dobj"), None)
            if obj is not None:
                cited = _speaker(obj, offset, doc, last)
                subj = next((s for s in verb.children if s.dep_ == "nsubj"), None)
                via = (_speaker(subj, offset, doc, last).speaker,) if subj is not None else ()
                return Attribution(cited.speaker, cited.description, tuple(v for v in via if v),
                                   "citing", cited.start, cited.end)
    return None


def _sentence_claims(sent: Any, offset: int, doc: Document, lex: Lexicon,
                     last: Attribution | None) -> Iterator[tuple[Attribution, int, int, int | None]]:
    s_start, s_end = offset + sent.start_char, offset + sent.end_char
    for tok in sent:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            prep = next(c for c in tok.children if c.lower_ == "to")
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                who = _speaker(obj, offset, doc, last)
                yield _with(who, cue="according to"), s_start, s_end, None
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lex.cue("speech"):
            comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if not comps or subj is None:
                continue
            who = _cited(tok, offset, doc, last) or _with(
                _speaker(subj, offset, doc, last), cue=tok.lemma_, via=_via(tok, offset, doc))
            for comp in comps:
                sub = list(comp.subtree)
                yield who, offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text), \
                    offset + tok.idx


def _with(attr: Attribution, cue: str | None = None, via: tuple[str, ...] = ()) -> Attribution:
    return Attribution(attr.speaker, attr.description, attr.via + via, cue or attr.cue,
                       attr.start, attr.end)


def _index_of(doc: Document, pos: int, starts: list[int]) -> int:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < max(doc.sentences[i].end, doc.sentences[i].start + 1):
        return i
    return -1


def _quote_claims(doc: Document, claims: list[Claim]) -> list[Claim]:
    """A quotation belongs to the speaker of a claim that touches it."""
    extra = []
    starts = [s.start for s in doc.sentences]
    taken = {c.sentence for c in claims}
    for m in QUOTE_RE.finditer(doc.text):
        q_start, q_end = m.start(1), m.end(1)
        owner = next((c for c in claims if c.scope_start <= q_end and q_start <= c.scope_end), None)
        if owner is None:
            continue
        for i in range(bisect_left(starts, q_start - 1), bisect_right(starts, q_end + 2)):
            s = doc.sentences[i]
            if s.end <= q_end + 2 and i not in taken:
                extra.append(Claim(i, owner.attribution, s.start, s.end, None))
    return extra


def _sandwiched(doc: Document, claims: list[Claim]) -> list[Claim]:
    """An unattributed sentence between two claims of the same speaker is theirs too."""
    by_sentence = {c.sentence: c for c in claims}
    extra = []
    for i, s in enumerate(doc.sentences):
        before, after = by_sentence.get(i - 1), by_sentence.get(i + 1)
        if i in by_sentence or before is None or after is None:
            continue
        if before.attribution.speaker and before.attribution.speaker == after.attribution.speaker:
            extra.append(Claim(i, before.attribution, s.start, s.end, None))
    return extra


def _outlet_last(attr: Attribution, outlet: str | None) -> Attribution:
    if not outlet or (attr.via and attr.via[-1] == outlet):
        return attr
    return Attribution(attr.speaker, attr.description, attr.via + (outlet,), attr.cue,
                       attr.start, attr.end)


def _relayed(claims: list[Claim]) -> list[Claim]:
    """'Al-Shaer told Asharq Al-Awsat ...' then 'According to Al-Shaer, ...': one interview,
    so the speaker's later claims keep the outlet that relayed the first."""
    via: dict[str, tuple[str, ...]] = {}
    out = []
    for c in claims:
        attr = c.attribution
        if attr.speaker and attr.via:
            via.setdefault(attr.speaker, attr.via)
        elif attr.speaker in via:
            attr = Attribution(attr.speaker, attr.description, via[attr.speaker], attr.cue,
                               attr.start, attr.end)
        out.append(Claim(c.sentence, attr, c.scope_start, c.scope_end, c.cue_start))
    return out


def find_claims(doc: Document, lex: Lexicon) -> tuple[Claim, ...]:
    claims: list[Claim] = []
    last: Attribution | None = None
    starts = [s.start for s in doc.sentences]
    for parse in doc.parses:
        for sent in parse.doc.sents:
            for attr, start, end, cue in _sentence_claims(sent, parse.offset, doc, lex, last):
                claims.append(Claim(_index_of(doc, start, starts), attr, start, end, cue))
                if attr.speaker and attr.speaker.lower() not in PRONOUNS:
                    last = attr
    claims += _quote_claims(doc, claims)
    claims += _sandwiched(doc, claims)
    claims.sort(key=lambda c: (c.scope_start, c.scope_end))
    claims = _relayed(claims)
    return tuple(Claim(c.sentence, _outlet_last(c.attribution, doc.outlet), c.scope_start,
                       c.scope_end, c.cue_start) for c in claims)
