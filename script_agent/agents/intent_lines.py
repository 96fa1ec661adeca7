"""Round-10 patterns: an edit of one line, a scene said as a heading, a product named next, a
question that goes on after its mark, and a price asked.

Apart from intent_rules (at its size limit) so each table stays one screenful. Each is a shape of
what users do, not a phrase list: 加一句X / “X”那句去掉 edit a written script by the line, and the
line itself is the direction (no 往哪个方向改 asked back); 第2项：卖点 / 福利部分： read a running
order out item by item, each item a new script of that scene; 再来个X，写卖点 / 接着上X / 轮到X /
还带X names the next product with the script to write, a switch though no switch word is said.
"""

from __future__ import annotations

import itertools
import re

from script_agent.domain.models import Scene

# 加一句X / 补一句 / 那句删掉 / “X”这几个字换掉 / 里面的“X”换个别的词 / 在第一版上面加…; a
# word swapped for a given one (把“家人们”换成“姐妹们”) stays asked back, as dev4 labels it, and
# 那句改一改 names no direction.
LINE_EDIT = re.compile(
    '(?:加|补|添|插)(?:上|进)?(?:一|1|两|几)句|(?:这|那)(?:一)?句(?:话)?(?:删|去掉|拿掉|(?:换|改)成(?![“"「『]))'
    '|[”"」』](?:这|那)?(?:几个字|两个字|个词|这个词|那个词|这个说法|那个说法|那句|这句)?'
    "[^。；;]{0,14}?(?:删|去掉|拿掉|换掉|换个(?:别的)?词|替换掉)"
    "|在(?:第[一二三四五六七八九十0-9]{1,2}(?:版|段|个)|它|这版|那版)(?:的)?(?:上面|上|基础上)(?:改|加)"
)
# 那句删掉吗？ asks about a line; 这几个字 counts none (SCRIPT_QUESTION would read 几个字 as a count).
ENDS_ASKING = re.compile("(?:吗|么|呢)?[？?]\\s*$|吗\\s*$")
# “家人们”太多了，全换成“朋友们”: a word swapped for a given one, asked back like 把“X”换成“Y” (dev4).
QUOTED_SWAP = re.compile('[”"」』][^。；;]{0,10}?(?:换成|改成)[“"「『]')
# 前十分钟开场 / 十分钟到半小时那块: when in the show, not how long the script reads.
SHOW_TIME = re.compile(
    "(?:前|头|最后)[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时)"
    "|[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时)?到[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时)"
)
# A heading opens the turn: an item of a running order (第2项：/ 下一环节：), a scene with 部分 /
# 环节 (福利部分：), or a bare scene word set off by a colon (福利：…). 福利 / 优惠 are the promotion.
_ITEM = (
    "(?:第[0-9一二三四五六七八九十]{1,2}(?:项|步|块|环节|部分)|下一(?:环节|项|步|块|部分)"
    "|最后一?(?:项|步|块))"
)
_SCENES = "(卖点|开场|产品介绍|介绍|促销|福利|优惠|收尾|结尾)"
# It may follow a verdict closing its sentence (开场先这样。第二项：卖点。), and 福利 / 优惠 may be set off
# by a comma alone (优惠，免息和保护壳).
HEADING = re.compile(
    f"(?:^|(?<=[。！!；;]))\\s*(?:{_ITEM}(?:是)?[:：，,]?\\s*{_SCENES}(?:\\s*(?:环节|部分))?"
    f"|(?:[^，,。：:]{{1,8}}的)?{_SCENES}(?:\\s*(?:环节|部分))?\\s*[:：]|(福利|优惠)[，,])"
)
HEADING_SCENE: dict[str, Scene] = {
    "卖点": Scene.SELLING_POINTS,
    "开场": Scene.OPENING,
    "产品介绍": Scene.PRODUCT_INTRO,
    "介绍": Scene.PRODUCT_INTRO,
    "促销": Scene.PROMOTION,
    "福利": Scene.PROMOTION,
    "优惠": Scene.PROMOTION,
    "收尾": Scene.CLOSING,
    "结尾": Scene.CLOSING,
}
# 再换一个，这回从X的角度讲: another take on the same script, not another product.
ANOTHER_TAKE = re.compile("再换一个[，,\\s]*[^，,。]*(?:角度|立场|口吻|视角|思路|切入)")
# The product after these is the next one to sell (再来个蓝牙音箱 / 接着上X / 轮到X了 / 还带X / 更换：X).
NEXT_PRODUCT = re.compile(
    "再来(?:一)?(?:个|款|件)|(?:接着|然后|后面|下面)(?:再)?上|轮到|还(?:卖|带|有)(?:自家|我们)?|(?:更换|切换)[:：]"
)
# A question, then why it is asked (…能洗吗，弹幕老有人问 / …能用吗？我得先搞懂): the reason
# clause asks for nothing (its 弹幕 is no request for interaction); it ends in why: 问 / 搞懂 / 罚.
REASON_TAIL = re.compile(
    "(?<=[吗么？?])[，,？?\\s]*[^，,。？?]{0,12}?"
    "(?:问|追问|搞懂|搞明白|弄清楚|心里有数|口径|罚)(?:的|呢|啊|了|过|吧)?$"
)
# 能写持妆一整天吗: whether a claim may be written, not a request to write (能写个开场吗 is one).
MAY_WRITE = re.compile(
    "(?:能|可以|能不能|可不可以)写(?!个|一|段|篇|条|份|出|得|开场|卖点|产品|促销|收尾|介绍|话术)[^，,。？?]{1,12}吗"
)
# 要几块钱 / 到手多少米 / 到手价是多少 / 还能再便宜点吗: the price asked, a question of the promotion.
PRICE_ASK = re.compile(
    "几块钱|多少米|多少钱|什么价|(?:到手价|价格|售价)(?:是)?多少|(?:能|可以)(?:再)?便宜(?:点|些|一点)?(?:吗|不)"
)
# 是不是每包都是独立包装啊: 是不是 opening the turn asks (有没有四件套的开场 asks for one written).
OPEN_A_NOT_A = re.compile("^(?:这个|这|那)?(?:是不是)[^，,。]*(?:啊|呢|呀|嘛)?$")

# 双十二的优惠，啊打错了，是双十一 / 开学季改成618: of two events, the one said after the correction.
CORRECTED = re.compile("不是|不对|打错|说错|口误|改成|换成|改为")


def corrected_event(table: tuple[tuple[re.Pattern[str], object], ...], text: str) -> object | None:
    """The event said last when a correction stands between two (else None: the first one holds)."""
    if not CORRECTED.search(text):
        return None
    found = sorted((m.start(), m.end(), value) for pattern, value in table for m in pattern.finditer(text))
    for (_, end, _), (start, _, value) in itertools.pairwise(found):
        if CORRECTED.search(text, end, start):
            return value
    return None
