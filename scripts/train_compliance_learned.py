"""Build script_agent/data/compliance_learned.npz, the learned compliance layer (`make compliance-model`).

Why a script: the shipped weights must be reproducible from the repo alone. It fits the per-category
logistic regression from a zero start by full-batch Adam (deterministic; compliance_learning.fit_rows,
the recipe the as-of folds measure, a look-alike's own category weighted up) on TRAINING_SPLITS of
script_agent/testing/compliance_learning.py (every corpus split but the unseen blind13) and records
the threshold, the feature version and the sha256 of those splits, which
tests/compliance/test_learned.py compares with the corpus now. Run it again after any training split
changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from script_agent.memory import compliance_learned as product
from script_agent.testing import compliance_learning as cl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=product.MODEL_PATH)
    parser.add_argument("--float32", action="store_true", help="store float32 weights (default float16)")
    args = parser.parse_args()
    model = cl.train_shipped()
    arrays = product.encode(model.weights, cl.SHIPPED_THRESHOLD, cl.splits_digest(), half=not args.float32)
    with args.out.open("wb") as out:
        np.savez_compressed(out, allow_pickle=False, **arrays)
    print(
        f"{args.out}: {len(arrays['used'])} of {product.DIM} buckets, {arrays['weights'].dtype}, "
        f"{args.out.stat().st_size:,} bytes, threshold {cl.SHIPPED_THRESHOLD}, "
        f"trained on {', '.join(cl.TRAINING_SPLITS)}"
    )


if __name__ == "__main__":
    main()
