"""Round-10 families (tuned on blind8): a specification's limit with its figure, a lucky-bag draw's own
rules, warnings against private sellers, codes and numbers shown on screen, vague stock, bad reviews
bought off, brushed orders, diseases cured by devices and courses, skin effects on a fragrance, teeth
bleached, measured outcomes staked, authorities speaking through a pronoun, auction prices, rivals
about to vanish or on fire, and their look-alikes.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way.
"""

from __future__ import annotations

import pytest

from script_agent.domain.compliance import detect


def categories(text: str) -> set[str]:
    return {f.category.value for f in detect(text)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A superlative bounded by the market stays a claim even with a figure after it.
        ("同价位里续航最长的就是这台，一百二十公里", "absolute"),
        ("全网最轻的羽绒被只有八百克", "absolute"),
        # Codes, numbers and accounts shown on screen or on a card; the platform said to forbid it.
        ("想买整箱的扫一下画面左上角那个二维码", "diversion"),
        ("批发的打我名片背面的手机号", "diversion"),
        ("这个药酒平台不让卖，想要的去我简介里找", "diversion"),
        ("货款直接打我们对公账户，发票另开", "diversion"),
        # Stock left vague, a sold-out batch topped up.
        ("这款腊肠就剩个位数了，要的抓紧", "pressure"),
        ("首批已经卖光了，这是老板追加的三十份", "pressure"),
        # A bad review bought off, orders brushed, a draw entered by a five-star review.
        ("中评的姐妹联系一下客服，评价改了给你返五块", "review"),
        ("开业第一周刷了两千单，排名就上去了", "review"),
        ("抽奖规则：收到货给个五星再截图，就能进抽奖池", "review"),
        # Disease cured by a device, a course or a pet product; surgery made unnecessary.
        ("兔子得了犬瘟热一样的病也别怕，这个喷雾喷两天就能好", "medical"),
        ("这副护腕戴满一个月，腱鞘炎慢慢就修复了", "medical"),
        ("跟着视频做这套操，颈椎病不用开刀也能正过来", "medical"),
        ("这款足浴盆泡一周，脚上的真菌全杀光", "medical"),
        # Detox and myopia on food.
        ("每天嚼一片这个护眼软糖，孩子近视不会再加深", "food_health"),
        # Skin effects on a fragrance, teeth bleached past a toothpaste's evidence.
        ("这瓶香氛身体喷雾喷完还能淡纹嫩肤", "cosmetics"),
        ("氟斑牙的朋友用这个牙粉，刷一个月就白回来了", "cosmetics"),
        # A measured outcome staked.
        ("这台空气净化器开三天，PM2.5降不到个位数你来找我，货款全退", "guarantee"),
        ("这个增高垫穿三个月，个子没涨我们原封不动退钱", "guarantee"),
        # An authority brought on and speaking through a pronoun; patients sent home with it.
        ("今天连线的是一位三甲医院的康复科专家，他说了，这个腰托谁戴谁舒服", "endorsement"),
        ("好几位牙医都叫来复诊的人回家用这款漱口水", "endorsement"),
        # An auction's price as the reference.
        ("这幅字去年拍卖会上成交价三万八，今天一千二起", "price"),
        # A rival's shop about to vanish, a PK opponent's goods, a competitor's product on fire.
        ("楼下那家游泳馆马上要倒闭了，年卡别续了", "disparage"),
        ("连麦的这位主播卖的电动车电池自燃过，大家小心", "disparage"),
    ],
)
def test_the_round_10_families_are_flagged(text: str, category: str) -> None:
    assert category in categories(text), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A dimension's limit read off the product with its figure; a position on the page.
        ("这个保温杯最大能装五百毫升，一天喝三杯刚好", "absolute"),
        ("台灯最低亮度大概五十流明，最暗一档是2档", "absolute"),
        ("尺码表在详情页最底部，下单前对一下", "absolute"),
        # A lucky-bag draw's own rules: the countdown is the page's, the 口令 is typed here.
        ("福袋还有两分钟开奖，时间以页面倒计时为准", "pressure"),
        ("抽奖福袋发送口令就能参加，不用下单", "diversion"),
        # A warning against private sellers; where the goods used to be sold.
        ("有人私信说有内部渠道的，全是骗子，别理", "diversion"),
        ("这套茶具以前只在我们线下茶馆卖，今天上直播间", "diversion"),
        # Reviews left free; the draw asks no review.
        ("抽奖规则就一条：关注主播，不看评价也不用下单", "review"),
        # An antibacterial finish on a material, a rehabilitation doctor to ask.
        ("这款袜子用了抑菌纤维，穿一天脚不臭，但治不了脚气", "medical"),
        ("膝盖动过手术的，先问一下你的康复科医生再练", "medical"),
        # A shortfall against the label is a quality term; an unused voucher refunded is after-sales.
        ("灯泡亮度达不到包装上印的流明值，拍照找客服换", "guarantee"),
        ("电影票过期没用的系统自动退款", "guarantee"),
        # The effect as the topic, then the registered product to look for.
        ("有人问这个乳液能不能美白，不能，美白要找有特证的产品", "cosmetics"),
        # A rival named without a smear.
        ("连麦的这位主播家的台灯我也用过，挺好的", "disparage"),
    ],
)
def test_the_round_10_look_alikes_pass(text: str, category: str) -> None:
    assert category not in categories(text), text
