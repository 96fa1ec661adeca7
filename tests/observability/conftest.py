"""Root logging is process-wide: each test that configures it gets the previous setup back."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from script_agent.observability.logging import configure_logging

JsonLines = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    chatty = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, value in chatty.items():
        logging.getLogger(name).setLevel(value)


@pytest.fixture
def json_logs(restore_logging: None) -> Callable[[str], JsonLines]:
    """json_logs(level) configures LOG_JSON logging into a buffer and returns a reader of its lines."""

    def setup(level: str = "INFO") -> JsonLines:
        buffer = io.StringIO()
        configure_logging(level, json_format=True, stream=buffer)
        return lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]

    return setup
