"""The semantic layer with the real multilingual encoder (USE v3, numpy, from the dev lock).

It only adds: sentences a rule flagged are not re-judged, and rule findings are never removed. A
deployment can ship its own exemplars (COMPLIANCE_EXEMPLARS_PATH); the tests use a small bank of that
kind so they state which exemplar a catch came from.
"""

from __future__ import annotations

import pytest

from script_agent.agents.compliance import ComplianceChecker
from script_agent.domain.compliance import Category, Severity, detect
from script_agent.domain.compliance.semantic import Exemplar, SemanticPolicy
from script_agent.memory.exemplar_index import EncoderExemplarIndex, load_exemplars
from script_agent.memory.use_embedder import UniversalSentenceEncoderEmbedder

BANK = [
    Exemplar("想要更便宜的去我朋友圈找我，私下给你价", Category.DIVERSION, True),
    Exemplar("有问题直接点平台客服咨询", Category.DIVERSION, False),
    Exemplar("这款面霜质地轻薄好吸收", Category.COSMETICS, False),
]


@pytest.fixture(scope="module")
def encoder() -> UniversalSentenceEncoderEmbedder:
    return UniversalSentenceEncoderEmbedder(threads=1)


@pytest.fixture
def checker(encoder: UniversalSentenceEncoderEmbedder) -> ComplianceChecker:
    return ComplianceChecker(EncoderExemplarIndex(encoder, BANK), policy=SemanticPolicy(0.5, 0.05))


async def test_a_paraphrase_no_rule_lists_is_caught_as_a_warning(checker: ComplianceChecker) -> None:
    text = "宝子们，下播以后找我单聊，给你算便宜点。"
    assert not detect(text)
    report = await checker.check(text)
    (finding,) = report.findings
    assert finding.rule_id == "semantic.diversion" and finding.layer == "semantic"
    assert finding.severity is Severity.WARNING and finding.score is not None and finding.score >= 0.5
    assert report.layers == ["rule", "semantic"]


async def test_a_compliant_look_alike_stays_clean(checker: ComplianceChecker) -> None:
    report = await checker.check("有任何问题可以点客服，平台会处理。")
    assert report.findings == []


async def test_rule_findings_are_kept_and_not_rejudged(checker: ComplianceChecker) -> None:
    text = "这是全网最好用的面霜。这款面霜质地轻薄好吸收。"
    report = await checker.check(text)
    assert [f.rule_id for f in report.findings] == [f.rule_id for f in detect(text)]


async def test_the_packaged_bank_is_the_tuning_split(encoder: UniversalSentenceEncoderEmbedder) -> None:
    from script_agent.testing.compliance_corpus import load

    bank = load_exemplars()
    assert {e.text for e in bank} == {r.text for r in load("dev")}
    assert not {e.text for e in bank} & {r.text for r in load("holdout")}
    index = EncoderExemplarIndex(encoder, bank[:20])
    (near,) = await index.nearest([bank[3].text], k=3)
    assert near[0].exemplar == bank[3] and near[0].similarity == pytest.approx(1.0, abs=1e-3)
