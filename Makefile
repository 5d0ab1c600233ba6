# Two commands set up everything: `make report` and `make test`.
# Both create .venv at the repo root when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Jupyter refuses to run as root unless told; containers often are root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

# The compiled salary engine (mypyc; README, "Compiled modules"): rebuilt whenever a source
# it reads changes. Without mypy or a C compiler the package runs as pure Python.
COMPILED     := $(VENV)/.compiled
COMPILED_SRC := $(wildcard src/workbench/salary/*.py) src/workbench/compiled.py \
                src/workbench/markets.py src/workbench/text.py src/workbench/places.py

.PHONY: venv compiled report test test-fast goldens bench lab clean

# pip's output is shown: the first install downloads a few hundred MB and takes minutes.
$(STAMP): pyproject.toml src/workbench/labsetup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	$(BIN)/python -m workbench.labsetup
	@touch $(STAMP)

$(COMPILED): $(STAMP) $(COMPILED_SRC)
	$(BIN)/python -W ignore::RuntimeWarning -m workbench.compiled build --optional
	@touch $(COMPILED)

venv: $(STAMP) $(COMPILED)

## Build the compiled modules again (after an edit, `make test` and the others do it themselves).
compiled: $(COMPILED)

## Run the main job on the embedded default data; writes reports/index.html.
report: $(STAMP) $(COMPILED)
	$(BIN)/workbench report --data data/raw --out reports

## Run the whole test suite.
test: $(STAMP) $(COMPILED)
	$(BIN)/python -m pytest

## The suite without the slow end-to-end and browser tests.
test-fast: $(STAMP) $(COMPILED)
	$(BIN)/python -m pytest -m "not slow"

## Rewrite the committed goldens (tests/goldens) from today's code; commit the diff.
## The corpus and seed parts need ../shared (or WORKBENCH_SHARED).
goldens: $(STAMP) $(COMPILED)
	$(BIN)/python -m workbench.goldens refresh

## Throughput and scale figures (see BENCHMARKS.md).
bench: $(STAMP) $(COMPILED)
	$(BIN)/python perf/run_all.py

## JupyterLab at the repo root: .py notebooks open as notebooks with the `workbench` kernel
## (settings in .venv only) and find the latest `make report` store by themselves.
lab: $(STAMP)
	@$(BIN)/python -m workbench.labsetup
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS)

clean:
	rm -rf $(VENV) data/processed/* reports/*
	rm -f src/workbench/_compiled.json src/workbench/_native__mypyc*.so src/workbench/salary/*.so
