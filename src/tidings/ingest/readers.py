"""Paths in, Documents (or InputErrors) out: directory walking, format choice, size limits."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator, Sequence
from typing import IO, Any

from ..errors import EmptyInput, InputError, UnreadableInput
from ..model import Document
from ..settings import Settings
from .build import Meta, document_from_text, one_line, published_value
from .decode import decode, split_bom
from .html import read_html
from .jsonl import iter_jsonl, too_large

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
META_KEYS = frozenset({"id", "title", "url", "outlet", "published"})
_SNIFF = 256  # bytes read to guess the format of a file with an unknown extension
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_text(text: str, path: str = "<text>", **meta: Any) -> Document:
    """A Document from a string, read like a plain-text file (header block included).

    ``meta`` may give id, title, url, outlet and published (a string or a datetime); its
    values win over the header's. Raises EmptyInput or MalformedInput on bad input.
    """
    unknown = set(meta) - META_KEYS
    if unknown:
        raise TypeError(
            f"read_text() got unknown metadata {sorted(unknown)}; known: {sorted(META_KEYS)}"
        )
    given = Meta(
        id=str(meta["id"]) if meta.get("id") is not None else None,
        title=one_line(meta.get("title")),
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        published=published_value(meta.get("published"), path),
    )
    return document_from_text(text, path=path, fmt="text", key=path, meta=given)


def iter_documents(
    paths: Sequence[str], settings: Settings = Settings()
) -> Iterator[Document | InputError]:
    """One Document per article, or the InputError of each input that cannot be read.

    Folders are walked recursively in name order, skipping hidden entries and symlinked
    folders (no loops). Errors are yielded, never raised, and reading goes on.
    """
    if isinstance(paths, (str, os.PathLike)):  # a lone path is a common slip: accept it
        paths = [os.fspath(paths)]
    for path in paths:
        yield from _iter_path(os.fspath(path), settings)


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _iter_path(path: str, settings: Settings) -> Iterator[Document | InputError]:
    try:
        info = os.stat(path)
    except OSError as exc:
        yield UnreadableInput(path, _why(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, settings)
    elif stat.S_ISREG(info.st_mode):
        yield from _read_file(path, info, settings)
    else:
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
        yield UnreadableInput(path, f"not a regular file: {kind}")


def _walk(folder: str, settings: Settings) -> Iterator[Document | InputError]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield UnreadableInput(folder, f"cannot list folder: {_why(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(child, settings)
            elif entry.is_file():
                yield from _read_file(child, entry.stat(), settings)
            else:
                log.info("skipping %s: not a regular file", child)
        except OSError as exc:
            yield UnreadableInput(child, _why(exc))


def sniff(head: bytes) -> str:
    """Format of a file with an unknown extension, from its first bytes."""
    _, skip = split_bom(head)
    start = head[skip:].lstrip()[:1]
    return {b"<": "html", b"{": "jsonl"}.get(start, "text")


def _read_file(
    path: str, info: os.stat_result, settings: Settings
) -> Iterator[Document | InputError]:
    fmt = FORMATS.get(os.path.splitext(path)[1].lower())
    if fmt in ("text", "html") and info.st_size > settings.max_bytes:
        yield too_large(path, info.st_size, settings.max_bytes)
        return
    try:
        with open(path, "rb") as handle:
            if fmt is None:
                fmt = sniff(handle.read(_SNIFF))
                handle.seek(0)
            if fmt == "jsonl":
                yield from iter_jsonl(handle, path, settings)
                return
            data = _read_limited(handle, path, info, settings)
    except OSError as exc:
        yield UnreadableInput(path, _why(exc))
        return
    except InputError as err:
        yield err
        return
    try:
        yield _document(data, path, fmt)
    except InputError as err:
        yield err


def _read_limited(handle: IO[bytes], path: str, info: os.stat_result, settings: Settings) -> bytes:
    """The whole file, checked against max_bytes first by size, then by what was read."""
    if info.st_size > settings.max_bytes:
        raise too_large(path, info.st_size, settings.max_bytes)
    data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:  # the file grew, or its size was not reported
        raise too_large(path, len(data), settings.max_bytes)
    if not data:
        raise EmptyInput(path, "empty file")
    return data


def _document(data: bytes, path: str, fmt: str) -> Document:
    if fmt == "html":
        html = decode(data, path, html=True)
        if not html.strip():
            raise EmptyInput(path, "no text (empty or only whitespace)")
        return read_html(html, path)
    return document_from_text(decode(data, path), path=path, fmt="text", key=path)
