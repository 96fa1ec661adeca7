"""Review manipulation (电子商务法 art. 17, 网络交易监督管理办法 art. 14): rewards for reviews, faked
sales and ratings, praise dictated to the audience, and orders placed never to be delivered.

A refusal of the practice (我们不刷单, 好评不返现) and a warning against a scam (有人冒充我们招人刷单，
那是诈骗) name it without doing it: both pass.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance.conduct import WARNING_AFTER
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher

_REVIEW_ACT = (
    alt(
        # Round 9: 点评 and the English words (five star review); a five-star hotel is no rating (五星酒店).
        "五星(?!酒店|级|饭店|宾馆|大厨) 5星(?!酒店|级) 五颗星 满星 好评 晒图 带图 追评 评价 点评 晒单 "
        "买家秀 差评 中评 "
        "five\\s*stars? 5\\s*stars? [Rr]eview REVIEW "
        "夸一夸 夸一下 夸下 夸夸 多夸 夸几句 夸一句 夸了 好话 满分 "
        "打分 晒[^，。,！？!?]{0,6}?(?:视频|照片|图)"
    )
    + "(?!率|如潮|不断|榜)"
)
_REWARD = alt(
    "返现 返 送 领 红包 现金 有礼 抽奖 赠品 补偿 给你 奖励 优惠券 券 礼品 礼物 立减 再减 补贴 补你 补给你 "
    "免单 惊喜 拿福利 领福利 多送 多发一 运费险我们出 运费我们出 补一份 补一个 补一包 补一瓶 加送 "
    "打(?:\\d|[一二三四五六七八九])折 "
    "[一二三四五六七八九]折 [0123456789]折 "
    "(?:减|便宜|优惠)了?(?:\\d+|[一二两三四五六七八九十几]+)(?:块|元|毛) "
    # Round 9: sent or upgraded in English and in a hotel's words (send你小样, 免费升级房型).
    "send ship 小样 升级 果盘"
)
# Faking the numbers a buyer relies on: 刷销量, 帮忙冲一下销量, 刷刷数据.
_FAKE = (
    "(?:刷|帮(?:忙|我们|我|主播|店里|店铺|小店)?(?:冲|拉|撑|做|刷|顶|抬|凑))"
    "(?:一下|一点|一些|点|些|刷|凑|几单|一波|波|一轮|一拨|一冲|冲|(?:\\d+|[一二两三四五六七八九十几]+)个?)?"
)
_FIGURES = alt("销量 单量 数据 好评 评论(?!区) 评价(?!区) 人气 单子 成交 评分 分数 口碑 星级")
# The rating pushed up by the audience: 帮我把店铺评分顶上去, 把评分拉上去.
_PUSHED_UP = (
    "(?:把|帮)[^，。,！？!?]{0,4}?"
    + alt("评分 分数 好评率 星级 口碑分 口碑 销量 排名 权重")
    + "(?:给)?(?:顶|拉|冲|刷|抬|做|撑)(?:上去|起来|高|上来|到)"
    # Round 9: ...or set by hand in the back end (把好评率后台调到百分之九十九).
    + "|(?:把|帮)[^，。,！？!?]{0,4}?"
    + alt("评分 分数 好评率 星级 口碑分 销量 排名")
    + "[^，。,！？!?]{0,4}?(?:调|改|设|弄)(?:到|成|高)"
)
# Praise dictated to the audience (公屏打一排“真的好用”, 评论区统一刷“已回购”), and comments by the dozen.
_PRAISE = alt(
    "已买 已购 已回购 已收到 已下单 已拍 已入手 回购 质量超?好 真的?好用 好用 正品 推荐 超值 真香 靠谱 "
    "值得买 划算 很?满意 超赞 太棒 五星 物流快"
)
_DICTATED = (
    "(?:打|刷|评论?|写|发|扣|留)(?:(?:[一两几三五十百\\d]+|个)?[句排条行波遍][^“\"'‘「]{0,2}?[“\"'‘「]?|\\s*[“\"'‘「])"
    + _PRAISE
    + "|(?:刷|评论|留言|好评)(?:满|够|到)(?:\\d+|[一二两三四五六七八九十百几]+)条"
)


_REFUSAL = re.compile(
    "(?:不|没|别|从不|绝不|拒绝|严禁|禁止|杜绝|从来不)(?:建议|要|允许|会|做|搞|参与|用|需要|必)?(?:找|让|叫|逼|求|要求)?"
    "(?:大家|你们|任何人|你|您)?(?:去)?(?:帮人|帮别人|替人|给人)?(?:为了?|因为?)?$"
)


_NOT_BLOCKED = re.compile("不(?:会|要)?(?:拉黑|封)")
_NOT_WRITTEN = re.compile("(?:不|没|不用|无需|不必)(?:写|给|打|留|发|晒)$")
_NO_REWARD = re.compile(
    "(?:不|没有?|无|从不|绝不|不会|不用|不必|不需要)(?:再|因此|为此|额外|特意|为(?:了|好评|评价|晒图|五星)?)?"
    "(?:返|送|给|补|领|有)"
)


# A scam warned against (有人冒充我们招人刷单, 招刷单兼职的都是骗局): the practice named to protect the buyer.
_SCAM_BEFORE = re.compile("冒充|谨防|小心|警惕|别信|不要信|别相信|不要相信|千万别|当心")


# Round 13: a draw open to every review whatever it says (不管好评差评都可以参与, 你们如实写就行): the reward
# does not depend on praise (电子商务法 art. 17 forbids buying the praise, not thanking the reviewer).
_ANY_VERDICT = re.compile("(?:不管|不论|无论)(?:是)?好评(?:还是)?差评|好评差评都|如实(?:写|评价|评)")


def _refused(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """我们不刷单 / 拒绝刷好评 / 好评不返现: a refusal of the practice is what an honest shop says."""
    if _NO_REWARD.search(m.group()) or WARNING_AFTER.match(text, m.end()):
        return True
    if _ANY_VERDICT.search(text):
        return True
    if _SCAM_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return True
    before = text[max(0, m.start() - 8) : m.start()]
    if _REFUSAL.search(before):
        return True
    # 不写评价也照样给你处理: no review needed; but 先别给差评…返二十 buys the bad review away.
    return _NOT_WRITTEN.search(before) is not None and not m.group().startswith(("差评", "中评"))


def _refused_or_kept(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """...and a blacklist denied inside the match (不会删也不会拉黑) threatens nobody."""
    return _refused(text, m, facts) or _NOT_BLOCKED.search(m.group()) is not None


# Round 13: the reviews, buyer photos or sales the shop's own people wrote or placed (评价区那些带图的，
# 都是我们公司小姑娘帮忙写的; 销量两万加，好多是我们自己人拍的), a batch bought in (其实前面刷了一批), and the
# proof of a shown-off purchase paid for (晒…截图给客服返十块): fake reviews and sales (电子商务法 art. 17).
_STAFF_WRITTEN = (
    "(?:评价|评论|买家秀|好评|带图|销量|月销|单)[^。！？!?]{0,16}?(?:是|都是)?"
    "(?:(?:(?:我们|咱们?|我家)(?:公司|店里)?的?|(?:公司|店里)的?)(?:自己人|员工|小姑娘|小伙伴|运营|同事|客服|自己)"
    "|自己人|员工)[^，。,！？!?]{0,6}?(?:写|拍|刷|发|买|下)的"
)
_STAFF_GATE = "(?:自己人|员工|小姑娘|小伙伴|运营|同事|客服|自己)[^，。,！？!?]{0,6}?[写拍刷发买下]的"
_BOUGHT_IN = (
    "刷了一批|刷过一批|(?:前面|之前|先|其实)刷了|晒[^。！？!?]{0,12}?截图[^。！？!?]{0,8}?(?:返|送|领)"
)


REVIEW: list[Matcher] = [
    matcher("review.incentive", _STAFF_WRITTEN, allowed=_refused, gate=_STAFF_GATE),
    matcher("review.incentive", _BOUGHT_IN, allowed=_refused, gate="刷了|刷过|截图"),
    matcher("review.incentive", f"{_REVIEW_ACT}[^。！？!?]{{0,20}}?{lead(_REWARD)}", allowed=_refused),
    # Any words put in quotes for the review (追评写'用了一个月皮肤变好了'), a reward hinted (评价里怎么写大家
    # 心里有数), and bad reviews made to vanish (差评我们能处理掉).
    matcher(
        "review.incentive",
        lead(
            "(?:评价|好评|评论|追评|买家秀)[^。！!]{0,14}?写(?:上)?[^，。,！？!?]{0,2}?[“\"'‘「][^”\"'’」]{2,24}[”\"'’」]"
            # Round 8: the product review (not a live comment) left, replied or typed in given words.
            "|(?:评价|好评|追评|买家秀)[^。！!]{0,14}?(?:留言|回复|打|发|刷|带上|加上|提到)[^，。,！？!?]{0,2}?[“\"'‘「][^”\"'’」]{2,24}[”\"'’」]"
            # Round 8: the same words from everyone (统一留言“效果明显，值得推荐”).
            "|统一(?:留言|回复|评论|评价|写|打|刷|发)[^，。,！？!?]{0,2}?[“\"'‘「]"
            "|(?:评价|好评|评论|追评)[^。！？!?]{0,16}?(?:懂的都懂|你懂的|心里有数|懂我意思|心照不宣)"
            "|差评[^，。,！？!?]{0,6}?(?:处理掉|撤掉|删掉|压下去|消掉|摆平)"
        ),
        allowed=_refused,
        gate="评|统一",
    ),
    # Round 8: the reward paid once the shop has checked the review (配上三张实拍图，客服核实后发放优惠券).
    matcher(
        "review.incentive",
        f"{_REVIEW_ACT}[^。！？!?]{{0,50}}?(?:审核|核实|核对|确认|查看)(?:通过|无误)?(?:后|的|以后|之后)?[^。！？!?]{{0,14}}?"
        + lead(_REWARD),
        allowed=_refused,
        gate="审核|核实|核对|确认|查看",
    ),
    matcher(
        "review.incentive",
        alt(
            "刷单 刷[一两几三五十]+单 刷好评 刷评论 刷个评论 刷评价 删差评 删评 改差评 改成好评 改好评 "
            "中差评.{0,8}联系 每条给你 好评率刷"
        ),
        allowed=_refused,
    ),
    matcher("review.incentive", f"{_FAKE}{_FIGURES}", allowed=_refused),
    matcher("review.incentive", _PUSHED_UP, allowed=_refused),
    # Proof of the review sent to the shop is how the reward is claimed: 好评截图发粉丝群, 截图给客服.
    matcher(
        "review.incentive",
        f"{_REVIEW_ACT}[^。！？!?]{{0,24}}?(?:截图|截个图|截屏|拍照)(?:后)?(?:给|发|私|找)(?:给)?"
        "(?:客服|我|主播|群|粉丝群|助理|前台|店员|服务员|导购|收银)",
        allowed=_refused,
    ),
    matcher("review.incentive", _DICTATED, allowed=_refused),
    # Praise written into the review on request (评价里写上正品, 追评的时候写上“回购好几次了”).
    matcher(
        "review.incentive",
        "(?:评价|好评|评论|追评|买家秀)(?:里|中|的时候|时)?(?:记得)?(?:写上|写|带上|带|提到|加上|打上|注明)"
        f"[^，。,！？!?]{{0,2}}?[“\"'‘「]?{_PRAISE}",
        allowed=_refused,
    ),
    # A reward for those who reviewed (打了五星的老粉…专属福利, 晒了买家秀的…多塞两包).
    matcher(
        "review.incentive",
        "(?:给了?|打了?|写了?|留了?|晒了?|发了?)(?:五星|5星|好评|买家秀|追评|带图评价|评价|图)的[^。！？!?]{0,24}?"
        "(?:福利|优先|专属|奖励|返|送|红包|券|免单|抽奖|多塞|多发|多送|多给|加送|小样|赠品)",
        allowed=_refused,
        gate="(?:五星|5星|好评|买家秀|追评|评价|图)的",
    ),
    # Round 9: a post elsewhere paid by its likes (小红书发笔记带我们tag，点赞过百返全款), and the sales
    # figure set by hand (后台挂个已售十万+, 页面销量改成已售五万): 电子商务法 art. 17 forbids both.
    matcher(
        "review.incentive",
        "(?:点赞|转发|收藏|评论)(?:数|量)?(?:过|满|超过|破|到|够)了?(?:\\d+|[一二两三四五六七八九十百千万几]+)[^。！？!?]{0,10}?"
        + lead(_REWARD)
        + "|(?:挂|改成?|改为|标成?|写成?|弄|调成?|刷成?)(?:个|上|成)?(?:已售|已卖|销量)"
        + "(?:\\d|[一二两三四五六七八九十百千万几])",
        allowed=_refused,
        gate="点赞|转发|收藏|评论|已售|已卖|销量",
    ),
    # Orders placed to be refunded, never delivered (帮忙拍单…不发货…原路退, 给你佣金): 刷单 in other words.
    matcher(
        "review.incentive",
        "(?:拍|下|补)[^。！？!?]{0,8}?(?:不发货|不寄|空包|货不用收|不用收货|不用发货)"
        "|(?:不发货|空包|货不用收|不用收货)[^。！？!?]{0,14}?(?:退|返|佣金)"
        "|(?:给|返|发|结|算)(?:你|你们|大家)?(?:佣金|辛苦费|跑腿费)|帮(?:忙|我们|我|主播|店里)(?:拍|补|刷|做)单",
        allowed=_refused,
        gate="不发货|不寄|空包|货不用收|不用收货|不用发货|佣金|辛苦费|跑腿费|单",
    ),
    # Round 10: a bad review withdrawn for money (把差评删了我退你二十, 差评撤了给你返红包), orders
    # brushed to lift the count (先刷个一千单, 让朋友拍个五百单把销量撑起来), and a draw entered only by a
    # five-star review (福袋参与条件…给五星好评) — all 电子商务法 art. 17.
    matcher(
        "review.incentive",
        "(?:差评|一星|中评|评价)[^。！？!?]{0,12}?(?:删|撤|改)[^。！？!?]{0,10}?(?:退|返|给你|送|红包)"
        "|刷(?:个|了)?(?:\\d+|[一二两三四五六七八九十百千万几]+)单"
        "|(?:拍|下)(?:个|了)?(?:\\d+|[一二两三四五六七八九十百千万几]+)单[^。！？!?]{0,10}?(?:销量|好看|撑|冲)"
        "|(?:福袋|抽奖)[^。！？!?]{0,8}?(?:条件|规则|要求)[^。！？!?]{0,16}?(?:好评|五星|晒图)",
        allowed=_refused,
        gate="差评|一星|中评|评价|刷|单|福袋|抽奖",
    ),
    # Round 11: the money first, then the bad review withdrawn (我退你二十，你把差评删了); praise handed
    # out to copy without quotes (评价就写…照着这句抄); and the review told to hide where or why it was
    # bought (晒单别说是直播间买的，就说自己逛店发现的) — a review that misleads buyers (电子商务法 art. 17).
    matcher(
        "review.incentive",
        "(?:退|返|补偿|赔|给)(?:你|您)[^。！？!?]{0,10}?(?:差评|一星|中评)[^。！？!?]{0,6}?(?:删|撤|改)"
        "|(?:删|撤|改)(?:掉|了)?(?:差评|一星|中评)[^。！？!?]{0,10}?(?:退|返|补偿|红包|给你)"
        "|(?:评价|好评|评论|追评|晒单)[^。！？!?]{0,30}?(?:照着[^，。,！？!?]{0,8}?抄|照抄|复制粘贴|复制一下|粘贴)"
        "|(?:评价|好评|评论|追评|晒单|晒图|买家秀)[^。！？!?]{0,10}?(?:别说|别提|不要说|不要提|别写|不要写)"
        "[^。！？!?]{0,16}?(?:就说|就写|说成|写成|说是)"
        "|(?:评价|好评|评论|追评|晒单|晒图|买家秀)[^。！？!?]{0,10}?(?:就说|说是|写成)[^。！？!?]{0,14}?(?:别说|别提|不要说|不要提)",
        allowed=_refused,
        gate="差评|一星|中评|评|晒",
    ),
    # Round 12: bad reviewers threatened with the blacklist (给差评的我们后台全部拉黑), bad reviews paid away
    # (差评…花了点钱找人处理掉了), the shop's own people posing as buyers and the viewers told to join in
    # (说好的都是我们自己人…跟着夸两句), and a gift for a five-star review whispered across pauses (……给个
    # 五星……悄悄送你……一个小礼物): 电子商务法 art. 17 forbids faking or suppressing reviews either way.
    # One matcher per part, each behind the gate of its rarest words.
    *(
        matcher(
            "review.incentive",
            pattern,
            allowed=_refused_or_kept,
            gate=gate,
        )
        for pattern, gate in (
            (
                "(?:给|打|写|留)了?(?:差评|中评|一星|低分)的?[^。！？!?]{0,12}?"
                "(?:拉黑|黑名单|封号|踢出|买不了|不卖给)",
                "拉黑|黑名单|封号|踢出|买不了|不卖给",
            ),
            (
                "(?:差评|评价)[^。！？!?]{0,16}?(?:花钱|花了?[^，。,！？!?]{0,4}?[钱块]|找人|找了?[^，。,！？!?]{0,6}?(?:公司|人))"
                "[^。！？!?]{0,10}?(?:处理掉|撤掉|删掉|清掉|压下去|消掉|摆平|弄掉|删了|没了)",
                "花|找",
            ),
            (
                "(?:说好|夸|喊好用|好评|点赞)[^，。,！？!?]{0,8}?(?:都是|是)(?:我们|咱们?)的?(?:自己人|员工|托|人|内部)"
                "|带(?:个|一下|一波)?节奏|跟着(?:夸|刷好评|刷两句|喊好)",
                "自己人|员工|托|内部|节奏|跟着",
            ),
            (
                f"{_REVIEW_ACT}[^。！？!?]{{0,40}}?(?:悄悄|偷偷|私下)…*(?:送|返|给)(?:你|您)[^。！？!?]{{0,8}}?"
                "(?:礼物|红包|小样|赠品|福利|现金)",
                "悄悄|偷偷|私下",
            ),
        )
    ),
]
