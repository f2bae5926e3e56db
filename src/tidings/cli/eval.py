"""``tidings eval``: score the pipeline (or saved event records) against gold events.

    tidings eval --gold GOLD.jsonl [PATH...]           code the articles, then score them
                                                       (every event of every article counts;
                                                       READMEs and gold files are skipped)
    tidings eval --gold GOLD.jsonl --events EV.jsonl   score records made earlier (only
                                                       documents named in the gold count)
    tidings eval --plover-gsr plover-gsr-dev.json      gate metrics on the PLOVER GSR sentences
    ... [--json OUT.json] [--alias NAME=DOC] [--no-misses]

The main CLI mounts ``eval_command``; this module only parses options and prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import TidingsError
from ..evaluate.gold import load_gold
from ..evaluate.plover_gsr import gsr_documents, gsr_gold, score_gsr
from ..evaluate.run import extract_paths, extract_texts
from ..evaluate.score import score
from ..evaluate.system import load_event_records


def _aliases(values: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        name, sep, doc = value.partition("=")
        if not sep or not name or not doc:
            raise click.BadParameter(f"{value!r} should be NAME=DOC", param_hint="--alias")
        out[name] = doc
    return out


def article_paths(paths: Sequence[str], gold_path: str) -> list[str]:
    """The article files to code: folders expanded (name order, hidden entries skipped),
    leaving out README files, gold files (``*.gold.jsonl``), a set's ``manifest.jsonl`` and
    the ``--gold`` file itself."""
    gold = Path(gold_path).resolve()
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            parts = file.relative_to(path).parts if path.is_dir() else ()
            if any(part.startswith(".") for part in parts):
                continue
            if file.name.upper().startswith("README") or file.name.endswith(".gold.jsonl") \
                    or file.name == "manifest.jsonl":
                continue
            if file.resolve() != gold:
                out.append(str(file))
    return out


def _pipeline_error(exc: ImportError) -> click.ClickException:
    return click.ClickException(f"the pipeline is not available: {exc}")


def _score_gold(gold_path: str, paths: Sequence[str], events_path: str | None,
                aliases: dict[str, str], misses: bool) -> dict[str, Any]:
    if bool(paths) == bool(events_path):
        raise click.UsageError("with --gold give either article PATHs or --events, not both")
    gold = load_gold(gold_path)
    if events_path:
        records = load_event_records(events_path)
    else:
        try:
            records = extract_paths(article_paths(paths, gold_path))
        except ImportError as exc:
            raise _pipeline_error(exc) from exc
    report = score(gold, records, aliases, all_docs=not events_path)
    click.echo(f"gold: {gold_path}")
    click.echo(report.to_text(misses=misses))
    return report.as_dict()


def _score_gsr(gsr_path: str) -> dict[str, Any]:
    try:
        records, failed = extract_texts(gsr_documents(gsr_path))
    except ImportError as exc:
        raise _pipeline_error(exc) from exc
    result = score_gsr(gsr_gold(gsr_path), records)
    click.echo(result.to_text())
    for line in failed:
        click.echo(f"failed: {line}", err=True)
    return result.as_dict()


@click.command("eval")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False),
              help="gold events (JSON Lines, schema in GOLD.md)")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--events", "events_path", type=click.Path(exists=True, dir_okay=False),
              help="score these event records (JSON Lines) instead of running the pipeline")
@click.option("--json", "json_path", type=click.Path(dir_okay=False),
              help="also write the scores as JSON to this file")
@click.option("--plover-gsr", "gsr_path", type=click.Path(exists=True, dir_okay=False),
              help="also code and score the PLOVER GSR one-sentence records")
@click.option("--geovirus", "geo_path", type=click.Path(exists=True, dir_okay=False),
              help="also score toponym detection and resolution on a GeoVirus XML file")
@click.option("--alias", "alias_values", multiple=True, metavar="NAME=DOC",
              help="score the system document NAME as gold document DOC (repeatable)")
@click.option("--misses/--no-misses", default=True, help="list unpaired gold/system events")
def eval_command(gold_path: str | None, paths: tuple[str, ...], events_path: str | None,
                 json_path: str | None, gsr_path: str | None, geo_path: str | None,
                 alias_values: tuple[str, ...], misses: bool) -> None:
    """Score extracted events against gold events (precision, recall, per type, per field)."""
    if not gold_path and not gsr_path and not geo_path:
        raise click.UsageError("give --gold GOLD.jsonl, --plover-gsr FILE or --geovirus FILE")
    if not gold_path and (paths or events_path):
        raise click.UsageError("article PATHs and --events are scored against --gold")
    result: dict[str, Any] = {}
    try:
        if gold_path:
            result["gold"] = _score_gold(gold_path, paths, events_path,
                                         _aliases(alias_values), misses)
        if gsr_path:
            result["plover_gsr"] = _score_gsr(gsr_path)
        if geo_path:
            from ..evaluate.geovirus import evaluate_geovirus

            result["geovirus"] = evaluate_geovirus(geo_path).as_dict()
            click.echo(json.dumps(result["geovirus"], indent=2))
    except TidingsError as err:
        raise click.ClickException(str(err)) from err
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
