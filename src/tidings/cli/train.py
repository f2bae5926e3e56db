"""`tidings train`: rebuild the learned models from the annotated corpus (``make train``)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import click

from .console import note, verbose_option


@click.command("train")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus/batches"), show_default=True, help="Annotated batches.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the models to (default: the bundled data/models).")
@click.option("--batches", help="Comma-separated batch names to train on (default: those "
                                 "listed in corpus/train_batches.txt, else all).")
@verbose_option
def train_command(corpus: Path, out: Path | None, batches: str | None) -> None:
    """Train the learned models on the corpus (needs scikit-learn: requirements/train.txt)."""
    if importlib.util.find_spec("sklearn") is None:
        raise click.UsageError("training needs scikit-learn: pip install -r requirements/train.txt")
    from ..learn.linear import MODELS_DIR
    from ..learn.train import write_models

    target = out or MODELS_DIR
    listed = corpus.parent / "train_batches.txt"
    if batches is None and listed.is_file():  # the batches the committed models were trained on
        batches = ",".join(line.strip() for line in listed.read_text(encoding="utf-8").splitlines()
                           if line.strip() and not line.startswith("#"))
    cards = write_models(corpus, target, batches.split(",") if batches else None)
    click.echo(json.dumps(cards, indent=1))
    note(f"wrote {', '.join(cards)} to {target}")
