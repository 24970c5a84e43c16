# Two commands work on a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test lint typecheck pytest build check bench screenshots reference clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/.installed  ## serve the example proposals site on http://127.0.0.1:8000
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

test: lint typecheck pytest  ## ruff, mypy and the whole test suite

lint: $(BIN)/.installed
	$(BIN)/ruff check mkdocs_prfaq tests benchmarks

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# Python caches the modules it compiles, the tests' rewritten asserts too (a PYTHONDONTWRITEBYTECODE
# in the environment made every worker compile ~150 test modules and the package again: ~4.5 s of
# CPU each, and each process a test starts compiled the package once more).
pytest: $(BIN)/.installed  ## on every core; tests sharing the wheel's virtualenv or a module's site run on one worker
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -n auto --dist loadgroup

build: $(BIN)/.installed  ## build the docs site with --strict
	$(BIN)/mkdocs build --strict

check: $(BIN)/.installed  ## validate the example proposals without building
	$(BIN)/mkdocs-prfaq check

bench: $(BIN)/.installed  ## plugin cost as ratios at 100, 1,000 and 10,000 proposals
	$(BIN)/python benchmarks/run.py

screenshots: $(BIN)/.installed  ## the browser tests' screenshots, into docs/assets/
	PRFAQ_SCREENSHOTS=docs/assets $(BIN)/pytest -q tests/layout/test_browser_layout.py tests/index/test_browser_index.py tests/index/test_browser_index_mobile.py

reference: $(BIN)/.installed  ## rewrite the generated tables committed in docs/reference/*.md
	$(BIN)/python -m mkdocs_prfaq.commands.reference docs/reference/*.md

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache
