# Two commands on a fresh clone: `make run` and `make test`. Needs only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast stress-test lint bench demo doctor clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# `make run PORT=8502` serves on another port; the address stays 127.0.0.1 (this computer only).
PORT ?= 8501

run: $(STAMP)
	$(PY) -m streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

# Python keeps the bytecode it compiles (in __pycache__, ignored by git) even where the
# environment says not to: each test worker and each app server a browser test starts would
# otherwise compile the project's modules and rewrite the test modules' asserts afresh (4 s of
# processor time per worker before the first test).
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE=

# One pytest worker per core (pytest-xdist, `--dist worksteal` from pyproject.toml: a worker
# that runs out takes the tail of the other's share, so both finish together). The ten slowest
# tests are listed at the end, to keep an eye on them.
test: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(KEEP_BYTECODE) $(PY) -m pytest -n auto --durations=10

# The quick tier while working: lint, unit and page (AppTest) tests; no browser, no slow trials,
# a tenth of the property tests' examples (the "quick" profile in tests/conftest.py).
test-fast: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	HYPOTHESIS_PROFILE=quick $(KEEP_BYTECODE) $(PY) -m pytest -n auto -q \
		-m "not browser and not slow" tests/unit tests/app

# The unit and page suite once, then the browser suite three times in a row, while two busy
# processes hold both cores: a test that only passes on a quiet machine fails here. Browser
# failures leave a screenshot and the page's text in tests/browser/failures/.
stress-test: $(DEV_STAMP)
	@$(PY) -c "while True: pass" & busy1=$$!; \
	$(PY) -c "while True: pass" & busy2=$$!; \
	trap 'kill $$busy1 $$busy2 2>/dev/null' EXIT; \
	echo "== unit and page suite, both cores busy =="; \
	$(PY) -m pytest -q -p no:cacheprovider -n auto tests/unit tests/app tests/bench || exit 1; \
	for run in 1 2 3; do \
		echo "== browser suite, run $$run of 3, both cores busy =="; \
		$(PY) -m pytest -q -p no:cacheprovider tests/browser || exit 1; \
	done

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

bench: $(DEV_STAMP)
	$(PY) -m bench
	$(PY) -m bench.mail

demo: $(STAMP)
	$(PY) -m nextround demo --data-dir data/sample

doctor: $(STAMP)
	$(PY) -m nextround doctor --data-dir data

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/browser/screenshots \
		tests/browser/failures
