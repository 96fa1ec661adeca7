"""Off-platform diversion (网络直播营销管理办法 art. 18, 网络交易监督管理办法 art. 14): the viewer sent to
pay, order or talk outside the platform — a contact handed out, another shop or app named as the place to
buy, the host paid directly.

Split from conduct.py in round 11 (conduct.py keeps pressure and scarcity) so each module stays under
its size limit; the scope checks that make a channel word compliant (a warning, a refusal, a draw's own
rules, the host moderating such words) live in conduct_scope.py.
"""

from __future__ import annotations

import re

from script_agent.domain.compliance import conduct_scope
from script_agent.domain.compliance.facts import ProductFacts
from script_agent.domain.compliance.matcher import Matcher, alt, lead, matcher


def _sentence(text: str, m: re.Match[str]) -> str:
    start = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in "。！？!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


_CONTACT = alt(
    "微信 VX vx Vx V信 v信 威信 薇信 微心 绿泡泡 QQ qq 扣扣 企鹅号 小号 手机号 电话 私人号 二维码 联系方式 "
    "朋友圈 支付宝 企业微信 暗号 手机尾号 电话号码 号码 微信号 绿色软件 绿色app 绿色APP 绿软 小绿 "
    "收款码 付款码 "
    "公众号 助理的号 助理号 助理的微信 助理微信 经纪人的号 工作人员的号 "
    # Round 12: a staff member's own account (售后小妹的个人号).
    "个人号 私号"
)
# The shop's staff whose private contact is handed out (加我们营养师V信, 加班主任VX).
# ...and one of theirs introduced by whose they are (健身教练的店长微信): the prefix only with a staff noun.
_STAFF = (
    "(?:(?:[\u4e00-\u9fff]{1,4}的)?"
    + alt(
        "客服 助理 小助理 营养师 健康顾问 顾问 老师 班主任 店长 经理 专员 管家 导师 运营 售后 助教 教练 "
        "售后小妹 客服小妹 售后小姐姐 客服小姐姐 小妹 维修师傅 师傅"
    )
    + ")"
)
_SHOP_ELSEWHERE = alt(
    "小红书 红书 某书 某音 某手 微店 有赞 天猫 得物 唯品会 闲鱼 独立站 小程序 "
    "公众号 公众号商城 商城 APP app App"
)


# A warning against the practice (千万别私下转账, 别信私信你的陌生人, 主播从来不会让你加微信) is what a
# compliant host says: the channel words follow a warning, or a bare 别/不要 right before them.
_WARNING = re.compile(
    "千万(?:别|不要|不能)|切勿|谨防|小心|警惕|严禁|禁止|拒绝|绝不|从不|从来不|不会|别信|不要信|别相信|不要相信"
    "|冒充|防止|当心|(?:别|不要|不|不在|不用|不必|无需|没必要)$"
    # Round 12: a payment the shop says it does not take (也不收私人转账, 不接受私下转账, 别给任何人私下转钱).
    "|(?:不|没|别|不要)(?:收|接受|走|用|支持)(?:任何)?(?:私人|个人|私下)?$|(?:别|不要|千万别)(?:给|跟|和|向)(?:任何人|陌生人|别人)$"
    # Round 11: a rule that forbids it (平台不允许私下交易, 规定不让私下转账).
    "|(?:不让|不允许|不准|不许)$"
    # Round 13: the channel denied (这是平台推送，不是加群), the code the shop does not send (我们不发收款码),
    # and the 场控 told not to post it (你别在公屏发手机号).
    "|(?:不是|并不是|而不是)$|(?:不|没|别|不要)(?:发|给)$"
    "|(?:别|不要|不准|不许|不能)在[^，。,！？!?]{0,4}?(?:发|报|留|挂|贴)$"
)


# ...or the practice is named to be called a scam (任何私聊报价都是骗子).
WARNING_AFTER = re.compile("[^。！？!?]{0,8}?(?:骗子|诈骗|骗局|报警|不是我们|是假的|举报|别信|不要信)")
# Round 8: a group the shop says takes no money, all payment staying on the platform (群里只答疑、不收任何
# 费用，所有费用都在平台支付): a class or after-sales group, not a private channel.
_PAID_ON_PLATFORM = re.compile(
    "(?:都|只|全部|一律|一切)[^，。,]{0,6}?(?:在|走|通过)平台|平台(?:内)?(?:支付|付款|下单|完成)|不收(?:任何|一分)?(?:费用|钱)"
)
# The platform's own fan group (平台里的粉丝群, 抖音粉丝群) is on the platform, not a private channel.
_PLATFORM_GROUP = re.compile("(?:平台|抖音|快手|站内|官方)(?:的|里的?|内的?|自带的?)?(?:粉丝)?群|粉丝团")


def _warned(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    start = max(0, m.start() - 16)
    for boundary in "，。,！？!?；;\n":
        found = text.rfind(boundary, start, m.start())
        start = max(start, found + 1) if found >= 0 else start
    if WARNING_AFTER.match(text, m.end()) or conduct_scope.scoped(text, m):
        return True
    if "群" in m.group():
        sentence = _sentence(text, m)
        if _PLATFORM_GROUP.search(sentence) or _PAID_ON_PLATFORM.search(sentence):
            return True
    return _WARNING.search(text[start : m.start()]) is not None


def _delivery(text: str, m: re.Match[str], facts: ProductFacts) -> bool:
    """快递会电话联系你: the courier calling about delivery is logistics, not a private channel."""
    if _warned(text, m, facts):
        return True
    return re.search("快递|物流|配送|骑手|派送", text[max(0, m.start() - 10) : m.start()]) is not None


_PLATFORM = alt("某宝 淘宝 拼多多 京东 某东 某多多 闲鱼 某鱼 外面 线下")
_HERE = alt("这 这里 这儿 直播间 小黄车 平台 链接 购物车")
_CHEAPER_THERE = alt("便宜 划算 省 优惠 私 转 找我 加我 二维码 扫 某宝 淘宝 拼多多")
# Round 9: a private message to the host for a lower price or a link (DM我拿link, 私下发你链接), a private
# channel named in English, and an order phoned in and paid on delivery (打我电话订，货到给钱).
# ...cash collected at the door, and a relative's number handed out (记一下我儿子的手机).
_PRIVATE_DEAL = (
    "(?:DM|dm|私信|私聊)(?:我|主播|本人)[^。！？!?]{0,12}?(?:link|链接|私下|private|低价|更便宜|价格更|便宜)"
    "|(?:private|私人|私下)(?:的)?(?:渠道|通道|链接|link)|打我(?:的)?(?:电话|手机)|货到(?:了)?(?:再)?(?:给钱|付钱|付款)"
    "|(?:上门|当面)?收现金|(?:我|主播)(?:儿子|女儿|闺女|老公|老婆|媳妇|爱人|家里人|妈|爸)的(?:手机|电话|微信|号)"
)
_DIVERSION = [
    "(?:加|添加|搜|扫|留|留下|私信|联系|发|关注|备注|写|扣|报|DD|dd|滴滴)(?:一下|个|下)?"
    f"(?:我们|我|主播|你|您|你们|我哋|我地)?(?:的|个|下|嘅|那个|这个)?{_STAFF}?的?(?:个人|私人)?{_CONTACT}",
    "加(?:我|主播)的?(?:助理|小助理|经纪人|工作人员)",
    # Collecting a viewer's contact to reach them outside the platform: 手机号打在公屏, 微信…加你.
    f"{_CONTACT}[^。！？!?]{{0,8}}?(?:(?:打|发|留|写|扣)在(?:公屏|评论区|弹幕)"
    "|(?:我|助理|小助理|客服|主播)(?:私下|单独)?(?:加你|拉你|联系你))",
    # ...the shop's own app, mini-program or account mall (去我们自己的小程序下单, 去公众号商城买).
    f"(?:去|到|在)(?:我们?|咱们?|我家)?(?:自己|自家)?的?{_SHOP_ELSEWHERE}(?:店铺?|上|里)?[^。！？!?，,]{{0,8}}?(?:买|下单|拍|付款|搜)",
    "(?:打款|打钱|汇款|转钱|付钱)给?我|(?:直接|私下)(?:打款|汇款|打钱)",
    # Round 7: paid to the host's own card, ordered by phone, fetched from the host, found "where you know".
    lead(
        "给(?:我|主播|本人)(?:打款|打钱|汇款|转账|转钱)|打电话(?:订|买|下单|给我)|给我打电话"
        "|找我(?:拿|买|订|取)(?:货)?(?!麻烦)|知道去?(?:哪|哪里|哪儿)(?:找我|买|拍|下单)"
        "|[转打汇付](?:钱|款)?(?:到|进)(?:我|主播|本人)的?(?:卡|银行卡|账户|账上)"
    ),
    # Paying the host directly: 扫了直接付给我, 把钱转给主播.
    "(?:转|付|打|汇)(?:账|款|钱)?给(?:我|主播|本人)(?!们?的?(?:客服|平台|售后|官方))",
    "(?:扣|私|加|滴|找|戳)(?:个|一下)?[VvＶ](?![Ii][Pp])",
    "(?:扫码|扫一扫|截图扫)[^，。,！？!?]{0,4}?(?:进|加|入)|(?:进|来|加)我(?:们)?的?[^，。,！？!?]{0,4}?群",
    "群里(?:细聊|聊|说|报价|发价)|直播间(?:里)?不方便(?:讲|说|发|报)",
    # The shop's own store as the cheaper place to pay: 在我们门店付现金更便宜, 来我们线下店找我.
    "(?:在|到|去|来)(?:我们?的?)?(?:门店|实体店|线下店|店里|训练场|驾校|公司|办公室|工作室|现场)[^。！？!?]{0,8}?"
    "(?:便宜|划算|省|现金|找我|私下)",
    # Round 12: the money moved to a staff member's own account (让他直接把钱转给我们客服的个人号).
    "(?:转|打|汇|付)(?:账|款|钱)?(?:到|给|进)[^，。,！？!?]{0,8}?(?:个人号|私人号|个人卡|私人卡|个人微信|个人支付宝)",
    # The profile as a signpost to a channel: 主页简介有我的联系方式, 看头像…加好友.
    f"(?:主页|简介|头像|个签|签名|背景图)[^。！？!?]{{0,10}}?(?:{_CONTACT}|好友|(?:有|留了?|放了?|挂了?)个?号"
    # Round 12: ...or a name to search for in it (去我简介里搜那个名字).
    ")|(?:主页|简介)里?(?:面)?搜",
    # Round 11: ...and the other way round, the number pointed at on the profile (号码在主页背景图上,
    # 搜我头像下面那串数字).
    f"(?:{_CONTACT}|号)[^。！？!?]{{0,8}}?(?:在|看|搜|见|找)(?:我的?)?(?:主页|简介|头像|个签|签名|背景图)"
    "|(?:主页|简介|头像|个签|签名|背景图)[^，。,！？!?]{0,6}?(?:那串|那个|的)(?:数字|号)",
    # The host's own contact handed out: 我挨个把私人联系方式发给你们, 把微信私发给你.
    f"把(?:我的?|主播的?)?(?:个人|私人)?的?{_CONTACT}[^，。,！？!?]{{0,3}}?(?:发|私发|推|给)(?:给)?(?:你|您|大家)",
    # A shop outside this one as the place to pay: 去我们抖店以外的小店下单.
    "(?:以外|之外)的[^，。,！？!?]{0,4}?(?:店|渠道|平台)[^，。,！？!?]{0,4}?(?:下单|买|拍|付款)",
    # Elsewhere said to be cheaper than here: 那边比这儿便宜十块.
    "(?:那边|那里|外面|那儿|店里)比(?:这儿|这里|这边|直播间|链接|小黄车)[^，。,！？!?]{0,3}?(?:便宜|划算|省|优惠|低)",
    # Another platform as the place to buy: 去某宝搜我们店名, 上拼多多搜同名店铺, 去淘宝找我们家.
    f"(?:去|到|上|在|打开|点开)(?:我们?的?)?{_PLATFORM}(?:的?店|上|买|下单|[^，。,！？!?]{{0,6}}?(?:搜|找|逛|买|下单))",
    # A payment code of one's own, and the platform's own link as the dearer option (比拍链接省二十).
    "收款码|付款码|比(?:拍|在)?(?:链接|小黄车|直播间|平台|购物车)[^，。,！？!?]{0,4}?(?:便宜|省|划算|优惠|低)",
    # Paying past the platform (付钱别走平台, 不用平台支付) to the host's own code (扫我手机上这个码).
    "(?:别|不要|不用|不必|无需)(?:走|通过|经过)平台(?!以外|之外|外)"
    "|(?:别|不要|不用|不必|无需|不)(?:用|在)平台的?(?:支付|付款|付钱|交易)"
    "|扫(?:一下|一扫|下)?(?:我|主播|咱)(?:的|这个|这张|手机上的?|手机里的?)?[^，。,！？!?]{0,4}?码",
    # The host's other account or "over there" as cheaper (我们另一个号上卖得更低, 那边价格还能再低).
    "(?:我们|我|咱们?|咱家)的?(?:另一个|另外一个|另外的|其他|别的|小|副)(?:号|账号|店|小店|直播间)"
    "[^，。,！？!?]{0,6}?(?:更|还|再)?(?:便宜|低|划算|优惠|省)"
    "|(?:那边|那里|那儿)的?(?:价格|价钱|价)?[^，。,！？!?]{0,4}?(?:还能|还|更|再)再?(?:便宜|低|划算|优惠)",
    # A link or a share code sent by private message (私信给你们发个淘口令, 私信把链接甩给你).
    "私信(?:给)?(?:你|你们|您|大家)|私信[^，。,！？!?]{0,4}?(?:链接|口令|码|价格|报价)|淘口令|口令",
    # Round 10: a code, number or account on screen, a card or a pinned comment (扫屏幕右下角的二维码,
    # 名片上的电话), the platform said to forbid it (平台不让卖…看我主页), a company account.
    "(?:扫|看|加|打|搜|找|联系|关注|去)[^，。,！？!?]{0,4}?(?:屏幕|画面|评论区|置顶|名片|资料页"
    # Round 12: ...or on the sign behind the host (看我身后那个牌子，上面那一串数字).
    "|身后|背后|后面墙|墙上|牌子|招牌|灯牌|背景板)[^。！？!?]{0,12}?"
    "(?:二维码|码|号码?|电话|联系方式|账号|一串数字|那串数字|数字)|是(?:我|主播)的?(?:小号|私人号|个人号)"
    "|平台(?:不让|不允许|不给|上架不了|上不了)[^。！？!?]{0,12}?(?:主页|简介|资料|找我|私(?:信|聊|我|戳)|懂的)|对公(?:账户|转账|打款)",
    # Round 8: a lower price offered through a private contact (想要更低价的…我让助理单独联系你).
    "(?:更低价|更低的价|更便宜|更优惠|低价|内部价|底价)[^。！？!?]{0,24}?(?:单独|私下|悄悄|偷偷)(?:…*)(?:联系|加|找|发|拉|告诉)",
    # Round 13: a phone number handed over and the order placed with the warehouse (我给您个电话，您直接跟我们
    # 仓库订), and identity papers sent by private message for an offline counter (身份证…私信拍给我).
    "(?:给|报)(?:你|您|你们)个?(?:电话|号码|手机号)|直接(?:跟|找|联系|打给)(?:我们)?的?(?:仓库|厂里|厂家|工厂|老板|总部)"
    "(?:订|买|拿货|下单)",
    "(?:身份证|户口本|证件)[^。！？!?]{0,8}?(?:私信|私聊|私发|发我|拍给我)",
    # Not here, because elsewhere is cheaper: 别在这拍，扫…更划算.
    f"(?:别|不要|不用|先别)在{_HERE}里?(?:拍|下单|买|付款)[^。！？!?]{{0,16}}?{_CHEAPER_THERE}",
]
DIVERSION: list[Matcher] = [
    *(matcher("diversion.off_platform", p, allowed=_warned) for p in _DIVERSION),
    # Round 12: the shop's own app named with whose it is (走我们旅行社自己的小程序), and paid in it
    # (钱在小程序里付就行); behind the app words' gate, since 在/到/去 open the pattern almost anywhere.
    matcher(
        "diversion.off_platform",
        f"(?:走|用|去|到|在)(?:我们?|咱们?|我家)?[\u4e00-\u9fff]{{0,4}}?(?:自己|自家)的{_SHOP_ELSEWHERE}"
        f"|{_SHOP_ELSEWHERE}(?:里|上)(?:面)?(?:付|付款|支付|交钱|交定金|报名)",
        allowed=_warned,
        gate=_SHOP_ELSEWHERE,
    ),
    matcher(
        "diversion.off_platform",
        _PRIVATE_DEAL,
        allowed=_warned,
        gate="DM|dm|私信|私聊|private|私人|私下|打我|货到|现金|儿|女|老公|老婆|媳妇|爱人|家里人|妈|爸",
    ),
    matcher(
        "diversion.off_platform",
        f"{_CONTACT}(?:号)?(?:搜|加|联系|私聊|群|找我|下单|付款)",
        allowed=_delivery,
    ),
    matcher(
        "diversion.off_platform",
        alt(
            "私聊 私信我 私信下单 "
            "私下(?:交易|转账|转|联系|找我|加|付|打款|下单|买|卖|发|聊|拉|给你|沟通|约|同你|倾) "
            "加我个?好友 加主播好友 "
            "线下交易 不走平台 绕开平台 转账 扫码付款 扫码进群 进群 "
            # 群里的反馈: where the feedback came from, not a channel to join.
            "群里(?!的?(?:反馈|评价|评论|留言|声音)) 加群 内部价 退差价 站外 加V 加v 主页有联系 "
            "给你发链接 单独发链接 单独给你发 "
            "私我 私戳 私发 加好友 个人账户 私人账户 私户 个人收款码 "
            "朋友圈 内购 店外 场外 线下(?:给你)?发货 报个?暗号 直播间不好发 转我 "
            # Round 8: meeting to hand over goods and money (线下面交, 约个地方见面交易).
            "面交 当面交易 见面交易 当面交钱 见面交钱 见面付款 当面付款"
        ),
        allowed=_warned,
    ),
]
