"""One process-wide jieba tokenizer, loaded once.

Loading jieba's prefix dictionary takes ~0.5-1 s (longer on a cold cache), so it must happen exactly once
and never on the event loop: `warmup_segmenter()` does it in a thread at start-up; a call that arrives
before warm-up finishes waits on the same lock instead of loading a second copy.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

# Shop-floor words jieba's general dictionary splits or misses; keeping them whole makes word features
# match the way hosts and users actually name products.
_DOMAIN_WORDS = (
    "口红",
    "唇釉",
    "粉底液",
    "面膜",
    "防晒霜",
    "防晒",
    "卸妆",
    "精华液",
    "螺蛳粉",
    "每日坚果",
    "挂耳咖啡",
    "蓝牙耳机",
    "降噪",
    "充电宝",
    "机械键盘",
    "热插拔",
    "智能手表",
    "羽绒服",
    "面包服",
    "牛仔裤",
    "连衣裙",
    "运动鞋",
    "四件套",
    "空气炸锅",
    "收纳箱",
    "乳胶枕",
    "纸尿裤",
    "尿不湿",
    "红屁屁",
    "奶粉",
    "婴儿推车",
    "保温杯",
    "宝子们",
    "家人们",
    "姐妹们",
    "直播间",
    "显白",
    "拔干",
    "卡粉",
    "持妆",
    "控油",
    "种草",
)

_lock = threading.Lock()
_tokenizer: Any = None


def get_segmenter() -> Any:
    """Return the loaded jieba Tokenizer, loading it on first use (blocking: call from a thread)."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            for word in _DOMAIN_WORDS:
                tok.add_word(word, freq=20000)
            _tokenizer = tok
    return _tokenizer


def segmenter_loaded() -> bool:
    return _tokenizer is not None


async def warmup_segmenter() -> None:
    """Load the dictionary in a worker thread so start-up never stalls the event loop."""
    if not segmenter_loaded():
        await asyncio.to_thread(get_segmenter)
