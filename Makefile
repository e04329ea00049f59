# Parting Kit: every command sets up what it needs (idempotently), then does its job.
# The public contract (../shared/CONTRACT.md) fixes these target names.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# LENIENT=1 shows untranslated segments in Russian with a "translation pending" note.
LENIENT ?=
BUILD_FLAGS := $(if $(LENIENT),--lenient,)

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test catalog bundle scorm bench clean

# Stamps make setup cheap when nothing changed.
$(VENV)/.stamp: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: $(VENV)/.stamp node_modules/.stamp

build: setup
	$(PY) -m scripts.build $(BUILD_FLAGS)

serve: build
	$(PY) -m scripts.serve --host $(HOST) --port $(PORT) site

# PARTING_KIT_FULL_SUITE: tests/conftest.py then fails the run when a promised test
# group ran no test at all, or anything was skipped.
test: setup /usr/bin/chromium
	PARTING_KIT_FULL_SUITE=1 $(PY) -m pytest

# Sync the English catalogues (guide, quiz, drafter) with their Russian sources.
catalog: setup
	$(PY) -m scripts.i18n.sync_catalogue

bundle: build
	$(PY) -m scripts.publish.bundle

scorm: build
	$(PY) -m scripts.publish.scorm

bench: setup /usr/bin/chromium
	$(PY) -m scripts.bench

clean:
	rm -rf site dist build .cache
