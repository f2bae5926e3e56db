"""JSON Lines: one article object per line, read as a stream.

A batch file may be far larger than one article, so ``max_bytes`` limits each line, not
the file, and a line is never read whole when it is over the limit. A bad line yields its
error (named ``path:line``) and the next lines are still read, whatever went wrong on it.

A line without ``id`` or ``url`` is keyed by its content (``path#sha256:…``), not by its
line number: inserting or deleting lines above it must not make a stored document look
replaced by another one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any

from ..errors import EmptyInput, EncodingError, InputError, InputTooLarge, MalformedInput
from ..model import Document
from ..settings import Settings
from .build import Meta, document_from_text, published_value
from .dates import from_timestamp
from .decode import SNIFF_BYTES, check_binary, split_bom

log = logging.getLogger(__name__)

# Read size when skipping the rest of an over-long line.
_SKIP_CHUNK = 1 << 20


def too_large(name: str, size: int, limit: int) -> InputTooLarge:
    return InputTooLarge(name, f"{size:,} bytes is over the limit of {limit:,} (max_bytes)")


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when over ``limit``, size) for each line of the file."""
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw, len(raw.rstrip(b"\r\n"))
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = handle.readline(_SKIP_CHUNK)
            if not raw:
                break
            size += len(raw)
        yield number, None, size - (1 if raw.endswith(b"\n") else 0)


def _string(obj: dict[str, Any], field: str, name: str) -> str | None:
    value = obj.get(field)
    if value is None or isinstance(value, str):
        return value or None
    if field == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise MalformedInput(name, f"'{field}' is {type(value).__name__}, expected a string")


def _published(value: object, name: str) -> datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        moment = from_timestamp(value)
        if moment is None:
            raise MalformedInput(name, f"published timestamp {value!r} is out of range")
        return moment
    return published_value(value, name)


def _parse_line(raw: bytes, name: str) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"invalid UTF-8 at byte offset {exc.start:,} of the line"
        raise EncodingError(name, reason) from exc
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInput(name, f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise MalformedInput(name, "invalid JSON: nested too deeply") from exc
    except ValueError as exc:  # an integer of thousands of digits, and the like
        raise MalformedInput(name, f"invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise MalformedInput(name, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def line_document(raw: bytes, path: str, number: int) -> Document:
    """The Document for one JSON line; raises an InputError naming ``path:number``."""
    name = f"{path}:{number}"
    obj = _parse_line(raw, name)
    text = obj.get("text")
    if text is None:
        raise MalformedInput(name, "no 'text' field")
    if not isinstance(text, str):
        raise MalformedInput(name, f"'text' is {type(text).__name__}, expected a string")
    meta = Meta(
        id=_string(obj, "id", name),
        title=_string(obj, "title", name),
        url=_string(obj, "url", name),
        outlet=_string(obj, "outlet", name),
        published=_published(obj.get("published"), name),
    )
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return document_from_text(
        text, path=path, fmt="jsonl", key=f"{path}#sha256:{digest}", meta=meta, header=False,
        name=name,
    )


def _check_start(head: bytes, path: str) -> None:
    encoding, _ = split_bom(head)
    if encoding not in (None, "utf-8"):
        raise EncodingError(path, f"JSON Lines must be UTF-8, found a {encoding} byte-order mark")
    check_binary(head, path)


def iter_jsonl(handle: IO[bytes], path: str, settings: Settings, first_line: int = 1,
               on_line: Callable[[int], None] | None = None) -> Iterator[Document | InputError]:
    """Documents and per-line errors of an open JSON Lines file, in line order, from
    ``first_line`` on; ``on_line(n)`` is called before line n is read."""
    try:
        _check_start(handle.read(SNIFF_BYTES), path)
    except InputError as err:
        yield err
        return
    handle.seek(0)
    seen = False
    for number, raw, size in _lines(handle, settings.max_bytes):
        if number < first_line:
            seen = True
            continue
        if on_line is not None:
            on_line(number)
        if raw is None:
            seen = True
            yield too_large(f"{path}:{number}", size, settings.max_bytes)
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen = True
        try:
            yield line_document(raw, path, number)
        except InputError as err:
            yield err
        except Exception as exc:  # any other failure is this line's, never the file's
            yield MalformedInput(f"{path}:{number}", f"unreadable: {type(exc).__name__}: {exc}")
    if not seen:
        yield EmptyInput(path, "no JSON lines (empty or only whitespace)")
