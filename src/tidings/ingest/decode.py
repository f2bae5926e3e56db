"""Bytes to text: byte-order marks, binary detection, UTF-8 and declared HTML charsets,
then the newline and whitespace normalisation that every document text goes through."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import BinaryInput, EncodingError

# How much of the start of a file the binary and charset checks look at.
SNIFF_BYTES = 8192
# Share of control bytes above which a file is taken as binary (text has almost none).
CONTROL_SHARE = 0.30
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})

# Line and paragraph separators become newlines; no-break and thin spaces plain spaces;
# zero-width characters and other control characters go.
_TRANSLATE: dict[int, str | None] = {ord(ch): "\n" for ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_TRANSLATE.update({ord(ch): " " for ch in "\xa0\u2007\u202f\u3000"})
_TRANSLATE.update({ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff"})
_TRANSLATE.update(
    {
        cp: None
        for cp in [*range(0x20), *range(0x7F, 0xA0)]
        if chr(cp) not in "\n\t" and cp not in _TRANSLATE
    }
)


# A lone surrogate ("\\ud800" in a JSON string) cannot be stored or printed as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
# UTF-16 without a byte-order mark: ASCII-range text has a NUL in every other byte. Taken as
# UTF-16 when at least this share of the even (big-endian) or odd (little-endian) bytes of
# the start are NUL and the other half has none.
UTF16_NUL_SHARE = 0.9


def split_bom(data: bytes) -> tuple[str | None, int]:
    """The encoding named by a byte-order mark and the mark's length, or (None, 0)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like BOM-less UTF-16 text, else None."""
    head = data[:SNIFF_BYTES]
    if len(head) < 4 or b"\x00\x00" in head[: len(head) - len(head) % 2]:
        return None
    even, odd = head[0::2], head[1::2]
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= UTF16_NUL_SHARE * len(nuls) and others.count(0) == 0:
            return encoding
    return None


def check_binary(data: bytes, name: str) -> None:
    """Raise BinaryInput for NUL bytes, or too many control bytes near the start."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(name, f"looks binary: NUL byte at offset {nul:,}")
    head = data[:SNIFF_BYTES]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if head and controls / len(head) > CONTROL_SHARE:
        share = f"{controls / len(head):.0%}"
        raise BinaryInput(
            name, f"looks binary: {share} control characters in the first {len(head):,} bytes"
        )


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return "cp1252" if label in _AS_CP1252 else label


def _bad_utf8(exc: UnicodeDecodeError, data: bytes, base: int, name: str) -> EncodingError:
    bad = data[exc.start : exc.start + 1].hex()
    return EncodingError(name, f"invalid UTF-8 at byte offset {base + exc.start:,} (0x{bad})")


def decode(data: bytes, name: str, *, html: bool = False) -> str:
    """Decode a file's bytes: BOM, else UTF-8, else (HTML only) the declared charset."""
    encoding, skip = split_bom(data)
    if encoding is not None and encoding != "utf-8":
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            reason = f"invalid {encoding} at byte offset {skip + exc.start:,}"
            raise EncodingError(name, reason) from exc
    utf16 = utf16_without_bom(data) if encoding is None else None
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise EncodingError(name, f"invalid {utf16} at byte offset {exc.start:,}") from exc
    check_binary(data, name)
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        charset = declared_charset(data) if html else None
        if charset is None or charset.replace("_", "-") in ("utf-8", "utf8"):
            raise _bad_utf8(exc, data[skip:], skip, name) from exc
        return _decode_declared(data[skip:], charset, name, exc)


def _decode_declared(data: bytes, charset: str, name: str, utf8: UnicodeDecodeError) -> str:
    try:
        return data.decode(charset)
    except LookupError as exc:
        reason = (
            f"not UTF-8 (bad byte at offset {utf8.start:,}) "
            f"and the declared charset {charset!r} is unknown"
        )
        raise EncodingError(name, reason) from exc
    except UnicodeDecodeError as exc:
        raise EncodingError(name, f"invalid {charset} at byte offset {exc.start:,}") from exc


def normalise(text: str) -> str:
    """Newlines to \\n, odd spaces to plain spaces, trailing spaces and extra blank lines off.

    NFC keeps "é" one character whichever way the source composed it, so offsets and
    matches agree between documents.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def clean_field(value: str | None, limit: int) -> str | None:
    """A metadata value (title, url, outlet, id) as stored: normalised, on one line, without
    control characters or lone surrogates, at most ``limit`` characters; None when blank."""
    if value is None:
        return None
    text = " ".join(normalise(value[: limit * 2]).split())
    return text[:limit] or None
