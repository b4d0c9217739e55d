# Two commands for a newcomer: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench reference clean

$(VENV)/.run-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-installed
	$(PY) -m streamlit run app.py --server.port $(PORT)

# `make test` lints first (ruff check, ruff format --check, mypy), so the README's one command still checks everything.
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy ssedash

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed
	$(PY) -m bench all

reference: $(VENV)/.run-installed
	$(PY) scripts/build_reference.py

clean:
	rm -rf $(VENV) var .pytest_cache
