# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# Both install into a project venv (.venv) from the lock files in requirements/, so a plain `python3`
# is enough (no activated venv, no system pip: Debian's externally-managed Python is never touched).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PIP := $(PY) -m pip --disable-pip-version-check
# Installs print pip's own progress (one line per package) so a fresh install is never silent.
PIP_INSTALL := $(PIP) install --progress-bar on --require-hashes --no-deps

.PHONY: install install-dev run test gallery lint lock lock-check bench studio-screenshots intent-model compliance-model

$(PY):
	@bash scripts/ensure-venv.sh "$(PYTHON)" "$(VENV)"

# Stamps: re-install only when a lock changes.
$(VENV)/.runtime-installed: requirements/runtime.lock | $(PY)
	@echo "==> installing runtime dependencies from requirements/runtime.lock into $(VENV)"
	$(PIP_INSTALL) -r requirements/runtime.lock
	@echo "==> installing script-agent (editable)"
	$(PIP) install --no-deps --no-build-isolation -q -e .
	@touch $@

$(VENV)/.dev-installed: requirements/dev.lock | $(PY)
	@echo "==> installing dev dependencies from requirements/dev.lock into $(VENV)"
	$(PIP_INSTALL) -r requirements/dev.lock
	@echo "==> installing script-agent (editable)"
	$(PIP) install --no-deps --no-build-isolation -q -e .
	@touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

run: install
	$(BIN)/script-agent generate --product examples/products/lipstick.json \
	  --influencer examples/influencers/xiaomei.json --scene opening --query "帮我写一段这款口红的开场话术"

test: install-dev
	$(PY) scripts/lockfiles.py check
	bash scripts/ensure-redis.sh
	bash scripts/ensure-prometheus.sh
	bash scripts/ensure-chromium.sh
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(BIN)/lint-imports --no-cache
	$(PY) -m pytest -q -rs -p no:cacheprovider

# Rebuild the learned kind override (script_agent/data/intent_kind.npz) from the labelled intent parts
# (all but the unseen one); deterministic, a few seconds. tests/agents/test_intent_learned.py fails while the file is stale.
intent-model: install-dev
	$(PY) scripts/train_intent_kind.py

# Rebuild the learned compliance layer (script_agent/data/compliance_learned.npz) from every corpus split
# but the unseen blind13; deterministic, ~10 s. tests/compliance/test_learned.py fails while it is stale.
compliance-model: install-dev
	$(PY) scripts/train_compliance_learned.py

gallery: install-dev
	$(PY) scripts/make_gallery.py

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Refresh the locks after editing dependencies in pyproject.toml or requirements/*.in (needs the registry).
lock: install-dev
	PATH="$(BIN):$$PATH" $(PY) scripts/lockfiles.py lock

lock-check: install-dev
	$(PY) scripts/lockfiles.py check

bench: install-dev
	bash scripts/ensure-redis.sh
	for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# PNG screenshots of the studio's main states into docs/studio/ (headless system chromium).
studio-screenshots: install-dev
	bash scripts/ensure-chromium.sh
	$(PY) scripts/studio_screenshots.py docs/studio
