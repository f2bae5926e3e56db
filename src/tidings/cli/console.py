"""What every command shares: consoles, logging, error lines, setting and database options.

The library never prints; these helpers are the only way output reaches the terminal.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.text import Text

from ..errors import SettingError, printable
from ..settings import SETTINGS, Settings

F = TypeVar("F", bound=Callable[..., Any])

# Where a setting's option is not simply --name-with-dashes (the canonical name stays as an
# alias, so both spellings work).
_OPTION_FLAGS: dict[str, tuple[str, ...]] = {
    "actor_files": ("--actors", "--actor-files"),
    "lexicon_files": ("--lexicon", "--lexicon-files"),
}
_PIPED_WIDTH = 200  # rich's 80-column default for non-terminals squeezes the table
_HANDLER = "tidings-cli"  # names our log handler, so a second run in-process adds none
MAX_MESSAGE = 1000  # characters of one error line, whatever the input held


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
    err_console().print(Text(printable(message, MAX_MESSAGE)), soft_wrap=True)


def report_error(message: str) -> None:
    """One line on stderr: ``error: <input>: <reason>`` (never wrapped, never a traceback)."""
    line = Text("error: ", style="bold red")
    line.append(printable(message, MAX_MESSAGE))
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


def logging_verbose() -> bool:
    """Was -v given (the library logs INFO)?"""
    return logging.getLogger("tidings").getEffectiveLevel() <= logging.INFO


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
