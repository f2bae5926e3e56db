"""The event lexicons (tidings.events.lexicon): bundled data, user trigger files, versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.api import process_text
from tidings.errors import DataError
from tidings.events.lexicon import PLOVER_TYPES, Lexicon, load_lexicon
from tidings.settings import Settings

PUBLISHED = "2025-03-14T09:00:00+00:00"
SNUB_TEXT = "Hungary snubbed Ukraine at the summit in Brussels on Thursday."
HEADER = "# lemma\tpos\ttype\tmode\tcameo\tneeds\n"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def user_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("lexicon") / "snub.tsv"
    path.write_text(HEADER + "snub\tV\tREJECT\t\t120\t\n", encoding="utf-8")
    return str(path)


def _write(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


# ---- the bundled lexicon


def test_plover_has_sixteen_types() -> None:
    assert len(PLOVER_TYPES) == 16
    assert len(set(PLOVER_TYPES)) == 16


def test_bundled_lexicon_loads(lex: Lexicon) -> None:
    assert sum(len(rules) for rules in lex.rules.values()) > 100
    assert lex.rules_for("attack", "V")[0].event_type == "ASSAULT"
    assert lex.rules_for("talk", "N")[0].event_type == "CONSULT"
    assert lex.rules_for("no-such-lemma", "V") == ()


def test_every_rule_type_is_a_plover_type(lex: Lexicon) -> None:
    for (lemma, pos), rules in lex.rules.items():
        assert pos in ("V", "N"), lemma
        for rule in rules:
            assert rule.event_type in PLOVER_TYPES, (lemma, rule.event_type)
            assert rule.lemma == lemma and rule.pos == pos


def test_every_type_has_a_quad_class_and_a_score(lex: Lexicon) -> None:
    assert set(lex.quad) == set(PLOVER_TYPES)
    assert set(lex.score) == set(PLOVER_TYPES)
    assert all(q in (1, 2, 3, 4) for q in lex.quad.values())
    assert all(-10 <= s <= 10 for s in lex.score.values())
    assert lex.quad["ASSAULT"] == 4 and lex.quad["CONSULT"] == 1
    assert lex.intensity("ASSAULT", None) < 0 < lex.intensity("AID", None)


def test_mode_scores_refer_to_known_types(lex: Lexicon) -> None:
    for event_type, _mode in lex.mode_score:
        assert event_type in PLOVER_TYPES


def test_target_prepositions_are_keyed_by_plover_type(lex: Lexicon) -> None:
    assert set(lex.target_preps) <= set(PLOVER_TYPES)
    assert "on" in lex.target_preps["ASSAULT"]
    assert "with" in lex.target_preps["CONSULT"]


def test_cue_lists_are_loaded(lex: Lexicon) -> None:
    assert "say" in lex.cue("speech")
    assert "reportedly" in lex.cue("hedge")
    assert "deny" in lex.cue("deny")
    assert lex.cue("no-such-cue") == frozenset()


def test_constrained_rules_come_first(lex: Lexicon) -> None:
    for key, rules in lex.rules.items():
        flags = [bool(rule.needs) for rule in rules]
        assert flags == sorted(flags, reverse=True), key


def test_impose_sanctions_before_plain_strike(lex: Lexicon) -> None:
    strike = lex.rules_for("strike", "V")
    assert strike[0].needs and strike[0].event_type == "AGREE"  # "strike a deal"
    assert not strike[-1].needs and strike[-1].event_type == "ASSAULT"
    impose = {rule.event_type for rule in lex.rules_for("impose", "V")}
    assert {"SANCTION", "COERCE"} <= impose


def test_bundled_version_names_the_lexicon(lex: Lexicon) -> None:
    assert lex.version.startswith("events.rules.v3+")
    assert load_lexicon() is lex  # loaded once per set of files


# ---- user lexicon files


def test_user_file_adds_a_trigger(lex: Lexicon, user_file: str) -> None:
    assert lex.rules_for("snub", "V") == ()
    extended = load_lexicon((user_file,))
    [rule] = extended.rules_for("snub", "V")
    assert (rule.event_type, rule.cameo, rule.mode, rule.needs) == ("REJECT", "120", None, ())
    assert extended.rules_for("attack", "V") == lex.rules_for("attack", "V")


def test_user_trigger_is_coded_by_process_text(user_file: str) -> None:
    plain = process_text(SNUB_TEXT, published=PUBLISHED)
    assert not [e for e in plain.events if e.evidence.trigger.text == "snubbed"]
    doc = process_text(SNUB_TEXT, published=PUBLISHED,
                       settings=Settings(lexicon_files=(user_file,)))
    [event] = [e for e in doc.events if e.evidence.trigger.text == "snubbed"]
    assert event.event_type == "REJECT"
    assert event.cameo == "120"
    assert event.source is not None and event.source.country == "HUN"
    assert event.target is not None and event.target.country == "UKR"
    assert event.coder.lexicon == load_lexicon((user_file,)).version


def test_version_changes_with_the_user_file(tmp_path: Path, lex: Lexicon, user_file: str) -> None:
    one = load_lexicon((user_file,)).version
    other = _write(tmp_path, "shun.tsv", HEADER + "shun\tV\tREJECT\t\t120\t\n")
    two = load_lexicon((other,)).version
    assert len({lex.version, one, two}) == 3
    assert one.split("+")[0] == lex.version.split("+")[0] == "events.rules.v3"


def test_user_constrained_rule_is_tried_before_an_unconstrained_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "order.tsv", HEADER
                  + "jam\tV\tCOERCE\t\t171\t\n"
                  + "jam\tV\tASSAULT\t\t190\tobj:radar|signal\n")
    rules = load_lexicon((path,)).rules_for("jam", "V")
    assert [r.event_type for r in rules] == ["ASSAULT", "COERCE"]
    assert rules[0].needs == (("obj", frozenset({"radar", "signal"})),)


def test_comments_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "blank.tsv", HEADER + "\n# a note\n\nharass\tV\tCOERCE\t\t170\t\n")
    assert load_lexicon((path,)).rules_for("harass", "V")[0].event_type == "COERCE"


@pytest.mark.parametrize("row, line, words", [
    ("snub\tV\tREJECT\n", 3, "columns"),  # too few columns
    ("snub\tADJ\tREJECT\t\t120\t\n", 3, "ADJ"),  # no such part of speech
    ("snub\tV\tSCOLD\t\t120\t\n", 3, "SCOLD"),  # not a PLOVER type
    ("snub\tV\tREJECT\t\t120\tverb:rebuff\n", 3, "verb:rebuff"),  # unknown constraint kind
    ("snub\tV\tREJECT\t\t120\tobj:\n", 3, "obj:"),  # constraint without words
])
def test_malformed_user_file_names_file_and_line(tmp_path: Path, row: str, line: int,
                                                 words: str) -> None:
    path = _write(tmp_path, "broken.tsv", HEADER + "harass\tV\tCOERCE\t\t170\t\n" + row)
    with pytest.raises(DataError) as info:
        load_lexicon((path,))
    err = info.value
    assert err.path == path and err.line == line
    assert f"{path}:{line}" in str(err)
    assert words in str(err)


def test_missing_user_file_is_a_data_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.tsv")
    with pytest.raises(DataError) as info:
        load_lexicon((missing,))
    assert info.value.path == missing and missing in str(info.value)
