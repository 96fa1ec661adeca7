"""Labelled turns the rules answer otherwise on purpose (part:line -> why), with the reason.

Mostly a focus the product data lacks (the author never saw it): the agent asks back with the real
selling points instead of inventing a claim (tests/writing/test_modifications.py), so the turns
after it count or edit one script fewer than the author expected. Apart from the accuracy tests so
the record does not grow them (test_intent_set.py has the story of each round).
"""

from __future__ import annotations

DISAGREED = {
    "heldout8:8": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout8:9": "refers to the selling-points script that question of :11 left unwritten",
    "heldout8:49": "口感 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout9:11": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout9:12": "edits the selling-points script that question of :11 left unwritten",
    "heldout9:15": "刚才收尾那段 counts the closing among scripts one fewer since :11 wrote none",
    "heldout9:16": "asks of the 持妆 script that :11 left unwritten",
    "heldout9:62": "拍照 is no selling point of the phone: the agent asks which of its points to stress",
    "heldout9:63": "edits the selling-points script that question of :62 left unwritten",
    "heldout9:66": "asks of the 拍照 script that :62 left unwritten",
    "heldout9:151": "不沾杯 is no selling point of the lipstick: the agent asks which point to stress",
    "heldout10:7": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout10:16": "10号 counts one script fewer since :7 wrote none: the agent asks which one",
    "heldout10:20": "配料 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout10:107": "送礼 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout10:108": "3号 counts one script fewer since :107 wrote none",
    "heldout10:110": "5号 counts one script fewer since :107 wrote none",
    "heldout10:114": "8号 counts one script fewer since :107 wrote none",
    "heldout10:133": "蓬松度 is no selling point of the jacket: the agent asks which of its points to stress",
    "heldout10:163": "拍照 is no selling point of the phone: the agent asks which of its points to stress",
    # round 9: the turns after heldout10's unknown focuses, and one tone read that the label leaves out
    "heldout10:10": "2号 counts one script fewer since :7 wrote none",
    "heldout10:11": "3号 counts one script fewer since :7 wrote none",
    "heldout10:12": "5号 counts one script fewer since :7 wrote none",
    "heldout10:14": "上上个 counts one script fewer since :7 wrote none",
    "heldout10:21": "edits the intro that the question of :20 left unwritten",
    "heldout10:22": "开场那段 is the latest opening, which :21 edited since :20 wrote no intro",
    "heldout10:24": "这段 counts one script fewer since :20 wrote none",
    "heldout10:63": "小美走温柔路线 asks a gentle tone, read as warmer too; the label keeps only calmer",
    "heldout10:164": "edits the intro that the question of :163 left unwritten",
    "heldout10:165": "another of the intro that :163 left unwritten",
    # round 9: heldout11's focuses the products lack, and the turns counting or editing past them
    "heldout11:6": "持妆 is no selling point of the lipstick: the agent asks which of its points to stress",
    "heldout11:7": "edits the selling-points script that question of :6 left unwritten",
    "heldout11:8": "这版 counts one script fewer since :6 wrote none",
    "heldout11:11": "counts one script fewer since :6 wrote none",
    "heldout11:107": "主打影像: imaging is no selling point of the phone: the agent asks which to stress",
    "heldout11:108": "夜景 is no selling point of the phone: the agent asks which of its points to stress",
    "heldout11:110": "counts two scripts fewer since :107 and :108 wrote none",
    "heldout11:111": "最早那版介绍 names the intro that :107 left unwritten",
    "heldout11:112": "上上个 counts two scripts fewer since :107 and :108 wrote none",
    "heldout11:148": "口感 is no selling point of the nuts: the agent asks which of its points to stress",
    "heldout11:149": "edits the selling-points script that question of :148 left unwritten",
    "heldout11:150": "edits the selling-points script that question of :148 left unwritten",
    "heldout11:151": "another of the selling-points script that :148 left unwritten",
    "heldout11:153": "counts one script fewer since :148 wrote none",
    # round 10: heldout12 turns labelled against an earlier part's convention for the same words
    "heldout12:63": "太干了 complains of dryness: livelier as well, as dev5:25 and heldout6:78 label it",
    "heldout12:74": "a word swapped for a given one is asked back (dev4:161, 把“家人们”换成“姐妹们”)",
    "heldout12:212": "加一句关注主播 asks for the follow, interaction+, as dev4:163 labels it",
    # round 11: a question about a script is answered, it refers to none (dev10:56 第四段现在多长 and
    # heldout10:125 那段618的促销…能讲多久 label no reference and no event); heldout12 and heldout13 do
    "heldout12:111": "a question about 快充那段 carries no reference, as dev10:56 labels 第四段现在多长",
    "heldout13:31": "a question about the script carries no reference, as dev10:56 labels 第四段现在多长",
    "heldout13:103": "a question about 正式那段 carries no reference, as dev10:56 labels 第四段现在多长",
    "heldout13:146": "a question about 七夕那段: no reference, no event, as heldout10:125 labels 那段618的",
    # round 12: heldout14 labels the same; five earlier blind authors (heldout6:119, heldout7:29,
    # heldout9:125, heldout10:125, heldout11:84) and five dev parts label none, so none it stays
    "heldout14:11": "a question about 这个收尾: no reference, as heldout6:119 labels 这段念完大概要多久",
    "heldout14:70": "a question about 该段话术: no reference, as heldout9:125 labels 念下来大概多长时间",
    "heldout14:98": "a question about 这段 carries no reference, as heldout6:83 labels 刚才那段大概多少字",
    "heldout14:121": "a question about 这段 carries no reference, as heldout6:119 labels 这段念完大概要多久",
    "heldout14:207": "a question about 这段 carries no reference, as heldout6:119 labels 这段念完大概要多久",
    "heldout14:47": "有啥活动 asks the offer, the promotion's, as dev12:85 labels 分期免息有几期来着",
    "heldout14:82": "a fact about the product asked is the intro's, as heldout10:124 labels 有什么区别呀",
    "heldout14:112": "大码也能穿 is no selling point of the jacket: the agent asks which point to stress",
    "heldout14:115": "counts one script fewer since :112 wrote none",
    "heldout13:125": "提醒点关注 asks for the follow, interaction+, as dev4:163 and dev6:76 (少喊…点关注) do",
    # round 13: heldout16's questions about one script keep the round-11 convention (no reference)
    "heldout16:45": "a question about 这段 carries no reference, as heldout6:119 labels 这段念完大概要多久",
    "heldout16:92": "a question about 这段 carries no reference, as heldout9:125 labels 念下来大概多长时间",
    "heldout16:185": "a question about 这段 carries no reference, as heldout6:119 labels 这段念完大概要多久",
    "heldout16:197": "a fact about the product asked is the intro's, as heldout10:124 labels 有什么区别呀",
    "heldout16:132": "睡着了 is sarcasm carrying its edit, lively+, as heldout13:85 (听了都要睡着) is read",
    "heldout13:141": "改甜一点 asks a sweeter tone, read as warmer (heldout16:202 labels 写甜一点 warm+)",
    # round 14: heldout17/18 turns labelled against an earlier part's convention, and a price not the data's
    "heldout17:229": "a switch naming its product writes the scene in force, as dev:54 labels 换成面膜",
    "heldout18:110": "逼单 is the promotion's push, as heldout:11 and dev3:16 label 逼单",
    "heldout18:172": "after a switch the next script of the product in play is a new one (generate)",
    "dev15:54": "原价一百五 is not the lipstick's 169: the agent asks back rather than quote it",
}
UNKNOWN_FOCUS = (
    "heldout8:8", "heldout8:49", "heldout9:11", "heldout9:62", "heldout9:151",
    "heldout10:7", "heldout10:20", "heldout10:133", "heldout10:163",
    "heldout11:6", "heldout11:108", "heldout11:148",
)  # fmt: skip
