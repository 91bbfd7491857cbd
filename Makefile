# The two commands of the README, and what they need. Everything lives in the project's own
# virtual environment, .venv/, made here from requirements*.txt: nothing is installed globally.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: lab test test-fast lint format notebooks links clean chromium bench bench-env

# MNIST: where a copy of the four original files sits beside the project (as in CI, which has no
# internet), the tests and notebooks read it from there; otherwise load_mnist downloads them once.
SHARED_MNIST := $(wildcard $(abspath ../shared/data/mnist))
ifneq ($(SHARED_MNIST),)
export NBHELPERS_DATA ?= $(SHARED_MNIST)
endif

# The learner's set-up: notebooks, widgets, and nbhelpers itself (editable, so a change to it
# shows after a kernel restart).
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt -e .
	touch $@

# The test set-up: the above plus pytest, nbval, hypothesis and ruff.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

## make lab: set up, then open the notebooks in JupyterLab
# (Jupyter refuses to run as root unless told to: root is usual in containers and cloud machines.)
lab: $(VENV)/.installed
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# The browser test's browser: Debian's chromium (Playwright's own browser download needs the internet,
# and CI has none). Installed when missing and apt-get can; elsewhere, install Chromium yourself (the
# browser test is skipped without it, except in CI, where it fails).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo -n)
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	{ command -v apt-get >/dev/null 2>&1 && \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; } || \
	echo "Chromium is not installed: the browser test will be skipped here (in CI it fails)."

## make test: set up, then run every check: style, unit and property tests, widgets, notebooks (nbval),
## the notebooks in a real browser (JupyterLab and Voilà) and on Google Colab's package versions
test: $(VENV)/.installed-dev chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# in two processes (pytest-xdist, for 2 cores); tests/conftest.py keeps the tests that share a server,
	@# a kernel or the Colab environment together in one
	$(BIN)/python -m pytest -n 2 --dist loadfile

## make test-fast: the quick loop while developing: style, unit and property tests, figures, widgets, the
## exercise checks and the notebooks (nbval), without the browser test and the Colab environment
test-fast: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not colab"

# The optional benchmark environment: NumPy and PyTorch (CPU build, see requirements-bench.txt), for the
# PyTorch rows of the benchmarks only. Never used by `make test`.
BENCH_VENV := .venv-bench

$(BENCH_VENV)/.installed: requirements-bench.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

## make bench-env: set up .venv-bench/ (NumPy + PyTorch CPU) for the PyTorch rows of `make bench`
bench-env: $(BENCH_VENV)/.installed

## make bench: set up, then print the speed ratios of benchmarks/run.py (see benchmarks/README.md); the
## PyTorch rows run in .venv-bench/ when `make bench-env` has made it, and are skipped otherwise
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py $(if $(wildcard $(BENCH_VENV)/.installed),--torch-python $(BENCH_VENV)/bin/python)

## make format: apply ruff's fixes and formatting to the package, tests and notebooks
format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make notebooks: re-execute every notebook top to bottom in a fresh kernel, storing the outputs
notebooks: $(VENV)/.installed-dev
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

## make links: write the Colab badges and setup cells from the repository named in pyproject.toml
links: $(VENV)/.installed-dev
	$(BIN)/python tools/sync_links.py

clean:
	rm -rf $(VENV)
