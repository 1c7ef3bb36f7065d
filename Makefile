# Two commands set up everything on a fresh machine: `make demo` and `make test`.
# Each creates the virtual environment .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed
JOB := examples/jobs/senior_ai_engineer_llm_platform.txt

.PHONY: demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make demo` needs the runtime dependencies only; `make test` adds the test and optional stacks.
$(RUNTIME): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,dask,pandas,server]"
	touch $(DEV) $(RUNTIME)

demo: $(RUNTIME)
	@mkdir -p out
	$(BIN)/skillmatch score --job $(JOB) examples/resumes --out out/ranked.csv --html out/summary.html
	$(BIN)/skillmatch report examples/resumes/diego_ramirez_mid.pdf --job $(JOB) -o out/report.html
	$(BIN)/skillmatch compare examples/resumes/diego_ramirez_mid.pdf $(JOB)
	@echo "Open out/summary.html in a browser. To type 'skillmatch' yourself: . $(VENV)/bin/activate"

test: $(DEV)
	$(BIN)/ruff check src tests examples bench scripts
	$(BIN)/ruff format --check src tests examples bench scripts
	$(BIN)/mypy src
	$(BIN)/python -m pytest

# The benchmarks read the project's shared data, which is not in the repository:
# make bench SHARED=/path/to/shared
bench: $(DEV)
	@test -n "$(SHARED)" || { echo "make bench SHARED=/path/to/shared (the speed corpus)"; exit 2; }
	$(BIN)/python -m pip install --quiet -e ".[test,dask,bench]"
	$(BIN)/python bench/run.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache
