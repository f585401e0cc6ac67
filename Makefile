# DX Quest for Open edX. `make demo` serves the demo; `make test` runs the whole suite.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
PACKAGES := casestudy_xblock deliverable_xblock community_plugin matching_plugin
REQ := conf/requirements
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= conf.settings.dev

.PHONY: help demo serve test test-mysql quality bench translations requirements upgrade clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	@python312="$$(bin/find-python312)" && echo "Using $$python312" && "$$python312" -m venv $(VENV)
	$(PIP) install -q --upgrade pip 'setuptools<82' wheel

$(VENV)/.installed-%: $(PY) $(REQ)/%.txt setup.py conf/requirements/base.in
	$(PIP) install -q -r $(REQ)/$*.txt
	$(PIP) install -q --no-deps -e .
	@touch $@

requirements: $(VENV)/.installed-dev ## install everything a developer uses

demo: $(VENV)/.installed-standalone ## build, migrate, load the demo and serve it on 127.0.0.1:8000
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py dxq_demo
	@echo "Serving the demo on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload --insecure

test: $(VENV)/.installed-test ## run the whole suite (SQLite; real Redis worker and Chromium when present)
	DJANGO_SETTINGS_MODULE=conf.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-mysql: $(VENV)/.installed-test $(VENV)/.installed-mysql ## the suite on MariaDB/MySQL (DXQ_DATABASE_URL)
	DXQ_DATABASE_URL=$${DXQ_DATABASE_URL:-mysql://root@127.0.0.1:3306/dxquest} \
	DJANGO_SETTINGS_MODULE=conf.settings.test $(PY) -m pytest $(PYTEST_ARGS)

quality: $(VENV)/.installed-quality $(VENV)/.installed-test ## ruff and the import-linter layering contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: $(VENV)/.installed-test ## run the benchmarks; each writes build/bench/<name>.json
	DJANGO_SETTINGS_MODULE=conf.settings.test $(PY) -m benchmarks.run $(BENCH)

translations: $(VENV)/.installed-dev ## extract, fill from the glossary, validate (edx-i18n-tools), compile
	@for pkg in $(PACKAGES) conf; do \
	  (cd $$pkg && env -u DJANGO_SETTINGS_MODULE ../$(VENV)/bin/django-admin makemessages -l ja \
	      --no-obsolete --no-location --ignore 'migrations/*' --ignore 'tests/*' \
	      --ignore 'requirements/*' --ignore 'tutor/*' >/dev/null) || exit 1; \
	done
	$(PY) bin/translate_ja.py $(PACKAGES) conf
	@for pkg in $(PACKAGES); do (cd $$pkg && ../$(VENV)/bin/i18n_tool validate) || exit 1; done
	@(cd conf && ../$(VENV)/bin/i18n_tool validate -c locale/config.yaml) || exit 1
	$(PY) bin/check_translations.py $(PACKAGES) conf
	@for pkg in $(PACKAGES) conf; do \
	  (cd $$pkg && env -u DJANGO_SETTINGS_MODULE ../$(VENV)/bin/django-admin compilemessages -l ja \
	      >/dev/null) || exit 1; done
	@echo "Japanese catalogues complete and compiled."

upgrade: $(VENV)/.installed-dev ## recompile the pinned requirements from the .in files
	@for f in base standalone test quality dev mysql; do \
	  $(VENV)/bin/pip-compile -q --upgrade --allow-unsafe --strip-extras --no-emit-index-url \
	    --no-emit-find-links -o $(REQ)/$$f.txt $(REQ)/$$f.in || exit 1; done

clean: ## remove the virtualenv, the demo database and build outputs
	rm -rf $(VENV) var build *.egg-info
