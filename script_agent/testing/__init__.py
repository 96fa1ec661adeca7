"""Test doubles with a real process boundary, importable by tests, benchmarks and scripts alike.

Why a package and not tests/: benchmarks and the screenshot script drive the same fakes as the test
suites, and bench/ must never import tests/ (as kopf ships `kopf.testing`). Nothing in the product
imports this package (an import-linter contract in pyproject.toml enforces it), and it needs the dev
extra (kmock, common-expression-language, playwright, PyYAML): install with `make install-dev`.

- `llm_upstream`, `llm_faults`, `raw_responses`: an OpenAI/vLLM/Ollama-shaped fake model server.
- `k8s`: a Kubernetes API emulator served over HTTP (CRD schema + CEL admission) and a kopf runner.
- `gateway`, `studio`: the gateway on a loopback uvicorn thread, keys, settings, SSE reading.
- `compliance_corpus`, `intent_dataset`: loaders for the labelled evaluation sets under tests/.
"""
