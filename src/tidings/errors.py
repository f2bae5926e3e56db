"""Every exception tidings raises, in one tree.

    TidingsError
    ├── InputError            an input could not be read; carries the input's name and the reason
    │   ├── UnreadableInput   missing path, permission denied, a directory where a file was due
    │   ├── EmptyInput        no text left after reading
    │   ├── BinaryInput       NUL bytes or other signs of a non-text file
    │   ├── EncodingError     bytes that decode in no supported encoding
    │   ├── InputTooLarge     over the configured size limit
    │   ├── MalformedInput    broken JSON line, HTML with no extractable text, bad header
    │   ├── ReadTimeout       reading the input took longer than the per-document limit
    │   └── NotAnArticle      passed over, not failed: a database file, a link out of the
    │                         folder, a special file (reported, does not fail the run)
    ├── PipelineError
    │   ├── StageOrderError   a stage reads a field no earlier stage writes (raised before a run)
    │   ├── StageError        a stage failed on a document; names the stage and the document
    │   └── StageTimeout      a document took longer than the per-document limit
    ├── DataError             a lexicon, knowledge-base or gold file is malformed
    ├── StoreError            the SQLite store refused an operation
    └── SettingError          an unknown setting or a value of the wrong type

The message is written where the error is raised; ``str(err)`` is one line fit for stderr:
an input's name and reason are made printable (no control characters, no lone surrogates)
and the reason is cut at ``MAX_REASON`` characters, whatever the input held.
"""

from __future__ import annotations

import re

MAX_REASON = 300  # characters of an error's reason; hostile inputs can echo megabytes
MAX_NAME = 500
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with control characters and lone surrogates shown as ``?``, cut at ``limit``."""
    text = _UNPRINTABLE.sub("?", text.replace("\n", " ").replace("\t", " "))
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def encodable(text: str) -> bool:
    """False for a str holding lone surrogates: a file name or argument whose bytes were not
    UTF-8 (Python keeps them as surrogates), which cannot be stored or printed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages that quote an input's value."""
    text = repr(value) if not isinstance(value, str) or len(value) <= limit else repr(value[:limit])
    return text if len(text) <= limit + 2 else text[: limit - 1] + "…"


class TidingsError(Exception):
    """Base of all tidings errors."""


class InputError(TidingsError):
    """An input could not be turned into a document."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = printable(name, MAX_NAME)
        self.reason = printable(reason, MAX_REASON)
        super().__init__(f"{self.name}: {self.reason}")


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class EncodingError(InputError):
    pass


class InputTooLarge(InputError):
    pass


class MalformedInput(InputError):
    pass


class ReadTimeout(InputError):
    pass


class NotAnArticle(InputError):
    """Not an error of the run: a file a folder walk passes over, reported with its reason."""


class PipelineError(TidingsError):
    pass


class StageOrderError(PipelineError):
    pass


class StageError(PipelineError):
    def __init__(self, stage: str, document: str, cause: BaseException) -> None:
        self.stage = stage
        self.document = document
        self.cause = cause
        super().__init__(f"{document}: stage '{stage}' failed: {type(cause).__name__}: {cause}")


class StageTimeout(PipelineError):
    def __init__(self, document: str, seconds: float) -> None:
        self.document = document
        self.seconds = seconds
        super().__init__(f"{document}: processing took longer than {seconds:g} s (doc_timeout)")


class DataError(TidingsError):
    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(TidingsError):
    pass


class SettingError(TidingsError):
    pass
