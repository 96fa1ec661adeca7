"""Optional LLM judge for compliance: per-sentence verdicts as JSON, bounded and cached.

Why it can only confirm or add: a model may be wrong in either direction, and a missed rule hit
costs an account ban, so a judge verdict never clears a rule finding; it marks a finding it agrees
with as confirmed, and reports sentences the other layers left alone as warnings. Every call has a
timeout and a cap on sentences, and results are cached per sentence (LRU), so a slow or absent
model server costs at most one bounded wait per new sentence.
Any failure (timeout, unparsable reply, the template last resort answering) means "no opinion".
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from script_agent.domain.compliance.taxonomy import Category
from script_agent.ports.llm import ChatMessage, LLMPort, LLMRequest

log = logging.getLogger(__name__)

SYSTEM = (
    "你是直播带货话术的广告法合规审核员。逐句判断是否违规（绝对化用语、医疗功效、普通食品保健功能、化妆品超范围功效、"
    "功效保证、权威背书、虚构价格、虚假稀缺施压、站外导流、好评返现、贬低同行、纯天然无副作用）。"
    "否认功效的免责声明（如“不能代替药物”）是合规的。只输出JSON："
    '{"verdicts":[{"i":句子编号,"violation":true或false,"category":"类别英文id","confidence":0到1}]}'
)
_JSON = re.compile(r"\{.*\}", re.S)


@dataclass(frozen=True)
class JudgeVerdict:
    violation: bool
    category: Category | None
    confidence: float


class LLMComplianceJudge:
    def __init__(
        self,
        llm: LLMPort,
        *,
        timeout_s: float = 8.0,
        max_sentences: int = 24,
        cache_size: int = 1024,
        min_confidence: float = 0.6,
    ) -> None:
        self._llm = llm
        self._timeout_s = timeout_s
        self._max_sentences = max_sentences
        self._cache: OrderedDict[str, JudgeVerdict | None] = OrderedDict()
        self._cache_size = cache_size
        self._min_confidence = min_confidence
        self.calls = 0

    async def review(self, sentences: Sequence[str]) -> list[JudgeVerdict | None]:
        """A verdict per sentence (None: no opinion). Only uncached sentences reach the model."""
        wanted = [s for s in dict.fromkeys(sentences[: self._max_sentences]) if s not in self._cache]
        if wanted:
            for sentence, verdict in zip(wanted, await self._ask(wanted), strict=True):
                self._remember(sentence, verdict)
        return [self._cache.get(s) for s in sentences]

    def _remember(self, sentence: str, verdict: JudgeVerdict | None) -> None:
        self._cache[sentence] = verdict
        self._cache.move_to_end(sentence)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    async def _ask(self, sentences: list[str]) -> list[JudgeVerdict | None]:
        numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(sentences, 1))
        request = LLMRequest(
            messages=[ChatMessage("system", SYSTEM), ChatMessage("user", numbered)],
            max_tokens=64 + 40 * len(sentences),
            temperature=0.0,
        )
        self.calls += 1
        try:
            result = await asyncio.wait_for(self._llm.generate(request), self._timeout_s)
        except Exception as exc:  # the judge is optional: any failure is "no opinion"
            log.warning("compliance judge unavailable: %s", exc)
            return [None] * len(sentences)
        if result.backend == "template" or result.degraded:
            return [None] * len(sentences)
        return self._parse(result.text, len(sentences))

    def _parse(self, text: str, n: int) -> list[JudgeVerdict | None]:
        out: list[JudgeVerdict | None] = [None] * n
        match = _JSON.search(text)
        try:
            rows = json.loads(match.group())["verdicts"] if match else []
        except (ValueError, KeyError, TypeError):
            return out
        for row in rows if isinstance(rows, list) else []:
            try:
                i, confidence = int(row["i"]) - 1, float(row.get("confidence", 1.0))
                category = Category(row["category"]) if row.get("category") else None
            except (KeyError, ValueError, TypeError):
                continue
            if 0 <= i < n and confidence >= self._min_confidence:
                out[i] = JudgeVerdict(bool(row.get("violation")), category, confidence)
        return out
