"""Bad inputs: each yields one InputError with a one-line reason, and reading goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tidings.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputTooLarge,
    UnreadableInput,
)
from tidings.ingest import iter_documents
from tidings.model import Document
from tidings.settings import Settings

FIFTY_MB = 50 * 1024 * 1024


def read(path: Path | str, settings: Settings = Settings()) -> list[Document | InputError]:
    return list(iter_documents([str(path)], settings))


def one_error(path: Path | str, kind: type[InputError], settings: Settings = Settings()) -> InputError:
    items = read(path, settings)
    assert len(items) == 1, items
    err = items[0]
    assert isinstance(err, kind), err
    assert err.name == str(path)
    assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
    return err


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.dat"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    one_error(path, EmptyInput)


@pytest.mark.parametrize("name", ["blank.txt", "blank.html", "blank.jsonl"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"  \n\t\r\n   \n")
    one_error(path, EmptyInput)


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = one_error(path, BinaryInput)
    assert "NUL byte at offset 8" in str(err)


def test_many_control_characters_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x01\x02\x03\x04abc\x05\x06\x07" * 100)
    err = one_error(path, BinaryInput)
    assert "control characters" in str(err)


def test_binary_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x00\x00\x00')
    one_error(path, BinaryInput)


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 talks\n".encode("utf-8") + b"Troops left Bogot\xe1 on Monday.")
    err = one_error(path, EncodingError)
    assert str(err) == f"{path}: invalid UTF-8 at byte offset 29 (0xe1)"


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    text = "Talks resume in Doha\n\nNegotiators met on Monday, Qatar said."
    for name, data in (
        ("utf8.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("utf16le.txt", b"\xff\xfe" + text.encode("utf-16-le")),
        ("utf16be.txt", b"\xfe\xff" + text.encode("utf-16-be")),
    ):
        (tmp_path / name).write_bytes(data)
        doc = read(tmp_path / name)[0]
        assert isinstance(doc, Document), doc
        assert doc.text == text and doc.title == "Talks resume in Doha"


def test_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Troops advanced on the town. " * 100)
    err = one_error(path, InputTooLarge, Settings(max_bytes=1000))
    assert str(err) == f"{path}: 2,900 bytes is over the limit of 1,000 (max_bytes)"
    assert isinstance(read(path, Settings(max_bytes=2900))[0], Document)


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.unknown"])
def test_fifty_megabyte_file_is_refused_by_size(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / name
    with open(path, "wb") as handle:  # sparse: no 50 MB written to disk
        handle.truncate(FIFTY_MB)
    if name != "big.unknown":  # known formats are refused before the file is even opened
        def no_open(*args: object, **kwargs: object) -> None:
            raise AssertionError("the file was opened")

        monkeypatch.setattr("tidings.ingest.readers.open", no_open, raising=False)
    err = one_error(path, InputTooLarge)
    assert str(err) == f"{path}: 52,428,800 bytes is over the limit of 10,000,000 (max_bytes)"


def test_missing_path(tmp_path: Path) -> None:
    err = one_error(tmp_path / "nope.txt", UnreadableInput)
    assert "no such file" in str(err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_file(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    err = one_error(path, UnreadableInput)
    assert "named pipe" in str(err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden text.")
    path.chmod(0)
    try:
        err = one_error(path, UnreadableInput)
        assert "permission denied" in str(err)
    finally:
        path.chmod(0o600)


def test_bad_inputs_do_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\n\nNegotiators met on Monday.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00" * 10)
    paths = [str(tmp_path / "missing.txt"), str(empty), str(binary), str(good)]
    items = list(iter_documents(paths))
    assert [type(item).__name__ for item in items] == [
        "UnreadableInput", "EmptyInput", "BinaryInput", "Document"
    ]  # fmt: skip


def test_permission_error_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Locked text.")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tidings.ingest.readers.open", denied, raising=False)
    err = one_error(path, UnreadableInput)
    assert str(err) == f"{path}: permission denied"
