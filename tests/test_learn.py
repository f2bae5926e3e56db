"""The learned role, trigger and place models: trained on a slice of the corpus (the path ``make train`` takes),
kept as JSON weights, applied by the pipeline with a confidence on every event."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tidings.errors import DataError
from tidings.ingest import read_text
from tidings.learn.linear import LinearModel, load_model, sigmoid
from tidings.learn.places import apply_places
from tidings.learn.roles import ROLES_MODEL, model_for
from tidings.learn.train import write_models
from tidings.learn.triggers import MultiModel, load_multi
from tidings.run.stages import build_pipeline, country_place
from tidings.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "batches"
SLICE = {"b09": 4, "b11": 4}  # articles per batch: two batches, so the folds split by batch
ARTICLE = ("Border clash\n\nNAIROBI - Kenyan police arrested twelve protesters in Nairobi on "
           "Monday, officials said. Somalia accused Kenya of shelling a border town.\n")


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for batch, count in SLICE.items():
        articles = sorted((CORPUS / batch).glob(f"{batch}-*.txt"))[:count]
        (root / batch).mkdir()
        for path in articles:
            shutil.copy(path, root / batch / path.name)
        docs = {p.stem for p in articles}
        lines = [line for line in (CORPUS / batch / "gold.jsonl").read_text("utf-8").splitlines()
                 if line.strip() and json.loads(line)["doc"] in docs]
        (root / batch / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny_model(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    write_models(tiny_corpus, folder)
    return folder / "roles.json"


def test_training_a_tiny_model_writes_weights_and_a_card(tiny_model: Path) -> None:
    model = load_model(str(tiny_model))
    assert model is not None and model.name == "roles.learned.v1" and len(model.weights) > 100
    card = model.card
    assert card["trained_on"] == sorted(SLICE) and card["events"] > 10
    assert card["out_of_fold"]["learned_choice_right"] >= 0
    assert 0.0 < model.probability({"bias": 1.0}) < 1.0


def test_the_trigger_model_is_trained_beside_it(tiny_model: Path) -> None:
    model = load_multi(str(tiny_model.parent / "triggers.json"))
    assert model is not None and "NONE" in model.classes and len(model.classes) > 3
    probs = model.probabilities({"bias": 1.0, "lemma=attack": 1.0})
    assert sum(probs.values()) == pytest.approx(1.0) and set(probs) == set(model.classes)
    assert 0.0 < model.add_threshold <= 1.0 and model.card["trigger_tokens"] > 0
    assert MultiModel.from_json(model.to_json(), "t.json") == model


def test_the_place_model_is_trained_beside_it(tiny_model: Path) -> None:
    model = load_model(str(tiny_model.parent / "places.json"))
    assert model is not None and model.name == "places.learned.v1" and model.weights
    card = model.card
    assert card["trained_on"] == sorted(SLICE) and card["events_with_a_gold_place_country"] > 0
    folded = card["out_of_fold"]
    assert 0 <= folded["learned_place_right"] <= folded["a_candidate_is_right"] <= folded["events"]


def test_the_place_model_chooses_among_candidates() -> None:
    text = ("Border clash\n\nSomali troops shelled the Kenyan town of Mandera on Monday, "
            "officials in Nairobi said.\n")
    doc = build_pipeline(Settings(models="none"))(read_text(text))
    shelling = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert shelling
    # a model that only likes a place named after "in" moves the event to Nairobi; with a
    # margin no candidate can clear, the rule's place stands
    keen = LinearModel("places.test.v1", {"prep=in": 5.0}, -2.0)
    moved = apply_places(doc, tuple(shelling), keen, country_place)
    assert {e.place.name for e in moved} == {"Nairobi"}
    stubborn = LinearModel("places.test.v1", {"prep=in": 5.0}, -2.0, margin=1.5)
    kept = apply_places(doc, tuple(shelling), stubborn, country_place)
    assert [e.place for e in kept] == [e.place for e in shelling]
    assert apply_places(doc, tuple(shelling), None) == tuple(shelling)


def test_training_is_deterministic(tiny_corpus: Path, tiny_model: Path, tmp_path: Path) -> None:
    write_models(tiny_corpus, tmp_path)
    for name in ("roles.json", "triggers.json", "places.json"):
        again = (tmp_path / name).read_text(encoding="utf-8")
        assert again == (tiny_model.parent / name).read_text(encoding="utf-8")


def test_the_pipeline_uses_a_given_model_and_says_so(tiny_model: Path) -> None:
    doc = build_pipeline(Settings(models=str(tiny_model.parent)))(read_text(ARTICLE))
    assert doc.events
    for event in doc.events:
        assert event.confidence is not None and 0.0 <= event.confidence <= 1.0
        assert event.coder.name.endswith("+roles.learned.v1")
    plain = build_pipeline(Settings(models="none"))(read_text(ARTICLE))
    assert plain.events and all(e.confidence is None for e in plain.events)


def test_model_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="bad.json"):
        load_model(str(bad))
    with pytest.raises(DataError, match="no roles.json"):
        model_for(str(tmp_path))
    assert model_for("none") is None


def test_linear_model_round_trip_and_sigmoid() -> None:
    model = LinearModel("m.v1", {"a": 1.5, "b": -2.0}, 0.25, scale=2.0, shift=-0.5,
                        card={"events": 3})
    back = LinearModel.from_json(model.to_json(), "m.json")
    assert back == model
    assert back.probability({"a": 1.0}) == pytest.approx(sigmoid(2.0 * 1.75 - 0.5))
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0


def test_the_bundled_model_was_trained_on_the_committed_corpus() -> None:
    model = load_model(str(ROLES_MODEL))
    assert model is not None, "data/models/roles.json is missing: run make train"
    batches = {p.name for p in CORPUS.iterdir() if (p / "gold.jsonl").exists()}
    assert set(model.card["trained_on"]) <= batches
