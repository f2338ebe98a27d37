# Two commands do all the set-up: `make run` and `make test` (each creates .venv).
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# pytest-xdist workers of `make test` (one per core of the 2-core machine it is sized for; 0 runs in one process)
TEST_WORKERS ?= 2

.PHONY: run test lint format bench load a11y i18n clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime  # make run MODEL=path/to/model.json opens the dashboard on that file
	$(if $(MODEL),ANP_MODEL="$(MODEL)" )$(PY) -m streamlit run app.py --server.port=$(PORT)

test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(VENV)/.dev
	$(PY) -m benchmarks.run

load: $(VENV)/.dev
	$(PY) -m benchmarks.load

# axe-core on every page for every example and template model, in both languages (make test checks three runs).
a11y: $(VENV)/.dev
	ANP_A11Y_ALL=1 $(PY) -m pytest tests/browser/test_accessibility.py -p no:randomly

# Re-extract the interface's strings and update the Chinese catalog (then translate the new entries).
i18n: $(VENV)/.dev
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k nmessage:1,2 --no-location --sort-output -c TRANSLATORS: \
		--project=anp-trade-war --copyright-holder="anp-trade-war contributors" -o anp_core/locale/messages.pot .
	$(VENV)/bin/pybabel update -i anp_core/locale/messages.pot -d anp_core/locale -l zh --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis build *.egg-info
