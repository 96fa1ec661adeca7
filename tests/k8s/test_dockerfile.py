"""Static checks of the Dockerfile (no Docker engine exists on these machines)."""

from __future__ import annotations

import json
import re

from .chart_tools import REPO_ROOT

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
DOCKERIGNORE = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def test_multi_stage_on_python_311_slim():
    stages = [args for op, args in instructions() if op == "FROM"]
    assert len(stages) >= 2 and stages[0].endswith("AS builder")
    assert re.search(r"ARG PYTHON_IMAGE=python:3\.11-slim\b", DOCKERFILE)
    assert all(args.startswith("${PYTHON_IMAGE}") for args in stages)


def test_builder_builds_a_wheel_and_runtime_installs_it_into_a_venv():
    runs = " ".join(args for op, args in instructions() if op == "RUN")
    assert "pip wheel" in runs and "--wheel-dir /wheels" in runs
    assert "python -m venv /opt/venv" in runs and "--no-index --no-deps --find-links=/wheels" in runs
    assert "from=builder" in runs


def test_runs_as_a_non_root_user():
    users = [args for op, args in instructions() if op == "USER"]
    assert users and users[-1].split(":")[0] == "10001"
    assert "--uid 10001" in DOCKERFILE


def test_one_image_for_serve_and_operator():
    ops = dict(instructions())
    assert json.loads(ops["ENTRYPOINT"]) == ["script-agent"]
    assert json.loads(ops["CMD"]) == ["serve", "--host", "0.0.0.0", "--port", "8080"]


def test_no_secrets_baked_in():
    secret_like = re.compile(r"(API_KEY|SECRET|PASSWORD|TOKEN|REDIS_URL)\s*=", re.IGNORECASE)
    for op, args in instructions():
        if op in {"ENV", "ARG", "LABEL"}:
            assert not secret_like.search(args), f"{op} {args}"
    assert not re.search(r"^\s*COPY\s+\.\s", DOCKERFILE, re.MULTILINE), "copy only what the build needs"
    for pattern in ("**/.env", "**/*.pem", "**/*.key", "**/kubeconfig*"):
        assert pattern in DOCKERIGNORE.splitlines()


def test_dockerignore_is_an_allow_list():
    lines = DOCKERIGNORE.splitlines()
    assert lines[lines.index("**")] == "**" and "!script_agent/" in lines and "!operator/" in lines
    copied = {args.split()[0] for op, args in instructions() if op == "COPY" and not args.startswith("--")}
    assert copied <= {"pyproject.toml", "script_agent", "operator", "requirements/runtime.lock"}
    assert "!requirements/runtime.lock" in lines


def test_dependencies_come_from_the_hash_checked_lock():
    runs = [args for op, args in instructions() if op == "RUN"]
    builder = " ".join(runs[:2])
    assert "--require-hashes --no-deps -r requirements/runtime.lock" in builder
    assert "pip wheel --require-hashes" in builder
    # the project wheel is built without fetching a build backend from the index
    assert any("--no-build-isolation" in run and run.rstrip().endswith(".") for run in runs)
