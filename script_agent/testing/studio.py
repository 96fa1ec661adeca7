"""Helpers for the studio tests: an upstream that serves a different reply per request, settings,
and the few page actions every browser test repeats."""

from __future__ import annotations

import collections
import json
import threading
from typing import Any

from playwright.sync_api import Page, expect

from script_agent.config import Settings
from script_agent.testing.gateway import GOOD_REPLY, KEYS, PRODUCT, gateway_settings
from script_agent.testing.llm_upstream import FakeLLMUpstream

# A second reply the quality check accepts, so a follow-up's answer is told apart from the first.
SECOND_REPLY = (
    "姐妹们再看一眼这款保湿面霜！质地轻薄，抹开就化成水，通勤适用，早上赶时间也不怕搓泥。"
    "我自己出门前就薄薄涂一层，一整天脸都是润润的。想要的姐妹扣个2，我给大家讲讲今天怎么拍更实惠。"
)
# Far below the minimum script length: the quality check sends the writer back for another attempt.
REJECTED_REPLY = "家人们冲！"
WRITER = KEYS["a"]
# Never more than this many scripted replies are pending; a test that queues more is wrong.
_MAX_REPLIES = 16


class ScriptedUpstream(FakeLLMUpstream):
    """The fake upstream, streaming queued replies in order (then its default reply). Only streamed
    answers take from the queue: the studio always streams."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._replies: collections.deque[str] = collections.deque(maxlen=_MAX_REPLIES)
        self._replies_lock = threading.Lock()

    def replies(self, *texts: str) -> None:
        with self._replies_lock:
            self._replies.extend(texts)

    def reset(self) -> None:
        super().reset()
        with self._replies_lock:
            self._replies.clear()

    def _pieces(self, model: str) -> list[str]:
        with self._replies_lock:
            text = self._replies.popleft() if self._replies else self.reply
        return [text[i : i + self.chunk_chars] for i in range(0, len(text), self.chunk_chars)]


def studio_settings(upstream_url: str | None, **sections: Any) -> Settings:
    return gateway_settings(upstream_url, **sections)


def sign_in(page: Page, base_url: str, credential: str = WRITER.value) -> None:
    page.goto(f"{base_url}/studio/")
    page.locator("#credential").fill(credential)
    page.locator("#signin-form button[type=submit]").click()
    expect(page.locator("#workspace")).to_be_visible()


def fill_brief(page: Page, *, query: str = "帮我写一段开场话术", product: dict[str, Any] = PRODUCT) -> None:
    """The pasted product JSON path: the fake replies cover exactly this product's features."""
    page.locator("#paste summary").click()
    page.locator("#product-json").fill(json.dumps(product, ensure_ascii=False))
    page.locator("#influencer").select_option("xiaomei")
    page.locator("#query").fill(query)


def wait_runs(page: Page, runs: int, timeout_ms: float = 20_000) -> None:
    """The page counts finished runs (stream over, findings and history refreshed) on <body>."""
    expect(page.locator("body")).to_have_attribute("data-runs", str(runs), timeout=timeout_ms)


__all__ = ["GOOD_REPLY", "PRODUCT", "REJECTED_REPLY", "SECOND_REPLY", "WRITER", "ScriptedUpstream"]
