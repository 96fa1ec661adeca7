"""Build script_agent/data/intent_kind.npz, the kind model IntentAgent consults (`make intent-model`).

Why a script and not a notebook: the shipped weights must be reproducible from the repo alone. It
replays every labelled part but the unseen one (intent_dataset.UNSEEN) through the rules (learned
override off), fits the kind model from a zero start by full-batch Adam (deterministic), and records
the threshold, the feature version and the sha256 of the parts, which
tests/agents/test_intent_learned.py compares with the labels now. Run it again after any part
changes: `make intent-model`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from script_agent.agents import intent_learned as product
from script_agent.testing import intent_learning_folds as folds


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=product.MODEL_PATH)
    parser.add_argument("--float32", action="store_true", help="store float32 weights (default float16)")
    args = parser.parse_args()
    weights = await folds.train_kind()
    arrays = product.encode(weights, folds.KIND_THRESHOLD, folds.parts_digest(), half=not args.float32)
    with args.out.open("wb") as out:
        np.savez_compressed(out, allow_pickle=False, **arrays)
    rows = len(arrays["rows"])
    print(f"{args.out}: {rows} of {product.DIM} rows, {arrays['weights'].dtype}, "
          f"{args.out.stat().st_size:,} bytes, threshold {folds.KIND_THRESHOLD}")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
