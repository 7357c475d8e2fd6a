# The two commands a newcomer needs: `make run` and `make test`.

VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: install run test fuzz format clean

# The virtual environment, rebuilt when the pinned requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Create the virtual environment and install the pinned requirements.
install: $(BIN)/.installed

## Serve the API on http://127.0.0.1:8000 for development.
run: $(BIN)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## Lint, check formatting, then run the whole test suite.
test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## Fuzz every endpoint with schemathesis against gunicorn: no 500, every
## response as the schema says.
fuzz: $(BIN)/.installed
	bash .ci/fuzz

## Reformat the code and apply ruff's safe fixes.
format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
