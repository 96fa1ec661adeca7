"""The CLI as a user runs it: a real subprocess, stdout/stderr and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_", "LONGTERM_"))}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "script_agent", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
        cwd=ROOT,
    )


def products() -> list[Path]:
    return sorted((EXAMPLES / "products").glob("*.json"))


def influencers() -> list[Path]:
    return sorted((EXAMPLES / "influencers").glob("*.json"))


def test_examples_ship_three_products_and_two_influencers():
    assert len(products()) >= 3 and len(influencers()) >= 2
    categories = {json.loads(p.read_text(encoding="utf-8")).get("category") for p in products()}
    assert len(categories) >= 3


@pytest.mark.parametrize("scene", ["opening", "selling_points", "promotion"])
def test_generate_streams_script_and_reports_states(scene):
    product, influencer = products()[0], influencers()[0]
    proc = cli("generate", "--product", str(product), "--influencer", str(influencer), "--scene", scene)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(product.read_text(encoding="utf-8"))
    assert data["name"] in proc.stdout or any(sp in proc.stdout for sp in data.get("selling_points", []))
    for state in ("CONTEXT_LOADING", "SCRIPT_GENERATING", "QUALITY_CHECKING", "COMPLETED"):
        assert f"[{state}]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_generate_json_prints_the_result_object():
    proc = cli("generate", "--product", str(products()[1]), "--influencer", str(influencers()[1]), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["state"] == "COMPLETED" and out["result"]["text"]
    assert out["result"]["quality"]["passed"] is True


def _bad(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("case", "expect"),
    [
        ("missing", "product file not found"),
        ("malformed", "not valid JSON"),
        ("wrong_type", "field 'price'"),
        ("not_object", "must hold one JSON object"),
        ("bad_scene", "valid scenes: opening, product_intro, selling_points, promotion, closing"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, case, expect):
    influencer = str(influencers()[0])
    product = str(products()[0])
    args = {
        "missing": ["--product", str(tmp_path / "nope.json"), "--influencer", influencer],
        "malformed": [
            "--product",
            _bad(tmp_path, "malformed.json", "{name: 口红"),
            "--influencer",
            influencer,
        ],
        "wrong_type": [
            "--product",
            _bad(tmp_path, "wrong.json", json.dumps({"name": "口红", "price": "很便宜"})),
            "--influencer",
            influencer,
        ],
        "not_object": ["--product", _bad(tmp_path, "list.json", "[1, 2]"), "--influencer", influencer],
        "bad_scene": ["--product", product, "--influencer", influencer, "--scene", "dance"],
    }[case]
    proc = cli("generate", *args)
    assert proc.returncode == 2
    assert expect in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
