"""The advertising-law lexicon: ordinary words pass, claims are caught, and sanitize fixes what it finds."""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import (
    ABSOLUTE,
    MEDICAL,
    PLATFORM,
    PRESSURE,
    PRICE,
    find_violations,
    sanitize,
    scan,
)

FALSE_POSITIVES = [
    "最近好多宝子问我这款口红。",
    "今天是活动最后一天，明天恢复日常价。",
    "我第一次用的时候就很喜欢。",
    "第一步先打底，第二步再上色。",
    "唯一的遗憾是我没早点发现它。",
    "唯一的缺点是颜色有点少。",
    "下单后第一时间给大家发货。",
    "这件T恤是100%纯棉的。",
    "每人最多拍两件，最少一件起拍。",
    "我完全是第一次见到这种设计。",
    "最终效果大家看镜头。",
    "第一款先给大家看口红，第二款是面膜。",
]

MISSES = [
    ("这是最好的口红。", ABSOLUTE, "最好"),
    ("最佳选择就是它。", ABSOLUTE, "最佳"),
    ("全网最低价。", ABSOLUTE, "最低"),
    ("这是最便宜的一次。", ABSOLUTE, "最便宜"),
    ("它是第一！", ABSOLUTE, "第一"),
    ("销量第一的坚果。", ABSOLUTE, "第一"),
    ("国内第一款这样的手机。", ABSOLUTE, "第一"),
    ("行业第一品牌。", ABSOLUTE, "第一"),
    ("唯一一款能做到的。", ABSOLUTE, "唯一"),
    ("首个推出这项技术。", ABSOLUTE, "首个"),
    ("顶级的质感。", ABSOLUTE, "顶级"),
    ("极致的体验。", ABSOLUTE, "极致"),
    ("绝对好用。", ABSOLUTE, "绝对"),
    ("100%有效。", ABSOLUTE, "100%"),
    ("百分之百满意。", ABSOLUTE, "百分之百"),
    ("永久不掉色。", ABSOLUTE, "永久"),
    ("万能的神器。", ABSOLUTE, "万能"),
    ("国家级品质。", ABSOLUTE, "国家级"),
    ("世界级工艺。", ABSOLUTE, "世界级"),
    ("品类NO.1。", ABSOLUTE, "NO.1"),
    ("可以根治痘痘。", MEDICAL, "根治"),
    ("包治百病的好东西。", MEDICAL, "包治百病"),
    ("特效修护。", MEDICAL, "特效"),
    ("祖传秘方。", MEDICAL, "秘方"),
    ("药到病除。", MEDICAL, "药到病除"),
    ("不买后悔！", PRESSURE, "不买后悔"),
    ("错过再也没有了！", PRESSURE, "错过再也没有"),
    ("只剩最后3件了！", PRESSURE, "最后3件"),
    ("仅剩十单。", PRESSURE, "仅剩十单"),
    ("原价299现价99。", PRICE, "原价299"),
    ("原价好几百，现在只要一点点。", PRICE, "原价好几百，现在只要"),
    ("今天跳楼价！", PRICE, "跳楼价"),
    ("骨折价带回家。", PRICE, "骨折价"),
    ("想要的加我微信私聊。", PLATFORM, "加我微信"),
    ("好评返现五元。", PLATFORM, "好评返现"),
]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_ordinary_words_are_not_violations(text: str) -> None:
    assert find_violations(text) == []


@pytest.mark.parametrize(("text", "rule", "term"), MISSES)
def test_claims_are_caught(text: str, rule: str, term: str) -> None:
    found = scan(text)
    assert [(v.rule, v.term) for v in found] == [(rule, term)]
    issues = find_violations(text)
    assert issues and all(i.blocking for i in issues)
    assert issues[0].code == f"compliance.{rule}"
    assert term in issues[0].message


def test_original_price_with_basis_in_the_data_is_allowed() -> None:
    assert find_violations("日常原价169元，今天129元。", known_prices=[169, 129]) == []
    assert find_violations("原价199元，今天129元。", known_prices=[169, 129])


@pytest.mark.parametrize(("text", "_rule", "_term"), MISSES)
def test_sanitize_leaves_no_violation(text: str, _rule: str, _term: str) -> None:
    cleaned = sanitize(text)
    assert scan(cleaned) == []


def test_sanitize_keeps_ordinary_text() -> None:
    text = "".join(FALSE_POSITIVES)
    assert sanitize(text) == text
    assert sanitize("这是最好用的口红。") == "这是很好用的口红。"
