"""Regional Mandarin typed as said (四川, 东北, 上海), read back into the words the tables know.

Why a step of its own, like intent_register: hosts type the way they talk. A particle closing a
clause (卖冲锋衣嘞 / 羊毛老软额) hides the product head and the focus from the readers that expect
them to end the clause; the verbs and measure words (摆一哈 for 讲一下, 整 for 写, 写一只 for 写一个,
忒 for 太, 短一眼 for 短一点, 板 for 正式) are the same requests in other words. Mapping them once
keeps the tables in one vocabulary. Only recognition reads this; the writer gets the text as typed.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_rewrite import rewrite

_END = "(?=$|[\\s，,。！!？?；;~])"
# Each pattern with the Mandarin it reads as, in order (好伐 before 伐, 一只 before 只).
DIALECT: tuple[tuple[re.Pattern[str], str], ...] = (
    # a particle closing a clause: 卖冲锋衣嘞， / 老软额 / 好额， (嘞 between words is 的: 手机嘞开场)
    (re.compile("(?<=[\u4e00-\u9fffA-Za-z0-9])(?<![金余份限差总数名定超配])(?:嘞|额|噻)" + _END), ""),
    (re.compile("(?<=[\u4e00-\u9fff])嘞(?=[\u4e00-\u9fff])"), "的"),
    # 上海: 好伐 closing a request is politeness; 伐 closing a question is 吗; 侬 你, 阿拉 我们, 迭只 这个
    (re.compile("好伐" + _END), ""),
    (re.compile("(?<=\\S)伐(?=[？?]|$)"), "吗"),
    (re.compile("侬"), "你"),
    (re.compile("阿拉"), "我们"),
    (re.compile("迭只|迭个"), "这个"),
    (re.compile('(?<=[\u4e00-\u9fff])好讲(?=[“"「『])'), "能讲"),
    (re.compile("勿要"), "不要"),
    # 江西 / 湖南: 港“X” 讲“X”, 要得不 closing a question 可以吗
    (re.compile('港(?=[“"「『])'), "讲"),
    (re.compile("要得(?:不|吗|么)(?=$|[？?])"), "可以吗"),
    (re.compile("忒"), "太"),
    (re.compile("(?<=[\u4e00-\u9fff])一眼" + "(?=$|[\\s，,。！!？?；;好])"), "一点"),
    # 写一只 / 来一只 / 弄只开场: a script counted like an item
    (
        re.compile("(?<=[写来弄整出])(一)?只(?=开场|卖点|收尾|促销|产品|介绍|嘛|吧|$|[\\s，,。！!？?])"),
        "一个",
    ),
    # 四川: 摆一哈X / 多摆几句 tell; 啷个 怎么; 板 / 板正 stiff, as 正式
    (re.compile("摆(?:一)?哈"), "讲"),
    (re.compile("(?<=[多再])摆"), "讲"),
    (re.compile("啷个"), "怎么"),
    (re.compile("板正|(?<=[太那么好])板(?![书子凳栗])"), "正式"),
    # 东北: 唠唠 / 多唠唠 tell, 热乎 warm
    (re.compile("(?<!多)唠唠(?=[\u4e00-\u9fff]{2})"), "讲"),
    (re.compile("唠唠|唠一唠"), "讲讲"),
    (re.compile("热乎"), "亲切"),
    # 陕西 嘹咋咧 / 攒劲, 天津 倍儿精神, 杭州 木佬佬 (very), 贵州 板扎 (great): energy and praise
    (re.compile("嘹咋咧|嘹得很"), "热闹"),
    (re.compile("攒劲"), "带劲"),
    (re.compile("倍儿精神"), "精神点"),
    (re.compile("木佬佬"), "很"),
    (re.compile("板扎(?:得很)?"), "很好"),
    # 贵州: 哪样 什么, 有没得 有没有
    (re.compile("(?<=是)哪样(?=的|[？?，,]|$)"), "什么"),
    (re.compile("有没得"), "有没有"),
    # 广西: 得不得写X点 asks leave to make it so, an edit
    (re.compile("得不得(?:写|弄|搞)(?=[\u4e00-\u9fff]{1,3}(?:点|些|一点))"), "能不能改得"),
)
_MARK = re.compile(
    "嘹|攒劲|倍儿|木佬佬|哪样|没得|得不得|港|要得|嘞|额|噻|伐|侬|阿拉|迭|勿要|忒|一眼|只|摆|啷个|板|唠|热乎"
)


def mandarin(text: str) -> str:
    """The text with its regional words read as Mandarin (most turns have none: one search)."""
    return rewrite(text, DIALECT, _MARK)
