"""Loader of the learned compliance layer's weights (script_agent/data/compliance_learned.npz).

Why here and not in the domain: reading package data and decoding numpy arrays is I/O; the domain's
LearnedModel only scores a flat sequence of floats. The file stores only the buckets any training
n-gram touched (float16 when that moves the pooled as-of recall / false positives by < 0.5 pt), the
threshold, the feature version and the sha256 of the corpus splits it was trained on
(`make compliance-model`, scripts/train_compliance_learned.py). A file this code cannot read fails
loudly: a silent fallback would quietly drop the layer's recall.
"""

from __future__ import annotations

import functools
import io
import zipfile
from array import array
from importlib import resources
from pathlib import Path

import numpy as np

from script_agent.domain.compliance.learned import CATEGORIES, DIM, FEATURE_VERSION, LearnedModel

MODEL_FILE = "compliance_learned.npz"
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / MODEL_FILE


class CorruptWeights(ValueError):
    """The weights file is unreadable or inconsistent (rebuild it with `make compliance-model`)."""


def encode(weights: np.ndarray, threshold: float, digest: str, *, half: bool = True) -> dict[str, np.ndarray]:
    """The arrays the file holds: the nonzero rows only, plus what the weights were trained for."""
    if weights.shape != (DIM, len(CATEGORIES)):
        raise ValueError(f"weights of shape {weights.shape}, expected {(DIM, len(CATEGORIES))}")
    used = np.flatnonzero(np.abs(weights).sum(axis=1)).astype(np.int32)
    return {
        "used": used,
        "weights": weights[used].astype(np.float16 if half else np.float32),
        "dim": np.array(DIM),
        "threshold": np.array(threshold, dtype=np.float64),
        "feature_version": np.array(FEATURE_VERSION),
        "categories": np.array(CATEGORIES),
        "splits_sha256": np.array(digest),
    }


def read(raw: bytes) -> dict[str, np.ndarray]:
    """The file's arrays, or CorruptWeights (a truncated zip, a missing array, pickled objects)."""
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            return {key: data[key] for key in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise CorruptWeights(f"{MODEL_FILE} is unreadable ({exc}): run `make compliance-model`") from exc


def decode(arrays: dict[str, np.ndarray]) -> LearnedModel:
    """A LearnedModel with dense float32 rows (3 MiB, held once), or CorruptWeights."""
    try:
        used, rows = arrays["used"], arrays["weights"]
        dim, k = int(arrays["dim"]), len(CATEGORIES)
        if (
            rows.shape != (len(used), k)
            or dim != DIM
            or (len(used) and not 0 <= used.min() <= used.max() < DIM)
        ):
            raise CorruptWeights(f"{MODEL_FILE}: rows {rows.shape} for {len(used)} buckets of {dim}")
        if not np.isfinite(rows).all():
            raise CorruptWeights(f"{MODEL_FILE}: non-finite weights")
        flat = array("f", bytes(DIM * k * 4))
        # One 3 MiB buffer: the domain's flat sequence and the loader's gather read the same floats.
        dense = np.frombuffer(flat, dtype=np.float32).reshape(DIM, k)
        dense[used] = rows
        return LearnedModel(
            weights=flat,
            row_sums=lambda ids: dense[ids].sum(axis=0, dtype=np.float64).tolist(),  # ~4x the slices
            threshold=float(arrays["threshold"]),
            feature_version=int(arrays["feature_version"]),
            categories=tuple(str(c) for c in arrays["categories"]),
        )
    except KeyError as exc:
        raise CorruptWeights(f"{MODEL_FILE} lacks {exc}: run `make compliance-model`") from exc
    except ValueError as exc:
        if isinstance(exc, CorruptWeights):
            raise
        raise CorruptWeights(f"{MODEL_FILE}: {exc}") from exc


def load_learned(path: Path | None = None) -> LearnedModel:
    """The packaged weights (decoded once per process) or a file at path; raises CorruptWeights rather
    than scoring nothing."""
    return decode(read(path.read_bytes())) if path else _packaged()


@functools.cache
def _packaged() -> LearnedModel:
    return decode(read(resources.files("script_agent.data").joinpath(MODEL_FILE).read_bytes()))
