"""Edits no writer here can honour without inventing facts or leaving the script's language.

Apart from intent_rules (its kind, scene and directive tables) because this table says what is
refused and why: each reason is shown to the user as said, with what can be done instead.
"""

from __future__ import annotations

import re

UNSUPPORTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("英文|英语|日语|韩语|外语|翻译"), "话术只用中文口播，暂时不能改写成其他语言"),
    (re.compile("粤语|方言|东北话|四川话|上海话"), "暂时不能改写成方言"),
    # 充电数据要注明测试条件 asks for the data's conditions to be stated, not for data to be made up
    (
        re.compile("销量|数据(?!线)(?![^，,。]{0,10}(?:测试条件|实验室|注明|标注|标明))|好评率|复购率|排名"),
        "商品资料里没有这些数据，编出来会违反广告法",
    ),
    (re.compile("明星|代言|同款|网红推荐"), "资料里没有代言或明星同款信息，不能凭空加上"),
    # 我对比一下 is the host weighing two versions, not a comparison to write
    (
        re.compile("竞品|(?<!我)(?<!我来)(?<!自己)(?<!想)对比|比一比|比别家|吊打"),
        "不能拿竞品做对比，容易构成贬低他人商品",
    ),
    # 限时限量那种 names a promotion tactic, not a stock figure to quote
    (re.compile("原价|划线价|(?<!限时)限量|最后几件|库存"), "资料里没有这些价格或库存信息，不能编造"),
)
