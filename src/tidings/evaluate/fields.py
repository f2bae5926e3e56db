"""Per-field judgements on a paired (gold, system) event, and the text matching they use.

Each judge returns ``None`` when the field is not scored for this gold event, else whether
the system got it right. ``swapped`` means the pair was made with source and target
exchanged (allowed for ``symmetric`` gold events), so gold source is compared with the
system target and the other way round.

- source/target country: scored when the gold side is given; right when the system side
  exists and has the same country (both null counts as the same).
- source/target sector: scored when the gold side has a sector; right when equal.
- date: scored only for ``date_basis == "text"`` with a gold date; right when the system's
  ``start..end`` lies inside the gold day or range (equal included).
- place country: scored when the gold place has a country; right when equal.
- place name: scored when the gold place has a name; right when the system place name or
  text and the gold name contain one another, ignoring case, diacritics and punctuation.
- certainty: always scored; right when equal to gold ``certainty`` or in ``certainty_alt``.
- attribution: when gold has one, right when the system has an attribution and a name in it
  (speaker, else a relaying outlet, else the speaker's description) has its last word in
  the gold text, or the system speaker is unnamed and gold says ``unnamed``. When gold has
  none, right when the system has none, or its speaker is the outlet, or its speaker is
  the event's own source (the speaker of a speech act reported directly).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .gold import GoldActor, GoldEvent
from .system import SysActor, SystemEvent

FIELDS: tuple[str, ...] = (
    "source_country", "source_sector", "target_country", "target_sector", "date",
    "place_country", "place_name", "certainty", "attribution",
)

_NON_WORD = re.compile(r"[^0-9a-z]+")
STOPWORDS: frozenset[str] = frozenset(
    "a an the of in on at to for from by with and or as is was were be been has have had it "
    "its that this their his her they he she said says".split()
)


def normalize(text: str | None) -> str:
    """Lower case, no diacritics, punctuation as single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def contains_words(haystack: str | None, needle: str | None) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words (normalized)."""
    hay, nee = normalize(haystack), normalize(needle)
    return bool(nee) and f" {nee} " in f" {hay} "


def fuzzy_same(a: str | None, b: str | None) -> bool:
    """Case/diacritics-insensitive containment either way."""
    return contains_words(a, b) or contains_words(b, a)


def content_tokens(text: str | None) -> set[str]:
    return {tok for tok in normalize(text).split() if tok not in STOPWORDS}


def evidence_overlap(gold_evidence: str, system_evidence: str) -> float:
    """Share of the gold quote's content words found in the system evidence (0..1)."""
    gold = content_tokens(gold_evidence)
    if not gold:
        return 0.0
    return len(gold & content_tokens(system_evidence)) / len(gold)


def sides(gold: GoldEvent, sys: SystemEvent, swapped: bool
          ) -> tuple[tuple[GoldActor | None, SysActor | None], ...]:
    """(gold side, system side) for source then target, honouring a swap."""
    if swapped:
        return ((gold.source, sys.target), (gold.target, sys.source))
    return ((gold.source, sys.source), (gold.target, sys.target))


def _country(side: int) -> Callable[[GoldEvent, SystemEvent, bool], bool | None]:
    def judge(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
        g, s = sides(gold, sys, swapped)[side]
        if g is None:
            return None
        return s is not None and s.country == g.country
    return judge


def _sector(side: int) -> Callable[[GoldEvent, SystemEvent, bool], bool | None]:
    def judge(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
        g, s = sides(gold, sys, swapped)[side]
        if g is None or g.sector is None:
            return None
        return s is not None and s.sector == g.sector
    return judge


def judge_date(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
    if gold.date_basis != "text" or gold.date is None:
        return None
    if sys.date_start is None:
        return False
    return gold.date.contains(sys.date_start, sys.date_end or sys.date_start)


def judge_place_country(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
    if gold.place is None or gold.place.country is None:
        return None
    return sys.place_country == gold.place.country


def judge_place_name(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
    if gold.place is None or gold.place.name is None:
        return None
    name = gold.place.name
    return fuzzy_same(sys.place_name, name) or fuzzy_same(sys.place_text, name)


def judge_certainty(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
    return sys.certainty == gold.certainty or sys.certainty in gold.certainty_alt


def last_word(name: str | None) -> str:
    words = normalize(name).split()
    while len(words) > 1 and words[-1] in {"jr", "sr", "ii", "iii"}:
        words.pop()
    return words[-1] if words else ""


def _speaker_is_source(sys: SystemEvent) -> bool:
    if sys.speaker is None or sys.source is None:
        return False
    return any(fuzzy_same(sys.speaker, n) for n in (sys.source.name, sys.source.text) if n)


def judge_attribution(gold: GoldEvent, sys: SystemEvent, swapped: bool) -> bool | None:
    if gold.attribution is None:
        if not sys.has_attribution:
            return True
        return fuzzy_same(sys.speaker, sys.outlet) or _speaker_is_source(sys)
    if not sys.has_attribution:
        return False
    if sys.speaker is None and normalize(gold.attribution).startswith("unnamed"):
        return True
    for name in (sys.speaker, *sys.via, sys.speaker_description):
        word = last_word(name)
        if word and len(word) > 1 and contains_words(gold.attribution, word):
            return True
    return False


JUDGES: dict[str, Callable[[GoldEvent, SystemEvent, bool], bool | None]] = {
    "source_country": _country(0),
    "source_sector": _sector(0),
    "target_country": _country(1),
    "target_sector": _sector(1),
    "date": judge_date,
    "place_country": judge_place_country,
    "place_name": judge_place_name,
    "certainty": judge_certainty,
    "attribution": judge_attribution,
}
