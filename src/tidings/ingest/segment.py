"""Label the blocks of a plain text: title, dateline, caption, body, boilerplate.

Works on lines and paragraphs (runs of non-blank lines) before any NLP. Each body
paragraph becomes its own section so that later sentence splitting never joins the last
sentence of one paragraph to the first of the next. Other labels get one section per line
(a caption heading and its caption stay apart), except for wrapped continuation lines.
The patterns come from ``tidings/data/segment`` through :mod:`.rules`.
"""

from __future__ import annotations

import re
from pathlib import Path

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Section
from .rules import Rules, first_match, load_rules

# A title is a headline: one short line. Longer first lines are the lede.
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
# A caption heading ("Al-Assad and Putin in Russia") is a few words above its caption.
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 14
# Closing quotes and brackets that may follow a sentence's final punctuation.
_CLOSERS = "\"'”’»)]"
# Abbreviations that end with a period without ending a sentence (times in datelines).
_NOT_SENTENCE_ENDS = ("a.m.", "p.m.")

# Labels whose wrapped lines (a next line that starts in lower case) are kept together.
_CONTINUED = frozenset({"body", "caption", "boilerplate"})


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: offsets of its stripped text, and its paragraph number."""

    start: int
    end: int
    text: str
    para: int


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets into ``text``; blank lines separate paragraphs."""
    lines: list[Line] = []
    offset = 0
    para = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(offset + lead, offset + lead + len(stripped), stripped, para))
        elif lines and lines[-1].para == para:
            para += 1
        offset += len(raw) + 1
    return lines


def ends_like_sentence(line: str, marks: str = ".!?") -> bool:
    core = line.rstrip(_CLOSERS)
    if core.lower().endswith(_NOT_SENTENCE_ENDS):
        return False
    return core.endswith(tuple(marks))


def classify(line: str, rules: Rules) -> str:
    """The label of one stripped line on its own (no context)."""
    if first_match(rules.boilerplate, line):
        return "boilerplate"
    if first_match(rules.caption, line):
        return "caption"
    # A sentence that happens to start "By Tuesday, ..." or "Published in 2019 ..." is body.
    if not ends_like_sentence(line) and first_match(rules.dateline, line):
        return "dateline"
    return "body"


def _is_continuation(lines: list[Line], i: int) -> bool:
    """A wrapped line: same paragraph as the previous line and starts in lower case."""
    return i > 0 and lines[i - 1].para == lines[i].para and lines[i].text[0].islower()


def _looks_like_title(lines: list[Line], i: int) -> bool:
    line = lines[i].text
    if len(line) > TITLE_MAX_CHARS or len(line.split()) > TITLE_MAX_WORDS:
        return False
    # Headlines have no final period; a question or exclamation mark is fine.
    if ends_like_sentence(line, ".") or not any(ch.isalpha() for ch in line):
        return False
    return not (i + 1 < len(lines) and _is_continuation(lines, i + 1))


def title_index(lines: list[Line], rules: Rules) -> int | None:
    """The headline's line: the first line that is not boilerplate (a page may open with
    "Skip to content" or "Advertisement"), when it looks like a headline."""
    for i, line in enumerate(lines):
        label = classify(line.text, rules)
        if label == "boilerplate":
            continue
        return i if label == "body" and _looks_like_title(lines, i) else None
    return None


def _is_heading(line: Line, label: str) -> bool:
    return (
        label == "body"
        and len(line.text) <= HEADING_MAX_CHARS
        and len(line.text.split()) <= HEADING_MAX_WORDS
        and not ends_like_sentence(line.text, ".!?:;,")
    )


def label_lines(
    lines: list[Line], rules: Rules, detect_title: bool, forced: Mapping[int, str]
) -> list[str]:
    """One label per line: forced labels first, then title, continuation and patterns."""
    labels: list[str] = []
    headline = title_index(lines, rules) if detect_title else None
    for i, line in enumerate(lines):
        if line.start in forced:
            labels.append(forced[line.start])
        elif i == headline:
            labels.append("title")
        elif _is_continuation(lines, i) and labels[i - 1] in _CONTINUED:
            labels.append(labels[i - 1])
        else:
            labels.append(classify(line.text, rules))
    # A short line directly above a caption, in the same paragraph, is the caption's heading.
    for i in range(1, len(lines)):
        above = lines[i - 1]
        if (
            labels[i] == "caption"
            and labels[i - 1] != "caption"
            and above.para == lines[i].para
            and above.start not in forced
            and _is_heading(above, labels[i - 1])
        ):
            labels[i - 1] = "caption"
    return labels


def build_sections(lines: list[Line], labels: list[str]) -> tuple[Section, ...]:
    """Merge a paragraph's body lines, and wrapped lines, into one section each."""
    sections: list[Section] = []
    for i, (line, label) in enumerate(zip(lines, labels)):
        previous = sections[-1] if sections else None
        if (
            previous is not None
            and previous.label == label
            and lines[i - 1].para == line.para
            and (label == "body" or _is_continuation(lines, i))
        ):
            sections[-1] = Section(label, previous.start, line.end)
        else:
            sections.append(Section(label, line.start, line.end))
    return tuple(sections)


def segment(
    text: str,
    *,
    detect_title: bool = True,
    forced: Mapping[int, str] | None = None,
) -> tuple[Section, ...]:
    """Label the blocks of ``text``; sections are in order, disjoint and stripped.

    ``detect_title``: label the first line ``title`` when it looks like a headline.
    ``forced``: labels known from the source (an HTML figcaption, a metadata title), keyed
    by the offset where that line starts; they override the patterns.
    """
    lines = split_lines(text)
    if not lines:
        return ()
    labels = label_lines(lines, load_rules(), detect_title, forced or {})
    return split_location_datelines(text, build_sections(lines, labels))


def _dateline_prefixes() -> list[tuple[re.Pattern[str], int]]:
    """(pattern, longest prefix in characters) for each row of dateline_prefix.tsv."""
    path = Path(__file__).resolve().parents[1] / "data" / "segment" / "dateline_prefix.tsv"
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(re.compile(regex), int(limit)) for limit, regex in rows]


_PREFIXES: list[tuple[re.Pattern[str], int]] = []


def split_location_datelines(text: str, sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """'KHARKIV, Ukraine - Russian drones struck...': the place prefix is a dateline."""
    if not _PREFIXES:
        _PREFIXES.extend(_dateline_prefixes())
    out: list[Section] = []
    for section in sections:
        match = None
        if section.label == "body":
            body = text[section.start:section.end]
            match = next((m for p, limit in _PREFIXES if (m := p.match(body, 0, limit))), None)
        if match is None or match.end() >= section.end - section.start:
            out.append(section)
            continue
        out.append(Section("dateline", section.start, section.start + match.end(1)))
        out.append(Section("body", section.start + match.end(), section.end))
    return tuple(out)
