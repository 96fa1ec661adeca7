"""Cosmetics efficacy (化妆品监督管理条例, 化妆品功效宣称评价规范): product-aware.

美白, 祛斑, 防脱 are 特殊化妆品 claims and 抗皱, 祛痘, 收敛毛孔 need an efficacy evaluation: each is
allowed only when the product data carries it (a registered whitening serum may say 美白; a plain
moisturiser may not). Results phrased as outcomes count as the claim (白了一个度 is a whitening claim,
法令纹都平了 an anti-wrinkle one). Effects no cosmetic may claim (瘦脸, 丰唇, 再生) are always flagged.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Guard, Matcher, alt, matcher

_CHANGE = alt("淡 没 平 消 掉 去 少 浅 退 不见 消失 缩小 收缩 变小 抚平 减少 改善 淡化 祛 除")
_ACT = alt("淡化 祛除 去除 消除 改善 抚平 减少 减淡 收缩 缩小 告别 赶走")
_SPOT = alt("斑 色斑 斑点 晒斑 雀斑 黄褐斑 老年斑 痘印")
_WRINKLE = alt("皱纹 细纹 法令纹 抬头纹 鱼尾纹 颈纹 川字纹 干纹")
# Each claim both ways round: the act before its object (淡化色斑) and the object with its outcome (斑淡了).
_CLAIMS: dict[str, str] = {
    "whitening": alt(
        "美白 增白 变白 美白淡斑 白[了一两几三]+个?度 白到发光 秒变白 白皮 黄黑皮.{0,3}白 越用越白 白回来 "
        "[亮白][了一两几三]+个?色号 透出光 暗沉.{0,6}(?:洗掉|没|消|不见) 透亮 提亮[一两几]"
    ),
    "spots": alt("祛斑 淡斑 去斑 消斑 除斑") + "|" + f"{_SPOT}[^，。,！？!?]{{0,6}}?{_CHANGE}|{_ACT}{_SPOT}",
    "wrinkles": alt("抗皱 去皱 除皱 祛皱 抗老 逆龄 冻龄 年轻[一二三四五六七八九十几]+岁")
    + "|"
    + f"{_WRINKLE}[^，。,！？!?]{{0,6}}?{_CHANGE}|{_ACT}{_WRINKLE}",
    "hair": alt(
        "防脱 生发 育发 固发 长头发 长出.{0,4}头发 不掉头发 头发不掉 掉发.{0,4}(?:少|没) 发缝.{0,4}(?:窄|小) "
        "发际线.{0,4}(?:长|回来|前移)"
    ),
    "acne": alt("祛痘 消痘 去痘 祛痘印 去痘印 痘印 痘坑 闭口.{0,3}(?:没|消|掉) 痘痘.{0,6}(?:瘪|消|没|下去)"),
    "pores": alt("毛孔", "黑头") + f"[^，。,！？!?]{{0,6}}?{_CHANGE}|" + alt("收缩毛孔", "去黑头", "缩毛孔"),
}
_BEYOND = alt(
    "瘦脸 小脸 脸小了 丰唇 丰胸 嘴巴变厚 再生 换肤 焕肤重生 细胞修复 基因修复 "
    "黑眼圈.{0,4}(?:没|消失|不见) 去黑眼圈 祛黑眼圈 修复烂脸 溶脂 瘦腿 紧致提拉 提拉 "
    "永久脱毛 小[一两几]圈 胸.{0,4}(?:挺|大|丰|翘)起?来? 眼袋.{0,6}(?:消|没|不见) "
    "红血丝.{0,6}(?:没|消|退|不见) 纹路.{0,6}(?:没|消|不见|看不见)"
)


def _carried(key: str) -> Guard:
    def allowed(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        return key in facts.efficacy or facts.is_food

    return allowed


def _not_food(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return facts.is_food


MATCHERS: list[Matcher] = [
    *(
        matcher("cosmetics.unregistered_efficacy", pattern, negatable=True, allowed=_carried(key))
        for key, pattern in _CLAIMS.items()
    ),
    matcher("cosmetics.beyond_scope", _BEYOND, negatable=True, allowed=_not_food),
]
