"""What pre-initialising every bounded label set costs a scrape: series count, exposition size and
CPU per `/metrics` render, before priming (the same-run baseline) and after.

Builds the gateway app and container of a production-shaped configuration (primary, fallback and
template layers, Redis configured but never called), renders the registry with
`generate_latest` (what the /metrics route does) and prints both figures. One process, CPU time.

    python bench/metrics_exposition.py [--renders 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prometheus_client import generate_latest

from script_agent.bootstrap import build_container
from script_agent.config import Settings
from script_agent.config.app import AuthSettings
from script_agent.config.llm import LLMSettings
from script_agent.config.memory import MemorySettings
from script_agent.config.state import RedisSettings
from script_agent.gateway.app import create_app
from script_agent.observability.metrics import REGISTRY


def measure(renders: int) -> tuple[int, int, float]:
    body = generate_latest(REGISTRY)
    series = sum(1 for line in body.splitlines() if line and not line.startswith(b"#"))
    started = time.process_time()
    for _ in range(renders):
        generate_latest(REGISTRY)
    return series, len(body), (time.process_time() - started) / renders * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()
    before = measure(args.renders)
    settings = Settings(
        llm=LLMSettings(
            primary_base_url="http://127.0.0.1:9",
            fallback_enabled=True,
            fallback_backend="ollama",
            fallback_base_url="http://127.0.0.1:9",
        ),
        redis=RedisSettings(url="redis://127.0.0.1:6379/0"),
        memory=MemorySettings(enabled=False),
        auth=AuthSettings(mode="dev"),
    )
    create_app(settings)
    build_container(settings, use_memory=False)
    after = measure(args.renders)
    print(f"{'registry':<26}{'series':>8}{'bytes':>10}{'ms/render':>11}")
    for name, (series, size, ms) in (("unprimed (baseline)", before), ("primed at start", after)):
        print(f"{name:<26}{series:>8}{size:>10}{ms:>11.2f}")
    print(f"priming adds {after[0] - before[0]} series, {after[2] - before[2]:.2f} ms CPU per scrape")


if __name__ == "__main__":
    main()
