# Two commands set up everything: `make report` and `make test`.
# Both create .venv at the repo root when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Jupyter refuses to run as root unless told; containers often are root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: venv report test test-fast goldens bench lab clean

# pip's output is shown: the first install downloads a few hundred MB and takes minutes.
$(STAMP): pyproject.toml src/workbench/labsetup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	$(BIN)/python -m workbench.labsetup
	@touch $(STAMP)

venv: $(STAMP)

## Run the main job on the embedded default data; writes reports/index.html.
report: $(STAMP)
	$(BIN)/workbench report --data data/raw --out reports

## Run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

## The suite without the slow end-to-end and browser tests.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

## Rewrite the committed goldens (tests/goldens) from today's code; commit the diff.
## The corpus and seed parts need ../shared (or WORKBENCH_SHARED).
goldens: $(STAMP)
	$(BIN)/python -m workbench.goldens refresh

## Throughput and scale figures (see BENCHMARKS.md).
bench: $(STAMP)
	$(BIN)/python perf/run_all.py

## JupyterLab at the repo root: .py notebooks open as notebooks with the `workbench` kernel
## (settings in .venv only) and find the latest `make report` store by themselves.
lab: $(STAMP)
	@$(BIN)/python -m workbench.labsetup
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS)

clean:
	rm -rf $(VENV) data/processed/* reports/*
