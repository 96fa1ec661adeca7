"""Absolute and superlative claims (广告法 art. 9(3)), with the ordinary uses of 最/第一/唯一/首/100%.

Ordinary language is whitelisted by meaning, not by listing phrases: 最 before a time, order or
quantity word (最近, 最后, 最多) is not a claim; 第一 followed by a classifier or an ordinal noun
(第一次, 第一步, 第一眼) is a sequence word unless a ranking context precedes it; 唯一 introducing a
caveat (唯一的遗憾, 唯一要注意) is not a uniqueness claim; 100% before a material is a composition.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.clauses import winked
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

# 最 + a word of time, order, quantity or personal feeling: not a claim about the product.
_ORDINARY_AFTER_ZUI = alt(
    "近 后 初 终 早 晚 多 少 先 好是 喜欢 欢喜 中意 钟意 偏爱 爱 常 怕 讨厌 关心 在意 想 担心 开始 起码 "
    "低消费 新款 重要 主要 关键 值得 大的特点 大的优点 大的亮点 大的区别 大的不同 "
    "大的感受 大的变化 直观 明显的感受 高可 低可 长可 快明天 迟 "
    # Round 9: a setting's limit with its figure (水温最高48度, 最低功率800瓦): a specification, not a rank.
    "(?:高|低|大|小|长|短)(?:功率|温度|水温|风速|转速|档位)?(?:可|能|到|达|为|是)?\\s*[\\d一二两三四五六七八九十百千]+\\s*"
    "(?:度|℃|档|挡|瓦|W|w|千瓦|分钟|小时|公斤|kg|斤|米|cm|厘米|毫升|ml|升|L|转|分贝|dB|级) "
    # 最好 as advice (最好听听医生的意见, 最好先试用), never 最好用 / 最好不过.
    # 最好 before a period is advice on when (开封后最好三个月内用完).
    "好在?[\\d一两二三四五六七八九十半]+个?(?:天|周|月|小时|分钟|年|礼拜|星期) "
    "好(?:饭|睡|早|晚|白天|空腹|当天|尽快|尽量|搭配|配合|冷藏|避光|别|不要|先|还是|提前|去|问|听|咨询|找|在|等|能|可以|少|多|放|试|避免|每|根据|按)"
)
_RANKING_CONTEXT = re.compile(
    alt(
        "销量 排名 排行 行业 全网 全国 国内 世界 全球 亚洲 品类 同类 市场 稳居 荣获 勇夺 全场 "
        "全店 全平台 品质 质量 口碑 人气 综合"
    )
)
# Nothing (else) is found: the head of "no second one" and "nobody beats it" claims.
_NOWHERE = alt("没有 没 很难找到 不会有 再无 再没有 找不到 找不出 找不着 挑不出 挑不着 寻不到 寻不着 买不到")
_OURS = alt("它 这 我们 我家 我们家 咱 咱家 咱们 这个 这款 这家 这支 这瓶 我这 我这儿 俺这 俺家 俺们")
_RANK_NOUN = alt("头名 头牌 龙头 老大 霸主 领头羊 前三 前列 前茅 前排 排头")
# Comparatives that say nothing matches it: 比得上它, 赶得上它, 能跟它比.
_MATCHES = alt("比得上 比得过 赶得上 比得了 能跟它比 能和它比 能跟我们比 能和我们比")
_ORDINAL_TAIL = re.compile(
    alt(
        "次 步 天 眼 时间 口 遍 轮 段 件 个 款 批 波 期 节 课 印象 反应 感觉 层 周 季 场 单 "
        "章 部分 点 条 种 排 句 道 站 把 百 千 万 位 号 套 组 年 月 份 张 页 集 季度 代 版 届 回 关 "
        "阶段 课时 模块 单元 环节 讲 堂 学期 关卡 "
        # Round 13: a batch in the pot and a setting on the dial (下第一锅, 第一档适合刚开始练的).
        "锅 档 挡 炉 拨"
    )
)
_CAVEAT_TAIL = re.compile(
    "(?:的|一个|一点|需要|要)?(?:小)?"
    + alt("遗憾 缺点 不足 问题 要求 条件 注意 提醒 槽点 建议 区别 不同 办法 担心 顾虑 麻烦 不好")
)
_MATERIAL_TAIL = re.compile(
    "\\s*(?:纯)?"
    + alt(
        "棉 羊毛 蚕丝 桑蚕丝 羊绒 涤纶 聚酯 亚麻 原汁 果汁 牛乳 生牛乳 纯棉 可可 全麦 燕麦 "
        "木浆 植物 原浆 鲜榨"
    )
)


_CHECKING = re.compile(
    "(?:看|查|问|对照|以|翻|瞅|瞧|读)[^，。,！？!?]{0,10}?(?:配料表|成分表|包装|标签|说明书|医生|官网|检测报告|实物)[^，。,！？!?]{0,3}$"
)
_SURE = re.compile("准|清楚|稳妥|保险|靠谱|可靠|放心|实在")
# An ingredient list read out in order (配料表第一位是生牛乳, 唯一的原料是生牛乳, 成分表排第一的是水):
# a position in the list, not a rank in the market.
_LIST_BEFORE = re.compile("(?:配料表?|成分表?|原料|原材料)[^。！？!?]{0,12}$")
_LIST_AFTER = re.compile("(?:的|一[种位个样味项])?(?:配料|原料|原材料|成分|添加)")


# Round 10: a dimension's limit read off the product with its measured figure (最窄的地方只有两毫米,
# 容量最大的是100毫升这瓶, 最高时速是16公里): a specification, not a rank over the market — unless a
# ranking context bounds it (全网最薄的只有0.3毫米) or a clause break separates the figure.
_DIMENSION = re.compile("[高低大小宽窄长短厚薄重轻深浅快慢远近粗细亮暗]")
_MEASURED = re.compile(
    "[^，。,！？!?；;]{0,8}?[\\d一二两三四五六七八九十百千万]+(?:\\.\\d+)?\\s*"
    "(?:毫米|mm|厘米|cm|公分|米|公里|km|千米|英寸|寸|克|g|公斤|kg|斤|毫升|ml|mL|升|L|毫安|mAh|瓦|W|度|℃|分贝|dB|档|挡|流明|lm"
    # Round 12: a battery's or a run's duration (续航最长是14天, 最长能扫一百二十分钟) and a size in the range
    # (最小的35码, 最小的S码).
    "|分钟|小时|天|周|码|号)"
    "|[^，。,！？!?；;]{0,3}?(?:X{0,3}[SML]|[SML])\\s*码"
)
_MARKET = re.compile("全网|市面|市场|同类|同价位|行业|全国|国内|世界|全球|所有|任何|别家|其他品牌")
# 最 before a position (最下面, 最底部, 最里层, 最顶上那格): where something is, not how good it is.
_POSITION = re.compile(
    "(?:上|下|底|顶|前|里|外|左|右|内)(?:面|边|方|部|端|侧|头|层|格|下|上)|中间"
    # Round 12: the top or bottom floor of a building (这栋楼的最高一层, 整栋楼最高的那层).
    "|(?:高|低)(?:的)?(?:那|一)?(?:层|楼)"
)
# Round 11: advice to have it checked by a third party (最稳妥还是送第三方检测机构, 最靠谱还是找有资质的
# 机构来测): the safest way to verify, not a claim that the product is the safest.
_ADVICE_TO_CHECK = re.compile(
    "(?:稳妥|靠谱|保险|准|放心|可靠)(?:的)?(?:办法|方法|做法)?(?:还是|就是|是)?(?:去|找|送|问|请|拿去|交给|到)"
    "[^，。,！？!?]{0,12}?(?:机构|医生|医院|第三方|检测|专业|药师|说明书|官方)"
)


def _specification(text: str, m: re.Match[str]) -> bool:
    at = m.start() + 1
    if _POSITION.match(text, at):
        return True
    if not _DIMENSION.match(text, at) or not _MEASURED.match(text, at + 1):
        return False
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n，,") + 1
    return _MARKET.search(text, start, m.start()) is None


def _zui_ordinary(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if re.match(_ORDINARY_AFTER_ZUI, text[m.start() + 1 :]):
        return True
    if _specification(text, m) or _ADVICE_TO_CHECK.match(text, m.start() + 1):
        return True
    if _CHECKING.search(text, max(0, m.start() - 12), m.start()) and _SURE.match(text, m.start() + 1):
        return True  # 看配料表最准, 问医生最稳妥: advice on how to check, not a claim about the product
    if re.search(
        "(?:不算|不是|并不|谈不上|算不上|不一定|不说|不讲|不敢说|不敢讲)[^，。,！？!?]{0,3}$",
        text[max(0, m.start() - 7) : m.start()],
    ):
        # 价格不算最低, 不是全网最低价, 我不说全网最低: a denial of the superlative (unless winked at after).
        return not winked(text, m.start(), m.end())
    if _own_range_or_time(text, m) or _read_off_label(text, m):
        return True
    if re.search("(?:关系|影响|区别|差别|差异)$", text[max(0, m.start() - 2) : m.start()]):
        return True  # 跟遗传关系最大: which factor matters most, not a claim about the product
    if re.search("我(?:自己)?(?:用|穿|吃|喝|试|买|戴|涂)过的?$", text[max(0, m.start() - 5) : m.start()]):
        return True  # 我穿过最舒服的: a first-person experience, not a claim about the market
    # “适合自己的最好”: a preference about the buyer, not a claim about the product.
    return (
        re.search("适合(?:自己|你|您)的?(?:才是|就是)?$", text[max(0, m.start() - 8) : m.start()]) is not None
    )


# A superlative bounded by the shop's own counted range (我们家这三款里…最滋润, 这四种口味，芒果味卖得最快),
# by the product's own sales record (卖得最好的一年) or stated as an aim (目标是做…最放心的): a comparison the
# shop can verify or a goal, not a claim over the market (广告法 art. 9(3) is about the market).
_OWN_RANGE = re.compile(
    "(?:这|这边|那|左边|右边|我们|咱|店里|自家|家里|自己)(?:家|店)?(?:自己)?(?:的)?(?:今年|这季|冬|夏)?[^，。,！？!?]{0,3}?"
    "(?:[几两三四五六七八九十\\d]+|这几)(?:款|种|个|支|瓶|色|样|件|套|个色号|个口味|个系列)"
    "|(?:我们|咱们?|我家|店里|自家|自己)[^。！？!?]{0,10}?(?:款|系列|产品|口味|色号)(?:里|中|当中|里面|里头|之中)"
    # Round 13: the shop's own links and series (我们店里最便宜的是单只杯子那个链接, 这个系列里支数最高的
    # 一款).
    "|(?:我们|咱们?|我家|自家)的?店(?:铺)?里|这个?系列(?:里|中|当中|里面)|这几个链接"
)
_OWN_TIME = re.compile("最[\u4e00-\u9fff]{1,2}的一?(?:年|天|次|个月|月|季|场|回|周|阶段)")
_AIM = re.compile(
    "(?:目标|愿望|梦想|心愿|初心|方向)(?:就)?是?(?:做|成为|当|打造)?[^，。,！？!?]{0,8}$"
    "|(?:努力|争取|立志|希望)(?:做|成为|当|打造)[^，。,！？!?]{0,8}$"
)


def _own_range_or_time(text: str, m: re.Match[str]) -> bool:
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    if _OWN_RANGE.search(text, max(start, m.start() - 30), m.start()) and not _RANKING_CONTEXT.search(
        text, max(start, m.start() - 30), m.start()
    ):
        return True
    if text[m.start() - 1 : m.start()] == "得" and _OWN_TIME.match(text, m.start()):
        return True  # 卖得最好的一年: the product's own record (but 最划算的一次 is a claim)
    return _AIM.search(text, max(0, m.start() - 16), m.start()) is not None


# Round 13: advice read off the manual (安全座椅最好反向安装…这是说明书里写的) and the legal definition of a
# struck-through price (划线价是前七天内的最低成交价): an instruction and a price rule, not a rank.
_MANUAL = re.compile("说明书|使用说明|厂家建议|官方建议")
_SENTENCE_END = re.compile("[。！？!?\n]")
_STRUCK_PRICE = re.compile("划线价|原价|参考价")


def _read_off_label(text: str, m: re.Match[str]) -> bool:
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    end = _SENTENCE_END.search(text, m.end())
    stop = min(end.start() if end else len(text), m.end() + 30)
    if text.startswith("好", m.start() + 1) and _MANUAL.search(
        text[start : m.start()] + text[m.end() : stop]
    ):
        return True
    if not text.startswith("低成交价", m.start() + 1) or _MARKET.search(text, start, m.start()):
        return False
    return _STRUCK_PRICE.search(text, start, m.start()) is not None


def _in_list(text: str, m: re.Match[str]) -> bool:
    if _RANKING_CONTEXT.search(text[max(0, m.start() - 6) : m.start()]):
        return False
    return _LIST_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None


# Round 12: a placing won in a contest (去年市里技能比赛拿了第一名, 省里西点比赛的第一名): a person's award,
# stated with the contest, not a rank the product claims over the market.
_CONTEST_BEFORE = re.compile(
    "(?:比赛|大赛|竞赛|锦标赛|评比|联赛|考试|赛)(?:中|上|里)?(?:拿了?|获得?了?|得了?|夺得?)?的?$"
)


def _first_ordinary(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _CONTEST_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return True
    ranking = _RANKING_CONTEXT.search(text[max(0, m.start() - 6) : m.start()]) is not None
    ordinal = _ORDINAL_TAIL.match(text, m.end()) is not None
    return (ordinal and not ranking) or _in_list(text, m)


def _unique_ordinary(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _CAVEAT_TAIL.match(text, m.end()) or _LIST_AFTER.match(text, m.end()):
        return True
    return _in_list(text, m)


# A material named just before the percentage (含棉量100%, 聚酯纤维100%, 蚕丝占比100%): a composition.
_MATERIAL_HEAD = re.compile(
    "(?:[棉毛丝绒麻汁浆]|纶|纤维|氨纶|锦纶)(?:的)?(?:含量|量|占比|比例|成分)?(?:为|是|达到?|高达)?[：:\\s]*$"
    "|(?:含量|占比|比例)(?:为|是|达到?|高达)?[：:\\s]*$"
)


def _hundred_ordinary(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    if _MATERIAL_HEAD.search(text[max(0, m.start() - 8) : m.start()]):
        return True
    return _MATERIAL_TAIL.match(text, m.end()) is not None


# Round 11: a place or heritage item designated by the state (国家级经济技术开发区, 国家级非遗).
_DESIGNATED = re.compile(
    "[^，。,！？!?]{0,6}?(?:开发区|高新区|园区|保护区|新区|示范区|风景区|风景名胜区|非遗|非物质文化遗产|湿地|森林公园|地质公园)"
)
_PROHIBITION = re.compile("(?:不要|别|不能|不可以|禁止|避免|不建议)")
_DENIED = re.compile("(?:不等于|不代表|不是|并非|并不|谈不上|算不上|不一定|未必|没有|没)$")


def _standard_reference(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """国家级 in “国家标准/国标” references is a fact about conformity, not a rank; and an absolute that
    is denied (不等于绝对安全, 没有绝对的好坏) is a caveat, not a claim."""
    if _DENIED.search(text[max(0, m.start() - 4) : m.start()]):
        return True
    if _PROHIBITION.match(text, m.end()):
        return True  # 绝对不要涂在破皮处: emphasis on a warning, not a claim about the product
    if _DESIGNATED.match(text, m.end()):
        return True  # 国家级高新区, 国家级自然保护区: an administrative designation of a place, not a rank
    return re.match("标准|强制|GB", text[m.end() :]) is not None


_SUPERLATIVE_HEAD = "最(?:为)?"
MATCHERS: list[Matcher] = [
    matcher("absolute.superlative", _SUPERLATIVE_HEAD + "[\u4e00-\u9fff]", allowed=_zui_ordinary),
    matcher(
        "absolute.superlative",
        alt(
            "史上最 天花板 没有之一 无出其右 独占鳌头 登峰造极 巅峰 至尊 极品 王牌 无敌 空前绝后 "
            "史无前例 前所未有"
        ),
    ),
    # Nothing like it and ahead of all: 全网没有第二家, 找不出第二支这么…的, 数一数二, 超越所有同类.
    matcher(
        "absolute.superlative",
        f"(?:{_NOWHERE})第二(?:[家款支件瓶台双套只条副把口张顶块部辆]|个(?:品牌|牌子|产品|这样|这么|能))|数一数二|无可挑剔|无懈可击"
        "|挑不出毛病|(?:超越|超过|胜过|优于|好过|强过|赢过|甩开)(?:了)?(?:所有|一切|任何|全部)(?!人)",
    ),
    # Nobody beats it: 没有哪家能比我们这款更耐用, 没有哪个牌子比得上它, 全网没有比咱家更实惠的.
    matcher(
        "absolute.superlative",
        f"(?:{_NOWHERE})(?:(?:哪|谁|任何|一)[^，。,！？!?比]{{0,4}}?)?(?:能|可以)?比{_OURS}[^，。,！？!?]{{0,4}}?更"
        f"|(?:{_NOWHERE})(?:哪|谁|任何)[^，。,！？!?]{{0,4}}?{_MATCHES}"
        # Everyone else falls behind: 别家都追不上, 同行谁也比不了.
        "|(?:别家|别人家|同行|对手|其他品牌|其他牌子)(?:谁)?(?:都|也)(?:追不上|赶不上|比不上|比不了)"
        # Nobody can copy it: 没有哪家复刻得出来, 谁家都仿不出来.
        "|(?:没有?(?:哪家|哪个|谁家?|任何一家|人)|谁家?都|别家都)[^，。,！？!?]{0,4}?"
        "(?:复刻|仿|模仿|抄|做)(?:得出|得了|不出|不了|不来)",
    ),
    # Round 12: the top implied without the word (后面那些都得仰着头看它, 都只能排在它屁股后面, 没有哪家能压过
    # 它一头, 榜上它头顶再没别的名字): a rank over every rival all the same (广告法 art. 9(3)).
    matcher(
        "absolute.ranking",
        "(?:都|也)(?:得|只能|只有)?(?:仰着头|抬着头|仰头|抬头|仰望)(?:看)?(?:它|我们|咱)"
        "|(?:排|跟|站)在(?:它|我们|咱家?)的?(?:屁股)?(?:后面|后头|下面|底下)"
        "|(?:没有|没)(?:哪家|谁|一家|哪个)[^，。,！？!?]{0,4}?压(?:过|得过|得住)(?:它|我们)"
        "|头顶上?(?:再)?没(?:有)?(?:别的|其他|第二个)?(?:名字|人|牌子)",
        gate="仰|抬|后面|后头|下面|底下|压|头顶",
    ),
    # A rank word after a ranking context: 同类里稳坐头名, 行业的龙头; 霸榜 and 头把交椅 alone.
    matcher("absolute.ranking", f"{_RANKING_CONTEXT.pattern}[^。！？!?]{{0,12}}?{_RANK_NOUN}"),
    matcher(
        "absolute.ranking",
        alt(
            "霸榜 称霸 头把交椅 第一把交椅 龙头老大 行业龙头 行业老大 领头羊 "
            # Round 13: the first and only one in other words (头一份, 头号, 当世无双, 独此一家).
            "头一份 头号 头一块招牌 举世无双 当世无双 盖世无双 天下无双 独步天下 独此一家 独一家"
        )
        + "|霸占[^，。,！？!?]{0,6}?榜|榜[^，。,！？!?]{0,3}?(?:前排|前列|前茅|头名|霸主)",
    ),
    # Superiority without the word 最: no rival, nothing better, ahead of everything.
    matcher(
        "absolute.superlative",
        alt(
            "找不到对手 没有对手 没有敌手 无人能及 无可替代 无可匹敌 完全没有缺点 没有任何缺点 "
            "断层式 断层领先 断档领先 一骑当先 一马当先 首屈一指 名列前茅 出类拔萃 鹤立鸡群 "
            "神仙级别 神级 封神 标杆 看齐 秒杀一切 吊打一切 碾压一切 秒杀所有 战斗机 一骑绝尘 "
            "没有比它更 没有比这更 没有比我们更 找不到比它更 没人敢说第一 无可比拟 无与伦比 "
            "断档的存在 断层的存在 天花板的存在 天花板级的存在 王者的存在 "
            "神级的存在 独一档的存在 第一梯队的存在 "
            "(?:无人|没人|没有人|谁都|谁也)(?:能|可以)?(?:比得上|比得过|比|超越|打败|替代)"
        ),
    ),
    # Superiority built into the phrase: a word ranked above itself (王者中的王者, 顶配中的顶配), no other
    # maker able to match it (没别家能比, 没有哪家能做到), and the rhetorical "where would you find a second".
    matcher("absolute.superlative", "([\u4e00-\u9fff]{2})中的\\1", gate="中的"),
    matcher(
        "absolute.superlative",
        lead(
            "(?:没有?|找不到|找不出)(?:别家|别人家|第二家|别的牌子|哪家|一家)(?:能|可以)(?:比|做到|做得到|赶上|超过|做出)"
            "|(?:上哪儿?|去哪儿?|到哪儿?|哪里|哪儿)(?:还)?(?:能)?(?:找|买|淘)(?:得到|到|着)?(?:第二|比这更|更好的|更便宜的)"
        ),
    ),
    matcher("absolute.ranking", "第一", allowed=_first_ordinary),
    matcher(
        "absolute.ranking",
        alt(
            "冠军(?!同款|哪) 销冠 遥遥领先 领先同行 行业领先 领导品牌 领袖品牌 排名前 榜首 "
            "一哥(?!们) 一姐(?!妹) 扛把子 "
            "(?i:no\\.?\\s*1(?!\\d)|top\\s*1(?!\\d))"
        ),
    ),
    matcher("absolute.unique", "唯一", allowed=_unique_ordinary),
    matcher(
        "absolute.unique",
        alt("独一无二 独一份 绝无仅有 仅此一家 别无分号 首个 首家 首创 首款 全球首 国内首 填补空白"),
    ),
    matcher("absolute.term", "100\\s*[%％]|百分之百|百分百", allowed=_hundred_ordinary),
    matcher(
        "absolute.term",
        alt(
            "顶级 顶尖 极致 绝对 永久 永不 万能 全能 国家级 世界级 全球级 宇宙级 终极 完美无缺 零缺陷 最高级"
        ),
        allowed=_standard_reference,
    ),
]
