"""A faster stand-in for the model's attribute ruler, giving the same annotations.

``en_core_web_sm``'s attribute ruler is a tag map (fine tag -> part of speech and
morphology) plus about 70 exceptions on the word, the dependency label or the next word,
run as 179 Matcher patterns and one Python call per match: about 15% of the parse time.
Every pattern it holds tests only a token's TAG, LOWER, DEP and IS_SPACE, so what a
token gets depends only on those four values (and, for the few two-word patterns, on its
neighbour's). ``FastAttributeRuler`` compiles the ruler's own patterns into per-token
predicates, caches the outcome per distinct (TAG, LOWER, DEP, IS_SPACE), and writes the
attributes with one ``Doc.from_array``.

It keeps the ruler's semantics: all patterns are matched before anything is written, and
where several rules set the same attribute of a token the later rule wins. A ruler holding
anything else (operators, other attributes, extension attributes) is left in place
(``compile_rules`` returns None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

# What a token is matched on, in this order, as ``Doc.to_array`` gives it.
FEATURES = (TAG, LOWER, DEP, IS_SPACE)
# What a rule may write, in this order.
WRITES = (POS, MORPH, LEMMA, TAG, DEP)
_FEATURE_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_WRITE_COLUMN = {attr: col for col, attr in enumerate(WRITES)}

Key = tuple[int, int, int, int]
Predicate = Callable[[Key], bool]


@dataclass(frozen=True)
class Rule:
    order: int  # the ruler's attribute id: later rules win
    tokens: tuple[Predicate, ...]  # one per word of the pattern
    index: int  # which word of the match gets the attributes (may be negative)
    writes: tuple[tuple[int, int], ...]  # (column in WRITES, value)
    tag_only: bool = False  # whether the first word's test reads the fine tag alone


class Unsupported(ValueError):
    """A pattern this module cannot reproduce exactly."""


def _value_test(attr: str, value: Any, strings: Any) -> Callable[[int], bool]:
    """A test on one feature's integer value, as the Matcher compares it."""
    def as_int(v: Any) -> int:
        if isinstance(v, bool) or attr == "IS_SPACE":
            if not isinstance(v, (bool, int)):
                raise Unsupported(f"{attr}: {v!r}")
            return int(v)
        if isinstance(v, str):
            return strings.add(v)
        raise Unsupported(f"{attr}: {v!r}")

    if not isinstance(value, dict):
        wanted = as_int(value)
        return lambda x: x == wanted
    if len(value) != 1:
        raise Unsupported(f"{attr}: {value!r}")
    (op, arg), = value.items()
    if op == "IN":
        among = frozenset(as_int(v) for v in arg)
        return lambda x: x in among
    if op == "NOT_IN":
        among = frozenset(as_int(v) for v in arg)
        return lambda x: x not in among
    if op == "REGEX" and attr != "IS_SPACE":
        # The Matcher searches the attribute's string; cache per value.
        pattern, seen = re.compile(arg), {}

        def search(x: int) -> bool:
            if x not in seen:
                seen[x] = bool(pattern.search(strings[x]))
            return seen[x]
        return search
    raise Unsupported(f"{attr}: {value!r}")


def _token_test(spec: dict[Any, Any], strings: Any) -> tuple[Predicate, frozenset[int]]:
    """A predicate on a token's key, and the key columns it reads."""
    tests = []
    for name, value in spec.items():
        attr = name.upper() if isinstance(name, str) else None
        if attr not in _FEATURE_COLUMN:
            raise Unsupported(f"pattern attribute {name!r}")
        tests.append((_FEATURE_COLUMN[attr], _value_test(attr, value, strings)))
    return (lambda key: all(test(key[col]) for col, test in tests),
            frozenset(col for col, _ in tests))


def compile_rules(ruler: Any) -> list[Rule] | None:
    """The rules of a spaCy ``AttributeRuler``, or None when one cannot be reproduced."""
    strings = ruler.vocab.strings
    rules = []
    try:
        for order, (found, attrs) in enumerate(zip(ruler.patterns, ruler.attrs)):
            if any(attr not in _WRITE_COLUMN for attr in attrs):
                raise Unsupported(f"writes {sorted(attrs)}")
            writes = tuple((_WRITE_COLUMN[a], int(v)) for a, v in attrs.items())
            for pattern in found["patterns"]:
                if not pattern or not all(isinstance(t, dict) for t in pattern):
                    raise Unsupported(f"pattern {pattern!r}")
                tests = [_token_test(t, strings) for t in pattern]
                tokens = tuple(test for test, _ in tests)
                if not -len(tokens) <= found["index"] < len(tokens):
                    raise Unsupported(f"index {found['index']} in {pattern!r}")
                rules.append(Rule(order, tokens, found["index"], writes,
                                  tag_only=tests[0][1] == {_FEATURE_COLUMN["TAG"]}))
    except Unsupported:
        return None
    return rules


class FastAttributeRuler:
    """Sets what the model's attribute ruler sets, from ``compile_rules``' rules."""

    def __init__(self, rules: list[Rule]) -> None:
        self.single = [r for r in rules if len(r.tokens) == 1]
        self.multi = [r for r in rules if len(r.tokens) > 1]
        # (TAG, LOWER, DEP, IS_SPACE) -> (the single-word rules it matches as (order,
        # writes), their writes merged, the multi-word rules whose first word it matches)
        self._cache: dict[Key, tuple[list[tuple[int, tuple]], tuple, tuple[Rule, ...]]] = {}
        # Most rules are the tag map: their outcome depends on the tag alone, so a word
        # first seen costs the few word rules, not all 179.
        self._by_tag: dict[int, tuple[list[Rule], list[Rule]]] = {}
        self._word_rules = [r for r in rules if not r.tag_only]

    def _lookup(self, key: Key) -> tuple[list[tuple[int, tuple]], tuple, tuple[Rule, ...]]:
        found = self._cache.get(key)
        if found is None:
            tagged = self._by_tag.get(key[0])
            if tagged is None:
                tagged = self._by_tag[key[0]] = (
                    [r for r in self.single if r.tag_only and r.tokens[0](key)],
                    [r for r in self.multi if r.tag_only and r.tokens[0](key)])
            worded = [r for r in self._word_rules if r.tokens[0](key)]
            matched = sorted(tagged[0] + tagged[1] + worded, key=lambda r: r.order)
            hits = [(r.order, r.writes) for r in matched if len(r.tokens) == 1]
            starts = tuple(r for r in matched if len(r.tokens) > 1)
            found = self._cache[key] = (hits, _merge(hits), starts)
        return found

    def __call__(self, doc: Any) -> Any:
        import numpy

        if not len(doc):
            return doc
        keys = [tuple(row) for row in doc.to_array(list(FEATURES)).tolist()]
        rows = doc.to_array(list(WRITES)).tolist()
        extra: dict[int, list[tuple[int, tuple]]] = {}
        for i, key in enumerate(keys):
            hits, merged, starts = self._lookup(key)
            row = rows[i]
            for col, value in merged:
                row[col] = value
            for rule in starts:
                span = len(rule.tokens)
                if i + span <= len(keys) and all(
                        test(keys[i + k]) for k, test in enumerate(rule.tokens) if k):
                    target = i + (rule.index % span)
                    extra.setdefault(target, []).append((rule.order, rule.writes))
        if extra:
            # Tokens a multi-word rule reaches: merge all their rules again in rule order.
            fresh = doc.to_array(list(WRITES)).tolist()
            for target, more in extra.items():
                row = rows[target] = fresh[target]
                for col, value in _merge(self._lookup(keys[target])[0] + more):
                    row[col] = value
        doc.from_array(list(WRITES), numpy.array(rows, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def _merge(hits: list[tuple[int, tuple]]) -> tuple[tuple[int, int], ...]:
    """The writes of several rules, the later rule winning for each attribute."""
    final: dict[int, int] = {}
    for _, writes in sorted(hits, key=lambda hit: hit[0]):
        final.update(writes)
    return tuple(final.items())


FACTORY = "tidings_fast_attribute_ruler"


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=lambda nlp, name: FastAttributeRuler([]))


def speed_up(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by a ``FastAttributeRuler`` with the same
    rules, in place and under the same name; False (nothing changed) when it cannot."""
    if name not in nlp.pipe_names:
        return False
    rules = compile_rules(nlp.get_pipe(name))
    if rules is None:
        return False
    _register()
    fast = nlp.replace_pipe(name, FACTORY)
    fast.__init__(rules)
    return True
