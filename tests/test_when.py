"""Date expressions (tidings.when): finding, resolving, relations, offsets, robustness."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.when import grammar as when_grammar
from tidings.errors import DataError
from tidings.model import TimeSpan
from tidings.when import find_times, resolve_relation

MON = datetime(2024, 7, 29, 14, 30)  # a Monday afternoon
JAN = datetime(2025, 1, 8, 9, 0)  # a Wednesday in January
D = date

CASES = [  # expression, published, start, end, precision, basis
    # absolute in the text
    ("July 24, 2024", MON, D(2024, 7, 24), D(2024, 7, 24), "day", "text"),
    ("24 July 2024", MON, D(2024, 7, 24), D(2024, 7, 24), "day", "text"),
    ("Wednesday, July 24, 2024", MON, D(2024, 7, 24), D(2024, 7, 24), "day", "text"),
    ("Dec. 8, 2023", MON, D(2023, 12, 8), D(2023, 12, 8), "day", "text"),
    ("the 8th of December 2023", MON, D(2023, 12, 8), D(2023, 12, 8), "day", "text"),
    ("2024-07-24", MON, D(2024, 7, 24), D(2024, 7, 24), "day", "text"),
    ("March 2023", MON, D(2023, 3, 1), D(2023, 3, 31), "month", "text"),
    ("December of 2003", MON, D(2003, 12, 1), D(2003, 12, 31), "month", "text"),
    ("February 2024", MON, D(2024, 2, 1), D(2024, 2, 29), "month", "text"),
    ("in 2023", MON, D(2023, 1, 1), D(2023, 12, 31), "year", "text"),
    ("mid-March 2023", MON, D(2023, 3, 11), D(2023, 3, 20), "month", "text"),
    ("late 2023", MON, D(2023, 9, 1), D(2023, 12, 31), "year", "text"),
    ("early 2024", MON, D(2024, 1, 1), D(2024, 4, 30), "year", "text"),
    ("Feb 29, 2024", MON, D(2024, 2, 29), D(2024, 2, 29), "day", "text"),
    # the year from publication
    ("on 24 July", MON, D(2024, 7, 24), D(2024, 7, 24), "day", "relative"),
    ("on Dec. 8", MON, D(2023, 12, 8), D(2023, 12, 8), "day", "relative"),
    ("December 8th", JAN, D(2024, 12, 8), D(2024, 12, 8), "day", "relative"),
    ("Aug. 2", MON, D(2024, 8, 2), D(2024, 8, 2), "day", "relative"),  # within the grace
    ("in March", MON, D(2024, 3, 1), D(2024, 3, 31), "month", "relative"),
    ("in March", JAN, D(2024, 3, 1), D(2024, 3, 31), "month", "relative"),
    ("late November", JAN, D(2024, 11, 21), D(2024, 11, 30), "month", "relative"),
    ("late November", MON, D(2023, 11, 21), D(2023, 11, 30), "month", "relative"),
    ("early March", MON, D(2024, 3, 1), D(2024, 3, 10), "month", "relative"),
    ("mid-July", MON, D(2024, 7, 11), D(2024, 7, 20), "month", "relative"),
    ("the end of June", MON, D(2024, 6, 21), D(2024, 6, 30), "month", "relative"),
    ("last March", MON, D(2024, 3, 1), D(2024, 3, 31), "month", "relative"),
    ("next March", MON, D(2025, 3, 1), D(2025, 3, 31), "month", "relative"),
    # deictic days and weekdays
    ("today", MON, D(2024, 7, 29), D(2024, 7, 29), "day", "relative"),
    ("tonight", MON, D(2024, 7, 29), D(2024, 7, 29), "day", "relative"),
    ("yesterday", MON, D(2024, 7, 28), D(2024, 7, 28), "day", "relative"),
    ("last night", MON, D(2024, 7, 28), D(2024, 7, 28), "day", "relative"),
    ("tomorrow", MON, D(2024, 7, 30), D(2024, 7, 30), "day", "relative"),
    ("the day before yesterday", MON, D(2024, 7, 27), D(2024, 7, 27), "day", "relative"),
    ("on Sunday", MON, D(2024, 7, 28), D(2024, 7, 28), "day", "relative"),
    ("Monday", MON, D(2024, 7, 29), D(2024, 7, 29), "day", "relative"),  # publication day
    ("Tuesday", MON, D(2024, 7, 23), D(2024, 7, 23), "day", "relative"),
    ("Friday night", JAN, D(2025, 1, 3), D(2025, 1, 3), "day", "relative"),
    ("last Monday", MON, D(2024, 7, 22), D(2024, 7, 22), "day", "relative"),
    ("next Tuesday", MON, D(2024, 7, 30), D(2024, 7, 30), "day", "relative"),
    ("this Friday", MON, D(2024, 8, 2), D(2024, 8, 2), "day", "relative"),
    # weeks, months, years around publication
    ("last week", MON, D(2024, 7, 22), D(2024, 7, 28), "week", "relative"),
    ("this week", MON, D(2024, 7, 29), D(2024, 8, 4), "week", "relative"),
    ("next week", MON, D(2024, 8, 5), D(2024, 8, 11), "week", "relative"),
    ("last weekend", MON, D(2024, 7, 27), D(2024, 7, 28), "week", "relative"),
    ("last month", MON, D(2024, 6, 1), D(2024, 6, 30), "month", "relative"),
    ("last month", JAN, D(2024, 12, 1), D(2024, 12, 31), "month", "relative"),
    ("next month", MON, D(2024, 8, 1), D(2024, 8, 31), "month", "relative"),
    ("last year", MON, D(2023, 1, 1), D(2023, 12, 31), "year", "relative"),
    ("earlier this month", MON, D(2024, 7, 1), D(2024, 7, 29), "month", "relative"),
    ("earlier this week", MON, D(2024, 7, 29), D(2024, 7, 29), "week", "relative"),
    ("later this year", MON, D(2024, 7, 29), D(2024, 12, 31), "year", "relative"),
    ("two days ago", MON, D(2024, 7, 27), D(2024, 7, 27), "day", "relative"),
    ("a day ago", MON, D(2024, 7, 28), D(2024, 7, 28), "day", "relative"),
    ("three weeks ago", MON, D(2024, 7, 8), D(2024, 7, 14), "week", "relative"),
    ("two months ago", MON, D(2024, 5, 1), D(2024, 5, 31), "month", "relative"),
    ("15 hours ago", MON, D(2024, 7, 28), D(2024, 7, 28), "day", "relative"),
    ("the past week", MON, D(2024, 7, 22), D(2024, 7, 29), "week", "relative"),
]


@pytest.mark.parametrize("expr, published, start, end, precision, basis", CASES,
                         ids=[f"{c[0]}@{c[1]:%Y-%m-%d}" for c in CASES])
def test_expression_table(expr: str, published: datetime, start: date, end: date,
                          precision: str, basis: str) -> None:
    sentence = f"Officials said the talks, held {expr}, went well."
    spans = find_times(sentence, 0, published)
    assert len(spans) == 1, spans
    span = spans[0]
    assert (span.start, span.end, span.precision, span.basis) == (start, end, precision, basis)
    shown = re.sub(r"^(in|on) ", "", expr)  # the preposition stays out of the span
    assert span.text == shown
    assert sentence[span.span_start:span.span_end] == shown  # type: ignore[misc]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("sentence, text", [
    ("Talks were held on July 24, 2024 in Doha.", "July 24, 2024"),
    ("Rockets hit the town on Sunday.", "Sunday"),
    ("Fighting resumed in March.", "March"),
    ("Output fell in 2023.", "2023"),
    ('"Three weeks ago, we heard about deaths," she said.', "Three weeks ago"),
    ("Yesterday, police said, the bridge fell.", "Yesterday"),
])
def test_prepositions_and_quotes_stay_out_of_the_span(sentence: str, text: str) -> None:
    [span] = find_times(sentence, 0, MON)
    assert span.text == text


def test_offsets_are_document_offsets() -> None:
    document = "HEADLINE\n\nOn Sunday, rebels attacked. Two days later, they left on July 4, 2024."
    section_start = document.index("On Sunday")
    spans = find_times(document[section_start:], section_start, MON)
    assert [s.text for s in spans] == ["Sunday", "Two days later", "July 4, 2024"]
    for span in spans:
        assert document[span.span_start:span.span_end] == span.text  # type: ignore[misc]


def test_several_expressions_in_one_sentence() -> None:
    spans = find_times("From August 2006 till September 9, 2007, and again last week.", 0, MON)
    assert [(s.start, s.precision) for s in spans] == [
        (D(2006, 8, 1), "month"), (D(2007, 9, 9), "day"), (D(2024, 7, 22), "week")]


@pytest.mark.parametrize("sentence, relation, text", [
    ("The army struck two days prior to the operation in Gaza.", "-2 days: the operation",
     "two days prior to the operation"),
    ("A day after the attack on the embassy, talks resumed.", "+1 day: the attack",
     "A day after the attack"),
    ("Hours before the vote, the polls closed.", "-some hours: the vote",
     "Hours before the vote"),
    ("The night before the raid, lights went out.", "-1 day: the raid",
     "The night before the raid"),
    ("Two days later they returned.", "+2 days: (previous event)", "Two days later"),
    ("The next day, the army withdrew.", "+1 day: (previous event)", "The next day"),
    ("Three weeks after the ceasefire, fighting resumed.", "+3 weeks: the ceasefire",
     "Three weeks after the ceasefire"),
])
def test_anchored_relations_never_fall_back_to_publication(sentence: str, relation: str,
                                                           text: str) -> None:
    [span] = find_times(sentence, 0, MON)
    at = sentence.index(text)
    assert span == TimeSpan(None, None, "unknown", text=text, basis="relation", span_start=at,
                            span_end=at + len(text), relation=relation)


def test_resolve_relation_against_an_anchor() -> None:
    [span] = find_times("two days prior to the operation", 0, MON)
    [anchor] = find_times("the operation began on July 10, 2024", 0, MON)
    done = resolve_relation(span, anchor)
    assert (done.start, done.end, done.precision, done.basis) == (
        D(2024, 7, 8), D(2024, 7, 8), "day", "relation")
    assert done.relation == span.relation and done.text == span.text
    weeks = resolve_relation(find_times("three weeks after the ceasefire", 0, MON)[0], anchor)
    assert (weeks.start, weeks.end, weeks.precision) == (D(2024, 7, 29), D(2024, 8, 4), "week")
    vague = resolve_relation(find_times("days before the vote", 0, MON)[0], anchor)
    assert (vague.start, vague.end, vague.precision) == (D(2024, 7, 4), D(2024, 7, 9), "week")
    hours = resolve_relation(find_times("hours after the vote", 0, MON)[0], anchor)
    assert (hours.start, hours.precision) == (D(2024, 7, 10), "day")
    month = TimeSpan(D(2024, 3, 1), D(2024, 3, 31), "month")
    later = resolve_relation(find_times("a month after the vote", 0, MON)[0], month)
    assert (later.start, later.end, later.precision) == (D(2024, 4, 1), D(2024, 4, 30), "month")


def test_resolve_relation_leaves_other_spans_alone() -> None:
    [plain] = find_times("on Sunday", 0, MON)
    assert resolve_relation(plain, plain) is plain
    [rel] = find_times("a day after the attack", 0, MON)
    assert resolve_relation(rel, TimeSpan(None, None, "unknown")) is rel


def test_relation_to_a_date_is_settled_at_once() -> None:
    [span] = find_times("Two days after July 4, 2024, the talks failed.", 0, MON)
    assert (span.start, span.precision, span.basis) == (D(2024, 7, 6), "day", "text")
    assert span.text == "Two days after July 4, 2024" and span.relation == "+2 days: July 4, 2024"


def test_without_publication_relative_expressions_stay_open() -> None:
    spans = find_times("Yesterday and on Sunday, and on Dec. 8, but also July 4, 2024.", 0, None)
    assert [(s.text, s.start, s.precision, s.basis) for s in spans] == [
        ("Yesterday", None, "unknown", "relative"), ("Sunday", None, "unknown", "relative"),
        ("Dec. 8", None, "unknown", "relative"), ("July 4, 2024", D(2024, 7, 4), "day", "text")]
    assert spans[0].relation == "yesterday: publication date"
    assert spans[2].relation == "dec. 8: publication year"


def test_future_tense_picks_the_next_occurrence() -> None:
    [span] = find_times("The vote will be held on Sunday.", 0, MON, future=True)
    assert span.start == D(2024, 8, 4)
    [month] = find_times("Elections are due in March.", 0, MON, future=True)
    assert month.start == D(2025, 3, 1)


def test_caption_dates_are_marked() -> None:
    [span] = find_times("Protesters march in Kyiv today.", 0, MON, today_is_caption=True)
    assert (span.start, span.basis) == (D(2024, 7, 29), "caption")
    [absolute] = find_times("Kyiv, July 4, 2024.", 0, MON, today_is_caption=True)
    assert absolute.basis == "text"


def test_timezone_aware_publication() -> None:
    published = datetime(2024, 7, 29, 1, 0, tzinfo=UTC)
    [span] = find_times("two hours ago", 0, published)
    assert span.start == D(2024, 7, 28)


@pytest.mark.parametrize("sentence", [
    "It happened on 32 Febtember.", "In the year 99999 nothing.", "On Feb 30 they met.",
    "On February 30, 2024 they met.", "In 0000.", "On 8/12 they met.", "On 12/08/2024 they met.",
    "1000000 days ago", "99999999 days before the vote", "on 2024-13-45", "Good Friday prayers",
    "It may rain.", "She will march on.", "in 1500 homes",
])
def test_absurd_and_ambiguous_dates_are_skipped(sentence: str) -> None:
    assert find_times(sentence, 0, MON) == []


def test_data_errors_name_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "months.tsv").write_text("January\tone\n", encoding="utf-8")
    monkeypatch.setattr(when_grammar, "DATA_DIR", tmp_path)  # the grammar loader reads them
    with pytest.raises(DataError, match="months.tsv"):
        when_grammar._ints("months.tsv")
    (tmp_path / "units.tsv").write_text("day\n", encoding="utf-8")
    with pytest.raises(DataError, match="units.tsv:1"):
        when_grammar._rows("units.tsv", 2)


def test_nothing_found_in_sentences_without_dates() -> None:
    # the per-sentence cost is measured by bench/loading.py (make bench), not asserted here
    words = ("the minister said rebels attacked a convoy near the border and officials "
             "counted 120 wounded after talks in Geneva stalled this").split()
    sentences = [" ".join(words[i % 7:] + words[:i % 7]) + "." for i in range(50)]
    assert all(find_times(sentence, 0, MON) == [] for sentence in sentences)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.datetimes()), st.booleans(),
       st.booleans())
def test_never_raises(text: str, published: datetime | None, caption: bool, future: bool) -> None:
    for span in find_times(text, 7, published, caption, future):
        assert span.span_start is not None and span.span_end is not None
        assert text[span.span_start - 7:span.span_end - 7] == span.text


DATEISH = st.lists(st.sampled_from([
    "on", "in", "Sunday", "March", "Feb", "30", "29", "2024", "9999", "0", "days", "ago", "a",
    "two", "before", "after", "the", "vote", "late", "mid-", "early", "last", "next", "week",
    "of", "8th", "Dec.", ",", "later", "hours", "1000", "this", "month", "year", "-"]),
    max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(DATEISH, st.one_of(st.none(), st.datetimes(min_value=datetime(1, 1, 2),
                                                      max_value=datetime(9999, 12, 30))))
def test_never_raises_on_date_like_text(text: str, published: datetime | None) -> None:
    for span in find_times(text, 0, published):
        assert span.precision in ("day", "week", "month", "year", "unknown")
        if span.start is not None and span.end is not None:
            assert span.start <= span.end
        assert re.sub(r"\s+", " ", span.text or "").strip()
