"""The shared vocabulary of places: an entry of the gazetteer, name folding, the index format.

Both the index builder (``index``) and the resolver (``gazetteer``) read these, so they live
apart from either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_VERSION = 1  # bump when the build logic changes; edits to data files are hashed anyway
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "places"
MIN_CITY_POPULATION = 500
_FORMAT = "tidings.gazetteer.v1"

# How a name reached an entry (low two bits of a posting).
PRIMARY, ALTERNATE, ALIAS = 0, 1, 2

# Trim this share of towns at each end before taking a region's bounding-box centre, so an
# exclave or a mis-coded town does not drag it.
BBOX_TRIM = 0.02
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
