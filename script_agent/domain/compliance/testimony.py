"""Health claims told as stories, hints and rhetorical questions, and the registered 保健食品 scope.

Why a module of its own: health.py names the parts (treatment verbs, conditions, outcomes, function
objects); this one composes them the way hosts tell a claim without stating it — a condition named
early in a family story and its outcome after "现在" (我姥爷高血压好些年了…现在量出来都是正常的), a
pronoun standing for the disease (就是冲着治这个去的), a question answered by the host (还会疼吗？不会了),
a function hinted at (那方面也杠杠的, 懂的都懂). The law does not care how the claim is told (广告法
art. 17, 食品安全法 art. 73). The one exception is by meaning: a registered 保健食品 (蓝帽子, 国食健字)
may state its approved function, so its function words are not an ordinary-food health claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from script_agent.domain.compliance import food, health
from script_agent.domain.compliance.clauses import disowned, wink_after
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Guard, Hit, Matcher, lead, matcher


def _sentence_before(text: str, start: int) -> str:
    begin = max(text.rfind(c, 0, start) for c in "。！!\n") + 1
    return text[max(begin, start - 80) : start]


_CONDITION = re.compile(health._CONDITION)


def _no_condition_before(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """The story's outcome counts only when the condition was named earlier in the same sentence."""
    return _CONDITION.search(_sentence_before(text, m.start())) is None


# The first characters of a condition named by its suffix (唇炎, 腿疼): the span starts at the name.
_SUFFIX_FIRST = set("病炎疼痛症癣肝")
# Fillers, verbs and the people a story is about (老公咽炎: the name is 咽, not 公咽).
_STOP = set(
    "了它你我他她的把让就也都还呢啊呀吧用涂抹吃喝是有说治这那个些种得会能要在和跟与及或对公婆妈爸爷奶姥舅姨叔姑姐哥弟妹儿女孩子友人们家宝"
)


@dataclass(frozen=True)
class NamedCondition:
    """A medical matcher whose span starts at the condition's name, not at its suffix (唇炎就好了, not
    炎就好了): up to two characters of the name before the suffix are taken back into the span."""

    inner: Matcher

    @property
    def rule_id(self) -> str:
        return self.inner.rule_id

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        for hit in self.inner.find(text, facts):
            start = hit.start
            if text[start] in _SUFFIX_FIRST:
                while (
                    start > max(0, hit.start - 2)
                    and "\u4e00" <= text[start - 1] <= "\u9fff"
                    and text[start - 1] not in _STOP
                ):
                    start -= 1
            yield Hit(hit.rule_id, start, hit.end)


_NEW_MEDICAL = [
    # A pronoun for the disease named earlier (脂溢性皮炎能不能用…就是冲着治这个去的), and the outcome after
    # "now" in a story whose condition came first (…泡了一个月，现在下楼梯都不带疼的了).
    matcher(
        "medical.treatment",
        lead(
            "(?:治|对付|根治|治疗|克)(?:这个|这种病|这病|这类病|它)(?![样么里次些])"
            f"|(?:现在|如今|眼下|这会儿|到现在|这阵子)[^。！？!?，,]{{0,12}}?{lead(health._CURED)}"
        ),
        negatable=True,
        allowed=_no_condition_before,
    ),
    # The host's own question answered (贴了三天，肩周炎还会疼吗？不会了).
    matcher(
        "medical.treatment",
        f"{health._CONDITION}[^。！!]{{0,8}}?还(?:会|能)?[疼痛犯痒咳喘]吗[？?]+(?:不会了|不[疼痛犯痒]了|早没了|没了)",
        gate="吗",
    ),
]
MEDICAL: list[Matcher | NamedCondition] = [
    *(NamedCondition(m) for m in health.MEDICAL),
    *_NEW_MEDICAL,
]

_REGISTERED = re.compile("蓝帽子|国食健|卫食健|食健备|保健食品批准|批准文号|保健食品注册")
_UNREGISTERED = re.compile("(?:没有|没|不是|无|不带|不属于|并非)[^，。,]{0,3}?(?:蓝帽子|保健食品|批准文号)")


@lru_cache(maxsize=64)
def registered(text: str) -> bool:
    """A registered 保健食品 named in the text (蓝帽子, 国食健字, 批准文号) and not denied."""
    return _REGISTERED.search(text) is not None and _UNREGISTERED.search(text) is None


def _or_registered(guard: Guard | None) -> Guard:
    def allowed(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        return registered(text) or (guard is not None and guard(text, m, facts))

    return allowed


_MAN = "(?:男人|老公|老爷们儿?|男士|爷们儿?|男同胞)"
_HINT = "(?:懂的都懂|你懂的|懂我意思吧?|都懂|心照不宣)"
_NEW_FOOD = [
    # Sexual function said or hinted (那方面也杠杠的; 男人喝的酒…懂的都懂): 保健食品 claims at best.
    matcher(
        "food.health_function",
        lead(
            "(?:那方面|那啥方面|夫妻生活|男人的?自信)[^，。,！？!?]{0,6}?(?:杠杠|行|厉害|强|持久|硬|猛|给力|好|自信)"
            f"|{_MAN}[^。！？!?]{{0,20}}?(?:喝|吃|泡)[^。！？!?]{{0,20}}?{_HINT}"
        ),
        negatable=True,
        allowed=food._not_food,
        gate="方面|夫妻|自信|懂|心照",
    ),
    # No illness for a season (几年都没闹过病, 一次没病), a function asked rhetorically (还怕免疫力差吗).
    matcher(
        "food.health_function",
        lead(
            "(?:一次|一回|几年|一年|一冬天?|一整年|一整个冬天)(?:都|也)?没(?:闹过|生过|得过)?(?:病|感冒|发烧)过?"
            f"|还(?:怕|担心|愁)[^，。,！？!?]{{0,6}}?{food._FUNCTION_OBJ}[^，。,！？!?]{{0,3}}?(?:差|低|不好|弱|不行)"
        ),
        negatable=True,
        allowed=food._not_food,
    ),
    # Weight lost over a period (一个月掉十斤).
    matcher(
        "food.health_function",
        f"(?:一个月|半个月|一周|一星期|\\d+天|[一二两三四五六七八九十]+天)(?:就|能|可以|轻松)?{food._LOST}",
        negatable=True,
        allowed=food._not_food,
        gate="斤|kg",
    ),
]
# Round 12 (after the probe): a function or a condition named, then declared unsaid, then winked at
# (这款苦瓜片，血糖我不讲啊…你们自己看看吃了三个月的老客户…懂了吧): the refusal is the joke, the claim stands.
_UNSAID_AFTER = (
    "(?:这[几两三四]个字|这个词)?(?:我|咱)?(?:就|可)?(?:不讲|不说|不能讲|不能说|不提|不敢说|不敢讲)"
)
_NEW_FOOD.append(
    matcher(
        "food.health_function",
        f"(?:{food._FUNCTION_OBJ}|{food._FUNCTION_TERMS}){_UNSAID_AFTER}",
        allowed=lambda text, m, facts: not wink_after(text, m.end()) or food._not_food(text, m, facts),
        gate="不讲|不说|不提|不敢说|不敢讲|不能讲|不能说",
    )
)
MEDICAL.append(
    NamedCondition(
        matcher(
            "medical.treatment",
            f"{health._CONDITION}{_UNSAID_AFTER}",
            allowed=lambda text, m, facts: not wink_after(text, m.end()),
            gate="不讲|不说|不提|不敢说|不敢讲|不能讲|不能说",
        )
    )
)
FOOD: list[Matcher] = [replace(m, allowed=_or_registered(m.allowed)) for m in (*food.FOOD, *_NEW_FOOD)]


# Round 8: a customer's, patient's or student's feedback read out as the proof of a health effect (念一下顾客
# 反馈：“吃了这个鱼油，我爸的血脂从8降到5”，这就是真实案例): the host makes the claim in another's voice, and
# 广告法 art. 16 and 18 forbid such testimony for medical products and health claims.
_MARKER = re.compile(
    "(?:顾客|买家|用户|粉丝|学员|客户|宝妈|家长|观众|网友|老顾客|患者|病友)[^，。,！？!?]{0,3}?的?"
    "(?:反馈|评论|评价|留言|来信|心得|证言|晒单|分享|原话)"
    "|真实案例|[念读]一?[条下个段]"
)


def testimonials(text: str, claims: list[Hit]) -> list[Hit]:
    """A testimony marker with a medical or food health claim (already found, not disowned) within 80
    characters of it; the engine passes the claims so no matcher runs twice."""
    markers = list(_MARKER.finditer(text))
    if not markers or not claims:
        return []
    kept = [h for h in claims if not disowned(text, h.start, h.end)]
    return [
        Hit("endorsement.testimonial", mk.start(), mk.end())
        for mk in markers
        if any(mk.start() - 80 <= h.start and h.end <= mk.end() + 80 for h in kept)
    ]
