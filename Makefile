# The commands the README names. `make run` and `make test` set up first when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: setup browser run chat index test test-fast evals bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch, first: asked for by exact version, pip takes the local CPU wheel.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Headless Chromium for the browser tests (Debian's package; needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

run: setup
	$(PY) app.py

chat: setup
	$(PY) -m assistant chat

index: setup
	$(PY) -m assistant index

# Lint, the tests, then the evals, which fail on a metric below its floor or a case that used to pass.
test: lint browser
	$(PY) -m pytest
	$(PY) -m evals --quiet

test-fast: setup
	$(PY) -m pytest -m "not slow"

evals: setup
	$(PY) -m evals

# Speed at 5, 1,000 and 10,000 articles (see BENCHMARKS.md); quicker: make bench SIZES=5,1000,
# which writes to .bench/results and leaves the committed figures of the full run alone.
bench: setup
	$(PY) -m benchmarks $(if $(SIZES),--sizes $(SIZES) --out .bench/results)

lint: setup
	$(PY) -m ruff check assistant index evals webui benchmarks app.py tests
	$(PY) -m mypy

clean:
	rm -rf $(VENV) .index .eval-index .bench .pytest_cache
