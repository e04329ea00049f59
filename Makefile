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

.PHONY: setup setup-test serve build test catalog bundle scorm bench clean check-deploy audit requirements

# Stamps make setup cheap when nothing changed. The build's packages and the tests'
# are pinned apart, each with hashes (requirements/*.txt, from requirements/*.in by
# `make requirements`): `make build` and `make serve` install no test tool.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
$(VENV)/.stamp-build: requirements/build.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/build.txt
	touch $@

$(VENV)/.stamp-test: requirements/test.txt $(VENV)/.stamp-build
	$(PIP) -r requirements/test.txt
	touch $@

# The build's Pyodide step (`pyodide lockfile add-wheels`, scripts/assessment/wheel.py)
# runs from a venv of its own: pyodide-build 0.39 needs Python >= 3.12, and this image's
# default python3 is 3.11. Its interpreter: the first Python >= 3.12 on PATH, else the
# newest of pyenv's versions (pyenv's shims exist on PATH but fail when not selected).
PYODIDE_VENV := .venv-pyodide
PYTHON_TOOLS ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

$(PYODIDE_VENV)/.stamp: requirements/pyodide.txt
	@test -n "$(PYTHON_TOOLS)" || { echo "make: pyodide-build needs Python >= 3.12 and none was found (python3.14, python3.13, python3.12, python3 on PATH, pyenv's versions): install one (e.g. \`pyenv install 3.12\`) or run make with PYTHON_TOOLS=/path/to/python3.12" >&2; exit 1; }
	test -x $(PYODIDE_VENV)/bin/python || $(PYTHON_TOOLS) -m venv --clear $(PYODIDE_VENV)
	$(PYODIDE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pyodide.txt
	touch $@

# npm: the build needs only the runtime (pyodide, esbuild, iframe-worker, scorm-again);
# the tests and the benchmark also need the dev dependencies (typescript, lighthouse,
# vnu-jar, …). A full install serves the build too, so it is never undone.
NPM_CI := npm ci --no-audit --no-fund --loglevel=error
node_modules/.stamp: package.json package-lock.json
	if [ node_modules/.stamp-dev -nt package-lock.json ] && [ node_modules/.stamp-dev -nt package.json ]; \
	then :; else $(NPM_CI) --omit=dev; fi
	touch $@

# vnu-jar's install script looks for a Java >= 11 and, finding none, downloads one from
# outside the package registries: Debian's (the one the checker runs on) comes first.
node_modules/.stamp-dev: package.json package-lock.json | /usr/bin/java
	$(NPM_CI)
	touch $@ node_modules/.stamp

/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# xmllint validates the SCORM manifests against the schemas the packages ship.
/usr/bin/xmllint:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils

# nginx (with the brotli_static module) and wrk: tests/deploy/ serves the site through
# the generated nginx configuration and puts a bounded load on it.
/usr/sbin/nginx /usr/bin/wrk /usr/lib/nginx/modules/ngx_http_brotli_static_module.so:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static wrk

# A Java runtime (17 or later) for the Nu HTML Checker, the jar of the npm package vnu-jar
# (tests/audit/, make audit).
/usr/bin/java:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

setup: $(VENV)/.stamp-build node_modules/.stamp $(PYODIDE_VENV)/.stamp
# What the tests, the benchmark and the audits add to it.
# (npm's full install first, so a fresh clone installs once.)
setup-test: node_modules/.stamp-dev $(VENV)/.stamp-test setup

build: setup
	$(PY) -m scripts.build $(BUILD_FLAGS)

serve: build
	$(PY) -m scripts.serve --host $(HOST) --port $(PORT) site

# PARTING_KIT_FULL_SUITE: tests/conftest.py then fails the run when a promised test
# group ran no test at all, or anything was skipped.
test: setup-test lint check-js /usr/bin/chromium /usr/bin/java /usr/sbin/nginx /usr/bin/wrk /usr/lib/nginx/modules/ngx_http_brotli_static_module.so /usr/bin/xmllint
	PARTING_KIT_FULL_SUITE=1 $(PY) -m pytest

# Linters and types (issue 13 §4), configured in pyproject.toml: ruff's lint rules, ruff's
# formatting (checked, never rewritten here) and mypy over quiz/ (strict), scripts/ and
# tests/. Zero findings, or make test stops here.
.PHONY: lint
lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# tsc --checkJs over web/quiz/ against the data shapes of web/quiz/lib/types.js (page and
# worker each against their own globals): zero errors, or make test stops here.
.PHONY: check-js
check-js: node_modules/.stamp-dev
	node_modules/.bin/tsc -p web/quiz/jsconfig.json
	node_modules/.bin/tsc -p web/quiz/jsconfig.worker.json

# Sync every translated language's catalogues (guide, quiz, drafter, site, pages) with
# their Russian sources, creating a new language's folder (and its you.txt template).
catalog: setup
	$(PY) -m scripts.i18n.sync_catalogue

bundle: build
	$(PY) -m scripts.products.bundle

# Both course packages: dist/parting-kit-scorm12.zip and dist/parting-kit-scorm2004.zip.
scorm: build
	$(PY) -m scripts.products.scorm

bench: setup-test /usr/bin/chromium /usr/sbin/nginx /usr/lib/nginx/modules/ngx_http_brotli_static_module.so
	$(PY) -m scripts.bench

# The web field's own auditors on the built site served through nginx (issue 15): the
# Nu HTML Checker, Lighthouse (mobile) and the CSP Evaluator; prints a short table,
# writes audit/results.json (scripts/audit/). Their deterministic parts run in make test.
audit: setup-test /usr/bin/chromium /usr/bin/java /usr/sbin/nginx
	$(PY) -m scripts.audit

clean:
	rm -rf site dist build .cache

# Re-pin the Python packages after editing requirements/build.in or test.in: every
# package the two need, at one version each, with the hashes of its files.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make requirements" pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
requirements:
	test -x .venv-tools/bin/pip-compile || { $(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet pip-tools==7.5.1; }
	. .venv-tools/bin/activate && $(PIP_COMPILE) --output-file requirements/build.txt requirements/build.in
	. .venv-tools/bin/activate && $(PIP_COMPILE) --output-file requirements/test.txt requirements/test.in

# Check a deployed site rule by rule (types, encoding, caching, CSP and
# frame-ancestors, nosniff, no other origins); stdlib only, exits non-zero on a
# failure. FRAME_ANCESTORS=... also checks the embed view lists exactly those origins.
URL ?=
check-deploy:
	@test -n "$(URL)" || { echo "usage: make check-deploy URL=https://example.org/parting-kit/ [FRAME_ANCESTORS='https://lms.example.edu']" >&2; exit 2; }
	$(PYTHON) scripts/deploy/check.py "$(URL)" $(if $(FRAME_ANCESTORS),--frame-ancestors "$(FRAME_ANCESTORS)",)
