"""Plain text ingest: header block, title and dateline detection, section labels, offsets."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.errors import EmptyInput, MalformedInput
from tidings.ingest import iter_documents, read_text, segment
from tidings.model import SECTION_LABELS, Document

REPO = Path(__file__).parents[1]
EXAMPLES = REPO / "examples"
SEED = REPO.parent / "shared" / "seed" / "000_e19aa4795e690048.txt"


def labelled(doc: Document) -> list[tuple[str, str]]:
    return [(s.label, doc.text[s.start : s.end]) for s in doc.sections]


def label_of(doc: Document, fragment: str) -> str:
    start = doc.text.index(fragment)
    section = doc.section_of(start)
    assert section is not None, f"{fragment!r} is in no section"
    return section.label


def assert_offsets(doc: Document) -> None:
    """Sections in order, disjoint, non-empty, stripped, and slicing the text."""
    end = 0
    for section in doc.sections:
        assert section.label in SECTION_LABELS
        assert end <= section.start < section.end <= len(doc.text)
        piece = doc.text[section.start : section.end]
        assert piece == piece.strip() and piece
        end = section.end


HEADERED = """Title: Ministers agree to resume border talks
URL: https://www.example.org/world/border-talks
Outlet: Example Times
Published: 2025-03-03T14:02:00+02:00
ID: ex-123

GENEVA - The foreign ministers of Armenia and Azerbaijan agreed on Monday to resume talks
on demarcating their border, the Swiss foreign ministry said.

"We have a date and a venue," a Swiss diplomat told reporters.
"""


def test_header_block_fills_metadata_and_puts_title_first() -> None:
    doc = read_text(HEADERED, path="a.txt")
    assert doc.title == "Ministers agree to resume border talks"
    assert doc.url == "https://www.example.org/world/border-talks"
    assert doc.outlet == "Example Times"
    assert doc.published == datetime(2025, 3, 3, 12, 2, tzinfo=UTC)
    assert doc.key == "ex-123"
    assert doc.format == "text" and doc.path == "a.txt"
    assert "URL:" not in doc.text and "Outlet:" not in doc.text
    assert doc.text.startswith("Ministers agree to resume border talks\n\nGENEVA")
    assert doc.sections[0].label == "title"
    # "GENEVA - ..." opens the body with a location dateline, split off as its own section
    assert [s.label for s in doc.sections[1:]] == ["dateline", "body", "body"]
    assert doc.text[doc.sections[1].start:doc.sections[1].end] == "GENEVA"
    assert doc.id == "sha256:" + hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.ingested_at is not None and doc.ingested_at.tzinfo is not None
    assert_offsets(doc)


def test_header_keys_are_case_insensitive_and_key_falls_back_to_url_then_path() -> None:
    doc = read_text("TITLE: Talks resume\nurl: https://www.news.example/a\n\nBody text here.", path="x.txt")
    assert doc.title == "Talks resume"
    assert doc.key == "https://www.news.example/a"
    assert doc.outlet == "news.example"  # from the url, without www.
    assert read_text("Title: Talks resume\n\nBody text here.", path="x.txt").key == "x.txt"


def test_header_title_already_in_text_is_not_repeated() -> None:
    doc = read_text("Title: Talks resume\n\nTalks resume\n\nThe talks resumed on Monday.")
    assert doc.text == "Talks resume\n\nThe talks resumed on Monday."
    assert labelled(doc)[0] == ("title", "Talks resume")


def test_meta_arguments_win_over_the_header() -> None:
    doc = read_text(HEADERED, title="Other title", published="2024-01-02")
    assert doc.title == "Other title"
    assert doc.published == datetime(2024, 1, 2, tzinfo=UTC)
    with pytest.raises(TypeError):
        read_text("Some text.", author="me")


def test_a_colon_line_that_is_no_header_stays_in_the_text() -> None:
    text = "Breaking: rebels enter the capital\n\nRebels entered the capital on Sunday, witnesses said."
    doc = read_text(text)
    assert doc.text == text
    assert doc.title == "Breaking: rebels enter the capital"


def test_bad_header_date_is_malformed() -> None:
    with pytest.raises(MalformedInput, match="not a date"):
        read_text("Title: T\nPublished: sometime soon\n\nText.", path="h.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published December 9th, 2024 - 07:08 GMT", datetime(2024, 12, 9, 7, 8, tzinfo=UTC)),
        ("Updated: 3 March 2025 14:02 UTC", datetime(2025, 3, 3, 14, 2, tzinfo=UTC)),
        ("By Jane Doe, Reuters | Dec 8, 2024", datetime(2024, 12, 8, tzinfo=UTC)),
        ("December 9, 2024", datetime(2024, 12, 9, tzinfo=UTC)),
        ("Monday 9 December 2024 07:08 GMT", datetime(2024, 12, 9, 7, 8, tzinfo=UTC)),
        ("Posted Dec. 8, 2024 3:45 p.m. EST", datetime(2024, 12, 8, 20, 45, tzinfo=UTC)),
        ("2024-12-09T07:08:00+01:00", datetime(2024, 12, 9, 6, 8, tzinfo=UTC)),
    ],
)
def test_dateline_detected_and_published_parsed(line: str, expected: datetime) -> None:
    text = f"Rebels seize airport in the north\n\n{line}\n\nRebels seized the airport on Sunday, officials said."
    doc = read_text(text)
    assert doc.title == "Rebels seize airport in the north"
    assert label_of(doc, line) == "dateline"
    assert doc.published == expected
    assert doc.published.tzinfo is not None


def test_sentences_that_look_like_datelines_stay_body() -> None:
    text = (
        "By Tuesday, the troops had withdrawn from the town.\n\n"
        "Published in 2019, the report found no evidence of the strike.\n\n"
        "December 9, 2024 was the day the government fell."
    )
    assert [s.label for s in segment(text)] == ["body", "body", "body"]
    assert read_text(text).published is None


@pytest.mark.parametrize("place", ["KHARKIV, Ukraine", "KINGSTOWN, St Vincent and the Grenadines",
                                   "SARAJEVO, Bosnia and Herzegovina", "GOMA (Reuters)"])
def test_a_location_dateline_opening_the_body_is_its_own_section(place: str) -> None:
    text = f"Talks end\n\n{place} - The two presidents agreed to meet again."
    sections = segment(text)
    assert [s.label for s in sections] == ["title", "dateline", "body"]
    assert text[sections[2].start:sections[2].end].startswith("The two presidents")


def test_title_is_detected_only_for_a_short_line_without_final_period() -> None:
    assert segment("Troops cross the river\n\nTroops crossed the river.")[0].label == "title"
    assert segment("Troops crossed the river on Monday.\n\nMore text.")[0].label == "body"
    long_line = "word " * 60
    assert segment(long_line + "\n\nMore text.")[0].label == "body"
    wrapped = "The army said on Monday that\nits troops had crossed the river."
    assert [s.label for s in segment(wrapped)] == ["body"]


CAPTIONS = """Protesters gather in the capital

Published March 3, 2025 - 10:00 GMT
Crowds in the square
Protesters wave flags in the main square on March 2, 2025. (Photo by Jane Roe / AFP)

The crowd grew through the afternoon, police said.

FILE PHOTO: A police officer stands guard outside parliament, REUTERS/John Smith
Photo: Ministry of Defence handout
In this handout image released by the army, soldiers patrol the border.
A tank moves near the front line. (AP Photo/Ivan Petrov)
Tanks on the road, 2 March 2025. Photograph: Ana Lopes/EPA
TOPSHOT - Soldiers patrol the border on March 1, 2025.

Officials said the protest was peaceful.
"""


def test_caption_lines_and_their_heading() -> None:
    doc = read_text(CAPTIONS)
    assert_offsets(doc)
    assert label_of(doc, "Crowds in the square") == "caption"
    for fragment in (
        "Protesters wave flags",
        "FILE PHOTO:",
        "Photo: Ministry",
        "In this handout image",
        "A tank moves",
        "Tanks on the road",
        "TOPSHOT -",
    ):
        assert label_of(doc, fragment) == "caption", fragment
    assert label_of(doc, "The crowd grew") == "body"
    assert label_of(doc, "Officials said") == "body"
    assert doc.published == datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


BOILERPLATE = """Ceasefire holds for a second day

The ceasefire held on Tuesday, the U.N. said.

READ: What the ceasefire deal says
RELATED: Talks to resume next week
Read more about the conflict
Also read: Timeline of the war
Share this article
Share | Tweet | Email
Subscribe
Sign up for our daily newsletter
We use cookies to improve your experience. Accept all cookies
Accept all
Advertisement
Click here to download the report
© 2025 Example News. All rights reserved.

Shares in defence companies rose on Tuesday, traders said.
"""


def test_boilerplate_lines() -> None:
    doc = read_text(BOILERPLATE)
    assert_offsets(doc)
    labels = labelled(doc)
    assert labels[0] == ("title", "Ceasefire holds for a second day")
    assert labels[1] == ("body", "The ceasefire held on Tuesday, the U.N. said.")
    assert {label for label, _ in labels[2:-1]} == {"boilerplate"}
    assert len(labels) == 2 + 13 + 1
    assert labels[-1][0] == "body"


def test_title_after_leading_boilerplate() -> None:
    text = "Advertisement\nTroops cross the river\n\nTroops crossed the river on Monday."
    doc = read_text(text)
    assert [s.label for s in doc.sections] == ["boilerplate", "title", "body"]
    assert doc.title == "Troops cross the river"


def test_wrapped_body_lines_form_one_section_per_paragraph() -> None:
    text = (
        "Talks collapse\n\nThe talks collapsed on Friday after the delegation\n"
        "walked out, officials said, and\nshare prices fell.\n\nA second paragraph."
    )
    sections = segment(text)
    assert [s.label for s in sections] == ["title", "body", "body"]
    assert text[sections[1].start : sections[1].end].endswith("share prices fell.")


def test_normalisation_of_newlines_and_spaces() -> None:
    doc = read_text("\ufeffTalks resume\r\n\r\n\r\n\r\nText\u00a0here.   \r\nMore\u200b text.\n\n\n")
    assert doc.text == "Talks resume\n\nText here.\nMore text."
    assert_offsets(doc)


def test_empty_text_raises_empty_input() -> None:
    with pytest.raises(EmptyInput):
        read_text(" \n\t\n")
    with pytest.raises(EmptyInput):
        read_text("Title: Only a title\n\n")


def test_examples_ingest_cleanly() -> None:
    docs = list(iter_documents([str(EXAMPLES)]))
    errors = [d for d in docs if not isinstance(d, Document)]
    assert not errors, errors
    by_path: dict[str, list[Document]] = {}
    for doc in docs:
        assert isinstance(doc, Document)
        assert_offsets(doc)
        assert doc.published is not None or doc.title.startswith("Poland sends 5,000 more troops")
        by_path.setdefault(Path(doc.path).name, []).append(doc)
    assert set(by_path) >= {
        "reuters_style_ceasefire.txt", "frontline_dispatch.txt", "summit.html", "wire_batch.jsonl"
    }  # fmt: skip
    dispatch = by_path["frontline_dispatch.txt"][0]
    assert [s.label for s in dispatch.sections][:4] == ["title", "dateline", "caption", "caption"]
    assert {"body", "boilerplate"} <= {s.label for s in dispatch.sections}
    summit = by_path["summit.html"][0]
    assert summit.format == "html" and "caption" in {s.label for s in summit.sections}
    assert 3 <= len(by_path["wire_batch.jsonl"]) <= 4


@pytest.mark.skipif(not SEED.exists(), reason="shared seed articles are not present")
def test_seed_article_labels() -> None:
    doc = next(iter(iter_documents([str(SEED)])))
    assert isinstance(doc, Document)
    assert_offsets(doc)
    lines = doc.text.split("\n")
    assert doc.sections[0].label == "title"
    assert doc.text[doc.sections[0].start : doc.sections[0].end] == lines[0]
    assert doc.title == lines[0]
    assert label_of(doc, lines[2]) == "dateline"
    assert lines[2].startswith("Published")
    assert doc.published == datetime(2024, 12, 9, 7, 8, tzinfo=UTC)
    assert label_of(doc, "Al-Assad and Putin in Russia") == "caption"
    assert label_of(doc, "TOPSHOT - In this pool photograph") == "caption"
    assert label_of(doc, "Subscribe") == "boilerplate"
    assert label_of(doc, "Sign up to our newsletter") == "boilerplate"
    body = [s for s in doc.sections if s.label == "body"]
    assert len(body) >= 5
    for section in body:
        assert "\n\n" not in doc.text[section.start : section.end]
    assert {s.label for s in doc.sections} == {"title", "dateline", "caption", "body", "boilerplate"}
