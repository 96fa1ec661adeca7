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
    # a line named by its place or its words and reworded (第二句太绕口，改顺一点 / “X”那句念着别扭，
    # 换成大白话 / 第一句“X”改掉): the line is what to change
    "|第[一二三四五六七八九十0-9]{1,2}句[^。；;]{0,12}?(?:改|换掉|删|去掉|绕口|别扭|拗口|卡)"
    '|(?:这|那)(?:一)?句[^。；;]{0,12}?(?:换成|改成)(?![“"「『])'
    # 不能说就删了，换个实在的说法: a claim taken out and its line reworded
    "|(?:删了|删掉|拿掉|去掉)(?:吧|了)?[，,]\\s*(?:再)?换(?:个|种)[^，,。]{0,6}?(?:说法|表达|措辞|词)"
    # 测试条件那句补进卖点里: a line put into a script
    "|(?:这|那)(?:一)?句(?:话)?(?:补|加|放|塞|写)(?:进|到|在)"
    '|[”"」』](?:这句|那句)?(?:改掉|换掉)'
    # 别用这种话 after asking whether a line may be said: that line is the one to take out
    "|(?:别|不要)(?:再)?(?:用|说|提)(?:这种|这句|那种|那句)(?:话|说法|词)"
    # a note added (加测试条件说明 / 补个免责提示 / 注明实验室数据): the note is the direction
    "|(?:加|补|添)(?:上|个|一个|一段|一下)?[^，,。]{0,8}(?:说明|备注|提示)"
)
# 续航数据那里标明是实验室测试条件: a note on the data already written, an edit by what it adds.
# 内存写错了吧？是12G不是8G / 你写成钢化膜了，改 / 价格不对…改对: a wrong fact of the script put right,
# an edit of it that needs no direction (the writer is handed the correction as said)
FACT_FIXED = re.compile(
    "写错|你写成|写的(?:这)?是啥|改对|(?:价格|价钱|数字|参数|电池|容量|内存|型号|赠品|日期|尺码)(?:也)?(?:不对|错了)"
    "|是[0-9一二两三四五六七八九十]+[^，,。？?]{0,4}[，,]?\\s*不是[0-9一二两三四五六七八九十]+"
    "|(?:送|赠)的是[^，,。]{1,10}[，,]\\s*不是"
)
NOTE = re.compile("(?:注明|标明|标注|写明)[^，,。]{0,12}(?:测试条件|实验室|条件|来源|出处)")
# 结尾加一句… / 开头补一句…: where in the script the line goes, not the closing or opening scene.
LINE_PLACE = re.compile(
    "(?:结尾|末尾|开头|最后)(?=(?:再)?(?:加|补|添|插)(?:上|进)?(?:一|1|两|几)句)"
    "|(?<=版)的?(?:结尾|末尾|开头)(?=改|换|加)"  # 把第一版结尾改成…: a place in that version
)
# 那句删掉吗？ asks about a line; 这几个字 counts none (SCRIPT_QUESTION would read 几个字 as a count).
ENDS_ASKING = re.compile("(?:吗|么|呢)?[？?]\\s*$|吗\\s*$")
# “家人们”太多了，全换成“朋友们”: a word swapped for a given one, asked back like 把“X”换成“Y” (dev4).
QUOTED_SWAP = re.compile('[”"」』][^。；;]{0,10}?(?:换成|改成)[“"「『]')
# 前十分钟开场 / 十分钟到半小时那块: when in the show, not how long the script reads.
SHOW_TIME = re.compile(
    "(?:前|头|最后)[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时|秒)"
    "|[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时)?到[0-9一二两三四五六七八九十半]{1,3}(?:分钟|小时)"
    # a countdown to going live (还剩三十分钟！/ 离开播还有一小时 / 二十分钟了，), no script's length
    "|(?:离开播|距离开播|离上播)?(?:还有|还剩|只剩|就剩)(?:下)?[0-9一二两三四五六七八九十半]{1,3}个?(?:分钟|小时)"
    "|(?:^|(?<=[！!。]))(?:[1-9][0-9]|[二三四五六七八九]?十[一二三四五六七八九]?)分钟(?:了)?(?=[！!。，,])"
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
# 下一段讲快充: the next script to write, opening the turn (下一段那个 would name one written).
NEXT_SCRIPT = re.compile("^(?:那|然后|接着)?下一(?:段|条)(?!那|这|的)")
# 又要一版开场备选 / 开场再出一版备用: another version of a scene written before, not a new script.
ANOTHER_VERSION = re.compile("备选(?!那|这)|备用(?!那|这)|(?:又|再)(?:要|出|来)一版")
# The product after these is the next one to sell (再来个蓝牙音箱 / 接着上X / 轮到X了 / 还带X / 更换：X).
NEXT_PRODUCT = re.compile(
    "再来(?:一)?(?:个|款|件)|(?:接着|然后|后面|下面)(?:再)?上|轮到|还(?:卖|带|有)(?:自家|我们)?|(?:更换|切换)[:：]"
)
# While a product is in play, another one named after these is moved to (切到X / 切回X / 回到X / 又回X /
# 接下来卖X / 等会儿要卖X / 又加了款X / 下一样是X / 下个 X / 换品 X / 收尾用X的): said at a clause's start.
MOVE_TO = re.compile(
    "(?:^|(?<=[，,。！!；;\\s]))(?:先放着|然后|再|又|客户说)?"
    "(?:切(?:到|回|去|换到)?|回到|回|(?:接下来|接下去|等下|等会儿?|待会儿?|然后)(?:要|再)?(?:卖|播|上)"
    "|(?:客户|又|再)?加了(?:个|款|一款|一个)|下一样(?:是)?|下个\\s|换品)(?:那个|这个)?\\s*"
    "|(?<![不别])用(?=[^，,。\\s]{1,8}的)"
)
# 写 / 弄一个 / 帮我写个东西 / 搞一下: an ask with nothing in it but the verb; with the product sent it
# still has no scene, which is asked back rather than guessed.
BARE_ASK = re.compile(
    "^(?:在吗|在么|在不在)?[\\s，,]*(?:帮我|给我|帮忙|麻烦)?(?:写|弄|搞|整|来)(?:写)?"
    "(?:一下|一个|一段|个|点|段)?(?:东西|啥|什么)?(?:吧|呗|哈)?$"
)
# A question, then why it is asked (…能洗吗，弹幕老有人问 / …能用吗？我得先搞懂): the reason
# clause asks for nothing (its 弹幕 is no request for interaction); it ends in why: 问 / 搞懂 / 罚.
REASON_TAIL = re.compile(
    "(?<=[吗么？?])[，,？?\\s]*[^，,。？?]{0,12}?"
    "(?:问|追问|搞懂|搞明白|弄清楚|心里有数|口径|罚|审核严|审得严|审核)(?:的|呢|啊|了|过|吧)?$"
    # …合适？我怕太长人跑了: the worry after the question is why it is asked
    "|(?<=[？?])\\s*(?:我|就是)?(?:怕|担心)[^，,。？?]{1,14}$"
    # …？我们没正经测过 / 我拿不准 / 来不及查了你直接告诉我: what the host cannot check is why it is asked
    "|(?<=[？?])\\s*(?:我们|我)?(?:没|没有|拿不准|不确定|来不及)[^？?]{0,16}$"
    "|(?<=[？?])\\s*(?:我)?(?:得|要|需要)(?:能)?(?:解释|讲清楚|说清楚|答上来|回答)[^，,。？?]{0,8}$"
)
# 能写持妆一整天吗: whether a claim may be written, not a request to write (能写个开场吗 is one).
MAY_WRITE = re.compile(
    "(?:能|可以|能不能|可不可以)(?:直接)?写(?!个|一|段|篇|条|份|出|得|开场|卖点|产品|促销|收尾|介绍|话术)[^，,。？?]{1,12}吗"
    # “全网最低”能直接写吗: the claim quoted before the leave asked
    '|[”"」』][^，,。？?]{0,4}(?:能|可以)(?:直接)?写(?:吗|不|么)'
)
# 要几块钱 / 到手多少米 / 到手价是多少 / 还能再便宜点吗: the price asked, a question of the promotion.
# 免息是几期来着 / 满减怎么算: a question of the offer is the promotion's, like a price.
OFFER_ASK = re.compile("免息|分期|满减|赠品|送什么|优惠(?:是|有)")
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
