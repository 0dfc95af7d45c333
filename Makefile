# Two entry points on a fresh machine: `make run` (the app) and `make test` (the whole suite).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test ingest eval browser

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

# Installs what is missing, then runs the whole suite.
test: $(STAMP) browser
	$(PY) -m pytest
