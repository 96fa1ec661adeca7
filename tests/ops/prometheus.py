"""A real Prometheus (Debian's `prometheus` package) on a loopback port, for one test.

Scrapes every second and evaluates rules every second, so a test of a few seconds sees several
samples; its TSDB lives in the test's tmp directory and the process is stopped at teardown.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from script_agent.testing.gateway import free_port
from script_agent.testing.support import stop_process


class PrometheusServer:
    def __init__(
        self, workdir: Path, targets: dict[str, list[dict[str, Any]]], rule_files: list[Path]
    ) -> None:
        """targets: job name -> static_configs entries ({"targets": [...], "labels": {...}})."""
        self.workdir, self.port = workdir, free_port()
        config = {
            "global": {"scrape_interval": "1s", "scrape_timeout": "900ms", "evaluation_interval": "1s"},
            "rule_files": [str(p) for p in rule_files],
            "scrape_configs": [{"job_name": job, "static_configs": cfgs} for job, cfgs in targets.items()],
        }
        self.config_path = workdir / "prometheus.yml"
        self.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=5)

    def start(self, timeout_s: float = 20) -> PrometheusServer:
        binary = shutil.which("prometheus")
        assert binary, "prometheus missing: run scripts/ensure-prometheus.sh (Debian package prometheus)"
        log = (self.workdir / "prometheus.log").open("wb")
        self.proc = subprocess.Popen(
            [
                binary,
                f"--config.file={self.config_path}",
                f"--storage.tsdb.path={self.workdir / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
                "--storage.tsdb.retention.time=1h",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.logs()
            try:
                if self.http.get("/-/ready").status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"prometheus did not become ready:\n{self.logs()}")

    def stop(self) -> None:
        stop_process(self.proc)
        self.http.close()

    def logs(self) -> str:
        path = self.workdir / "prometheus.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # --- HTTP API -------------------------------------------------------------------------------
    def _get(self, path: str, **params: Any) -> Any:
        response = self.http.get(path, params=params)
        body = response.json()
        assert response.status_code == 200 and body["status"] == "success", (path, params, body)
        return body["data"]

    def query(self, expr: str, at: float | None = None) -> list[dict[str, Any]]:
        params = {"query": expr} | ({"time": at} if at is not None else {})
        return self._get("/api/v1/query", **params)["result"]

    def query_range(self, expr: str, start: float, end: float, step: float = 1.0) -> list[dict[str, Any]]:
        return self._get("/api/v1/query_range", query=expr, start=start, end=end, step=step)["result"]

    def rules(self) -> list[dict[str, Any]]:
        return [rule for group in self._get("/api/v1/rules")["groups"] for rule in group["rules"]]

    def alerts(self) -> list[dict[str, Any]]:
        return self._get("/api/v1/alerts")["alerts"]

    def targets_up(self) -> dict[str, int]:
        active = self._get("/api/v1/targets")["activeTargets"]
        return {t["scrapeUrl"] + str(sorted(t["labels"].items())): t["health"] == "up" for t in active}

    def wait_for(
        self, expr: str, predicate: Any, timeout_s: float = 20, what: str = ""
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout_s
        result: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            result = self.query(expr)
            if predicate(result):
                return result
            time.sleep(0.25)
        raise AssertionError(f"{what or expr}: not reached in {timeout_s}s; last result {result}")


def values(series: dict[str, Any]) -> list[float]:
    """The float values of one query_range series, oldest first."""
    return [float(v) for _, v in series["values"]]
