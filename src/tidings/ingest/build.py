"""Assemble a Document from a text and its metadata: header block, title, sections, dates."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..errors import EmptyInput, MalformedInput, short_repr
from ..model import Document, Section
from .dates import date_in_line, parse_datetime, to_utc
from .decode import clean_field, normalise
from .segment import segment

# Header keys (case-insensitive) and the field each fills; aliases are common in exports.
HEADER_KEYS: Mapping[str, str] = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "published": "published", "date": "published",
    "id": "id",
}  # fmt: skip
# Keys accepted in a header block but not kept (the model has no field for them).
IGNORED_KEYS = frozenset(
    {"author", "byline", "language", "lang", "section", "category", "tags", "keywords",
     "description", "summary", "updated", "modified"}
)  # fmt: skip
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z_-]{0,29})[ \t]*:[ \t]*(.*)")
# Longest metadata values kept (characters); a longer one is cut, a longer date refused:
# no date is written in more than a hundred characters, and date parsers are slow on
# megabytes.
FIELD_LIMITS: Mapping[str, int] = {"id": 500, "title": 1000, "url": 2000, "outlet": 200}
MAX_DATE_CHARS = 100
# A text needs one word (two letters or more): random bytes that happen to decode give a
# few stray characters, which are no article.
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata given alongside a text (header block, JSON fields, HTML head)."""

    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None

    def over(self, other: Meta) -> Meta:
        """These values, falling back to ``other``'s where unset."""
        return Meta(
            id=self.id or other.id,
            title=self.title or other.title,
            url=self.url or other.url,
            outlet=self.outlet or other.outlet,
            published=self.published or other.published,
        )


def one_line(value: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None for a blank value."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def published_value(value: object, name: str, field: str = "published") -> datetime | None:
    """A metadata date (datetime or string) as UTC; a string that is no date is an error."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, str):
        if len(value) > MAX_DATE_CHARS:
            raise MalformedInput(name, f"{field} value is {len(value):,} characters long: "
                                       f"no date (at most {MAX_DATE_CHARS})")
        parsed = parse_datetime(value)
        if parsed is not None:
            return parsed
    raise MalformedInput(name, f"{field} value {short_repr(value)} is not a date")


def split_header(text: str, name: str) -> tuple[Meta, str]:
    """Split a leading ``Key: value`` block (ended by a blank line) off a normalised text.

    The block counts as a header only when every line is ``Key: value`` with a known key
    and at least one key fills a field; otherwise the text is returned whole.
    """
    block, _, rest = text.partition("\n\n")
    values: dict[str, str] = {}
    for line in block.split("\n"):
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None:
            return Meta(), text
        key = match.group(1).lower()
        if key in HEADER_KEYS:
            values.setdefault(HEADER_KEYS[key], match.group(2).strip())
        elif key not in IGNORED_KEYS:
            return Meta(), text
    if not values:
        return Meta(), text
    meta = Meta(
        id=values.get("id") or None,
        title=one_line(values.get("title")),
        url=values.get("url") or None,
        outlet=values.get("outlet") or None,
        published=published_value(values.get("published"), name, "header published"),
    )
    return meta, rest


def with_title(text: str, title: str | None) -> tuple[str, dict[int, str]]:
    """Put the metadata title first in the text (unless it already is) and force its label."""
    if title is None:
        return text, {}
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0]
    if one_line(first_line.casefold()) == title.casefold():
        return text, {len(text) - len(stripped): "title"}
    return (f"{title}\n\n{text}" if text else title), {0: "title"}


def outlet_of(url: str | None) -> str | None:
    """The host of a URL without a leading ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def first_dateline_date(text: str, sections: tuple[Section, ...]) -> datetime | None:
    for section in sections:
        if section.label == "dateline":
            moment = date_in_line(text[section.start : section.end])
            if moment is not None:
                return moment
    return None


def finish(
    text: str,
    sections: tuple[Section, ...],
    *,
    path: str,
    fmt: str,
    key: str,
    meta: Meta,
) -> Document:
    """The Document for a final text: id, key, title, outlet and published filled in."""
    title = clean_field(meta.title, FIELD_LIMITS["title"]) or next(
        (text[s.start : s.end] for s in sections if s.label == "title"), None
    )
    url = clean_field(meta.url, FIELD_LIMITS["url"])
    return Document(
        id="sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        path=path,
        format=fmt,
        key=clean_field(meta.id, FIELD_LIMITS["id"]) or url or key,
        title=title,
        url=url,
        outlet=clean_field(meta.outlet, FIELD_LIMITS["outlet"]) or outlet_of(url),
        published=meta.published or first_dateline_date(text, sections),
        ingested_at=datetime.now(UTC),
        sections=sections,
    )


def document_from_text(
    raw: str,
    *,
    path: str,
    fmt: str,
    key: str,
    meta: Meta = Meta(),
    header: bool = True,
    name: str | None = None,
) -> Document:
    """A plain-text (or JSON ``text``) article: header block, title line, segmentation.

    ``meta`` values win over the header's; ``name`` is what errors call the input.
    """
    name = name or path
    text = normalise(raw)
    if header:
        found, text = split_header(text, name)
        meta = meta.over(found)
    meta = replace(meta, title=clean_field(meta.title, FIELD_LIMITS["title"]))
    if not text.strip():
        reason = "has a title but no text" if meta.title else "no text (empty or only whitespace)"
        raise EmptyInput(name, reason)
    if _WORD.search(text) is None:
        raise EmptyInput(name, f"no words: {len(text):,} characters, none a word of two letters")
    text, forced = with_title(text, meta.title)
    sections = segment(text, detect_title=meta.title is None, forced=forced)
    return finish(text, sections, path=path, fmt=fmt, key=key, meta=meta)
