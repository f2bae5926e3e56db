"""Paths in, Documents (or InputErrors) out: directory walking, format choice, size limits."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from ..errors import (
    EmptyInput, InputError, MalformedInput, NotAnArticle, UnreadableInput, encodable,
)
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
# A folder may hold the database being written (and its journal files): never an article.
DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal")
_SQLITE_MAGIC = b"SQLite format 3\x00"
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
    folders (no loops); a symbolic link is followed only to a file inside the folder given.
    Errors are yielded, never raised, and reading goes on; files passed over (databases,
    links out of the folder, pipes) are yielded as ``NotAnArticle``.
    """
    for found in iter_files(paths):
        if isinstance(found, InputError):
            yield found
        else:
            yield from read_file(found[0], found[1], settings)


FileFound = tuple[str, os.stat_result]


def iter_files(paths: Sequence[str]) -> Iterator[FileFound | InputError]:
    """The files under ``paths`` that ``read_file`` should read, in reading order, and the
    error (or ``NotAnArticle``) of every path that is not one. Reads no file's content."""
    if isinstance(paths, (str, os.PathLike)):  # a lone path is a common slip: accept it
        paths = [os.fspath(paths)]
    for path in paths:
        yield from _iter_path(os.fspath(path))


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _iter_path(path: str) -> Iterator[FileFound | InputError]:
    if not encodable(path):
        yield UnreadableInput(path, "the path is not valid UTF-8: rename it")
        return
    try:
        info = os.stat(path)
    except OSError as exc:
        yield UnreadableInput(path, _why(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, os.path.realpath(path))
    elif stat.S_ISREG(info.st_mode):
        yield path, info
    else:
        yield UnreadableInput(path, f"not a regular file: {_kind(info)}")


def _kind(info: os.stat_result) -> str:
    return next((name for test, name in _KINDS if test(info.st_mode)), "a special file")


def _walk(folder: str, root: str) -> Iterator[FileFound | InputError]:
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
            if not encodable(child):
                yield UnreadableInput(child, "the file name is not valid UTF-8: rename it")
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(child, root)
            else:
                yield _walk_file(entry, child, root)
        except OSError as exc:
            yield UnreadableInput(child, _why(exc))


def _walk_file(entry: os.DirEntry[str], child: str, root: str) -> FileFound | InputError:
    """One non-folder entry of a walk: a file to read, or why it is passed over."""
    if entry.is_symlink():
        target = os.path.realpath(child)
        if not os.path.exists(target):
            return NotAnArticle(child, "a broken symbolic link")
        if os.path.commonpath([root, target]) != root:
            return NotAnArticle(child, "a symbolic link to a file outside the folder")
        if os.path.isdir(target):
            return NotAnArticle(child, "a symbolic link to a folder")
    info = entry.stat()
    if not stat.S_ISREG(info.st_mode):
        return NotAnArticle(child, f"not a regular file: {_kind(info)}")
    if child.lower().endswith(DATABASE_SUFFIXES):
        return NotAnArticle(child, "a database file")
    return child, info


def read_file(path: str, info: os.stat_result, settings: Settings, first_line: int = 1,
              on_line: Callable[[int], None] | None = None) -> Iterator[Document | InputError]:
    """The documents of one file, any failure made this input's (never raised).

    JSON Lines start at ``first_line`` and call ``on_line(n)`` before reading line n, so
    that a caller timing each document knows which line it is on.
    """
    try:
        yield from _read_file(path, info, settings, first_line, on_line)
    except Exception as exc:  # a bug or a library's surprise: the run goes on
        log.debug("reading %r failed", path, exc_info=True)
        yield MalformedInput(path, f"could not be read: {type(exc).__name__}: {exc}")


def sniff(head: bytes) -> str:
    """Format of a file with an unknown extension, from its first bytes."""
    _, skip = split_bom(head)
    start = head[skip:].lstrip()[:1]
    return {b"<": "html", b"{": "jsonl"}.get(start, "text")


def _read_file(
    path: str, info: os.stat_result, settings: Settings, first_line: int,
    on_line: Callable[[int], None] | None,
) -> Iterator[Document | InputError]:
    fmt = FORMATS.get(os.path.splitext(path)[1].lower())
    if fmt in ("text", "html") and info.st_size > settings.max_bytes:
        yield too_large(path, info.st_size, settings.max_bytes)
        return
    try:
        with open(path, "rb") as handle:
            if fmt is None:
                head = handle.read(_SNIFF)
                if head.startswith(_SQLITE_MAGIC):
                    yield NotAnArticle(path, "a database file")
                    return
                fmt = sniff(head)
                handle.seek(0)
            if fmt == "jsonl":
                yield from iter_jsonl(handle, path, settings, first_line, on_line)
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
