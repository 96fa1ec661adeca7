"""Multi-turn on the embedded default: `generate --session` keeps the conversation between CLI runs
in SQLite under the data directory, with no Redis; `--show-prompt` prints the exact messages."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from script_agent.domain.writing.timing import spoken_chars

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--product", "examples/products/lipstick.json", "--influencer", "examples/influencers/laowang.json"]


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "LLM_", "SESSION_", "EMBEDDED_"))
    }
    env.update(PYTHONIOENCODING="utf-8", XDG_DATA_HOME=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "script_agent", "generate", *ARGS, *args],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip


def test_a_session_continues_across_runs_without_redis(tmp_path: Path) -> None:
    first = cli(tmp_path, "--session", "demo", "--query", "帮我写一段开场")
    assert first.returncode == 0, first.stderr
    again = cli(tmp_path, "--session", "demo", "--query", "再来一段")
    shorter = cli(tmp_path, "--session", "demo", "--query", "再短一点")
    for proc in (again, shorter):
        assert proc.returncode == 0 and "[COMPLETED]" in proc.stderr, proc.stderr
    assert again.stdout.strip() != first.stdout.strip()
    assert spoken_chars(shorter.stdout) < spoken_chars(again.stdout)
    db = tmp_path / "script-agent" / "state.sqlite3"
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT COUNT(*) FROM sessions WHERE id = 'demo'").fetchone()
        (versions,) = conn.execute(
            "SELECT MAX(version) FROM checkpoints WHERE session_id = 'demo'"
        ).fetchone()
    assert count == 1 and versions >= 3 * 7  # every turn's transitions were checkpointed on disk


def test_without_a_session_nothing_is_written_to_disk(tmp_path: Path) -> None:
    proc = cli(tmp_path, "--query", "写一段收尾")
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "script-agent").exists()


def test_show_prompt_prints_the_exact_messages_and_generates_nothing(tmp_path: Path) -> None:
    proc = cli(tmp_path, "--scene", "promotion", "--duration", "45", "--show-prompt")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("# sampling: ") and '"max_tokens": ' in out and '"temperature": 0.5' in out
    assert "--- system ---" in out and "--- user ---" in out and "【结构与时长】" in out
    assert "口播约45秒" in out and "[SCRIPT_GENERATING]" not in proc.stderr


def test_the_measured_length_is_reported_and_an_unreachable_duration_said_so(tmp_path: Path) -> None:
    ok = cli(tmp_path, "--scene", "promotion", "--duration", "45")
    assert ok.returncode == 0 and "spoken≈" in ok.stderr and "note:" not in ok.stderr
    # One bare point and no features: five minutes would need invented material, so it says so.
    sparse = tmp_path / "soap.json"
    soap = '{"name": "手工皂", "category": "家居", "selling_points": ["手工制作"]}'
    sparse.write_text(soap, encoding="utf-8")
    far = cli(tmp_path, "--scene", "closing", "--duration", "300", "--product", str(sparse))
    assert far.returncode == 0 and "note: more than 20% shorter than the asked 300s" in far.stderr, far.stderr
