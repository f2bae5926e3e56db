"""Property tests: segmentation and text reading never crash and keep offsets sound."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.errors import InputError
from tidings.ingest import read_text, segment
from tidings.model import SECTION_LABELS, Section

# Lines that trigger each rule, mixed with random text, so every branch gets exercised.
SNIPPETS = [
    "", " ", "\t", "\r", "Subscribe", "Sign up to our newsletter", "Published December 9th, 2024 - 07:08 GMT",
    "By Jane Doe, Reuters | Dec 8, 2024", "December 9, 2024", "Heading above", "(Photo by A B / AFP)",
    "TOPSHOT - In this photo", "Share | Tweet", "lower case continuation", "A sentence.",
    "Title: x", "url: http://", "Published: 2024-01-01", "\u2028", "\u00a0", "\x00", "\ufeff",
]  # fmt: skip
lines = st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=40))
texts = st.one_of(st.text(max_size=300), st.lists(lines, max_size=25).map("\n".join))


def check(text: str, sections: tuple[Section, ...]) -> None:
    end = 0
    for section in sections:
        assert section.label in SECTION_LABELS
        assert end <= section.start < section.end <= len(text)
        end = section.end


@settings(max_examples=300, deadline=None)
@given(texts)
def test_segment_sections_are_ordered_disjoint_and_inside(text: str) -> None:
    sections = segment(text)
    check(text, sections)
    assert sum(1 for s in sections if s.label == "title") <= 1


@settings(max_examples=150, deadline=None)
@given(texts)
def test_read_text_offsets_slice_its_text(text: str) -> None:
    try:
        doc = read_text(text)
    except InputError:
        return
    check(doc.text, doc.sections)
    for section in doc.sections:
        piece = doc.text[section.start : section.end]
        assert piece and piece == piece.strip()
    assert doc.published is None or doc.published.tzinfo is not None
