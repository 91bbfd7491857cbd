# The two commands of the README, and what they need. Everything lives in the project's own
# virtual environment, .venv/, made here from requirements*.txt: nothing is installed globally.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: lab test lint format notebooks links clean

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

## make test: set up, then run every check: style, unit and property tests, widgets, notebooks (nbval)
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

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
