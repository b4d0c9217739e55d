# Two commands for a newcomer: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench reference clean translations translations-extract translations-update

$(VENV)/.run-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-installed translations
	$(PY) -m streamlit run app.py --server.port $(PORT)

# `make test` lints first (ruff check, ruff format --check, mypy), so the README's one command still checks everything.
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy ssedash

test: lint translations
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed translations
	$(PY) -m bench all

reference: $(VENV)/.run-installed
	$(PY) scripts/build_reference.py

clean:
	rm -rf $(VENV) var .pytest_cache

# Languages (docs/i18n.md). The English text is in the code; fr, es and ko live in gettext catalogues.
#   make translations-update   extract every t("…")/N_("…") into messages.pot and merge it into each messages.po
#   make translations          compile the .po files into the .mo files the app reads (run and test do this)
LOCALES := fr es ko
LOCALE_DIR := ssedash/locale
PYBABEL := $(VENV)/bin/pybabel
MO := $(foreach l,$(LOCALES),$(LOCALE_DIR)/$(l)/LC_MESSAGES/messages.mo)

translations: $(MO)

$(LOCALE_DIR)/%/LC_MESSAGES/messages.mo: $(LOCALE_DIR)/%/LC_MESSAGES/messages.po $(VENV)/.run-installed
	$(PYBABEL) compile -l $* -i $< -o $@

translations-extract: $(VENV)/.run-installed
	$(PYBABEL) extract -F babel.cfg -k t -k tn:1,2 -k N_ -k Nn_:1,2 --no-location --sort-output --project ssedash \
		-o $(LOCALE_DIR)/messages.pot ssedash pages app.py

translations-update: translations-extract
	$(PYBABEL) update -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR) --no-fuzzy-matching --ignore-obsolete
