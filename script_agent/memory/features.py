"""Turn Chinese text into weighted sparse features for the hashing embedder.

Two families are measured on the labelled set (tests/memory/data): jieba words and character n-grams.
Both first cut out filler that every live-commerce script shares (家人们, 直播间, 链接, 话术 ...): without
that, two unrelated scripts look ~0.5 similar just because both greet the room — the failure the seed
system had.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable

from script_agent.memory.segmenter import get_segmenter
from script_agent.memory.text import normalize_text

FeatureFn = Callable[[str], dict[str, float]]

# Multi-character filler removed before any feature is taken (longest first so 宝子们 beats 宝子).
_STOP_PHRASES = sorted(
    {
        "宝子们",
        "宝子",
        "家人们",
        "姐妹们",
        "宝妈们",
        "朋友们",
        "大家",
        "直播间",
        "链接",
        "上车",
        "下单",
        "话术",
        "开场",
        "卖点",
        "促销",
        "介绍",
        "帮我",
        "写一段",
        "写个",
        "来一段",
        "怎么说",
        "怎么写",
        "一段",
        "今天",
        "今晚",
        "现在",
        "赶紧",
        "看看",
        "一下",
        "这款",
        "这支",
        "这件",
        "这条",
        "这套",
        "这副",
        "这台",
        "这把",
        "这块",
        "这双",
        "这个",
        "那种",
        "我们",
        "你们",
        "可以",
        "没有",
        "真的",
        "给大家",
        "推荐",
        "一定要",
        "特别",
        "非常",
        "的话",
    },
    key=len,
    reverse=True,
)
_STOP_RE = re.compile("|".join(map(re.escape, _STOP_PHRASES)))
# Single characters that carry no topic on their own (particles, pronouns, measure words).
_STOP_CHARS = frozenset(
    "的了是在也都就和与及或还又很太我你他她它们这那个吧呢啊呀哦吗嘛么给把被让来去有要想能会看拍号"
)
_CJK_RE = re.compile(r"[\u3400-\u9fff]+")
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9+.\-]*")
_SPLIT_RE = re.compile(r"[^\u3400-\u9fffa-z0-9+.\-]+")


@functools.lru_cache(maxsize=256)  # pure; jieba+char features clean the same text twice
def _clean(text: str) -> str:
    return _STOP_RE.sub(" ", normalize_text(text))


def _sublinear(counts: Counter[str], weight: float = 1.0) -> dict[str, float]:
    """1 + log(tf): a word repeated for emphasis should not dominate the vector."""
    return {tok: weight * (1.0 + math.log(n)) for tok, n in counts.items()}


def _latin_tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def char_ngram_features(text: str, unigram_weight: float = 0.5, *, unigrams: bool = True) -> dict[str, float]:
    """Character unigrams (down-weighted) + bigrams inside each CJK run; Latin/digit runs as words.
    `unigrams=False` leaves the "u:" entries out (for a caller that would drop them anyway)."""
    cleaned = _clean(text)
    grams: Counter[str] = Counter()
    unis: Counter[str] = Counter()
    for run in _CJK_RE.findall(cleaned):
        if unigrams:
            unis.update(ch for ch in run if ch not in _STOP_CHARS)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    grams.update(_latin_tokens(cleaned))
    features = _sublinear(grams)
    for tok, w in _sublinear(unis, unigram_weight).items():
        features["u:" + tok] = w
    return features


def jieba_features(text: str, search_mode: bool = True) -> dict[str, float]:
    """jieba words; search mode also emits the sub-words of long words (防晒霜 -> 防晒, 防晒霜)."""
    seg = get_segmenter()
    cleaned = _clean(text)
    words: Counter[str] = Counter()
    for chunk in _SPLIT_RE.split(cleaned):
        if not chunk:
            continue
        tokens = seg.cut_for_search(chunk) if search_mode else seg.cut(chunk)
        words.update(t for t in tokens if t.strip() and not (len(t) == 1 and t in _STOP_CHARS))
    return _sublinear(words)


def jieba_char_features(text: str) -> dict[str, float]:
    """Hybrid: jieba words plus character bigrams, so unseen compounds still share signal."""
    features = {"w:" + k: v for k, v in jieba_features(text).items()}
    # No "u:" entries asked for: they were computed only to be dropped here (every write-back's embedding).
    for tok, w in char_ngram_features(text, unigram_weight=0.0, unigrams=False).items():
        features["c:" + tok] = 0.7 * w
    return features


FEATURE_SETS: dict[str, FeatureFn] = {
    "char": char_ngram_features,
    "char-bigram": lambda t: char_ngram_features(t, unigram_weight=0.0),
    "jieba": lambda t: jieba_features(t, search_mode=False),
    "jieba-search": jieba_features,
    "jieba+char": jieba_char_features,
}
