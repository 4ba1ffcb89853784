PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SCENARIOS ?= 500
SEED ?= 1

.PHONY: demo test eval bench schemas venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install --quiet -e .

demo: venv
	$(BIN)/payerline demo --out out/demo

test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest

eval: venv
	$(BIN)/payerline eval --scenarios $(SCENARIOS) --seed $(SEED) --json out/eval.json

bench: venv
	$(BIN)/python bench/bench_text_calls.py --scenarios 200 --seed 1

schemas: venv
	$(BIN)/python tools/make_schemas.py

clean:
	rm -rf $(VENV) out build src/*.egg-info
