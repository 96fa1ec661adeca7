"""Round-12 families (tuned on blind10): a claim declared unsaid and then winked at, a rank implied
without the word, diseases a device is said to find, conditions shrunk, dispersed or gone, 降 said by a
homophone, haemoglobin climbing and weight falling on food, medical effects whispered across pauses or
licensed by a 特证, effects promised as a sense restored, a score raised or a certificate won, staff
shown by their uniform and their purchases counted, a user's story as proof for a health product,
another seller's price as the reference, the lowest of a year and a past promotion, children left
behind and rooms gone, staff accounts and the shop's own mini-program, cash at the training ground,
numbers on the sign behind the host, bad reviewers blacklisted and bad reviews paid away, shills,
rivals by their kind of service, 〇 for 零; look-alikes: a contest's placing, a building's top floor, a
battery's duration and the smallest size, weight loss left to the eater, an institution's usual
advice on timing, a cut off the shop's own usual price, a future price left open, a payment the shop
refuses, the label's own 无添加 read out.

Every phrase here is new (in no corpus split): a family is only fixed when a paraphrase the rules were
not written from behaves the same way. A look-alike must come out with no finding at all.
"""

from __future__ import annotations

import pytest

from tests.compliance.support import categories


@pytest.mark.parametrize(
    ("text", "category", "product"),
    [
        # A rank implied without the word (广告法 art. 9(3)).
        ("这个牌子的电动牙刷，同价位的都只能跟在它后头", "absolute", None),
        ("排行榜我不念了，反正它头顶上没有别的牌子，你们懂吧", "absolute", None),
        # A disease a device finds, a condition gone or shrunk, thanks foretold (广告法 art. 17).
        ("这个智能手环能帮你把早搏、心律不齐这些都查出来，省得排队挂号", "medical", None),
        ("我二姨的胆结石用了这个按摩带，三个月缩小了不少", "medical", None),
        ("腱鞘炎的宝子们，这个护腕戴一个月，回来谢我", "medical", None),
        # 降 by a homophone, haemoglobin and weight on food (食品安全法 art. 73).
        ("这款玉米须茶，'酱'血压，懂的都懂，天天泡着喝", "food_health", None),
        ("这包红豆薏米粉喝了半个月，体重自己哗哗往下掉", "food_health", None),
        # A medical effect on a skin product, licensed by a 特证 or whispered (化妆品监督管理条例 art. 37).
        ("这瓶祛斑精华有特证，老年斑抹两个月连根拔掉", "cosmetics", "whitening"),
        ("慢慢……涂在淤青上……这支乳霜……第二天……就化开了……", "cosmetics", None),
        # A sense, a score or a certificate promised and paid for (广告法 art. 28).
        ("这个助听器包你听得清，听不清原价退给你", "guarantee", None),
        ("跟着我们的会计班学，保证一次拿证，拿不到证免费重读", "guarantee", None),
        # Staff by their uniform and their purchases; a user's story as the proof (广告法 art. 16).
        ("不说是哪个科的，就说穿白大褂那几位，一人买了四盒这个护眼贴", "endorsement", None),
        ("这位六十多岁的陈阿姨，用了我们的足疗仪，说现在走路膝盖不疼了，这就是真实效果", "endorsement", None),
        # Another seller's price as the reference (明码标价和禁止价格欺诈规定 art. 19).
        ("这套护肤疗程美容院做一次要一千多，我们这一整套才三百九", "price", None),
        # Children left behind for not buying (网络直播营销管理办法 art. 18).
        ("你再犹豫不给孩子买这套练习册，下学期成绩就跟不上了", "pressure", None),
        # A staff member's own account, cash at the shop's own ground.
        ("退换货别走平台，直接加客服小姐姐的个人号，更快", "diversion", None),
        # Bad reviewers threatened, the shop's own people posing as buyers (电子商务法 art. 17).
        ("谁打一星的我们就拉进黑名单，以后福利都没他的份", "review", None),
        # Rivals by their kind of service (广告法 art. 13).
        ("那些旅行社的一日游全是购物团，进去不买不让走", "disparage", None),
    ],
)
def test_the_round_12_families_are_flagged(text: str, category: str, product: str | None) -> None:
    assert category in categories(text, product), text


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # A contest's placing, a building's top floor, a duration and a size in the range.
        ("我们的面点师傅前年拿了市里面点比赛第一名，证书就在店里", None),
        ("这间办公室在大厦最高的那层，采光好，就是电梯要多等一会儿", None),
        ("这个充电宝给手机充电最长能撑两天，看你怎么用", None),
        ("这条裤子最小的S码适合腰围六十厘米左右", None),
        # Weight loss left to the eater.
        ("这款全麦面包就是早餐，想瘦还是得靠管住嘴", None),
        # An institution's usual advice on timing.
        ("驾校一般建议夏天之前把科目一考完，不用急着今天报", None),
        # A cut off the shop's own usual price, the usual price said to be today's too.
        ("我不说全网最低，就是在我们店平时的价上再减五十，到手三百九十九", None),
        ("这台电饭煲日常就卖三百九十九，今天直播间也是三百九十九，多送一个蒸笼", None),
        # A future price left open.
        ("学区房以后涨不涨谁也说不准，我只保证手续齐全", None),
        # A payment the shop refuses, a warning against private transfers.
        ("报名费只在直播间拍，训练场不收现金，也不收任何个人转账", None),
        ("售后都走平台，别给任何人私下转钱，客服不会加你个人号", None),
        # The label's own 无添加 read out and explained.
        ("袋子上写的是无添加白砂糖，就是没额外放糖，燕麦本身还有一点糖分", None),
        # Bad reviews answered, not removed; a warning against praise for hire.
        ("差评我们一条条回复，不会删，也不会拉黑谁", None),
        ("有人在评论区说医生推荐的，你们多长个心眼，我们没请过任何医生", None),
        # A device's reading and advice to see a doctor.
        ("这个手环能看心率和睡眠时长，数据仅供参考，不能用来诊断疾病", None),
        # Rivals named without a smear, advice on how to choose.
        ("报团之前看清楚合同里有没有购物点，哪家都一样要看", None),
        # A whispered demonstration with no effect claimed.
        ("慢慢地……把面霜……推开……让它……吸收……", None),
        # 〇 as a batch number.
        ("〇号色浅一点，一号色深一点，按肤色选", None),
    ],
)
def test_the_round_12_look_alikes_pass(text: str, product: str | None) -> None:
    assert not categories(text, product), text
