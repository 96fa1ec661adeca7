"""Does a learned layer generalize across authors where the intent rules do not? (#12 item 3)

Leave one author out over the blind parts (heldout …heldout14): a logistic regression on hashed
character n-grams plus replay context (script_agent/testing/intent_learning*.py) is trained on every
other part except the author's paired dev part (written from that author's misses) and the newest
blind author (FINAL), and compared with the rules now (tuned on every one of those parts, so near
100% there), with the rules' first clean figure on that author (testing/intent_first_measurements.py)
and with the model trained only on the parts written before that author ("as of"), the fair match
for the first figure. The combination keeps the rules' answer unless the model disagrees above a
threshold chosen on the other folds. FINAL (heldout18 now), never tuned on, never used to choose
anything here, is reported last, once.
Run: `flock /work/notes/bench.lock .venv/bin/python bench/intent_learned.py` (~2 min CPU).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from script_agent.agents.intent import IntentAgent
from script_agent.testing import intent_first_measurements as first
from script_agent.testing import intent_learning as il
from script_agent.testing import intent_learning_folds as f
from script_agent.testing.intent_dataset import PARTS, UNSEEN

STEPS = 300
L2 = {"kind": 1e-4, "clarify": 3e-5, "category": 1e-4}  # chosen on heldout … heldout13 (pool_out)
TASKS = (f.Task("kind", 5, False), f.Task("clarify", 2, False), f.Task("category", 6, False, history=True))


def _first(part: str, slot: str) -> str:
    got = getattr(first, f"{part.upper()}_FIRST", None)
    if not isinstance(got, dict) or slot not in got:
        return "   -"
    value = got[slot]
    return f"{value[0] / value[1]:4.0%}" if isinstance(value, tuple) else f"{value:4.0%}"


async def main() -> None:
    rows = [r for p in PARTS if p not in UNSEEN for r in await f.collect(p)]
    folds = [*f.BLIND, f.FINAL]
    non_final = [p for p in PARTS if p != f.FINAL and p not in UNSEEN]
    thresholds: dict[str, float] = {}
    for task in TASKS:
        out = f.out_of_fold(rows, task, f.BLIND, f.pool_out, L2[task.name], STEPS)
        asof = f.out_of_fold(rows, task, f.BLIND, f.pool_before, L2[task.name], STEPS)
        # FINAL last: trained on every other part, threshold from every other fold's out-of-fold
        out |= f.out_of_fold(rows, task, [f.FINAL], f.pool_out, L2[task.name], STEPS)
        asof |= f.out_of_fold(rows, task, [f.FINAL], f.pool_before, L2[task.name], STEPS)
        pools = {p: non_final for p in folds}
        table = {x.part: x for x in f.fold_table(rows, task, out, pools)}
        early = {x.part: x for x in f.fold_table(rows, task, asof, pools)}
        print(
            f"\n{task.name}: rules now | rules first clean | model LOAO | model as-of | combined @threshold"
        )
        for part in folds:
            x, e = table[part], early[part]
            if part == f.FINAL:
                print("-" * 78)
            print(f"{part:<10} n={x.n:<4} rules {x.rules:6.1%} | first {_first(part, task.name)} | "
                  f"model {x.model:6.1%} | as-of {e.model:6.1%} | "
                  f"combined {x.combined:6.1%} @{x.threshold}")  # fmt: skip
        blind = [table[p] for p in f.BLIND]
        n = sum(x.n for x in blind)
        print(f"{'pooled':<10} n={n:<4} rules {sum(x.rules * x.n for x in blind) / n:6.1%} | "
              f"model {sum(x.model * x.n for x in blind) / n:6.1%} | "
              f"combined {sum(x.combined * x.n for x in blind) / n:6.1%}  (heldout … heldout13)")  # fmt: skip
        thresholds[task.name] = table[f.FINAL].threshold
    await _plugged(rows, thresholds["kind"])


async def _plugged(rows: list[f.Row], threshold: float) -> None:
    """FINAL replayed with the combined kind plugged in (script counts, hence references, move)."""
    task = TASKS[0]
    train = [r for r in rows if r.part in f.pool_out(f.FINAL)]
    w = il.fit(task.matrix(train), task.want(train), task.classes, l2=L2["kind"], steps=STEPS)
    agent = f.CombinedAgent(w, threshold, stacked=False)
    full, kind, n = await f.replay_turns(f.FINAL, agent)
    base_full, base_kind, _ = await f.replay_turns(f.FINAL, IntentAgent(learned=False))  # rules alone
    print(f"\n{f.FINAL} replayed, rules: {base_full}/{n} turns fully right, kind {base_kind}/{n}; "
          f"combined kind plugged in: {full}/{n}, kind {kind}/{n} ({agent.overrides} overrides)")  # fmt: skip
    print(f"CPU per turn: rules {agent.rules_ns / agent.turns / 1e3:,.0f} us, "
          f"model (features + predict) {agent.model_ns / agent.turns / 1e3:,.0f} us")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
