"""`script-agent check` as a user runs it: a real subprocess, stdout, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "宝子们好！这款口红是全网最好用的，用了它唇炎就好了。原价399，今天129元。本品不能代替药物。"
PRODUCT = {"name": "丝绒雾面口红", "category": "美妆", "price": 129, "original_price": 169}


def check(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_", "COMPLIANCE_"))}
    return subprocess.run(
        [sys.executable, "-m", "script_agent", "check", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, "PYTHONIOENCODING": "utf-8", **(env or {})},
        cwd=ROOT,
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    script, product = tmp_path / "script.txt", tmp_path / "product.json"
    script.write_text(SCRIPT, encoding="utf-8")
    product.write_text(json.dumps(PRODUCT, ensure_ascii=False), encoding="utf-8")
    return script, product


def test_findings_print_rule_span_basis_and_fix_and_exit_1(files) -> None:
    script, product = files
    proc = check(str(script), "--product", str(product))
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "absolute.superlative" in out and "【最好】" in out and "《广告法》第九条" in out
    assert "medical.treatment" in out and "price.reference" in out and "【原价399】" in out
    assert "\033[" not in out  # not a terminal: no colour codes
    assert "suggested rewrite:" in out and "本品不能代替药物" in out.split("suggested rewrite:")[1]


def test_json_is_the_report_object(files) -> None:
    script, product = files
    proc = check(str(script), "--product", str(product), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    # 4 since round 11: 唇炎就好了 on a lipstick is reported under cosmetics law as well as 广告法 art. 17.
    assert report["clean"] is False and report["blocking"] == len(report["findings"]) == 4
    first = report["findings"][0]
    assert SCRIPT[first["start"] : first["end"]] == first["text"] == "最好"
    assert {"rule_id", "category", "severity", "basis", "fix", "clause", "layer"} <= set(first)


def test_clean_script_from_stdin_exits_0() -> None:
    proc = check("-", stdin="宝子们好！这支口红颜色很正，喜欢的点购物车。")
    assert proc.returncode == 0 and "no findings" in proc.stdout


def test_product_facts_change_the_verdict(tmp_path: Path) -> None:
    text = "这款精华坚持用可以美白淡斑。"
    product = tmp_path / "p.json"
    product.write_text(json.dumps({"name": "精华", "category": "美妆", "features": ["特殊化妆品：美白祛斑"]}))
    assert check("-", stdin=text).returncode == 1
    assert check("-", "--product", str(product), stdin=text).returncode == 0


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["/no/such/file.txt"], None, "cannot read script"),
        (["-"], "   \n", "is empty"),
        (["-", "--product", "/no/such.json"], "好", "product file not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], stdin: str | None, message: str) -> None:
    proc = check(*args, stdin=stdin)
    assert proc.returncode == 2 and message in proc.stderr and proc.stdout == ""
