"""Every exception tidings raises, in one tree.

    TidingsError
    ├── InputError            an input could not be read; carries the input's name and the reason
    │   ├── UnreadableInput   missing path, permission denied, a directory where a file was due
    │   ├── EmptyInput        no text left after reading
    │   ├── BinaryInput       NUL bytes or other signs of a non-text file
    │   ├── EncodingError     bytes that decode in no supported encoding
    │   ├── InputTooLarge     over the configured size limit
    │   └── MalformedInput    broken JSON line, HTML with no extractable text, bad header
    ├── PipelineError
    │   ├── StageOrderError   a stage reads a field no earlier stage writes (raised before a run)
    │   ├── StageError        a stage failed on a document; names the stage and the document
    │   └── StageTimeout      a document took longer than the per-document limit
    ├── DataError             a lexicon, knowledge-base or gold file is malformed
    ├── StoreError            the SQLite store refused an operation
    └── SettingError          an unknown setting or a value of the wrong type

The message is written where the error is raised; ``str(err)`` is one line fit for stderr.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base of all tidings errors."""


class InputError(TidingsError):
    """An input could not be turned into a document."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


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
