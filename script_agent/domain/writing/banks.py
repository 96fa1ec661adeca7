"""Per-category phrase banks: hooks, moments of use and demonstrations a host of that category says.

Why per category: a food host opens on hunger at 3 pm, a beauty host on a face at 8 am; one generic
bank reads the same for a lipstick and a phone. Lines carry no facts of their own (no prices,
numbers or claims): facts come from the product data only. `{n}` is the product's short name.
"""

from __future__ import annotations

from dataclasses import dataclass

from script_agent.domain.knowledge import GENERIC_CATEGORY, normalize_category


@dataclass(frozen=True)
class CategoryBank:
    hooks: tuple[str, ...]  # the viewer's pain point or wish, as a question or a scene
    moments: tuple[str, ...]  # when the viewer would reach for it
    intro_demos: tuple[str, ...]  # showing the product itself on camera
    next_items: tuple[str, ...]  # what the closing previews


BANKS: dict[str, CategoryBank] = {
    "美妆": CategoryBank(
        hooks=("早上化完妆，到中午是不是就得补一次？", "是不是总觉得梳妆台上的东西不少，真正天天用的没几样？",
               "有没有想找一样东西，素颜也能用、化妆也能配？"),
        moments=("早上赶着出门的时候", "约会见朋友之前", "上班开会一整天"),
        intro_demos=("我先拿给大家看一下包装和管身", "我打开给大家看一下里面的样子"),
        next_items=("下一场我们聊聊日常的底妆", "下次给大家带几样通勤好用的单品"),
    ),
    "食品": CategoryBank(
        hooks=("下午三四点是不是总想找点东西吃？", "追剧的时候手边是不是总缺一口零嘴？",
               "想给家里囤点吃的，又怕买回来没人吃？"),
        moments=("下午犯困的时候", "周末追剧的时候", "出门旅行的路上"),
        intro_demos=("我先把包装拿给大家看一下", "我拆开一份给大家看看里面"),
        next_items=("下一场给大家带几样早餐好物", "下次我们一起试吃几款新口味"),
    ),
    "服饰": CategoryBank(
        hooks=("换季了，是不是一打开衣柜就觉得没衣服穿？", "是不是总买到上身和图片不一样的衣服？",
               "想要一件出门随手一穿就好看的，是不是很难挑？"),
        moments=("上班通勤路上", "周末出门逛街", "和朋友聚会的时候"),
        intro_demos=("我先把它整个展开给大家看", "我拿近一点给大家看看做工"),
        next_items=("下一场给大家带几套通勤搭配", "下次我们聊聊换季怎么搭"),
    ),
    "数码": CategoryBank(
        hooks=("手机用到下午就没电，是不是挺烦的？", "买数码产品，是不是总怕参数看着好、用起来不行？",
               "想换一台日常用着顺手的，是不是挑花了眼？"),
        moments=("通勤路上刷视频", "出差开会的时候", "周末出去拍照"),
        intro_demos=("我先开机给大家看一下", "我把它拿近给大家看看机身"),
        next_items=("下一场给大家带几样实用的配件", "下次我们一起聊聊怎么挑耳机"),
    ),
    "家居": CategoryBank(
        hooks=("下班回家，是不是最怕家里乱糟糟的？", "家里是不是总有几样东西用着不顺手？",
               "想让家里住着舒服点，又不想折腾？"),
        moments=("下班回到家", "周末大扫除的时候", "家里来客人的时候"),
        intro_demos=("我先把它摆出来给大家看", "我拿近给大家看看材质和做工"),
        next_items=("下一场给大家带几样收纳好物", "下次我们聊聊厨房里的好帮手"),
    ),
    "母婴": CategoryBank(
        hooks=("带娃的时候，是不是总觉得手不够用？", "给宝宝挑东西，是不是总要反复比好几家？",
               "新手爸妈是不是最怕买回来用不上？"),
        moments=("夜里照顾宝宝的时候", "带宝宝出门的时候", "宝宝午睡前后"),
        intro_demos=("我先把它拿出来给大家看", "我把细节拿近给宝妈们看看"),
        next_items=("下一场给大家带几样出行好物", "下次我们聊聊宝宝的日常用品"),
    ),
    GENERIC_CATEGORY: CategoryBank(
        hooks=("是不是一直想找一样日常真正用得上的东西？", "买东西是不是最怕买回来就闲置？",
               "有没有想过，日常里有些小麻烦其实能省掉？"),
        moments=("日常生活里", "上班通勤时", "周末在家时"),
        intro_demos=("我先拿给大家看一下", "我拿近给大家看看细节"),
        next_items=("下一场还有更多好物", "下次给大家带几样新品"),
    ),
}  # fmt: skip


def bank(category: str | None) -> CategoryBank:
    return BANKS.get(normalize_category(category) or "", BANKS[GENERIC_CATEGORY])


# Lines of every category, picked by the variant so 再来一段 reads differently.
GREETINGS = ("晚上好，欢迎来到直播间", "欢迎刚进来的朋友", "大家好，我们的直播开始啦")
FORMAL_GREETINGS = ("大家好，欢迎来到直播间", "欢迎各位来到今天的直播间")
TEASES = ("今天给大家带来的是这款{n}", "今天要跟大家好好聊的，是这款{n}", "先给大家看今天的主角：{n}")
ASKS = ("想要的在公屏扣1，让我看看有多少人", "有没有已经在等这一款的？在评论区告诉我",
        "刚来的点个关注，想要的扣个1")  # fmt: skip
MORE_ASKS = ("大家平时用的是什么样的？打在公屏上", "有问题随时打在公屏上，我一个一个回答",
             "觉得有用的扣个“有用”，我看看有多少人")  # fmt: skip
TRANSITIONS = ("来，给大家仔细介绍一下这款{n}", "接下来这几分钟，好好给大家讲讲这款{n}",
               "来，把这款{n}拿近给大家看看")  # fmt: skip
POINT_LEADS = ("先说第一点", "第二点", "第三点", "还有一点", "再说一点", "最后说一点")
FORMAL_LEADS = ("首先", "其次", "第三", "另外", "此外", "最后")
CTAS = ("想要的直接点下方购物车链接下单", "想要的现在就可以点开小黄车下单", "心动的点开购物车链接就可以拍下")
HOW_TO_BUY = ("点开屏幕下方的购物车，找到这款，确认好再付款",
              "不会操作的看这里：点购物车，选这款，下单就可以")  # fmt: skip
AFTER_SALE = ("下单以后的发货和售后，都按平台的规则来，有问题随时找客服",)
NO_PRESSURE = ("暂时用不上的朋友也不用勉强，点个关注，看看后面的好物",)
RATIONAL = ("按自己的需要买就好，理性消费", "用得上再下单，不用跟风", "先看看自己需不需要，需要再拍")
THANKS = ("谢谢大家今天的陪伴", "感谢大家一直陪着我", "今天辛苦大家陪我到现在")
FOLLOW = ("记得点个关注，我们下次见", "点个关注，开播第一时间就能看到", "关注一下，下次直播不迷路")
