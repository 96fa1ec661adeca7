"""Versions and takes (round 13), read back into the shapes the reference and kind rules know.

Why rewriting: each is a way of saying 再来一版 or 第N版 the tables already handle. A version named by
a letter (这版叫A / 来个B / 把A拿出来改短) is the N-th of its scene, and naming it (刚才这个算A) asks
nothing. One more version for another host (再给糖糖也写一版) is another take, not an edit of the one
the host named. A verdict before another take (不太行，换一版 / 还是不对味，再来) rejects the last,
it directs nothing; 换一版 is 再来一版. A verdict settling a scene (开场定刚改的A了。接着写卖点) names
no scene of the ask after it, and a section dropped (促销那段不要了，直接收尾) refers to no script: the
ask after it does. 讲讲这件 / 说说这款X asks for the product's introduction.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_rewrite import rewrite

_SCENE = "(?:产品介绍|开场|卖点|促销|收尾|介绍|福利)"
_LETTER = "(?<![A-Za-z])([A-E])(?![A-Za-z0-9])"
_REJECTED = (
    "(?:还是|也)?(?:不太行|不行|不对味|差点意思|不够好|不满意|一般般|一般|没感觉|不喜欢|不咋地|不怎么样)"
)
_ORDINAL = {"A": "一", "B": "二", "C": "三", "D": "四", "E": "五"}

TAKES: tuple[tuple[re.Pattern[str], str], ...] = (
    # naming a version asks nothing: 写完这版我记作A / 这版叫A / 卖点也要A、B两版，刚才这个算A
    (re.compile("[，,]?\\s*(?:写完)?(?:这版|这个|这段)?(?:我)?(?:记作|叫做|叫|算作)[A-E](?![A-Za-z])"), ""),
    (re.compile(f"{_SCENE}?也要[A-E](?:[、和跟与][A-E])+(?:两|三|四)版[，,。]?\\s*"), ""),
    (re.compile(f"(?:刚才)?(?:这个|这版|这段)(?:就)?算{_SCENE}?[A-E](?![A-Za-z])[，,。]?\\s*"), ""),
    # 来个B / 再给个B / 再出个C: another version
    (re.compile(f"(?:再)?(?:来|给|出)(?:个|版|一版|一个){_LETTER}"), "再来一版"),
    # 再给糖糖也写一版 / 给另一个主播小七也出一份: another take for another host
    (re.compile("(?:再|也)给[^，,。\\s]{1,8}?(?:也)?(?:写|出|来)(?:一版|一份)"), "再来一版"),
    (re.compile("给[^，,。\\s]{1,8}?也(?:写|出|来)(?:一版|一份)"), "再来一版"),
    # 不太行，换一版 / 还是不对味，再来: the verdict rejects the last, the take is one more of it
    (re.compile(f"^{_REJECTED}(?:吧|啊|呀|哦)?[，,。！!\\s]+(?=再来|再换|换一版|换个版|再写)"), ""),
    (re.compile("(?:再)?换(?:一|个)版"), "再来一版"),
    # 开场定刚改的A了。接着写卖点: the scene settled is not the one asked for
    (
        re.compile(
            f"^{_SCENE}(?:那个|那段|这个|这段|这版)?(?:就)?(?:定|用)[^。！!，,]{{0,8}}?了?[。！!，,]\\s*"
            "(?=接着|然后|再|现在|下面|接下来)"
        ),
        "",
    ),
    # 促销那段不要了，…，直接收尾 / 介绍那段也不用了，太水。: a section dropped refers to nothing
    (
        re.compile(
            f"{_SCENE}(?:那段|这段|部分)?(?:就|也)?(?:不要了|不用了|省了|跳过)[，,。]?"
            "(?:\\s*(?:太水了?|没有活动|我们这款没活动|没活动)[，,。]?)?"
        ),
        "",
    ),
    # 讲讲这件 / 说说这件羽绒服: the product's introduction
    (
        re.compile(
            "^(?:讲讲|说说|聊聊|介绍介绍)(?:这件|这款|这个|这只|这支)[\u4e00-\u9fff]{0,4}?(?=[，,。…\\s]|$)"
        ),
        "写个产品介绍",
    ),
)
_MARK = re.compile(
    "[A-E]|版|给|换|算|叫|记作|行|对味|意思|一般|满意|喜欢|咋地|怎么样|定|用|不要了|不用了|省了|跳过"
    "|这件|这款|这个|这只|这支"
)
_LETTER_REF = re.compile(f"{_LETTER}(?=里|改|那版|版|的|拿|那段|吧|了)")


def retaken(text: str) -> str:
    """The text with versions and takes in the tables' shapes (most turns have none)."""
    text = rewrite(text, TAKES, _MARK)
    return _LETTER_REF.sub(lambda m: f"第{_ORDINAL[m.group(1)]}版", text)
