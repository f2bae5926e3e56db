"""The `tidings` command line: thin over tidings.api and tidings.store; owns all output.

Exit codes: 0 all good; 1 some inputs failed (or a tidings error stopped the command);
2 usage error (bad option, missing database).
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich import box
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..errors import SettingError, TidingsError
from ..settings import SETTINGS, Settings
from ..store import Store, views

F = TypeVar("F", bound=Callable[..., Any])

# Where a setting's option is not simply --name-with-dashes (the canonical name stays as an
# alias, so both spellings work).
_OPTION_FLAGS: dict[str, tuple[str, ...]] = {
    "actor_files": ("--actors", "--actor-files"),
    "lexicon_files": ("--lexicon", "--lexicon-files"),
}
STYLES: dict[str, str] = {"source": "bold cyan", "target": "bold magenta",
                          "trigger": "bold reverse yellow", "date": "underline green",
                          "place": "underline blue"}
_PIPED_WIDTH = 200  # rich's 80-column default for non-terminals squeezes the table
_HANDLER = "tidings-cli"  # names our log handler, so a second run in-process adds none


# -- consoles and logging ------------------------------------------------------------------

@functools.cache
def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def out_console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(highlight=False, width=_PIPED_WIDTH)
    return console


def print_out(renderable: Any) -> None:
    """Print to stdout: rich on a terminal; piped, the same text with no trailing padding."""
    console = out_console()
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        _setup_logging(logging.INFO)


def verbose_option(func: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, expose_value=False, is_eager=True,
                        callback=_verbose, help="Log progress (INFO) to stderr.")(func)


def _setup_logging(level: int | None = None) -> None:
    """Send the library's log records to stderr: warnings always, INFO with -v."""
    logger = logging.getLogger("tidings")
    if level is not None:
        logger.setLevel(level)
    elif logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    if any(h.get_name() == _HANDLER for h in logger.handlers):
        return
    console = err_console()
    handler: logging.Handler
    if console.is_terminal:
        handler = RichHandler(console=console, show_path=False, show_time=False)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.set_name(_HANDLER)
    logger.addHandler(handler)


def note(message: str) -> None:
    """A line of information on stderr (a Text, so brackets in paths are not markup)."""
    err_console().print(Text(message), soft_wrap=True)


def report_error(message: str) -> None:
    """One line on stderr: ``error: <input>: <reason>`` (never wrapped, never a traceback)."""
    line = Text("error: ", style="bold red")
    line.append(message.replace("\n", " "))
    err_console().print(line, soft_wrap=True)


# -- settings options, built from the declarative table ------------------------------------

def _setting_option(name: str, typ: type, default: Any, help_text: str) -> Callable[[F], F]:
    flags = _OPTION_FLAGS.get(name, ("--" + name.replace("_", "-"),))
    if typ is tuple:
        return click.option(*flags, name, multiple=True, metavar="FILE", help=help_text,
                            type=click.Path(exists=True, dir_okay=False))
    return click.option(*flags, name, type=typ, default=default, show_default=True,
                        help=help_text)


def with_settings(func: F) -> F:
    """Add one option per row of SETTINGS and pass the command a validated ``settings``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given: dict[str, Any] = {}
        for name, typ, _, _ in SETTINGS:
            value = kwargs.pop(name)
            if value is not None and value != ():
                given[name] = tuple(value) if typ is tuple else value
        try:
            settings = Settings(**given)
        except SettingError as err:
            raise click.UsageError(str(err)) from None
        return func(*args, settings=settings, **kwargs)

    for row in reversed(SETTINGS):
        wrapper = _setting_option(*row)(wrapper)
    return wrapper  # type: ignore[return-value]


def _must_exist(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not Path(value).is_file():
        raise click.BadParameter(
            f"no database at {value}; create one with 'tidings ingest PATH… --db {value}'",
            ctx=ctx, param=param)
    return value


def db_option(must_exist: bool) -> Callable[[F], F]:
    return click.option("--db", default="tidings.db", show_default=True, envvar="TIDINGS_DB",
                        type=click.Path(dir_okay=False), help="SQLite database file.",
                        callback=_must_exist if must_exist else None)


# -- the group ------------------------------------------------------------------------------

class TidingsGroup(click.Group):
    """Turns tidings errors into one stderr line and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SettingError as err:
            raise click.UsageError(str(err), ctx) from None
        except TidingsError as err:
            report_error(str(err))
            ctx.exit(1)


@click.group(cls=TidingsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
@verbose_option
def main() -> None:
    """News articles in, sourced event records out."""
    _setup_logging()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# -- extract / ingest ---------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@verbose_option
@with_settings
def extract(paths: tuple[str, ...], settings: Settings) -> None:
    """Print one JSON event record per line for the inputs (no database)."""
    from ..api import process
    from ..records import event_record

    out = click.get_binary_stream("stdout")
    failed = 0
    for outcome in process(list(paths), settings):
        if outcome.error is not None or outcome.document is None:
            failed += 1
            report_error(_named(outcome.name, outcome.error))
            continue
        doc = outcome.document
        lines = (json.dumps(event_record(ev, doc), ensure_ascii=False) + "\n" for ev in doc.events)
        out.write("".join(lines).encode("utf-8"))
        out.flush()
    sys.exit(1 if failed else 0)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option(must_exist=False)
@verbose_option
@with_settings
def ingest_command(paths: tuple[str, ...], db: str, settings: Settings) -> None:
    """Code the inputs and store documents and events in the database."""
    from .progress import ingest_progress, summary
    from ..run.runner import count_documents
    from ..store import ingest

    started = time.monotonic()
    counts: Counter[str] = Counter()
    with Store.open(db) as store, ingest_progress(err_console()) as progress:
        # Counting walks the inputs once more: only worth it when a bar shows the total.
        total = count_documents(paths) if not progress.disable else None
        task = progress.add_task("ingest", total=total, events=0)
        for item in ingest(list(paths), store, settings):
            if item.error is not None:
                counts["failed"] += 1
                report_error(_named(item.name, item.error))  # printed above the bar
            else:
                counts[str(item.result)] += 1
                counts["events"] += item.events
            progress.update(task, advance=1, events=counts["events"])
    note(summary(counts, time.monotonic() - started, db))
    sys.exit(1 if counts["failed"] else 0)


def _named(name: str, error: TidingsError | None) -> str:
    """The error with the input named, unless its message already starts with the name."""
    message = str(error)
    return message if message.startswith(name) else f"{name}: {message}"


# -- events / show / search -----------------------------------------------------------------

def _events_table(records: Iterable[dict[str, Any]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("id", "date", "type", "source", "target", "place", "certainty"):
        table.add_column(name, no_wrap=name in ("id", "date", "type", "certainty"))
    table.add_column("evidence", min_width=30)
    for r in records:
        place = r.get("place") or {}
        table.add_row(str(r.get("id", ""))[:11], views.date_label(r), str(r.get("event_type", "")),
                      views.actor_label(r.get("source")), views.actor_label(r.get("target")),
                      str(place.get("name") or ""), str(r.get("certainty", "")),
                      views.excerpt(r))
    return table


def _write_csv(records: Iterable[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=views.FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(views.flat_record(record))


@main.command()
@db_option(must_exist=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--type", "event_type", metavar="TYPE", help="PLOVER event type (any case).")
@click.option("--actor", help="Source or target name/text containing this, or country code.")
@click.option("--country", help="Source, target or place country code (ISO alpha-3).")
@click.option("--certainty", multiple=True, help="asserted, reported, hedged, denied, planned.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="On or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="On or before this day.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@verbose_option
def events(db: str, fmt: str, event_type: str | None, actor: str | None, country: str | None,
           certainty: tuple[str, ...], since: Any, until: Any, limit: int | None) -> None:
    """List stored events (undated events are placed on their document's published date)."""
    with Store.open(db, create=False) as store:
        found = store.events(type=event_type, actor=actor, country=country,
                             certainty=certainty or None, limit=limit,
                             since=since.date() if since else None,
                             until=until.date() if until else None)
        if fmt == "jsonl":
            for record in found:
                click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "csv":
            _write_csv(found)
        else:
            records = list(found)
            if records:
                print_out(_events_table(records))
            note(_plural(len(records), "event"))


def _highlighted(text: str, spans: list[tuple[int, int, str]]) -> Text:
    styled = Text(text)
    for start, end, role in spans:
        styled.stylize(STYLES[role], start, end)
    return styled


@main.command()
@click.argument("event_id")
@db_option(must_exist=True)
@verbose_option
def show(event_id: str, db: str) -> None:
    """Show one event: its evidence sentence with spans highlighted, then its fields."""
    with Store.open(db, create=False) as store:
        record = store.event(event_id)
    if record is None:
        report_error(f"no event with id {event_id} in {db}")
        sys.exit(1)
    text = str((record.get("evidence") or {}).get("text") or "")
    spans = views.evidence_spans(record)
    console = out_console()
    if console.is_terminal:
        console.print(_highlighted(text, spans))
        legend = Text("  ").join(Text(role, style=STYLES[role]) for role in views.SPAN_ROLES)
        console.print(legend)
    else:
        click.echo(views.bracketed(text, spans))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in views.field_lines(record):
        grid.add_row(label, Text(value))
    click.echo()
    print_out(grid)


@main.command()
@click.argument("query", nargs=-1, required=True)
@db_option(must_exist=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@verbose_option
def search(query: tuple[str, ...], db: str, limit: int) -> None:
    """Full-text search over stored documents (FTS5 syntax: "a phrase", a OR b, shell*)."""
    console = out_console()
    # Control characters as match marks: they cannot occur in a snippet's own text.
    marks = ("\x02", "\x03") if console.is_terminal else ("[", "]")
    with Store.open(db, create=False) as store:
        hits = store.search(" ".join(query), limit=limit, marks=marks)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        if console.is_terminal:
            line = Text.assemble((hit.doc_id[:19], "dim"), "  ",
                                 (hit.title or "(untitled)", "bold"), "  ")
            for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
                line.append(part, style="bold yellow" if i % 2 else "")
            console.print(line, soft_wrap=True)
        else:
            click.echo(f"{hit.doc_id}\t{hit.title or ''}\t{snippet}")
    note(_plural(len(hits), "document"))


# -- eval: the evaluation command lives in cli/eval.py ------------------------------------
def _register_eval() -> None:
    from .eval import eval_command

    main.add_command(eval_command, "eval")


_register_eval()
