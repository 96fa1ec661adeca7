"""The beat structure of each scene: the order a host moves through, one paragraph per beat.

Shared by the template writer (which composes one paragraph per beat) and the prompt (which states
the same beats as explicit targets for a real model), so every layer aims at the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.domain.models import Scene


@dataclass(frozen=True)
class Beat:
    id: str
    zh: str
    purpose: str  # what the beat must do, in the words the prompt uses
    optional: bool = False  # said only when the target leaves time (long scripts)


GREETING = Beat("greeting", "打招呼", "用达人的称呼和口头禅欢迎进来的观众")
HOOK = Beat("hook", "抓注意力", "一句话说出观众的痛点或期待，让人愿意留下来")
TEASE = Beat("product_tease", "预告商品", "点出今天的商品和它最打动人的一两个卖点")
OFFER_TEASE = Beat("offer_tease", "预告福利", "只提资料里真实的优惠，先吊一下胃口")
INTERACTION = Beat("interaction", "互动", "给观众一个简单的动作：扣1、提问、点关注")
TRANSITION = Beat("transition", "过渡", "一句话把注意力带到这款商品上，不提前面没讲过的内容")
WHAT = Beat("what_it_is", "是什么", "品牌、名称和它的基本情况（只用资料里的特点）")
WHO = Beat("who_for", "适合谁", "适合的人群和使用场合")
HOW = Beat("how_to_use", "怎么用", "具体怎么用，最好边说边演示")
POINT = Beat("point", "卖点（每个卖点一段）", "先说结论，再给演示或依据，最后落到观众的好处")
DETAIL = Beat("point", "展开卖点", "时间充裕时，逐个卖点给出演示和对观众的好处", optional=True)
QA_PURPOSE = "时间充裕时，回答观众常问的问题：只用资料里的信息，答不了的请大家看详情页"
QA = Beat("viewer_qa", "观众问答", QA_PURPOSE, optional=True)
RECAP = Beat("recap", "回顾", "用一两句话回顾商品的卖点")
OFFER = Beat("offer", "真实优惠", "价格和优惠只用商品资料里的，没有就说以购物车页面为准")
HOW_TO_BUY = Beat("how_to_buy", "怎么买", "告诉观众在哪里下单（购物车、小黄车链接）")
RATIONAL = Beat("rational", "理性提醒", "提醒按需购买，不施压、不制造稀缺")
THANKS = Beat("thanks", "感谢", "感谢观众的陪伴和支持")
PREVIEW = Beat("next_preview", "预告下一场", "预告下一个商品或下一场直播")

SCENE_BEATS: dict[Scene, tuple[Beat, ...]] = {
    Scene.OPENING: (GREETING, HOOK, TEASE, DETAIL, QA, OFFER_TEASE, INTERACTION),
    Scene.PRODUCT_INTRO: (TRANSITION, WHAT, DETAIL, WHO, HOW, QA, INTERACTION),
    Scene.SELLING_POINTS: (TRANSITION, POINT, QA, RECAP, INTERACTION),
    Scene.PROMOTION: (RECAP, DETAIL, QA, OFFER, HOW_TO_BUY, RATIONAL),
    Scene.CLOSING: (RECAP, DETAIL, QA, THANKS, PREVIEW),
}


def beats_for(scene: Scene, *, with_optional: bool = True) -> tuple[Beat, ...]:
    return tuple(b for b in SCENE_BEATS[scene] if with_optional or not b.optional)


def describe(scene: Scene) -> str:
    """'打招呼 → 抓注意力 → …' for prompts and docs; optional beats in brackets."""
    return " → ".join(f"({b.zh})" if b.optional else b.zh for b in SCENE_BEATS[scene])
