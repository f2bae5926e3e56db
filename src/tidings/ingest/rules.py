"""Load the line patterns of ``tidings/data/segment/*.tsv``: the one place they are read.

The patterns are data, not code, so that a new outlet's boilerplate or caption style can be
handled by adding a line to a file. The file format is described in that folder's README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataError

RULE_FILES: tuple[str, ...] = ("boilerplate", "caption", "dateline", "date")
# Lines longer than this are never labelled by a pattern (a caption, dateline or boilerplate
# line is short); the bound also keeps every pattern's worst case small on hostile input.
MAX_LINE = 2000


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern and the longest line (in characters) it may label; None: no limit."""

    pattern: re.Pattern[str]
    limit: int | None

    def matches(self, line: str) -> bool:
        if len(line) > (self.limit if self.limit is not None else MAX_LINE):
            return False
        return self.pattern.search(line) is not None


@dataclass(frozen=True, slots=True)
class Rules:
    boilerplate: tuple[Rule, ...]
    caption: tuple[Rule, ...]
    dateline: tuple[Rule, ...]
    date: tuple[Rule, ...]


def parse_rules(text: str, name: str) -> tuple[Rule, ...]:
    """Parse one rule file's text; a bad line raises DataError naming the file and line."""
    rules: list[Rule] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        limit_text, tab, regex = raw.strip(" ").partition("\t")
        if not tab or not regex.strip():
            raise DataError(name, "expected LIMIT<TAB>REGEX", number)
        limit_text = limit_text.strip()
        if limit_text != "-" and not limit_text.isdigit():
            raise DataError(name, f"limit {limit_text!r} is neither a number nor '-'", number)
        try:
            pattern = re.compile(regex.strip(), re.IGNORECASE)
        except re.error as exc:
            raise DataError(name, f"bad regular expression: {exc}", number) from exc
        rules.append(Rule(pattern, None if limit_text == "-" else int(limit_text)))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The bundled rules, read once per process."""
    folder = resources.files("tidings").joinpath("data", "segment")
    loaded: dict[str, tuple[Rule, ...]] = {}
    for stem in RULE_FILES:
        path = folder.joinpath(f"{stem}.tsv")
        loaded[stem] = parse_rules(path.read_text(encoding="utf-8"), str(path))
    return Rules(**loaded)


def first_match(rules: tuple[Rule, ...], line: str) -> bool:
    return any(rule.matches(line) for rule in rules)
