"""Hostile inputs found by an independent probe, as files a test can write: one per finding.

``write_poison(folder, port)`` writes them and returns {input name: a word its reason holds}
for those that must fail; the others must be read (and stored) or passed over.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOOD = "Russian forces shelled the Ukrainian city of Kharkiv on Monday, Ukrainian officials said.\n"
BIG_INT = "9" * 5000


def good_articles(folder: Path, count: int) -> list[Path]:
    """``count`` distinct, ordinary articles."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"good-{i:02d}.txt"
        path.write_text(f"Talks in round {i}\n\nThe foreign minister met the ambassador in Paris "
                        f"on Monday for the {i + 1}th round of talks, officials said.\n{GOOD}",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _jsonl(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def surrogate_lines() -> list[str]:
    """A lone surrogate (escaped, as JSON writes it) in each text field of a JSON line."""
    lines = [json.dumps({"id": "s-text", "text": GOOD}).replace("Kharkiv", "Kharkiv \\ud800")]
    for field in ("title", "url", "id", "outlet"):
        obj = {"id": f"s-{field}", "text": f"{GOOD}About the {field}.", field: "PLACEHOLDER"}
        lines.append(json.dumps(obj).replace("PLACEHOLDER", "bad \\udc80 value"))
    return lines


def write_poison(folder: Path, port: int) -> dict[str, str]:
    """The probe's poison files in ``folder``; returns the names that must fail, each with a
    word of its reason. ``port``: a loopback port that must never be connected to."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "p-surrogates.jsonl": _jsonl(surrogate_lines()),
        "p-bigint.jsonl": _jsonl([f'{{"text": "{GOOD.strip()}", "n": {BIG_INT}}}']),
        "p-dateline-aa.txt": ("Border\n\n" + "AA-" * 34 + "AA. " + GOOD).encode(),
        "p-dateline-us.txt": ("Border\n\n" + "U.S.-" * 24 + " x " + GOOD).encode(),
        "p-afp-caption.txt": ("Caption\n\n" + GOOD + "Photo /AFP" + " " * 200_000 + "x\n").encode(),
        "p-figcaptions.html": ("<html><body><article><p>" + GOOD + "</p>" + "".join(
            f"<figure><figcaption>Caption number {i} of many</figcaption></figure>"
            for i in range(2_000)) + "</article></body></html>").encode(),
        "p-published.jsonl": _jsonl([json.dumps({"text": GOOD, "published": "2024 " + "9" * 9_000_000})]),
        "p-fetch.html": f"http://127.0.0.1:{port}/steal?<p>{GOOD.replace(' ', '')}</p>".encode(),
        "p-control-title.jsonl": _jsonl([json.dumps({"id": "ctl", "title": "Bad \x1b[31mred\x07",
                                                     "text": GOOD + "Control title."})]),
        "p-junk.txt": b"\xc3\xa9 \xc2\xbf!",
        "p-utf16.txt": f"Talks in Ankara\n\n{GOOD}".encode("utf-16-le"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    bad_name = os.fsencode(folder) + b"/p-name-\xff.txt"
    with open(bad_name, "wb") as handle:
        handle.write(GOOD.encode())
    return {  # the surrogates become U+FFFD: p-surrogates.jsonl is read, no line fails
        "p-bigint.jsonl:1": "digits",
        "p-published.jsonl:1": "characters",
        "p-junk.txt": "no words",
        "p-name-?.txt": "UTF-8",
        "p-fetch.html": "no extractable text",  # and, above all, no connection
    }


def write_links(folder: Path, outside: Path) -> dict[str, str]:
    """A link out of the folder, a dangling link and a named pipe: each passed over."""
    outside.write_text("secret: not an article of this folder\n" + GOOD, encoding="utf-8")
    (folder / "p-link-out.txt").symlink_to(outside)
    (folder / "p-dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "p-pipe.txt")
    return {"p-link-out.txt": "outside", "p-dangling.txt": "broken", "p-pipe.txt": "pipe"}
