"""Competitor disparagement (广告法 art. 13, 反不正当竞争法 on commercial defamation): a rival named or
pointed at, with a smear of its goods (假货, 致癌, 用完过敏) or a comparison that puts it down.

A rival named without a smear (Z牌的也不错) and the shop's own older products (我们家上一代) pass.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher


def _own_shop(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return re.search("(?:我们|自己)(?:家)?的?(?:上一代|老款|之前)", m.group()) is not None


_RIVAL = alt(
    "别家 别人家 别的牌子 别的品牌 其他品牌 其他牌子 其他家 其他直播间 别的直播间 隔壁 "
    "某某品牌 某某牌子 某某 那家 他们家 他家 大牌 某宝上 "
    "外面的 外面那些 市面上那些 便宜货 地摊货 同行 友商 你用的那个 "
    "市面上的 别人的 便宜的那些 其他主播 别的主播 那些大牌 某品牌 那个品牌 隔壁家 别人直播间 "
    "杂牌 小作坊 小牌子 市面上那种 那种便宜货 某些主播 有些主播 有的主播 某些品牌 某些牌子 "
    # A brand by 某 (某牌的纸尿裤).
    "某牌 "
    # Round 7: a placeholder for the name (××家), one host pointed at, the trade at large, Cantonese.
    "×× XX xx 那个主播 那位主播 隔壁主播 某个主播 某些直播间 有些直播间 有的直播间 市售 市面同类 "
    "超市那些 超市里那些 外头那些 外边那些 出面嗰啲 出面啲 嗰啲 人哋 "
    "你们?在[^，。,！？!?]{1,6}?买的那个",
    # Round 8: a rival by a platform placeholder (某鱼上那些, 某书上吹得很火的那款).
    "某(?:宝|鱼|东|书|音|手|猫|多多)(?:上|里)?(?:那些|卖的|的那些) "
    "某(?:宝|鱼|东|书|音|手|猫|多多)(?:上|里)[^，。,！？!?]{0,8}?(?:那款|那种|那个|那家)",
    # Round 9: the trade by its share (市面上九成的), a host pointed at by a description (那个头部主播,
    # 那位百万粉的主播), a shop or brand by 某 and its kind (某网红奶茶店, 某国产牌子).
    "市面上(?:九成|八成|七成|六成|大部分|大多数|绝大多数|多数|一大半"
    "|百分之[\u4e00-\u9fff]{1,3}|\\d+\\s*[%％])的? "
    "那[个位][^，。,！？!?]{1,6}?主播 某[\u4e00-\u9fff]{1,5}?(?:店|牌子|品牌|主播|直播间) "
    # Round 10: the host met in a 连麦 PK (跟我PK的这位, 连麦的那个主播) and a rival product (竞品).
    # Each spelt from a literal first character: a leading (?:PK|pk|连麦) group costs the scan tenfold.
    "PK的?(?:这位|那位|这个|那个|主播) pk的?(?:这位|那位|这个|那个|主播) 连麦的?(?:这位|那位|这个|那个|主播) "
    "PK对手 对面主播 竞品 "
    # Round 13: the rival across the way or by her pronoun (对面那家, 对家直播间, 对手那款, 她家), the rest of
    # the market (市面上其他), a brand by 某 and part of its name (某利浦那款, 某米那台).
    "对面那家 对面的 对门 对家 对手 她家 它家 市面上其他 市面上别的 "
    "某[\u4e00-\u9fff]{1,3}?那(?:款|个|台|种|家|把|套)",
    # Round 11: a rival by a word for "other" and its kind of trade (其他保税仓直播间, 别的跨境店,
    # 咯些个网红店), and a rival on a platform placeholder described further (某书上很火的…).
    # One literal head per item, so the word list keeps its first-character scan.
    " ".join(
        f"{head}[\u4e00-\u9fff]{{0,5}}?(?:直播间|店|品牌|牌子|商家|厂家|老字号|超市|商场|卖家|作坊"
        # Round 12: services by their kind of trade (那些旅行社, 其他的月子中心, 城东那几家驾校).
        "|旅行社|驾校|公司|机构|中心|会所|学校|培训班)"
        for head in ("其他", "别的", "其余", "另外那?几?家", "咯些个?", "那些个?", "那几家")
    )
    + " "
    "某(?:宝|鱼|东|书|音|手|猫|多多)(?:上|里)[^，。,！？!?]{0,8}?的",
)
# Round 8: a rival by where it sells (超市卖的那些) or by its price tier (那些九块九包邮的羊毛衫): a
# matcher of its own behind a gate, so the word list above keeps its first-character scan.
_WHERE_RIVAL = (
    "(?:超市|菜市场|市场|外面|网上|路边|商场|批发市场)(?:里|上)?(?:卖|买)的(?:那些|那种)"
    "|(?:那些|那种)[^，。,！？!?]{0,4}?(?:九块九|几块钱|十块钱|便宜|包邮|低价"
    # Round 9: any price tier in words (十几块的, 二十来块的).
    "|[\\d一二两三四五六七八九十几]+(?:来|多)?块)[^，。,！？!?]{0,4}?的"
)
# A brand by a letter (X牌洗发水, Y牌那款): its own matcher, so the word list above keeps its fast scan.
_LETTER_BRAND = "[A-Z][A-Za-z]{0,8}(?:牌|家|品牌)"
# Smears strong enough to count across a long sentence (…包装一样，价格只有一半，一看就是假货).
_STRONG_SMEAR = alt(
    "假货 假的 高仿 仿品 仿货 山寨 三无 致癌 有毒 黑心 地沟油 冒牌 A货 劣质 智商税 不合格 超标 "
    "浪费钱 白花钱 冤枉钱 骗钱 圈钱 "
    # Round 12: a teardown's verdict (拆开…里面就是普通锯末, 纯骗老年人的钱).
    "锯末 骗老年人 骗老人 坑老人 盗版 黑作坊 皮包公司"
)
_GOODS = alt("坚果 防晒 口红 面霜 精华 洗发水 牛奶 纯牛奶 零食 产品 东西 货 主播 牌子 品牌 大牌 直播间 店")
# A rival named by its brand (果多多的坚果, 雪澜家的, 牧源那个牌子) or pointed at (那些主播, 九块九那种口红):
# anchored on the literal marker so the scan stays cheap; whose name it is is checked after the match.
_NAMED_RIVAL = (
    f"(?:家的|那个牌子|那个品牌|牌子的|品牌的|的(?={_GOODS})|那些[^，。,！？!?]{{0,4}}?{_GOODS}"
    f"|那种[^，。,！？!?]{{0,3}}?{_GOODS})"
)
_OWN = re.compile("我|咱|们|自|这|那|大家|人家|别人|今天|家")


def _not_a_rival(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """The marker must follow a name of two or three characters that is nobody's own (我们家的 is ours)."""
    if m.group().startswith("那"):
        return False
    name = text[max(0, m.start() - 3) : m.start()]
    if m.group().startswith("的"):
        name = name.replace("家", "")  # 他家的 goes through the word list, not here
    cjk = [c for c in name if "\u4e00" <= c <= "\u9fff"]
    # Round 12: a description is no brand (有备案的面霜, 是正品的货).
    return len(cjk) < 2 or _OWN.search(name[-2:]) is not None or name[:1] in ("有", "是", "没")


_CONCEDED = re.compile("(?:要|还|稍微|略|是)?(?:贵|差一点|差点|少一点|慢一点|小一点|贵一点|贵了)")


def _conceded(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    return m.group().startswith("比") and _CONCEDED.match(text, m.end()) is not None


_SMEAR = alt(
    "智商税 假货 假的 次品 垃圾 坑人 割韭菜 三无 地沟油 黑心 过期 激素 荧光剂 被查 烂脸 "
    "红屁屁 千万别买 别买 骗人 骗子 不行 劣质 有毒 致癌 不靠谱 差远了 比不了 没法比 "
    "被曝光 翻车 山寨 一百倍 吊打 秒杀 在卖包装 卖的是包装 勾兑 贴牌 飞丝 废了 骗 容易过敏 不建议买 "
    "塞的都是 交智商税 坑 含铅 含汞 重金属 超标 不合格 掉色 起球 "
    # Deceiving the buyer (糊弄, 兑水) and harming them (闷痘, 痒得要死) are smears too.
    "糊弄 忽悠 蒙人 唬人 偷工减料 以次充好 [兑掺注]了?水 便宜原料 廉价原料 缩水 变形 闷痘 爆痘 "
    "痒得 发痒 刺痛 没法用 不能用 一般般 爱过敏 会过敏 广告费 全是营销 "
    "掉屑 掉渣 掉毛 开胶 开线 起毛 不像我们 烫手 焦味 异味 刺鼻 甲醛 尾货 翻新 二手 别上当 "
    "(?:用完|用了|抹完|洗完|涂完)[^，。,！？!?]{0,6}?(?:疼|痛|痒|刺|红肿|烂|过敏|起疹|红了|泛红|红一)",
    # Faked, contaminated or harmful goods, and sweeping "all chemicals" smears.
    "(?:铅|汞|重金属|激素|甲醛|荧光剂)[^，。,]{0,3}?(?:含量|超标|高) 陈货 翻炒 发苦 哈喇味 其实都是 其实就是 "
    "也敢(?:涂|用|吃|喝|买|抹) 闷出 兑出来 工业香精 奶粉冲 复原乳 怪味 虫子 长虫 发霉 霉变 "
    "瞎吹 乱吹 吹牛 冒充 造假 虚标 作假 发黑 越洗越掉 越用越 早该扔 扔了吧 "
    "必坏 准坏 肯定坏 仿的 出过(?:什么)?事 出过问题 出了事 还敢给[^，。,]{0,3}?(?:喝|吃|用|涂) 假[A-Za-z]+ "
    "等于[冇没](?:涂|用|擦|抹|喝|吃) (?:都|全部都?|全都)系假 苍蝇 蟑螂 老鼠 呛人 呛鼻 粉尘大 锈 催熟 打了药 "
    "不敢给孩子 你真?以为(?:那|那是|是) 能好到哪 懂的都懂 你懂的 不点名 学不到 念PPT 照本宣科 水课 "
    "(?:全是|都是|全都是)(?:硅油|化学|色素|香精|添加剂|激素|科技与狠活|勾兑|假)",
    # Round 8: stale or doctored produce, money wasted, goods that break at once, an insult.
    "陈[米蛋粮面茶] 抛光 打蜡 染色 泡药 冷库放 浪费钱 白花钱 冤枉钱 骗钱 圈钱 不专业 半吊子 "
    "智障 弱智 (?:一年|半年|俩月|两个月|几个月|没几天|几天|两天|用几次)就(?:坏|掉|裂|黄|不行) "
    "涂层[^，。,]{0,2}?掉 发黄 开裂 硫磺熏 熏过 漂白过 染过色 膨大剂 催熟剂 不正常 洗一次就 一洗就 缩成",
    # Round 9: a blacklist or an exposure (上过黑榜, 曝光台), harm to a child (长不大, 屁股全红), goods
    # that fall apart (散架, 就塌了, 一堆铁疙瘩), radiation, plated or recycled stuff sold as the real thing.
    "黑榜 曝光台 长不大 全红 有辐射 辐射大 散架 就塌 塌了 铁疙瘩 废铁 几根铁管 染过 不值钱 结块 "
    "(?:灌|掺|填)了?(?:铅|钨|胶|水|沙|铁) 塞的(?:都|全|尽)是 "
    "(?:一年|半年|俩月|两个月|几个月|[一两三几]个月|没几天|几天|两天|用几次)就(?:散|塌|断|漏|废|烂) "
    "(?:全是|都是|全都是)(?:回收|翻新|镀金|镀银|预拌|合成|注胶|充胶|拼接|人造|边角料|碎料)",
    # Round 10: a rival's shop about to vanish with the money (快跑路了, 卷钱跑了) and goods that caught fire
    # (炸过好几次, 烧起来过): defamation unless proven (反不正当竞争法 art. 11).
    "跑路 卷钱 卷款 倒闭 要关门 快黄了 炸过 爆炸 炸了 自燃 起火 烧起来 着火 冒烟 冒火 漏电 触电",
    # Round 11: goods farmed out or bottled at home and sold as imported (外包做的, 国内灌装的, 假洋货),
    # stale stock refilled (过期的原料重新灌), poor material that fails at once (烂钢, 切两下就卷刃).
    "外包 代工 烂钢 烂铁 烂货 烂料 卷刃 (?:切|用|穿|洗|刷|擦)[一两几]下就 假[\u4e00-\u9fff]?货 "
    "国内(?:灌装|分装|罐装|贴标) 重新(?:灌|装|包装|贴标)",
    # Round 12: services smeared by how they treat the customer (全是购物团, 不买不让走, 教练吃拿卡要,
    # 手脚不干净, 故意让你挂), rivals called fly-by-night (黑作坊, 皮包公司, 没证), content pirated (盗版,
    # 网上扒下来的, 盗来的), and a child's eyes said to worsen (近视得更快, 眼睛只会越来越坏).
    "购物团 强制消费 不让走 吃拿卡要 手脚不干净 故意让你挂 黑作坊 皮包公司 没证 无证 盗版 扒下来 盗来 "
    "错字多 错题一大堆 锯末 坑老人 骗老年人 骗老人 临时招的 临时工 "
    "连[\u4e00-\u9fff]{0,3}证(?:都|也)(?:没有|没) "
    "(?:近视|视力|眼睛)[^，。,！？!?]{0,4}?(?:更快|更差|越来越|变差|坏)",
    # Round 13: harm to the eater (吃了拉肚子), flimsy goods (纸糊的, 一摔就碎), copying (抄我们版型, 抄子), a
    # label exposed (说是纯棉，其实一半化纤), origin faked (洗澡蟹), mass-made junk (流水货, 不配叫瓷器), a
    # charger that blows up (会炸), the rival's complaints put on show (差评截图, 多烂, 差劲).
    "拉肚子 闹肚子 吃坏肚子 纸糊 纸壳 一[摔碰砸踩掰压]就(?:碎|裂|断|坏|烂|瘪) 抄我们 抄袭 抄子 抄来的 "
    "说是[^，。,！？!?]{1,6}[，,]?其实 洗澡蟹 流水货 不配(?:叫|称|当) 那也配叫 拼装 会炸 "
    "差评截图 投诉截图 多烂 差劲 边角料 "
    # ...and after the probe: goods that scorch or die within months (一烧就糊, 用不了仨月).
    "一烧就糊 烧糊 用不了[仨俩两三几一半]个?(?:月|年|星期|礼拜)",
)
# The rival named before the question (别家那哑铃？…那叫哑铃？): the answer's span starts after the "？".
_RIVAL_ASKED = re.compile(f"{_RIVAL}[^。！!]{{0,16}}?[？?]$")


DISPARAGE: list[Matcher] = [
    matcher(
        "disparage.competitor",
        f"{_NAMED_RIVAL}[^。！？!?]{{0,20}}?{lead(_SMEAR)}",
        allowed=_not_a_rival,
    ),
    matcher("disparage.competitor", f"{_RIVAL}[^。！？!?]{{0,20}}?{lead(_SMEAR)}", allowed=_own_shop),
    matcher(
        "disparage.competitor",
        f"{_RIVAL}[^。！？!?]{{20,40}}?{lead(_STRONG_SMEAR)}",
        allowed=_own_shop,
        gate=_STRONG_SMEAR,
    ),
    # ...across a question too: a rival asked about and smeared in the answer (X牌的呢？那就是个智障).
    matcher("disparage.competitor", f"{_LETTER_BRAND}[^。！!]{{0,24}}?{lead(_SMEAR)}", gate=_LETTER_BRAND),
    matcher(
        "disparage.competitor",
        f"(?:{_WHERE_RIVAL})[^。！？!?]{{0,20}}?{lead(_SMEAR)}",
        gate="卖的那|买的那|九块九|几块钱|十块钱|便宜|包邮|低价|块",
    ),
    # ...but the shop conceding it costs more or offers less (我们比隔壁贵十块，贵在包邮) disparages no one.
    matcher("disparage.competitor", f"(?:比|吊打|秒杀|碾压){_RIVAL}", allowed=_conceded),
    matcher("disparage.competitor", f"(?:别信|不要信|别去买|别买){_RIVAL}"),
    # Round 13: a rival asked about and smeared in the answer (别家那哑铃？嗬，那叫哑铃？那叫铁疙瘩刷漆).
    matcher(
        "disparage.competitor",
        f"(?<=[？?])[^。！!？?]{{0,20}}?{lead(_SMEAR)}",
        allowed=lambda text, m, facts: _RIVAL_ASKED.search(text, max(0, m.start() - 30), m.start()) is None,
        gate="[？?]",
    ),
]
