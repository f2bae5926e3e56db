"""HTML pages: main text through trafilatura, captions and dates from the page itself.

trafilatura drops ``<figcaption>``; captions matter (they carry their own dates and
places), so they are read with lxml and put back after the paragraph that preceded them
in the page, labelled ``caption``.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..errors import MalformedInput
from ..model import Document
from .build import Meta, finish, one_line
from .dates import parse_datetime
from .decode import normalise
from .segment import segment

log = logging.getLogger(__name__)

# htmldate's answer with its time and zone when the page gives them.
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Fallback when htmldate finds nothing: the usual publication meta tags, in order.
_META_DATE_XPATHS: tuple[str, ...] = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='date' or @name='dc.date']/@content",
    "//time[@datetime]/@datetime",
)
# Elements whose text can precede a figure in the extracted text (caption anchors).
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
# How much of a paragraph must agree to find it again in trafilatura's output.
_ANCHOR_CHARS = 60
# Captions kept from one page: news pages carry a few dozen figures at most; a page with
# thousands is a gallery or hostile, and each caption would be coded as its own section.
MAX_CAPTIONS = 200


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    anchor: str | None  # text of the block just before the figure in the page


def _tree(html: str) -> Any:
    """The page as an lxml tree, or None when lxml cannot make one."""
    import lxml.html  # heavy import, only needed for HTML input

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception as exc:  # lxml raises ParserError, ValueError... on degenerate pages
        log.debug("lxml could not parse the page: %s", exc)
        return None


def _clean(value: str | None) -> str | None:
    return one_line(normalise(value)) if value else None


def figcaptions(tree: Any) -> list[Caption]:
    """Every non-empty figcaption (the first ``MAX_CAPTIONS``), in page order, with the text
    of the block before it."""
    captions: list[Caption] = []
    if tree is None:
        return captions
    seen: set[str] = set()
    anchor: str | None = None
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "figcaption":
            text = _clean(" ".join(element.itertext()))
            if text and text not in seen:
                seen.add(text)
                captions.append(Caption(text, anchor))
                if len(captions) == MAX_CAPTIONS:
                    log.info("page has over %d figure captions: the rest are left out",
                             MAX_CAPTIONS)
                    break
        elif tag in _BLOCK_TAGS and next(element.iterancestors("figcaption"), None) is None:
            anchor = _clean(" ".join(element.itertext())) or anchor
    return captions


def _block_index(blocks: list[str]) -> dict[str, list[int]]:
    """Where each block stands, by its first ``_ANCHOR_CHARS`` (equal texts share them)."""
    index: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        index.setdefault(block[:_ANCHOR_CHARS], []).append(i)
    return index


def _next_block(index: dict[str, list[int]], anchor: str, start: int) -> int | None:
    """The first block at or after ``start`` whose start is the anchor's (the same paragraph): a lookup,
    not a scan, so pages with thousands of figures stay linear."""
    positions = index.get(anchor[:_ANCHOR_CHARS], [])
    i = bisect_left(positions, start)
    return positions[i] if i < len(positions) else None


def place_captions(blocks: list[str], captions: list[Caption]) -> list[tuple[str, bool]]:
    """Blocks with captions inserted after their anchors: (text, is_caption) pairs.

    A caption whose anchor is not in the extracted text goes where the previous one went
    (or before the first block) so that captions keep their page order.
    """
    inserts: dict[int, list[str]] = {}
    known = set(blocks)
    where = _block_index(blocks)
    position = 0
    for caption in captions:
        if caption.text in known:  # trafilatura kept it: just label it
            continue
        if caption.anchor is not None:
            found = _next_block(where, caption.anchor, position)
            position = found + 1 if found is not None else position
        inserts.setdefault(position, []).append(caption.text)
    caption_texts = {c.text for c in captions}
    placed: list[tuple[str, bool]] = []
    for i in range(len(blocks) + 1):
        placed.extend((text, True) for text in inserts.get(i, []))
        if i < len(blocks):
            placed.append((blocks[i], blocks[i] in caption_texts))
    return placed


def _extract(html: str, name: str) -> Any:
    import trafilatura  # heavy import, only needed for HTML input

    try:
        result: Any = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception as exc:  # trafilatura surfaces lxml and its own errors unwrapped
        reason = f"HTML could not be parsed: {type(exc).__name__}: {exc}"
        raise MalformedInput(name, reason) from exc
    if result is None or not (result.text or "").strip():
        raise MalformedInput(name, _no_text_reason(html))
    return result


def _no_text_reason(html: str) -> str:
    """Why a page gave no text: libxml2 drops everything nested deeper than 255 elements,
    which is worth saying, since the page may well hold text."""
    import lxml.html  # heavy import, only needed for HTML input

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception:  # lxml gives up on degenerate pages: only its log matters here
        pass
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        return "HTML has no extractable text: elements nested over 255 deep are not read"
    return "HTML has no extractable text"


def _htmldate_would_fetch(html: str) -> bool:
    """htmldate downloads its input when the text starts with "http" and has no ASCII space
    (it takes it for a URL): tidings never opens a connection, so such a page gets no
    htmldate date."""
    return html.lstrip().startswith("http") and " " not in html


def _htmldate(htmldate: Any, html: str) -> str | None:
    try:
        found: str | None = htmldate.find_date(html, original_date=True,
                                               outputformat=_HTMLDATE_FORMAT)
    except Exception as exc:  # htmldate should not fail a page; fall back to meta tags
        log.debug("htmldate failed: %s", exc)
        return None
    return found


def published_of(html: str, tree: Any) -> datetime | None:
    """Publication time from htmldate, else from the page's meta tags."""
    import htmldate  # heavy import, only needed for HTML input

    if _htmldate_would_fetch(html):
        found = None
    else:
        found = _htmldate(htmldate, html)
    if found:
        moment = parse_datetime(found)
        if moment is not None:
            return moment
    if tree is None:
        return None
    for xpath in _META_DATE_XPATHS:
        for value in tree.xpath(xpath):
            moment = parse_datetime(str(value))
            if moment is not None:
                return moment
    return None


def _join(parts: list[tuple[str, str | None]]) -> tuple[str, dict[int, str]]:
    """Join blocks with blank lines; forced labels keyed by each labelled block's offset."""
    forced: dict[int, str] = {}
    offset = 0
    for text, label in parts:
        if label is not None:
            forced[offset] = label
        offset += len(text) + 2
    return "\n\n".join(text for text, _ in parts), forced


def read_html(html: str, path: str, name: str | None = None) -> Document:
    """A Document from a decoded HTML page; MalformedInput when it has no text."""
    name = name or path
    result = _extract(html, name)
    tree = _tree(html)
    blocks = [b for b in (_clean(line) for line in result.text.split("\n")) if b]
    title = _clean(result.title)
    parts: list[tuple[str, str | None]] = []
    if title is not None:
        if blocks and blocks[0].casefold() == title.casefold():
            blocks = blocks[1:]
        parts.append((title, "title"))
    if not blocks:
        raise MalformedInput(name, "HTML has no extractable text besides its title")
    for text, is_caption in place_captions(blocks, figcaptions(tree)):
        parts.append((text, "caption" if is_caption else None))
    text, forced = _join(parts)
    meta = Meta(
        title=title, url=result.url or None, outlet=_clean(result.sitename),
        published=published_of(html, tree),
    )  # fmt: skip
    sections = segment(text, detect_title=False, forced=forced)
    return finish(text, sections, path=path, fmt="html", key=path, meta=meta)
