"""Classical phrasing (烦请…撰开场之辞 / 宜稍简 / 此段可否言“X” / 另撰一篇 / 结语过于冗长，删其半), read
back into modern Mandarin before any table.

Why a step of its own, like intent_dialect: some hosts (a tea-ware shop, a calligraphy seller) write
in a classical register, and its verbs (撰 / 作 / 述 for 写), pronouns (此 / 其), negation (勿) and
measures (删其半 / 减其三成 / 宜稍简) are the same requests the tables read in modern words. Mapping
them once keeps one vocabulary. What a turn says of a quoted phrase (勿用此语 / 去此四字) only says
the new take leaves it out: no slot. Only recognition reads this; the writer gets the text as typed.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_rewrite import rewrite

_N = "[一二两三四五六七八九]"
CLASSICAL: tuple[tuple[re.Pattern[str], str], ...] = (
    # the ask's courtesy and order words: 烦请 / 复请 / 次请 / 终请 / 末了请, 然则 / 若不可，则
    (re.compile("^(?:若不可|如不可|若不宜)[，,]?\\s*(?:则)?|^然则|^末了"), ""),
    (re.compile("(?:复|次|终|再)请"), "请"),
    # another take: 另撰一篇 / 另作一则; what it leaves out of a quoted phrase fills no slot
    (re.compile("另(?:撰|作|拟|写)(?:一篇|一则|一段|一首)?"), "再来一版"),
    (re.compile(f"[，,]?\\s*(?:勿用此语|勿用此言|弃此语|去此{_N}?字|删此{_N}?字)"), ""),
    # length: 宜稍简 / 宜删繁就简 / 删其半 / 减其三成 / 嫌长
    (re.compile("(?:宜)?删繁就简|宜(?:稍|略)?简(?:之)?|(?:删|减)其(?:半|" + _N + "成)"), "短一点"),
    (re.compile("(?:宜)?(?:稍|略)?(?:增|加)其(?:篇幅|长)"), "长一点"),
    # may it be said: 此段可否言“X” / 可否用之
    (re.compile("可否(?:言|称|云|道)"), "能不能说"),
    (re.compile("可否用之|可用否"), "能不能用"),
    (re.compile("可否"), "能不能"),
    # the verbs of writing and telling, the script's names
    (re.compile("(?:撰|作)(?=一段|一篇|一则|开场|收尾|结语|卖点|其)"), "写"),
    (re.compile("述其|(?<![描讲叙陈论表转复])述"), "写"),
    (re.compile("之辞|之词"), ""),
    (re.compile("结语"), "收尾"),
    (re.compile("(?<=写)(?:一则|一篇)|(?<=[开场收尾卖点])(?:一则|一篇)"), ""),
    # a focus weighted: 重在釉色温润
    (re.compile("重在"), "重点讲"),
    (re.compile("勿"), "别"),
    (re.compile("此(?=段|篇|版|语|句)"), "这"),
)
_MARK = re.compile("撰|作|述|之辞|之词|结语|可否|宜|删其|减其|另撰|勿|然则|若不|重在|复请|次请|终请|末了")


def modern(text: str) -> str:
    """The text with its classical words read as modern Mandarin (most turns have none)."""
    return rewrite(text, CLASSICAL, _MARK)
