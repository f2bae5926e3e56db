"""The `tidings` command line: thin over tidings.api and tidings.store; owns all output.

Exit codes: 0 all good; 1 some inputs failed (each named on stderr) or nothing matched;
2 usage error (bad option, missing database); 3 the command itself failed (an unusable
database, workers that cannot start, a broken data file, an internal error).
"""

from __future__ import annotations

import csv
import json
import sys
import traceback
from collections.abc import Iterable
from typing import Any

import click
from rich import box
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..errors import SettingError, TidingsError, encodable, printable
from ..store import Store, views
from .console import (
    _setup_logging, db_option, logging_verbose, note, out_console, plural, print_out,
    report_error, verbose_option,
)

EXIT_INPUTS_FAILED = 1
EXIT_COMMAND_FAILED = 3
STYLES: dict[str, str] = {"source": "bold cyan", "target": "bold magenta",
                          "trigger": "bold reverse yellow", "date": "underline green",
                          "place": "underline blue"}
MAX_LIMIT = 10_000_000  # rows a listing may ask for; SQLite integers overflow far above


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
            ctx.exit(EXIT_COMMAND_FAILED)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a bug: one line, the traceback only with -v
            report_error(f"internal error: {type(exc).__name__}: {exc}")
            if logging_verbose():
                traceback.print_exc()
            ctx.exit(EXIT_COMMAND_FAILED)


@click.group(cls=TidingsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
@verbose_option
def main() -> None:
    """News articles in, sourced event records out."""
    _setup_logging()


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
@click.option("--limit", type=click.IntRange(min=0, max=MAX_LIMIT),
              help="At most this many events.")
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
            note(plural(len(records), "event"))


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
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=20,
              show_default=True)
@verbose_option
def search(query: tuple[str, ...], db: str, limit: int) -> None:
    """Full-text search over stored documents (FTS5 syntax: "a phrase", a OR b, shell*)."""
    text = " ".join(query)
    if not encodable(text):
        raise click.BadParameter("the query is not valid UTF-8", param_hint="QUERY")
    console = out_console()
    # Control characters as match marks: they cannot occur in a snippet's own text.
    marks = ("\x02", "\x03") if console.is_terminal else ("[", "]")
    with Store.open(db, create=False) as store:
        hits = store.search(text, limit=limit, marks=marks)
    for hit in hits:
        title = printable(hit.title or "")  # stored before titles were cleaned, perhaps
        snippet = " ".join(hit.snippet.split())
        if console.is_terminal:
            line = Text.assemble((hit.doc_id[:19], "dim"), "  ", (title or "(untitled)", "bold"),
                                 "  ")
            for i, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
                line.append(printable(part), style="bold yellow" if i % 2 else "")
            console.print(line, soft_wrap=True)
        else:
            click.echo(f"{hit.doc_id}\t{title}\t{printable(snippet)}")
    note(plural(len(hits), "document"))


# -- extract and ingest (cli/ingest.py), eval (cli/eval.py) --------------------------------
def _register_commands() -> None:
    from .eval import eval_command
    from .ingest import extract, ingest_command
    from .train import train_command

    main.add_command(extract, "extract")
    main.add_command(train_command, "train")
    main.add_command(ingest_command, "ingest")
    main.add_command(eval_command, "eval")


_register_commands()
