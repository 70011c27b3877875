# Two commands for a newcomer: `make run` and `make test`. Everything else is here so they work on a bare machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
AXE_VERSION := 4.14.1
AXE := $(TOOLS)/axe-core-$(AXE_VERSION)/axe.min.js
PORT ?= 8050

.PHONY: run test test-fast lint format browser postgres dataset calibration benchmark clean

run: $(VENV)/.run-installed
	$(PY) app.py --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.test-installed browser postgres $(AXE)
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# Unit and app tests only, for a quick loop while working.
test-fast: $(VENV)/.test-installed
	$(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.run-installed

# Debian's chromium and chromium-driver for the browser tests (CI fails without them; elsewhere they are skipped).
browser:
	@bash scripts/ensure-browser.sh

# axe-core for the accessibility audits, from the npm registry, kept out of git.
$(AXE):
	@mkdir -p $(TOOLS)
	cd $(TOOLS) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && mkdir -p axe-core-$(AXE_VERSION) \
		&& tar -xzf axe-core-$(AXE_VERSION).tgz -C axe-core-$(AXE_VERSION) --strip-components=1 package/axe.min.js \
		&& rm axe-core-$(AXE_VERSION).tgz


# A throwaway PostgreSQL on loopback for the storage tests (CI fails without it; elsewhere they are skipped).
postgres:
	@bash scripts/ensure-postgres.sh

# Regenerate the bundled illustrative dataset and its calibration table.
dataset: $(VENV)/.run-installed
	rm -rf data/illustrative
	$(PY) -m pathways generate data/illustrative --people 5000 --seed 1
	$(PY) scripts/update_data_readme.py

benchmark: $(VENV)/.test-installed
	$(PY) benchmarks/load_benchmark.py

clean:
	-@bash scripts/ensure-postgres.sh --stop
	rm -rf $(VENV) $(TOOLS) tests/screenshots .pytest_cache
