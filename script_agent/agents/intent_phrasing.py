"""Round-12 phrasings, read back into the shapes the tables already know, before any slot is read.

Why rewriting rather than new branches: each is a way an author says a request the rules already
handle. A reason said first and the ask after 所以 (粉丝都打手游，所以卖点重点讲高刷): only the ask
fills slots. An offer spelled out in a promotion (把拍两箱减二十讲透) is the promotion's own content,
not a focus to check against the selling points. A persona (像李佳琦那样) is a tone; content added
into a script (里面加上X / 再加点X的内容) is more of X; 另拟一版 / 篇幅从简 / 短短的就行 are the
written register's and the chat register's 再来一版 / 短一点. A past festival named as a fact (去年双十一
卖了三千台) names no event. The patterns of a question (a tool asked about, an A-not-A adjective,
a question whose telling is asked after its mark) are here too; intent_questions reads them.
"""

from __future__ import annotations

import re

from script_agent.agents.intent_rewrite import rewrite
from script_agent.agents.intent_takes import retaken

_EVENTS = "618|双十一|双十二|双11|双12|年货节|七夕|女神节|开学季|黑五"
REWORDED: tuple[tuple[re.Pattern[str], str], ...] = (
    # 粉丝都打手游，所以…: the reason first, the ask after 所以
    (re.compile("^[^。？?]*?[，,。]\\s*所以(?:说)?[，,]?\\s*"), ""),
    # …多长合适？你跟她说说: the telling asked after the question is how it is answered
    (
        re.compile(
            "(?<=[？?])[\\s，,]*你?(?:跟|给|和)?(?:她|他|我)?(?:说说|讲讲|教教我|说一下|讲一下)[。！!]?$"
        ),
        "",
    ),
    (re.compile("^你?(?:跟|给|和)(?:她|他|我)(?:讲讲|说说|解释(?:一下|下)?)[，,]?(?=为什么|为啥)"), ""),
    (re.compile("一般(?:写|控制在|控制|要|是|在)(?=多长|多久|几分钟|多少字)"), "一般"),
    # 能不能跟观众说X / 可不可以直接说成X嘛 / X这个词能用不 / 话术里需要说吗: may it be said
    (
        re.compile(
            "(能不能|可不可以|能|可以)(?:直接)?(?:跟|和|对|给)(?:观众|粉丝|大家|家人们|直播间)(说|讲)"
        ),
        "\\1\\2",
    ),
    (
        re.compile(
            "(?:能不能|可不可以|能|可以)(?:直接)?(说|讲)(成|是)([^，,。？?]{1,14}?)(?:嘛|不|呀|啊)?([？?]?)$"
        ),
        "可以\\1\\2\\3吗\\4",
    ),
    (re.compile("(?<=[词法])能用(?:不|吗)|能用不"), "能不能用"),
    (re.compile("(?:需要|要)(说|提|讲)吗|(?:要不要|需不需要|用不用|该不该)(说|提|讲)"), "能不能提"),
    # 要不要加上 / 要不要在话术里带一句 / 要不要写“X”: whether a claim goes in is asked, like 要不要提
    (
        re.compile(
            "(?:要不要|需不需要|用不用|该不该)(?:在[^，,。？?]{1,6}?里)?(?:加上|加|带上|带|写上|写|补上|放)(?:一句|一下)?"
        ),
        "能不能提",
    ),
    # 这段能不能再压短点: an edit asked politely, not a question
    (re.compile("(?:能不能|可不可以|能否)(?=再?(?:压|缩|精简|删|砍|改|调|弄|搞|整))"), ""),
    # the offer spelled out in a promotion is its content, no focus
    (
        re.compile(
            "[，,]?把[^，,。]{0,16}?(?:减|送|赠|免息|折|券)[^，,。]{0,8}?(?:讲透|说透|说清楚|讲清楚|讲明白|说明白)"
        ),
        "",
    ),
    # 围绕618来: the festival the script is for, not a point
    (re.compile(f"(?:要)?围绕(?:着)?({_EVENTS})(?:来|展开|写)?"), "\\1"),
    (re.compile(f"(?:去年|前年|上次|上回)(?:的)?(?:{_EVENTS})"), "去年"),
    # 年货节已经过了，按日常场写: a festival over names no event; 快过年了，…年货节的: the one named wins
    (re.compile(f"(?:{_EVENTS})(?:已经|都|早就?)?(?:过了|过去了|结束了)"), "已过"),
    (re.compile(f"(?:快|要|马上)?过年了[，,]?\\s*(?=.*(?:{_EVENTS}))"), ""),
    # a persona's tone
    (re.compile("像(?:李佳琦|薇娅|罗永浩)(?:那样|那种|一样)(?:的)?"), "活泼一点"),
    (re.compile("像董宇辉(?:那样|那种|一样)(?:的)?"), "沉稳一点"),
    # content added into a script: more of it
    (
        re.compile(
            "(?:里面|里头|这版里面|这版|这段)(?:再)?(?:加上|加点|加入|补上)(?!笑点|互动|段子|幽默|梗|情绪|活力|气氛|感情|温度|语气)"
        ),
        "多讲讲",
    ),
    (re.compile("(?<=[\u4e00-\u9fffA-Za-z0-9%])的内容$"), ""),
    (re.compile("(?:加|多加)(?:几|两|一)句(?=互动)"), "加"),
    # 第二个比第一个带劲，但是…: a comparison of versions is a verdict, not a direction
    (re.compile("比第[一二三四五六七八九十0-9]{1,2}(?:个|版|段)(?:更)?(?:带劲|好|强|有意思)"), ""),
    # C里那股逗劲儿太过了，收一收 / 段子太多了，收着点: the restraint is of the humour named, not the energy
    (
        re.compile(
            "(?:那股|这股)?(?:段子|逗劲儿?|笑点|梗|搞笑)(?:也)?(?:太多|太过|过头|多)了?[，,]?\\s*"
            "(?:收一收|收着点|收敛点|收敛一点|收一点|收收)?"
        ),
        "少一点幽默",
    ),
    # 送壳和免息别再写错了: a caution, no part refused
    (re.compile("[，,]?\\s*(?:别|不要|可别)(?:再)?(?:写|弄|搞)错了?"), ""),
    # 618福利那段：…: the promotion's section, named by what it gives
    (re.compile("福利(?=那段|这段|那块)"), "促销"),
    # 长了，弄到三十秒: pressed to a time, like 压到
    (re.compile("(?<=[，,])\\s*(?:弄|搞|整)(?:到|成)(?=[0-9一二两三四五六七八九十半])"), "压到"),
    # 太拖了: a complaint of length, like 拖沓
    (re.compile("(?<=[太好真])拖(?=了|啦|$|[，,])"), "拖沓"),
    # 重点说它下雨也不怕: the pronoun before the focus is the product
    (re.compile("(?<=[说讲出调])它(?=[\u4e00-\u9fff]{2})"), ""),
    # 夸夸有六样果仁这一点 / 讲下卖点，就是涂嘴巴也可以涂脸那个: the point praised or pointed at
    (re.compile("(?:好好|专门|多)?夸夸(?:有)?([^，,。]{2,12}?)(?:这一点|这点|这个点)"), "重点讲\\1"),
    (re.compile("(?<=卖点)[，,]\\s*就是([^，,。]{2,12}?)(?:那个|的那个|那点)$"), "，重点讲\\1"),
    # registers
    (re.compile("另(?:请)?(?:再)?拟(?:一版|一个)"), "再来一版"),
    (re.compile("(?<![模虚])拟(?!一版)"), "写"),
    (re.compile("结束语"), "收尾"),
    # chat shorthand: 喊话 is interaction, 短了嘛 a wish for more, X那块讲讲 the point to dwell on
    (re.compile("喊话"), "互动"),
    # 感谢一下品牌方: 下品 here is no next product (一下 + 品牌)
    (re.compile("一下(?=品牌|品质|品类)"), ""),
    # 对比着学: two versions set side by side to learn from, not a competitor compared
    (re.compile("[，,]?(?:给|让)?(?:她|他|我)?对比着(?:学|练|看|用)"), ""),
    (re.compile("^短了(?=嘛|吧|呀|[，,])"), "偏短"),
    (re.compile("那块讲讲$"), "那块多讲讲"),
    (re.compile("[，,]就说送(?:的)?$"), ""),
    (re.compile("(?:让|给)(?:她|他)练(?=[\u4e00-\u9fff]{2})"), "讲"),
    (re.compile("篇幅从简|从简"), "短一点"),
    (re.compile("短短的(?:就行|就好|就可以)?"), "短一点"),
    # round 14: X那条多说两句 / X一定要讲 / …，卖点是X: the point to dwell on; 温和 a gentle tone (温和配方
    # is the product's)
    (re.compile("(?<=[\u4e00-\u9fff])(?:那条|这条|那个|这个)(?=多(?:说|讲)(?:两|几)句)"), "那块"),
    (
        re.compile(
            "(?![^，,。]*(?:免息|分期|减|送|赠|折|券|价))([^，,。！!？?\\s]{2,12}?)(?<![不别没莫甭都])(?:一定|必须)?要讲(?=$|[，,。！!])"
        ),
        "重点讲\\1",
    ),
    (re.compile("(?<=[，,])\\s*卖点是(?=[^，,。]{2,10}(?:$|[，,。]))"), "重点讲"),
    (re.compile("温和(?!配方|不刺激|无刺激|的配方)"), "温柔"),
    # 卖点那个再加点显腿长的 / 开场那段别光讲性价比，显高也讲讲: a point added to a script named
    (
        re.compile(
            "(?<=那段|这段|那个|这个)(?:再)?加(?:点|个|些)"
            "(?![^，,。]*(?:互动|段子|笑点|幽默|梗|情绪|活力|气氛|感情|温度|语气|味道|氛围|感觉|元素))"
            "([^，,。]{2,10}?)(?:的)?(?=$|[，,。])"
        ),
        "重点讲\\1",
    ),
    (re.compile("(?<=[，,])([^，,。]{2,8}?)也(?:讲讲|说说|提提)(?=$|[，,。])"), "重点讲\\1"),
)
_MARK = re.compile(
    "所以|[？?].*(?:说说|讲讲|教教|说一下|讲一下)|为什么|为啥|一般|说|讲|能用|提|能不能|可不可以|能否|把|围绕|去年|前年"
    "|上次|上回|像|加|比第|温和|卖点是|拟|从简|短短|喊话|短了|练|对比着|一下品|结束语|段子|逗|笑点|梗|搞笑|要不要|需不需要|用不用|该不该|错|过|它|夸|就是|拖|福利|弄到|搞到|整到|弄成|搞成|整成"
)
# 再来 alone (嗯 再来 / 好 再来 / 再来嘛 / 没情绪，再来): one more of the last
AGAIN = re.compile(
    "^(?:好|行|嗯|可以|ok|OK|太平淡)?[\\s，,]*(?:你)?再来(?:一下|一次|一遍)?(?:嘛|吧|呗|呀|啊|~)*[！!。]?$"
)
# a question about the tool itself (你一次最多能写多长 / 我能不能让你写英文的 / 你是怎么知道…)
TOOL_ASK = re.compile(
    # 你好，先问问，你能写开场吗？一般能写多长的？: what it can write, asked before anything is
    "(?:^|[，,。？?\\s])(?:一般|最多|最长|最久)(?:能|可以)写(?:多长|多久|几分钟|多少字)"
    "|^(?:你好[，,]?\\s*)?先问(?:问|一下|下)[，,]?\\s*你(?:能|会|可以)写"
    "|^你(?:一次)?(?:最多|最长|最快)|^你(?:是)?怎么知道|^你能记(?:住|得)|^(?:我)?(?:能不能|可不可以|可以|能)(?:让|叫)你"
)
# 收尾能写得带点互动不？ with nothing written yet: whether it can, asked (with scripts, an edit)
CAN_IT_WRITE = re.compile("(?:你)?(?:能|可以)写得[^，,。？?]{1,10}(?:不|吗|么)[？?]?$")
# 热量高不高 / 糖分多不多 closing the clause; 为什么… opening it
ADJ_A_NOT_A = re.compile("([高多贵大甜咸辣硬软重长厚])不\\1(?=$|[？?，,。啊呀呢])|^(?:为什么|为啥)")


def reworded(text: str) -> str:
    """The text with the round-12 phrasings, then round 13's versions and takes (intent_takes), in
    the tables' shapes (most turns have none)."""
    return retaken(rewrite(text, REWORDED, _MARK))
