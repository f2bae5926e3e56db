"""The progress bar and the closing summary of `tidings ingest` (CLI only: the library
never prints)."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

OUTCOMES: tuple[str, ...] = ("stored", "skipped", "replaced", "failed")


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = task.completed / elapsed if elapsed else 0.0
        return Text(f"{rate:.1f} docs/s", style="progress.data.speed")


def ingest_progress(console: Console) -> Progress:
    """Documents done (of the total, when known), events, rate, elapsed time and ETA.

    ``disable=`` makes it a no-op when the console is not a terminal: piped, the run
    prints no bar and no escape codes, only its error lines and the summary.
    """
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TextColumn("docs"),
                    TextColumn("{task.fields[events]:,} events"), RateColumn(),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                    disable=not console.is_terminal, transient=True)


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary(counts: Counter[str], elapsed: float, db: str) -> str:
    """One line: documents by outcome (failures by kind), events found, time and throughput."""
    done = sum(counts[k] for k in OUTCOMES)
    rate = done / elapsed if elapsed else 0.0
    events_rate = counts["events"] / elapsed if elapsed else 0.0
    kinds = sorted((k.removeprefix("failed: "), n) for k, n in counts.items()
                   if k.startswith("failed: "))
    failed = f"{counts['failed']:,} failed"
    if kinds:
        failed += " (" + ", ".join(f"{n:,} {kind}" for kind, n in kinds) + ")"
    passed = f", {counts['passed over']:,} passed over" if counts["passed over"] else ""
    return (f"{plural(done, 'document')}: {counts['stored']:,} stored, {counts['skipped']:,} "
            f"skipped, {counts['replaced']:,} replaced, {failed}{passed}; "
            f"{plural(counts['events'], 'event')} found in {elapsed:.1f} s "
            f"({rate:.1f} docs/s, {events_rate:.1f} events/s) → {db}")
