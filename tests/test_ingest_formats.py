"""HTML and JSON Lines readers, folder walking and format sniffing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from tidings.errors import EmptyInput, EncodingError, InputError, InputTooLarge, MalformedInput
from tidings.ingest import iter_documents
from tidings.model import Document
from tidings.settings import Settings

PARAGRAPHS = (
    "ANKARA, June 2 - Turkish and Greek defence ministers met in Ankara on Monday and agreed to "
    "set up a hotline between their armed forces, the Turkish defence ministry said.",
    "The ministers also discussed the situation in the Aegean Sea, where the two NATO allies have "
    "long disputed air space and maritime borders, according to a joint statement.",
    "\u201cDialogue is the only way forward,\u201d the Greek minister told reporters in Ankara after "
    "the talks, which lasted more than three hours.",
    "The Turkish minister said the two sides would meet again in Athens in September.",
)
CAPTION = "The two ministers shake hands in Ankara on June 2, 2025. (Photo by Deniz Kaya / AFP)"


def page(charset: str = "utf-8", extra_head: str = "", caption: str = CAPTION) -> str:
    p = [f"<p>{text}</p>" for text in PARAGRAPHS]
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Turkey and Greece agree military hotline | Ledger</title>
<meta property="og:title" content="Turkey and Greece agree military hotline">
<meta property="og:site_name" content="The Ledger">
<link rel="canonical" href="https://www.ledger.example/world/turkey-greece-hotline">
{extra_head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Turkey and Greece agree military hotline</h1>
{p[0]}{p[1]}
<figure><img src="/img/a.jpg" alt="ministers"><figcaption>{caption}</figcaption></figure>
{p[2]}{p[3]}
</article>
<footer><p>&copy; 2025 The Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


def read(path: Path, settings: Settings = Settings()) -> list[Document | InputError]:
    return list(iter_documents([str(path)], settings))


def test_html_body_title_caption_and_meta(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2025-06-02T19:30:00+03:00">'
    path = tmp_path / "hotline.html"
    path.write_text(page(extra_head=meta), encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.format == "html" and doc.path == str(path)
    assert doc.title == "Turkey and Greece agree military hotline"
    assert doc.url == "https://www.ledger.example/world/turkey-greece-hotline"
    assert doc.key == doc.url
    assert doc.outlet == "The Ledger"
    assert doc.published == datetime(2025, 6, 2, 16, 30, tzinfo=UTC)
    labels = [(s.label, doc.text[s.start : s.end]) for s in doc.sections]
    assert labels[0] == ("title", doc.title)
    assert ("caption", CAPTION) in labels
    # The caption sits where the figure was: after the second paragraph, before the third.
    order = [text[:20] for _, text in labels]
    assert order.index(CAPTION[:20]) == order.index(PARAGRAPHS[1][:20]) + 1
    assert all(label == "body" for label, text in labels if text in PARAGRAPHS)
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    caption = "Ministers in Ankara, caf\u00e9 terrace, June 2, 2025. (Photo by Deniz Kaya / AFP)"
    path = tmp_path / "latin.htm"
    path.write_bytes(page(charset="windows-1252", caption=caption).encode("cp1252"))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert "\u201cDialogue is the only way forward,\u201d" in doc.text
    assert "caf\u00e9 terrace" in doc.text


def test_html_iso_8859_1_label_reads_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes(page(charset="ISO-8859-1").encode("cp1252"))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert "\u201cDialogue" in doc.text


def test_html_date_from_text_when_no_meta(tmp_path: Path) -> None:
    html = page().replace("<h1>", '<p class="date">Published June 2, 2025</p><h1>')
    path = tmp_path / "nodate.html"
    path.write_text(html, encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.published == datetime(2025, 6, 2, tzinfo=UTC)


def test_html_without_text_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><img src='a.jpg'><script>go()</script></body></html>")
    err = only(read(path))
    assert isinstance(err, MalformedInput)
    assert str(path) in str(err) and "no extractable text" in str(err)


def test_html_non_utf8_without_charset_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(b"<html><body><p>Caf\xe9 talks</p></body></html>")
    err = only(read(path))
    assert isinstance(err, EncodingError)
    assert "byte offset 18 (0xe9)" in str(err)


def jsonl_lines() -> list[str]:
    good = {"id": "a1", "title": "Troops leave the city", "text": "Troops left the city on Monday, officials said.",
            "url": "https://www.wire.example/a1", "published": "2025-01-06T08:00:00Z"}  # fmt: skip
    bare = {"text": "Rebels shelled the town on Sunday.\n\nThe army said two soldiers died."}
    return [
        json.dumps(good),
        '{"title": "broken", "text": "no closing brace"',
        json.dumps({"title": "No text here"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": 42}),
        json.dumps(bare),
        json.dumps({"text": "Date given as epoch.", "published": 1736150400}),
        json.dumps({"text": "   "}),
    ]


def test_jsonl_bad_lines_are_reported_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    items = read(path)
    assert [type(item).__name__ for item in items] == [
        "Document", "MalformedInput", "MalformedInput", "MalformedInput", "MalformedInput",
        "Document", "Document", "EmptyInput",
    ]  # fmt: skip
    first, broken, no_text, not_object, not_string, bare, epoch, empty = items
    assert isinstance(first, Document) and isinstance(bare, Document) and isinstance(epoch, Document)
    assert first.format == "jsonl" and first.path == str(path)
    assert first.key == "a1" and first.title == "Troops leave the city"
    assert first.text.startswith("Troops leave the city\n\n")
    assert first.sections[0].label == "title"
    assert first.published == datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    assert first.outlet == "wire.example"
    assert str(broken).startswith(f"{path}:2: invalid JSON")
    assert str(no_text) == f"{path}:3: no 'text' field"
    assert str(not_object).startswith(f"{path}:5:") and "object" in str(not_object)
    assert str(not_string).startswith(f"{path}:6:")
    assert bare.key.startswith(f"{path}#sha256:")  # no id or url: keyed by its content
    assert [s.label for s in bare.sections] == ["body", "body"]
    assert epoch.published == datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    assert isinstance(empty, EmptyInput) and str(empty).startswith(f"{path}:9:")


def test_jsonl_line_over_max_bytes_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text("\n".join([huge, json.dumps({"text": "Small article text."})]) + "\n")
    items = read(path, Settings(max_bytes=1000))
    assert isinstance(items[0], InputTooLarge)
    assert str(items[0]) == f"{path}:1: {len(huge):,} bytes is over the limit of 1,000 (max_bytes)"
    assert isinstance(items[1], Document) and items[1].text == "Small article text."


def test_jsonl_invalid_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "ok text"}\n{"text": "caf\xe9"}\n')
    ok, err = read(path)
    assert isinstance(ok, Document)
    assert isinstance(err, EncodingError)
    assert str(err) == f"{path}:2: invalid UTF-8 at byte offset 13 of the line"


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("First article text.")
    (tmp_path / "b" / "c.md").write_text("Second article text.")
    (tmp_path / "b" / "deep" / "d.text").write_text("Third article text.")
    (tmp_path / ".secret.txt").write_text("Hidden file.")
    (tmp_path / ".hidden" / "e.txt").write_text("Hidden folder.")
    (tmp_path / "z.dat").write_text('{"text": "Sniffed as JSON Lines."}\n')
    (tmp_path / "y.page").write_text("<html><body><p>" + PARAGRAPHS[0] + "</p></body></html>")
    items = read(tmp_path)
    assert all(isinstance(item, Document) for item in items), items
    docs = [item for item in items if isinstance(item, Document)]
    names = [Path(doc.path).relative_to(tmp_path).as_posix() for doc in docs]
    assert names == ["a.txt", "b/c.md", "b/deep/d.text", "y.page", "z.dat"]
    assert [doc.format for doc in docs] == ["text", "text", "text", "html", "jsonl"]
    assert docs[1].path == str(tmp_path / "b" / "c.md")


def test_explicit_paths_keep_their_order_and_a_lone_string_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("One.")
    (tmp_path / "2.txt").write_text("Two.")
    items = list(iter_documents([str(tmp_path / "2.txt"), str(tmp_path / "1.txt")]))
    assert [Path(d.path).name for d in items if isinstance(d, Document)] == ["2.txt", "1.txt"]
    lone = list(iter_documents(str(tmp_path / "1.txt")))
    assert len(lone) == 1 and isinstance(lone[0], Document)
