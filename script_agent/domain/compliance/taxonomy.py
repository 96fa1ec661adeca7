"""The claim taxonomy: every rule the checker can report, with its legal basis, severity and fix.

Why a table of rules rather than a table of words: an agency reading a finding needs to know which
statute it breaks and what to say instead; the words that trigger a rule live with the matchers, and
many different phrasings map to one rule id. Rule ids are stable: reports, tests and the quality
agent's feedback refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    ABSOLUTE = "absolute"
    MEDICAL = "medical"
    FOOD_HEALTH = "food_health"
    COSMETICS = "cosmetics"
    GUARANTEE = "guarantee"
    ENDORSEMENT = "endorsement"
    PRICE = "price"
    PRESSURE = "pressure"
    DIVERSION = "diversion"
    REVIEW = "review"
    DISPARAGE = "disparage"
    NATURAL = "natural"


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    basis: str
    severity: Severity
    message: str
    fix: str


def _rule(
    rule_id: str, category: Category, basis: str, message: str, fix: str, *, warn: bool = False
) -> Rule:
    return Rule(rule_id, category, basis, Severity.WARNING if warn else Severity.BLOCKING, message, fix)


_C = Category
RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        _rule(
            "absolute.superlative",
            _C.ABSOLUTE,
            "《广告法》第九条第（三）项",
            "使用“最+形容词”等最高级用语",
            "改为客观、可验证的描述，如“很好用”“口碑不错”",
        ),
        _rule(
            "absolute.ranking",
            _C.ABSOLUTE,
            "《广告法》第九条第（三）项",
            "无依据的排名或“第一/冠军/NO.1”宣称",
            "删除排名说法，改讲具体卖点",
        ),
        _rule(
            "absolute.unique",
            _C.ABSOLUTE,
            "《广告法》第九条第（三）项",
            "“唯一/独一份/首创”等独占性宣称",
            "删除独占性说法，描述产品本身的特点",
        ),
        _rule(
            "absolute.term",
            _C.ABSOLUTE,
            "《广告法》第九条第（三）项",
            "“顶级/极致/绝对/永久/万能/国家级”等绝对化用语",
            "换成有分寸的表达，如“品质不错”“很耐用”",
        ),
        _rule(
            "medical.treatment",
            _C.MEDICAL,
            "《广告法》第十七条",
            "非药品宣称治疗、治愈或预防疾病",
            "删除疾病和疗效宣称，只讲产品资料里的事实和使用感受",
        ),
        _rule(
            "medical.term",
            _C.MEDICAL,
            "《广告法》第十七条、第二十八条第二款第（二）项",
            "“特效/秘方/药到病除”等医疗用语",
            "删除医疗用语，普通商品不得暗示药效",
        ),
        _rule(
            "medical.drug_comparison",
            _C.MEDICAL,
            "《广告法》第十七条",
            "与药品比较或暗示可代替药物（“比吃药还管用”），使商品与药品相混淆",
            "删除与药品的比较，普通商品不得暗示可替代药物",
        ),
        _rule(
            "food.health_function",
            _C.FOOD_HEALTH,
            "《食品安全法》第七十三条；《广告法》第十七条、第十八条",
            "普通食品宣称保健功能或疾病预防、治疗作用",
            "只讲口味、原料、营养成分表里的事实，不宣称功能（需要时加“本品不能代替药物”）",
        ),
        _rule(
            "cosmetics.unregistered_efficacy",
            _C.COSMETICS,
            "《化妆品监督管理条例》第十六条、第三十七条；《化妆品功效宣称评价规范》第四条",
            "宣称产品资料没有登记或评价过的功效（美白、祛斑、抗皱、防脱、祛痘等）",
            "只宣称产品资料里登记、评价过的功效，其余改讲质地和使用感受",
        ),
        _rule(
            "cosmetics.beyond_scope",
            _C.COSMETICS,
            "《化妆品监督管理条例》第三十七条",
            "宣称化妆品无法具有的效果（瘦脸、丰唇、再生、黑眼圈立消等）",
            "删除该效果，讲真实的使用感受",
        ),
        _rule(
            "guarantee.efficacy",
            _C.GUARANTEE,
            "《广告法》第十六条第一款第（一）项、第十八条第一款第（一）项、第二十八条",
            "对功效作保证或承诺（无效退款、N天见效、包你瘦）",
            "删除保证性说法，可以说“效果因人而异”，退换货只讲平台规则",
        ),
        _rule(
            "guarantee.returns",
            _C.GUARANTEE,
            "《广告法》第二十四条第（一）项、第二十五条第（一）项、第二十七条第（二）项",
            "对投资收益、种苗产量或培训后的就业与薪资作保证性承诺",
            "删除收益、产量、就业的承诺，改讲课程内容、品种特性或风险提示",
        ),
        _rule(
            "endorsement.authority",
            _C.ENDORSEMENT,
            "《广告法》第九条第（二）项、第十六条第一款第（四）项、第三十八条",
            "借医生、专家、机构、媒体、明星或国家机关名义背书",
            "删除背书说法，改讲自己的真实使用感受或资料里的检测信息",
        ),
        _rule(
            "endorsement.testimonial",
            _C.ENDORSEMENT,
            "《广告法》第十六条第一款第（四）项、第十八条第一款第（五）项、第二十八条第二款第（三）项",
            "以顾客、患者或学员的反馈作疗效或保健功能的证明（念评论、真实案例）",
            "不要转述他人的疗效反馈，改讲产品本身的信息和使用方法",
        ),
        _rule(
            "price.reference",
            _C.PRICE,
            "《明码标价和禁止价格欺诈规定》第十七条、第十九条",
            "无依据的原价/市场价/专柜价等被比较价格",
            "只使用商品资料里的价格和优惠，不编造原价对比",
        ),
        _rule(
            "price.hype",
            _C.PRICE,
            "《明码标价和禁止价格欺诈规定》第十九条",
            "“跳楼价/亏本/成本价/出厂价”等无法证实的价格说法",
            "改为“直播间优惠价”，报资料里的真实价格",
        ),
        _rule(
            "price.unknown",
            _C.PRICE,
            "《明码标价和禁止价格欺诈规定》第十九条",
            "报出了商品资料里没有的价格",
            "只报资料里的价格",
        ),
        _rule(
            "pressure.scarcity",
            _C.PRESSURE,
            "《广告法》第四条、第二十八条；《网络直播营销管理办法（试行）》第十八条",
            "无依据的稀缺、限时或涨价说法",
            "只说资料里真实的库存和截止时间，没有就不说",
        ),
        _rule(
            "pressure.coercion",
            _C.PRESSURE,
            "《网络直播营销管理办法（试行）》第十八条",
            "诱导、施压式话术（不买后悔、犹豫就没了）",
            "改为“喜欢的可以看看”这类不施压的邀请",
        ),
        _rule(
            "diversion.off_platform",
            _C.DIVERSION,
            "《网络直播营销管理办法（试行）》第十八条；平台交易规则",
            "引导站外联系、私下交易或绕开平台付款",
            "引导在直播间购物车下单，售后走平台客服",
        ),
        _rule(
            "review.incentive",
            _C.REVIEW,
            "《电子商务法》第十七条；《网络交易监督管理办法》第十四条",
            "以返现、红包、赠品换好评，或刷单、删改差评",
            "删除，评价只邀请真实反馈",
        ),
        _rule(
            "disparage.competitor",
            _C.DISPARAGE,
            "《广告法》第十三条；《反不正当竞争法》（商业诋毁）",
            "贬低其他品牌、商家或直播间",
            "删除对他人的评价，只讲自己产品的事实",
        ),
        _rule(
            "natural.absolute_safety",
            _C.NATURAL,
            "《广告法》第四条、第二十八条；《化妆品标签管理办法》",
            "“纯天然/零添加/无副作用/无毒无害”等无法证实的安全性宣称",
            "改为具体、可验证的事实（如“配料表只有X”“不添加香精”），并提示敏感人群先试用",
        ),
    )
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


def primary_rule(category: Category) -> Rule:
    """The first rule of a category: what a semantic or judge finding of that category cites."""
    return next(r for r in RULES.values() if r.category is category)
