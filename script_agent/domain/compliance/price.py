"""Price claims grounded strictly in the product's price fields and the request's promotion.

A reference price (原价, 专柜价, 市场价, 平时卖 …) is a comparison the shop must be able to prove
(明码标价和禁止价格欺诈规定 art. 17/19): it passes only when the quoted amount is one of the known
prices. A vague one (原价好几百, 市场价三百多) cannot be proven and is flagged. Numbers are read with
their units: 750g or 30袋 is a quantity, never a price.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Hit, Matcher, alt, lead, matcher
from script_agent.domain.numerals import cn_number

_REFERENCE = alt(
    "原价 原来 专柜价 专柜 市场价 市面价 市面上卖 市面上 旗舰店 吊牌价 吊牌 门店价 门店 官网价 官网标价 "
    "官网 标价 零售价 建议零售价 指导价 平时卖 平时要 平时 日常价 日常卖 日常 别人卖 "
    "别家卖 外面卖 外面 线下卖 商场价 商场 以前卖 之前卖 之前 正价 划线价 参考价 平常 专卖店 官方价 "
    "本来 本来要 本来卖 原本 原本要 原售价 定价 外头 外边 少说也得 少说也要 怎么也得 起码得 起码要 "
    "打完折也要 打完折 别人家卖 别人家要 人家卖 其他家卖 其他家要 隔壁卖 超市卖 药店卖 实体店卖 "
    # Round 9: the counter a voucher or a ticket is sold at (门市价, 挂牌价, 售票处卖, 前台价).
    "门市价 门市 挂牌价 挂牌 前台价 窗口价 售票处 售票窗口 景区门口 "
    # Round 10: an auction's price (拍卖行拍出过八万, 拍卖会上成交过六万, 起拍价就一万) — one sale of one
    # piece, never a price this item was offered at (明码标价和禁止价格欺诈规定 art. 19).
    "拍卖行 拍卖会 拍卖 起拍价 成交价 估价 港拍 春拍 秋拍 拍场 落槌价 落槌",
    # A shop named with where and how it sells (超市里卖, 超市货架上卖, 便利店标着): a reference price too.
    "(?:超市|药店|便利店|菜市场|实体店|商场|专卖店|线下店|珠宝柜台|柜台|金店|珠宝店)(?:里|上|那边|那儿|货架上|柜台上?)?(?:都|也|一般|能)?"
    "(?:卖|要|标着?|标价|售)",
    # Round 12: another seller's price for the same service (在医院里头配要一万多, 去眼镜店配至少三千,
    # 医美机构做一次要两千多, 隔壁同档次的都是八万八起步, 别的家政公司都要一千二起): a reference nobody
    # can prove.
    "(?:医院|眼镜店|眼镜行|医美机构|美容院|诊所|机构|4S店|培训机构|中介|家政公司)(?:里头?|那边|那儿|里面)?"
    "(?:配|做|买|报|请)?(?:一次|一副|一个)?[\\u4e00-\\u9fff]{0,3}?(?:都|也|一般)?(?:要|得|卖|收|至少|起码)",
    "(?:隔壁|同档次|同级别|同小区|别的|其他|人家)(?:[\u4e00-\u9fff]{0,6}?(?:公司|店|家|机构|中心|会所))?的?"
    "(?:[\u4e00-\u9fff]{0,4}?)(?:都是|都要|都得|要|起步)",
)
_UNITS = "g|G|克|kg|KG|千克|ml|mL|毫升|L|升|件|袋|片|支|瓶|盒|粒|包|个|cm|厘米|斤|%|％|天|次|岁|号|折"
# A number followed by a unit is a quantity (750g, 30袋), never a price.
_AMOUNT = f"(?:[¥￥]\\s*)?(\\d+(?:\\.\\d+)?)(?![\\d.]|\\s*(?:{_UNITS}))"
_VAGUE = (
    "(?:(?:好几|大几|几|[一二两三四五六七八九十百千万]+)(?:百|千|万|十)(?:多|来)?(?:块|元)?"
    "|[两三四五六七八九]位数)"
)
# A reference is found once, then read three ways from where it ends: an amount in digits, one in
# words, or a vague one (one scan of the long _REFERENCE alternation instead of three).
# lead(): several items start with a group, which would cost the scan its first-character test.
_REF = re.compile(lead(_REFERENCE))
_AMOUNT_TAIL = re.compile(f"(?P<gap>[^，。,！？!?\\d]{{0,5}}?){_AMOUNT}")
# The same in words (吊牌价一百六十九, 超市里卖一百二): exact unless it trails off (九十多, 一百出头).
_CN_DIGITS = "零一二两三四五六七八九十百千万"
# Digit-unit pairs and a trailing digit (一百六十九, 一百二), so 一百二一箱 reads 一百二, not 一百二一.
_CN_NUMERAL = "(?:[一二两三四五六七八九]?[十百千万])+(?:零?[一二两三四五六七八九])?|[一二两三四五六七八九]"
_CN_TAIL = re.compile(
    f"(?P<gap>[^，。,！？!?\\d{_CN_DIGITS}]{{0,6}}?)(?P<num>{_CN_NUMERAL})"
    "(?P<unit>块|元)?(?P<dime>[一二三四五六七八九])?(?P<vague>多|来|出头|左右)?"
)
# A saving stated after the reference (比原价便宜四十, 少花了整整四十): the difference of two known prices.
_SAVING = re.compile("便宜|省|少|优惠|减|差|低")
_VAGUE_TAIL = re.compile(f"[^，。,！？!?\\d]{{0,6}}?{_VAGUE}")
_SELLING = alt(
    "现价 到手价 到手 只要 只卖 仅需 仅售 只需 秒杀价 直播间价 给你们 给大家 券后价 券后 价格是 今天"
)
_CURRENT = re.compile(f"{_SELLING}[^，。,！？!?\\d]{{0,3}}?{_AMOUNT}(?:元|块)?")
_HYPE = alt(
    "跳楼价 骨折价 打骨折 亏本 赔本 血亏 白菜价 成本价 出厂价 批发价 进货价 进价 地板价 "
    "清仓价 跳楼 甩卖 倒贴 赔钱卖 贴钱卖 史低 破价 炸价 炸个价 全网最低价 全网底价 最低价 "
    "底价 成本都不够 成本也不够 低于成本 不赚钱 赔钱 亏着卖 赔着卖 亏钱卖 贴钱 亏本价 出货价 工厂价 "
    "一分(?:钱)?(?:都)?(?:没|不)赚 零利润 没(?:有)?利润 "
    "(?:卖|要|贵|翻)了?(?:[两三四五几]|\\d+)倍 (?:[两三四五几]|\\d+)倍(?:的)?价 "
    # Round 12: the lowest of a period and a past promotion said never to have matched it (今年最低的价,
    # 双十一都没这个价, 618都没给到这个价): comparisons with prices the shop never quotes.
    + " ".join(f"{head}来?的?最低的?价" for head in ("今年", "全年", "年度", "历史", "近年", "半年", "一年"))
    + " "
    + " ".join(
        f"{head}[^，。,！？!?]{{0,3}}?(?:都|也)(?:没|没有|给不到|拿不到)(?:给到|给过|有过)?这个?价"
        for head in ("双十一", "双11", "双十二", "双12", "618", "年货节", "大促")
    )
)
# Nowhere cheaper, and this price unobtainable elsewhere: comparisons nobody can prove.
_ELSEWHERE = alt("线下 外面 别家 市面上 专柜 门店 实体店 超市 代工厂 工厂 厂家 批发商 代理")
_NOWHERE = (
    "(?:找不到|没有|再也找不到)比(?:这|我们|它|这个)[^，。,！？!?]{0,3}?更?(?:低|便宜|划算|实惠)"
    f"|这个?价[^，。,！？!?]{{0,8}}?{_ELSEWHERE}[^，。,！？!?]{{0,4}}?(?:拿不到|买不到)"
    f"|{_ELSEWHERE}[^，。,！？!?]{{0,6}}?(?:拿不到|买不到|找不到)这个?价"
)


_CN_AMOUNT = re.compile(
    f"{_SELLING}(?:直接)?(?:给到|给你|卖)?([零一二两三四五六七八九十百千]{{2,6}})(?:(块|元)([一二三四五六七八九])?)?(?![多来几折])"
)


# A cheaper-than comparison against a price nobody quoted (比批发还便宜, 低于工厂价, 比专柜便宜一大半):
# the benchmark is a reference price the shop cannot prove unless the amount is a known price.
_BENCHMARK = alt(
    "批发 批发价 出厂价 出货价 厂家 工厂 工厂价 厂价 代理 代理价 拿货 拿货价 进货 进价 成本 成本价 "
    "专柜 超市 商场 实体店 门店 线下店 药店 官网 市场价 外面 其他渠道 别家 别人家 旗舰店 "
    "双十一 双11 大促 往年 去年"
)
_CHEAPER = alt("便宜 低(?!糖|脂|盐|卡|钠|温|调) 实惠 划算 省")
_COMPARED = re.compile(
    f"(?:比|低于|不到|还不到)(?:你|您|大家)?(?:在|去)?{_BENCHMARK}[^，。,！？!?]{{0,8}}?(?:还|都|更)?{_CHEAPER}"
    f"|(?:低于|不到|还不到){_BENCHMARK}"
)


class ComparedPrices:
    """比X还便宜 with X an unquoted benchmark; passes when the match quotes one of the known prices."""

    rule_id = "price.reference"

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        for m in _COMPARED.finditer(text):
            amounts = {float(a) for a in re.findall("\\d+(?:\\.\\d+)?", m.group())}
            if not amounts & facts.prices:
                yield Hit(self.rule_id, m.start(), m.end())


def _cn_amount(m: re.Match[str]) -> float | None:
    """An exact amount in words (一百六十九, 五十九块九), or None when it is vague or not a price."""
    raw = m.group("num")
    if m.group("vague") or "几" in raw or not (m.group("unit") or set(raw) & set("十百千万")):
        return None
    value = cn_number(raw)
    if value is None:
        return None
    return value + (_DIGIT[m.group("dime")] / 10 if m.group("unit") and m.group("dime") else 0)


def _known(value: float, gap: str, facts: ProductFacts) -> bool:
    if value in facts.prices:
        return True
    diffs = {round(abs(a - b), 2) for a in facts.prices for b in facts.prices if a != b}
    return _SAVING.search(gap) is not None and round(value, 2) in diffs


_PERIOD = re.compile("天|日|个?月|年|周|小时|分钟|次")


def _read(text: str, ref: re.Match[str], end: int) -> tuple[int, float | None, str] | None:
    """What follows a reference: (end, exact amount or None when vague, the words between)."""
    m = _AMOUNT_TAIL.match(text, ref.end(), end)
    if m:
        return m.end(), float(m.group(2)), m.group("gap")
    cn = _CN_TAIL.match(text, ref.end(), end)
    if cn and not cn.group("unit") and _PERIOD.match(text, cn.end()):
        cn = None  # Round 13: 划线价是近三十天里的最低成交价: a period, not an amount
    value = _cn_amount(cn) if cn else None
    if cn and value is not None:
        return cn.end(), value, cn.group("gap")
    vague = _VAGUE_TAIL.match(text, ref.end(), end)
    if vague and _PERIOD.match(text, vague.end()):
        return None
    return (vague.end(), None, "") if vague else None


def quoted_references(text: str, start: int, end: int) -> list[tuple[int, float]]:
    """(offset, amount) of every exact reference price between start and end, digits or words."""
    found = []
    for ref in _REF.finditer(text, start, end):
        read = _read(text, ref, end)
        if read is not None and read[1] is not None:
            found.append((ref.start(), read[1]))
    return found


# Round 12: a cut off the shop's own usual price, with no reference amount quoted (在我们店平时的价上减一百，
# 到手八百九十九; 在我们店日常价的基础上直降八十): the figure is the cut, not a price the shop claims to
# have sold at, so there is nothing fictitious to prove; with price data the cut must still be known.
# Round 13: ...or the shop by its store (比店铺日常价便宜五十).
_OWN_SHOP = re.compile("(?:(?:我们|咱|自家|自己)(?:家|店|店里|家店)?|店铺|本店|店里)[^，。,！？!?]{0,2}$")
_CUT_OFF = re.compile(
    "(?:的)?价?(?:格|钱)?的?(?:基础)?上(?:再|直接)?(?:减|直降|降|便宜|少)$|^(?:要)?(?:便宜|少|低)了?$"
)


def _own_cut(text: str, ref: re.Match[str], gap: str, facts: ProductFacts) -> bool:
    return (
        not facts.has_price_data
        and _CUT_OFF.search(gap) is not None
        and _OWN_SHOP.search(text, max(0, ref.start() - 8), ref.start()) is not None
    )


# Round 12 (after the probe): the usual price said to be today's too (日常就卖一千六百九，今天直播间也是
# 一千六百九): no discount is claimed, so the reference compares nothing.
_SAME = re.compile("[^。！？!?]{0,10}?(?:也是|还是|一样是|同样是|照样是|就是)")


def _same_today(text: str, end: int, value: float) -> bool:
    same = _SAME.match(text, end)
    if same is None:
        return False
    digits = _AMOUNT_TAIL.match(text, same.end(), same.end() + 12)
    if digits:
        return float(digits.group(2)) == value
    cn = _CN_TAIL.match(text, same.end(), same.end() + 12)
    return cn is not None and _cn_amount(cn) == value


class ReferencePrices:
    """Not a regex matcher: the verdict depends on the amount, so it reads the groups itself."""

    rule_id = "price.reference"

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        for ref in _REF.finditer(text):
            read = _read(text, ref, len(text))
            if read is None:
                continue
            end, value, gap = read
            if _own_cut(text, ref, gap, facts) or (value is not None and _same_today(text, end, value)):
                continue
            if value is None or not _known(value, gap, facts):
                yield Hit(self.rule_id, ref.start(), end)


class CurrentPrices:
    """A quoted selling price the product data does not carry (only checked when data has prices)."""

    rule_id = "price.unknown"

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        if not facts.has_price_data:
            return
        for m in _CURRENT.finditer(text):
            if float(m.group(1)) not in facts.numbers:
                yield Hit(self.rule_id, m.start(), m.end())
        for m in _CN_AMOUNT.finditer(text):
            value = cn_number(m.group(1))
            if value is not None and m.group(3):
                value += _DIGIT[m.group(3)] / 10  # 五十九块九 is 59.9
            if value is not None and value not in facts.numbers:
                yield Hit(self.rule_id, m.start(), m.end())


_CONDITIONAL = re.compile("满|第[二两三四五\\d]件|[两三四五\\d]件|第二|加购|会员")
_DISCOUNT = re.compile("(?:打|直接|给你)?([一二三四五六七八九]{1,2}|\\d(?:\\.\\d)?)折|半价|对折")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_BASE = re.compile("(?:[¥￥]\\s*)?(\\d+(?:\\.\\d+)?)(?:元|块|的)")


class DiscountPrices:
    """打五折 off a known reference price must land on a price the data carries (虚构折扣 is price
    fraud under 明码标价和禁止价格欺诈规定 art. 19): 169 打五折 is 84.5, but the product sells at 129.
    Only a discount on a reference price quoted in the same sentence is checked; a conditional one
    (满两件打九折, 第二件半价) is the promotion's structure, not a price claim."""

    rule_id = "price.reference"

    def find(self, text: str, facts: ProductFacts) -> Iterator[Hit]:
        if not facts.has_price_data:
            return
        for m in _DISCOUNT.finditer(text):
            start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
            if _CONDITIONAL.search(text, max(start, m.start() - 8), m.start()):
                continue
            quoted = quoted_references(text, start, m.start())
            # A bare amount before the discount (169的口红今天三折) is the base as much as a quoted 原价,
            # and then only a price (not a stock count or a threshold) may be where it lands.
            landing = facts.numbers if quoted else facts.prices
            quoted = quoted or [
                (b.start(), float(b.group(1))) for b in _BASE.finditer(text, start, m.start())
            ]
            if not quoted:
                if self._lands_off_reference(text, m, facts):
                    yield Hit(self.rule_id, m.start(), m.end())
                continue
            target = quoted[-1][1] * _rate(m)
            if not any(abs(target - known) <= 1 for known in landing):
                yield Hit(self.rule_id, m.start(), m.end())

    @staticmethod
    def _lands_off_reference(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
        """Round 8: a discount with only the price it lands on (今天打五折，只要129): the base it implies
        (129 ÷ 0.5 = 258) must be a reference price the data carries; 129 is 169 × 0.76, not × 0.5."""
        ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
        landing = _CURRENT.search(text, m.end(), min(ends) if ends else len(text))
        if landing is None:
            return False
        price = float(landing.group(1))
        return not any(abs(ref * _rate(m) - price) <= 1 for ref in facts.prices if ref > price)


def _rate(m: re.Match[str]) -> float:
    """七六折 is 0.76, 五折 0.5, 半价 0.5; the digits are read one by one."""
    raw = m.group(1)
    if raw is None:
        return 0.5
    value = float(raw) if raw[0].isdigit() else _DIGIT[raw[0]] + (_DIGIT[raw[1]] / 10 if len(raw) > 1 else 0)
    return value / 10


# Round 11: a threshold discount restated as a flat one (满200减30，相当于打对折): 30 off 200 is 八五折, so
# a deeper rate misstates the offer (明码标价和禁止价格欺诈规定 art. 19: 虚假的或者使人误解的价格手段).
_AMOUNT = "(\\d+|[一二两三四五六七八九十百千]+)"
_THRESHOLD = re.compile(
    f"满\\s*{_AMOUNT}\\s*(?:元|块)?减\\s*{_AMOUNT}[^。！？!?]{{0,12}}?(?:相当于|等于|算下来|一算|差不多|就是)"
    "[^。！？!?，,]{0,8}?(?:打)?(?:([一二三四五六七八九]{1,2}|\\d(?:\\.\\d)?)折|半价|对折)"
)


def _amount(raw: str) -> float | None:
    return float(raw) if raw.isdigit() else cn_number(raw)


def _threshold_true(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """The restated rate passes when it is no deeper than the threshold discount really is."""
    spend, off = _amount(m.group(1)), _amount(m.group(2))
    if not spend or off is None or off >= spend:
        return True
    return _claimed_rate(m.group(3)) >= (spend - off) / spend - 0.03


# The same restatement of the promotion's own 满减, its figures left unsaid (这个满减一算，跟打三折差不多):
# the data's thresholds say what rate it really is; with none in the data the rate is unverifiable.
_BARE_THRESHOLD = re.compile(
    "满减(?!\\s*\\d)[^。！？!?]{0,12}?(?:相当于|等于|算下来|一算|差不多|就是)"
    "[^。！？!?]{0,8}?(?:打)?(?:([一二三四五六七八九]{1,2}|\\d(?:\\.\\d)?)折|半价|对折)"
)


def _claimed_rate(raw: str | None) -> float:
    if raw is None:
        return 0.5
    if raw[0].isdigit():
        return float(raw) / 10
    return (_DIGIT[raw[0]] + (_DIGIT[raw[1]] / 10 if len(raw) > 1 else 0)) / 10


def _bare_threshold_true(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    real = [(spend - off) / spend for spend, off in facts.thresholds if 0 <= off < spend]
    return bool(real) and _claimed_rate(m.group(1)) >= min(real) - 0.03


MATCHERS: list[Matcher | ReferencePrices | CurrentPrices | ComparedPrices | DiscountPrices] = [
    matcher("price.reference", _THRESHOLD.pattern, allowed=_threshold_true, gate="满"),
    matcher("price.reference", _BARE_THRESHOLD.pattern, allowed=_bare_threshold_true, gate="满减"),
    ReferencePrices(),
    DiscountPrices(),
    ComparedPrices(),
    CurrentPrices(),
    # 不是全网最低价: a denied hype word is a caveat.
    matcher("price.hype", _HYPE, negatable=True),
    matcher("price.hype", _NOWHERE, negatable=True),
    # A price said to be conceded or cut (跟老板磨了三天才让到三十九, 老板心软了再砍五十) is a comparison with
    # a price nobody quoted: it passes only when the data carries a reference price to cut from.
    matcher(
        "price.reference",
        "(?:老板|厂家|品牌方|工厂|厂长|老总|供应商|运营)[^。！？!?]{0,30}?"
        "(?:松口|让步|点头|心软|让到|压到|砍到|砍下来|再砍|让了|降到|放价|才给|才肯给|才同意|才答应)",
        allowed=lambda text, m, facts: len(facts.prices) >= 2,
        gate="松口|让步|点头|心软|让到|压到|砍|让了|降到|放价|才给|才肯给|才同意|才答应",
    ),
    # Round 13 (明码标价和禁止价格欺诈规定 art. 19): the "original" price exposed as the usual one
    # (原价89…前天那场其实也是59.9), the price raised before the cut (昨晚我把羊肉卷调到一百九十九，
    # 今天打五折), a gift's value inflated past its own shelf price (价值三百的化妆包，这包店里单卖二十九),
    # another place's price as the reference (去景德镇问，八千八！我这儿八百八).
    matcher(
        "price.reference",
        "(?:前天|昨天|上周|上个?月|之前|前几天|上一场|平时)[^，。,！？!?]{0,3}?其实(?:也|都|一直)(?:是|卖)"
        "|(?:昨晚|昨天|昨儿|上周|上礼拜|上个?月|前天|前几天|前两天|前阵子|之前|先)[^。！？!?]{0,8}?(?:调到|改成|挂到|提到|涨到|标到|调成|改到|挂成)"
        "[^。！？!?]{0,20}?(?:[一二三四五六七八九\\d]折|对折|半价|降到)"
        "|价值[^，。,！？!?]{1,6}?的[^。！？!?]{0,14}?(?:单卖|单买|单独卖|单独买|平时卖|单拍)[^，。,！？!?]{0,3}?"
        "[\\d一二两三四五六七八九十]",
        gate="其实|调到|改成|挂到|提到|涨到|标到|调成|改到|挂成|单卖|单买|单独|平时卖|单拍",
    ),
    matcher(
        "price.reference",
        "(?:去|到)[\u4e00-\u9fff]{1,6}?(?:问问?|打听)[，,！!]?[^。？?]{0,4}?[\\d一二两三四五六七八九十百千万]+"
        "[^。？?]{0,8}?(?:我这|我们这|咱这|直播间)",
        gate="(?:问|打听)[^。？?]{0,14}?(?:我这|我们这|咱这|直播间)",
    ),
]
