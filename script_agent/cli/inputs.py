"""Reading CLI input files into domain models, with one-line errors instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from script_agent.domain.models import Scene

M = TypeVar("M", bound=BaseModel)


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit code 2."""


def load_model(path: str, model: type[M], what: str) -> M:
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"{what} file not found: {path}")
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{what} file is not UTF-8 text: {path}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{what} file is not valid JSON: {path}: line {exc.lineno} col {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(raw, dict):
        raise UsageError(f"{what} file must hold one JSON object: {path}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(root)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise UsageError(f"{what} file {path}: field '{field}': {err['msg']}{more}") from None


def parse_duration(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        seconds = int(value.rstrip("s"))
    except ValueError:
        raise UsageError(f"--duration must be a number of seconds, got '{value}'") from None
    if not 15 <= seconds <= 300:
        raise UsageError(f"--duration must be between 15 and 300 seconds, got {seconds}")
    return seconds


def parse_scene(value: str | None) -> Scene | None:
    if value is None:
        return None
    try:
        return Scene(value)
    except ValueError:
        valid = ", ".join(s.value for s in Scene)
        raise UsageError(f"unknown scene '{value}'; valid scenes: {valid}") from None
