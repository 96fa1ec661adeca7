"""The patterns a reference to a stored script is read by: by number, by order, by scene or by topic.

Apart from intent_rules (the kind, scene and directive tables) so each table file stays one screenful
of vocabulary; intent_reference resolves these against the session's scripts.
"""

from __future__ import annotations

import re

# 第N段 names a script; 第N个卖点 names a selling point (FOCUS_NTH), never a script.
NTH = re.compile(
    "(?<!倒数)第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:段|个|版|条|篇)(?!\\s*卖点)"
)
# 第一版促销 / 优惠那个第一版 / 第二版卖点: a version counted among the scripts of the scene named.
_N = "([0-9]{1,2}|[一二两三四五六七八九十]{1,3})"
_SCENE = "(促销|优惠|福利|卖点|开场|产品介绍|介绍|收尾)"
NTH_OF_SCENE = re.compile(f"第\\s*{_N}\\s*版(?:的)?{_SCENE}|{_SCENE}(?:那个|的)?第\\s*{_N}\\s*版")
# 倒数第二个: counted from the latest script back.
BACKWARD = re.compile("倒数第\\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:段|个|版|条|篇)?")
PREVIOUS = re.compile(
    "上一段|上一个|上一版|上一条|刚才那段|刚才的|刚刚那段|刚刚的|刚才这段|这段|那段|前面那段|上面那段"
    # 最后一个，送唇釉的促销: the last item of a list the client sends, not the last script
    "|最后(?:(?:一|那|这)(?:段|版|条)|(?:那|这)个|一个(?![，,:：]))|最新(?:的|那|一)(?:段|版|条)|刚那(?:段|个|版)"
    # 刚出来那个 / 刚写好的那版: the one just written
    "|刚(?:出来|出|写|写好|生成)(?:的)?(?:那|这)(?:段|个|版|条|篇|支)"
)
INTO_SCENE = re.compile("改成|变成|换成|改为|当成|做成")
# 最开始那段 / 最早那版: the first script of the session.
# 头一个 / 头一版: the same said plainly; 那支 is how Taiwanese hosts count a script (开场那支).
FIRST = re.compile(
    "(?:最开始|最早|最初|一开始)(?:的|那|那一|写的)?(?:段|版|个|条|篇|支)|头一(?:个|段|版|条|篇|支)"
)
BEFORE_PREVIOUS = re.compile("上上段|上上个|上上一段")
# 促销那段 / 开场那版 / 介绍那个: the last script of the scene named, not the latest one.
SCENE_THAT = re.compile(
    "(开场|开播|暖场|卖点|买点|亮点|促销|促消|促单|收尾|收口|结尾|下播|产品介绍|商品介绍|介绍)(?:白|话术)?(?:的)?"
    "(?:那|这)(?:一)?(?:段|个|版|条|篇|支)"
)
THIS_PRODUCT = re.compile("这款|这个(?:商品|产品)|这一款|它")
# 说高刷的那段 / 续航那个: a script referred to by what it talks about, found among the requests that
# wrote each script; words of place or order (刚才, 上, 最后, 第) make other references.
TOPIC_THAT = re.compile("([\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?:的)?(?:那|这)(?:一)?(?:段|个|版|条|篇)")
TOPIC_LEAD = re.compile("^(?:讲|说|聊|提|关于|有关)+")
NOT_TOPIC = re.compile("刚|才|上|前|后|最|第|开头|这|那|写|改|哪|[0-9]")
