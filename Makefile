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
# The tests' temporary files (every site they build, the wheel's virtualenv) go to tmpfs where
# /dev/shm has 4 GB free. On an ext4 disk mounted with `discard`, making and deleting files is slow:
# tests/commands and tests/config took 74-83 s on 2 workers there, 58-61 s on tmpfs; pytest deletes
# an earlier run's files at the end of each run (those two folders leave 9,867: 18.7 s to delete).
# There pytest keeps the last run's files only (-o tmp_path_retention_count=1), to bound the memory.
TEST_TMPDIR = $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && \
	[ "$$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $$4}')" -gt 4000000 ] 2>/dev/null && \
	echo /dev/shm/mkdocs-prfaq-tests-$$(id -u))
pytest: $(BIN)/.installed  ## on every core; tests sharing the wheel's virtualenv or a module's site run on one worker
	$(eval TMP_DIR := $(TEST_TMPDIR))
	$(if $(TMP_DIR),mkdir -p -m 700 $(TMP_DIR))
	env -u PYTHONDONTWRITEBYTECODE $(if $(TMP_DIR),TMPDIR=$(TMP_DIR)) $(BIN)/pytest -q -n auto --dist loadgroup \
		$(if $(TMP_DIR),-o tmp_path_retention_count=1)

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

clean:  ## also the last test run's temporary files on tmpfs (they hold memory until removed)
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache /dev/shm/mkdocs-prfaq-tests-$$(id -u)
