"""A trained linear model kept as data: named feature weights in a JSON file.

Training uses scikit-learn (``make train`` only); coding needs nothing but this file: a
score is the intercept plus the weights of the features present, and the probability is
that score through the Platt scaling fitted on held-out folds of the training corpus.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import DataError

MODELS_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
M = TypeVar("M")


@dataclass(frozen=True)
class LinearModel:
    """Weights of a logistic regression over named features, with its calibration."""

    name: str  # versioned, recorded on every event it touched: "roles.learned.v1"
    weights: dict[str, float]
    intercept: float
    scale: float = 1.0  # Platt scaling of the score: p = sigmoid(scale * score + shift)
    shift: float = 0.0
    threshold: float = 0.0  # events whose best variant is less likely than this are dropped
    margin: float = 0.0  # the rule coder's choice stands unless the best beats it by this much
    card: dict[str, Any] = field(default_factory=dict)  # data, metrics: the model card's facts

    def score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return self.intercept + sum(weights.get(k, 0.0) * v for k, v in features.items() if v)

    def probability(self, features: dict[str, float]) -> float:
        return sigmoid(self.scale * self.score(features) + self.shift)

    def to_json(self) -> str:
        body = {"name": self.name, "intercept": self.intercept, "scale": self.scale,
                "shift": self.shift, "threshold": self.threshold, "margin": self.margin,
                "card": self.card,
                "weights": dict(sorted(self.weights.items()))}
        return json.dumps(body, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str, name: str) -> LinearModel:
        try:
            body = json.loads(text)
            return cls(name=body["name"], weights={k: float(v) for k, v in body["weights"].items()},
                       intercept=float(body["intercept"]), scale=float(body["scale"]),
                       shift=float(body["shift"]), threshold=float(body["threshold"]),
                       margin=float(body.get("margin", 0.0)), card=dict(body.get("card") or {}))
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(name, f"not a linear model file: {exc}") from exc


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def read_model_file(path: str, parse: Callable[[str, str], M]) -> M | None:
    """``parse(text, name)`` of the file at ``path``, or None when there is no such file."""
    file = Path(path)
    if not file.is_file():
        return None
    return parse(file.read_text(encoding="utf-8"), str(file))


@lru_cache(maxsize=4)
def load_model(path: str) -> LinearModel | None:
    """The linear model at ``path`` (read once per process), or None when there is none."""
    return read_model_file(path, LinearModel.from_json)
