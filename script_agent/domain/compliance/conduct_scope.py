"""Round 10 scope checks for live-stream conduct: words that sound like pressure or diversion but
describe the show's own rules, a warning, or where the goods used to be sold (and the vague-stock
pattern, kept beside them so conduct.py stays under its size limit).

Split from conduct.py (which holds the pressure and diversion patterns) so each module stays small:
- a lucky-bag draw's rules (福袋每人限抽一次, 点关注发口令就能参与, 以页面倒计时为准) describe how the
  platform's own draw works — the 口令 is typed in this room's comments, the countdown is the page's;
- a warning against people who offer it privately (谁私信你说能低价卖…都是骗子) refuses the channel;
- where the goods were sold before (之前一直在线下店里卖) is history, not a place to pay now;
- (round 11) a viewer's request for a channel refused (弹幕让我报微信的，不报) and the host moderating
  channel words (带微信号的评论我都删了) name the channel only to refuse it;
- (round 12) a future price asked about and left open (房价以后涨不涨我不知道) is no rise foretold.
"""

from __future__ import annotations

import re

# Pressure (网络直播营销管理办法 art. 18): stock left vague (就剩个位数, 全国就剩这一批) and a sold-out batch
# topped up (卖空了…最后加的): a count the viewer cannot check, used to hurry them.
VAGUE_STOCK = (
    "[就只仅还]剩下?(?:个位数|没几|不到几|这一批|这一点|这么点|这点)|全国就(?:剩|这)"
    "|(?:抢光|卖光|卖空|售罄|抢空)了?[^。！？!?]{0,14}?(?=[最加挤追])(?:最后加|加的|挤出|追加|加了)"
)
# Round 12 (pressure): not buying now, then the child falls behind or nothing is left to book (你家孩子不用，
# 期末就要被甩在后面; 你再犹豫，孩子起跑线就输了; 现在不下定，到时候整个古镇一间空房都没有).
_NOT_NOW = (
    "(?:不用(?!担心|怕|急|着急|犹豫|跟)|不买|不报|不学|不拍|不订|不定|不下定"
    "|不预订|不预约|再犹豫|还犹豫|不下单|不给[^，。,！？!?]{0,4}?(?:报|买|用))"
)
LEFT_BEHIND = (
    f"{_NOT_NOW}[^。！？!?]{{0,14}}?(?:落下|落后|跟不上|被甩|甩在|起跑线|输在|掉队|拉开差距|差一大截)"
    f"|{_NOT_NOW}[^。！？!?]{{0,16}}?(?:都没[房位]|一[间个张][^，。,]{{0,4}}?都没有?|订满|约满|排满|没房|没位置)"
    # ...or other children ahead of the viewer's (人家孩子明年都会做小游戏了，你家的还在玩泥巴).
    f"|{_NOT_NOW}[^。！？!?]{{0,30}}?(?:人家|别人家|别家|隔壁)的?(?:孩子|宝宝|小孩)[^。！？!?]{{0,20}}?(?:你家|你们家)"
)
# A rise asked about (涨不涨) or left open (以后涨不涨我不知道, 谁也说不准): not a rise foretold.
_OPEN = re.compile("不[涨贵升]|[^，。,！？!?]{0,6}?(?:不知道|说不准|说不好|不好说|没人知道|谁也不知道)")


def unsure(text: str, m: re.Match[str]) -> bool:
    return _OPEN.match(text, m.end()) is not None


_DRAW = re.compile("福袋|抽奖|开奖|抽签|中奖")
_OFF_PLATFORM_CODE = re.compile("淘口令|私信|私聊|加我|微信|VX|vx")
_PAGE_COUNTDOWN = re.compile("以[^，。,！？!?]{0,8}?倒计时为准|倒计时以[^，。,！？!?]{0,8}?为准")
_SCAM = re.compile("[^。！？!?]{0,24}?(?:骗子|骗人|诈骗|假的|别信|不要信|别理)")
_WHO_OFFERS = re.compile("(?:谁|有人|凡是|任何人|陌生人)[^，。,！？!?]{0,3}$")
_BEFORE = re.compile("(?:之前|以前|原来|过去|早先|一直)[^，。,！？!?]{0,4}$")
_SOLD = re.compile("卖|售|上架|出货")
_NOW_ELSEWHERE = re.compile("便宜|划算|找我|现金|私下|去买|来买")
# Round 11: the viewers' request for a channel quoted and refused (弹幕让我报微信的，不报哈), and the host
# moderating such words (带微信号的评论我都删了, 这些字眼的弹幕我都屏蔽了): refused, not offered.
_ASKED = re.compile(
    "(?:弹幕|评论区?|留言|有人|粉丝|观众|你们|大家|网友)[^，。,！？!?]{0,4}?(?:让|叫|要|喊|问|求)我?"
    "[^，。,！？!?]{0,3}$"
)
_REFUSED = re.compile(
    "[^。！？!?]{0,8}?(?:不报|不发|不给|不加|不留|不会报|不会发|不会给|报不了|不能报|不能发|不存在|没这回事)"
)
_MODERATED = re.compile(
    "(?:我|场控)[^，。,！？!?]{0,3}?(?:都|已经|全|会|一律)?(?:删了|删掉|屏蔽|拉黑|封禁|踢出|禁言)|删掉"
)
_COMMENTS = re.compile("弹幕|评论|留言|字眼|公屏")
# Round 13: the platform's own price protection refunded through its customer service (保价七天…找客服退差价).
_PRICE_GUARD = re.compile("保价|价保|平台")


def _sentence(text: str, start: int, end: int) -> str:
    head = max(text.rfind(c, 0, start) for c in "。！？!?\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。！？!?\n") if i >= 0]
    return text[head : min(ends) if ends else len(text)]


def draw_rules(text: str, m: re.Match[str]) -> bool:
    """口令 or 倒计时 inside a lucky-bag draw's rules, with no private channel named beside it."""
    sentence = _sentence(text, m.start(), m.end())
    if _OFF_PLATFORM_CODE.search(sentence):
        return False
    if "倒计时" in m.group():
        return _PAGE_COUNTDOWN.search(sentence) is not None
    return "口令" in m.group() and _DRAW.search(sentence) is not None


def scoped(text: str, m: re.Match[str]) -> bool:
    """A diversion term that is a draw's rule, a warning against private sellers, or past history."""
    if draw_rules(text, m):
        return True
    ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
    moderated = _MODERATED.search(text, m.end(), min(ends) if ends else len(text))
    if moderated and _COMMENTS.search(text, max(0, m.start() - 12), moderated.start()):
        return True
    head = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    if m.group() == "退差价" and _PRICE_GUARD.search(text, head, m.start()):
        return True
    if text[m.end() : m.end() + 1] in ("？", "?") and _REFUSED.match(text, m.end() + 1):
        return True  # 收款码？我们不发: the word echoed as a question and refused
    if _ASKED.search(text, max(head, m.start() - 12), m.start()) and _REFUSED.match(text, m.end()):
        return True
    clause_start = max(text.rfind(c, 0, m.start()) for c in "，。,！？!?\n") + 1
    if _WHO_OFFERS.search(text, clause_start, m.start()) and _SCAM.match(text, m.end()):
        return True
    if _BEFORE.search(text, max(clause_start, m.start() - 8), m.start()):
        clause_end = min(
            [i for i in (text.find(c, m.end()) for c in "，。,！？!?\n") if i >= 0] or [len(text)]
        )
        sold = _SOLD.search(text, m.end(), clause_end) is not None
        return sold and _NOW_ELSEWHERE.search(text, m.end(), clause_end) is None
    return False
