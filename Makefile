# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
PIP_FLAGS ?= -q --disable-pip-version-check

.PHONY: install run test lint bench

install:
	$(PY) -m pip install $(PIP_FLAGS) -e '.[dev]'

run: install
	script-agent generate --product examples/products/lipstick.json \
	  --influencer examples/influencers/xiaomei.json --scene opening --query "帮我写一段这款口红的开场话术"

test: install
	bash scripts/ensure-redis.sh
	$(PY) -m ruff check .
	$(PY) -m pytest -q -rs -p no:cacheprovider

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

bench: install
	bash scripts/ensure-redis.sh
	for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done
