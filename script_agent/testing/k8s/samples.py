"""The example ScriptJob and a model reply that passes its quality check on the first attempt.

Shared by the operator suites and bench/operator.py, so both drive the same job with one LLM call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

EXAMPLE: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[3] / "examples" / "scriptjob.yaml").read_text(encoding="utf-8")
)
REPLY = (
    "宝宝们看过来！这支丝绒哑光口红真的是闭眼入，12小时持久不脱色，吃饭喝水都不怕掉色；添加玫瑰果油，"
    "滋润不拔干，嘴唇一整天都舒服；显白复古红，黄皮友好，上嘴就是气色担当。想要的宝宝们扣1，"
    "赶紧点击小黄车下单，喜欢的宝宝们冲！"
)
