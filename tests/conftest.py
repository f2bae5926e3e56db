"""Shared fixtures, and the network guard: tidings must never reach beyond this machine.

The guard patches the socket connect calls for the whole session; a connection to any
address other than loopback raises ``NetworkBlocked`` *and* is recorded, and a test that
made one fails even if the code under test swallowed the exception. CLI subprocesses get
the same guard through a ``sitecustomize`` module (see ``cli_env``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tidings.model import (
    Actor,
    Attribution,
    Coder,
    Document,
    Event,
    Evidence,
    Place,
    Section,
    Span,
    TimeSpan,
)
from tidings.records import event_id

BLOCKED: list[str] = []  # connection attempts made by the current test

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


class NetworkBlocked(RuntimeError):
    """A test tried to reach a non-loopback address."""


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # any other host name would need DNS: that is the network too


def _check(family: int, address: Any) -> None:
    if family == getattr(socket, "AF_UNIX", None):
        return
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_loopback(host):
        BLOCKED.append(repr(address))
        raise NetworkBlocked(f"network access is not allowed in tests: {address!r}")


def _connect(self: socket.socket, address: Any) -> None:
    _check(self.family, address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check(self.family, address)
    return _real_connect_ex(self, address)


def _create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    _check(socket.AF_INET, address)
    return _real_create_connection(address, *args, **kwargs)


def install_guard() -> None:
    """Patch the socket module (also what the subprocesses' sitecustomize calls)."""
    socket.socket.connect = _connect  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign, assignment]
    socket.create_connection = _create_connection  # type: ignore[assignment]


def remove_guard() -> None:
    socket.socket.connect = _real_connect  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign, assignment]
    socket.create_connection = _real_create_connection


@pytest.fixture(scope="session", autouse=True)
def network_guard() -> Iterator[SimpleNamespace]:
    """The guard, on for the whole session: ``.blocked`` lists the current test's attempts,
    ``.error`` is the exception they raise."""
    install_guard()
    yield SimpleNamespace(blocked=BLOCKED, error=NetworkBlocked)
    remove_guard()


@pytest.fixture(autouse=True)
def _fail_on_network_attempt() -> Iterator[None]:
    BLOCKED.clear()
    yield
    attempts, BLOCKED[:] = list(BLOCKED), []
    if attempts:
        pytest.fail(f"test tried to reach the network: {', '.join(attempts)}")


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for `python -m tidings` subprocesses: network guard on, no colours,
    the source tree importable."""
    site = tmp_path_factory.mktemp("netguard")
    tests_dir = Path(__file__).resolve().parent
    (site / "sitecustomize.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(tests_dir)!r})\n"
        "import conftest\n"
        "conftest.install_guard()\n"
        "sys.path.remove(" + repr(str(tests_dir)) + ")\n",
        encoding="utf-8",
    )
    src = tests_dir.parent / "src"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(src)]), NO_COLOR="1",
               PYTHONIOENCODING="utf-8", PYTHONUTF8="1", TERM="dumb")
    env.pop("TIDINGS_DB", None)
    return env


# -- documents and events built by hand, for tests that need no NLP ------------------------

ActorSpec = tuple[str, str | None, str | None]  # words in the text, name, country
CODER = Coder("rules", "1.0", "plover-test")


def make_doc(text: str, key: str, title: str = "Shelling in Kharkiv",
             published: datetime | None = datetime(2024, 3, 5, 9, 0, tzinfo=UTC),
             events: list[dict[str, Any]] | None = None) -> Document:
    """A Document with one event per entry of ``events`` (keyword overrides of Event)."""
    doc = Document(id="sha256:" + hashlib.sha256(text.encode()).hexdigest(), text=text,
                   path=f"/corpus/{key}.txt", format="text", key=key, title=title,
                   published=published, sections=(Section("body", 0, len(text)),))
    if "Kharkiv" in text:  # a place mentioned in the document, apart from any event
        at = text.index("Kharkiv")
        doc = doc.with_(places=(Place("Kharkiv", at, at + 7, "Kharkiv", "UKR"),))
    made = [make_event(doc, **spec) for spec in (events or [])]
    return doc.with_(events=tuple(made))


def make_event(doc: Document, trigger: str = "shelled", event_type: str = "ASSAULT",
               source: ActorSpec | None = ("Russian forces", "Russia", "RUS"),
               target: ActorSpec | None = ("Kharkiv", "Kharkiv", "UKR"),
               when: tuple[date, date, str] | None = (date(2024, 3, 4), date(2024, 3, 4), "day"),
               **extra: Any) -> Event:
    at = doc.text.index(trigger)

    def actor(spec: ActorSpec | None) -> Actor | None:
        if spec is None:
            return None
        start = doc.text.index(spec[0])
        return Actor(spec[0], start, start + len(spec[0]), name=spec[1], country=spec[2])

    src, tgt = actor(source), actor(target)
    ev_id = event_id(doc.id, CODER.version, CODER.lexicon, event_type, at,
                     src.name if src else None, tgt.name if tgt else None)
    place = None
    if "Kharkiv" in doc.text:
        p = doc.text.index("Kharkiv")
        place = Place("Kharkiv", p, p + 7, "Kharkiv", "UKR", lat=49.99, lon=36.23,
                      geonames_id=706483)
    span = TimeSpan(*when) if when else None
    fields: dict[str, Any] = dict(
        id=ev_id, event_type=event_type, coder=CODER, source=src, target=tgt, date=span,
        place=place, attribution=Attribution("Ukrainian officials", cue="said"),
        certainty="reported",
        evidence=Evidence(doc.text, 0, len(doc.text), "body",
                          Span(at, at + len(trigger), trigger)))
    fields.update(extra)
    return Event(**fields)


TEXT_A = "Russian forces shelled the Ukrainian city of Kharkiv on Monday, officials said."
TEXT_B = "Turkey hosted talks between Armenian and Azerbaijani diplomats in Ankara."


def doc_a(**kw: Any) -> Document:
    return make_doc(TEXT_A, "a", events=[{}], **kw)


def doc_b() -> Document:
    return make_doc(TEXT_B, "b", title="Talks in Ankara", events=[
        {"trigger": "hosted", "event_type": "CONSULT", "source": ("Turkey", "Turkey", "TUR"),
         "target": ("Armenian", "Armenia", "ARM"), "when": None, "certainty": "asserted"}])


@pytest.fixture(scope="session")
def docs() -> SimpleNamespace:
    """Hand-made documents: ``doc_a()`` (an ASSAULT in Kharkiv, dated), ``doc_b()`` (a
    CONSULT in Ankara, undated), and ``make_doc``/``make_event`` to build more."""
    return SimpleNamespace(make_doc=make_doc, make_event=make_event, doc_a=doc_a, doc_b=doc_b,
                           TEXT_A=TEXT_A, TEXT_B=TEXT_B, CODER=CODER)
