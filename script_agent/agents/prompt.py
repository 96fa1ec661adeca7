"""Rendering a ScriptBrief into chat messages for real LLM backends.

Written as a prompt engineer would for a Chinese instruction-tuned model: the system message holds
the role and the rules that never change (compliance, grounding, output format, when to stop); the
user message holds this script's facts and targets: the scene's beats in order, the duration as a
character budget at the documented speaking rate, the asked changes, recalled examples marked as
style references only, and the previous script when it is being modified. Every section is bounded
(examples, digest, previous script, feedback) so a long session cannot grow the prompt without
limit. Section labels live here so the quality agent can recognise a model that echoes the prompt.
"""

from __future__ import annotations

from script_agent.domain.brief import ScriptBrief
from script_agent.domain.intent import DirectiveKind, IntentKind
from script_agent.domain.models import SCENE_NAMES_ZH, InfluencerStyle, Scene
from script_agent.domain.writing.beats import beats_for
from script_agent.domain.writing.compose import target_for
from script_agent.domain.writing.timing import CHARS_PER_SECOND

SCENE_REQUIREMENTS: dict[Scene, str] = {
    Scene.OPENING: "用达人的口吻跟直播间打招呼，抓住注意力，预告今天的商品和福利，邀请观众互动。",
    Scene.PRODUCT_INTRO: "讲清楚这是什么商品、适合谁、怎么用。",
    Scene.SELLING_POINTS: "把每个卖点变成具体的好处，配上使用场景或依据。",
    Scene.PROMOTION: "说明真实的优惠（价格、赠品、限量等，只用资料中给出的），给出明确的下单号召。",
    Scene.CLOSING: "回顾重点、感谢观众，预告下一个商品或下一场直播。",
}

SENTENCE_LENGTH_ZH = {"short": "短句为主", "medium": "长短句结合", "long": "可以用较长的句子"}

COMPLIANCE_RULES = (
    "遵守《广告法》：不用绝对化用语（最好、最佳、最低价、第一、唯一、顶级、极致、全网最低、绝对、100%、永久、万能、"
    "国家级、世界级等）；不做医疗或功效宣称（根治、特效、秘方、药到病除等）；不编造原价对比，不用跳楼价、骨折价；"
    "不用“不买后悔”“错过再也没有”等施压话术，不制造虚假稀缺。“最近”“最后一天”“第一次”等普通说法可以正常使用。"
)
OUTPUT_RULE = (
    "只输出可以直接口播的话术正文：按结构每个环节一段，段与段之间换行；不要标题、不要编号列表、"
    "不要解释说明、不要复述要求，最后一句要完整。"
)
GROUNDING_RULE = (
    "事实只来自【商品资料】：价格、优惠、赠品、成分、数据、认证、销量一律以资料为准，资料里没有的就不说；"
    "不要提到前面没讲过的内容（如“刚才说过”），不要写与商品无关的凑字数句子。"
)
STOP_RULE = "写完结构里的最后一个环节就结束，不要再追加总结、标签、备注或第二个版本。"
CUE_RULE = "可以在需要主播动作的句子前加舞台提示：[展示]、[互动]、[上链接]，每段最多一个。"

LABEL_ROLE = "【角色】"
LABEL_STYLE = "【达人风格】"
LABEL_PRODUCT = "【商品资料】"
LABEL_POINTS = "【卖点】"
LABEL_SCENE = "【场景要求】"
LABEL_STRUCTURE = "【结构与时长】"
LABEL_CHANGES = "【调整要求】"
LABEL_CONTEXT = "【会话上下文】"
LABEL_PREVIOUS = "【需要修改的话术】"
LABEL_EXAMPLES = "【参考示例】"
LABEL_FEEDBACK = "【上次未通过的问题】"
LABEL_TASK = "【任务】"
PROMPT_LABELS = (
    LABEL_ROLE, LABEL_STYLE, LABEL_PRODUCT, LABEL_POINTS, LABEL_SCENE, LABEL_STRUCTURE, LABEL_CHANGES,
    LABEL_CONTEXT, LABEL_PREVIOUS, LABEL_EXAMPLES, LABEL_FEEDBACK, LABEL_TASK,
)  # fmt: skip

LONG_SCRIPT_S = 90
MAX_DIGEST_CHARS = 400
MAX_PREVIOUS_CHARS = 1200
MAX_FEEDBACK_ITEMS = 3
MAX_FEEDBACK_CHARS = 600


def clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _level(value: float) -> str:
    return "高" if value >= 0.65 else "中" if value >= 0.35 else "低"


def style_section(name: str, style: InfluencerStyle, generic: bool) -> str:
    phrases = "、".join(style.catchphrases) or "（无）"
    who = f"{name}（通用人设）" if generic else name
    return (
        f"{LABEL_STYLE}达人：{who}；语气：{style.tone}；正式程度：{_level(style.formality)}；"
        f"口头禅：{phrases}（自然地用上至少一个）；句子：{SENTENCE_LENGTH_ZH[style.sentence_length]}；"
        f"幽默程度：{_level(style.humor_level)}；互动频率：{_level(style.interaction_frequency)}。"
    )


def product_section(brief: ScriptBrief) -> str:
    p = brief.product.product
    facts = [f"名称：{p.name}", f"品类：{brief.product.category}"]
    if p.brand:
        facts.append(f"品牌：{p.brand}")
    if p.price is not None:
        facts.append(f"价格：{p.price:g}元")
    if p.original_price is not None:
        facts.append(f"日常价：{p.original_price:g}元")
    if p.promotion:
        facts.append(f"真实优惠：{p.promotion}")
    if p.features:
        facts.append("特点：" + "；".join(p.features))
    if p.target_audience:
        facts.append(f"适合人群：{p.target_audience}")
    if p.compliance_notes:
        facts.append("合规注意：" + "；".join(p.compliance_notes))
    lines = [LABEL_PRODUCT + "；".join(facts) + "。", "资料里没有的价格、认证、成分和数据一律不要编造。"]
    points = []
    for i, sp in enumerate(brief.product.selling_points, 1):
        mark = "（品类通用，泛泛地说，不要加具体数据）" if sp.inferred else ""
        points.append(f"{i}. {sp.text}{mark}")
    focus = [d.value for d in brief.directives if d.kind is DirectiveKind.FOCUS and d.value]
    how = "每个卖点都要讲到" if not focus else f"重点展开“{focus[-1]}”，其余卖点各用一句带过，但都要提到"
    lines.append(LABEL_POINTS + how + "：\n" + "\n".join(points))
    return "\n".join(lines)


def scene_section(brief: ScriptBrief) -> str:
    parts = [f"{LABEL_SCENE}{SCENE_NAMES_ZH[brief.scene]}：{SCENE_REQUIREMENTS[brief.scene]}"]
    if brief.event:
        parts.append(f"活动节点：{brief.event}（只用资料里给出的优惠，不要自创价格）。")
    return "".join(parts)


def structure_section(brief: ScriptBrief) -> str:
    """The beats in order and the duration as a character budget: explicit targets, not hints."""
    chars = target_for(brief)
    seconds = round(chars / CHARS_PER_SECOND)
    roomy = seconds >= LONG_SCRIPT_S  # only a long script has time to work through each point
    chosen = beats_for(brief.scene, with_optional=roomy)
    beats = "\n".join(f"{i}. {b.zh}：{b.purpose}" for i, b in enumerate(chosen, 1))
    low, high = round(chars * 0.85), round(chars * 1.15)
    return (
        f"{LABEL_STRUCTURE}按以下环节顺序写，每个环节一段：\n{beats}\n"
        f"时长：口播约{seconds}秒（按每秒{CHARS_PER_SECOND:g}个字计），正文{low}-{high}字。"
    )


def changes_section(brief: ScriptBrief) -> str | None:
    labels = [d.label() for d in brief.directives]
    if not labels and brief.style_hint:
        labels = [brief.style_hint]
    if not labels:
        return None
    return f"{LABEL_CHANGES}" + "；".join(labels) + "。"


def context_sections(brief: ScriptBrief, max_examples: int, max_example_chars: int) -> list[str]:
    out = []
    if brief.session_digest:
        out.append(f"{LABEL_CONTEXT}{clip(brief.session_digest, MAX_DIGEST_CHARS)}")
    if brief.previous_script and brief.intent in (IntentKind.MODIFY, IntentKind.CONTINUE):
        how = brief.modification or brief.style_hint or "换一种说法"
        verb = "按要求修改" if brief.intent is IntentKind.MODIFY else "写一段不同的新版本，不要重复"
        out.append(f"{LABEL_PREVIOUS}{clip(brief.previous_script, MAX_PREVIOUS_CHARS)}\n{verb}：{how}")
    examples = [clip(e, max_example_chars) for e in brief.examples[:max_examples] if e.strip()]
    if examples:
        body = "\n".join(f"示例{i}：{e}" for i, e in enumerate(examples, 1))
        out.append(f"{LABEL_EXAMPLES}以下是这位达人过去通过审核的话术，只学习语气，不要照抄内容：\n{body}")
    feedback = [f for f in brief.feedback[-MAX_FEEDBACK_ITEMS:] if f.strip()]
    if feedback:
        body = clip("\n".join(feedback), MAX_FEEDBACK_CHARS)
        out.append(f"{LABEL_FEEDBACK}上一版没有通过质检，这次必须改正：\n{body}")
    return out


def system_prompt(brief: ScriptBrief) -> str:
    rules = [COMPLIANCE_RULES, GROUNDING_RULE, OUTPUT_RULE, STOP_RULE]
    if brief.stage_cues:
        rules.append(CUE_RULE)
    body = "\n".join(f"{i}. {r}" for i, r in enumerate(rules, 1))
    return (
        f"{LABEL_ROLE}你是资深的直播带货话术策划，擅长用达人本人的口吻写自然、口语化、可直接口播的中文话术。"
        f"\n必须遵守的规则：\n{body}"
    )


def user_prompt(brief: ScriptBrief, max_examples: int, max_example_chars: int) -> str:
    inf = brief.influencer
    sections = [
        style_section(inf.name, inf.style, inf.generic),
        product_section(brief),
        scene_section(brief),
        structure_section(brief),
        *filter(None, [changes_section(brief)]),
        *context_sections(brief, max_examples, max_example_chars),
    ]
    task = f"{LABEL_TASK}请写一段{SCENE_NAMES_ZH[brief.scene]}。"
    if brief.query:
        task += f"用户原话：{clip(brief.query, 200)}"
    sections.append(task + "\n" + OUTPUT_RULE + STOP_RULE)
    return "\n\n".join(sections)
