"""The stage protocol, the order check and the run loop (tidings.run.pipeline, tidings.run.stages)."""

from __future__ import annotations

import re

import pytest

from tidings.errors import PipelineError, StageError, StageOrderError
from tidings.ingest import read_text
from tidings.model import Document
from tidings.run.pipeline import READER_FIELDS, Pipeline, Stage, check_order, stage
from tidings.run.stages import build_pipeline

VERSIONED = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v\d+$")


def _same(doc: Document) -> Document:
    return doc


def _stage(name: str, reads: list[str], writes: list[str]) -> Stage:
    return stage(name, reads=reads, writes=writes)(_same)


def _doc(text: str = "Russia and Ukraine exchanged prisoners on Friday.") -> Document:
    return read_text(text, path="/corpus/swap.txt", published="2025-03-14T09:00:00+00:00")


# ---- the decorator


def test_stage_decorator_declares_reads_and_writes() -> None:
    st = _stage("demo.rules.v1", ["text"], ["sections"])
    assert st.name == "demo.rules.v1"
    assert st.reads == frozenset({"text"})
    assert st.writes == frozenset({"sections"})
    doc = _doc()
    assert st(doc) is doc


# ---- the order check


def test_check_order_accepts_fields_written_earlier() -> None:
    check_order([_stage("a.v1", ["text"], ["sections"]),
                 _stage("b.v1", ["sections", "published"], ["sentences"])])


def test_reader_fields_are_available_to_the_first_stage() -> None:
    check_order([_stage("a.v1", sorted(READER_FIELDS), ["sections"])])


def test_check_order_names_the_stage_and_the_missing_field() -> None:
    stages = [_stage("sections.rules.v1", ["text"], ["sections"]),
              _stage("geo.early.v1", ["sections", "mentions"], ["places"]),
              _stage("nlp.spacy.v1", ["sections"], ["mentions"])]
    with pytest.raises(StageOrderError) as info:
        check_order(stages)
    message = str(info.value)
    assert "geo.early.v1" in message
    assert "mentions" in message
    assert isinstance(info.value, PipelineError)


def test_a_field_written_later_does_not_count() -> None:
    with pytest.raises(StageOrderError, match="events"):
        check_order([_stage("link.v1", ["events"], ["events"]),
                     _stage("events.rules.v1", ["text"], ["events"])])


def test_pipeline_checks_order_before_any_run() -> None:
    ran: list[str] = []

    def record(doc: Document) -> Document:
        ran.append("x")
        return doc

    good = stage("a.v1", reads=["text"], writes=["sections"])(record)
    bad = stage("b.v1", reads=["attributions"], writes=["events"])(record)
    with pytest.raises(StageOrderError, match="b.v1"):
        Pipeline([good, bad])
    assert ran == []


def test_check_order_with_a_custom_set_of_available_fields() -> None:
    st = _stage("a.v1", ["parses"], ["actors"])
    check_order([st], available=frozenset({"parses"}))
    with pytest.raises(StageOrderError, match="parses"):
        check_order([st], available=frozenset())


# ---- the run loop


def test_failing_stage_raises_stage_error_naming_stage_and_document() -> None:
    def explode(doc: Document) -> Document:
        raise ValueError("gazetteer table is empty")

    failing = stage("places.geonames.v1", reads=["sections"], writes=["places"])(explode)
    pipeline = Pipeline([_stage("sections.rules.v1", ["text"], ["sections"]), failing])
    doc = _doc()
    with pytest.raises(StageError) as info:
        pipeline(doc)
    err = info.value
    assert err.stage == "places.geonames.v1"
    assert err.document == "/corpus/swap.txt"
    assert isinstance(err.cause, ValueError)
    assert "places.geonames.v1" in str(err) and "/corpus/swap.txt" in str(err)
    assert "gazetteer table is empty" in str(err)
    assert "\n" not in str(err)
    assert isinstance(err.__cause__, ValueError)


def test_stage_error_falls_back_to_document_id_without_a_path() -> None:
    def explode(doc: Document) -> Document:
        raise KeyError("x")

    doc = _doc().with_(path="")
    with pytest.raises(StageError) as info:
        Pipeline([stage("boom.v1", reads=["text"], writes=["events"])(explode)])(doc)
    assert info.value.document == doc.id
    assert doc.id in str(info.value)


def test_stages_run_in_order_and_pass_the_document_on() -> None:
    seen: list[str] = []

    def first(doc: Document) -> Document:
        seen.append("first")
        return doc.with_(title="First")

    def second(doc: Document) -> Document:
        seen.append(f"second saw {doc.title}")
        return doc.with_(url="https://example.org/a")

    pipeline = Pipeline([stage("one.v1", reads=["text"], writes=["title"])(first),
                         stage("two.v1", reads=["title"], writes=["url"])(second)])
    out = pipeline(_doc())
    assert seen == ["first", "second saw First"]
    assert (out.title, out.url) == ("First", "https://example.org/a")
    assert pipeline.names == ("one.v1", "two.v1")


# ---- the default pipeline


def test_build_pipeline_passes_the_order_check() -> None:
    pipeline = build_pipeline()
    check_order(pipeline.stages)
    assert len(pipeline.stages) >= 9


def test_default_stage_order() -> None:
    names = build_pipeline().names
    order = ["sections", "nlp", "actors", "places", "times", "attribution", "events", "link",
             "dedupe"]
    positions = [next(i for i, n in enumerate(names) if n.startswith(prefix)) for prefix in order]
    assert positions == sorted(positions)


def test_default_stage_names_are_versioned_and_unique() -> None:
    names = build_pipeline().names
    assert len(set(names)) == len(names)
    for name in names:
        assert isinstance(name, str)
        assert VERSIONED.match(name), name


def test_every_field_a_default_stage_reads_is_written_before_it() -> None:
    have = set(READER_FIELDS)
    for st in build_pipeline().stages:
        assert st.reads <= have, (st.name, sorted(st.reads - have))
        have |= st.writes
    assert {"events", "attributions", "places", "times", "actors"} <= have


def test_default_pipeline_with_a_stage_removed_fails_the_check() -> None:
    stages = [st for st in build_pipeline().stages if not st.name.startswith("nlp.")]
    with pytest.raises(StageOrderError) as info:
        check_order(stages)
    assert "actors.kb.v1" in str(info.value) and "parses" in str(info.value)
